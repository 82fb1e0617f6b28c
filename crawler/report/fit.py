"""Keep the mailed HTML part under Gmail's clipping size, without losing any change from the message.

Gmail shows "[Message clipped]" and hides the rest once a message's HTML
passes about 102 KB; a big night (a CMS update across many municipalities)
easily reaches that with the full layout, whose inlined CSS repeats on every
element. So the HTML part degrades in steps, each only when the previous one
does not fit: the full layout; a compact layout (hand-set inline styles,
text diffs cut to a few words around each edit); the compact layout without
text diffs; the compact layout with as many entries as fit (report order)
and a line saying how many more there are. The plain-text part always has
everything, and every step says so in the mail.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from crawler.report.i18n import words
from crawler.report.model import County, Entry, Municipality, Part, Report
from crawler.report.present import word_runs
from crawler.report.render import render_html, render_template
from crawler.vocab import ADDRESS_KINDS, ChangeKind

GMAIL_CLIP_BYTES = 102 * 1024
HTML_BUDGET = 100_000  # bytes of UTF-8 HTML; some room under the clip for what a mail system adds
assert HTML_BUDGET < GMAIL_CLIP_BYTES
# Shortened text diffs, tried in turn: (unchanged words kept beside an edit, words of one diff at most).
DIFF_STEPS = ((3, 24), (2, 12), (1, 8))


@dataclass(frozen=True)
class FittedHtml:
    """The HTML part, how it was laid out, and how many changes it lists (``shown`` of ``total``)."""

    html: str
    layout: str  # "full" | "compact" | "compact-nodiff" | "compact-cut"
    shown: int
    total: int

    @property
    def size(self) -> int:
        return _size(self.html)


def fit_html(report: Report, budget: int = HTML_BUDGET) -> FittedHtml:
    """The richest HTML part for ``report`` that is at most ``budget`` bytes (see the module docstring)."""
    total = report.total_changes
    full = render_html(report)
    if _size(full) <= budget:
        return FittedHtml(full, "full", total, total)
    w = words(report.lang)
    for context, most in DIFF_STEPS:
        short = _map_entries(report, partial(_compact_entry, context=context, most=most))
        compact = _compact(short, w["compact_note"])
        if _size(compact) <= budget:
            return FittedHtml(compact, "compact", total, total)
    bare = _map_entries(short, lambda e: dataclasses.replace(e, diff=[Part(w["see_text_part"])]) if e.diff else e)
    compact = _compact(bare, w["compact_note"])
    if _size(compact) <= budget:
        return FittedHtml(compact, "compact-nodiff", total, total)
    return _cut(bare, w["compact_note"], budget)


def shorten_diff(parts: list[Part] | None, context: int = 3, max_words: int = 24) -> list[Part] | None:
    """A diff cut to ``context`` unchanged words beside each edit and about ``max_words`` edited words.

    Each removed/added run gets its share of ``max_words`` (at least two words),
    so a long deletion cannot hide the insertion that replaced it.

    >>> [(p.op, p.text) for p in shorten_diff([Part("a b c d e ", op="="), Part("x", op="-"), Part("y", op="+")], 2)]
    [('=', '… d e '), ('-', 'x'), ('+', 'y')]
    """
    if not parts:
        return parts
    edits = sum(1 for p in parts if p.op != "=")
    share = max(2, max_words // max(1, edits))

    def shorten(tokens: list[str], op: str, first: bool, last: bool) -> list[str]:
        if op == "=":
            return _trim(tokens, context, first=first, last=last)
        return [*tokens[:share], "… "] if len(tokens) > share else tokens

    return word_runs([(p.op, p.text) for p in parts], max_words + 2 * context, shorten)


def _compact_entry(entry: Entry, context: int, most: int) -> Entry:
    """One entry as the compact layout shows it: short diff, changed contact fields, URLs as plain text."""
    entry = _contact_delta(dataclasses.replace(entry, diff=shorten_diff(entry.diff, context, most)))
    if entry.kind in ADDRESS_KINDS:  # the address itself is the news; mail clients make it clickable
        entry = dataclasses.replace(entry, old=_unlinked(entry.old), new=_unlinked(entry.new))
    return entry


def _unlinked(parts: list[Part] | None) -> list[Part] | None:
    return None if parts is None else [Part(p.text) for p in parts]


def _contact_delta(entry: Entry) -> Entry:
    """``contact_changed`` as "name: old fields → new fields" (only the fields that changed).

    The shown values are "name · role · e-mail · phone" with empty fields left
    out, so fields are compared by position only when both sides have the same
    fields and the same name; otherwise the entry stays as it was.
    """
    if (
        entry.kind != ChangeKind.CONTACT_CHANGED
        or not entry.old
        or not entry.new
        or len(entry.old) + len(entry.new) != 2
    ):
        return entry
    before, after = entry.old[0].text.split(" · "), entry.new[0].text.split(" · ")
    if len(before) != len(after) or len(before) < 2 or before[0] != after[0]:
        return entry
    changed = [(a, b) for a, b in zip(before[1:], after[1:], strict=True) if a != b]
    if not changed:
        return entry
    old = Part(f"{before[0]}: " + ", ".join(a for a, _ in changed))
    return dataclasses.replace(entry, old=[old], new=[Part(", ".join(b for _, b in changed))])


def _trim(tokens: list[str], context: int, *, first: bool, last: bool) -> list[str]:
    if first and last:
        return tokens[: 2 * context] + (["…"] if len(tokens) > 2 * context else [])
    if first and len(tokens) > context:
        return ["… ", *tokens[len(tokens) - context :]]
    if last and len(tokens) > context:
        return [*tokens[:context], "…"]
    if not first and not last and len(tokens) > 2 * context:
        return [*tokens[:context], "… ", *tokens[len(tokens) - context :]]
    return tokens


def _size(html: str) -> int:
    return len(html.encode("utf-8"))


def _compact(report: Report, note: str, cut: int = 0) -> str:
    return render_template("report.compact.html.j2", report, note=note, cut=cut)


def _map_entries(report: Report, change: Callable[[Entry], Entry]) -> Report:
    counties = [
        County(c.name, [Municipality(m.site, m.home, [change(e) for e in m.entries]) for m in c.municipalities])
        for c in report.counties
    ]
    return dataclasses.replace(report, shared=[change(e) for e in report.shared], counties=counties)


def _entries(report: Report) -> list[Entry]:
    return report.shared + [e for c in report.counties for m in c.municipalities for e in m.entries]


def _first(report: Report, keep: int) -> tuple[Report, int]:
    """The report with only its first ``keep`` entries (report order); also the number of changes left out."""
    left = keep
    shared = report.shared[:left]
    left -= len(shared)
    counties: list[County] = []
    for county in report.counties:
        munis: list[Municipality] = []
        for muni in county.municipalities:
            if left <= 0:
                break
            entries = muni.entries[:left]
            left -= len(entries)
            munis.append(Municipality(muni.site, muni.home, entries))
        if munis:
            counties.append(County(county.name, munis))
    trimmed = dataclasses.replace(report, shared=shared, counties=counties)
    shown = sum(len(e.change_ids) for e in _entries(trimmed))
    return trimmed, report.total_changes - shown


def _cut(report: Report, note: str, budget: int) -> FittedHtml:
    """Binary search for the most entries that fit; each try is one compact render (milliseconds)."""
    low, high = 0, len(_entries(report))
    best = None
    while low <= high:
        middle = (low + high) // 2
        trimmed, missing = _first(report, middle)
        html = _compact(trimmed, note, missing)
        if _size(html) <= budget:
            best, low = (html, missing), middle + 1
        else:
            high = middle - 1
    if best is None:  # not even the frame fits: say so in the fewest words
        trimmed, missing = _first(report, 0)
        best = (_compact(trimmed, note, missing), missing)
    html, missing = best
    return FittedHtml(html, "compact-cut", report.total_changes - missing, report.total_changes)
