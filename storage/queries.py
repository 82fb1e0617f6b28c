"""Read-side queries behind the inspection commands (history, show, diff, changes)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from crawler.clock import as_utc as as_utc  # re-export: crawler/lock.py, repository.py, web and discover use it
from crawler.vocab import FILE_KINDS, OUTCOME_FIGURES, Outcome
from storage.models import ChangeRow, DocumentRow, DocumentVersion, Fetch, Page, Snapshot


def page_of(session: Session, site_id: str) -> Page | None:
    return session.scalars(select(Page).where(Page.site_id == site_id)).one_or_none()


def url_states(session: Session) -> dict[str, tuple[str, str]]:
    """Site id -> (the sites file's url it was crawled as, how far that address is trusted: ``URL_STATES``)."""
    rows = session.execute(select(Page.site_id, Page.registry_url, Page.url_state)).all()
    return {site_id: (url, state) for site_id, url, state in rows}


def snapshots(session: Session, page_id: int, *, with_html: bool = False) -> list[Snapshot]:
    """A page's versions, oldest first; ``with_html`` loads the (deferred) raw HTML in the same query."""
    query = select(Snapshot).where(Snapshot.page_id == page_id).order_by(Snapshot.id)
    if with_html:
        query = query.options(undefer(Snapshot.html_z))
    return list(session.scalars(query))


def document_of(session: Session, url: str) -> DocumentRow | None:
    return session.scalars(select(DocumentRow).where(DocumentRow.url == url)).one_or_none()


def document_versions(session: Session, document_id: int, *, with_text: bool = False) -> list[DocumentVersion]:
    """A document's versions, oldest first; ``with_text`` loads the (deferred) compressed text too."""
    query = select(DocumentVersion).where(DocumentVersion.document_id == document_id).order_by(DocumentVersion.id)
    if with_text:
        query = query.options(undefer(DocumentVersion.text_z))
    return list(session.scalars(query))


def document_changes(session: Session, page_id: int, url: str) -> list[ChangeRow]:
    """The changes recorded for the document at ``url`` (found through the page that linked it)."""
    rows = session.scalars(
        select(ChangeRow)
        .where(ChangeRow.page_id == page_id, ChangeRow.kind.in_(FILE_KINDS), ChangeRow.superseded.is_(False))
        .order_by(ChangeRow.id)
    )
    return [row for row in rows if isinstance(row.new, dict) and row.new.get("url") == url]


def fetches(session: Session, page_id: int, limit: int = 50) -> list[Fetch]:
    query = select(Fetch).where(Fetch.page_id == page_id).order_by(Fetch.id.desc()).limit(limit)
    return list(reversed(session.scalars(query).all()))


def snapshot_at(session: Session, page_id: int, at: datetime | None) -> Snapshot | None:
    """The version that was current at ``at`` (the newest when ``at`` is None)."""
    query = select(Snapshot).where(Snapshot.page_id == page_id)
    if at is not None:
        query = query.where(Snapshot.taken_at <= at)
    return session.scalars(query.order_by(Snapshot.id.desc()).limit(1)).one_or_none()


@dataclass(frozen=True)
class ChangeFilter:
    since: datetime | None = None
    run_id: int | None = None
    site_ids: Sequence[str] = ()
    kinds: Sequence[str] = ()


def changes(session: Session, where: ChangeFilter) -> list[ChangeRow]:
    query = select(ChangeRow).where(ChangeRow.superseded.is_(False))
    if where.since is not None:
        query = query.where(ChangeRow.detected_at >= where.since)
    if where.run_id is not None:
        query = query.where(ChangeRow.run_id == where.run_id)
    if where.site_ids:
        query = query.where(ChangeRow.site_id.in_(list(where.site_ids)))
    if where.kinds:
        query = query.where(ChangeRow.kind.in_(list(where.kinds)))
    return list(session.scalars(query.order_by(ChangeRow.detected_at, ChangeRow.id)))


def change_as_json(row: ChangeRow) -> dict[str, Any]:
    """The public JSON form of a change (the contract in README.md, "Change kinds"); a ``document_changed``
    also carries ``summary``, what changed in the text (crawler/documents/facts.py ``changes_json``)."""
    data = {
        "site": row.site_id,
        "url": row.url,
        "kind": row.kind,
        "old": row.old,
        "new": row.new,
        "detected_at": as_utc(row.detected_at).isoformat(timespec="seconds"),
        "run": row.run_id,
    }
    if row.kind in FILE_KINDS:
        data["summary"] = row.detail
    return data


def run_figures(session: Session, run_id: int) -> dict[str, int]:
    """A run's figures counted from its fetch rows: what closing the run stores, and what a run still
    going (or killed before it closed) has stored so far."""
    counts = dict(
        session.execute(select(Fetch.outcome, func.count()).where(Fetch.run_id == run_id).group_by(Fetch.outcome)).all()
    )
    figures = dict.fromkeys(OUTCOME_FIGURES, 0)
    fetched = 0
    for outcome in Outcome:
        figures[outcome.figure] += counts.get(outcome.value, 0)
        fetched += counts.get(outcome.value, 0) if outcome.fetched else 0
    return {**figures, "fetched": fetched}
