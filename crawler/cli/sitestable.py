"""``kommunvakt sites export`` and ``kommunvakt sites import``: the registry as a CSV or XLSX table."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import click

from crawler.cli.common import EXIT_BAD_INPUT, App, CliError, app_options, check_output_file


@click.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), help="Table format (default: by --output, else csv)."
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
@app_options
def export_command(app: App, fmt: str | None, output: Path | None) -> None:
    """Write the registry as a table, one row per municipality with its provenance (state, source, seen,
    and `discovered`: the date discover wrote the url; empty when it was set by hand)."""
    from crawler.sitestable import registry_table, write_csv, write_xlsx

    app = _with_group_options(app)
    check_output_file(output)
    fmt = fmt or ("xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv")
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise CliError("--output: an XLSX workbook is not for a terminal; name a file (-o sites.xlsx)", EXIT_BAD_INPUT)
    entries = registry_table(app.sites_file)
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        write_csv(entries, buffer)
        data = buffer.getvalue().encode("utf-8")
    else:
        binary = io.BytesIO()
        write_xlsx(entries, binary)
        data = binary.getvalue()
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from crawler.discover.sitesfile import write_atomically

        write_atomically(output.expanduser(), data)
    click.echo(f"kommunvakt sites export: {len(entries)} entries" + (f" to {output}" if output else ""), err=True)


@click.command("import")
@click.argument("table", type=click.Path(dir_okay=False, path_type=Path))
@app_options
def import_command(app: App, table: Path) -> None:
    """Replace the sites file (--sites FILE, or the config's) with TABLE (CSV or XLSX, as `sites export`
    writes it). Every row is checked first; a bad row names the file, the row and the field, and nothing is
    written. The file is written atomically: the crawl and the web app see the old registry or the new one."""
    from crawler.clock import local_moment, utcnow
    from crawler.sitestable import import_table

    app = _with_group_options(app)
    if not app.sites_file:
        raise CliError("--sites: name the sites file to write; the bundled registry is never written", EXIT_BAD_INPUT)
    today = local_moment(utcnow(), app.config.schedule.timezone).date()
    summary = import_table(table, app.sites_file, today)
    click.echo(
        f"kommunvakt sites import: {summary.written} entries written to {app.sites_file} "
        f"({len(summary.added)} added, {len(summary.removed)} removed, {len(summary.changed)} changed)",
        err=True,
    )


def _with_group_options(app: App) -> App:
    """``--config``, ``--db`` and ``--sites`` given before the subcommand (``sites --sites F import T``) count
    where the subcommand was not given its own."""
    parent = click.get_current_context().find_object(App)
    if parent is None or parent is app:
        return app
    return dataclasses.replace(
        app,
        config_path=app.config_path or parent.config_path,
        db_option=app.db_option or parent.db_option,
        sites_option=app.sites_option or parent.sites_option,
    )
