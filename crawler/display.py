"""How stored values read to a person at the terminal or in a spreadsheet (pure; no I/O).

Stored values keep their machine form (UTC datetimes, E.164 phones, change values as JSON),
which the JSON output carries unchanged; tables, CSV and XLSX show them as analysts write
them: local time with the zone named, phones in Swedish national form, a contact as one line.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo


def local_moment(moment: datetime, zone: str) -> datetime:
    """A stored moment (UTC; naive from SQLite) in ``zone``."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(zone))


def local_text(moment: datetime, zone: str) -> str:
    """Local time to the minute with the zone named, as a person reads it.

    >>> local_text(datetime(2026, 12, 3, 3, 5), "Europe/Stockholm")
    '2026-12-03 04:05 CET'
    """
    local = local_moment(moment, zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def phone_text(e164: str | None) -> str:
    """An E.164 phone as people write it: Swedish numbers in national form, others international.

    >>> phone_text("+46520497000"), phone_text("+4790012345")
    ('0520-49 70 00', '+47 90 01 23 45')
    """
    if not e164:
        return ""
    import phonenumbers  # loaded only by commands that show phones

    try:
        number = phonenumbers.parse(e164, "SE")
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 46
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def value_text(value: Any) -> str:
    """A change's old or new value as one readable line (contact, document, date, URL or text).

    >>> value_text({"name": "Ida Ek", "role": None, "email": "ida@amal.se", "phone": "+46532170000"})
    'Ida Ek · ida@amal.se · 0532-17 00 00'
    >>> value_text({"url": "https://amal.se/s.pdf", "title": "Strategi"})
    'Strategi <https://amal.se/s.pdf>'
    """
    if value is None:
        return ""
    if isinstance(value, dict):
        if "url" in value and "title" in value:
            return f"{value.get('title') or ''} <{value.get('url')}>".strip()
        if {"name", "email", "phone"} & value.keys():
            parts = [value.get("name"), value.get("role"), value.get("email"), phone_text(value.get("phone"))]
            return " · ".join(str(p) for p in parts if p)
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list | tuple):
        return " / ".join(value_text(v) for v in value)
    return str(value)
