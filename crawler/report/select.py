"""Read what a report may say from storage: changes, the runs they came from, failing pages.

Operational news is derived from the ``fetches`` history, not stored twice:
a failed/missing fetch whose predecessor was good starts a failure; a good
fetch whose predecessor failed ends one. Changes marked ``superseded`` (by a
``reprocess``) are never reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from crawler.record import PageRecord
from crawler.registry import SiteEntry
from crawler.report.model import (
    DocumentFailure,
    DocumentRecovery,
    FailureEvent,
    Replacement,
    ReportData,
    RunInfo,
    SiteRef,
    StoredChange,
)
from crawler.vocab import BAD_OUTCOMES, LOST_KINDS, OutcomeGroup, outcomes_in
from storage.documents import failing, recovered_in
from storage.models import (
    ChangeRow,
    CrawlRun,
    Delivery,
    DocumentRow,
    DocumentVersion,
    Fetch,
    Page,
    ReportNotice,
    SiteRow,
    Snapshot,
)

#: A fetch in a run that reached no site (an outage on our side) says nothing about its page: failure news
#: skips it, so the night after an outage neither starts nor ends a page's failure because of it.
UNSEEN = outcomes_in(OutcomeGroup.NOT_COUNTED)


def site_refs(session: Session, sites: Sequence[SiteEntry] = ()) -> dict[str, SiteRef]:
    """Names, counties and home pages: the sites file wins, the database mirror fills in."""
    refs = {row.id: SiteRef(row.id, row.name, row.county, row.home) for row in session.scalars(select(SiteRow))}
    for site in sites:
        refs[site.id] = SiteRef(site.id, site.name, site.county, site.home)
    return refs


def _changes(session: Session, *conditions: ColumnElement[bool]) -> list[StoredChange]:
    query = select(ChangeRow).where(ChangeRow.superseded.is_(False), *conditions).order_by(ChangeRow.id)
    return [
        StoredChange(r.id, r.run_id, r.site_id, r.url, r.kind, r.old, r.new, r.detail, r.detected_at)
        for r in session.scalars(query)
    ]


def changes_of_run(session: Session, run_id: int) -> list[StoredChange]:
    return _changes(session, ChangeRow.run_id == run_id)


def changes_since(session: Session, since: datetime) -> list[StoredChange]:
    return _changes(session, ChangeRow.detected_at >= since)


def undelivered(
    session: Session, subscriber: str, *, since: datetime | None = None, up_to_run: int | None = None
) -> list[StoredChange]:
    """Changes not yet in the ledger for ``subscriber`` (optionally detected since ``since``)."""
    delivered = exists().where(and_(Delivery.change_id == ChangeRow.id, Delivery.subscriber == subscriber))
    conditions = [~delivered]
    if since is not None:
        conditions.append(ChangeRow.detected_at >= since)
    if up_to_run is not None:
        conditions.append(ChangeRow.run_id <= up_to_run)
    return _changes(session, *conditions)


def noticed_keys(session: Session, subscriber: str, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    if not wanted:
        return set()
    query = select(ReportNotice.key).where(ReportNotice.subscriber == subscriber, ReportNotice.key.in_(wanted))
    return set(session.scalars(query))


def latest_run_id(session: Session) -> int | None:
    """The newest run that is over (completed, interrupted or failed); a running one is not reported yet."""
    return session.scalar(select(func.max(CrawlRun.id)).where(CrawlRun.status != "running"))


def run_ids_since(session: Session, since: datetime) -> list[int]:
    return list(session.scalars(select(CrawlRun.id).where(CrawlRun.started_at >= since).order_by(CrawlRun.id)))


def runs(session: Session, run_ids: Iterable[int]) -> list[RunInfo]:
    ids = sorted(set(run_ids))
    if not ids:
        return []
    rows = session.scalars(select(CrawlRun).where(CrawlRun.id.in_(ids)).order_by(CrawlRun.id))
    return [
        RunInfo(r.id, r.status, r.started_at, r.outage, r.unreached, r.fetched + r.failed + r.unreached) for r in rows
    ]


def failure_events(session: Session, run_ids: Iterable[int]) -> tuple[list[FailureEvent], list[FailureEvent]]:
    """(news, continuing): failures that started or ended in these runs, and ones that simply went on."""
    ids = sorted(set(run_ids))
    if not ids:
        return [], []
    before = aliased(Fetch)
    # correlate(Fetch) explicitly: nested two levels deep, auto-correlation did not reach the outer fetch, so
    # "previous" was the page's second-newest fetch overall (right only for the newest run).
    previous_id = (
        select(func.max(before.id))
        .where(before.page_id == Fetch.page_id, before.id < Fetch.id, before.outcome.not_in(UNSEEN))
        .correlate(Fetch)
        .scalar_subquery()
    )
    prior = aliased(Fetch)
    previous_outcome = select(prior.outcome).where(prior.id == previous_id).scalar_subquery()
    rows = session.execute(
        select(Fetch, Page, previous_outcome.label("previous"))
        .join(Page, Page.id == Fetch.page_id)
        .where(Fetch.run_id.in_(ids), Fetch.outcome.not_in(UNSEEN))
        .order_by(Fetch.id)
    ).all()
    news: list[FailureEvent] = []
    continuing: list[FailureEvent] = []
    for fetch, page, previous in rows:
        bad, was_bad = fetch.outcome in BAD_OUTCOMES, previous in BAD_OUTCOMES
        reason = fetch.error or (f"HTTP {fetch.status}" if fetch.status else None)
        if bad and not was_bad:
            news.append(
                FailureEvent(
                    key=f"failing:{page.site_id}:{fetch.id}",
                    site_id=page.site_id,
                    kind="failing",
                    since=fetch.fetched_at,
                    at=fetch.fetched_at,
                    reason=reason,
                    run_id=fetch.run_id,
                )
            )
        elif bad:
            since = page.failing_since or fetch.fetched_at
            continuing.append(
                FailureEvent(
                    f"still:{page.site_id}:{fetch.id}",
                    page.site_id,
                    "failing",
                    since,
                    fetch.fetched_at,
                    reason,
                    fetch.run_id,
                )
            )
        elif was_bad:
            news.append(
                FailureEvent(
                    key=f"recovered:{page.site_id}:{fetch.id}",
                    site_id=page.site_id,
                    kind="recovered",
                    since=_episode_start(session, fetch),
                    at=fetch.fetched_at,
                    reason=None,
                    run_id=fetch.run_id,
                )
            )
    return news, continuing


def document_failures(session: Session, run_ids: Iterable[int]) -> list[DocumentFailure]:
    """Linked documents that could not be checked in these runs: those whose failure began in one of them
    (news, told once a streak) and those still failing from before (counted). A failure that has ended by
    the time the report is made is not told."""
    ids = sorted(set(run_ids))
    if not ids:
        return []
    rows = session.execute(
        select(DocumentRow)
        .where(
            failing(),
            or_(DocumentRow.failing_run_id.in_(ids), DocumentRow.tried_run_id.in_(ids)),
        )
        .order_by(DocumentRow.site_id, DocumentRow.url)
    ).scalars()
    found = list(rows)
    titles = _document_titles(session, [row.id for row in found]) | _link_titles(session, found)
    return [
        DocumentFailure(
            key=f"document-failing:{row.id}:{row.failing_run_id}",
            site_id=row.site_id,
            url=row.url,
            title=titles.get(row.id),
            since=row.failing_since or row.checked_at or datetime.min,
            failure=row.failure,
            reason=row.last_error,
            run_id=row.failing_run_id,
            news=row.failing_run_id in ids,
        )
        for row in found
    ]


def document_recoveries(session: Session, run_ids: Iterable[int]) -> list[DocumentRecovery]:
    """Linked documents that were failing and were confirmed again in one of these runs (storage keeps the
    failure's start until the next run that tries the document: :func:`storage.documents.recovered_in`)."""
    ids = sorted(set(run_ids))
    if not ids:
        return []
    found = list(
        session.scalars(select(DocumentRow).where(recovered_in(ids)).order_by(DocumentRow.site_id, DocumentRow.url))
    )
    titles = _document_titles(session, [row.id for row in found]) | _link_titles(session, found)
    return [
        DocumentRecovery(
            key=f"document-recovered:{row.id}:{row.tried_run_id}",
            site_id=row.site_id,
            url=row.url,
            title=titles.get(row.id),
            since=row.failing_since or datetime.min,
            at=row.checked_at or row.failing_since or datetime.min,
            run_id=row.tried_run_id,
        )
        for row in found
    ]


def _document_titles(session: Session, document_ids: list[int]) -> dict[int, str]:
    """Each document's title as its newest version with one says it (when the page no longer names it)."""
    if not document_ids:
        return {}
    newest = (
        select(DocumentVersion.document_id, func.max(DocumentVersion.id).label("id"))
        .where(DocumentVersion.document_id.in_(document_ids), DocumentVersion.title.is_not(None))
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    rows = session.execute(
        select(DocumentVersion.document_id, DocumentVersion.title).join(newest, newest.c.id == DocumentVersion.id)
    )
    return {document_id: title for document_id, title in rows if title}


def _link_titles(session: Session, documents: list[DocumentRow]) -> dict[int, str]:
    """Each document's title as the page that links it names it now (what the analyst sees on the page)."""
    page_ids = {row.page_id for row in documents}
    if not page_ids:
        return {}
    records = session.execute(
        select(Page.id, Snapshot.record)
        .join(Snapshot, Page.last_snapshot_id == Snapshot.id)
        .where(Page.id.in_(page_ids))
    )
    named: dict[tuple[int, str], str] = {}
    for page_id, raw in records:
        if raw:
            for link in PageRecord.from_json(raw).documents:
                named.setdefault((page_id, link.url), link.title)
    return {row.id: named[(row.page_id, row.url)] for row in documents if named.get((row.page_id, row.url))}


def _episode_start(session: Session, fetch: Fetch) -> datetime:
    """When the failure that ``fetch`` ended began: the first bad fetch after the last good one."""
    last_good = session.scalar(
        select(func.max(Fetch.id)).where(
            Fetch.page_id == fetch.page_id, Fetch.id < fetch.id, Fetch.outcome.not_in((*BAD_OUTCOMES, *UNSEEN))
        )
    )
    query = select(func.min(Fetch.fetched_at)).where(
        Fetch.page_id == fetch.page_id, Fetch.id < fetch.id, Fetch.outcome.not_in(UNSEEN)
    )
    if last_good is not None:
        query = query.where(Fetch.id > last_good)
    return session.scalar(query) or fetch.fetched_at


def replacements(session: Session, changes: Iterable[StoredChange]) -> dict[str, Replacement]:
    """Discover's candidate for each site whose page these changes say disappeared or moved off-site.

    Only proposals made after the disappearance count (``replacement_candidates``
    decides); a site with none is absent, and the report shows the loss alone.
    """
    return candidates(session, {c.site_id for c in changes if c.kind in LOST_KINDS})


def candidates(session: Session, site_ids: Iterable[str]) -> dict[str, Replacement]:
    """Discover's candidate for each of these sites whose watched page is lost (no candidate: absent)."""
    site_ids = sorted(set(site_ids))
    if not site_ids:
        return {}
    from crawler.discover import replacement_candidates  # lazy: discover pulls in its scoring tables

    found = replacement_candidates(session, site_ids)
    return {
        site_id: Replacement(site_id, c.url, c.score, c.confident, c.lost_url, c.proposal_id)
        for site_id, c in found.items()
    }


def collect(
    session: Session,
    sites: Sequence[SiteEntry] = (),
    *,
    run_id: int | None = None,
    since: datetime | None = None,
) -> ReportData:
    """Everything for a report of one run (default: the latest finished run) or of a period."""
    if since is not None:
        run_ids = run_ids_since(session, since)
        changes = changes_since(session, since)
        current = None
    else:
        current = run_id if run_id is not None else latest_run_id(session)
        run_ids = [current] if current is not None else []
        changes = changes_of_run(session, current) if current is not None else []
    news, continuing = failure_events(session, run_ids)
    return ReportData(
        changes=changes,
        sites=site_refs(session, sites),
        failures=news,
        continuing=continuing,
        runs=runs(session, run_ids),
        current_run_id=current,
        replacements=replacements(session, changes),
        document_failures=document_failures(session, run_ids),
        document_recoveries=document_recoveries(session, run_ids),
    )
