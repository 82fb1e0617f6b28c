"""`kommunvakt sites export` and `sites import`: the registry as a CSV or XLSX table and back.

The commands run in-process through the CLI's entry point (exit codes and the one-line errors are the
contract) on real files; the round trip is a hypothesis property over generated registries, through the
real csv module and openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from crawler.cli import main
from crawler.discover.sitesfile import accept_urls
from crawler.registry import SiteEntry, bundled_sites_path, load_sites
from crawler.sitestable import COLUMNS, TableEntry, import_table, registry_table, sites_yaml, write_csv, write_xlsx

SITES = """\
# Our own registry (a comment the export does not need)
- id: alpha
  name: Alpha
  code: "0114"
  county: Stockholms län
  home: https://www.alpha.se/
  url: https://www.alpha.se/internationellt/  # discovered 2026-11-30
  state: candidate
  source: kommunvakt discover
  seen: "2026-11"
- id: beta
  name: Båtskär
  code: "0115"
  home: https://beta.se/
  url: https://international.beta-stad.se/eu/
  source: checked by hand
  aliases: [international.beta-stad.se]
  main: "#content"
  ignore: [".nyheter", "aside.puff > p"]
- id: gamma
  name: Gamma
  code: "0117"
  home: https://gamma.se/
"""


def _run(capfd: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capfd.readouterr()
    return code, out, err


@pytest.fixture
def sites_file(tmp_path: Path) -> Path:
    path = tmp_path / "sites.yaml"
    path.write_text(SITES, encoding="utf-8")
    return path


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_keeps_every_entry_and_where_its_url_came_from(
    tmp_path: Path, sites_file: Path, suffix: str, capfd: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / f"sites.{suffix}"
    code, _, err = _run(capfd, "sites", "export", "--sites", str(sites_file), "-o", str(table))
    assert code == 0 and "3 entries" in err
    target = tmp_path / "imported.yaml"
    code, _, err = _run(capfd, "sites", "import", str(table), "--sites", str(target))
    assert code == 0, err
    assert "3 entries written" in err and "3 added" in err
    assert load_sites(target) == load_sites(sites_file)
    assert "url: https://www.alpha.se/internationellt/  # discovered 2026-11-30" in target.read_text(encoding="utf-8")
    # the provenance means what it meant: discover may replace its own url, never the hand-set one
    result = accept_urls(target, {"alpha": "https://www.alpha.se/eu/", "beta": "https://beta.se/eu/"}, dt.date.today())
    assert result.written == {"alpha": "https://www.alpha.se/eu/"} and result.kept_by_hand == ["beta"]


def test_the_csv_names_every_field_and_the_provenance(sites_file: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capfd, "sites", "export", "--sites", str(sites_file))
    assert code == 0
    rows = _csv_rows(out)
    assert list(rows[0]) == list(COLUMNS)
    alpha, beta, gamma = rows
    assert (alpha["state"], alpha["source"], alpha["seen"], alpha["discovered"]) == (
        "candidate", "kommunvakt discover", "2026-11", "2026-11-30",
    )  # fmt: skip
    assert (beta["state"], beta["discovered"], beta["ignore"]) == ("confirmed", "", ".nyheter\naside.puff > p")
    assert beta["code"] == "0115" and gamma["url"] == "" and gamma["state"] == ""


def test_the_bundled_registry_round_trips_through_xlsx(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "alla.xlsx"
    assert _run(capfd, "sites", "export", "-o", str(table))[0] == 0
    sheet = load_workbook(table, read_only=True).worksheets[0]
    assert sheet.max_row == 291  # the header and 290 municipalities
    target = tmp_path / "sites.yaml"
    assert _run(capfd, "sites", "import", str(table), "--sites", str(target))[0] == 0
    assert load_sites(target) == load_sites(bundled_sites_path())


def test_a_swedish_excel_table_reads_as_what_it_says(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Semicolons and a byte-order mark (Excel's "CSV UTF-8" in a Swedish locale); in XLSX a code typed as
    a number (114, its zero gone) and a date typed as a date."""
    semicolons = tmp_path / "excel.csv"
    semicolons.write_bytes("id;name;code;home\r\nalpha;Älvdalen;0114;https://www.alvdalen.se/\r\n".encode("utf-8-sig"))
    target = tmp_path / "sites.yaml"
    assert _run(capfd, "sites", "import", str(semicolons), "--sites", str(target))[0] == 0
    assert load_sites(target) == [SiteEntry(id="alpha", name="Älvdalen", code="0114", home="https://www.alvdalen.se/")]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name", "code", "home", "url", "seen"])
    sheet.append(["alpha", "Alpha", 114, "https://alpha.se/", "https://alpha.se/eu/", dt.datetime(2026, 5, 17)])
    sheet.append([None, None, None, None, None, None])  # the blank rows a spreadsheet keeps at the end
    book.save(tmp_path / "typed.xlsx")
    assert _run(capfd, "sites", "import", str(tmp_path / "typed.xlsx"), "--sites", str(target))[0] == 0
    (site,) = load_sites(target)
    assert (site.code, site.seen, site.state) == ("0114", "2026-05-17", "confirmed")


