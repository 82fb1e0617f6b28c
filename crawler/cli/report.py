"""``kommunvakt report``: show, write or mail the changes found by the crawls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from email_validator import EmailNotValidError, validate_email

from crawler.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKE,
    EXIT_LOCKED,
    EXIT_OK,
    App,
    CliError,
    app_options,
    check_output_file,
    check_run_exists,
    parse_when,
)
from crawler.clock import utcnow
from crawler.lock import LockHeld
from crawler.mail import MailError, PrintTransport
from crawler.report.deliver import DeliveryResult, send_reports
from crawler.report.render import render
from crawler.report.select import collect
from crawler.report.shape import build_report


@click.command("report")
@click.option("--since", metavar="DATE", help="Changes detected since DATE (YYYY-MM-DD or ISO 8601 time).")
@click.option("--run", "run_id", type=int, metavar="ID", help="Changes of crawl run ID (default: the latest run).")
@click.option("--to", "to", multiple=True, metavar="ADDR", help="Mail everything to ADDR instead of the subscribers.")
@click.option("--send", is_flag=True, help="Mail each subscriber what it has not received yet.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--format", "fmt", type=click.Choice(["html", "text", "markdown"]), help="Output format.")
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Report language (default from config: sv).")
@click.option("--dry-run", is_flag=True, help="Print the messages that would be mailed; send and record nothing.")
@app_options
def report(
    app: App,
    since: str | None,
    run_id: int | None,
    to: tuple[str, ...],
    send: bool,
    output: Path | None,
    fmt: str | None,
    lang: str | None,
    dry_run: bool,
) -> int:
    """Report the changes found, grouped by county and municipality.

    Without --send or --output the report is printed (text by default).
    --send mails each subscriber of the config file the changes matching its
    filters that it has not received yet; a second --send sends nothing twice.
    """
    if since and run_id is not None:
        raise click.UsageError("use either --since or --run, not both")
    if output and (send or to or dry_run):
        raise click.UsageError("--output writes a file and sends nothing: do not combine it with --send/--to/--dry-run")
    config = app.config
    check_output_file(output)
    moment = parse_when(since or None, "--since", config.schedule.timezone)
    check_run_exists(app, run_id)
    addresses = [_check_address(a) for value in to for a in value.split(",") if a.strip()]
    if send or addresses or dry_run:
        return _send(app, run_id, moment, addresses, dry_run, lang)
    with app.factory() as session:
        data = collect(session, app.sites, run_id=run_id, since=moment)
    shown = build_report(data, lang=lang or config.report_lang, tz=config.schedule.timezone, now=utcnow())
    if output:
        output.write_text(render(shown, fmt or "html"), encoding="utf-8")
        click.echo(f"wrote {output} ({shown.total_changes} changes)", err=True)
    else:
        click.echo(render(shown, fmt or "text"), nl=False)
    return EXIT_OK


def _send(app: App, run_id: int | None, since: datetime | None, to: list[str], dry_run: bool, lang: str | None) -> int:
    from crawler.web.subscriptions import with_account_subscriptions  # the web app's subscriptions (issue 14)

    config = app.config if to or not app.database_exists() else with_account_subscriptions(app.config, app.factory)
    if not to and not config.subscribers:
        raise CliError("nobody to send to: add [[subscribers]] to the config file or give --to ADDR", EXIT_BAD_INPUT)
    try:
        result = send_reports(
            app.engine,
            config,
            app.sites,
            run_id,
            since=since,
            to=to,
            transport=PrintTransport() if dry_run else None,
            dry_run=dry_run,
            lang=lang,
        )
    except LockHeld as exc:
        raise CliError(f"another report job is sending: {exc}", EXIT_LOCKED) from None
    except MailError as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from None
    _summarise(result, dry_run)
    if not result.ok:
        raise CliError(
            f"{result.failed} of {len(result.subscribers)} reports could not be sent; the next run retries them",
            EXIT_BROKE,
        )
    return EXIT_OK


def _summarise(result: DeliveryResult, dry_run: bool) -> None:
    verb = "would send" if dry_run else "sent"
    for item in result.subscribers:
        if item.sent:
            line = f"{verb} to {item.email}: {item.changes} changes"
            if item.catch_up:
                line += f" (incl. {item.catch_up} from earlier runs, not delivered before)"
        elif item.error:
            line = f"FAILED for {item.email}: {item.error}"
        else:
            line = f"nothing for {item.email}: {item.skipped}"
        click.echo(line, err=True)
    click.echo(f"{verb} {result.sent} report(s), {result.changes_sent} changes; {result.failed} failed", err=True)


def _check_address(value: str) -> str:
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise click.BadParameter(f"{value!r}: {exc}", param_hint="--to") from None


commands = [report]
