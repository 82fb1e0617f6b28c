"""End to end: a night on which the crawl cannot reach any site is an outage, not 290 failures.

The simulated web is stopped (every address refuses connections) for ``gone_after`` + 1 nights: each run
says so in one line and on its row, counts nothing toward ``page_gone``, and the report says the sites could
not be reached. The next good night reports nothing that the outage caused.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.report.select import failure_events
from crawler.verdict import OUTAGE_MIN_PAGES
from simweb.municipal import SimulatedWeb
from storage.db import session_factory
from storage.models import ChangeRow, CrawlRun, Fetch, Page

from support import count, engine_for, run_cli, write_config

pytestmark = pytest.mark.slow

SITES = OUTAGE_MIN_PAGES + 2
GONE_AFTER = 2
CONFIG = f"""
[crawl]
contact = "test@example.se"
timeout = 3.0
retries = 1
retry_backoff = 0.05
gone_after = {GONE_AFTER}
"""


@pytest.fixture
def oweb() -> Iterator[SimulatedWeb]:
    with SimulatedWeb.municipalities(n=SITES, page_kb=20, latency=0.0) as simulated:
        yield simulated


@pytest.fixture
def odir(tmp_path: Path, oweb: SimulatedWeb) -> Path:
    write_config(tmp_path, CONFIG)
    oweb.write_sites_file(tmp_path / "sites.yaml")
    return tmp_path


def crawl(workdir: Path, db_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, *extra, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def report_text(workdir: Path, db_url: str, run_id: int) -> str:
    result = run_cli(
        "report", "--sites", "sites.yaml", "--db", db_url, "--run", str(run_id), "--format", "text", cwd=workdir
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_outage_nights_count_nothing_and_say_so_once(oweb: SimulatedWeb, odir: Path, db_url: str) -> None:
    missing = oweb.site_ids[0]
    oweb.fault(missing, 404)  # missing once before the outage: one more missing night would make it gone
    crawl(odir, db_url)
    engine = engine_for(db_url)

    oweb.stop()  # the network is down: every simulated host refuses connections
    outage_runs = [2, 3, 4]
    for run_id in outage_runs:  # more than gone_after nights of outage
        result = crawl(odir, db_url)
        lines = result.stdout.splitlines()
        assert sum("network looks unreachable" in line for line in lines) == 1, result.stdout
        assert f"{SITES} of {SITES} pages could not be reached" in result.stdout
        assert not [line for line in lines if line.startswith("  failed:")], result.stdout  # no per-page list
        with engine.connect() as connection:
            run = connection.execute(select(CrawlRun).where(CrawlRun.id == run_id)).one()
        assert (run.outage, run.unreached, run.failed, run.missing) == (True, SITES, 0, 0)

    assert count(engine, ChangeRow) == 0
    with engine.connect() as connection:
        pages = {p.site_id: p for p in connection.execute(select(Page)).all()}
    assert pages[missing].missing_count == 1 and not pages[missing].gone
    assert all(p.missing_count == 0 and not p.gone for s, p in pages.items() if s != missing)
    assert all(p.failing_since is None for s, p in pages.items() if s != missing)

    text = report_text(odir, db_url, 2)
    assert "Körning 2 nådde inte webbplatserna" in text
    assert f"{SITES} av {SITES} sidor gick inte att nå" in text
    assert "Kunde inte kontrolleras" not in text
    listed = run_cli("runs", "--db", db_url, "--format", "json", cwd=odir)
    assert listed.returncode == 0, listed.stderr
    assert '"outage": true' in listed.stdout

    oweb.clear_faults(missing)
    oweb.start()  # the network is back, on the same addresses and port
    oweb.advance()
    crawl(odir, db_url)
    assert count(engine, ChangeRow) == 0
    with engine.connect() as connection:
        run = connection.execute(select(CrawlRun).where(CrawlRun.id == 5)).one()
        outcomes = dict(
            connection.execute(
                select(Page.site_id, Fetch.outcome).join(Page, Page.id == Fetch.page_id).where(Fetch.run_id == 5)
            ).all()
        )
    assert not run.outage and run.unreached == 0 and run.failed == 0
    assert outcomes.pop(missing) == "new"  # seen for the first time
    assert set(outcomes.values()) <= {"unchanged", "not_modified"}
    with session_factory(engine)() as session:
        news, continuing = failure_events(session, [5])
    # the one page that really was missing before the outage answers again; the outage itself is no news
    assert [(e.site_id, e.kind) for e in news] == [(missing, "recovered")] and continuing == []
    assert "nådde inte webbplatserna" not in report_text(odir, db_url, 5)
    engine.dispose()


def test_a_small_run_of_dead_sites_is_not_an_outage(oweb: SimulatedWeb, odir: Path, db_url: str) -> None:
    """Two sites that refuse connections are two failing sites: too few pages to blame the network."""
    few = oweb.site_ids[:2]
    crawl(odir, db_url, "--only", ",".join(few))
    oweb.stop()
    result = crawl(odir, db_url, "--only", ",".join(few))
    assert "network looks unreachable" not in result.stdout
    assert all(f"failed: {site} (connection refused)" in result.stdout for site in few), result.stdout
    engine = engine_for(db_url)
    with engine.connect() as connection:
        run = connection.execute(select(CrawlRun).where(CrawlRun.id == 2)).one()
    assert (run.outage, run.failed, run.unreached) == (False, 2, 0)
    engine.dispose()
