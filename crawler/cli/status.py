"""``kommunvakt runs`` and ``kommunvakt status``: what ran, what runs next, who holds the lock."""

from __future__ import annotations

import json

import click

from crawler.cli.common import App, app_options
from crawler.clock import utcnow, zone
from crawler.lock import lock_state
from crawler.ops.nights import last_night, nightly_trigger
from crawler.ops.runs import figures_text, local, next_scheduled_run, outage_line, recent_runs, runs_table


@click.command("runs")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1), help="How many runs.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@app_options
def runs(app: App, limit: int, fmt: str) -> None:
    """List crawl runs, newest first: start, end, status and figures.

    A run whose process died without closing it (killed, power cut) is shown
    as "interrupted"; its stored pages and changes stay valid.
    """
    lines = recent_runs(app.factory, limit)
    if fmt == "json":
        click.echo(json.dumps([line.as_json() for line in lines], ensure_ascii=False, indent=2))
    elif not lines:
        click.echo("no runs yet")
    else:
        click.echo(runs_table(lines, zone(app.config.schedule.timezone)))


@click.command("status")
@app_options
def status(app: App) -> None:
    """Show the last run, the next scheduled run and whether a run (or a scheduler) holds the lock."""
    schedule = app.config.schedule
    tz = zone(schedule.timezone)
    last = recent_runs(app.factory, 1)
    if last:
        run = last[0]
        click.echo(
            f"last run:   {run.id} {run.status} ({run.trigger}), started {local(run.started_at, tz)}, "
            f"ended {local(run.finished_at, tz)}: {figures_text(run.figures)}"
        )
        if run.outage:
            click.echo(f"            {outage_line(run.figures)}")
    else:
        click.echo("last run:   none yet")
    night = last_night(app.factory)
    if night is not None:
        click.echo(f"last night: {night.night}, run {night.run_id or '-'}, {night.outcome or 'in progress'}")
    stored = next_scheduled_run(app.engine)
    scheduler = lock_state(app.engine, "scheduler")
    if stored is not None:
        click.echo(f"next run:   {local(stored, tz)} ({schedule.timezone}, from the scheduler's job store)")
    else:
        planned = nightly_trigger(schedule.time, schedule.timezone).get_next_fire_time(None, utcnow())
        click.echo(f"next run:   {local(planned, tz)} ({schedule.timezone}, per config; no job stored yet)")
    click.echo(f"scheduler:  {'running, ' + scheduler.describe(tz) if scheduler else 'not running'}")
    crawl_lock = lock_state(app.engine, "crawl")
    click.echo(f"crawl lock: {'held by ' + crawl_lock.describe(tz) if crawl_lock else 'free'}")


commands = [runs, status]
