"""``kommunvakt reprocess``: rebuild records and changes from stored pages, without fetching."""

from __future__ import annotations

import click

from crawler.cli.common import App, app_options


@click.command("reprocess")
@click.option("--site", "site_ids", multiple=True, metavar="ID", help="Only these sites (repeatable).")
@app_options
def reprocess_command(app: App, site_ids: tuple[str, ...]) -> None:
    """Re-extract every stored version and recompute its changes (after an extractor improvement)."""
    from crawler.registry import select_sites
    from crawler.reprocess import reprocess

    select_sites(app.sites, site_ids)  # unknown ids are bad input
    summary = reprocess(app.factory, {s.id: s for s in app.sites}, site_ids)
    click.echo(summary.line())


commands = [reprocess_command]
