"""``kommunvakt discover``: propose each municipality's international-work page, and accept proposals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from crawler.cli.common import EXIT_BAD_INPUT, EXIT_OK, App, CliError, app_options
from crawler.discover.proposals import (
    latest_proposals,
    mark,
    save_proposals,
    sites_needing_discovery,
    with_discovered,
)
from crawler.discover.sitesfile import AcceptResult, accept_urls, writable_sites_file
from crawler.registry import SitesFileError, select_sites
from spiders.discover import DEFAULT_MAX_REQUESTS


@click.command("discover")
@click.option("--only", multiple=True, metavar="ID", help="Discover only these sites (repeatable, or comma-separated).")
@click.option("--all", "all_sites", is_flag=True, help="Recheck every site, also those with a url.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--accept", multiple=True, metavar="ID", help="Write this site's proposed url into the sites file.")
@click.option("--accept-confident", is_flag=True, help="Write every confident proposal into the sites file.")
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
    proposed url into your sites file, marked "# discovered DATE"; a url set by
    hand is never overwritten. The bundled registry is never written: on it, the
    first accept copies it to ./kommunvakt-sites.yaml, read from then on.
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
    file = _writable(app) if chosen else None
    result = accept_urls(file, chosen, dt.date.today()) if file else AcceptResult()
    mark(app.factory, result.written, "accepted")
    for site_id, url in result.written.items():
        click.echo(f"{site_id}: wrote {url} into {file}")
    for site_id in result.kept_by_hand:
        click.echo(f"{site_id}: kept the url set by hand", err=True)
    for site_id in result.unknown:
        click.echo(f"{site_id}: not in {file}", err=True)
    return EXIT_OK


def _writable(app: App) -> Path:
    """The sites file to write; on the bundled registry, the own copy (made now, and said so, if new)."""
    try:
        file, copied = writable_sites_file(app.sites_file)
    except SitesFileError as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from exc
    if copied:
        click.echo(
            f"copied the bundled registry to {file}: kommunvakt run in this folder reads it from now on "
            "(--sites, KOMMUNVAKT_SITES or [sites] file choose another); later kommunvakt releases do not update it",
            err=True,
        )
    return file


commands = [discover]
