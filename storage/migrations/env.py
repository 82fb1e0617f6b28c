"""Alembic environment: the engine comes from kommunvakt (``config.attributes``), not from an ini file."""

from __future__ import annotations

from alembic import context

from storage.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # pragma: no cover - plain `alembic` command line use
    from storage.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url"))

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
