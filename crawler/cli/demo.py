"""``kommunvakt demo``: see kommunvakt work in under a minute, with no internet."""

from __future__ import annotations

import sys

import click

from crawler.cli.common import EXIT_OK, CliError


@click.command("demo")
@click.option("--db", "db", metavar="URL", help="Keep the demo's database here (default: a temporary one).")
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Report language (default sv).")
def demo(db: str | None, lang: str | None) -> int:
    """Crawl a simulated municipal web on loopback twice and print what changed in between.

    Five municipalities, three CMS markups; the second night has real edits
    (a new coordinator, a moved review stamp, a new document, a new
    paragraph) and page noise that is not reported.
    """
    from crawler.demo import run_demo
    from storage.db import database_url

    code = run_demo(database_url(db) if db else None, sys.stdout, sys.stderr, lang)
    if code != 0:
        raise CliError("the demo did not finish (see above)", code)
    return EXIT_OK


commands = [demo]
