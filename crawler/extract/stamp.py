"""The page's review stamp ("Senast granskad 2024-05-17 av ANDGLE") as an ISO date and a reviewer.

dateparser cannot read a whole stamp line and ``search_dates`` invents dates from
opening hours, so a pattern isolates label and date first, and
dateparser reads only a date fragment with a month name ("17 maj 2024", "5 okt.
2021", "May 17, 2024"). Numeric dates are built with :class:`datetime.date`:
their only question is the order of day and month, which dateparser cannot know
from the fragment alone (see :func:`read_stamp`).

A stamp is a label ("Senast uppdaterad", "Sidan har granskats", "Last updated",
"Aktualisiert"…) at the start of a line, or after a separator (``|``, ``•``) or
another stamp on it, followed by its date; optionally "den" or a weekday before
the date, a time after it, and "av <namn>" before or after it. Label and date may
sit in two adjacent text units (dt/dd, label and item divs, th/td, two paragraphs).
A label with no date is no date. A date without a label is never a stamp: decision
references, mandate periods, news and headline dates, current-date widgets.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

#: What a label says about its date, strongest first when a page shows several (see :func:`read_stamp`).
REVIEWED, UPDATED, PUBLISHED = 3, 2, 1

_SV_LABEL = (
    r"(?:(?:denna\s+)?sida(?:n)?\s+(?:har\s+)?(?:senast\s+)?|senast\s+|(?:informationen|innehållet)\s+(?:har\s+)?)?"
    r"(?:uppdatera|granska|kontrollera|ändra|publicera)(?:des|de|d|ts|t)"
    r"|senaste\s+(?:uppdatering|granskning|kontroll|ändring)(?:en)?"
)
_EN_LABEL = (
    r"(?:page\s+)?(?:last\s+(?:updated|modified|changed|reviewed|controlled|checked|published)"
    r"|updated|modified|reviewed|published)(?:\s+on)?"
)
_DE_LABEL = r"(?:zuletzt\s+)?(?:aktualisiert|geändert|geprüft|veröffentlicht)(?:\s+am)?"
_LABEL = rf"(?:{_SV_LABEL}|{_EN_LABEL}|{_DE_LABEL})"
_WEEKDAY = (
    r"(?:[^\W\d_]+(?:dag(?:en)?|day|tag)|mittwoch|mån|tis|ons|tors?|fre|lör|sön|mon|tue|wed|thu|fri|sat|sun)\.?,?"
)
_DATE = (
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"
    r"|\d{1,2}/\d{1,2}\s+\d{4}"  # Swedish "17/5 2024"
    r"|\d{1,2}\.?\s*[^\W\d_]{3,10}\.?\s*\d{4}"
    r"|[^\W\d_]{3,10}\.?\s+\d{1,2},?\s+\d{4}"
)
_TIME = (
    r"T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"  # ISO 8601
    r"|\s*(?:,|-|–|kl\.?|klockan|um|at)?\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?(?!\w))?"
)
_WEEKDAY_NAME = (
    r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:en)?"
)
#: A current-date widget ("Onsdag 19 december 2018"): a line that is nothing but a weekday and a date.
_DATE_WIDGET_RE = re.compile(
    rf"^\W*(?:i\s*dag(?:\s+är\s+det)?:?\s+|today:?\s+)?{_WEEKDAY_NAME},?\s+(?:den\s+|the\s+)?(?:{_DATE})(?:{_TIME})?\W*$",
    re.IGNORECASE,
)


def is_date_widget(line: str) -> bool:
    """A line that only says what day it is: site furniture that moves every night, never the page's content.

    Real pages print one under the menu or at the top of the content column (a weekday, a day, a month,
    a year); a dated line that says anything more (an event, a decision) is content.

    >>> is_date_widget("Onsdag 19 december 2018"), is_date_widget("Tisdag 3 december 2024: vänortsmöte i Riga")
    (True, False)
    """
    return len(line) < 60 and bool(_DATE_WIDGET_RE.match(line))


_NAME_BEFORE = rf"(?!{_LABEL})[^\W\d_][^\n\d,;|()§:]{{0,59}}?"  # a name, never another label
_NAME_AFTER = rf"(?!{_LABEL})[^\W\d_][^\n,;|()§:]{{0,59}}"
#: label, optional "av <namn>", colon, "den"/weekday, the date, a time, "av <namn>" (also on the next line)
STAMP_RE = re.compile(
    rf"(?<![\w/.-])(?P<label>{_LABEL})(?![^\W\d_])"  # a digit may follow: spans glued without a space
    rf"(?:\s+av:?\s+(?P<who1>{_NAME_BEFORE}))?"
    rf"\s*:?\s*(?:(?:den|on|am)\s+)?(?:{_WEEKDAY}\s+(?:den\s+)?)?"
    rf"(?<!\d)(?P<date>{_DATE})"
    rf"(?P<time>{_TIME})?"
    rf"(?:\s*,?\s+av:?\s+(?P<who>{_NAME_AFTER}))?",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(rf"(?<![\w/.-]){_LABEL}(?![^\W\d_])", re.IGNORECASE)
#: A label opening a line (after bullets); anchored, so cheap on every line of a page, where a search is not.
_LABEL_START_RE = re.compile(rf"[^\w]*{_LABEL}(?![^\W\d_])", re.IGNORECASE)
#: A label with no date: nothing after it but "den"/"av", or after a colon one short word (a template's junk).
_LABEL_ONLY_RE = re.compile(
    rf"[^\w]*{_LABEL}(?:\s+(?:den|av|am|on))?\s*(?::\s*(?:(?:av:?|den)\s*)?(?:[^\s\d:]{{1,15}})?)?\s*",
    re.IGNORECASE,
)
#: What may follow a date without making it something else: a range ("2023-01-01 - 2026-12-31"), a glued
#: headline ("…13:45Pressmeddelande"), an unread time, a headline colon, a decision reference ("§ 75").
_NOT_AFTER_RE = re.compile(r"[^\W_]|\s*[-–—]\s*\d|\s*[,;]?\s*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}|\s*:\s*\w|[^\n]{0,20}§")
_SEPARATORS = "|•·"
#: Where one field of a byline ends and the next begins: a separator character, or a dash with a space on each
#: side (Plone's byline "av <namn> — publicerad <datum> — senast ändrad <datum>", "Publicerad … – Uppdaterad …").
_FIELD_SPLIT_RE = re.compile(rf"[{_SEPARATORS}]|\s[–—]\s")
_FIELD_END_RE = re.compile(rf"(?:[{_SEPARATORS}]|\s[–—])\s*$")
#: What may follow a stamp on its line: nothing, a separator, another label ("Sidansvarig:", "Publicerad …"),
#: or a few words (a reviewer without "av"); more is prose that merely starts with a label and a date.
_TAIL_RE = re.compile(
    rf"[\s.,;]*(?:$|[{_SEPARATORS}–—-]\s|{_LABEL}|[^\W\d_][\w ]{{0,30}}:|(?:\S+\s*){{1,3}}$)", re.IGNORECASE
)
_MAX_LINE = 160
_REVIEW_WORDS_RE = re.compile(r"gransk|kontroll|review|control|check|geprüft", re.IGNORECASE)
_PUBLISH_WORDS_RE = re.compile(r"publ|veröffentlicht", re.IGNORECASE)
_EN_RE = re.compile(rf"^(?:{_EN_LABEL})$", re.IGNORECASE)
_DE_RE = re.compile(rf"^(?:{_DE_LABEL})$", re.IGNORECASE)
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_RE = re.compile(r"(\d{1,2})([./])(\d{1,2})(?:[./]|(\s+))(\d{4})")
_SLASH_ANYWHERE_RE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/\d{4}(?![\d/])")
_DAY_DOT_RE = re.compile(r"^(\d{1,2})\.\s*")
_MONTH_WORD_RE = re.compile(r"\b[^\W\d_]{4,5}\b")  # "febr", "sept": abbreviations are short
_NAME_CUT_RE = re.compile(r"\s+[-–—•·]\s+.*$")
#: The shapes of the month-name fragments ``_DATE`` isolates, after dateparser has translated the month.
_FORMATS = ("%d %B %Y", "%d%B%Y", "%B %d %Y")


def _kind(label: str) -> int:
    if _REVIEW_WORDS_RE.search(label):
        return REVIEWED
    return PUBLISHED if _PUBLISH_WORDS_RE.search(label) else UPDATED


def _language(label: str) -> str:
    label = " ".join(label.split())
    return "en" if _EN_RE.match(label) else "de" if _DE_RE.match(label) else "sv"


@dataclass(frozen=True)
class Ambiguous:
    """A slash date whose two first numbers could both be the month ("10/5/2017"): both readings."""

    dmy: str
    mdy: str


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def read_date(text: str, *, order: str | None = None, language: str = "sv") -> str | Ambiguous | None:
    """A date fragment as ISO; :class:`Ambiguous` for a slash date that ``order`` ("DMY"/"MDY") does not settle.

    Dots are day first in every locale that writes them ("17.5.2024"), and so is the Swedish "17/5 2024";
    a slash date is settled by itself when a number is over 12 ("5/17/2024" is 17 May, "17/5/2024" too)
    or both are equal, else by ``order``.

    >>> read_date("17 maj 2024"), read_date("5/17/2024"), read_date("10/5/2017", order="MDY")
    ('2024-05-17', '2024-05-17', '2017-10-05')
    >>> read_date("10/5/2017")
    Ambiguous(dmy='2017-05-10', mdy='2017-10-05')
    """
    text = " ".join(text.split())
    if m := _ISO_RE.fullmatch(text):
        return _date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_RE.fullmatch(text):
        a, b, y = int(m[1]), int(m[3]), int(m[5])
        dmy, mdy = _date(y, b, a), _date(y, a, b)
        if m[2] == "." or m[4] or a > 12 or order == "DMY" and b <= 12:
            return dmy
        if b > 12 or order == "MDY":
            return mdy
        return dmy if dmy == mdy else Ambiguous(dmy, mdy) if dmy and mdy else None
    return _month_name_date(_DAY_DOT_RE.sub(r"\1 ", text.replace(",", " ")), language)


@lru_cache(maxsize=2048)
def _month_name_date(fragment: str, language: str) -> str | None:
    fragment = " ".join(fragment.split())
    for lang in dict.fromkeys((language, "sv")):
        parser = _parser(lang)
        parsed = parser.get_date_data(fragment, date_formats=_FORMATS).date_obj
        if parsed is None:  # an abbreviation dateparser does not know ("febr."): every one starts with 3 letters
            short = _MONTH_WORD_RE.sub(lambda w: w[0][:3], fragment.replace(".", " "))
            parsed = parser.get_date_data(" ".join(short.split()), date_formats=_FORMATS).date_obj
        if isinstance(parsed, dt.datetime):
            return parsed.date().isoformat()
    return None


def parse_date(text: str, order: str | None = None) -> str | None:
    """A date fragment ("2024-05-17", "17 maj 2024", "17.5.2024") as ISO, or None (also when ambiguous).

    >>> parse_date("17 maj 2024")
    '2024-05-17'
    """
    found = read_date(text, order=order)
    return found if isinstance(found, str) else None


@lru_cache(maxsize=4)
def _parser(language: str):  # type: ignore[no-untyped-def]
    """One dateparser parser per language, made once and only when a page needs it:
    ``dateparser.parse(..., languages=[...])`` builds a new one (and its locale data) on every call, ~5 ms.

    Custom formats only: translate the month names and try :data:`_FORMATS`, nothing else. This keeps
    dateparser from compiling its time-zone and relative-date patterns, which cost the page reader ~7 MB.
    Swedish is the one every page may need; English and German are built for pages labelled in them.
    """
    from dateparser.date import DateDataParser  # slow import, only needed for month names

    settings = {
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_LOCALE_DATE_ORDER": False,
        "PARSERS": ["custom-formats"],
    }
    return DateDataParser(languages=[language], settings=settings)


_ITEM_DATE_RE = re.compile(rf"(?<![\w/.-])(?:{_DATE})(?![\w/])")
_RANGE_AFTER_RE = re.compile(r"\s*(?:[-–—]|till|to)\s*\d")
_RANGE_BEFORE_RE = re.compile(r"\d\s*(?:[-–—]|till|to)\s*$")


def item_date_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` says a single day (a news item's or an event's date): each date that reads as one,
    not the ends of a range ("2023-01-01 – 2026-12-31", a project period or a mandate).

    >>> item_date_spans("Publicerad 2024-11-06"), item_date_spans("Projektperiod 2023-01-01 - 2025-12-31")
    ([(11, 21)], [])
    """
    spans = []
    for m in _ITEM_DATE_RE.finditer(text):
        if _RANGE_AFTER_RE.match(text, m.end()) or _RANGE_BEFORE_RE.search(text, 0, m.start()):
            return []
        if read_date(m[0]) is not None:
            spans.append(m.span())
    return spans


