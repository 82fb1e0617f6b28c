"""What the web app's pages read (beside storage/queries.py, which the CLI's commands use).

Every function takes an open session and returns rows or plain values; the views shape them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, undefer

from crawler.vocab import Outcome
from storage.models import (
    ChangeRow,
    CrawlRun,
    Fetch,
    IgnoreSuggestion,
    Page,
    ProposalRow,
    Snapshot,
    Triage,
    TriageEvent,
    User,
)

PAGE_SIZE = 50


def last_run(session: Session) -> CrawlRun | None:
    return session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(1)).first()


def runs(session: Session, *, offset: int = 0, limit: int = PAGE_SIZE) -> tuple[list[CrawlRun], int]:
    total = session.scalar(select(func.count()).select_from(CrawlRun)) or 0
    rows = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).offset(offset).limit(limit))
    return list(rows), total


def kind_counts(session: Session, run_id: int) -> dict[str, int]:
    query = (
        select(ChangeRow.kind, func.count())
        .where(ChangeRow.run_id == run_id, ChangeRow.superseded.is_(False))
        .group_by(ChangeRow.kind)
    )
    return {kind: count for kind, count in session.execute(query)}


def failing_pages(session: Session) -> list[Page]:
    """Pages that cannot be checked now, longest failing first."""
    query = select(Page).where(Page.failing_since.is_not(None)).order_by(Page.failing_since, Page.site_id)
    return list(session.scalars(query))


def run_failures(session: Session, run_id: int) -> list[tuple[Fetch, str]]:
    """The failed fetches of a run with their site ids."""
    query = (
        select(Fetch, Page.site_id)
        .join(Page, Page.id == Fetch.page_id)
        .where(Fetch.run_id == run_id, Fetch.outcome == Outcome.FAILED)
        .order_by(Page.site_id)
    )
    return [(fetch, site_id) for fetch, site_id in session.execute(query)]


@dataclass(frozen=True)
class ChangeQuery:
    """The changes page's filter (every field comes from the URL)."""

    site_ids: Sequence[str] | None = None  # None: every site; () : none (an empty county)
    kinds: Sequence[str] = ()
    since: datetime | None = None
    until: datetime | None = None
    triage: str | None = None  # a state, "none" for not yet triaged, None for any
    run_id: int | None = None


def changes_page(
    session: Session, where: ChangeQuery, *, offset: int = 0, limit: int = PAGE_SIZE, count: bool = True
) -> tuple[list[tuple[ChangeRow, Triage | None]], int]:
    """One page of changes, newest first, with their triage state, and how many match in all (-1: not counted)."""
    conditions: list[ColumnElement[bool]] = [ChangeRow.superseded.is_(False)]
    if where.site_ids is not None:
        conditions.append(ChangeRow.site_id.in_(list(where.site_ids)))
    if where.kinds:
        conditions.append(ChangeRow.kind.in_(list(where.kinds)))
    if where.run_id is not None:
        conditions.append(ChangeRow.run_id == where.run_id)
    if where.since is not None:
        conditions.append(ChangeRow.detected_at >= where.since)
    if where.until is not None:
        conditions.append(ChangeRow.detected_at < where.until)
    if where.triage == "none":
        conditions.append(Triage.change_id.is_(None))
    elif where.triage is not None:
        conditions.append(Triage.state == where.triage)
    query = select(ChangeRow, Triage).outerjoin(Triage, Triage.change_id == ChangeRow.id).where(*conditions)
    counted = select(func.count(ChangeRow.id)).where(*conditions)
    if where.triage is not None:  # the join costs a third of the count on 100,000 changes: only when it filters
        counted = counted.outerjoin(Triage, Triage.change_id == ChangeRow.id)
    total = (session.scalar(counted) or 0) if count else -1
    rows = session.execute(
        query.order_by(ChangeRow.detected_at.desc(), ChangeRow.id.desc()).offset(offset).limit(limit)
    )
    return [(change, triage) for change, triage in rows], total


def site_changes(session: Session, site_id: str, limit: int = PAGE_SIZE) -> list[tuple[ChangeRow, Triage | None]]:
    rows, _ = changes_page(session, ChangeQuery(site_ids=[site_id]), limit=limit)
    return rows


def site_proposals(session: Session, site_id: str) -> list[ProposalRow]:
    query = (
        select(ProposalRow)
        .where(ProposalRow.site_id == site_id)
        .order_by(ProposalRow.created_at.desc(), ProposalRow.id)
    )
    return list(session.scalars(query))


def snapshot(
    session: Session, snapshot_id: int, *, with_text: bool = False, with_html: bool = False
) -> Snapshot | None:
    query = select(Snapshot).where(Snapshot.id == snapshot_id)
    if with_text:
        query = query.options(undefer(Snapshot.text))
    if with_html:
        query = query.options(undefer(Snapshot.html_z))
    return session.scalars(query).first()


def neighbours(session: Session, snap: Snapshot) -> tuple[int | None, int | None]:
    """The ids of the page's version before and after ``snap``."""
    before = session.scalar(
        select(func.max(Snapshot.id)).where(Snapshot.page_id == snap.page_id, Snapshot.id < snap.id)
    )
    after = session.scalar(select(func.min(Snapshot.id)).where(Snapshot.page_id == snap.page_id, Snapshot.id > snap.id))
    return before, after


def triage_history(session: Session, change_id: int) -> list[TriageEvent]:
    query = select(TriageEvent).where(TriageEvent.change_id == change_id).order_by(TriageEvent.id)
    return list(session.scalars(query))


def user_emails(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {uid: email for uid, email in session.execute(select(User.id, User.email).where(User.id.in_(list(ids))))}


def users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))


def pages_by_site(session: Session) -> dict[str, Page]:
    return {page.site_id: page for page in session.scalars(select(Page))}


def ignore_suggestions(session: Session, site_id: str) -> list[IgnoreSuggestion]:
    query = select(IgnoreSuggestion).where(IgnoreSuggestion.site_id == site_id).order_by(IgnoreSuggestion.id.desc())
    return list(session.scalars(query))


def open_suggestion(session: Session, site_id: str, selector: str) -> IgnoreSuggestion | None:
    query = select(IgnoreSuggestion).where(
        IgnoreSuggestion.site_id == site_id,
        IgnoreSuggestion.selector == selector,
        IgnoreSuggestion.status == "proposed",
    )
    return session.scalars(query).first()


def last_change_by_site(session: Session) -> dict[str, datetime]:
    query = (
        select(ChangeRow.site_id, func.max(ChangeRow.detected_at))
        .where(ChangeRow.superseded.is_(False))
        .group_by(ChangeRow.site_id)
    )
    return {site_id: moment for site_id, moment in session.execute(query)}
