"""The cross-process run lock, on real databases and real processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert, select

from crawler.lock import LockHeld, lock_state, read_holder, run_lock
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import RunLock

from support import wait_for

HOLDER = """
import sys, time
from crawler.lock import run_lock, LockHeld
from storage.db import make_engine
engine = make_engine(sys.argv[1])
try:
    with run_lock(engine, sys.argv[2], wait=sys.argv[3] == "wait", timeout=float(sys.argv[4]), heartbeat=0.2):
        print("acquired", flush=True)
        time.sleep(float(sys.argv[5]))
    print("released", flush=True)
except LockHeld as exc:
    print("refused:", exc, flush=True)
    sys.exit(3)
"""


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def _holder(db_url: str, hold: float, name: str = "crawl", wait: bool = False, timeout: float = 0) -> subprocess.Popen:
    args = [sys.executable, "-c", HOLDER, db_url, name, "wait" if wait else "no", str(timeout), str(hold)]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=os.getcwd())


def _started(proc: subprocess.Popen) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("acquired"), (line, proc.stderr.read() if proc.stderr else "")


def test_acquire_and_release(engine: Engine) -> None:
    assert lock_state(engine) is None
    with run_lock(engine) as holder:
        assert holder.pid == os.getpid()
        state = lock_state(engine)
        assert state is not None and state.pid == os.getpid()
    assert lock_state(engine) is None
    with run_lock(engine):  # reusable after release
        pass


def test_second_process_is_refused_with_the_holder_named(engine: Engine, db_url: str) -> None:
    proc = _holder(db_url, hold=30)
    try:
        _started(proc)
        with pytest.raises(LockHeld) as info, run_lock(engine):
            pytest.fail("acquired a lock another process holds")
        assert f"pid {proc.pid}" in str(info.value)
        state = lock_state(engine)
        assert state is not None and state.pid == proc.pid
    finally:
        proc.kill()
        proc.wait()


def test_names_are_independent(engine: Engine, db_url: str) -> None:
    proc = _holder(db_url, hold=30, name="scheduler")
    try:
        _started(proc)
        with run_lock(engine, "crawl"):
            pass
    finally:
        proc.kill()
        proc.wait()


def test_wait_gets_the_lock_when_the_holder_ends(engine: Engine, db_url: str) -> None:
    proc = _holder(db_url, hold=1.0)
    try:
        _started(proc)
        held = lock_state(engine)
        assert held is not None and held.pid == proc.pid  # so whoever gets it next has waited for the release
        with run_lock(engine, wait=True, timeout=60, poll=0.1) as holder:  # the timeout only bounds a hang
            assert holder.pid == os.getpid()
            assert proc.wait(timeout=30) == 0
            assert proc.stdout is not None and "released" in proc.stdout.read()
    finally:
        proc.kill()
        proc.wait()


def test_wait_with_timeout_gives_up(engine: Engine, db_url: str) -> None:
    proc = _holder(db_url, hold=30)
    try:
        _started(proc)
        with pytest.raises(LockHeld) as info, run_lock(engine, wait=True, timeout=0.8, poll=0.1):
            pytest.fail("acquired a held lock")
        assert f"pid {proc.pid}" in str(info.value)
        assert proc.poll() is None, "the holder still holds it: the wait gave up, the lock was not freed"
    finally:
        proc.kill()
        proc.wait()


def test_lock_of_a_killed_process_is_free_again(engine: Engine, db_url: str) -> None:
    proc = _holder(db_url, hold=60)
    _started(proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # the dead pid (SQLite) or the closed session (PostgreSQL) frees it, not the heartbeat going stale
    with run_lock(engine, wait=True, timeout=60, poll=0.1, stale_after=3600) as holder:
        assert holder.pid == os.getpid()


def test_exactly_one_of_many_concurrent_tries_wins(engine: Engine, db_url: str) -> None:
    procs = [_holder(db_url, hold=120) for _ in range(5)]  # the winner holds until the others have given up
    try:
        wait_for(lambda: sum(p.poll() is not None for p in procs) >= 4, 90, "four of five tries refused")
        refused = [p for p in procs if p.poll() is not None]
        assert len(refused) == 4 and all(p.returncode == 3 for p in refused)
        outputs = [p.communicate()[0] for p in refused]
        assert all("refused: another run holds the lock: pid" in out for out in outputs)
        (winner,) = [p for p in procs if p not in refused]
        _started(winner)
    finally:
        for p in procs:
            p.kill()
            p.wait()


def test_heartbeat_keeps_the_row_fresh(engine: Engine, db_url: str) -> None:
    if engine.dialect.name == "postgresql":
        pytest.skip("PostgreSQL uses the advisory lock, which needs no heartbeat")
    with run_lock(engine, heartbeat=0.1) as holder:

        def beaten() -> bool:
            current = read_holder(engine)
            return current is not None and current.heartbeat_at > holder.heartbeat_at

        wait_for(beaten, 60, "a heartbeat")


def _foreign_row(engine: Engine, heartbeat_age: timedelta) -> None:
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(RunLock).values(
                name="crawl",
                holder_pid=4242,
                holder_host="other-machine",
                acquired_at=now - heartbeat_age,
                heartbeat_at=now - heartbeat_age,
            )
        )


def test_row_lock_of_another_live_machine_is_respected(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    _foreign_row(engine, timedelta(seconds=5))
    with pytest.raises(LockHeld, match="pid 4242 on other-machine"), run_lock(engine, stale_after=60):
        pass


def test_row_lock_with_an_old_heartbeat_is_taken_over(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    _foreign_row(engine, timedelta(minutes=10))
    with run_lock(engine, stale_after=60):
        with engine.connect() as connection:
            rows = connection.execute(select(RunLock.holder_host, RunLock.holder_pid)).all()
        assert rows == [(socket.gethostname(), os.getpid())]
