"""One run at a time, across processes and machines that share a database.

PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a
connection of its own, held for the whole run; the server drops it when the
holder's connection ends, so a killed process can never leave it behind.

SQLite (and any other database): a row in ``run_locks`` whose primary key is
the lock name, so the INSERT itself is the atomic arbiter. A heartbeat thread
refreshes the row; a row whose holder is a dead process on this host, or whose
heartbeat is older than ``stale_after``, is taken over.

In both cases the ``run_locks`` row says who holds the lock (pid, host, since),
which is what ``LockHeld`` and ``kommunvakt status`` show.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, select, text, update
from sqlalchemy.exc import IntegrityError

from storage.models import RunLock
from storage.queries import as_utc

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10.0
STALE_AFTER_SECONDS = 60.0
POLL_SECONDS = 0.5


class LockHeld(Exception):
    """Another process holds the lock; the message says who (pid, host, since when)."""

    def __init__(self, holder: str):
        super().__init__(f"another run holds the lock: {holder}")
        self.holder = holder


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) a lock, as recorded in ``run_locks``."""

    name: str
    pid: int
    host: str
    acquired_at: datetime
    heartbeat_at: datetime

    def describe(self) -> str:
        since = self.acquired_at.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
        return f"pid {self.pid} on {self.host}, since {since}"


