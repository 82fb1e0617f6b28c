"""From stored changes to one reader's report: filter, merge repeats, group, order, count (pure).

Order is the analyst's: county, then municipality, then change kinds in
report order (``ChangeKind.order``: contacts first, text last). A change seen identically
on ``shared_min`` or more municipalities (a CMS template update, the same
sentence pasted on 40 sites) becomes one entry listing them, not 40.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from crawler.clock import DEFAULT_TIMEZONE, as_utc, local_text, local_time, zone
from crawler.config import Subscriber
from crawler.report.i18n import document_reason, kind_label, reason_text, words
from crawler.report.model import (
    County,
    DocumentFailure,
    DocumentFailureLine,
    DocumentFailures,
    DocumentRecoveredLine,
    DocumentRecoveries,
    DocumentRecovery,
    Entry,
    FailureEvent,
    FailureLine,
    Municipality,
    Part,
    Replacement,
    ReplacementLine,
    ReplacementNews,
    Report,
    ReportData,
    RunInfo,
    SiteRef,
    StoredChange,
)
from crawler.report.present import diff_parts, document_excerpts, document_summary, link, value_parts
from crawler.report.safe import clean
from crawler.vocab import CHANGE_KINDS, FILE_KINDS, LOST_KINDS, ChangeKind, kind_order

SHARED_MIN = 3
#: A site's id -> how the report names it (a site no longer in the sites file is named by its id).
SiteOf = Callable[[str], SiteRef]
_SWEDISH = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_key(text: str) -> str:
    """Sort like a Swedish reader: å, ä, ö after z."""
    return text.casefold().translate(_SWEDISH)


def matches(subscriber: Subscriber | None, change: StoredChange, site: SiteRef) -> bool:
    """Whether a subscriber's filters (all given ones must hold) let this change through."""
    if subscriber is None:
        return True
    if subscriber.kinds and change.kind not in subscriber.kinds:
        return False
    return site_matches(subscriber, site)


def site_matches(subscriber: Subscriber | None, site: SiteRef) -> bool:
    if subscriber is None:
        return True
    if subscriber.sites and site.id not in subscriber.sites:
        return False
    return not (subscriber.counties and (site.county or "") not in subscriber.counties)


def build_report(
    data: ReportData,
    *,
    lang: str = "sv",
    subscriber: Subscriber | None = None,
    tz: str = DEFAULT_TIMEZONE,
    now: datetime,
    shared_min: int = SHARED_MIN,
) -> Report:
    where = zone(tz)
    site_of = _site_lookup(data.sites)
    changes = [c for c in data.changes if matches(subscriber, c, site_of(c.site_id))]
    changes.sort(key=lambda c: (kind_order(c.kind), as_utc(c.detected_at), c.id))
    shared, single = _split_shared(changes, shared_min)
    shared_entries = [_entry(group, site_of, lang, where) for group in shared]
    counties = _group(single, site_of, lang, where, data.replacements)
    shown = [e.replacement for c in counties for m in c.municipalities for e in m.entries if e.replacement]
    news = [
        ReplacementNews(site_of(r.site_id), link(r.lost_url) if r.lost_url else None, _line(r))
        for r in data.later_replacements
        if site_matches(subscriber, site_of(r.site_id)) and r.site_id not in {s.site_id for s in shown}
    ]
    news.sort(key=lambda n: swedish_key(n.site.name))
    failures = [f for f in data.failures if site_matches(subscriber, site_of(f.site_id))]
    documents = [d for d in data.document_failures if site_matches(subscriber, site_of(d.site_id))]
    document_news = [d for d in documents if d.news]
    recoveries = [d for d in data.document_recoveries if site_matches(subscriber, site_of(d.site_id))]
    continuing = [f for f in data.continuing if site_matches(subscriber, site_of(f.site_id))]
    counts: defaultdict[str, int] = defaultdict(int)
    for change in changes:
        counts[change.kind] += 1
    sites_touched = {c.site_id for c in changes}
    interrupted = [r for r in data.runs if r.status == "interrupted"]
    outages = [r for r in data.runs if r.outage]
    date = report_date(data.runs, now, where)
    w = words(lang)
    totals = _totals(len(changes), len(sites_touched), w)
    catch_up = 0
    if data.current_run_id is not None:
        catch_up = sum(1 for c in changes if c.run_id != data.current_run_id)
    return Report(
        lang=lang,
        date=date,
        subject=_subject(totals if changes else w["no_changes"], date, w, bool(interrupted), bool(outages)),
        total_changes=len(changes),
        total_sites=len(sites_touched),
        totals=totals,
        kind_counts=[(k, kind_label(k, lang), counts[k]) for k in CHANGE_KINDS if counts[k]],
        shared=shared_entries,
        counties=counties,
        failing=[_failure_line(f, site_of, w, where, lang) for f in failures if f.kind == "failing"],
        recovered=[_failure_line(f, site_of, w, where, lang) for f in failures if f.kind == "recovered"],
        continuing=len(continuing),
        warnings=[w["interrupted"].format(run=r.id, started=local_text(r.started_at, where)) for r in interrupted]
        + [
            w["outage"].format(run=r.id, started=local_text(r.started_at, where), unreached=r.unreached, pages=r.pages)
            for r in outages
        ],
        catch_up=catch_up,
        change_ids=[c.id for c in changes],
        notice_keys=[f.key for f in failures]
        + [d.key for d in document_news]
        + [d.key for d in recoveries]
        + [s.key for s in shown]
        + [n.line.key for n in news]
        + [r.outage_key for r in outages],
        replacement_news=news,
        outage=bool(outages),
        outage_news=any(r.outage_key not in data.told for r in outages),
        document_failing=_document_failures(document_news, site_of, where, lang),
        documents_continuing=sum(1 for d in documents if not d.news),
        document_recovered=_document_recoveries(recoveries, site_of, where),
    )


