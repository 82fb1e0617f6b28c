"""The real scheduler (APScheduler + job store in the database) with triggers seconds apart, on the simulated web."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ops_support import integrity_problems
from report_support import SmtpSink, free_port
from sqlalchemy import select

from crawler.lock import LockHeld
from crawler.ops.nightly import NightPlan
from crawler.ops.runs import NIGHTLY_JOB_ID
from crawler.ops.scheduler import JOB_FUNC, build_scheduler, running_scheduler
from simweb.municipal import SimulatedWeb, content
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import ChangeRow, CrawlRun, ScheduledNight

from support import FAST_CONFIG, REPO, run_cli, start_cli, wait_for, write_config

pytestmark = pytest.mark.slow

SECONDS = "%Y-%m-%dT%H:%M:%S"  # a "night" per fire time, so nights can be seconds apart


@pytest.fixture
def workdir(tmp_path: Path, web: SimulatedWeb, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml")
    monkeypatch.chdir(tmp_path)  # the crawl children run here, as under systemd's WorkingDirectory
    monkeypatch.delenv("KOMMUNVAKT_DB", raising=False)
    return tmp_path


def _plan(workdir: Path, db_url: str, *, report: bool = False, **cron: str) -> NightPlan:
    return NightPlan(
        db_url=db_url,
        timezone="Europe/Stockholm",
        cron=cron,
        config_path=str(workdir / "kommunvakt.toml"),
        sites_file=str(workdir / "sites.yaml"),
        night_format=SECONDS,
        report=report,
    )


def _runs(engine) -> list[CrawlRun]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return list(connection.execute(select(CrawlRun).order_by(CrawlRun.id)).all())


def _nights(engine) -> list[ScheduledNight]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return list(connection.execute(select(ScheduledNight).order_by(ScheduledNight.night)).all())


def _after_even_second() -> None:
    """Start just after an even second, so a */2 trigger cannot fire in the next ~1.5 s."""
    while datetime.now(UTC).second % 2 != 0 or datetime.now(UTC).microsecond > 200_000:
        time.sleep(0.02)


def test_two_nights_run_one_after_the_other(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    plan = _plan(workdir, db_url, second="*/2")
    with running_scheduler(engine, plan, misfire_grace=30):
        wait_for(lambda: any(r.status == "completed" for r in _runs(engine)), 90, "the first night")
        web.advance()
        web.edit("ljungby", lambda c: content.add_paragraph(c, "Nytt samarbete med en vänort i Polen."))
        wait_for(lambda: len([r for r in _runs(engine) if r.status == "completed"]) >= 2, 90, "the second night")
    first, second = _runs(engine)[:2]
    assert (first.status, second.status) == ("completed", "completed")
    assert first.trigger == second.trigger == "scheduled"
    assert second.started_at >= first.finished_at, "the second night overlapped the first"
    nights = _nights(engine)
    assert [n.run_id for n in nights[:2]] == [first.id, second.id]
    assert [n.outcome for n in nights[:2]] == ["completed", "completed"]
    with engine.connect() as connection:
        changes = connection.execute(select(ChangeRow.site_id, ChangeRow.kind, ChangeRow.run_id)).all()
    assert changes == [("ljungby", "text_changed", second.id)]
    assert integrity_problems(engine) == []
    engine.dispose()


def test_restarted_scheduler_runs_missed_nights_once(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    _after_even_second()
    end = datetime.now(UTC) + timedelta(seconds=7)  # three or four fires while the "machine is off"
    plan = _plan(workdir, db_url, second="*/2", end_date=end.isoformat())
    with running_scheduler(engine, plan, misfire_grace=120):
        pass  # the job is stored; the scheduler stops before its first fire
    assert _runs(engine) == [] and _nights(engine) == []
    time.sleep(max(0.0, (end - datetime.now(UTC)).total_seconds()) + 1)
    with running_scheduler(engine, plan, misfire_grace=120):
        wait_for(lambda: any(r.status == "completed" for r in _runs(engine)), 90, "the caught-up night")
        time.sleep(3)  # room for a wrong second catch-up run to start
    assert [r.status for r in _runs(engine)] == ["completed"]
    (night,) = _nights(engine)
    fired = datetime.strptime(night.night, SECONDS)
    assert fired.second % 2 == 0  # the latest missed fire time, not the restart time
    engine.dispose()


def test_a_report_that_breaks_or_fails_leaves_the_scheduler_running(
    web: SimulatedWeb,
    workdir: Path,
    db_url: str,
    smtp_server: tuple[SmtpSink, int],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The report runs inside the scheduler: one that raises (no SMTP server configured) or whose sends fail
    (nothing listens on the port) is logged, the night is recorded, the next night runs, and once mail works
    the reader gets what the broken nights could not send."""
    write_config(workdir, FAST_CONFIG + '\n[[subscribers]]\nemail = "ann@example.se"\ndaily_note = true\n')
    monkeypatch.delenv("KOMMUNVAKT_SMTP_URL", raising=False)  # send_reports raises MailError: the report breaks
    engine = make_engine(db_url)
    upgrade(engine)
    sink, port = smtp_server
    plan = _plan(workdir, db_url, report=True, second="*/2")
    caplog.set_level("INFO", logger="kommunvakt.scheduler")
    with running_scheduler(engine, plan, misfire_grace=30) as scheduler:
        wait_for(lambda: any(n.outcome for n in _nights(engine)), 90, "the first night")
        monkeypatch.setenv("KOMMUNVAKT_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # refused: every send fails
        wait_for(lambda: len([n for n in _nights(engine) if n.outcome]) >= 2, 90, "the second night")
        monkeypatch.setenv("KOMMUNVAKT_SMTP_URL", f"smtp://127.0.0.1:{port}")
        web.advance()
        web.edit("ljungby", lambda c: content.add_paragraph(c, "Nytt samarbete med en vänort i Polen."))
        wait_for(lambda: sink.to("ann@example.se"), 90, "a night whose report is sent")
        assert scheduler.running and scheduler.get_job(NIGHTLY_JOB_ID) is not None
    nights = [n for n in _nights(engine) if n.outcome]
    assert [n.outcome for n in nights[:2]] == ["completed", "completed"]  # a broken report does not fail a night
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"report for run {nights[0].run_id} broke") for m in messages), messages
    assert any(m.startswith(f"report for run {nights[1].run_id} to ann@example.se failed") for m in messages)
    assert any("report FAILED" in m for m in messages)
    engine.dispose()


