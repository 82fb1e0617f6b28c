"""Exactly one scheduled run per night, whatever the clock does.

APScheduler 3.11's cron trigger fires twice on the autumn night when the
configured time falls in the repeated hour (02:30 Europe/Stockholm), and a
missed night may be caught up hours later. So each fire is mapped to the
*local calendar date of its scheduled fire time* and that date is claimed in
the database (``scheduled_nights``, primary key = the date) before the crawl
starts: the first claim wins, any later fire for the same night does nothing.
Being in the database, the guard also holds across scheduler restarts and
across two schedulers sharing a PostgreSQL database.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from crawler import config
from crawler.clock import local_time, utcnow, zone
from storage.db import transaction
from storage.models import ScheduledNight

#: The key of a night: its local calendar date. Tests use a finer format to run "nights" seconds apart.
NIGHT_FORMAT = "%Y-%m-%d"

parse_time = config.parse_time  # the config file's format, defined once there


def nightly_trigger(time: str, timezone: str) -> CronTrigger:
    """The cron trigger of the configured nightly time, in the configured zone."""
    hour, minute = parse_time(time)
    return CronTrigger(hour=hour, minute=minute, timezone=zone(timezone))


def night_key(fire_time: datetime, timezone: str, fmt: str = NIGHT_FORMAT) -> str:
    """The night a fire belongs to: the local date of its scheduled time (not of when it ran)."""
    return local_time(fire_time, timezone, fmt)  # through UTC: a repeated or skipped hour settles one way


def last_fire_time(trigger: BaseTrigger, now: datetime, horizon: timedelta = timedelta(days=8)) -> datetime | None:
    """The latest scheduled fire time at or before ``now`` (None if none within ``horizon``).

    APScheduler 3 does not tell a job which fire time it runs for; with
    ``coalesce=True`` it is the latest one that is due, which this recomputes
    from the trigger. A run caught up hours after a missed night thereby still
    counts for that night. The window doubles from one minute, so a nightly
    trigger and a every-few-seconds test trigger both take a few steps.
    """
    window = timedelta(minutes=1)
    while window <= horizon * 2:
        previous: datetime | None = None
        current = trigger.get_next_fire_time(None, now - window)
        while current is not None and current <= now:
            if previous is not None and current.timestamp() <= previous.timestamp():
                break  # a trigger that does not move on (never seen; guards the loop)
            previous = current
            current = trigger.get_next_fire_time(current, current)
        if previous is not None:
            return previous
        window *= 2
    return None


def claim_night(factory: sessionmaker[Session], night: str, fire_time: datetime) -> bool:
    """Claim ``night`` for this process; False when it was claimed already (by anyone, ever)."""
    try:
        with transaction(factory) as session:
            session.add(
                ScheduledNight(
                    night=night,
                    fire_time=fire_time.astimezone(UTC),
                    claimed_at=utcnow(),
                    host=socket.gethostname(),
                    pid=os.getpid(),
                )
            )
    except IntegrityError:
        return False
    return True


def finish_night(factory: sessionmaker[Session], night: str, run_id: int | None, outcome: str) -> None:
    """Record how the claimed night went (for ``kommunvakt status``)."""
    with transaction(factory) as session:
        row = session.get(ScheduledNight, night)
        if row is not None:
            row.run_id, row.outcome, row.finished_at = run_id, outcome, utcnow()


def last_night(factory: sessionmaker[Session]) -> ScheduledNight | None:
    with factory() as session:
        return session.scalars(select(ScheduledNight).order_by(ScheduledNight.fire_time.desc()).limit(1)).first()
