"""Load and write the documents watched pages link to; it stores what it is told, it never judges.

The crawl loads a document's state (:func:`load_document_state`), asks the pure judge
(:func:`crawler.documents.judge.evaluate_document`) and hands the verdict to :func:`record_document`, which
writes the document's row, a new version when the verdict carries one, and its change, in ONE transaction.
An unchanged night writes no new row: a 304 of a document that works is confirmed in batches
(:func:`confirm_documents`: its ``checked_at`` and ``tried_run_id``), anything else updates the document's row.

A failure's state needs no column of its own. Failing: ``failing_since`` and ``failure`` set (or, for a row
stored before 0010_document_failures and not tried since, ``failing_since`` alone). The run that confirms a
failing document again keeps ``failing_since`` (when the failure began) and clears ``failure``: so a
``failing_since`` without ``failure`` on a tried row says "it worked again in run ``tried_run_id`` at
``checked_at``" (:func:`recovered_in`), exactly, and the next run that tries it clears ``failing_since`` or
begins a new failure. The report tells the recovery in that one run.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker, undefer

from crawler.documents.judgement import FETCH, DocumentState, DocumentVerdict
from crawler.documents.result import Block, DocumentText
from crawler.fetch import DocumentFetch
from crawler.record import PageRecord
from crawler.vocab import ChangeKind, Outcome
from storage.db import transaction
from storage.models import ChangeRow, DocumentRow, DocumentVersion, Page, Snapshot

_BATCH = 500  # URLs per UPDATE ... IN (...): well under SQLite's and PostgreSQL's parameter limits


@dataclass(frozen=True)
class DocumentPlan:
    """The validators of a document's last good fetch, for a conditional GET; ``failing``: its last fetch failed
    (so even a 304 has news: the failure ended)."""

    etag: str | None
    last_modified: str | None
    failing: bool = False


def failing() -> ColumnElement[bool]:
    """Documents whose failure goes on (a recovered one keeps ``failing_since`` but has no ``failure``)."""
    return and_(
        DocumentRow.failing_since.is_not(None),
        or_(DocumentRow.failure.is_not(None), DocumentRow.tried_run_id.is_(None)),
    )


def recovered_in(run_ids: Iterable[int]) -> ColumnElement[bool]:
    """Documents that worked again in one of these runs, after a failure (``failing_since`` says since when)."""
    return and_(
        DocumentRow.failing_since.is_not(None),
        DocumentRow.failure.is_(None),
        DocumentRow.tried_run_id.in_(list(run_ids)),
    )


def is_failing(row: DocumentRow) -> bool:
    """:func:`failing` of a loaded row."""
    return row.failing_since is not None and (row.failure is not None or row.tried_run_id is None)


class StaleDocument(RuntimeError):
    """The document got a new version between loading its state and recording the verdict: nothing written."""


def current_record(factory: sessionmaker[Session], site_id: str) -> PageRecord | None:
    """The record of the site's page as last stored (what its links are when it answered 304)."""
    with factory() as session:
        raw = session.scalars(
            select(Snapshot.record).join(Page, Page.last_snapshot_id == Snapshot.id).where(Page.site_id == site_id)
        ).one_or_none()
    return PageRecord.from_json(raw) if raw else None


