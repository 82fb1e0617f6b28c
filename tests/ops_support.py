"""Helpers for the ops tests (scheduler, signals, locks): database integrity and run listings."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select, text

from storage.models import ChangeRow, CrawlRun, Fetch, Page, Snapshot


def integrity_problems(engine: Engine) -> list[str]:
    """Everything that would betray a half-written page; empty when the database is whole."""
    with engine.connect() as connection:
        problems = _sqlite_problems(connection) if engine.dialect.name == "sqlite" else []
        fetched = set(connection.execute(select(Fetch.run_id, Fetch.page_id)).all())
        snapshot_ids = set(connection.execute(select(Snapshot.id)).scalars())
        for snap_id, run_id, page_id in connection.execute(select(Snapshot.id, Snapshot.run_id, Snapshot.page_id)):
            if (run_id, page_id) not in fetched:
                problems.append(f"snapshot {snap_id} has no fetch in run {run_id}")
        for change in connection.execute(select(ChangeRow)).all():
            if (change.run_id, change.page_id) not in fetched:
                problems.append(f"change {change.id} has no fetch of its page in run {change.run_id}")
            problems += _missing(f"change {change.id}", (change.old_snapshot_id, change.new_snapshot_id), snapshot_ids)
        for fetch_id, ref in connection.execute(select(Fetch.id, Fetch.snapshot_id)):
            problems += _missing(f"fetch {fetch_id}", (ref,), snapshot_ids)
        for page_id, ref in connection.execute(select(Page.id, Page.last_snapshot_id)):
            problems += _missing(f"page {page_id}", (ref,), snapshot_ids)
    return problems


def _sqlite_problems(connection: Connection) -> list[str]:
    result = connection.execute(text("PRAGMA integrity_check")).scalar()
    problems = [f"integrity_check: {result}"] if result != "ok" else []
    return problems + [f"foreign key: {row}" for row in connection.execute(text("PRAGMA foreign_key_check"))]


def _missing(what: str, refs: tuple[int | None, ...], snapshot_ids: set[int]) -> list[str]:
    return [f"{what} points at missing snapshot {ref}" for ref in refs if ref is not None and ref not in snapshot_ids]


def runs(engine: Engine) -> list[tuple[int, str, str]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(select(CrawlRun.id, CrawlRun.status, CrawlRun.trigger))]
