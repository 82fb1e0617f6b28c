"""Alembic, driven from code: ``kommunvakt db upgrade`` and the crawl's own schema check.

Every crawl checks the schema first. When it is already at ``SCHEMA_HEAD``
(almost always), one SELECT says so and Alembic is not even imported: it
costs ~12 MB and ~0.2 s, which the nightly crawl would pay for nothing.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest revision in migrations/versions (a test keeps it equal to Alembic's head).
SCHEMA_HEAD = "0012_site_furniture"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there).

    An empty database gets the models' tables directly and is stamped at
    the head, as Alembic's documentation advises; a test checks that this
    gives the same schema as running every migration.
    """
    for attempt in range(3):
        revision = current_revision(engine)
        if revision == SCHEMA_HEAD:
            return
        try:
            if revision is None and not _has_tables(engine):
                _create_at_head(engine)
            else:
                from alembic import command

                command.upgrade(alembic_config(engine), "head")
            return
        except Exception:
            # Two processes started together on a new database: one of them made the schema first.
            time.sleep(0.5 * (attempt + 1))
            if current_revision(engine) == SCHEMA_HEAD:
                return
            if attempt == 2:
                raise


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(inspect(connection).get_table_names())


def _create_at_head(engine: Engine) -> None:
    from storage.models import Base

    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": SCHEMA_HEAD})