def test_a_name_that_looks_like_a_formula_stays_text_in_the_workbook(tmp_path: Path) -> None:
    entries = [TableEntry(SiteEntry(id="x", name='=HYPERLINK("http://evil.example","klicka")', home="https://x.se/"))]
    write_xlsx(entries, tmp_path / "x.xlsx")
    cell = load_workbook(tmp_path / "x.xlsx").worksheets[0]["B2"]
    assert cell.data_type == "s" and cell.value == entries[0].site.name


HEADER = "id,name,code,home,url,ignore,discovered\n"
GOOD = "alpha,Alpha,0114,https://alpha.se/,,,\n"


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (HEADER + GOOD + "beta,Beta,0115,https://beta.se/,htp://beta.se/eu,,\n", "row 3: entry 'beta': field 'url'"),
        (HEADER + GOOD + "alpha,Alpha igen,0115,https://a.se/,,,\n", "row 3: entry 'alpha': field 'id': duplicate"),
        (HEADER + GOOD + "beta,Beta,115,https://beta.se/,,,\n", "row 3: entry 'beta': field 'code'"),
        (HEADER + GOOD + "beta,,0115,https://beta.se/,,,\n", "row 3: entry 'beta': field 'name'"),
        (HEADER + GOOD + 'beta,Beta,0115,https://beta.se/,,"main\n[[",\n', "row 3: entry 'beta': field 'ignore'"),
        (HEADER + GOOD + "Beta,Beta,0115,https://beta.se/,,,\n", "row 3: entry 'Beta': field 'id'"),
        (HEADER + "b,B,0115,https://b.se/,https://b.se/e,,2026-13-01\n", "row 2: entry 'b': field 'discovered'"),
        (HEADER + "beta,Beta,0115,https://beta.se/,,,2026-11-01\n", "row 2: entry 'beta': field 'discovered'"),
        ("id,name,colour\nalpha,Alpha,red\n", "row 1: column 'colour': unknown"),
        ("id,home\nalpha,https://alpha.se/\n", "row 1: column 'name': missing"),
        ("id,name,home,home\nalpha,Alpha,https://alpha.se/,https://alpha.se/\n", "row 1: column 'home': appears twice"),
        ("id,name,home\nalpha,Alpha,https://alpha.se/,extra\n", "row 2: a value beyond the last named column"),
        ("id,name,home\n", "no entries: importing it would empty the registry"),
        ("", "empty"),
    ],
)  # fmt: skip
def test_a_bad_row_is_one_line_naming_file_row_and_field_and_nothing_is_written(
    tmp_path: Path, sites_file: Path, content: str, named: str, capfd: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "table.csv"
    table.write_text(content, encoding="utf-8")
    before = sites_file.read_bytes()
    code, out, err = _run(capfd, "sites", "import", str(table), "--sites", str(sites_file))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"{table}: " in err and named in err, err
    assert sites_file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.parametrize(
    ("write", "named"),
    [
        (lambda p: p.write_bytes("id,name,home\nalpha,Åmål,https://amal.se/\n".encode("cp1252")), "not UTF-8"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a workbook"), "not a readable XLSX workbook"),
    ],
)
def test_a_table_that_cannot_be_read_is_one_line_too(
    tmp_path: Path, sites_file: Path, write, named: str, capfd: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "table.dat"
    write(table)
    before = sites_file.read_bytes()
    code, _, err = _run(capfd, "sites", "import", str(table), "--sites", str(sites_file))
    assert code == 2 and err.count("\n") == 1 and f"{table}: " in err and named in err, err
    assert sites_file.read_bytes() == before


def test_a_bad_row_in_a_workbook_names_its_row(
    tmp_path: Path, sites_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name", "home", "aliases"])
    sheet.append(["alpha", "Alpha", "https://alpha.se/", None])
    sheet.append(["beta", "Beta", "https://beta.se/", "www.beta.se\nnot a host"])
    book.save(tmp_path / "t.xlsx")
    before = sites_file.read_bytes()
    code, _, err = _run(capfd, "sites", "import", str(tmp_path / "t.xlsx"), "--sites", str(sites_file))
    assert code == 2 and "t.xlsx: row 3: entry 'beta': field 'aliases'" in err
    assert sites_file.read_bytes() == before


def test_the_groups_options_count_for_the_subcommand(
    tmp_path: Path, sites_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """`sites --sites F export` exports F (not the bundled registry); `sites --sites F import T` writes F."""
    code, out, _ = _run(capfd, "sites", "--sites", str(sites_file), "export")
    assert code == 0 and [r["id"] for r in _csv_rows(out)] == ["alpha", "beta", "gamma"]
    table = tmp_path / "t.csv"
    table.write_text(HEADER + GOOD, encoding="utf-8")
    assert _run(capfd, "sites", "--sites", str(sites_file), "import", str(table))[0] == 0
    assert [s.id for s in load_sites(sites_file)] == ["alpha"]


def test_import_never_writes_the_bundled_registry(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "t.csv"
    table.write_text(HEADER + GOOD, encoding="utf-8")
    before = bundled_sites_path().read_bytes()
    code, _, err = _run(capfd, "sites", "import", str(table))
    assert code == 2 and err.startswith("kommunvakt: --sites:") and err.count("\n") == 1
    assert bundled_sites_path().read_bytes() == before


def test_listing_the_registry_still_works_beside_the_subcommands(
    sites_file: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capfd, "sites", "--sites", str(sites_file), "--db", str(tmp_path / "none.db"), "--format", "csv"
    )
    assert code == 0 and [r["id"] for r in _csv_rows(out)] == ["alpha", "beta", "gamma"]


# --- the round trip, over generated registries ---

#: Text a registry holds: Swedish and other letters, digits, YAML's and CSV's special characters, quotes,
#: a leading "=" or "-", a no-break space and characters outside the Basic Multilingual Plane.
_TEXT = st.text("aåäöÅÄÖzé ß-:#'\",;=@&*!?|>[]{}%.\u00a0\u2028ŋđ\U0001f600019", min_size=1, max_size=20).filter(
    lambda s: s == s.strip() and bool(s)
)
_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
_LABEL = st.text(_ALNUM, min_size=1, max_size=6)
_HOST = st.lists(_LABEL, min_size=2, max_size=3).map(".".join)
_URL = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["http", "https"]),
    _HOST,
    st.text(_ALNUM + "/_.-", max_size=12),
)
_NAME = st.builds(lambda first, rest: first + rest, st.sampled_from("abcxyz"), st.text(_ALNUM + "_-", max_size=6))
_SELECTOR = st.one_of(
    st.sampled_from(["main", "article", "aside", "div", "section", "p"]),
    _NAME.map(lambda n: f".{n}"),
    _NAME.map(lambda n: f"#{n}"),
    st.tuples(st.sampled_from(["div", "aside", "nav"]), _NAME, st.sampled_from([" ", " > "]), _NAME).map(
        lambda t: f"{t[0]}.{t[1]}{t[2]}.{t[3]}"
    ),
)
_DAY = st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31))


@st.composite
def _entry(draw: st.DrawFn, site_id: str, code: str | None) -> TableEntry:
    home = draw(st.none() | _URL)
    url = draw(_URL) if home is None else draw(st.none() | _URL)
    seen = draw(st.none() | _DAY.map(lambda d: d.isoformat()[: draw(st.sampled_from([4, 7, 10]))]))
    site = SiteEntry(
        id=site_id,
        name=draw(_TEXT),
        code=code,
        county=draw(st.none() | _TEXT),
        home=home,
        url=url,
        state=draw(st.sampled_from(["confirmed", "candidate"])) if url else None,
        source=draw(st.none() | _TEXT),
        seen=seen,
        aliases=tuple(draw(st.lists(_HOST, max_size=2))),
        main=draw(st.none() | _SELECTOR),
        ignore=tuple(draw(st.lists(_SELECTOR, max_size=3))),
    )
    discovered = draw(st.none() | st.just("yes") | _DAY.map(dt.date.isoformat)) if url else None
    return TableEntry(site, discovered)


@st.composite
def _registries(draw: st.DrawFn) -> list[TableEntry]:
    ids = draw(st.lists(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)?", fullmatch=True), min_size=1, max_size=6, unique=True))
    codes = draw(
        st.lists(st.from_regex(r"[0-9]{4}", fullmatch=True), min_size=len(ids), max_size=len(ids), unique=True)
    )
    return [draw(_entry(site_id, draw(st.none() | st.just(code)))) for site_id, code in zip(ids, codes, strict=True)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=_registries(), fmt=st.sampled_from(["csv", "xlsx"]))
def test_a_registry_survives_export_and_import_unchanged(entries: list[TableEntry], fmt: str) -> None:
    """sites file → table → sites file gives the same entries and provenance, and the same table again."""
    with tempfile.TemporaryDirectory() as folder:
        original = Path(folder) / "sites.yaml"
        original.write_text(sites_yaml(entries, "generated"), encoding="utf-8")
        exported = registry_table(original)
        assert exported == entries
        table, again = Path(folder) / f"sites.{fmt}", Path(folder) / f"again.{fmt}"
        _write(exported, table, fmt)
        imported = Path(folder) / "imported.yaml"
        summary = import_table(table, imported, dt.date(2026, 12, 3))
        assert summary.written == len(entries)
        reread = registry_table(imported)
        assert reread == entries
        _write(reread, again, fmt)
        if fmt == "csv":
            assert again.read_bytes() == table.read_bytes()
        else:
            assert _sheet(again) == _sheet(table)


def _write(entries: list[TableEntry], path: Path, fmt: str) -> None:
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            write_csv(entries, handle)
    else:
        write_xlsx(entries, path)


def _sheet(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return rows
