"""``kommunvakt crawl``: fetch every located page once and record what changed."""

from __future__ import annotations

import click

from crawler.cli.common import EXIT_BROKE, EXIT_LOCKED, EXIT_OK, App, CliError, app_options, is_tty
from crawler.lock import LockHeld, lock_state, run_lock


@click.command("crawl")
@click.option("--only", multiple=True, metavar="ID", help="Crawl only these sites (repeatable, or comma-separated).")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary.")
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's own log.")
@click.option("--trigger", default="manual", hidden=True, help="Who started the run (the scheduler says 'scheduled').")
@click.option("--wait", is_flag=True, help="If another run holds the lock, wait for it (default: exit 3 at once).")
@app_options(creates_database=True)
def crawl(app: App, only: tuple[str, ...], quiet: bool, verbose: bool, trigger: str, wait: bool) -> int:
    """Fetch the watched page of every located municipality and store what changed.

    Sites whose failure is only operational (timeout, 5xx, robots.txt) are
    reported as failed, never as changed; the command still exits 0. Then, unless
    the config says ``[discovery] auto = false``, it looks for the pages of a few
    municipalities that have no usable address (``[discovery] max_per_night``).
    """
    from crawler.discover.auto import AutoDiscovery
    from crawler.discover.proposals import with_discovered
    from crawler.registry import select_sites
    from crawler.runner import run_crawl

    wanted = [part for value in only for part in value.split(",") if part]
    selected = select_sites(app.sites, wanted)  # validates the sites file and --only before anything runs
    app.config  # noqa: B018 - a bad config file is reported before crawling
    # the run lock (crawler/lock.py): one crawl at a time per database
    if wait and not quiet and (holder := lock_state(app.engine, "crawl")) is not None:
        click.echo(f"waiting for the crawl run by {holder.describe(app.config.schedule.timezone)} to end…", err=True)
    try:
        with run_lock(app.engine, "crawl", wait=wait):
            watched = with_discovered(app.factory, selected)  # pages the crawl's discovery found before
            auto = AutoDiscovery(app.config.discovery, app.db_url, watched)
            summary = run_crawl(
                app.config,
                app.db_url,
                sites=watched,
                progress=is_tty() and not quiet,
                verbose=verbose,
                trigger=trigger,
                then=auto if app.config.discovery.auto else None,
            )
    except LockHeld as exc:
        raise CliError(f"{exc}; not crawling (use --wait to wait for it)", EXIT_LOCKED) from exc
    # --- end run lock ---
    if not quiet:
        click.echo("\n".join(summary.lines() + [line for line in [auto.outcome.line()] if line]))
        _hints(app, summary.figures.get("not_located", 0))
    if summary.status not in ("completed",):
        raise CliError(f"the crawl did not complete (run {summary.run_id}: {summary.status})", EXIT_BROKE)
    return EXIT_OK


def _hints(app: App, not_located: int) -> None:
    """Where the results went and what to do next (on stderr: advice, not the run's figures)."""
    from storage.db import redacted

    click.echo(f"database: {redacted(app.db_url)} (see `kommunvakt changes`, `kommunvakt report`)", err=True)
    if not_located:
        click.echo(
            f"{not_located} municipalities have no page located yet: each crawl searches a few of them "
            "([discovery] max_per_night), `kommunvakt discover` proposes them all",
            err=True,
        )


commands = [crawl]