def slash_order(lines: Sequence[str]) -> str | None:
    """The day/month order the page's own slash dates prove: "DMY" if one has a first number over 12
    ("17/3/2015"), "MDY" if one has a second number over 12 ("3/17/2015"); None if none does, or both do.

    >>> slash_order(["Publicerad 3/17/2015 9:02 AM", "Senast ändrad 10/5/2017 10:22 AM"])
    'MDY'
    """
    dmy = mdy = False
    for line in lines:
        if "/" in line:
            for a, b in _SLASH_ANYWHERE_RE.findall(line):
                dmy |= int(a) > 12 >= int(b)
                mdy |= int(b) > 12 >= int(a)
    return None if dmy == mdy else "DMY" if dmy else "MDY"


@dataclass(frozen=True)
class _Hit:
    """One stamp read: its label's kind, its date (or both readings), reviewer, and the lines it spans."""

    kind: int
    date: str | Ambiguous
    who: str | None
    lines: tuple[int, ...]  # line indices in the text it was read from


def _who(m: re.Match[str]) -> str | None:
    raw = m["who1"] or m["who"]
    if not raw:
        return None
    name = _NAME_CUT_RE.sub("", raw).strip(" .")
    return " ".join(name.split()[:6]) or None


def _hits(lines: Sequence[str], order: Callable[[], str | None]) -> list[_Hit]:
    """Every stamp in one unit of text (its lines), in order."""
    text = "\n".join(lines)
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    hits: list[_Hit] = []
    prev_end = -1
    for m in STAMP_RE.finditer(text):
        first = bisect.bisect_right(starts, m.start()) - 1
        line_start = max(starts[first], prev_end)
        before = text[line_start : m.start()]
        if before.strip(" \t*-–—>»:,;" + _SEPARATORS) and not _FIELD_END_RE.search(before):
            continue  # mid-sentence ("planen uppdaterades 2024-…"): not a stamp
        if len(lines[first]) >= _MAX_LINE or _NOT_AFTER_RE.match(text, m.end("time") if m["time"] else m.end("date")):
            continue
        if m["who1"] and (_LABEL_RE.search(m["who1"]) or len(m["who1"].split()) > 4):
            continue  # "Ändrad av:" over a sentence ("Strategin uppdaterades 2024-…"), not over a name
        line_end = text.find("\n", m.end())
        if not _TAIL_RE.match(text[m.end() : line_end if line_end >= 0 else len(text)]):
            continue
        date = read_date(m["date"], order=order() if "/" in m["date"] else None, language=_language(m["label"]))
        if date is None:
            continue
        last = bisect.bisect_right(starts, m.end() - 1) - 1
        hits.append(_Hit(_kind(m["label"]), date, _who(m), tuple(range(first, last + 1))))
        prev_end = m.end()
    return hits


