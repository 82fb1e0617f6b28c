"""SIGTERM, Ctrl-C and SIGKILL to a real `kommunvakt crawl` mid-run (two pages answer slowly, so there is a mid-run)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ops_support import integrity_problems, runs

from crawler.lock import lock_state
from crawler.simweb import SimulatedWeb, content
from storage.models import Fetch

from support import count, engine_for, run_cli

pytestmark = pytest.mark.slow

SLOW = ("eskilstuna", "hylte")


def _start_crawl(workdir: Path, db_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "crawl", "--sites", "sites.yaml", "--db", db_url, "-q"],
        cwd=workdir,
        env={k: v for k, v in os.environ.items() if k != "KOMMUNVAKT_DB"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _interrupt_mid_run(web: SimulatedWeb, workdir: Path, db_url: str, sig: signal.Signals) -> subprocess.Popen[str]:
    for site in SLOW:
        web.fault(site, "slow", delay=60, times=5)
    process = _start_crawl(workdir, db_url)
    engine = engine_for(db_url)
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if count(engine, Fetch) >= 3:
                    break
            except Exception:  # schema not there yet
                pass
            time.sleep(0.05)
        assert process.poll() is None, process.communicate()
        time.sleep(0.3)  # let the spider settle on the two slow pages
        process.send_signal(sig)
        process.wait(timeout=60)
    finally:
        engine.dispose()
        web.clear_faults()
    return process


def _changes(workdir: Path, db_url: str) -> list[dict]:
    result = run_cli("changes", "--sites", "sites.yaml", "--db", db_url, "--format", "json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


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
    finally:
        engine.dispose()
    found = [(c["site"], c["kind"], c["run"]) for c in _changes(workdir, db_url)]
    assert found == [("amal", "review_date_changed", 2)]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_graceful_stop_keeps_finished_pages_and_marks_the_run_interrupted(
    web: SimulatedWeb, workdir: Path, db_url: str, sig: signal.Signals
) -> None:
    if sig == signal.SIGINT and db_url.startswith("postgresql"):
        pytest.skip("SIGINT takes the same path as SIGTERM; once on SQLite is enough")
    started = time.monotonic()
    process = _interrupt_mid_run(web, workdir, db_url, sig)
    _, stderr = process.communicate()
    assert process.returncode == 1, stderr  # not completed: the run itself did not do its job
    assert "did not complete" in stderr and "interrupted" in stderr
    assert time.monotonic() - started < 60, "the stop waited for the slow pages"
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
        assert [r["status"] for r in json.loads(listed.stdout)] == ["interrupted"]
    finally:
        engine.dispose()
    _next_night_reports_only_real_changes(web, workdir, db_url)
