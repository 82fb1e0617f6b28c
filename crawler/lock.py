"""One run at a time, across processes and machines that share a database.

PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on a
connection of its own, held for the whole run; the server drops it when the
holder's connection ends, so a killed process can never leave it behind.

SQLite (and any other database): a row in ``run_locks`` whose primary key is
the lock name, so the INSERT itself is the atomic arbiter. A heartbeat thread
refreshes the row; a row whose holder is a dead process on this host, or whose
heartbeat is older than ``stale_after``, is taken over.

In both cases the ``run_locks`` row says who holds the lock (pid, host, since),
which is what ``LockHeld`` and ``kommunvakt status`` show. This module is the policy
(wait, take over, refresh); the statements are :mod:`storage.locks`.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from crawler.clock import utcnow
from storage.locks import (
    Holder,
    advisory_key,
    advisory_unlock,
    insert_holder,
    pid_alive,
    read_holder,
    remove_holder,
    remove_stale,
    replace_holder,
    touch_holder,
    try_advisory_lock,
)

__all__ = ["Holder", "LockHeld", "lock_state", "pid_alive", "read_holder", "run_lock"]

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10.0
STALE_AFTER_SECONDS = 60.0
POLL_SECONDS = 0.5
HOLDER_ROW_PATIENCE = 5.0


class LockHeld(Exception):
    """Another process holds the lock; the message says who (pid, host, since when)."""

    def __init__(self, holder: str):
        super().__init__(f"another run holds the lock: {holder}")
        self.holder = holder


def _now() -> datetime:
    return utcnow()


def _is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def lock_state(engine: Engine, name: str = "crawl", stale_after: float = STALE_AFTER_SECONDS) -> Holder | None:
    """The live holder of ``name``, or None when nobody holds it (without taking it)."""
    if _is_postgres(engine):
        with engine.connect() as connection:
            key = advisory_key(connection, name)
            if try_advisory_lock(connection, key):
                advisory_unlock(connection, key)
                return None
        return read_holder(engine, name) or Holder(name, 0, "unknown", _now(), _now())
    holder = read_holder(engine, name)
    if holder is None or _is_stale(holder, stale_after):
        return None
    return holder


def _is_stale(holder: Holder, stale_after: float) -> bool:
    if holder.host == socket.gethostname() and not pid_alive(holder.pid):
        return True
    return _now() - holder.heartbeat_at > timedelta(seconds=stale_after)


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
        remove_holder(engine, holder)


def _wait_or_raise(engine: Engine, name: str, wait: bool, deadline: float | None, poll: float) -> None:
    if not wait or (deadline is not None and time.monotonic() >= deadline):
        current = _holder_soon(engine, name)
        raise LockHeld(current.describe() if current else "holder unknown")
    time.sleep(poll if deadline is None else max(0.0, min(poll, deadline - time.monotonic())))


def _holder_soon(engine: Engine, name: str, patience: float = HOLDER_ROW_PATIENCE) -> Holder | None:
    """The holder's row, waiting briefly for it: on PostgreSQL the winner takes the
    advisory lock first and writes the row naming itself a moment later."""
    give_up = time.monotonic() + patience
    while (current := read_holder(engine, name)) is None and time.monotonic() < give_up:
        time.sleep(0.05)
    return current


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
                insert_holder(connection, mine)
            return mine
        except IntegrityError:
            pass
        current = read_holder(engine, name)
        if current is not None and _is_stale(current, stale_after):
            if remove_stale(engine, current):
                log.warning("lock %r: took over from a stale holder (%s)", current.name, current.describe())
            continue  # retry the insert: another waiter may win the race, which is fine
        if current is None:
            continue  # released between our insert and our read
        _wait_or_raise(engine, name, wait, deadline, poll)


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
                if not touch_holder(self.engine, self.holder, _now()):
                    log.error("lock %r: our lock row is gone (taken over as stale?)", self.holder.name)
            except Exception:  # a busy database must not kill the run; the next beat retries
                log.exception("lock %r: heartbeat failed", self.holder.name)


@contextmanager
def _advisory(engine: Engine, name: str, wait: bool, deadline: float | None, poll: float) -> Iterator[Holder]:
    connection = engine.connect()
    try:
        key = advisory_key(connection, name)
        while not try_advisory_lock(connection, key):
            _wait_or_raise(engine, name, wait, deadline, poll)
        holder = _record(name)
        replace_holder(engine, holder)
        try:
            yield holder
        finally:
            remove_holder(engine, holder)
            advisory_unlock(connection, key)
    finally:
        connection.close()