def test_a_second_scheduler_on_the_same_database_is_refused(workdir: Path, db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    plan = _plan(workdir, db_url, hour="4", minute="0")
    with running_scheduler(engine, plan, misfire_grace=60):
        other = run_cli("schedule", "--db", db_url, "--sites", "sites.yaml", cwd=workdir, timeout=60)
        assert other.returncode == 3, other.stderr
        assert f"another scheduler uses this database (pid {os.getpid()}" in other.stderr
        with pytest.raises(LockHeld), running_scheduler(engine, plan, misfire_grace=60):
            pass
    engine.dispose()


def test_schedule_command_logs_and_stops_on_sigterm(workdir: Path, db_url: str) -> None:
    process = start_cli("schedule", "--db", db_url, "--sites", "sites.yaml", "--no-report", cwd=workdir)
    engine = make_engine(db_url)
    try:
        wait_for(lambda: _job_stored(engine), 60, "the nightly job in the job store")
        status = run_cli("status", "--db", db_url, "--sites", "sites.yaml", cwd=workdir, timeout=60)
        assert status.returncode == 0, status.stderr
        assert re.search(r"04:00:00 CES?T \(Europe/Stockholm, from the scheduler's job store\)", status.stdout)
        assert f"scheduler:  running, pid {process.pid}" in status.stdout
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
        engine.dispose()
    assert process.returncode == 0, stderr
    assert "scheduler started: nightly job added" in stderr and "scheduler stopped" in stderr


def test_a_job_stored_under_the_old_top_level_name_is_kept_with_its_next_run(
    workdir: Path, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A job store written when the body lived in ``scheduler.py`` names ``scheduler:nightly_job``: the job is
    pointed at its new name and keeps its pending run time (replacing it would lose a missed night)."""
    from crawler.ops.nightly import job_kwargs

    engine = make_engine(db_url)
    upgrade(engine)
    plan = _plan(workdir, db_url, hour="4", minute="0")
    old = build_scheduler(engine, 60)
    old.start(paused=True)
    old.add_job(
        "scheduler:nightly_job", plan.trigger(), id=NIGHTLY_JOB_ID, kwargs=job_kwargs(plan), misfire_grace_time=60
    )
    pending = old.get_job(NIGHTLY_JOB_ID).next_run_time
    old.shutdown(wait=True)
    caplog.set_level("INFO", logger="kommunvakt.scheduler")
    with running_scheduler(engine, plan, misfire_grace=60) as scheduler:
        job = scheduler.get_job(NIGHTLY_JOB_ID)
        assert (job.func_ref, job.next_run_time) == (JOB_FUNC, pending)
    assert any("nightly job kept" in r.getMessage() for r in caplog.records)
    with running_scheduler(engine, plan, misfire_grace=60) as scheduler:  # stored under the new name now
        assert scheduler.get_job(NIGHTLY_JOB_ID).func_ref == JOB_FUNC
    engine.dispose()


def test_the_top_level_scheduler_py_is_kommunvakt_schedule(tmp_path: Path) -> None:
    """``python scheduler.py`` takes the options of ``kommunvakt schedule`` and its exit codes."""
    helped = subprocess.run(
        [sys.executable, str(REPO / "scheduler.py"), "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert helped.returncode == 0, helped.stderr
    assert "Run the nightly crawl and report" in helped.stdout and "--no-report" in helped.stdout
    bad = subprocess.run(
        [sys.executable, str(REPO / "scheduler.py"), "--db", "postgress://x/y"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1, bad.stderr
    assert list(tmp_path.iterdir()) == []


def _job_stored(engine) -> bool:  # type: ignore[no-untyped-def]
    from crawler.ops.runs import next_scheduled_run

    try:
        return next_scheduled_run(engine) is not None
    except Exception:
        return False
