"""crawler.clock: stored moments are UTC, people read them in one configured zone."""

from __future__ import annotations

import doctest
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import crawler.clock
from crawler import config
from crawler.cli.common import parse_when
from crawler.clock import as_utc, local_text, local_time, utcnow, zone
from crawler.ops.nights import night_key
from crawler.report.shape import report_date

from support import REPO


def test_docstring_examples() -> None:
    result = doctest.testmod(crawler.clock)
    assert result.failed == 0 and result.attempted > 0


def test_a_naive_stored_moment_is_read_as_utc_and_an_aware_one_keeps_its_instant() -> None:
    assert as_utc(datetime(2026, 12, 3, 3, 5)) == datetime(2026, 12, 3, 3, 5, tzinfo=UTC)
    helsinki = datetime(2026, 12, 3, 5, 5, tzinfo=timezone(timedelta(hours=2)))
    assert as_utc(helsinki) == datetime(2026, 12, 3, 3, 5, tzinfo=UTC)
    assert local_time(helsinki, "Europe/Stockholm") == "2026-12-03 04:05"


def test_now_is_aware_utc() -> None:
    assert utcnow().utcoffset() == timedelta(0)


def test_the_repeated_autumn_hour_shows_the_same_local_time_with_its_zone_named() -> None:
    """25 October 2026: 02:30 local happens twice, first in summer time, then in winter time."""
    first, second = datetime(2026, 10, 25, 0, 30), datetime(2026, 10, 25, 1, 30)
    assert local_time(first, "Europe/Stockholm") == local_time(second, "Europe/Stockholm") == "2026-10-25 02:30"
    assert (local_text(first, "Europe/Stockholm"), local_text(second, "Europe/Stockholm")) == (
        "2026-10-25 02:30 CEST",
        "2026-10-25 02:30 CET",
    )
    # both fires of that hour belong to the same night
    assert night_key(first.replace(tzinfo=UTC), "Europe/Stockholm") == night_key(
        second.replace(tzinfo=UTC), "Europe/Stockholm"
    )


def test_another_configured_zone_is_honoured_everywhere_times_are_shown() -> None:
    moment = datetime(2026, 11, 22, 23, 30)  # stored UTC: already the 23rd in Stockholm, still the 22nd in New York
    assert report_date([], moment, "Europe/Stockholm") == "2026-11-23"
    assert report_date([], moment, "America/New_York") == "2026-11-22"
    assert night_key(moment.replace(tzinfo=UTC), "America/New_York") == "2026-11-22"


def test_a_local_time_typed_at_the_terminal_is_read_in_the_configured_zone() -> None:
    assert parse_when("2026-07-01T04:30", "--since") == datetime(2026, 7, 1, 2, 30, tzinfo=UTC)
    assert parse_when("2026-07-01T04:30", "--since", "UTC") == datetime(2026, 7, 1, 4, 30, tzinfo=UTC)


def test_an_unknown_zone_is_refused_with_the_setting_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="schedule.timezone: unknown time zone 'Mars/Olympus'"):
        zone("Mars/Olympus")
    path = tmp_path / "kommunvakt.toml"
    path.write_text('[schedule]\ntimezone = "Mars/Olympus"\n', encoding="utf-8")
    with pytest.raises(config.ConfigError, match="unknown time zone 'Mars/Olympus'"):
        config.load_config(path, environ={})


def test_the_default_zone_is_defined_once() -> None:
    assert config.DEFAULT_TIMEZONE is crawler.clock.DEFAULT_TIMEZONE
    assert config.Config().schedule.timezone == crawler.clock.DEFAULT_TIMEZONE


OWN_CLOCK = re.compile(r"datetime\.now\(|ZoneInfo\(|def (as_utc|utcnow|local_time)\b|\"Europe/Stockholm\"")


def test_the_product_reads_clocks_and_zones_only_through_crawler_clock() -> None:
    root = REPO
    files = [*root.glob("crawler/**/*.py"), *root.glob("spiders/**/*.py"), *root.glob("storage/**/*.py")]
    own = {
        str(path.relative_to(root))
        for path in [*files, root / "scheduler.py"]
        if OWN_CLOCK.search(path.read_text(encoding="utf-8"))
    }
    assert own == {"crawler/clock.py"}
