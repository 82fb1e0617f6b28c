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
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB_FILE = "kommunvakt.db"


def database_url(explicit: str | None = None) -> str:
    """``--db`` wins, then ``KOMMUNVAKT_DB``, then ``kommunvakt.db`` in the working directory.

    A bare file path is accepted and turned into an SQLite URL, quoted so that a ``?`` or ``%``
    in the file name names that file and not a query or an escape.
    """
    raw = explicit or os.environ.get("KOMMUNVAKT_DB") or DEFAULT_DB_FILE
    if "://" not in raw:
        path = str(Path(raw).expanduser().absolute())
        return URL.create("sqlite", database=path).render_as_string(hide_password=False)
    if raw.startswith("postgresql://"):  # prefer psycopg 3 (what we install) over psycopg2
        return "postgresql+psycopg://" + raw.removeprefix("postgresql://")
    return raw


class BadDatabaseUrl(ValueError):
    """A database URL kommunvakt cannot use; the message names the problem and never a password."""


#: The databases kommunvakt runs on (tested on both), by SQLAlchemy backend name.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def redacted(url: str) -> str:
    """``url`` with its password replaced by ``***`` (what may appear in a message or a log)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL: show only its scheme
        scheme = url.split("://", 1)[0] if "://" in url else ""
        return f"{scheme}://…" if scheme else "…"


def check_database_url(url: str) -> None:
    """Raise :class:`BadDatabaseUrl` unless ``url`` names a database kommunvakt can open.

    Checked before anything connects or creates a file: the scheme and its driver, and for
    SQLite that the folder exists and the path is not a folder.
    """
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise BadDatabaseUrl(f"not a database URL or file path: {redacted(url)}") from exc
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise BadDatabaseUrl(
            f"unsupported database {parsed.drivername!r} (use an SQLite file, sqlite:///FILE or postgresql://…)"
        )
    try:
        parsed.get_dialect()
    except NoSuchModuleError as exc:
        raise BadDatabaseUrl(f"unknown database driver {parsed.drivername!r}") from exc
    except ImportError as exc:
        raise BadDatabaseUrl(f"the driver for {parsed.drivername!r} is not installed ({exc.name})") from exc
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise BadDatabaseUrl("an SQLite database needs a file (sqlite:///FILE)")
        path = Path(parsed.database)
        if path.is_dir():
            raise BadDatabaseUrl(f"{path} is a folder, not a database file")
        if not path.parent.is_dir():
            raise BadDatabaseUrl(f"the folder {path.parent} does not exist")
    elif not parsed.host and not parsed.query.get("host"):
        raise BadDatabaseUrl(f"no server named in {redacted(url)}")


def describe_connect_error(url: str, exc: BaseException) -> str:
    """One line for a database that could not be opened: the redacted URL and the driver's first line."""
    original = getattr(exc, "orig", None) or exc
    first = next((ln.strip() for ln in str(original).splitlines() if ln.strip()), type(original).__name__)
    return f"cannot open the database {redacted(url)}: {first}"


def make_engine(url: str | None = None) -> Engine:
    """Create an engine with the pragmas kommunvakt relies on."""
    resolved = database_url(url)
    if make_url(resolved).get_backend_name() != "sqlite":
        return create_engine(resolved, pool_pre_ping=True)
    engine = create_engine(resolved, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
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