def starts_with_label(line: str) -> bool:
    """Whether a stamp label opens the line or a part of it after a separator ("Sidansvarig: X | Uppdaterad …").

    A stamp starts there or after another stamp on its line (:func:`_hits`), so a unit whose lines
    pass this test nowhere holds no stamp.
    """
    if _LABEL_START_RE.match(line):
        return True
    return any(_LABEL_START_RE.match(part) for part in _FIELD_SPLIT_RE.split(line)[1:])


def is_label_only(line: str) -> bool:
    """A stamp label with no date ("Senast uppdaterad:", "Uppdaterad den", "Sidan uppdaterad: av").

    >>> is_label_only("Uppdaterad den"), is_label_only("Uppdaterad information om bygglov")
    (True, False)
    """
    return len(line) < 60 and _LABEL_ONLY_RE.fullmatch(line) is not None


def is_stamp_line(text: str) -> bool:
    """True for a short line that is a review stamp read without the page's context, or a label with
    no date: extraction never makes either a block (the diff drops them from records stored before)."""
    if len(text) >= _MAX_LINE or not starts_with_label(text):
        return False
    return is_label_only(text) or any(isinstance(h.date, str) for h in _hits((text,), lambda: None))


@dataclass(frozen=True)
class PageStamp:
    """The page's stamp, and what is left of each text unit that held stamp lines ("" = nothing)."""

    date: str | None = None
    reviewer: str | None = None
    rest: dict[int, str] = field(default_factory=dict)


