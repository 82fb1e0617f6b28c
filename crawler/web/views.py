"""One view per page: a plain, JSON-safe dictionary that the HTML template renders and the JSON twin returns.

Times stay in their stored form (ISO 8601, UTC) and values in their machine form, as in
`kommunvakt changes --format json`; the templates show them as people read them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from crawler.diff import diff_records, restless_parts, word_diff
from crawler.record import PageRecord
from crawler.registry import SiteEntry
from crawler.vocab import ChangeKind
from crawler.web import queries as q
from storage.models import ChangeRow, CrawlRun, Fetch, Page, Snapshot, Triage
from storage.queries import as_utc, change_as_json, page_of
from storage.repository import versions_before

RUN_FIGURES = ("fetched", "unchanged", "changed", "new", "missing", "failed", "not_located", "invalid", "unreached")


def iso(value: datetime | None) -> str | None:
    return as_utc(value).isoformat(timespec="seconds") if value is not None else None


def run_view(run: CrawlRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "status": run.status,
        "trigger": run.trigger,
        "figures": {name: getattr(run, name) or 0 for name in RUN_FIGURES},
        "outage": bool(run.outage),
        "note": run.note,
    }


def triage_view(triage: Triage | None, emails: dict[int, str]) -> dict[str, Any] | None:
    if triage is None:
        return None
    return {
        "state": triage.state,
        "note": triage.note,
        "user": emails.get(triage.user_id) if triage.user_id is not None else None,
        "at": iso(triage.at),
    }


def change_view(
    change: ChangeRow, triage: Triage | None, sites: dict[str, SiteEntry], emails: dict[int, str]
) -> dict[str, Any]:
    """A change in the fields of `kommunvakt changes --format json`, plus what the app links and shows."""
    site = sites.get(change.site_id)
    return {
        **change_as_json(change),
        "id": change.id,
        "site_name": site.name if site else change.site_id,
        "county": site.county if site else None,
        "old_version": change.old_snapshot_id,
        "new_version": change.new_snapshot_id,
        "triage": triage_view(triage, emails),
    }


def _changes(
    session: Session, rows: Sequence[tuple[ChangeRow, Triage | None]], sites: dict[str, SiteEntry]
) -> list[dict[str, Any]]:
    emails = q.user_emails(session, sorted({t.user_id for _, t in rows if t is not None and t.user_id is not None}))
    return [change_view(change, triage, sites, emails) for change, triage in rows]


def change_detail(session: Session, change_id: int, registry: Sequence[SiteEntry]) -> dict[str, Any] | None:
    """One change with its triage and the whole trail of triage decisions, oldest first."""
    if change_id > 999_999_999:
        return None
    change = session.get(ChangeRow, change_id)
    if change is None:
        return None
    triage = session.get(Triage, change_id)
    (shown,) = _changes(session, [(change, triage)], {s.id: s for s in registry})
    shown["history"] = [
        {"state": e.state, "note": e.note, "user": e.user_email, "at": iso(e.at)}
        for e in q.triage_history(session, change_id)
    ]
    return shown


def overview(session: Session, registry: Sequence[SiteEntry], next_run: datetime | None) -> dict[str, Any]:
    sites = {s.id: s for s in registry}
    last = q.last_run(session)
    failing = [
        {
            "site": page.site_id,
            "site_name": sites[page.site_id].name if page.site_id in sites else page.site_id,
            "since": iso(page.failing_since),
            "error": page.last_error,
            "url": page.url,
        }
        for page in q.failing_pages(session)
    ]
    return {
        "last_run": run_view(last) if last else None,
        "next_run": iso(next_run),
        "counts_by_kind": q.kind_counts(session, last.id) if last else {},
        "failing": failing,
        "not_located": [{"site": s.id, "site_name": s.name, "county": s.county} for s in registry if not s.located],
    }


def changes(
    session: Session,
    registry: Sequence[SiteEntry],
    where: q.ChangeQuery,
    page: int,
    filters: dict[str, Any],
    page_size: int = q.PAGE_SIZE,
    count: bool = True,
) -> dict[str, Any]:
    """One page of changes; ``count=False`` (a feed) skips counting them all (``total`` and ``pages`` -1)."""
    rows, total = q.changes_page(session, where, offset=(page - 1) * page_size, limit=page_size, count=count)
    pages = max(1, -(-total // page_size)) if count else -1
    return {
        "filters": filters,
        "page": page,
        "pages": pages,
        "total": total,
        "page_size": page_size,
        "changes": _changes(session, rows, {s.id: s for s in registry}),
    }


def _fetch_view(fetch: Fetch) -> dict[str, Any]:
    return {
        "fetched_at": iso(fetch.fetched_at),
        "run": fetch.run_id,
        "outcome": fetch.outcome,
        "status": fetch.status,
        "error": fetch.error,
        "final_url": fetch.final_url,
        "version": fetch.snapshot_id,
    }


def municipality(session: Session, site: SiteEntry) -> dict[str, Any]:
    page = page_of(session, site.id)
    view: dict[str, Any] = {
        "site": site.as_json(),
        "page": None,
        "versions": [],
        "fetches": [],
        "proposals": [],
        "restless": {"text": [], "stamp": False},
    }
    if page is not None:
        view["page"] = {
            "url": page.url,
            "registry_url": page.registry_url,
            "gone": page.gone,
            "failing_since": iso(page.failing_since),
            "last_error": page.last_error,
            "missing_count": page.missing_count,
            "url_state": page.url_state,
        }
        from storage.queries import fetches, snapshots

        view["versions"] = [
            {"id": s.id, "taken_at": iso(s.taken_at), "run": s.run_id, "hash": s.content_hash[:12]}
            for s in reversed(snapshots(session, page.id))
        ]
        view["fetches"] = [_fetch_view(f) for f in reversed(fetches(session, page.id, limit=100))]
        view["restless"] = _restless(session, page)
    view["changes"] = _changes(session, q.site_changes(session, site.id), {site.id: site})
    view["ignore_suggestions"] = [
        {
            "id": row.id,
            "selector": row.selector,
            "status": row.status,
            "change": row.change_id,
            "suggested_by": row.suggested_by,
            "created_at": iso(row.created_at),
            "decided_by": row.decided_by,
            "decided_at": iso(row.decided_at),
        }
        for row in q.ignore_suggestions(session, site.id)
    ]
    view["proposals"] = [
        {
            "url": p.url,
            "score": p.score,
            "confident": p.confident,
            "status": p.status,
            "created_at": iso(p.created_at),
            "reasons": p.reasons,
        }
        for p in q.site_proposals(session, site.id)
    ]
    return view


def _restless(session: Session, page: Page) -> dict[str, Any]:
    """What of the page's latest version the crawl would not report if it changed tonight (crawler/volatile.py):
    prose that changed on its own in its last versions, and whether its stamp wanders."""
    last = session.get(Snapshot, page.last_snapshot_id) if page.last_snapshot_id is not None else None
    if last is None:
        return {"text": [], "stamp": False}
    versions = [*versions_before(session, last), PageRecord.from_json(last.record)]
    text, stamp = restless_parts(versions)
    return {"text": text, "stamp": stamp}


def municipalities(session: Session, registry: Sequence[SiteEntry]) -> dict[str, Any]:
    """Every municipality of the registry with its page's state and its latest change."""
    pages = q.pages_by_site(session)
    latest = q.last_change_by_site(session)
    rows = []
    for site in registry:
        page = pages.get(site.id)
        if not site.located:
            state = "not_located"
        elif page is None:
            state = "never_crawled"
        elif page.gone:
            state = "gone"
        elif page.failing_since is not None:
            state = "failing"
        else:
            state = "ok"
        rows.append(
            {
                "site": site.id,
                "name": site.name,
                "county": site.county,
                "url": site.url,
                "state": state,
                "failing_since": iso(page.failing_since) if page else None,
                "last_change": iso(latest.get(site.id)),
            }
        )
    return {"municipalities": rows}


