"""What every command shares: the --config/--db/--sites options and the objects they lead to."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import click
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from crawler.config import Config, load_config
from crawler.registry import Site, load_sites
from storage.db import database_url, make_engine, session_factory
from storage.migrate import upgrade

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

    @cached_property
    def config(self) -> Config:
        return load_config(self.config_path)

    @property
    def db_url(self) -> str:
        return database_url(self.db_option or self.config.db)

    @property
    def sites_file(self) -> str | None:
        return self.sites_option or self.config.sites

    @cached_property
    def sites(self) -> list[Site]:
        return load_sites(self.sites_file)

    @cached_property
    def engine(self) -> Engine:
        """An engine on a schema at the newest revision (created if the database is empty)."""
        engine = make_engine(self.db_url)
        upgrade(engine)
        return engine

    @cached_property
    def factory(self) -> sessionmaker[Session]:
        return session_factory(self.engine)


def app_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --config, --db and --sites to a command and pass an ``App`` as ``app``."""

    @click.option("--config", "config_path", metavar="FILE", help="Config file (default kommunvakt.toml).")
    @click.option("--db", "db_option", metavar="URL", help="Database URL or SQLite file (env KOMMUNVAKT_DB).")
    @click.option("--sites", "sites_option", metavar="FILE", help="Sites file (default: the bundled registry).")
    @click.pass_context
    def wrapper(
        ctx: click.Context, config_path: str | None, db_option: str | None, sites_option: str | None, **kwargs: Any
    ) -> Any:
        app = App(config_path=config_path, db_option=db_option, sites_option=sites_option)
        return ctx.invoke(func, app=app, **kwargs)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def is_tty() -> bool:
    return sys.stderr.isatty()
