"""Migration 0012 and the storage of site furniture, on a real SQLite file and PostgreSQL (``db_url``)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect

from crawler.home import HomeFurniture, furniture_digest
from crawler.registry import SiteEntry
from storage.db import make_engine, session_factory
from storage.furniture import load_furniture, save_furniture
from storage.repository import sync_sites

SITE = SiteEntry(id="amal", name="Åmål", home="https://www.amal.se/", url="https://www.amal.se/internationellt/")


def test_0012_upgrades_and_downgrades(db_url: str) -> None:
    from alembic import command

    from storage.migrate import alembic_config

    engine = make_engine(db_url)
    config = alembic_config(engine)
    command.upgrade(config, "head")
    assert "site_furniture" in inspect(engine).get_table_names()
    assert "furniture" in {c["name"] for c in inspect(engine).get_columns("snapshots")}
    command.downgrade(config, "0011_small_fetch_rows")
    assert "site_furniture" not in inspect(engine).get_table_names()
    assert "furniture" not in {c["name"] for c in inspect(engine).get_columns("snapshots")}
    command.upgrade(config, "head")
    assert "site_furniture" in inspect(engine).get_table_names()
    engine.dispose()


def test_furniture_is_kept_and_replaced(db_url: str) -> None:
    from storage.migrate import upgrade

    engine = make_engine(db_url)
    upgrade(engine)
    factory = session_factory(engine)
    sync_sites(factory, [SITE])
    assert load_furniture(factory, ["amal"]) == {}
    first = HomeFurniture("https://www.amal.se/", frozenset({"a1b2", "c3d4"}), '"v1"', None)
    save_furniture(factory, "amal", first, datetime(2026, 5, 1, tzinfo=UTC))
    assert load_furniture(factory, ["amal", "hylte"]) == {"amal": first}
    second = HomeFurniture("https://www.amal.se/", frozenset({"e5f6"}), None, "Fri, 01 May 2026 02:00:00 GMT")
    save_furniture(factory, "amal", second, datetime(2026, 5, 2, tzinfo=UTC))
    kept = load_furniture(factory, ["amal"])["amal"]
    assert kept == second and kept.digest == furniture_digest({"e5f6"}) != first.digest
    engine.dispose()