def _now() -> datetime:
    return datetime.now(UTC)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this host (one we may not signal counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def read_holder(engine: Engine, name: str = "crawl") -> Holder | None:
    """The recorded holder of ``name`` (may be stale: see ``lock_state``)."""
    with engine.connect() as connection:
        row = connection.execute(select(RunLock).where(RunLock.name == name)).first()
    if row is None:
        return None
    return Holder(row.name, row.holder_pid, row.holder_host, as_utc(row.acquired_at), as_utc(row.heartbeat_at))


def lock_state(engine: Engine, name: str = "crawl", stale_after: float = STALE_AFTER_SECONDS) -> Holder | None:
    """The live holder of ``name``, or None when nobody holds it (without taking it)."""
    if _is_postgres(engine):
        with engine.connect() as connection:
            key = _advisory_key(connection, name)
            got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
            if got:
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                connection.commit()
                return None
            connection.commit()
        return read_holder(engine, name) or Holder(name, 0, "unknown", _now(), _now())
    holder = read_holder(engine, name)
    if holder is None or _is_stale(holder, stale_after):
        return None
    return holder


def _is_stale(holder: Holder, stale_after: float) -> bool:
    if holder.host == socket.gethostname() and not pid_alive(holder.pid):
        return True
    return _now() - holder.heartbeat_at > timedelta(seconds=stale_after)


def _advisory_key(connection: Connection, name: str) -> int:
    """A signed 64-bit key from the lock name, database and schema.

    The schema is part of the key so two kommunvakt installations (or two
    parallel tests) in separate schemas of one database do not exclude each other.
    """
    where = connection.execute(text("SELECT current_database() || '.' || coalesce(current_schema(), '')")).scalar()
    digest = hashlib.blake2b(f"kommunvakt:{where}:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def run_lock(
    engine: Engine,
    name: str = "crawl",
    wait: bool = False,
    timeout: float | None = None,
    *,
    heartbeat: float = HEARTBEAT_SECONDS,
    stale_after: float = STALE_AFTER_SECONDS,
    poll: float = POLL_SECONDS,
) -> Iterator[Holder]:
    """Hold the lock ``name`` for the duration of the block.

    Fails fast with ``LockHeld`` unless ``wait``; with ``wait`` it retries
    every ``poll`` seconds until ``timeout`` (None: forever), then raises.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    if _is_postgres(engine):
        with _advisory(engine, name, wait, deadline, poll) as holder:
            yield holder
        return
    holder = _acquire_row(engine, name, wait, deadline, poll, stale_after)
    beat = _Heartbeat(engine, holder, heartbeat)
    beat.start()
    try:
        yield holder
    finally:
        beat.stop()
        _release_row(engine, holder)


def _wait_or_raise(engine: Engine, name: str, wait: bool, deadline: float | None, poll: float) -> None:
    if not wait or (deadline is not None and time.monotonic() >= deadline):
        current = read_holder(engine, name)
        raise LockHeld(current.describe() if current else "holder unknown")
    time.sleep(poll if deadline is None else max(0.0, min(poll, deadline - time.monotonic())))


def _record(name: str) -> Holder:
    now = _now()
    return Holder(name, os.getpid(), socket.gethostname(), now, now)


def _acquire_row(
    engine: Engine, name: str, wait: bool, deadline: float | None, poll: float, stale_after: float
) -> Holder:
    while True:
        mine = _record(name)
        try:
            with engine.begin() as connection:
                _insert_holder(connection, mine)
            return mine
        except IntegrityError:
            pass
        current = read_holder(engine, name)
        if current is not None and _is_stale(current, stale_after):
            _take_over(engine, current)
            continue  # retry the insert: another waiter may win the race, which is fine
        if current is None:
            continue  # released between our insert and our read
        _wait_or_raise(engine, name, wait, deadline, poll)


def _take_over(engine: Engine, stale: Holder) -> None:
    """Remove a stale row, but only if it is still the very row we judged stale."""
    with engine.begin() as connection:
        removed = connection.execute(
            delete(RunLock).where(
                RunLock.name == stale.name,
                RunLock.holder_pid == stale.pid,
                RunLock.holder_host == stale.host,
                RunLock.heartbeat_at <= stale.heartbeat_at,
            )
        ).rowcount
    if removed:
        log.warning("lock %r: took over from a stale holder (%s)", stale.name, stale.describe())


def _release_row(engine: Engine, holder: Holder) -> None:
    with engine.begin() as connection:
        connection.execute(
            delete(RunLock).where(
                RunLock.name == holder.name, RunLock.holder_pid == holder.pid, RunLock.holder_host == holder.host
            )
        )


class _Heartbeat:
    """Refreshes ``heartbeat_at`` so other machines can tell a live holder from a dead one."""

    def __init__(self, engine: Engine, holder: Holder, interval: float):
        self.engine = engine
        self.holder = holder
        self.interval = interval
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"kommunvakt-lock-{holder.name}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)

    def _run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                with self.engine.begin() as connection:
                    touched = connection.execute(
                        update(RunLock)
                        .where(
                            RunLock.name == self.holder.name,
                            RunLock.holder_pid == self.holder.pid,
                            RunLock.holder_host == self.holder.host,
                        )
                        .values(heartbeat_at=_now())
                    ).rowcount
                if not touched:
                    log.error("lock %r: our lock row is gone (taken over as stale?)", self.holder.name)
            except Exception:  # a busy database must not kill the run; the next beat retries
                log.exception("lock %r: heartbeat failed", self.holder.name)


@contextmanager
def _advisory(engine: Engine, name: str, wait: bool, deadline: float | None, poll: float) -> Iterator[Holder]:
    connection = engine.connect()
    try:
        key = _advisory_key(connection, name)
        while not connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            connection.commit()
            _wait_or_raise(engine, name, wait, deadline, poll)
        connection.commit()
        holder = _record(name)
        _write_holder_row(engine, holder)
        try:
            yield holder
        finally:
            _release_row(engine, holder)
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            connection.commit()
    finally:
        connection.close()


def _write_holder_row(engine: Engine, holder: Holder) -> None:
    """Record who holds the advisory lock (informational: the advisory lock is the real arbiter)."""
    with engine.begin() as connection:
        connection.execute(delete(RunLock).where(RunLock.name == holder.name))
        _insert_holder(connection, holder)


def _insert_holder(connection: Connection, holder: Holder) -> None:
    connection.execute(
        RunLock.__table__.insert().values(
            name=holder.name,
            holder_pid=holder.pid,
            holder_host=holder.host,
            acquired_at=holder.acquired_at,
            heartbeat_at=holder.heartbeat_at,
        )
    )
