"""``kommunvakt discover``: propose each municipality's international-work page, and accept proposals."""

from __future__ import annotations

import datetime as dt
import json

import click

from crawler.cli.common import EXIT_BAD_INPUT, EXIT_OK, App, CliError, app_options
from crawler.discover.proposals import (
    latest_proposals,
    mark,
    save_proposals,
    sites_needing_discovery,
    with_discovered,
)
from crawler.discover.sitesfile import accept_urls, is_bundled
from crawler.registry import select_sites
from spiders.discover import DEFAULT_MAX_REQUESTS


@click.command("discover")
@click.option("--only", multiple=True, metavar="ID", help="Discover only these sites (repeatable, or comma-separated).")
@click.option("--all", "all_sites", is_flag=True, help="Recheck every site, also those with a url.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--accept", multiple=True, metavar="ID", help="Write this site's proposed url into --sites FILE.")
@click.option("--accept-confident", is_flag=True, help="Write every confident proposal into --sites FILE.")
@click.option("--max-requests", type=click.IntRange(3, 1000), default=DEFAULT_MAX_REQUESTS, show_default=True)
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's own log.")
@app_options(creates_database=True)
def discover(
    app: App,
    only: tuple[str, ...],
    all_sites: bool,
    fmt: str,
    accept: tuple[str, ...],
    accept_confident: bool,
    max_requests: int,
    verbose: bool,
) -> int:
    """Crawl politely from each home page and propose the page about international work.

    By default it handles sites without a url and sites whose watched page
    disappeared or moved off the site; --only and --all choose otherwise.
    Decisions stay with the analyst: --accept ID / --accept-confident write the
    proposed url into your sites file (never the bundled registry), marked
    "# discovered DATE"; a url set by hand is never overwritten.
    """
    if accept or accept_confident:
        return _accept(app, [p for v in accept for p in v.split(",") if p], accept_confident)
    wanted = [part for value in only for part in value.split(",") if part]
    if wanted or all_sites:
        selected = select_sites(app.sites, wanted)
    else:
        ids = set(sites_needing_discovery(app.factory, with_discovered(app.factory, app.sites)))
        selected = [s for s in app.sites if s.id in ids]
    if not selected:
        click.echo("[]" if fmt == "json" else "nothing to discover: every site has a url (use --all to recheck)")
        return EXIT_OK
    from crawler.discover.run import run_discovery  # Scrapy only when a crawl runs

    run = run_discovery(app.config, selected, sites_file=app.sites_file, max_requests=max_requests, verbose=verbose)
    save_proposals(app.factory, run.proposals, app.sites)
    ordered = sorted(run.proposals, key=lambda p: -p.score)
    if fmt == "json":
        click.echo(json.dumps([p.as_json() for p in ordered], ensure_ascii=False, indent=2))
    else:
        for p in ordered:
            flag = "confident" if p.confident else ("unsure" if p.url else "none")
            click.echo(f"{p.site:<24} {p.score:5.2f} {flag:<9} {p.url or '-'}")
            if p.reasons:
                click.echo(f"{'':<24} {'; '.join(p.reasons)}")
            if p.english and p.english != p.url:
                click.echo(f"{'':<24} English-language page (kept apart): {p.english}")
        confident = sum(1 for p in ordered if p.confident)
        click.echo(f"{len(ordered)} site(s), {confident} confident, {run.seconds:.1f} s", err=True)
    return EXIT_OK


def _accept(app: App, ids: list[str], confident: bool) -> int:
    if is_bundled(app.sites_file):
        raise CliError(
            "refusing to write into the bundled registry; pass your own sites file with --sites FILE",
            EXIT_BAD_INPUT,
        )
    select_sites(app.sites, ids)  # unknown ids are bad input
    latest = latest_proposals(app.factory)
    chosen: dict[str, str] = {}
    for site_id in ids:
        proposal = latest.get(site_id)
        if not proposal or not proposal["url"]:
            raise CliError(f"--accept {site_id}: no proposal for this site (run kommunvakt discover)", EXIT_BAD_INPUT)
        chosen[site_id] = proposal["url"]
    if confident:
        for site_id, proposal in latest.items():
            if proposal["confident"] and proposal["url"] and proposal["status"] == "proposed":
                chosen.setdefault(site_id, proposal["url"])
    assert app.sites_file is not None
    result = accept_urls(app.sites_file, chosen, dt.date.today())
    mark(app.factory, result.written, "accepted")
    for site_id, url in result.written.items():
        click.echo(f"{site_id}: wrote {url}")
    for site_id in result.kept_by_hand:
        click.echo(f"{site_id}: kept the url set by hand", err=True)
    for site_id in result.unknown:
        click.echo(f"{site_id}: not in {app.sites_file}", err=True)
    return EXIT_OK


commands = [discover]
