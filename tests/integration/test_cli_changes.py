"""``kommunvakt changes`` in the forms people read: a table, CSV and XLSX in local time with readable values.

The changes are stored through the real models in a real SQLite file; the command runs through
its real entry point. JSON keeps the stored machine form (the contract).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from crawler.cli import main
from storage.db import make_engine, session_factory, transaction
from storage.migrate import upgrade
from storage.models import ChangeRow, CrawlRun, Page, SiteRow, Snapshot

CONTACT = {"name": "Ida Ek", "role": "EU-samordnare", "email": "ida.ek@amal.se", "phone": "+46532170000"}
DOCUMENT = {"url": "https://www.amal.se/dokument/strategi.pdf", "title": "Internationell strategi"}
WINTER = datetime(2026, 12, 3, 3, 5)  # UTC, stored naive as SQLite does: 04:05 CET
SUMMER = datetime(2026, 6, 3, 2, 5)  # 04:05 CEST


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("KOMMUNVAKT_DB", "KOMMUNVAKT_CONFIG", "KOMMUNVAKT_SITES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    engine = make_engine(str(tmp_path / "kommunvakt.db"))
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        session.add(SiteRow(id="amal", name="Åmål", code="1492", county="Västra Götalands län", home=None, url=None))
        session.add(CrawlRun(id=1, started_at=SUMMER, status="completed"))
        session.add(CrawlRun(id=2, started_at=WINTER, status="completed"))
        session.flush()
        page = Page(site_id="amal", registry_url="https://www.amal.se/i", url="https://www.amal.se/i")
        session.add(page)
        session.flush()
        # another municipality's version first, so global ids and per-municipality numbers differ
        session.add(SiteRow(id="bengtsfors", name="Bengtsfors", code="1460", county=None, home=None, url=None))
        other = Page(
            site_id="bengtsfors", registry_url="https://www.bengtsfors.se/i", url="https://www.bengtsfors.se/i"
        )
        session.add(other)
        session.flush()
        session.add(_snapshot(other.id, 1, SUMMER, "Bengtsfors text"))
        session.add(_snapshot(page.id, 1, SUMMER, "Åmål har två vänorter."))
        session.add(_snapshot(page.id, 2, WINTER, "Åmål har tre vänorter."))
        for run, moment, kind, old, new in [
            (1, SUMMER, "contact_added", None, CONTACT),
            (2, WINTER, "document_added", None, DOCUMENT),
            (2, WINTER, "review_date_changed", "2026-05-17", "2026-12-01"),
        ]:
            session.add(
                ChangeRow(
                    run_id=run, site_id="amal", page_id=page.id, url=page.url, kind=kind, old=old, new=new,
                    detected_at=moment,
                )
            )  # fmt: skip
    engine.dispose()
    return tmp_path


def _snapshot(page_id: int, run_id: int, moment: datetime, text: str) -> Snapshot:
    return Snapshot(
        page_id=page_id, run_id=run_id, taken_at=moment, url="https://www.amal.se/i", content_hash=str(hash(text)),
        html_z=b"", text=text + "\n", record="{}",
    )  # fmt: skip


def _run(argv: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capfd.readouterr()
    return code, out, err


def test_table_shows_local_time_with_the_zone_and_phones_as_swedes_write_them(
    stored: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["changes"], capfd)
    assert code == 0, err
    assert "2026-06-03 04:05 CEST" in out and "2026-12-03 04:05 CET" in out
    assert "Ida Ek · EU-samordnare · ida.ek@amal.se · 0532-17 00 00" in out
    assert "Internationell strategi <https://www.amal.se/dokument/" in out  # the table cuts cells at 60
    assert "+46532170000" not in out and '{"' not in out


def test_csv_has_readable_columns_and_iso_times_with_offset(stored: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["changes", "--format", "csv"], capfd)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["detected"] for r in rows] == ["2026-06-03T04:05:00+02:00"] + ["2026-12-03T04:05:00+01:00"] * 2
    assert rows[0]["new"] == "Ida Ek · EU-samordnare · ida.ek@amal.se · 0532-17 00 00"
    assert rows[2]["old"] == "2026-05-17" and rows[2]["new"] == "2026-12-01"


def test_json_keeps_the_stored_form(stored: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["changes", "--format", "json", "--run", "1"], capfd)
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["new"] == CONTACT and row["detected_at"] == "2026-06-03T02:05:00+00:00"


def test_xlsx_opens_with_one_row_per_change(stored: Path, capfd: pytest.CaptureFixture[str]) -> None:
    target = stored / "ändringar.xlsx"
    code, _, err = _run(["changes", "--format", "xlsx", "--output", str(target)], capfd)
    assert code == 0, err
    sheet = load_workbook(target).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["detected", "run", "site", "kind", "old", "new", "url"]
    assert len(values) == 4
    assert values[2][3] == "document_added" and values[2][5].startswith("Internationell strategi <")


def test_xlsx_needs_a_file(stored: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["changes", "--format", "xlsx"], capfd)
    assert code == 2 and out == ""
    assert err.strip() == "kommunvakt: --format xlsx: name the file with --output FILE.xlsx"


def test_versions_are_numbered_per_municipality_in_local_time(stored: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["history", "amal"], capfd)
    assert code == 0, err
    assert "#1  2026-06-03 04:05 CEST" in out and "#2  2026-12-03 04:05 CET" in out
    code, out, err = _run(["diff", "amal", "--from", "#1", "--to", "#2"], capfd)
    assert code == 0, err
    assert "-Åmål har två vänorter." in out and "+Åmål har tre vänorter." in out
    assert "#1 2026-06-03 04:05 CEST" in out


def test_a_day_means_the_end_of_that_day(stored: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """The winter version was stored at 04:05 on 3 December: asking for that day finds it."""
    code, out, err = _run(["show", "amal", "--at", "2026-12-03"], capfd)
    assert code == 0, err
    assert out.startswith("# version #2 ") and "tre vänorter" in out
    code, out, err = _run(["show", "amal", "--at", "2026-12-02"], capfd)
    assert code == 0, err
    assert out.startswith("# version #1 ") and "två vänorter" in out


def test_a_version_number_out_of_range_is_one_line(stored: Path, capfd: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["diff", "amal", "--from", "#3"], capfd)
    assert code == 2 and out == ""
    assert err.strip() == "kommunvakt: --from: no version #3 (this municipality has #1 to #2)"