def record_view(record: PageRecord) -> dict[str, Any]:
    return {
        "title": record.title,
        "review_date": record.review_date,
        "reviewer": record.reviewer,
        "contacts": [c.as_json() for c in record.contacts],
        "documents": [d.as_json() for d in record.documents],
    }


def version(session: Session, snap: Snapshot, site: SiteEntry | None, site_id: str) -> dict[str, Any]:
    before, after = q.neighbours(session, snap)
    return {
        "id": snap.id,
        "site": site_id,
        "site_name": site.name if site else site_id,
        "url": snap.url,
        "taken_at": iso(snap.taken_at),
        "run": snap.run_id,
        "hash": snap.content_hash,
        "previous": before,
        "next": after,
        "record": record_view(PageRecord.from_json(snap.record)),
        "text": snap.text,
    }


def diff(old: Snapshot, new: Snapshot, site_id: str, site: SiteEntry | None) -> dict[str, Any]:
    """Word-level segments of the stored text, and the record's structured changes as the crawl would store them."""
    segments = word_diff(old.text, new.text)
    structured = [
        {"kind": c.kind, "old": c.old, "new": c.new}
        for c in diff_records(PageRecord.from_json(old.record), PageRecord.from_json(new.record))
        if c.kind != ChangeKind.TEXT_CHANGED
    ]
    return {
        "site": site_id,
        "site_name": site.name if site else site_id,
        "from": {"id": old.id, "taken_at": iso(old.taken_at), "url": old.url},
        "to": {"id": new.id, "taken_at": iso(new.taken_at), "url": new.url},
        "identical": old.text == new.text,
        "segments": segments,
        "structured": structured,
    }


def runs(session: Session, page: int, page_size: int = q.PAGE_SIZE) -> dict[str, Any]:
    rows, total = q.runs(session, offset=(page - 1) * page_size, limit=page_size)
    return {
        "page": page,
        "pages": max(1, -(-total // page_size)),
        "page_size": page_size,
        "total": total,
        "runs": [run_view(r) for r in rows],
    }


def run(session: Session, crawl_run: CrawlRun, registry: Sequence[SiteEntry]) -> dict[str, Any]:
    names = {s.id: s.name for s in registry}
    return {
        **run_view(crawl_run),
        "counts_by_kind": q.kind_counts(session, crawl_run.id),
        "failures": [
            {"site": site_id, "site_name": names.get(site_id, site_id), **_fetch_view(fetch)}
            for fetch, site_id in q.run_failures(session, crawl_run.id)
        ],
    }


def accounts(session: Session) -> dict[str, Any]:
    return {
        "users": [
            {"email": u.email, "role": u.role, "created_at": iso(u.created_at), "disabled": u.disabled}
            for u in q.users(session)
        ]
    }
