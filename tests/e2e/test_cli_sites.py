"""`kommunvakt sites` as users run it: each municipality's state and provenance, read-only, on SQLite."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

from crawler.discover.proposals import save_proposals
from crawler.discover.scoring import Proposal, Scored
from crawler.registry import load_sites
from storage.db import make_engine, session_factory
from storage.migrate import upgrade

from support import run_cli

SITES = """\
- id: alpha
  name: Alpha
  code: "0114"
  home: https://www.alpha.se/
  url: https://www.alpha.se/internationellt/
  state: confirmed
  source: checked by hand
- id: beta
  name: Beta
  code: "0115"
  home: https://beta.se/
  url: https://international.beta-stad.se/eu/
  state: candidate
  source: stored public copy
  seen: "2023-04"
  aliases: [international.beta-stad.se]
- id: gamma
  name: Gamma
  code: "0117"
  home: https://gamma.se/
- id: delta
  name: Delta
  code: "0120"
  home: https://delta.se/
- id: epsilon
  name: Epsilon
  code: "0123"
  home: https://epsilon.se/
  url: https://epsilon.se/vanorter/
"""
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def workdir(tmp_path: Path) -> Path:
    (tmp_path / "sites.yaml").write_text(SITES, encoding="utf-8")
    return tmp_path


def propose(db_url: str, sites_file: Path, proposals: dict[str, str | None]) -> None:
    """Store discover proposals through the real storage code (what `kommunvakt discover` saves)."""
    engine = make_engine(db_url)
    upgrade(engine)
    found = [
        Proposal(
            site, url, 0.9 if url else 0.0, bool(url), ("title",), (Scored(url, 0.9, ("title",), True),) if url else ()
        )
        for site, url in proposals.items()
    ]
    save_proposals(session_factory(engine), found, load_sites(sites_file), now=T0)
    engine.dispose()


def table(result_stdout: str) -> dict[str, list[str]]:
    """id -> the cells of its line (split on runs of two spaces, as the table aligns them)."""
    lines = result_stdout.splitlines()
    rows = {}
    for line in lines[1:-1]:
        cells = [c.strip() for c in line.split("  ") if c.strip()]
        rows[cells[0]] = cells
    return rows


def test_without_a_database_states_come_from_the_registry_and_nothing_is_created(tmp_path: Path) -> None:
    work = workdir(tmp_path)
    result = run_cli("sites", "--sites", "sites.yaml", "--db", "sqlite:///k.db", cwd=work)
    assert result.returncode == 0, result.stderr
    assert not (work / "k.db").exists(), "listing the registry created a database"
    notes = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(notes) == 1 and "no database" in notes[0] and "proposals" in notes[0]
    rows = table(result.stdout)
    assert [rows[i][3] for i in ("alpha", "beta", "gamma", "delta", "epsilon")] == [
        "confirmed",
        "candidate",
        "not located",  # the crawl's summary word too; "not found" is a page that answered 404
        "not located",
        "confirmed",  # a url written without a state is one its owner knows
    ]
    assert "stored public copy" in rows["beta"] and "2023-04" in rows["beta"]
    assert result.stdout.splitlines()[-1] == "5 municipalities: 2 confirmed, 1 candidate, 0 proposed, 2 not located"


def test_a_waiting_proposal_shows_as_proposed_with_its_address(tmp_path: Path) -> None:
    work = workdir(tmp_path)
    db = f"sqlite:///{work / 'k.db'}"
    propose(db, work / "sites.yaml", {"gamma": "https://gamma.se/eu-och-internationellt/", "delta": None})
    propose(db, work / "sites.yaml", {"alpha": "https://www.alpha.se/annat/"})  # a located site stays as it is
    result = run_cli("sites", "--sites", "sites.yaml", "--db", db, cwd=work)
    assert result.returncode == 0, result.stderr
    assert "no database" not in result.stderr
    rows = table(result.stdout)
    assert rows["gamma"][3:5] == ["proposed", "https://gamma.se/eu-och-internationellt/"]
    assert "kommunvakt discover, 2026-11-30" in rows["gamma"]
    assert rows["delta"][3] == "not located"  # discover looked and found nothing
    assert rows["alpha"][3:5] == ["confirmed", "https://www.alpha.se/internationellt/"]
    assert result.stdout.splitlines()[-1] == "5 municipalities: 2 confirmed, 1 candidate, 1 proposed, 1 not located"

    entries = {
        e["id"]: e
        for e in json.loads(run_cli("sites", "--sites", "sites.yaml", "--db", db, "--format", "json", cwd=work).stdout)
    }
    assert entries["gamma"]["status"] == "proposed" and entries["gamma"]["url"] is None
    assert entries["gamma"]["proposal"]["url"] == "https://gamma.se/eu-och-internationellt/"
    assert entries["delta"]["status"] == "not_located" and "proposal" not in entries["delta"]


def test_json_carries_state_source_seen_and_aliases(tmp_path: Path) -> None:
    work = workdir(tmp_path)
    result = run_cli("sites", "--sites", "sites.yaml", "--db", "sqlite:///k.db", "--format", "json", cwd=work)
    assert result.returncode == 0, result.stderr
    entries = {e["id"]: e for e in json.loads(result.stdout)}  # the stderr note does not break the JSON
    assert entries["beta"]["state"] == "candidate"
    assert entries["beta"]["source"] == "stored public copy"
    assert entries["beta"]["seen"] == "2023-04"
    assert entries["beta"]["aliases"] == ["international.beta-stad.se"]
    assert entries["beta"]["status"] == "located"
    assert entries["gamma"]["state"] is None and entries["gamma"]["source"] is None
    assert entries["gamma"]["aliases"] == [] and entries["gamma"]["status"] == "not_located"
    assert not (work / "k.db").exists()


def test_csv_has_the_state_and_provenance_columns(tmp_path: Path) -> None:
    work = workdir(tmp_path)
    result = run_cli("sites", "--sites", "sites.yaml", "--db", "sqlite:///k.db", "--format", "csv", cwd=work)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["id", "name", "code", "state", "url", "source", "seen"]
    assert [(r["id"], r["state"]) for r in rows] == [
        ("alpha", "confirmed"),
        ("beta", "candidate"),
        ("gamma", "not located"),
        ("delta", "not located"),
        ("epsilon", "confirmed"),
    ]


def test_the_bundled_registry_counts_agree_with_its_entries(tmp_path: Path) -> None:
    sites = load_sites()
    result = run_cli("sites", "--db", "sqlite:///k.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = {state: sum(1 for s in sites if s.state == state) for state in ("confirmed", "candidate")}
    missing = sum(1 for s in sites if not s.located)
    assert result.stdout.splitlines()[-1] == (
        f"{len(sites)} municipalities: {expected['confirmed']} confirmed, {expected['candidate']} candidate, "
        f"0 proposed, {missing} not located"
    )
    assert len(result.stdout.splitlines()) == len(sites) + 2  # header, one line each, counts


def test_one_word_per_state_in_the_crawl_summary() -> None:
    """The crawl's summary calls a 404 'not found' and an address-less municipality 'not located', as `sites` does."""
    from crawler.ops.runs import figures_text

    figures = {"fetched": 5, "new": 0, "unchanged": 3, "changed": 1, "missing": 1, "failed": 0, "not_located": 2}
    line = figures_text(figures)
    assert "not found 1" in line and "not located 2" in line
    assert "missing" not in line
