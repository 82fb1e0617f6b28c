"""``kommunvakt db ...``: the database's schema."""

from __future__ import annotations

import click

from crawler.cli.common import App, app_options
from storage.db import make_engine, redacted
from storage.migrate import SCHEMA_HEAD, current_revision, head_revision, upgrade


@click.group("db")
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@app_options(creates_database=True)
def db_upgrade(app: App) -> None:
    """Create or migrate the schema to the newest revision (safe to run at any time)."""
    engine = make_engine(app.db_url)
    try:
        with app.opening(engine):
            before = current_revision(engine)
            upgrade(engine)
            after = current_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"database is up to date (revision {after})")
    else:
        click.echo(f"database upgraded: {before or 'empty'} -> {after}")


@db.command("current")
@app_options
def db_current(app: App) -> None:
    """Show the schema revision of the database and the newest one known."""
    if not app.database_exists():
        click.echo(f"current: no database at {redacted(app.db_url)}  newest: {SCHEMA_HEAD}")
        return
    engine = make_engine(app.db_url)
    try:
        with app.opening(engine):
            click.echo(f"current: {current_revision(engine) or 'empty'}  newest: {head_revision(engine)}")
    finally:
        engine.dispose()


commands = [db]
