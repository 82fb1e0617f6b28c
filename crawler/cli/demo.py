"""``kommunvakt demo``: see kommunvakt work in under a minute, with no internet."""

from __future__ import annotations

import sys

import click

from crawler.cli.common import EXIT_OK, CliError


@click.command("demo")
@click.option("--db", "db", metavar="URL", help="Keep the demo's database here (default: a temporary one).")
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Report language (default sv).")
@click.option("--web", is_flag=True, help="Then open the demo's data in the web app (prints a demo account).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="The web app's port.")
def demo(db: str | None, lang: str | None, web: bool, port: int) -> int:
    """Crawl a simulated municipal web on loopback twice and print what changed in between.

    Five municipalities, three CMS markups; the second night has real edits
    (a new coordinator, a moved review stamp, a new document, a new
    paragraph) and page noise that is not reported.
    """
    from crawler.demo import run_demo
    from storage.db import database_url

    if web and not db:  # the web app needs the database after the demo's own temporary folder is gone
        import tempfile
        from pathlib import Path

        db = str(Path(tempfile.mkdtemp(prefix="kommunvakt-demo-web-")) / "demo.db")
    code = run_demo(database_url(db) if db else None, sys.stdout, sys.stderr, lang)
    if code != 0:
        raise CliError("the demo did not finish (see above)", code)
    if web:
        from crawler.web.demo import serve_demo

        assert db is not None
        serve_demo(database_url(db), "127.0.0.1", port, sys.stderr)
    return EXIT_OK


commands = [demo]
