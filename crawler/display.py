"""How stored values read to a person at the terminal or in a spreadsheet (pure; no I/O).

Stored values keep their machine form (UTC datetimes, E.164 phones, change values as JSON),
which the JSON output carries unchanged; tables, CSV and XLSX show them as analysts write
them: phones in Swedish national form, a contact as one line, and local time with the zone
named (``crawler.clock.local_text``).
"""

from __future__ import annotations

from typing import Any

from crawler.clock import local_text as local_text  # re-export: crawler/web/app.py imports it from here


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
