"""Engines and sessions: the one place that knows which database we talk to.

SQLite (the embedded default) is opened in WAL mode with a busy timeout so
readers (``kommunvakt history``) never block the nightly writer; any other
SQLAlchemy URL (PostgreSQL) is used as given.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB_FILE = "kommunvakt.db"


def database_url(explicit: str | None = None) -> str:
    """``--db`` wins, then ``KOMMUNVAKT_DB``, then ``kommunvakt.db`` in the working directory.

    A bare file path is accepted and turned into an SQLite URL.
    """
    raw = explicit or os.environ.get("KOMMUNVAKT_DB") or DEFAULT_DB_FILE
    if "://" not in raw:
        return f"sqlite:///{Path(raw).expanduser().absolute()}"
    if raw.startswith("postgresql://"):  # prefer psycopg 3 (what we install) over psycopg2
        return "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    return raw


def make_engine(url: str | None = None) -> Engine:
    """Create an engine with the pragmas kommunvakt relies on."""
    resolved = database_url(url)
    if make_url(resolved).get_backend_name() != "sqlite":
        return create_engine(resolved, pool_pre_ping=True)
    engine = create_engine(resolved, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed whole or rolled back whole."""
    with factory() as session, session.begin():
        yield session
