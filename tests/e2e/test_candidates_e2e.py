"""End to end: candidate addresses from the sites file are verified on their first crawl.

A candidate that answers with the page becomes a watched page (verified); one that answers 404/410, sends the
crawler to the home page or reads as a soft 404 is reported once as ``address_invalid`` and handed to
discovery; one that fails transiently (503) stays a candidate and is tried again the next night.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from sqlalchemy import select

from crawler.discover import sites_needing_discovery
from crawler.registry import load_sites
from simweb.municipal import SimulatedWeb
from simweb.municipal.builders import dump_sites
from storage.db import session_factory
from storage.models import ChangeRow, CrawlRun, Fetch, Page, ProposalRow

from support import count, engine_for, run_cli, workdir_with_roles

pytestmark = pytest.mark.slow

#: role of each simulated site -> the fault its watched page has on the first night (None: serves the page)
ROLES = {
    "valid": None,
    "gone404": 404,
    "gone410": 410,
    "home": "redirect_home",
    "soft": "soft404",
    "busy": 503,
    "confirmed": None,
}
INVALID_ROLES = ("gone404", "gone410", "home", "soft")


@pytest.fixture
def cweb() -> Iterator[SimulatedWeb]:
    with SimulatedWeb.municipalities(n=len(ROLES), page_kb=20, latency=0.0) as simulated:
        yield simulated


@pytest.fixture
def roles(cweb: SimulatedWeb) -> dict[str, str]:
    """role -> site id, in the web's order."""
    return dict(zip(ROLES, cweb.site_ids, strict=True))


@pytest.fixture
def cdir(tmp_path: Path, cweb: SimulatedWeb, roles: dict[str, str]) -> Path:
    """A sites file where every url but the "confirmed" one is a candidate, and the first night's faults."""

    def candidate(role: str, entry: dict) -> None:
        if role != "confirmed":
            entry.update(state="candidate", source="stored public copy of the page", seen="2024-05")

    return workdir_with_roles(tmp_path, cweb, roles, ROLES, candidate, "candidates on the simulated web")


def crawl(workdir: Path, db_url: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def run_state(db_url: str, run_id: int) -> tuple[dict[str, str], dict[str, str], list[tuple[str, str]]]:
    """(site -> outcome of the run, site -> url state now, (site, kind) of the run's changes)."""
    engine = engine_for(db_url)
    with engine.connect() as connection:
        outcomes = dict(
            connection.execute(
                select(Page.site_id, Fetch.outcome).join(Fetch, Fetch.page_id == Page.id).where(Fetch.run_id == run_id)
            ).all()
        )
        states = dict(connection.execute(select(Page.site_id, Page.url_state)).all())
        changes = [
            tuple(r)
            for r in connection.execute(
                select(ChangeRow.site_id, ChangeRow.kind).where(ChangeRow.run_id == run_id).order_by(ChangeRow.id)
            )
        ]
    engine.dispose()
    return outcomes, states, changes


def test_candidates_verified_or_reported_invalid_once(
    cweb: SimulatedWeb, cdir: Path, db_url: str, roles: dict[str, str]
) -> None:
    first = crawl(cdir, db_url)
    outcomes, states, changes = run_state(db_url, 1)
    invalid = {roles[r] for r in INVALID_ROLES}
    # each invalid candidate once as address_invalid; no page_gone/page_moved of a page never seen
    assert sorted(changes) == sorted((site, "address_invalid") for site in invalid)
    assert {s: o for s, o in outcomes.items() if s in invalid} == dict.fromkeys(invalid, "invalid")
    assert outcomes[roles["valid"]] == "new" and states[roles["valid"]] == "verified"
    assert outcomes[roles["confirmed"]] == "new" and states[roles["confirmed"]] == "confirmed"
    assert outcomes[roles["busy"]] == "failed" and states[roles["busy"]] == "candidate"  # transient: not invalid
    assert all(states[s] == "invalid" for s in invalid)
    for site in invalid:
        assert f"invalid address: {site} (" in first.stdout, first.stdout
    assert "invalid address 4" in first.stdout
    listed = run_cli("sites", "--sites", "sites.yaml", "--db", db_url, "--format", "json", cwd=cdir)
    assert listed.returncode == 0, listed.stderr
    assert {row["id"]: row["address"] for row in json.loads(listed.stdout)} == states
    table = run_cli("sites", "--sites", "sites.yaml", "--db", db_url, cwd=cdir)
    assert table.stdout.splitlines()[-1] == (
        f"{len(ROLES)} municipalities: 1 confirmed, 1 candidate, 1 verified, 4 invalid, 0 proposed, 0 not located"
    )

    # handed to discovery, exactly like a confirmed page reported gone
    engine = engine_for(db_url)
    sites = load_sites(cdir / "sites.yaml")
    assert set(sites_needing_discovery(session_factory(engine), sites)) == invalid
    found = run_cli("discover", "--sites", "sites.yaml", "--db", db_url, "--format", "json", cwd=cdir)
    assert found.returncode == 0, found.stderr
    assert {p["site"] for p in json.loads(found.stdout)} == invalid
    with engine.connect() as connection:
        assert set(connection.execute(select(ProposalRow.site_id)).scalars()) == invalid

    # the Swedish report names the address as no longer valid, once per site
    report = run_cli("report", "--sites", "sites.yaml", "--db", db_url, "--run", "1", "--format", "text", cwd=cdir)
    assert report.returncode == 0, report.stderr
    assert "Adressen gäller inte längre" in report.stdout
    assert "Sidan finns inte längre" not in report.stdout

    # night 2: the 503 is over; the invalid addresses are not fetched, nothing is reported again
    cweb.advance()
    cweb.clear_faults(roles["busy"])
    cweb.clear_requests()
    crawl(cdir, db_url)
    outcomes, states, changes = run_state(db_url, 2)
    assert changes == []
    assert not invalid & set(outcomes)
    assert not [r for s in invalid for r in cweb.requests(s) if r.path != "/robots.txt"]
    assert outcomes[roles["busy"]] == "new" and states[roles["busy"]] == "verified"
    assert outcomes[roles["valid"]] in ("unchanged", "not_modified")
    assert count(engine, ChangeRow, ChangeRow.kind == "address_invalid") == len(invalid)
    with engine.connect() as connection:
        run = connection.execute(select(CrawlRun).where(CrawlRun.id == 2)).one()
    assert (run.invalid, run.not_located, run.outage) == (0, len(invalid), False)
    engine.dispose()


def test_new_url_in_the_sites_file_is_a_candidate_again(
    cweb: SimulatedWeb, cdir: Path, db_url: str, roles: dict[str, str]
) -> None:
    """An invalid candidate whose url the analyst replaces starts afresh: fetched and verified."""
    crawl(cdir, db_url)
    site = roles["gone404"]
    cweb.clear_faults(site)
    path = cdir / "sites.yaml"
    entries = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    for entry in entries:
        if entry["id"] == site:
            entry["url"] = entry["url"] + "?ny=1"
    dump_sites(path, entries, "a replaced address")
    crawl(cdir, db_url)
    outcomes, states, changes = run_state(db_url, 2)
    assert outcomes[site] == "new" and states[site] == "verified"
    assert changes == []
