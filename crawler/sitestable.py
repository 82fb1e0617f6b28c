"""The registry as a table (CSV or XLSX): ``kommunvakt sites export`` and ``kommunvakt sites import``.

Analysts keep lists in spreadsheets; the sites file stays the registry the crawl, the CLI and the web app read.
A table has one row per municipality and one column per field of the sites file, plus ``discovered``: the
date on the ``# discovered`` mark that says `kommunvakt discover` wrote the url (empty: set by hand, which
a later ``discover --accept`` leaves alone), so provenance survives the round trip. Lists (``aliases``,
``ignore``) hold one item per line of their cell.

An import is checked whole before anything is written, by the very parser that loads the sites file
(:func:`crawler.registry.parse_sites`), and the first bad row is one line naming the file, the row and
the field; the new sites file is written atomically (a reader sees the old file or the new one).
csv (standard library) and openpyxl (XLSX) do the table formats.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from crawler.registry import (
    ALLOWED_KEYS,
    MAX_SITES_FILE_BYTES,
    SiteEntry,
    SitesFileError,
    load_sites,
    parse_sites,
    shown,
)

#: The table's columns, in this order: the sites file's fields, then where the url came from.
COLUMNS = (*ALLOWED_KEYS, "discovered")
LIST_COLUMNS = ("aliases", "ignore")
#: A registry of Sweden's 290 municipalities; a table far longer than this is not a registry.
MAX_ROWS = 10_000
FORMATS = ("csv", "xlsx")
_DISCOVERED = re.compile(r"#\s*discovered\b\s*(\S*)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: What a ``discovered`` cell says of a mark without a date (older files).
UNDATED = "yes"


@dataclass(frozen=True)
class TableEntry:
    """One row: the entry, and the date discover wrote its url (``UNDATED`` for a mark without one)."""

    site: SiteEntry
    discovered: str | None = None


# --- export ---


def registry_table(path: str | Path | None) -> list[TableEntry]:
    """The sites file at ``path`` (the bundled registry when None), checked as the crawl loads it, with each
    url's provenance read from the file's ``# discovered`` marks."""
    sites = load_sites(path)
    marks = _discovered_marks(Path(path)) if path else {}
    return [TableEntry(site, marks.get(site.id) if site.url else None) for site in sites]


def _discovered_marks(file: Path) -> dict[str, str]:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    marks: dict[str, str] = {}
    text = file.read_text(encoding="utf-8")
    if "discovered" not in text:
        return marks  # the round-trip parse (the only one that keeps comments) is ~10x the safe one's time
    for entry in YAML(typ="rt").load(text) or []:
        if not isinstance(entry, CommentedMap) or "url" not in entry:
            continue
        item = entry.ca.items.get("url")
        comment = item[2].value if item and len(item) > 2 and item[2] is not None else ""
        if match := _DISCOVERED.search(str(comment)):
            marks[str(entry.get("id"))] = match.group(1) if _DATE.match(match.group(1)) else UNDATED
    return marks


def cells(entry: TableEntry) -> list[str]:
    """One row's cells in :data:`COLUMNS` order, as text ("" for nothing)."""
    data = entry.site.as_json()
    values: list[str] = []
    for column in COLUMNS:
        value = entry.discovered if column == "discovered" else data.get(column)
        if column in LIST_COLUMNS:
            items = list(value or [])
            for item in items:
                if "\n" in item or "\r" in item:
                    raise SitesFileError(
                        f"entry '{entry.site.id}': field '{column}': an item holds a line break, "
                        "which a table cell uses between items"
                    )
            values.append("\n".join(items))
        else:
            values.append("" if value is None else str(value))
    return values


