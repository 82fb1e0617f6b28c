"""`kommunvakt demo` as a newcomer runs it: no internet, under a minute, only the demo's changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import run_cli

pytestmark = pytest.mark.slow


def test_demo_prints_the_second_nights_changes_and_nothing_else(tmp_path: Path) -> None:
    result = run_cli("demo", "--db", str(tmp_path / "demo.db"), cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    for expected in ("Sara Lindberg", "Isak Johansson", "2024-06-16", "Handlingsplan för internationellt arbete 2026"):
        assert expected in report
    assert "vänortsavtal med Ełk" in report
    for quiet_site in ("Eskilstuna", "Ljungby"):  # only noise changed there
        assert quiet_site not in report
    # every line a person reads speaks the configured language: Swedish by default (no config here)
    assert "natt 1: körning 1 klar: 5 sidor hämtade (5 nya)" in result.stderr
    assert "natt 2: körning 2 klar: 5 sidor hämtade (0 nya)" in result.stderr
    assert "trollhattan: en ny internationell samordnare" in result.stderr
    assert "Ny kontaktperson" in report and "New contact" not in report
    assert "night" not in result.stderr and "simulated web" not in result.stderr and "report" not in result.stderr
    listed = run_cli("changes", "--db", str(tmp_path / "demo.db"), "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    found = sorted((c["site"], c["kind"]) for c in json.loads(listed.stdout))
    assert found == [
        ("amal", "document_added"),
        ("hylte", "text_changed"),
        ("trollhattan", "contact_added"),
        ("trollhattan", "contact_removed"),
        ("trollhattan", "review_date_changed"),
    ]


def test_demo_follows_the_configured_language_and_leaves_nothing_behind_without_db(tmp_path: Path) -> None:
    """No --lang: ``[report] lang = "en"`` in the config makes the narration and the report English."""
    config = tmp_path / "kommunvakt.toml"
    config.write_text('[report]\nlang = "en"\n', encoding="utf-8")
    result = run_cli("demo", cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Sara Lindberg" in result.stdout
    assert "New contact" in result.stdout and "Ny kontaktperson" not in result.stdout
    assert "night 2: run 2 completed: 5 pages fetched (0 new)" in result.stderr
    assert "trollhattan: a new international coordinator" in result.stderr
    assert "the database was temporary" in result.stderr
    for swedish in ("natt", "körning", "sidor", "databasen"):
        assert swedish not in result.stderr
    assert list(tmp_path.iterdir()) == [config]  # temporary database, no kommunvakt.db in the working directory


def test_demo_with_a_bad_config_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "kommunvakt.toml").write_text('[report]\nlang = "fi"\n', encoding="utf-8")
    result = run_cli("demo", cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "report.lang" in result.stderr, result.stderr
