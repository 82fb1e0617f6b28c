"""Clocks and time zones, defined once (pure; standard library only).

Everything kommunvakt stores is UTC; SQLite hands datetimes back naive, so every stored
moment passes ``as_utc`` before it is compared or shown. People read times in one zone,
``[schedule] timezone`` (``DEFAULT_TIMEZONE`` unless configured): the report, the terminal
tables and the nightly schedule all convert through ``zone`` and ``local_moment`` here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: The time zone people read times in unless ``[schedule] timezone`` says otherwise.
DEFAULT_TIMEZONE = "Europe/Stockholm"

#: How the report and the runs table show a moment (to the minute; the zone is named elsewhere).
MINUTE = "%Y-%m-%d %H:%M"


def utcnow() -> datetime:
    """Now, as an aware UTC moment (what is stored)."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """A stored moment as aware UTC: SQLite hands back naive datetimes, and everything stored is UTC.

    >>> as_utc(datetime(2026, 12, 3, 3, 5)).isoformat()
    '2026-12-03T03:05:00+00:00'
    """
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def zone(name: str | ZoneInfo) -> ZoneInfo:
    """The named time zone; an unknown name is a ValueError naming the setting it comes from.

    >>> zone("Europe/Atlantis")
    Traceback (most recent call last):
    ...
    ValueError: schedule.timezone: unknown time zone 'Europe/Atlantis'
    """
    if isinstance(name, ZoneInfo):
        return name
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"schedule.timezone: unknown time zone {name!r}") from exc


def local_moment(moment: datetime, where: str | ZoneInfo) -> datetime:
    """A stored moment (UTC; naive from SQLite) in the zone people read it in.

    Aware moments are converted through UTC, which also settles a repeated or skipped
    local hour (the autumn night, the spring night) the same way everywhere.
    """
    return as_utc(moment).astimezone(UTC).astimezone(zone(where))


def local_time(moment: datetime, where: str | ZoneInfo, fmt: str = MINUTE) -> str:
    """A stored moment as local time (to the minute unless ``fmt`` says otherwise).

    >>> local_time(datetime(2026, 7, 1, 2, 30), "Europe/Stockholm")
    '2026-07-01 04:30'
    """
    return local_moment(moment, where).strftime(fmt)


def local_text(moment: datetime, where: str | ZoneInfo) -> str:
    """Local time to the minute with the zone named, as a person reads it at the terminal.

    >>> local_text(datetime(2026, 12, 3, 3, 5), "Europe/Stockholm")
    '2026-12-03 04:05 CET'
    """
    local = local_moment(moment, where)
    return f"{local:{MINUTE}} {local.tzname()}"


__all__ = ["DEFAULT_TIMEZONE", "MINUTE", "as_utc", "local_moment", "local_text", "local_time", "utcnow", "zone"]
