"""One scheduled night: claim it, crawl (a subprocess), report (in this process), record the outcome.

The crawl runs as ``kommunvakt crawl`` in a child process because Scrapy's
reactor starts once per process. The report runs here (``send_reports``): one that
fails or raises is logged and the scheduler goes on; the ledger makes the next
night send what this one could not. The child takes the crawl lock itself
(``--wait``: a hand-started crawl that is still running delays the night,
it does not cancel it). The child runs in its own session so that only this
process decides when it is told to stop (see ``stop_current_child``).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from crawler.clock import utcnow, zone
from crawler.config import load_config
from crawler.ops.nights import NIGHT_FORMAT, claim_night, finish_night, last_fire_time, night_key
from crawler.ops.runs import RunLine, figures_text, outage_line
from crawler.registry import load_sites
from crawler.report.deliver import send_reports
from crawler.web.subscriptions import with_account_subscriptions
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import CrawlRun

log = logging.getLogger("kommunvakt.scheduler")

#: How the CLI is started in a child process.
CLI = [sys.executable, "-m", "crawler.cli"]

_child_lock = threading.Lock()
_child: subprocess.Popen[str] | None = None
_stopping = threading.Event()  # set on SIGTERM/Ctrl-C: start nothing new


@dataclass(frozen=True)
class NightPlan:
    """Everything a night needs; plain values, so APScheduler can persist it as job kwargs."""

    db_url: str
    timezone: str
    cron: Mapping[str, str] = field(default_factory=dict)
    config_path: str | None = None
    sites_file: str | None = None
    night_format: str = NIGHT_FORMAT
    report: bool = True

    def trigger(self) -> CronTrigger:
        return CronTrigger(**dict(self.cron), timezone=zone(self.timezone))

    def cli_options(self) -> list[str]:
        options = ["--db", self.db_url]
        if self.config_path:
            options += ["--config", self.config_path]
        if self.sites_file:
            options += ["--sites", self.sites_file]
        return options


@dataclass(frozen=True)
class NightResult:
    night: str
    outcome: str  # skipped | completed | interrupted | failed | locked
    run_id: int | None = None
    reported: bool | None = None


def run_night(plan: NightPlan, now: datetime | None = None) -> NightResult:
    """Run the night the latest due fire time belongs to, unless it already ran."""
    now = now or utcnow()
    fire = last_fire_time(plan.trigger(), now) or now
    night = night_key(fire, plan.timezone, plan.night_format)
    engine = make_engine(plan.db_url)
    try:
        upgrade(engine)
        factory = session_factory(engine)
        if not claim_night(factory, night, fire):
            log.info("night %s: already run (fire time %s), nothing to do", night, fire.isoformat())
            return NightResult(night, "skipped")
        log.info("night %s: crawl starting (scheduled for %s)", night, fire.isoformat())
        started = time.monotonic()
        code, child_pid = _run_child(["crawl", "-q", "--wait", "--trigger", "scheduled", *plan.cli_options()])
        run = _run_of(factory, child_pid)
        outcome = run.status if run else ("locked" if code == 3 else "stopped" if _stopping.is_set() else "failed")
        reported = None
        if run is not None and plan.report and not _stopping.is_set():
            reported = _report(plan, engine, run.id)
            if reported is None:
                log.info("night %s: no [[subscribers]] in the config and no subscribed account: no report", night)
        finish_night(factory, night, run.id if run else None, outcome)
        figures = figures_text(run.figures) if run else f"crawl exited with {code}"
        if run is not None and run.outage:
            figures += f"; {outage_line(run.figures)}"
        log.info(
            "night %s: run %s %s in %.1f s: %s; report %s",
            night,
            run.id if run else "-",
            outcome,
            time.monotonic() - started,
            figures,
            {None: "not sent", True: "sent", False: "FAILED"}[reported],
        )
        return NightResult(night, outcome, run.id if run else None, reported)
    finally:
        engine.dispose()


def _run_of(factory: sessionmaker[Session], pid: int) -> RunLine | None:
    """The run the child opened (runs record their pid)."""
    with factory() as session:
        run = session.scalars(select(CrawlRun).where(CrawlRun.pid == pid).order_by(CrawlRun.id.desc())).first()
        return RunLine.of(run) if run is not None else None


def _report(plan: NightPlan, engine: Engine, run_id: int) -> bool | None:
    """Mail the run's report as ``kommunvakt report --send --run ID`` does, in this process.

    True: every reader got it; False: some send failed, or the report broke (logged, never raised, so a
    broken report cannot stop the scheduler; the next night retries what was not delivered); None: nobody
    to send to.
    """
    try:
        config = with_account_subscriptions(load_config(plan.config_path), session_factory(engine))
        if not config.subscribers:
            return None
        result = send_reports(engine, config, load_sites(plan.sites_file), run_id)
    except Exception:
        log.exception("report for run %s broke; the next night sends what was not delivered", run_id)
        return False
    for item in result.subscribers:
        if item.error:
            log.error("report for run %s to %s failed: %s", run_id, item.email, item.error)
    return result.ok


def _run_child(args: list[str]) -> tuple[int, int]:
    """Run one CLI command in a child process; its output goes to our log (stderr)."""
    global _child
    with _child_lock:
        if _stopping.is_set():
            return 1, -1
        child = subprocess.Popen([*CLI, *args], start_new_session=True, text=True)
        _child = child
    try:
        return child.wait(), child.pid
    finally:
        with _child_lock:
            _child = None


def stop_current_child(signum: int = signal.SIGTERM) -> bool:
    """Pass a stop request on to the running crawl (once): it stops cleanly and marks its run interrupted."""
    _stopping.set()
    with _child_lock:
        if _child is None or _child.poll() is not None:
            return False
        os.kill(_child.pid, signum)
        return True


def reset_stop() -> None:
    """For a new scheduler in the same process (tests)."""
    _stopping.clear()


def job_kwargs(plan: NightPlan) -> dict[str, Any]:
    return {
        "db_url": plan.db_url,
        "timezone": plan.timezone,
        "cron": dict(plan.cron),
        "config_path": plan.config_path,
        "sites_file": plan.sites_file,
        "night_format": plan.night_format,
        "report": plan.report,
    }