def write_csv(entries: Iterable[TableEntry], stream: IO[str]) -> None:
    """UTF-8 CSV with a header row (RFC 4180 quoting; a cell may hold line breaks)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(cells(entry))


def write_xlsx(entries: Iterable[TableEntry], target: str | Path | IO[bytes]) -> None:
    """One sheet, every cell a text cell (a name starting with "=" stays text, never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = "sites"
    for number, name in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=number, value=name).font = Font(bold=True)
    for row, entry in enumerate(entries, start=2):
        for number, (name, value) in enumerate(zip(COLUMNS, cells(entry), strict=True), start=1):
            if not value:
                continue
            if ILLEGAL_CHARACTERS_RE.search(value):
                raise SitesFileError(
                    f"entry '{entry.site.id}': field '{name}': holds a control character an XLSX cell cannot keep"
                )
            cell = sheet.cell(row=row, column=number)
            cell.value = value
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; this is text
            if "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    book.save(target)  # openpyxl takes a path or a binary stream


# --- import ---


def table_format(file: Path, head: bytes) -> str:
    """csv or xlsx, by the name's suffix, else by the bytes (an XLSX file is a zip archive)."""
    suffix = file.suffix.lower()
    if suffix in (".csv", ".xlsx"):
        return suffix[1:]
    return "xlsx" if head.startswith(b"PK\x03\x04") else "csv"


def read_table(file: str | Path) -> list[TableEntry]:
    """The rows of a CSV or XLSX table, each checked as a sites-file entry; the first problem raises a
    :class:`SitesFileError` naming the file, the row and the field (or column)."""
    file = Path(file)
    try:
        size = file.stat().st_size
        if size > MAX_SITES_FILE_BYTES:
            raise SitesFileError(f"{file}: over {MAX_SITES_FILE_BYTES // 1_000_000} MB, too large for a registry")
        with file.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise SitesFileError(f"{file}: cannot read the table: {exc.strerror or exc}") from exc
    rows = _xlsx_rows(file) if table_format(file, head) == "xlsx" else _csv_rows(file)
    return _entries(file, rows)


