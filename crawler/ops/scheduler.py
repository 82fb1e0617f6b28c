"""kommunvakt's long-lived scheduler: one crawl and report per night (``kommunvakt schedule``).

The top-level ``scheduler.py`` is the entry point the design names; the body lives here, inside the
package, so the layer contract (``[tool.importlinter]``) covers it.

APScheduler 3 with its job store in the kommunvakt database, so the next run
time survives restarts: a machine that was off at the scheduled time runs the
missed night once when it comes back (``coalesce=True``, within
``misfire_grace`` seconds), never several times. ``max_instances=1`` and one
worker thread keep nights serial within a scheduler; the ``scheduler`` lock
keeps a second scheduler off the same database (APScheduler's job store must
not be shared); the ``crawl`` lock (taken by the crawl itself) keeps
hand-started crawls and nights apart; the once-per-night guard in
``crawler.ops.nights`` absorbs the cron trigger's double fire in the repeated
autumn hour.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from crawler.lock import run_lock
from crawler.ops.nightly import NightPlan, job_kwargs, reset_stop, run_night, stop_current_child
from crawler.ops.runs import NIGHTLY_JOB_ID

log = logging.getLogger("kommunvakt.scheduler")

#: The stored job's function, by reference (APScheduler pickles the reference, not the function).
JOB_FUNC = "crawler.ops.scheduler:nightly_job"
#: The reference job stores written before the body moved here hold; ``scheduler.py`` still resolves it, and
#: :func:`ensure_nightly_job` points such a job at :data:`JOB_FUNC` without touching its next run time.
OLD_JOB_FUNCS = frozenset({"scheduler:nightly_job"})


def nightly_job(**kwargs: Any) -> str:
    """The job APScheduler stores (by reference) and runs: one night."""
    result = run_night(NightPlan(**kwargs))
    return result.outcome


def build_scheduler(engine: Engine, misfire_grace: int) -> BackgroundScheduler:
    """A scheduler whose jobs live in ``engine``'s database, one job at a time."""
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine)},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": misfire_grace},
    )
    scheduler.add_listener(_job_event, EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES | EVENT_JOB_ERROR)
    return scheduler


def _job_event(event: JobEvent) -> None:
    if event.code == EVENT_JOB_MISSED:
        log.warning("night scheduled for %s missed beyond the grace time: skipped", event.scheduled_run_time)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        times = ", ".join(str(t) for t in getattr(event, "scheduled_run_times", []))
        log.warning("a night is still running; the fire at %s was not started", times)
    else:
        log.error("the nightly job broke: %r", getattr(event, "exception", None))


def ensure_nightly_job(scheduler: BackgroundScheduler, plan: NightPlan, misfire_grace: int) -> str:
    """Keep the stored job (and its pending, possibly missed, run time) unless the config changed it.

    Replacing the job would recompute its next run time from now and so lose
    a night missed while the machine was off.
    """
    trigger = plan.trigger()
    kwargs = job_kwargs(plan)
    job = scheduler.get_job(NIGHTLY_JOB_ID)
    if (
        job is not None
        and str(job.trigger) == str(trigger)
        and job.kwargs == kwargs
        and job.misfire_grace_time == misfire_grace
        and (job.func_ref == JOB_FUNC or job.func_ref in OLD_JOB_FUNCS)
    ):
        if job.func_ref != JOB_FUNC:  # stored before the body moved: the same job, under its new name
            scheduler.modify_job(NIGHTLY_JOB_ID, func=JOB_FUNC)
        return "kept"
    scheduler.add_job(
        JOB_FUNC,
        trigger,
        id=NIGHTLY_JOB_ID,
        name="kommunvakt nightly crawl and report",
        kwargs=kwargs,
        misfire_grace_time=misfire_grace,
        replace_existing=True,
    )
    return "replaced" if job is not None else "added"


@contextmanager
def running_scheduler(engine: Engine, plan: NightPlan, misfire_grace: int) -> Iterator[BackgroundScheduler]:
    """Hold the scheduler lock, start the scheduler, and shut it down (waiting for a running night) on exit.

    Raises ``crawler.lock.LockHeld`` when another scheduler uses this database.
    """
    with run_lock(engine, "scheduler"):
        reset_stop()
        scheduler = build_scheduler(engine, misfire_grace)
        scheduler.start(paused=True)  # paused: nothing runs before the job is checked against the config
        try:
            how = ensure_nightly_job(scheduler, plan, misfire_grace)
            job = scheduler.get_job(NIGHTLY_JOB_ID)
            log.info("scheduler started: nightly job %s, next run %s", how, job.next_run_time if job else None)
            scheduler.resume()
            yield scheduler
        finally:
            stop_current_child()
            scheduler.shutdown(wait=True)
            log.info("scheduler stopped")


def serve(engine: Engine, plan: NightPlan, misfire_grace: int) -> None:
    """Run until SIGTERM or Ctrl-C; a crawl in progress is asked to stop cleanly first."""
    stop = threading.Event()

    def on_signal(signum: int, _frame: Any) -> None:
        log.info("signal %s: stopping (a running crawl is interrupted cleanly)", signal.Signals(signum).name)
        stop_current_child()
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        with running_scheduler(engine, plan, misfire_grace):
            while not stop.wait(1.0):
                pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