def _subject(what: str, date: str, w: dict[str, str], interrupted: bool, outage: bool = False) -> str:
    """ "kommunvakt: 7 ändringar i 5 kommuner, 2026-11-22": the whole news in the inbox line."""
    notes = [w["interrupted_subject"]] * interrupted + [w["outage_subject"]] * outage
    tail = f" ({', '.join(notes)})" if notes else ""
    return f"kommunvakt: {what}, {date}{tail}"


def _totals(changes: int, sites: int, w: dict[str, str]) -> str:
    """ "7 ändringar i 5 kommuner": the counts with their words in the right number."""
    return w["totals"].format(
        changes=changes,
        changes_word=w["change"] if changes == 1 else w["changes"],
        sites=sites,
        sites_word=w["municipality"] if sites == 1 else w["municipalities"],
    )


def _site_lookup(sites: dict[str, SiteRef]) -> SiteOf:
    def site_of(site_id: str) -> SiteRef:
        return sites.get(site_id) or SiteRef(id=site_id, name=site_id)

    return site_of


def _fingerprint(change: StoredChange) -> str:
    return json.dumps([change.kind, change.old, change.new], sort_keys=True, ensure_ascii=False, default=str)


def _split_shared(changes: list[StoredChange], shared_min: int) -> tuple[list[list[StoredChange]], list[StoredChange]]:
    by_print: dict[str, list[StoredChange]] = defaultdict(list)
    for change in changes:
        by_print[_fingerprint(change)].append(change)
    shared: list[list[StoredChange]] = []
    single: list[StoredChange] = []
    for group in by_print.values():
        if len({c.site_id for c in group}) >= shared_min:
            shared.append(group)
        else:
            single.extend(group)
    shared.sort(key=lambda g: (kind_order(g[0].kind), -len(g)))
    single.sort(key=lambda c: (kind_order(c.kind), as_utc(c.detected_at), c.id))
    return shared, single


def _entry(
    group: list[StoredChange], site_of: SiteOf, lang: str, where: ZoneInfo, replacement: Replacement | None = None
) -> Entry:
    first = group[0]
    sites = sorted({c.site_id: site_of(c.site_id) for c in group}.values(), key=lambda s: swedish_key(s.name))
    pages = [link(c.url) for c in sorted(group, key=lambda c: swedish_key(site_of(c.site_id).name))]
    diff = diff_parts(first.detail) if first.kind == ChangeKind.TEXT_CHANGED else None
    document = first.kind in FILE_KINDS
    return Entry(
        kind=first.kind,
        label=kind_label(first.kind, lang),
        sites=sites,
        pages=pages,
        old=None if diff else value_parts(first.kind, first.old, lang),
        new=None if diff else value_parts(first.kind, first.new, lang),
        diff=diff,
        detected_at=local_text(first.detected_at, where),
        change_ids=[c.id for c in group],
        replacement=_replacement_line(first, replacement) if len(group) == 1 else None,
        summary=document_summary(first.old, first.new, first.detail, lang) if document else [],
        excerpts=document_excerpts(first.detail) if document else [],
    )


