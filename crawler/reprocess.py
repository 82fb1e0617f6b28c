"""Re-run extraction and diff over stored snapshots, without fetching: after an extractor improvement.

Snapshots keep the raw HTML and the Content-Type it was served with, so every record can be rebuilt,
read exactly as the crawl read it (:func:`crawler.extract.reading.read_body`; a version stored before
the Content-Type was kept is decoded from its bytes alone, as before). Content changes
(everything but the fetch-history kinds) are recomputed between consecutive
snapshots of each page. A change that is recomputed identically keeps its
row (and so its delivery history); one that no longer holds is marked
``superseded``; one found only now is added with the snapshot's original
time. The fetch-history kinds (moved, gone, restored) are left as they are.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.diff import diff_records
from crawler.extract.reading import read_body
from crawler.extract.result import Unreadable
from crawler.home import furniture_digest
from crawler.record import Change, PageRecord
from crawler.registry import SiteEntry
from crawler.vocab import ADDRESS_KINDS, FILE_KINDS
from crawler.volatile import WINDOW_DAYS, WINDOW_VERSIONS
from storage.db import transaction
from storage.furniture import load_furniture
from storage.models import ChangeRow, Page, Snapshot
from storage.queries import snapshots


@dataclass
class ReprocessSummary:
    pages: int = 0
    snapshots: int = 0
    records_changed: int = 0
    changes_kept: int = 0
    changes_added: int = 0
    changes_superseded: int = 0

    def line(self) -> str:
        return (
            f"reprocessed {self.pages} pages, {self.snapshots} versions ({self.records_changed} records differ): "
            f"{self.changes_kept} changes kept, {self.changes_added} added, {self.changes_superseded} superseded"
        )


def reprocess(
    factory: sessionmaker[Session], sites: Mapping[str, SiteEntry], only: Iterable[str] | None = None
) -> ReprocessSummary:
    summary = ReprocessSummary()
    wanted = set(only or ())
    with factory() as session:
        page_ids = [
            (page_id, site_id)
            for page_id, site_id in session.execute(select(Page.id, Page.site_id).order_by(Page.id))
            if not wanted or site_id in wanted
        ]
    kept = load_furniture(factory, [site_id for _, site_id in page_ids])
    for page_id, site_id in page_ids:
        site = sites.get(site_id) or SiteEntry(id=site_id, name=site_id, home=None, url=None)
        home = kept.get(site_id)
        furniture = home.prints if home is not None and home.home_url == site.home else frozenset()
        with transaction(factory) as session:  # one page at a time: an interruption leaves whole pages
            _reprocess_page(session, page_id, site, summary, furniture)
        summary.pages += 1
    return summary


def _reprocess_page(
    session: Session, page_id: int, site: SiteEntry, summary: ReprocessSummary, furniture: frozenset[str]
) -> None:
    """Every version of the page read again, all with the site's kept furniture (and marked so: the crawl
    compares a version read with other furniture only after reading it again)."""
    previous: Snapshot | None = None
    previous_record: PageRecord | None = None
    earlier: list[tuple[Snapshot, PageRecord]] = []  # the versions before ``previous``, oldest first
    for snap in snapshots(session, page_id, with_html=True):
        body = zlib.decompress(snap.html_z)
        reading = read_body(body, snap.content_type, snap.url, main=site.main, ignore=site.ignore, furniture=furniture)
        if not isinstance(reading, Unreadable):
            snap.furniture = furniture_digest(furniture)
        summary.snapshots += 1
        # Bytes that no longer read as a web page were the page when the crawl stored them: keep its record.
        record = PageRecord.from_json(snap.record) if isinstance(reading, Unreadable) else reading
        stored = record.to_json()
        if stored != snap.record:
            summary.records_changed += 1
            snap.record, snap.text, snap.content_hash = stored, record.normalised_text(), record.content_hash()
        if previous is not None and previous_record is not None:
            fresh = diff_records(previous_record, record, history=_window(earlier, previous))
            _reconcile(session, page_id, site.id, previous, snap, fresh, summary)
            earlier = [*earlier, (previous, previous_record)][-WINDOW_VERSIONS:]
        previous, previous_record = snap, record


def _window(earlier: list[tuple[Snapshot, PageRecord]], last: Snapshot) -> list[PageRecord]:
    """The records the crawl gave the judge as ``last``'s history (storage.repository's window): the versions
    before it in the WINDOW_DAYS before it, at most WINDOW_VERSIONS, oldest first."""
    since = last.taken_at - timedelta(days=WINDOW_DAYS)
    return [record for snap, record in earlier if snap.taken_at >= since]


def _reconcile(
    session: Session,
    page_id: int,
    site_id: str,
    older: Snapshot,
    newer: Snapshot,
    fresh: list[Change],
    summary: ReprocessSummary,
) -> None:
    stored = [
        row
        for row in session.scalars(
            select(ChangeRow).where(
                ChangeRow.page_id == page_id,
                ChangeRow.new_snapshot_id == newer.id,
                ChangeRow.superseded.is_(False),
            )
        )
        if row.kind not in ADDRESS_KINDS and row.kind not in FILE_KINDS
    ]
    unmatched = list(fresh)
    for row in stored:
        match = next((c for c in unmatched if _same(row, c)), None)
        if match is None:
            row.superseded = True
            summary.changes_superseded += 1
        else:
            unmatched.remove(match)
            summary.changes_kept += 1
    for change in unmatched:
        session.add(
            ChangeRow(
                run_id=newer.run_id,
                site_id=site_id,
                page_id=page_id,
                url=newer.url,
                kind=change.kind,
                old=change.old,
                new=change.new,
                detail=change.detail,
                detected_at=newer.taken_at,
                old_snapshot_id=older.id,
                new_snapshot_id=newer.id,
            )
        )
        summary.changes_added += 1


def _same(row: ChangeRow, change: Change) -> bool:
    return row.kind == change.kind and _plain(row.old) == _plain(change.old) and _plain(row.new) == _plain(change.new)


def _plain(value: Any) -> Any:
    """JSON columns hand back lists where the change had tuples: compare them as JSON would."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
