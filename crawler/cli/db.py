"""``kommunvakt db ...``: the database's schema."""

from __future__ import annotations

import click

from crawler.cli.common import App, app_options
from storage.db import make_engine
from storage.migrate import current_revision, head_revision, upgrade


@click.group("db")
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@app_options
def db_upgrade(app: App) -> None:
    """Create or migrate the schema to the newest revision (safe to run at any time)."""
    engine = make_engine(app.db_url)
    try:
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
    engine = make_engine(app.db_url)
    try:
        click.echo(f"current: {current_revision(engine) or 'empty'}  newest: {head_revision(engine)}")
    finally:
        engine.dispose()


commands = [db]