def document_plans(factory: sessionmaker[Session], urls: Iterable[str]) -> dict[str, DocumentPlan]:
    """The stored validators of those documents already known."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    with factory() as session:
        rows = session.execute(
            select(DocumentRow.url, DocumentRow.etag, DocumentRow.last_modified, failing().label("failing")).where(
                DocumentRow.url.in_(wanted)
            )
        ).all()
    return {url: DocumentPlan(etag, modified, bool(bad)) for url, etag, modified, bad in rows}


def blocks_json(blocks: Iterable[Block]) -> bytes:
    """Normalised blocks as compact JSON (``[text, heading]`` pairs), zlib-compressed."""
    data = json.dumps([[b.text, b.heading] for b in blocks], ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(data.encode("utf-8"), 6)


def blocks_of(text_z: bytes) -> tuple[Block, ...]:
    return tuple(Block(text, bool(heading)) for text, heading in json.loads(zlib.decompress(text_z)))


def version_facts(url: str, version: DocumentVersion) -> dict[str, Any]:
    """A stored version in the shape of crawler/documents/facts.py ``document_facts``."""
    return {
        "url": url,
        "title": version.title,
        "sha256": version.sha256,
        "pages": version.pages,
        "modified": version.modified,
    }


def latest_version(session: Session, document_id: int, *, with_text: bool = False) -> DocumentVersion | None:
    query = select(DocumentVersion).where(DocumentVersion.document_id == document_id)
    if with_text:
        query = query.options(undefer(DocumentVersion.text_z))
    return session.scalars(query.order_by(DocumentVersion.id.desc()).limit(1)).one_or_none()


def load_document_state(factory: sessionmaker[Session], url: str, *, compare: bool) -> DocumentState:
    """What is stored of the document at ``url``; ``compare``: load the last version's text too (only a 2xx
    answer is compared with it)."""
    with factory() as session:
        row = session.scalars(select(DocumentRow).where(DocumentRow.url == url)).one_or_none()
        if row is None:
            return DocumentState(url=url)
        last = latest_version(session, row.id, with_text=compare)
        return DocumentState(
            url=url,
            document_id=row.id,
            etag=row.etag,
            last_modified=row.last_modified,
            last_version_id=last.id if last else None,
            last_fingerprint=last.fingerprint if last else None,
            last_blocks=blocks_of(last.text_z) if last is not None and compare else (),
            last_facts=version_facts(url, last) if last else None,
        )


def record_document(
    factory: sessionmaker[Session],
    run_id: int,
    fetch: DocumentFetch,
    state: DocumentState,
    verdict: DocumentVerdict,
    *,
    keep_file: bool = False,
) -> None:
    """Write what the verdict says of the document, atomically: its row (created on first sight), a version
    when the verdict carries one (the file too with ``keep_file``), the change, and the failure if any."""
    now = fetch.fetched_at
    with transaction(factory) as session:
        page = session.scalars(select(Page).where(Page.site_id == fetch.site_id)).one()
        row = session.scalars(select(DocumentRow).where(DocumentRow.url == fetch.url)).one_or_none()
        if verdict.outcome is Outcome.INVALID:  # no document after all: a row of earlier failures goes
            if row is not None and latest_version(session, row.id) is None:
                session.delete(row)
            return
        if row is None:
            row = DocumentRow(url=fetch.url, site_id=fetch.site_id, page_id=page.id)
            session.add(row)
            session.flush()
        else:
            last = latest_version(session, row.id)
            if (last.id if last else None) != state.last_version_id:
                raise StaleDocument(f"{fetch.url} has another version than the one it was judged against")
            row.site_id, row.page_id = fetch.site_id, page.id
        if verdict.version is not None:
            session.add(_version(row.id, run_id, now, verdict.version, fetch.body if keep_file else None))
        if verdict.facts is not None:
            _add_facts(session, run_id, page.id, fetch.url, verdict.facts)
        if verdict.change is not None:
            change = verdict.change
            session.add(
                ChangeRow(
                    run_id=run_id,
                    site_id=fetch.site_id,
                    page_id=page.id,
                    url=fetch.page_url,
                    kind=change.kind,
                    old=change.old,
                    new=change.new,
                    detail=change.detail,
                    detected_at=now,
                )
            )
        was_failing = is_failing(row)
        row.tried_run_id = run_id
        if verdict.good:
            row.checked_at = now  # confirmed: read, or a 304 to its validators
            if fetch.status != 304:  # a 304 confirms the validators that were sent
                row.etag, row.last_modified = fetch.etag, fetch.last_modified
            row.failure = row.last_error = None
            if not was_failing:  # a recovery is kept for the run it happened in only (recovered_in)
                row.failing_since = row.failing_run_id = None
        else:  # checked_at stays the last confirmation; the failure's streak begins once
            if not was_failing:
                row.failing_since, row.failing_run_id = now, run_id
            row.failure = verdict.failure or FETCH
            row.last_error = (verdict.error or "")[:500] or None


def confirm_documents(factory: sessionmaker[Session], run_id: int, urls: Iterable[str], at: datetime) -> int:
    """Mark documents that answered 304 to their validators (and were not failing) as confirmed ``at`` in run
    ``run_id``: one UPDATE per batch of URLs, no new row, so an unchanged night costs the database no growth.
    A recovery told in an earlier run is over with it (``failing_since`` cleared)."""
    wanted = list(dict.fromkeys(urls))
    done = 0
    with transaction(factory) as session:
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            result = session.execute(
                update(DocumentRow)
                .where(DocumentRow.url.in_(batch), ~failing())
                .values(checked_at=at, tried_run_id=run_id, failing_since=None, failing_run_id=None)
                .execution_options(synchronize_session=False)
            )
            done += result.rowcount or 0  # type: ignore[attr-defined]
    return done


def _add_facts(session: Session, run_id: int, page_id: int, url: str, facts: dict[str, Any]) -> None:
    """The page's ``document_added`` of this run for ``url`` gets the document's own facts (sha256, pages,
    modified; its title beside the link's, as ``document_title``)."""
    added = session.scalars(
        select(ChangeRow).where(
            ChangeRow.run_id == run_id, ChangeRow.page_id == page_id, ChangeRow.kind == ChangeKind.DOCUMENT_ADDED
        )
    )
    for row in added:
        if isinstance(row.new, dict) and row.new.get("url") == url:
            extra = {key: facts.get(key) for key in ("sha256", "pages", "modified")}
            row.new = {**row.new, **extra, "document_title": facts.get("title")}


def _version(document_id: int, run_id: int, now: Any, text: DocumentText, body: bytes | None) -> DocumentVersion:
    meta = text.metadata
    return DocumentVersion(
        document_id=document_id,
        run_id=run_id,
        taken_at=now,
        kind=str(text.kind),
        sha256=text.sha256,
        fingerprint=text.fingerprint,
        size=text.size,
        title=meta.title[:1000] if meta.title else None,
        author=meta.author[:500] if meta.author else None,
        created=meta.created.isoformat()[:40] if meta.created else None,
        modified=meta.modified.isoformat()[:40] if meta.modified else None,
        pages=meta.pages,
        pages_read=text.pages_read,
        limited=text.limited,
        text_z=blocks_json(text.blocks),
        file_z=zlib.compress(body, 6) if body is not None else None,
    )
