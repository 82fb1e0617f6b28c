"""The page's review stamp ("Senast granskad 2024-05-17 av ANDGLE") as an ISO date.

dateparser cannot read a whole stamp line and ``search_dates`` invents dates
from opening hours (libraries.md), so a pattern isolates the date first and
dateparser (Swedish) only reads that fragment. ISO dates skip dateparser.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

_LABEL = (
    r"senast\s+granskad|sidan\s+granskades|granskad|granskades|"
    r"senast\s+uppdaterad|sidan\s+uppdaterades|sidan\s+uppdaterad|senast\s+uppdaterades|uppdaterad|uppdaterades|"
    r"senast\s+ändrad|sidan\s+ändrades|ändrad|ändrades|publicerad|publicerades|sidan\s+publicerades"
)
_DATE = (
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\s*(?:[a-zåäö]{3,9}\.?)\s*\d{4}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
)
#: The label, optional "den"/weekday, the date; then optionally a time and "av <reviewer>".
STAMP_RE = re.compile(
    rf"(?P<label>{_LABEL})\s*:?\s*(?:den\s+)?(?:[a-zåäö]+dag(?:en)?\s+(?:den\s+)?)?(?P<date>{_DATE})"
    r"(?:,?\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2})?"
    r"(?:\s*,?\s+av\s+(?P<who>[^\n,.;|()]{1,60}))?",
    re.IGNORECASE,
)
_STAMP_LINE_RE = re.compile(rf"^\s*(?:{_LABEL})\b", re.IGNORECASE)
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@lru_cache(maxsize=2048)
def parse_date(text: str) -> str | None:
    """A date fragment ("2024-05-17", "17 maj 2024", "17.5.2024") as ISO, or None.

    >>> parse_date("17 maj 2024")
    '2024-05-17'
    """
    text = text.strip()
    m = _ISO_RE.match(text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None
    fragment = text.replace("/", ".")
    parsed = _swedish_parser(formats_only=True).get_date_data(fragment, date_formats=_FORMATS).date_obj
    if parsed is None:  # a shape the stamp formats do not cover: dateparser's general parser decides
        parsed = _swedish_parser(formats_only=False).get_date_data(fragment).date_obj
    return parsed.date().isoformat() if parsed else None


#: The shapes of the fragments ``_DATE`` isolates, after dateparser has translated Swedish month names.
_FORMATS = ("%d %B %Y", "%d%B%Y", "%d.%m.%Y")


@lru_cache(maxsize=2)
def _swedish_parser(*, formats_only: bool):  # type: ignore[no-untyped-def]
    """One dateparser parser for Swedish, made once: ``dateparser.parse(..., languages=[...])``
    builds a new one (and its locale data) on every call, ~5 ms each.

    ``formats_only``: translate the month names and try :data:`_FORMATS`, nothing else. Stamps have
    those shapes, and this keeps dateparser from compiling its time-zone and relative-date patterns,
    which cost the page reader ~7 MB; the general parser is only built for a fragment that needs it.
    """
    from dateparser.date import DateDataParser  # slow import, only needed for month names

    settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_LOCALE_DATE_ORDER": False}
    if formats_only:
        settings["PARSERS"] = ["custom-formats"]
    return DateDataParser(languages=["sv"], settings=settings)


def is_stamp_line(text: str) -> bool:
    """True for a short line that is a review stamp (so it is not also content)."""
    return len(text) < 160 and bool(_STAMP_LINE_RE.match(text)) and STAMP_RE.search(text) is not None


def stamp_lines(lines: Sequence[str]) -> list[str]:
    """The lines to read a stamp from if this unit of text (its ``<br>``-separated lines) is a stamp, else [].

    A unit is a stamp when one of its lines is, or when its lines read as one are: a label and its
    date split over a ``<br>`` ("Senast uppdaterad:<br>2024-05-17"). The unit's text as a block is
    those lines read as one, so no block of a page's record is ever a stamp line.

    >>> stamp_lines(["Senast uppdaterad:", "2024-05-17"])
    ['Senast uppdaterad: 2024-05-17']
    >>> stamp_lines(["Senast granskad 2024-05-17 av ANDGLE", "Sidansvarig"])
    ['Senast granskad 2024-05-17 av ANDGLE', 'Sidansvarig']
    >>> stamp_lines(["Uppdaterad information om bygglov"])
    []
    """
    if any(is_stamp_line(ln) for ln in lines):
        return list(lines)
    joined = " ".join(lines)
    return [joined] if len(lines) > 1 and is_stamp_line(joined) else []


def find_stamp(lines: list[str]) -> tuple[str | None, str | None]:
    """The review date and reviewer from candidate lines (first match of the strongest wording).

    A reviewed/updated date beats a published one ("Publicerad 3 mars 2020,
    uppdaterad 17 maj 2024" gives 2024-05-17).

    >>> find_stamp(["Senast granskad 2024-05-17 av ANDGLE"])
    ('2024-05-17', 'ANDGLE')
    """
    best: tuple[int, str, str | None] | None = None
    for line in lines:
        for m in STAMP_RE.finditer(line):
            iso = parse_date(m["date"])
            if not iso:
                continue
            rank = 0 if m["label"].lower().startswith("publ") or "publicera" in m["label"].lower() else 1
            who = m["who"].strip() if m["who"] else None
            if best is None or rank > best[0]:
                best = (rank, iso, who or None)
        if best and best[0] == 1:
            break
    return (best[1], best[2]) if best else (None, None)
