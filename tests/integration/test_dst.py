"""Exactly one scheduled run per night across both 2026 clock changes (time simulated, not waited for)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session, sessionmaker

from crawler.ops.nights import claim_night, last_fire_time, night_key, nightly_trigger, parse_time
from storage.db import make_engine, session_factory
from storage.migrate import upgrade

TZ = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(TZ)
SPRING = date(2026, 3, 29)
AUTUMN = date(2026, 10, 25)


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    upgrade(engine)
    yield session_factory(engine)
    engine.dispose()


def _fires(time: str, start: datetime, end: datetime) -> list[datetime]:
    """Fire times exactly as APScheduler's scheduler loop asks the trigger for them."""
    trigger = nightly_trigger(time, TZ)
    fires: list[datetime] = []
    previous = None
    now = start
    while True:
        fire = trigger.get_next_fire_time(previous, now)
        if fire is None or fire >= end:
            return fires
        fires.append(fire)
        previous = now = fire


@pytest.mark.parametrize("time", ["02:30", "04:00"])
def test_one_run_each_night_of_2026(factory: sessionmaker[Session], time: str) -> None:
    start = datetime(2026, 1, 1, tzinfo=STOCKHOLM)
    end = datetime(2027, 1, 1, tzinfo=STOCKHOLM)
    fires = _fires(time, start, end)
    runs: Counter[str] = Counter()
    for fire in fires:
        key = night_key(fire, TZ)
        if claim_night(factory, key, fire):
            runs[key] += 1
    nights = [(date(2026, 1, 1) + timedelta(days=i)).isoformat() for i in range(365)]
    assert [runs[n] for n in nights] == [1] * 365
    fires_per_night = Counter(night_key(f, TZ) for f in fires)
    if time == "02:30":  # the trigger itself is what misbehaves: the guard is needed
        assert fires_per_night[AUTUMN.isoformat()] == 2
    assert fires_per_night[SPRING.isoformat()] == 1
    assert sum(runs.values()) == 365


def test_the_repeated_hour_fires_twice_but_runs_once(factory: sessionmaker[Session]) -> None:
    trigger = nightly_trigger("02:30", TZ)
    first, second = _fires(
        "02:30", datetime(2026, 10, 24, 12, tzinfo=STOCKHOLM), datetime(2026, 10, 25, 12, tzinfo=STOCKHOLM)
    )
    assert second.timestamp() - first.timestamp() == 3600  # aware arithmetic in one zone ignores fold
    # Each run recomputes its fire time from the trigger, as the nightly job does.
    assert last_fire_time(trigger, first + timedelta(seconds=1)) == first
    assert last_fire_time(trigger, second + timedelta(seconds=1)) == second
    assert claim_night(factory, night_key(first, TZ), first)
    assert not claim_night(factory, night_key(second, TZ), second)


def test_skipped_hour_still_runs_that_night(factory: sessionmaker[Session]) -> None:
    (fire,) = _fires("02:30", datetime(2026, 3, 28, 12, tzinfo=STOCKHOLM), datetime(2026, 3, 29, 12, tzinfo=STOCKHOLM))
    local = fire.astimezone(UTC).astimezone(STOCKHOLM)
    assert local.date() == SPRING and local.hour == 3  # 02:30 does not exist that night; it runs at 03:30
    assert claim_night(factory, night_key(fire, TZ), fire)


def test_a_missed_night_caught_up_later_counts_for_its_own_night(factory: sessionmaker[Session]) -> None:
    trigger = nightly_trigger("23:30", TZ)
    back_on = datetime(2026, 10, 25, 2, 15, tzinfo=STOCKHOLM)  # machine off at 23:30, back after midnight
    fire = last_fire_time(trigger, back_on)
    assert fire is not None and fire.astimezone(STOCKHOLM) == datetime(2026, 10, 24, 23, 30, tzinfo=STOCKHOLM)
    assert night_key(fire, TZ) == "2026-10-24"
    assert claim_night(factory, night_key(fire, TZ), fire)
    assert not claim_night(factory, "2026-10-24", fire)  # a second scheduler, or a restart, gets nothing


@pytest.mark.parametrize("bad", ["4", "24:00", "04:60", "four", "04.00", ""])
def test_bad_times_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        parse_time(bad)


def test_bad_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        nightly_trigger("04:00", "Europe/Stokholm")
