"""`kommunvakt runs`, `status` and `db backup` as real processes, on databases filled directly."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import ProgrammingError

from crawler.lock import run_lock
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import CrawlRun

from support import run_cli


def _engine(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


def _add_run(engine: Engine, status: str, *, pid: int | None = None, fetched: int = 5) -> None:
    start = datetime(2026, 3, 29, 2, 0, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(CrawlRun).values(
                started_at=start,
                finished_at=None if status == "running" else start + timedelta(seconds=42),
                status=status,
                trigger="scheduled",
                pid=pid,
                host=__import__("socket").gethostname(),
                fetched=fetched,
                new=0,
                unchanged=fetched - 1,
                changed=1,
                missing=0,
                failed=0,
                not_located=285,
            )
        )


def test_runs_lists_runs_newest_first_and_shows_abandoned_ones_as_interrupted(db_url: str, tmp_path: Path) -> None:
    engine = _engine(db_url)
    _add_run(engine, "completed")
    _add_run(engine, "interrupted", fetched=3)
    _add_run(engine, "running", pid=2**22 + 12345)  # a process that no longer exists
    result = run_cli("runs", "--db", db_url, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [(r["id"], r["status"]) for r in listed] == [(3, "interrupted"), (2, "interrupted"), (1, "completed")]
    # Listing is a read: it works with read-only access and leaves recording the interruption to the next crawl.
    with engine.connect() as connection:
        assert connection.execute(select(CrawlRun.status).where(CrawlRun.id == 3)).scalar_one() == "running"
    engine.dispose()
    assert listed[2]["fetched"] == 5 and listed[2]["changed"] == 1 and listed[2]["not_located"] == 285
    assert listed[2]["started_at"] == "2026-03-29T02:00:00+00:00"
    table = run_cli("runs", "--db", db_url, cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["run", "trigger", "status", "started"]
    assert lines[3].split()[:6] == ["1", "scheduled", "completed", "2026-03-29", "04:00:00", "CEST"]  # zone named


def test_runs_and_status_work_with_a_read_only_role(db_url: str, tmp_path: Path) -> None:
    """Analysts may get SELECT only on the production database; the read commands must not need more."""
    if not db_url.startswith("postgresql"):
        pytest.skip("a read-only role is a PostgreSQL matter; the SQLite run of this test has nothing to check")
    engine = _engine(db_url)
    _add_run(engine, "completed")
    _add_run(engine, "running", pid=2**22 + 12345)  # abandoned: shown as interrupted, without writing
    schema = unquote(db_url.split("search_path", 1)[1]).lstrip("=")
    role = f"kv_reader_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        connection.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
        connection.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"')
    reader_url = db_url.replace("://postgres@", f"://{role}@", 1)
    try:
        listed = run_cli("runs", "--db", reader_url, "--format", "json", cwd=tmp_path)
        assert listed.returncode == 0, listed.stderr
        assert [r["status"] for r in json.loads(listed.stdout)] == ["interrupted", "completed"]
        status = run_cli("status", "--db", reader_url, cwd=tmp_path)
        assert status.returncode == 0, status.stderr
        assert "last run:   2 interrupted" in status.stdout
        reader = make_engine(reader_url)
        try:
            with pytest.raises(ProgrammingError, match="permission denied"), reader.begin() as connection:
                connection.execute(update(CrawlRun).values(note="x"))  # else this test would prove nothing
        finally:
            reader.dispose()
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f'DROP OWNED BY "{role}"')
            connection.exec_driver_sql(f'DROP ROLE "{role}"')
        engine.dispose()


def test_status_shows_last_run_next_run_and_lock(db_url: str, tmp_path: Path) -> None:
    engine = _engine(db_url)
    empty = run_cli("status", "--db", db_url, cwd=tmp_path)
    assert empty.returncode == 0, empty.stderr
    assert "last run:   none yet" in empty.stdout and "crawl lock: free" in empty.stdout
    assert re.search(r"04:00:00 CES?T \(Europe/Stockholm, per config; no job stored yet\)", empty.stdout)
    _add_run(engine, "completed")
    with run_lock(engine, "crawl"):
        held = run_cli("status", "--db", db_url, cwd=tmp_path)
    engine.dispose()
    assert held.returncode == 0, held.stderr
    assert "last run:   1 completed (scheduled)" in held.stdout
    assert f"crawl lock: held by pid {__import__('os').getpid()}" in held.stdout
    # since when, in the configured zone and named (not the machine's own zone, not a naive SQLite moment)
    assert re.search(r"crawl lock: held by .*, since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d CES?T$", held.stdout, re.M)
    assert "scheduler:  not running" in held.stdout


def test_backup_is_consistent_while_a_writer_is_busy(sqlite_url: str, tmp_path: Path) -> None:
    engine = _engine(sqlite_url)
    for _ in range(200):
        _add_run(engine, "completed")
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            _add_run(engine, "completed")

    writer = threading.Thread(target=write)
    writer.start()
    try:
        result = run_cli("db", "backup", "copy.db", "--db", sqlite_url, cwd=tmp_path)
    finally:
        stop.set()
        writer.join()
        engine.dispose()
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM crawl_runs").fetchone()[0] >= 200
    copy.close()
    again = run_cli("db", "backup", "copy.db", "--db", sqlite_url, cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr


def test_backup_of_postgres_points_to_pg_dump(tmp_path: Path) -> None:
    result = run_cli("db", "backup", "x.db", "--db", "postgresql://nobody@127.0.0.1:1/none", cwd=tmp_path)
    assert result.returncode == 2 and "pg_dump" in result.stderr
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("args", [["runs", "--limit", "0"], ["runs", "--format", "xml"]])
def test_bad_arguments_exit_2(args: list[str], tmp_path: Path) -> None:
    assert run_cli(*args, "--db", str(tmp_path / "k.db"), cwd=tmp_path).returncode == 2