@dataclass
class _Read:
    hits: list[tuple[_Hit, int, bool]] = field(default_factory=list)  # (hit, unit, in main)
    used: dict[int, set[int]] = field(default_factory=dict)  # unit -> its consumed line indices
    ambiguous: dict[int, set[int]] = field(default_factory=dict)  # lines of ambiguous stamps

    def add(self, hit: _Hit, where: Sequence[tuple[int, int]], main: bool) -> None:
        """Record ``hit``; ``where`` maps each of its line indices to (unit, line in that unit)."""
        self.hits.append((hit, where[hit.lines[0]][0], main))
        target = self.ambiguous if isinstance(hit.date, Ambiguous) else self.used
        for i in hit.lines:
            unit, line = where[i]
            target.setdefault(unit, set()).add(line)


_MACHINE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def _settle(
    date: str | Ambiguous, machine_date: Callable[[int, bool], str | None] | None, unit: int
) -> str | Ambiguous:
    """An ambiguous date settled by the ``<time datetime>`` in its unit (within a day: it may be UTC)."""
    if isinstance(date, str) or machine_date is None:
        return date  # the tree is only asked when the text is not enough
    machine = machine_date(unit, False)
    if not machine or not (m := _MACHINE_RE.match(machine)):
        return date
    iso = _date(int(m[1]), int(m[2]), int(m[3]))
    if iso is None:
        return date
    day = dt.date.fromisoformat(iso)
    near = [d for d in (date.dmy, date.mdy) if abs((dt.date.fromisoformat(d) - day).days) <= 1]
    return near[0] if len(near) == 1 else date


