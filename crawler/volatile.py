"""Which parts of a page's text change on their own, told by how they changed on earlier nights (pure).

Extraction recognises furniture by where it stands and what it looks like; some nightly noise escapes
both because it stands inside the article and looks like prose: a rotating quote, a view counter, the
next three events, "related pages" drawn at random. What gives it away is its behaviour: it changes night
after night while the text around it stays put. A real edit rarely rewrites the same spot on two of a
few consecutive nights.

A page's recent versions (its *window*: the versions stored in the last days, oldest first, ending with
the one tonight's fetch is compared with) are cut into *segments* at the blocks every version of the
window shares (the *anchors*). A segment is known by the anchors on either side of it, and is *restless*
when its blocks differed between consecutive versions at least :data:`RESTLESS_AFTER` times. Tonight's
removed and added blocks that fall in a restless segment are not reported.

Three rules keep real edits from being lost. A block every version of the window shares is an anchor
and is never restless itself, so an edit to settled text is always reported. Tonight's blocks are placed
by the anchors tonight's version still has: when an edit touches an anchor next to a restless segment,
the segment has other neighbours tonight, is not one the window knows, and what it holds is reported
with the edit. And a restless segment is quiet only while it holds as many blocks as it did in the
window: a paragraph added next to a view counter makes the segment longer than it has been, and the
segment is reported whole (a little noise with a real change, never a real change lost).

>>> window = [["Intro", "Citat: A", "Slut"], ["Intro", "Citat: B", "Slut"], ["Intro", "Citat: C", "Slut"]]
>>> unreported(window, ["Intro", "Citat: D", "Slut"])
(frozenset({1}), frozenset({1}))
>>> unreported(window, ["Intro", "Citat: D", "Ny mening", "Slut"])  # longer than the window knew it
(frozenset(), frozenset())
>>> unreported(window, ["Intro 2", "Citat: D", "Slut"])  # the anchor was edited: all of it is reported
(frozenset(), frozenset())
>>> unreported(window[:2], ["Intro", "Citat: D", "Slut"])  # one transition tells nothing yet
(frozenset(), frozenset())
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

#: How many of the window's night-to-night transitions must have changed a segment for it to be restless.
#: Two: a view counter or a rotating quote does it every night; an editor seldom twice in a few days.
RESTLESS_AFTER = 2

#: The window the crawl gives: the versions stored in the last WINDOW_DAYS before the compared one, at most
#: WINDOW_VERSIONS of them (with the compared one, WINDOW_VERSIONS transitions). A page whose noise changes
#: every night stores a version every night, so the window is its last few nights; a quiet page's window
#: holds the few edits of the last week, if any.
WINDOW_DAYS = 8
WINDOW_VERSIONS = 3

#: The edges of a page, as anchors: a segment before the first anchor or after the last one.
_START, _END = "\x00start", "\x00end"

Slot = tuple[str, str]


def _anchors_in(blocks: Sequence[str], anchors: frozenset[str]) -> list[str]:
    return [b for b in blocks if b in anchors]


def _segments(blocks: Sequence[str], anchors: frozenset[str]) -> dict[Slot, tuple[str, ...]]:
    """Every slot between consecutive anchors (and the page's edges) with the blocks it holds, empty ones too."""
    out: dict[Slot, tuple[str, ...]] = {}
    before, run = _START, list[str]()
    for block in [*blocks, _END]:
        if block in anchors or block == _END:
            slot = (before, block)
            out[slot] = out.get(slot, ()) + tuple(run)  # an anchor text twice on a page: one slot, both runs
            before, run = block, []
        else:
            run.append(block)
    return out


def _slot_of(blocks: Sequence[str], index: int, anchors: frozenset[str]) -> Slot:
    """The slot a block that is not an anchor stands in: the nearest anchors before and after it."""
    before = next((b for b in reversed(blocks[:index]) if b in anchors), _START)
    after = next((b for b in blocks[index + 1 :] if b in anchors), _END)
    return before, after


def restless_stamp(window: Sequence[str | None], tonight: str | None) -> bool:
    """Whether the page's review stamp (ISO dates, oldest first) behaves as no review stamp does: it changed in at
    least :data:`RESTLESS_AFTER` of the window's transitions and, in them, went back to an earlier date or came
    and went. A notice with its own date that shows some nights, or a date that flips between two
    elements, does that; a stamp that moves forward is always reported, however often an editor moves it.

    >>> restless_stamp(["2024-03-01", "2026-12-01", "2024-03-01"], "2026-12-03")  # a dated notice, some nights
    True
    >>> restless_stamp(["2026-11-30", "2026-12-01", "2026-12-02"], "2026-12-03")  # moved forward every night
    False
    >>> restless_stamp([None, "2026-12-01", None], "2026-12-03")  # comes and goes
    True
    >>> restless_stamp([None, "2026-11-02", "2026-11-20"], "2026-12-01")  # a first stamp, then two reviews
    False
    >>> restless_stamp(["2026-11-30", "2026-12-01", "2026-12-02"], None)  # a stamp removed is reported
    False
    """
    return tonight != window[-1] and stamp_wanders(window)


def stamp_wanders(window: Sequence[str | None]) -> bool:
    """Whether the stamp changed in at least :data:`RESTLESS_AFTER` of the window's transitions and, in them, went
    back to an earlier date or came and went (:func:`restless_stamp`)."""
    if sum(a != b for a, b in zip(window, window[1:], strict=False)) < RESTLESS_AFTER:
        return False
    first = next((i for i, value in enumerate(window) if value is not None), len(window))
    dated = window[first:]
    return any(a is None or b is None or b < a for a, b in zip(dated, dated[1:], strict=False))


def restless_slots(window: Sequence[Sequence[str]]) -> tuple[frozenset[str], dict[Slot, tuple[int, int]]]:
    """The window's anchors, and its restless slots with the fewest and most blocks each held.

    A slot is restless when it changed in at least :data:`RESTLESS_AFTER` of the window's transitions; a
    window with fewer transitions than that tells nothing.
    """
    if len(window) <= RESTLESS_AFTER:
        return frozenset(), {}
    anchors = frozenset(set(window[0]).intersection(*window[1:]))
    cut = [_segments(blocks, anchors) for blocks in window]
    changed: Counter[Slot] = Counter()
    for before, after in zip(cut, cut[1:], strict=False):
        changed.update(slot for slot in before.keys() | after.keys() if before.get(slot, ()) != after.get(slot, ()))
    sizes = {
        slot: (min(len(c.get(slot, ())) for c in cut), max(len(c.get(slot, ())) for c in cut))
        for slot, times in changed.items()
        if times >= RESTLESS_AFTER
    }
    return anchors, sizes


def unreported(window: Sequence[Sequence[str]], tonight: Sequence[str]) -> tuple[frozenset[int], frozenset[int]]:
    """The blocks whose change tonight is the window's restlessness, not news: indexes into the window's
    last version (blocks gone tonight) and into tonight's version (blocks new tonight)."""
    anchors, restless = restless_slots(window)
    if not restless:
        return frozenset(), frozenset()
    tonight_cut = _segments(tonight, anchors)
    quiet = {
        slot
        for slot, (fewest, most) in restless.items()
        if slot in tonight_cut and fewest <= len(tonight_cut[slot]) <= most
    }
    if not quiet:
        return frozenset(), frozenset()

    def placed(blocks: Sequence[str]) -> frozenset[int]:
        return frozenset(
            i for i, block in enumerate(blocks) if block not in anchors and _slot_of(blocks, i, anchors) in quiet
        )

    return placed(window[-1]), placed(tonight)


def restless_now(window: Sequence[Sequence[str]]) -> frozenset[int]:
    """The indexes of the window's last version's blocks that stand in a restless slot: what the judge does not
    report tonight if it changes again, shown so that an analyst can see what is muted."""
    anchors, restless = restless_slots(window)
    last = window[-1] if window else ()
    return frozenset(
        i for i, block in enumerate(last) if block not in anchors and _slot_of(last, i, anchors) in restless
    )
