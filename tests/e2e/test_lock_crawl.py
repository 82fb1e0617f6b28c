"""Two `kommunvakt crawl` processes started together: one run, one clear refusal (exit 3); --wait runs after."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from ops_support import integrity_problems, runs
from sqlalchemy import select

from crawler.lock import lock_state
from simweb.municipal import SimulatedWeb
from storage.models import CrawlRun

from support import engine_for, start_cli, wait_for, write_config

pytestmark = pytest.mark.slow


@pytest.fixture
def web() -> Iterator[SimulatedWeb]:
    with SimulatedWeb.from_seeds() as simulated:
        yield simulated


def _crawl(workdir: Path, db_url: str, *extra: str) -> subprocess.Popen[str]:
    return start_cli("crawl", "--sites", "sites.yaml", "--db", db_url, "-q", *extra, cwd=workdir)


class _StderrLines:
    """Collects a process's stderr lines as they come, so a test can wait for one without blocking on it."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert proc.stderr is not None
        stream = proc.stderr
        self.thread = threading.Thread(target=lambda: self.lines.extend(iter(stream.readline, "")), daemon=True)
        self.thread.start()

    def text(self) -> str:
        return "".join(self.lines)


def test_two_crawls_started_together(web: SimulatedWeb, tmp_path: Path, db_url: str) -> None:
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml")
    engine = engine_for(db_url)
    from storage.migrate import upgrade

    upgrade(engine)  # both start on a ready schema, as in production after `db upgrade`
    web.pages_held = True  # the winner's crawl stays in progress until the loser has been refused
    first, second = _crawl(tmp_path, db_url), _crawl(tmp_path, db_url)
    wait_for(lambda: first.poll() is not None or second.poll() is not None, 120, "one of the two to give up")
    web.pages_held = False
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in (first, second)]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 3], results
    refusal = next(err for code, err in results if code == 3)
    assert "another run holds the lock: pid" in refusal and "--wait" in refusal
    assert refusal.strip().count("\n") == 0, "the refusal is one clear line"
    assert [status for _, status, _ in runs(engine)] == ["completed"]

    web.pages_held = True  # the third holds the lock until the fourth has started, looked and said it waits
    # --wait: on PostgreSQL the advisory lock goes with the winner's server session, which a loaded server may end
    # a moment after its process exited; the third must wait that moment out, not be refused
    third = _crawl(tmp_path, db_url, "--wait")
    wait_for(lambda: lock_state(engine) is not None or third.poll() is not None, 60, "the third crawl to take the lock")
    assert third.poll() is None, third.communicate()[1]
    # starts while the third holds the lock, says so (not -q), and waits for it
    fourth = start_cli("crawl", "--sites", "sites.yaml", "--db", db_url, "--wait", cwd=tmp_path)
    said = _StderrLines(fourth)
    wait_for(lambda: "waiting for the crawl run by pid" in said.text(), 120, "the fourth crawl to say it waits")
    assert third.poll() is None, "the third crawl ended while its pages were held"
    web.pages_held = False
    assert (third.wait(timeout=120), fourth.wait(timeout=180)) == (0, 0)
    said.thread.join(timeout=10)
    listed = runs(engine)
    assert [status for _, status, _ in listed] == ["completed"] * 3
    with engine.connect() as connection:
        spans = connection.execute(select(CrawlRun.started_at, CrawlRun.finished_at).order_by(CrawlRun.id)).all()
    assert spans[2].started_at >= spans[1].finished_at, "the waiting crawl overlapped the running one"
    assert integrity_problems(engine) == []
    engine.dispose()