def _csv_rows(file: Path) -> Iterator[tuple[int, list[Any]]]:
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SitesFileError(
            f"{file}: not UTF-8 text (byte {exc.start + 1}); save the table as CSV UTF-8, or as XLSX"
        ) from exc
    header = text.split("\n", 1)[0]
    known = set(COLUMNS)
    delimiter = max(",;\t", key=lambda d: sum(c.strip().strip('"').lower() in known for c in header.split(d)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, list(row)
    except csv.Error as exc:
        raise SitesFileError(f"{file}: row {number + 1}: not valid CSV: {exc}") from exc


def _xlsx_rows(file: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SitesFileError(f"{file}: not a readable XLSX workbook ({exc})") from exc
    try:
        sheet = book["sites"] if "sites" in book.sheetnames else book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SitesFileError(f"{file}: not a readable XLSX workbook ({exc})") from exc
    finally:
        book.close()


def _header(file: Path, row: list[Any]) -> list[str | None]:
    names: list[str | None] = []
    for cell in row:
        name = str(cell).strip().lower() if cell is not None and str(cell).strip() else None
        if name is not None and name not in COLUMNS:
            raise SitesFileError(f"{file}: row 1: column {shown(name)}: unknown (columns: {', '.join(COLUMNS)})")
        if name is not None and name in names:
            raise SitesFileError(f"{file}: row 1: column '{name}': appears twice")
        names.append(name)
    for required in ("id", "name"):
        if required not in names:
            raise SitesFileError(f"{file}: row 1: column '{required}': missing (the first row names the columns)")
    return names


def _entries(file: Path, rows: Iterator[tuple[int, list[Any]]]) -> list[TableEntry]:
    first = next(rows, None)
    if first is None:
        raise SitesFileError(f"{file}: empty: no header row and no entries")
    columns = _header(file, first[1])
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    marks: list[str | None] = []
    for number, row in rows:
        if number > MAX_ROWS + 1:
            raise SitesFileError(f"{file}: row {number}: over {MAX_ROWS} rows, too many for a registry")
        if len(row) > len(columns) and any(_text(c, "") for c in row[len(columns) :]):
            raise SitesFileError(f"{file}: row {number}: a value beyond the last named column")
        record = {name: _value(name, cell) for name, cell in zip(columns, row, strict=False) if name}
        record = {name: value for name, value in record.items() if value is not None}
        if not record:
            continue  # a blank row (spreadsheets keep some at the end)
        marks.append(record.pop("discovered", None))
        records.append(record)
        numbers.append(number)
    if not records:
        raise SitesFileError(f"{file}: no entries: importing it would empty the registry")
    sites = parse_sites(records, file, rows=numbers)
    for site, mark, number in zip(sites, marks, numbers, strict=True):
        if mark is None:
            continue
        where = f"{file}: row {number}: entry '{site.id}': field 'discovered'"
        if not site.url:
            raise SitesFileError(f"{where}: only an entry with a 'url' was discovered")
        if mark != UNDATED and not _is_date(mark):
            raise SitesFileError(f"{where}: a date as YYYY-MM-DD (when discover wrote the url), or empty")
    return [TableEntry(site, mark) for site, mark in zip(sites, marks, strict=True)]


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _text(cell: Any, column: str) -> str | None:
    """A cell as text; None when it is empty. A spreadsheet's own types are read back as the text they
    stand for: a code typed as a number loses its leading zero (114 is "0114"), a typed date is a date."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        text = str(cell).lower()
    elif isinstance(cell, dt.datetime | dt.date):
        text = (cell.date() if isinstance(cell, dt.datetime) else cell).isoformat()
    elif isinstance(cell, int | float) and float(cell).is_integer():
        number = int(cell)
        text = f"{number:04d}" if column == "code" and 0 <= number <= 9999 else str(number)
    else:
        text = str(cell)
    return text if text.strip() else None


def _value(column: str, cell: Any) -> Any:
    text = _text(cell, column)
    if text is None or column not in LIST_COLUMNS:
        return text
    items = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    return items or None


# --- the sites file ---


@dataclass
class ImportSummary:
    written: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def sites_yaml(entries: Sequence[TableEntry], note: str) -> str:
    """The sites file for ``entries``: one mapping each in the file's key order, the discover marks kept."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data = CommentedSeq()
    for entry in entries:
        values = entry.site.as_json()
        item = CommentedMap()
        for key in ALLOWED_KEYS:
            value = values.get(key)
            if value not in (None, [], ""):
                item[key] = value
        if entry.discovered and "url" in item:
            mark = "discovered" + ("" if entry.discovered == UNDATED else f" {entry.discovered}")
            item.yaml_add_eol_comment(mark, "url")
        data.append(item)
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=2, offset=0)
    out = io.StringIO()
    out.write("".join(f"# {line}\n" for line in note.splitlines()))
    yaml.dump(data, out)
    return out.getvalue()


def import_table(source: str | Path, target: str | Path, today: dt.date) -> ImportSummary:
    """Replace the sites file ``target`` with the table ``source``, after checking every row; atomically."""
    from crawler.discover.sitesfile import is_bundled, write_atomically

    if is_bundled(target):
        raise SitesFileError("--sites: name the sites file to write; the bundled registry is never written")
    target = Path(target)
    if not target.absolute().parent.is_dir():
        raise SitesFileError(f"--sites: the folder {target.absolute().parent} does not exist")
    entries = read_table(source)
    note = f"kommunvakt registry, written by `kommunvakt sites import` from {Path(source).name} on {today.isoformat()}"
    text = sites_yaml(entries, note)
    if parse_sites(_safe_load(text), target) != [e.site for e in entries]:  # pragma: no cover - a bug, not input
        raise RuntimeError("the sites file written would not read back as the table")
    try:
        before = {s.id: s for s in load_sites(target)} if target.exists() else {}
    except SitesFileError:
        before = {}  # a broken file is replaced whole; nothing in it can be compared
    write_atomically(target, text)
    after = {e.site.id: e.site for e in entries}
    return ImportSummary(
        written=len(entries),
        added=[i for i in after if i not in before],
        removed=[i for i in before if i not in after],
        changed=[i for i in after if i in before and before[i] != after[i]],
    )


def _safe_load(text: str) -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(text)
