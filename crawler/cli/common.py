"""What every command shares: the --config/--db/--sites options and the objects they lead to."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import click

from crawler.clock import DEFAULT_TIMEZONE, zone
from crawler.config import Config, load_config

if TYPE_CHECKING:  # the CLI imports heavy libraries only in the commands that use them: `--help` stays fast
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from crawler.registry import SiteEntry

#: A command's function before click wraps it (``app_options`` passes it an ``App`` as ``app``).
Command = Callable[..., Any]

EXIT_OK = 0
EXIT_BROKE = 1
EXIT_BAD_INPUT = 2
EXIT_LOCKED = 3


class CliError(Exception):
    """An expected failure with a message for the user and an exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_BROKE):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class App:
    """Lazily built objects for one command invocation."""

    config_path: str | None = None
    db_option: str | None = None
    sites_option: str | None = None
    #: whether this command may create a database that does not exist yet (commands that write);
    #: a read command on a missing SQLite file says so instead of creating an empty one
    creates_database: bool = False

    @cached_property
    def config(self) -> Config:
        return load_config(self.config_path)

    @property
    def db_source(self) -> str:
        """Where the database URL came from, named as the user wrote it (for error messages)."""
        import os

        if self.db_option is not None:
            return "--db"
        if os.environ.get("KOMMUNVAKT_DB"):
            return "KOMMUNVAKT_DB"
        if self.config.db is not None:
            return f"{self.config.path}: field 'database.url'"
        return "the default database (./kommunvakt.db)"

    @cached_property
    def db_url(self) -> str:
        """The database URL, checked before anything connects (see :func:`storage.db.check_database_url`)."""
        from storage.db import BadDatabaseUrl, check_database_url, database_url

        if self.db_option is not None and not self.db_option.strip():
            raise CliError("--db: empty; give an SQLite file or a postgresql:// URL", EXIT_BAD_INPUT)
        url = database_url(self.db_option or self.config.db)
        try:
            check_database_url(url)
        except BadDatabaseUrl as exc:
            raise CliError(f"{self.db_source}: {exc}", EXIT_BAD_INPUT) from exc
        return url

    @property
    def sites_file(self) -> str | None:
        """The sites file chosen, else the own copy of the bundled registry once made, else None (bundled)."""
        from crawler.registry import sites_file_in_use

        return sites_file_in_use(self.sites_option or self.config.sites)

    @cached_property
    def sites(self) -> list[SiteEntry]:
        from crawler.registry import load_sites

        return load_sites(self.sites_file)

    def database_exists(self) -> bool:
        from sqlalchemy.engine import make_url

        url = make_url(self.db_url)
        if url.get_backend_name() != "sqlite":
            return True
        return bool(url.database and Path(url.database).exists())

    @cached_property
    def engine(self) -> Engine:
        """An engine on a schema at the newest revision (created if the database is empty).

        A read command never creates a database: on a missing SQLite file it stops with one
        line (the user is most likely in the wrong folder). A server that cannot be reached,
        or a database that does not exist on it, is one line too, with the password hidden.
        """
        from storage.db import make_engine, redacted
        from storage.migrate import upgrade

        if not self.creates_database and not self.database_exists():
            raise CliError(
                f"{self.db_source}: no database at {redacted(self.db_url)} "
                "(run `kommunvakt crawl` first, or name the database with --db or KOMMUNVAKT_DB)",
                EXIT_BAD_INPUT,
            )
        engine = make_engine(self.db_url)
        with self.opening(engine):
            upgrade(engine)
        return engine

    @contextmanager
    def opening(self, engine: Engine) -> Iterator[None]:
        """Turn a database that cannot be reached or does not exist into one line (password hidden)."""
        from sqlalchemy.exc import OperationalError, ProgrammingError

        from storage.db import describe_connect_error

        try:
            yield
        except (OperationalError, ProgrammingError) as exc:
            engine.dispose()
            raise CliError(f"{self.db_source}: {describe_connect_error(self.db_url, exc)}", EXIT_BAD_INPUT) from exc

    @cached_property
    def factory(self) -> sessionmaker[Session]:
        from storage.db import session_factory

        return session_factory(self.engine)


