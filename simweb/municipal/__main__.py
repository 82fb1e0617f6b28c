"""Serve a simulated municipal web until Ctrl-C: ``python -m simweb.municipal --sites 5``."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from pathlib import Path

import click

from simweb.municipal.server import SimulatedWeb


@click.command()
@click.option(
    "--sites",
    "count",
    type=click.IntRange(1, 290),
    default=5,
    show_default=True,
    help="5: the five real pages; more: that many municipalities from the registry.",
)
@click.option("--port", type=int, default=None, help="Port shared by all site addresses (default: a free one).")
@click.option("--page-kb", type=int, default=0, help="Pad pages to about this size (0: natural size).")
@click.option("--latency", type=float, default=0.0, show_default=True, help="Seconds added to every response.")
@click.option(
    "--write-sites",
    "sites_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write a sites file pointing at the simulated addresses.",
)
def main(count: int, port: int | None, page_kb: int, latency: float, sites_file: Path | None) -> None:
    if count == 5:
        web = SimulatedWeb.from_seeds(port=port, page_kb=page_kb, latency=latency)
    else:
        web = SimulatedWeb.municipalities(n=count, port=port, page_kb=page_kb, latency=latency)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with web:
        if sites_file:
            web.write_sites_file(sites_file)
        first = web.site_ids[0]
        click.echo(f"serving {len(web.site_ids)} sites on port {web.port}, e.g. {web.page_url(first)}")
        if sites_file:
            click.echo(f"sites file: {sites_file}")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            done.wait()
    click.echo("stopped")


if __name__ == "__main__":
    main()
