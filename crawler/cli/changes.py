"""``kommunvakt changes``: the stored changes, filtered, as a table, JSON (the contract) or CSV."""

from __future__ import annotations

import click

from crawler.cli.common import (
    EXIT_BAD_INPUT,
    App,
    CliError,
    app_options,
    check_run_exists,
    check_site_ids,
    emit_rows,
    parse_when,
)
from crawler.record import CHANGE_KINDS
from storage import queries


@click.command("changes")
@click.option("--since", metavar="DATE", help="Changes detected at or after this date (local time).")
@click.option("--run", "run_id", type=int, metavar="ID", help="Changes of one crawl run.")
@click.option("--site", "site_ids", multiple=True, metavar="ID", help="Only these sites (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(CHANGE_KINDS), help="Only these kinds.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@app_options
def changes(
    app: App, since: str | None, run_id: int | None, site_ids: tuple[str, ...], kinds: tuple[str, ...], fmt: str
) -> None:
    """List detected changes: site, url, kind, old, new, detected_at, run."""
    if since and run_id is not None:
        raise CliError("--since and --run exclude each other", EXIT_BAD_INPUT)
    check_site_ids(app, site_ids)
    check_run_exists(app, run_id)
    where = queries.ChangeFilter(since=parse_when(since, "--since"), run_id=run_id, site_ids=site_ids, kinds=kinds)
    with app.factory() as session:
        rows = [queries.change_as_json(row) for row in queries.changes(session, where)]
    emit_rows(rows, fmt, ["detected_at", "run", "site", "kind", "old", "new", "url"])


commands = [changes]
