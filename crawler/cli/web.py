"""``kommunvakt web``: the analysts' workplace in a browser, on the CLI's database and registry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from crawler.cli.common import EXIT_BAD_INPUT, App, CliError, app_options

#: ``app_options(creates_database=True)`` with a type (crawler/cli/common.py returns Any).
_writes_database: Callable[[Callable[..., Any]], Callable[..., Any]] = app_options(creates_database=True)


@click.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option(
    "--trust-proxy",
    "proxies",
    multiple=True,
    metavar="ADDR",
    help="Trust X-Forwarded-For/-Proto from this proxy address (repeatable); without it they are ignored.",
)
@_writes_database
def web(app: App, host: str, port: int, proxies: tuple[str, ...]) -> None:
    """Serve the web app (log in with an account made by `kommunvakt users add`).

    The schema is created or upgraded first, as `crawl` does. Session cookies are
    marked Secure when the app is reached over https (directly or through a trusted proxy).
    """
    from crawler.web.app import WebSettings, create_app
    from crawler.web.auth import app_secret
    from crawler.web.logs import log_config
    from crawler.web.serve import CannotListen, listen, serve

    sites = app.sites  # a bad sites file or config is one line before anything listens
    config = app.config
    try:
        sock = listen(host, port)  # a port in use or a host not this machine's: one line, nothing created
    except CannotListen as exc:
        raise CliError(f"--host/--port: {exc}", EXIT_BAD_INPUT) from exc
    engine = app.engine
    settings = WebSettings(
        factory=app.factory,
        sites=sites,
        secret=app_secret(app.factory),
        timezone=config.schedule.timezone,
        language=config.report_lang,
        engine=engine,
        sites_file=app.sites_file,
    )
    click.echo(f"kommunvakt web: serving http://{host}:{port}/ (Ctrl-C stops)", err=True)
    if not _has_accounts(app):
        click.echo("kommunvakt web: no accounts yet; add one with `kommunvakt users add EMAIL --role admin`", err=True)
    serve(
        create_app(settings),
        sock,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=",".join(proxies) if proxies else None,
        server_header=False,
        log_level="info",
        log_config=log_config(),  # feed keys are redacted from every line, the access log's included
    )


def _has_accounts(app: App) -> bool:
    from sqlalchemy import select

    from storage.models import User

    with app.factory() as session:
        return session.scalars(select(User.id).limit(1)).first() is not None


commands = [web]
