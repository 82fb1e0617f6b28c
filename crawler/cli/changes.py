"""``kommunvakt changes``: the stored changes, filtered, as a table, JSON (the contract), CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from crawler.cli.common import (
    EXIT_BAD_INPUT,
    App,
    CliError,
    app_options,
    check_output_file,
    check_run_exists,
    check_site_ids,
    emit_rows,
    parse_when,
)
from crawler.vocab import CHANGE_KINDS
from storage import queries

#: The columns a person reads (table, CSV, XLSX); JSON keeps the contract's machine form.
COLUMNS = ["detected", "run", "site", "kind", "old", "new", "url"]


@click.command("changes")
@click.option("--since", metavar="DATE", help="Changes detected at or after this date (local time).")
@click.option("--run", "run_id", type=int, metavar="ID", help="Changes of one crawl run.")
@click.option("--site", "site_ids", multiple=True, metavar="ID", help="Only these sites (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(CHANGE_KINDS), help="Only these kinds.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv", "xlsx"]), default="table", show_default=True
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE (required for xlsx).")
@app_options
def changes(
    app: App,
    since: str | None,
    run_id: int | None,
    site_ids: tuple[str, ...],
    kinds: tuple[str, ...],
    fmt: str,
    output: Path | None,
) -> None:
    """List detected changes: when (local time), run, site, kind, old, new, url.

    JSON carries the stored values (UTC times, E.164 phones); the table, CSV and XLSX
    show them as people write them, in the config's time zone.
    """
    if since and run_id is not None:
        raise CliError("--since and --run exclude each other", EXIT_BAD_INPUT)
    if fmt == "xlsx" and output is None:
        raise CliError("--format xlsx: name the file with --output FILE.xlsx", EXIT_BAD_INPUT)
    check_output_file(output)
    zone = app.config.schedule.timezone
    check_site_ids(app, site_ids)
    check_run_exists(app, run_id)
    moment = parse_when(since, "--since", zone)
    where = queries.ChangeFilter(since=moment, run_id=run_id, site_ids=site_ids, kinds=kinds)
    with app.factory() as session:
        rows = [queries.change_as_json(row) for row in queries.changes(session, where)]
    if fmt == "json":
        _emit(lambda: emit_rows(rows, "json", []), output)
        return
    readable = [_readable(row, zone, iso=fmt != "table") for row in rows]
    if fmt == "xlsx":
        assert output is not None
        write_xlsx(readable, COLUMNS, output)
        click.echo(f"wrote {output} ({len(readable)} changes)", err=True)
        return
    _emit(lambda: emit_rows(readable, fmt, COLUMNS), output)


def _readable(row: dict[str, Any], zone: str, *, iso: bool) -> dict[str, Any]:
    from datetime import datetime

    from crawler.clock import local_moment, local_text
    from crawler.display import value_text

    moment = datetime.fromisoformat(row["detected_at"])
    detected = local_moment(moment, zone).isoformat(timespec="seconds") if iso else local_text(moment, zone)
    return {**row, "detected": detected, "old": value_text(row["old"]), "new": value_text(row["new"])}


def _emit(write: Any, output: Path | None) -> None:
    if output is None:
        write()
        return
    from contextlib import redirect_stdout

    with output.open("w", encoding="utf-8") as handle, redirect_stdout(handle):
        write()
    click.echo(f"wrote {output}", err=True)


def write_xlsx(rows: list[dict[str, Any]], columns: list[str], path: Path) -> None:
    """A spreadsheet with one row per change and a frozen, bold header (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ändringar"
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(["" if row.get(c) is None else row.get(c) for c in columns])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (26, 6, 18, 20, 50, 50, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    book.save(path)


commands = [changes]
