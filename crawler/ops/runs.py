"""What ``kommunvakt runs`` and ``kommunvakt status`` show: runs, the next scheduled run, the lock.

Pure formatting over rows read here; nothing in this module changes the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from crawler.clock import as_utc, local_time
from crawler.vocab import OUTCOME_FIGURES, figure_word
from storage.models import CrawlRun
from storage.queries import run_figures
from storage.repository import ABANDONED_NOTE, is_abandoned

#: The APScheduler job id of the nightly run (also used by ``scheduler.py``).
NIGHTLY_JOB_ID = "kommunvakt-nightly"
JOBS_TABLE = "apscheduler_jobs"

#: A run's stored figures: pages fetched, one per outcome figure (crawler/vocab.py), and sites not located.
FIGURES = ("fetched", *OUTCOME_FIGURES, "not_located")


@dataclass(frozen=True)
class RunLine:
    """One crawl run as listed: the figures are those stored when the run was closed."""

    id: int
    trigger: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    figures: dict[str, int]
    note: str | None
    outage: bool = False  # the run reached almost no site: see crawler.verdict.is_outage

    @classmethod
    def of(cls, run: CrawlRun, live: dict[str, int] | None = None) -> RunLine:
        """The run as listed; one whose process died without closing it shows as interrupted (the next
        crawl records that; listing does not write, so it works with read-only database access).
        ``live``: the figures counted so far, for a run that has not closed (see :func:`recent_runs`)."""
        abandoned = is_abandoned(run)
        return cls(
            id=run.id,
            trigger=run.trigger,
            status="interrupted" if abandoned else run.status,
            started_at=as_utc(run.started_at),
            finished_at=as_utc(run.finished_at) if run.finished_at else None,
            figures={name: int(getattr(run, name) or 0) for name in FIGURES} | (live or {}),
            note=ABANDONED_NOTE if abandoned else run.note,
            outage=bool(run.outage),
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "trigger": self.trigger,
            "status": self.status,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            **self.figures,
            "outage": self.outage,
            "note": self.note,
        }


def recent_runs(factory: sessionmaker[Session], limit: int = 20) -> list[RunLine]:
    """The newest runs first."""
    with factory() as session:
        rows = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit))
        # a run still going, or killed before it closed, has stored figures of 0: count its fetch rows instead
        return [RunLine.of(run, run_figures(session, run.id) if run.finished_at is None else None) for run in rows]


def local(value: datetime | None, tz: str | ZoneInfo) -> str:
    """A moment in the runs table and ``status``: local time to the second with the zone named, ``-`` for none.

    >>> local(datetime(2026, 7, 1, 2, 30), "Europe/Helsinki")
    '2026-07-01 05:30:00 EEST'
    """
    return local_time(value, tz, "%Y-%m-%d %H:%M:%S %Z") if value else "-"


def figures_text(figures: dict[str, int]) -> str:
    """The run's figures in one line, in the words of ``crawler.vocab``; the candidate and outage figures only
    when there are any.

    >>> figures_text({"fetched": 5, "new": 0, "unchanged": 3, "changed": 1, "missing": 1, "failed": 0,
    ...               "not_located": 2, "invalid": 0, "unreached": 1})
    'fetched 5 (new 0), unchanged 3, changed 1, not found 1, failed 0, not located 2, not reached 1'
    """
    shown = ("unchanged", "changed", "missing", "failed", "not_located")
    text = ", ".join(
        [f"fetched {figures['fetched']} (new {figures['new']})", *(f"{figure_word(k)} {figures[k]}" for k in shown)]
    )
    for figure in ("invalid", "unreached"):
        if figures.get(figure):
            text += f", {figure_word(figure)} {figures[figure]}"
    return text


def outage_line(figures: dict[str, int]) -> str:
    """The one line that replaces a list of unreachable pages when the run's network was down."""
    pages = figures["fetched"] + figures["failed"] + figures["unreached"]
    return (
        f"the network looks unreachable: {figures['unreached']} of {pages} pages could not be reached "
        "(no DNS answer, connection refused or timed out); none of them counts as failing or gone"
    )


def runs_table(runs: list[RunLine], tz: str | ZoneInfo) -> str:
    """A fixed-width table, one run a line, newest first."""
    shown = ("fetched", "new", "changed", "unchanged", "missing", "failed")
    header = ("run", "trigger", "status", "started", "ended", *(figure_word(k) for k in shown))
    rows: list[tuple[str, ...]] = [header]
    for run in runs:
        f = run.figures
        rows.append(
            (
                str(run.id),
                run.trigger,
                f"{run.status}, outage" if run.outage else run.status,
                local(run.started_at, tz),
                local(run.finished_at, tz),
                *(str(f[k]) for k in shown),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def next_scheduled_run(engine: Engine) -> datetime | None:
    """When the scheduler's job store says the nightly job runs next (None: no job stored)."""
    if not inspect(engine).has_table(JOBS_TABLE):
        return None
    with engine.connect() as connection:
        value = connection.execute(
            text(f"SELECT next_run_time FROM {JOBS_TABLE} WHERE id = :id"), {"id": NIGHTLY_JOB_ID}
        ).scalar()
    return datetime.fromtimestamp(float(value), UTC) if value is not None else None