def read_stamp(
    units: Sequence[Sequence[str]],
    in_main: Sequence[bool] | None = None,
    machine_date: Callable[[int, bool], str | None] | None = None,
) -> PageStamp:
    """The page's review date and reviewer from its text units (each a sequence of lines).

    ``in_main`` marks units of the main content; ``machine_date(i, whole)`` gives the ``datetime`` of a
    ``<time>`` in unit ``i``'s own text (with ``whole``: only if the ``<time>`` is all of that text),
    read only where the visible text has no date or an ambiguous one.

    Which stamp wins (documented in the README):

    - Stamps in the main content beat stamps elsewhere (side boxes, banners).
    - The strongest label wins: reviewed (granskad, kontrollerad, controlled) over updated (uppdaterad,
      ändrad, updated, aktualisiert) over published (publicerad); published is read only when the page
      has nothing better. A review is a person's statement about the page; an update date moves with any
      edit (some systems bump it on every republish).
    - Several dates under labels of that strength (a stamp printed twice with two dates, "granskad"
      beside "kontrollerad"): the latest, the day the page was last touched. Several different
      "Publicerad" dates and nothing better are a listing's item dates: no stamp.
    - A slash date's order comes from the page's own dates (:func:`slash_order`) or a ``<time datetime>``;
      when nothing settles "10/5/2017" it is not read: if the winning label's dates are all ambiguous the
      page has no review date (weaker labels do not stand in), and its stamp lines stay content, so a
      change of the stamp still reaches the analyst as changed text.
    """
    in_main = in_main if in_main is not None else [True] * len(units)
    page_order: list[str | None] = []

    def order() -> str | None:
        if not page_order:
            page_order.append(slash_order([ln for lines in units for ln in lines]))
        return page_order[0]

    read = _Read()
    label_tail: list[int] = []  # units whose last line is a label with no date of its own
    for i, lines in enumerate(units):
        if not any(starts_with_label(ln) for ln in lines):
            continue
        for hit in _hits(lines, order):
            read.add(hit, [(i, k) for k in range(len(lines))], in_main[i])
        for k, ln in enumerate(lines):
            if k not in read.used.get(i, ()) and is_label_only(ln):
                read.used.setdefault(i, set()).add(k)
                if k == len(lines) - 1:
                    label_tail.append(i)
    _pair(units, in_main, label_tail, read, order, machine_date)
    return _choose(units, read, machine_date)


