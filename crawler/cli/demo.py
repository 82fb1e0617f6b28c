"""``kommunvakt demo``: see kommunvakt work in under a minute, with no internet."""

from __future__ import annotations

import socket
import sys

import click

from crawler.cli.common import EXIT_BAD_INPUT, EXIT_OK, App, CliError


@click.command("demo")
@click.option("--db", "db", metavar="URL", help="Keep the demo's database here (default: a temporary one).")
@click.option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    help="Language of the narration and the report (default: [report] lang of the config, else sv).",
)
@click.option(
    "--config", "config_path", metavar="FILE", help="Config file whose [report] lang is used (default kommunvakt.toml)."
)
@click.option("--web", is_flag=True, help="Then open the demo's data in the web app (prints a demo account).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="The web app's port.")
def demo(db: str | None, lang: str | None, config_path: str | None, web: bool, port: int) -> int:
    """Crawl a simulated municipal web on loopback twice and print what changed in between.

    Five municipalities, three CMS markups; the second night has real edits
    (a new coordinator, a moved review stamp, a new document, a new
    paragraph) and page noise that is not reported.
    """
    from crawler.config import load_config
    from crawler.demo import NARRATION, run_demo
    from storage.db import database_url

    lang = lang or load_config(config_path).report_lang  # the configured language, as every report speaks it
    if db is not None:  # a bad --db, or a server that is down, is one line before the simulated web starts
        app = App(config_path=config_path, db_option=db, creates_database=True)
        db = app.db_url
        app.engine.dispose()
    sock = _listen(port) if web else None  # a port in use is said before the nights, not after them
    if web and not db:  # the web app needs the database after the demo's own temporary folder is gone
        import tempfile
        from pathlib import Path

        db = str(Path(tempfile.mkdtemp(prefix="kommunvakt-demo-web-")) / "demo.db")
    code = run_demo(database_url(db) if db else None, sys.stdout, sys.stderr, lang)
    if code != 0:
        raise CliError(NARRATION[lang]["unfinished"], code)
    if web:
        from crawler.web.demo import serve_demo

        assert db is not None and sock is not None
        serve_demo(database_url(db), sock, sys.stderr, lang=lang, says=NARRATION[lang]["web_app"])
    return EXIT_OK


def _listen(port: int) -> socket.socket:
    from crawler.web.serve import CannotListen, listen

    try:
        return listen("127.0.0.1", port)
    except CannotListen as exc:
        raise CliError(f"--port: {exc}", EXIT_BAD_INPUT) from exc


commands = [demo]
