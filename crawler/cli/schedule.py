"""``kommunvakt schedule``: the long-lived nightly scheduler (``crawler.ops.scheduler``; ``scheduler.py`` at the
top level is the same entry point)."""

from __future__ import annotations

import logging

import click

from crawler.cli.common import EXIT_BAD_INPUT, EXIT_LOCKED, App, CliError, app_options

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _cron(spec: str | None, time: str) -> dict[str, str]:
    """The configured ``HH:MM``, or (tests, odd set-ups) cron fields like ``second=*/5``."""
    from crawler.ops.nights import parse_time

    if not spec:
        hour, minute = parse_time(time)
        return {"hour": str(hour), "minute": str(minute)}
    fields: dict[str, str] = {}
    for part in spec.split():
        name, _, value = part.partition("=")
        if name not in ("year", "month", "day", "week", "day_of_week", "hour", "minute", "second") or not value:
            raise CliError(f"--cron: bad field {part!r} (expected e.g. 'hour=4 minute=0')", EXIT_BAD_INPUT)
        fields[name] = value
    return fields


@click.command("schedule")
@click.option("--no-report", is_flag=True, help="Crawl each night but do not send the report.")
@click.option("--cron", "cron_spec", hidden=True, help="Cron fields instead of [schedule] time (testing).")
@click.option("--night-format", default=None, hidden=True, help="strftime key of a 'night' (testing).")
@app_options(creates_database=True)
def schedule(app: App, no_report: bool, cron_spec: str | None, night_format: str | None) -> None:
    """Run the nightly crawl and report at [schedule] time (default 04:00 Europe/Stockholm) until stopped.

    Logs one line per night to stderr (journald under systemd). SIGTERM or
    Ctrl-C stops it; a crawl in progress is interrupted cleanly first. Only
    one scheduler may use a database: a second one exits with code 3.
    """
    from crawler.clock import zone
    from crawler.lock import LockHeld
    from crawler.ops.nightly import NightPlan
    from crawler.ops.nights import NIGHT_FORMAT
    from crawler.ops.scheduler import serve

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    for noisy in ("apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    config = app.config
    try:
        zone(config.schedule.timezone)
        cron = _cron(cron_spec, config.schedule.time)
    except ValueError as exc:
        raise CliError(f"{config.path or '<defaults>'}: {exc}", EXIT_BAD_INPUT) from exc
    plan = NightPlan(
        db_url=app.db_url,
        timezone=config.schedule.timezone,
        cron=cron,
        config_path=str(config.path.absolute()) if config.path else None,
        sites_file=app.sites_file,
        night_format=night_format or NIGHT_FORMAT,
        report=not no_report,
    )
    try:
        serve(app.engine, plan, config.schedule.misfire_grace)
    except LockHeld as exc:
        raise CliError(f"another scheduler uses this database ({exc.holder})", EXIT_LOCKED) from exc


commands = [schedule]
