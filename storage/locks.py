"""The ``run_locks`` table and PostgreSQL's advisory locks: the database side of :mod:`crawler.lock`.

Only reads and writes live here; when to take, wait for, take over or refresh a lock is
:mod:`crawler.lock`'s policy. Each function is one statement or one short transaction.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, delete, insert, select, text, update

from crawler.clock import DEFAULT_TIMEZONE, local_time
from storage.models import RunLock
from storage.queries import as_utc


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) a lock, as recorded in ``run_locks``."""

    name: str
    pid: int
    host: str
    acquired_at: datetime
    heartbeat_at: datetime

    def describe(self, where: str | ZoneInfo = DEFAULT_TIMEZONE) -> str:
        """Who and since when, in the zone people read times in (SQLite hands the moment back naive UTC, so it
        is never taken for the machine's own local time).

        >>> Holder("crawl", 42, "host", datetime(2026, 12, 3, 3, 5), datetime(2026, 12, 3, 3, 6)).describe("UTC")
        'pid 42 on host, since 2026-12-03 03:05:00 UTC'
        """
        return f"pid {self.pid} on {self.host}, since {local_time(self.acquired_at, where, '%Y-%m-%d %H:%M:%S %Z')}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this host (one we may not signal counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(engine: Engine, name: str = "crawl") -> Holder | None:
    """The recorded holder of ``name`` (may be stale: see :func:`crawler.lock.lock_state`)."""
    with engine.connect() as connection:
        row = connection.execute(select(RunLock).where(RunLock.name == name)).first()
    if row is None:
        return None
    return Holder(row.name, row.holder_pid, row.holder_host, as_utc(row.acquired_at), as_utc(row.heartbeat_at))


def insert_holder(connection: Connection, holder: Holder) -> None:
    """Claim ``holder.name``: the primary key makes this INSERT the atomic arbiter (IntegrityError if taken)."""
    connection.execute(
        insert(RunLock).values(
            name=holder.name,
            holder_pid=holder.pid,
            holder_host=holder.host,
            acquired_at=holder.acquired_at,
            heartbeat_at=holder.heartbeat_at,
        )
    )


def replace_holder(engine: Engine, holder: Holder) -> None:
    """Record ``holder`` whoever was recorded before (the advisory lock, not this row, is the arbiter there)."""
    with engine.begin() as connection:
        connection.execute(delete(RunLock).where(RunLock.name == holder.name))
        insert_holder(connection, holder)


def remove_stale(engine: Engine, stale: Holder) -> bool:
    """Remove a holder's row, but only if it is still the very row judged stale (its heartbeat not newer)."""
    with engine.begin() as connection:
        removed = connection.execute(
            delete(RunLock).where(
                RunLock.name == stale.name,
                RunLock.holder_pid == stale.pid,
                RunLock.holder_host == stale.host,
                RunLock.heartbeat_at <= stale.heartbeat_at,
            )
        ).rowcount
    return bool(removed)


def remove_holder(engine: Engine, holder: Holder) -> None:
    with engine.begin() as connection:
        connection.execute(
            delete(RunLock).where(
                RunLock.name == holder.name, RunLock.holder_pid == holder.pid, RunLock.holder_host == holder.host
            )
        )


def touch_holder(engine: Engine, holder: Holder, now: datetime) -> bool:
    """Refresh the holder's heartbeat; False when its row is gone (taken over as stale)."""
    with engine.begin() as connection:
        touched = connection.execute(
            update(RunLock)
            .where(
                RunLock.name == holder.name,
                RunLock.holder_pid == holder.pid,
                RunLock.holder_host == holder.host,
            )
            .values(heartbeat_at=now)
        ).rowcount
    return bool(touched)


def advisory_key(connection: Connection, name: str) -> int:
    """A signed 64-bit key from the lock name, database and schema.

    The schema is part of the key so two kommunvakt installations (or two
    parallel tests) in separate schemas of one database do not exclude each other.
    """
    where = connection.execute(text("SELECT current_database() || '.' || coalesce(current_schema(), '')")).scalar()
    digest = hashlib.blake2b(f"kommunvakt:{where}:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def try_advisory_lock(connection: Connection, key: int) -> bool:
    """Take the session-level advisory lock ``key`` on this connection, if free (PostgreSQL); committed."""
    got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
    connection.commit()
    return got


def advisory_unlock(connection: Connection, key: int) -> None:
    connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
    connection.commit()