def _replacement_line(change: StoredChange, found: Replacement | None) -> ReplacementLine | None:
    """Discover's candidate, under the disappearance it answers (the lost URL must be this change's)."""
    if found is None or change.kind not in LOST_KINDS:
        return None
    if found.lost_url is not None and found.lost_url not in (change.old, change.url):
        return None
    return _line(found)


def _line(found: Replacement) -> ReplacementLine:
    return ReplacementLine(link(found.url), f"{found.score:.2f}", found.confident, found.site_id, found.key)


def _group(
    changes: Iterable[StoredChange],
    site_of: SiteOf,
    lang: str,
    where: ZoneInfo,
    replacements: dict[str, Replacement] | None = None,
) -> list[County]:
    w = words(lang)
    found = replacements or {}
    per_site: dict[str, list[Entry]] = defaultdict(list)
    for change in changes:
        per_site[change.site_id].append(_entry([change], site_of, lang, where, found.get(change.site_id)))
    per_county: dict[str, list[Municipality]] = defaultdict(list)
    for site_id, entries in per_site.items():
        site = site_of(site_id)
        home = link(site.home, w["home"]) if site.home else None
        per_county[site.county or w["unknown_county"]].append(Municipality(site, home, entries))
    return [
        County(name, sorted(munis, key=lambda m: swedish_key(m.site.name)))
        for name, munis in sorted(per_county.items(), key=lambda item: swedish_key(item[0]))
    ]


def _failure_line(event: FailureEvent, site_of: SiteOf, w: dict[str, str], where: ZoneInfo, lang: str) -> FailureLine:
    site = site_of(event.site_id)
    return FailureLine(
        site=site,
        home=link(site.home) if site.home else None,
        since=local_text(event.since, where),
        at=local_text(event.at, where),
        reason=clean(reason_text(event.reason, lang) if event.reason else None, 300) or w["reason_unknown"],
    )


def _document_title(url: str, title: str | None) -> str:
    return title or unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or url


def _document_failures(
    failures: Iterable[DocumentFailure], site_of: SiteOf, where: ZoneInfo, lang: str
) -> list[DocumentFailures]:
    """The documents that began failing, under their municipality (Swedish order), each with its reason."""
    w = words(lang)
    per_site: dict[str, list[DocumentFailureLine]] = defaultdict(list)
    for failure in failures:
        title = _document_title(failure.url, failure.title)
        reason = document_reason(failure.failure, failure.reason, lang)
        per_site[failure.site_id].append(
            DocumentFailureLine(
                document=link(failure.url, title),
                reason=clean(reason, 300) or w["reason_unknown"],
                since=local_time(failure.since, where),
            )
        )
    groups = []
    for site_id, lines in per_site.items():
        site = site_of(site_id)
        groups.append(DocumentFailures(site, link(site.home) if site.home else None, lines))
    return sorted(groups, key=lambda g: swedish_key(g.site.name))


def _document_recoveries(
    recoveries: Iterable[DocumentRecovery], site_of: SiteOf, where: ZoneInfo
) -> list[DocumentRecoveries]:
    """The documents that work again, under their municipality (Swedish order), each with since and when."""
    per_site: dict[str, list[DocumentRecoveredLine]] = defaultdict(list)
    for recovery in recoveries:
        per_site[recovery.site_id].append(
            DocumentRecoveredLine(
                document=link(recovery.url, _document_title(recovery.url, recovery.title)),
                since=local_text(recovery.since, where),
                at=local_text(recovery.at, where),
            )
        )
    groups = []
    for site_id, lines in per_site.items():
        site = site_of(site_id)
        groups.append(DocumentRecoveries(site, link(site.home) if site.home else None, lines))
    return sorted(groups, key=lambda g: swedish_key(g.site.name))


def report_date(runs: Sequence[RunInfo], now: datetime, where: ZoneInfo | str) -> str:
    """The report's date (local): the day its newest run started, else today."""
    moments = [as_utc(r.started_at) for r in runs]
    return local_time(max(moments) if moments else now, where)[:10]


__all__ = ["build_report", "local_time", "report_date", "matches", "site_matches", "swedish_key", "Part"]
