"""Shared fixtures: databases (SQLite always, PostgreSQL when KOMMUNVAKT_TEST_POSTGRES is set), an SMTP server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from report_support import SmtpSink, serve_smtp
from sqlalchemy import create_engine, text

from simweb.municipal import SimulatedWeb

from support import write_config

#: No test asserts on wall-clock time, hypothesis's per-example deadline included: on a shared 2-core machine a
#: slow example says nothing about the code. Examples stay random (or derandomized per test, as some ask).
settings.register_profile("kommunvakt", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kommunvakt")

POSTGRES_ENV = "KOMMUNVAKT_TEST_POSTGRES"
REPO = Path(__file__).resolve().parent.parent


def _postgres_base() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: an SQLite file, and (when configured) a private PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kommunvakt.db'}"
        return
    base = _postgres_base()
    if not base:
        pytest.skip(f"PostgreSQL not configured: set {POSTGRES_ENV}=postgresql://user@host:port/db to run this")
    yield from _postgres_schema(base)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kommunvakt.db'}"


def _postgres_schema(base: str) -> Iterator[str]:
    """A schema of its own per test, so tests run in parallel without seeing each other."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # the service is configured but not reachable: say so, do not pass silently
        admin.dispose()
        pytest.fail(f"{POSTGRES_ENV} is set but PostgreSQL is not usable: {exc}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def web() -> Iterator[SimulatedWeb]:
    """The five real municipalities' pages on loopback (each on its own 127.0.0.x), default noise."""
    with SimulatedWeb.from_seeds() as simulated:
        yield simulated


@pytest.fixture
def workdir(tmp_path: Path, web: SimulatedWeb) -> Path:
    """A working directory with a fast-retry kommunvakt.toml and a sites.yaml pointing at ``web``."""
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml")
    return tmp_path


@pytest.fixture
def smtp_server() -> Iterator[tuple[SmtpSink, int]]:
    """A plain SMTP server on loopback (no TLS, no login) and the sink holding what it received."""
    with serve_smtp() as server:
        yield server