def _pair(
    units: Sequence[Sequence[str]],
    in_main: Sequence[bool],
    label_tail: list[int],
    read: _Read,
    order: Callable[[], str | None],
    machine_date: Callable[[int, bool], str | None] | None,
) -> None:
    """Read labels whose date is in the next unit(s): dt/dd, label and item divs, th/td, two paragraphs.

    A run of k one-line labels followed by k units pairs them in order (a table's header row over its
    values); otherwise a label pairs with the unit right after it.
    """
    tails = set(label_tail)
    done: set[int] = set()
    for start in label_tail:
        if start in done:
            continue
        run = [start]
        while run[-1] + 1 in tails and len(units[run[-1] + 1]) == 1 and len(units[run[0]]) == 1:
            run.append(run[-1] + 1)
        done.update(run)
        values = range(run[-1] + 1, run[-1] + 1 + len(run))  # past the last unit: only a <time datetime> can pair
        pairs = list(zip(run, values, strict=False))
        found = [_pair_one(units, lab, val, order, machine_date) for lab, val in pairs]
        if len(run) > 1 and None in found:
            pairs, found = [(run[-1], run[-1] + 1)], [_pair_one(units, run[-1], run[-1] + 1, order, machine_date)]
        for (lab, val), hit in zip(pairs, found, strict=True):
            if hit is not None:
                label_line = len(units[lab]) - 1
                where = [(lab, label_line), *((val, k) for k in range(len(units[val]) if val < len(units) else 0))]
                read.add(hit, where, in_main[lab])


def _pair_one(
    units: Sequence[Sequence[str]],
    lab: int,
    val: int,
    order: Callable[[], str | None],
    machine_date: Callable[[int, bool], str | None] | None,
) -> _Hit | None:
    """The stamp a label (last line of unit ``lab``) and unit ``val`` make together, if they make one."""
    label = units[lab][-1]
    if val < len(units) and not starts_with_label(units[val][0]):
        hits = [h for h in _hits((label, *units[val]), order) if h.lines[0] == 0 and len(h.lines) > 1]
        if hits:
            hit = hits[0]
            return _Hit(hit.kind, _settle(hit.date, machine_date, val), hit.who, hit.lines)
    if machine_date is None:
        return None
    # the date only in a <time datetime> of the label's unit, or of a short unit right after it
    machine = machine_date(lab, False)
    lines: tuple[int, ...] = (0,)
    if not machine and val < len(units) and len(units[val]) == 1:
        machine, lines = machine_date(val, True), (0, 1)
    m = _MACHINE_RE.match(machine or "")
    iso = _date(int(m[1]), int(m[2]), int(m[3])) if m else None
    if iso is None:
        return None
    return _Hit(_kind(label), iso, None, lines)


def _choose(
    units: Sequence[Sequence[str]], read: _Read, machine_date: Callable[[int, bool], str | None] | None
) -> PageStamp:
    """Apply the rules of :func:`read_stamp` to the stamps read."""
    pool = [(h, u) for h, u, main in read.hits if main] or [(h, u) for h, u, _ in read.hits]
    date = reviewer = None
    if pool:
        top = max(h.kind for h, _ in pool)
        dated: list[tuple[str, str | None]] = []
        for h, u in pool:
            if h.kind == top:
                settled = _settle(h.date, machine_date, u)
                if isinstance(settled, str):
                    dated.append((settled, h.who))
        if dated and not (top == PUBLISHED and len({d for d, _ in dated}) > 1):
            date = max(d for d, _ in dated)
            reviewer = next((who for d, who in dated if d == date and who), None)
    used = {u: set(ls) for u, ls in read.used.items()}
    if date is not None:  # ambiguous copies of a stamp that was read are not content either
        for u, ls in read.ambiguous.items():
            used.setdefault(u, set()).update(ls)
    rest = {u: "\n".join(ln for k, ln in enumerate(units[u]) if k not in ls) for u, ls in used.items()}
    return PageStamp(date, reviewer, rest)


def find_stamp(lines: list[str]) -> tuple[str | None, str | None]:
    """The review date and reviewer from candidate lines, each read as a unit of the main content.

    >>> find_stamp(["Senast granskad 2024-05-17 av ANDGLE"])
    ('2024-05-17', 'ANDGLE')
    >>> find_stamp(["Publicerad 3 mars 2020, uppdaterad 17 maj 2024"])
    ('2024-05-17', None)
    """
    found = read_stamp([(ln,) for ln in lines])
    return found.date, found.reviewer