@overload
def app_options(func: Command, *, creates_database: bool = False) -> Command: ...
@overload
def app_options(func: None = None, *, creates_database: bool = False) -> Callable[[Command], Command]: ...
def app_options(
    func: Command | None = None, *, creates_database: bool = False
) -> Command | Callable[[Command], Command]:
    """Add --config, --db and --sites to a command and pass an ``App`` as ``app``.

    ``@app_options(creates_database=True)`` for commands that write (a crawl starts a new database).
    """
    if func is None:
        return lambda f: _app_options(f, creates_database)
    return _app_options(func, creates_database)


def _app_options(func: Command, creates_database: bool) -> Command:

    @click.option("--config", "config_path", metavar="FILE", help="Config file (default kommunvakt.toml).")
    @click.option("--db", "db_option", metavar="URL", help="Database URL or SQLite file (env KOMMUNVAKT_DB).")
    @click.option(
        "--sites",
        "sites_option",
        metavar="FILE",
        help="Sites file (default: ./kommunvakt-sites.yaml once made, else the bundled registry).",
    )
    @click.pass_context
    def wrapper(
        ctx: click.Context, /, config_path: str | None, db_option: str | None, sites_option: str | None, **kwargs: Any
    ) -> Any:
        app = App(
            config_path=config_path,
            db_option=db_option,
            sites_option=sites_option,
            creates_database=creates_database,
        )
        app.db_url  # noqa: B018 - a bad --db is reported before any work (a discovery would crawl first)
        return ctx.invoke(func, app=app, **kwargs)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def check_run_exists(app: App, run_id: int | None) -> None:
    """``--run N`` names a run that exists: an unknown run is bad input, never an empty all-clear."""
    if run_id is None:
        return
    from storage.models import CrawlRun

    with app.factory() as session:
        if session.get(CrawlRun, run_id) is None:
            raise CliError(f"--run: no crawl run {run_id} in this database (see `kommunvakt runs`)", EXIT_BAD_INPUT)


def check_site_ids(app: App, site_ids: tuple[str, ...], option: str = "--site") -> None:
    """Every id names a site of the sites file: a typo is bad input, never an empty result."""
    known = {s.id for s in app.sites}
    unknown = [i for i in site_ids if i not in known]
    if unknown:
        raise CliError(f"{option}: unknown site id(s): {', '.join(unknown)} (see `kommunvakt sites`)", EXIT_BAD_INPUT)


def check_output_file(path: Path | None, option: str = "--output") -> None:
    """The folder of an output file exists (checked before any work, so nothing is half-done)."""
    if path is not None and not path.expanduser().absolute().parent.is_dir():
        raise CliError(f"{option}: the folder {path.expanduser().absolute().parent} does not exist", EXIT_BAD_INPUT)


def is_tty() -> bool:
    return sys.stderr.isatty()


def parse_when(
    value: str | None, option: str, timezone: str = DEFAULT_TIMEZONE, *, end_of_day: bool = False
) -> datetime | None:
    """``2026-11-22`` or an ISO timestamp, as UTC; a time without offset is local time in ``timezone``.

    UTC because SQLite keeps datetimes naive and kommunvakt stores them in UTC: a local
    time compared as it stands would be off by the zone's offset. With ``end_of_day`` a bare
    date means the end of that day ("the version current on 3 December" includes that day's
    crawl), otherwise its start.
    """
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise CliError(f"{option}: not a date (YYYY-MM-DD or ISO 8601): {value!r}", EXIT_BAD_INPUT) from exc
    if end_of_day and len(value.strip()) == 10:
        parsed = parsed + timedelta(days=1) - timedelta(microseconds=1)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone(timezone))
    return parsed.astimezone(UTC)


def emit_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    """Print rows as an aligned table, JSON (an array) or CSV."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        click.echo(buffer.getvalue(), nl=False)
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row_cells in cells:
        shown = [(v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(row_cells, widths, strict=True)]
        click.echo("  ".join(shown).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
