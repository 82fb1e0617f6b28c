"""SIGTERM, Ctrl-C and SIGKILL to a real `kommunvakt crawl` mid-run (two pages answer slowly, so there is a mid-run)."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

import pytest
from ops_support import integrity_problems, runs
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from crawler.lock import lock_state
from simweb.municipal import SimulatedWeb, content
from storage.models import Fetch, Snapshot

from support import changes_of, count, engine_for, run_cli, start_cli, wait_for

pytestmark = pytest.mark.slow

SLOW = ("eskilstuna", "hylte")


def _fetches(engine: Engine) -> int:
    try:
        return count(engine, Fetch)
    except DBAPIError:  # the crawl has not created the schema yet
        return 0


def _interrupt_mid_run(web: SimulatedWeb, workdir: Path, db_url: str, sig: signal.Signals) -> subprocess.Popen[str]:
    for site in SLOW:
        web.fault(site, "slow", delay=60, times=5)
    process = start_cli("crawl", "--sites", "sites.yaml", "--db", db_url, "-q", cwd=workdir)
    engine = engine_for(db_url)
    try:
        wait_for(lambda: _fetches(engine) >= 3 or process.poll() is not None, 90, "three pages stored")
        assert process.poll() is None, process.communicate()
        time.sleep(0.3)  # let the spider settle on the two slow pages
        process.send_signal(sig)
        process.wait(timeout=60)  # only bounds a hang; in-flight pages end at the crawl's 5 s download timeout
    finally:
        engine.dispose()
        web.clear_faults()
    return process


def _next_night_reports_only_real_changes(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    web.advance()  # noise only, except one real edit
    web.edit("amal", lambda c: content.bump_stamp(c, days=7))
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, cwd=workdir)
    assert result.returncode == 0, result.stderr
    engine = engine_for(db_url)
    try:
        assert integrity_problems(engine) == []
        assert [status for _, status, _ in runs(engine)] == ["interrupted", "completed"]
        assert count(engine, Fetch, Fetch.run_id == 2) == 5
        assert count(engine, Snapshot) == 6  # one version per page, none twice, plus amal's real change
    finally:
        engine.dispose()
    found = [(c["site"], c["kind"], c["run"]) for c in changes_of(workdir, db_url)]
    assert found == [("amal", "review_date_changed", 2)]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_graceful_stop_keeps_finished_pages_and_marks_the_run_interrupted(
    web: SimulatedWeb, workdir: Path, db_url: str, sig: signal.Signals
) -> None:
    if sig == signal.SIGINT and db_url.startswith("postgresql"):
        pytest.skip("SIGINT takes the same path as SIGTERM; once on SQLite is enough")
    process = _interrupt_mid_run(web, workdir, db_url, sig)
    _, stderr = process.communicate()
    assert process.returncode == 1, stderr  # not completed: the run itself did not do its job
    assert "did not complete" in stderr and "interrupted" in stderr
    engine = engine_for(db_url)
    try:
        assert runs(engine) == [(1, "interrupted", "manual")]
        done = count(engine, Fetch, Fetch.outcome == "new")
        assert 3 <= done < 5, "finished pages stay stored; the slow ones are not"
        assert integrity_problems(engine) == []
        assert lock_state(engine) is None, "the lock outlived the crawl"
    finally:
        engine.dispose()
    _next_night_reports_only_real_changes(web, workdir, db_url)


def test_sigkill_leaves_a_database_the_next_crawl_completes(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    process = _interrupt_mid_run(web, workdir, db_url, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    engine = engine_for(db_url)
    try:
        assert integrity_problems(engine) == []
        assert lock_state(engine) is None, "a killed holder's lock must not block the next run"
        listed = run_cli("runs", "--db", db_url, "--format", "json", cwd=workdir)
        assert listed.returncode == 0, listed.stderr
        (killed,) = json.loads(listed.stdout)
        assert killed["status"] == "interrupted"
        assert killed["fetched"] >= 3, "a killed run shows the pages it stored, not 0"
    finally:
        engine.dispose()
    _next_night_reports_only_real_changes(web, workdir, db_url)
