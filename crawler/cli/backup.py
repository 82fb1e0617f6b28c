"""``kommunvakt db backup FILE``: a consistent copy of the SQLite database while it is in use.

Copying the file (plus its -wal and -shm files) during a crawl can capture a
half-written state; SQLite's online backup API copies a consistent snapshot
page by page and lets the crawl go on writing. PostgreSQL has its own tool
(``pg_dump``), which this command points to instead of imitating it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from crawler.cli.common import EXIT_BAD_INPUT, App, CliError, app_options
from crawler.cli.db import db as db_group


def backup_sqlite(source: Path, target: Path, pages_per_step: int = 1024) -> int:
    """Copy ``source`` to ``target`` with the online backup API; returns the size in bytes."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(tmp) as dst:
        src.backup(dst, pages=pages_per_step)
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
    src.close()
    dst.close()
    if check != "ok":
        tmp.unlink(missing_ok=True)
        raise CliError(f"the copy failed its integrity check: {check}")
    tmp.replace(target)  # a reader of FILE never sees a half-written backup
    return target.stat().st_size


@db_group.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@app_options
def backup(app: App, file: Path, force: bool) -> None:
    """Write a consistent copy of the SQLite database to FILE (safe while a crawl runs)."""
    url = make_url(app.db_url)
    if url.get_backend_name() != "sqlite":
        raise CliError(
            f"{app.db_source}: the database is not SQLite: back PostgreSQL up with pg_dump (see OPERATIONS)",
            EXIT_BAD_INPUT,
        )
    source = Path(url.database or "")
    if not source.is_file():
        raise CliError(f"{app.db_source}: no database at {source}", EXIT_BAD_INPUT)
    if file.exists() and not force:
        raise CliError(f"{file} exists (use --force to overwrite)", EXIT_BAD_INPUT)
    size = backup_sqlite(source, file)
    click.echo(f"backed up {source} to {file} ({size / 1e6:.1f} MB, integrity ok)")


commands = [db_group]  # the `db` group, now with `backup` (see COMMANDS in crawler/cli/__init__.py)
