"""Prose that changes on its own (crawler/volatile.py), through diff_records: quiet once the page's last versions
show it, and never at the cost of a real edit."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.diff import diff_records
from crawler.record import Block, PageRecord
from crawler.vocab import ChangeKind
from crawler.volatile import restless_slots, unreported

URL = "https://www.exempel.se/internationellt/"
SETTLED = (
    "Kommunen samarbetar med vänorter i Norden och Baltikum.",
    "Vi deltar i två projekt inom Interreg Central Baltic.",
    "Ungdomar kan söka stipendium för utbyte under sommaren.",
    "Strategin för internationellt arbete antogs av fullmäktige.",
    "Frågor om EU-finansiering besvaras av utvecklingsenheten.",
)


def page(blocks: list[str]) -> PageRecord:
    return PageRecord(URL, title="Internationellt arbete", blocks=tuple(Block("p", t) for t in blocks))


def noisy(blocks: list[str], at: int, noise: list[str]) -> list[str]:
    """``blocks`` with the noise blocks inserted at ``at``."""
    return [*blocks[:at], *noise, *blocks[at:]]


def visits(night: int, size: int) -> list[str]:
    return [f"Sidan har visats {1000 + 37 * night + k} gånger" for k in range(size)]


def test_a_view_counter_is_reported_until_two_nights_showed_it_and_quiet_after() -> None:
    nights = [page(noisy(list(SETTLED), 5, visits(n, 1))) for n in range(5)]
    assert [c.kind for c in diff_records(nights[1], nights[2], history=nights[:1])] == [ChangeKind.TEXT_CHANGED]
    assert diff_records(nights[3], nights[4], history=nights[1:3]) == []
    assert diff_records(nights[3], nights[4], history=nights[:3]) == []


def test_without_history_every_prose_change_is_reported() -> None:
    old, new = page(noisy(list(SETTLED), 2, visits(0, 1))), page(noisy(list(SETTLED), 2, visits(1, 1)))
    assert diff_records(old, new) == diff_records(old, new, history=())
    assert [c.kind for c in diff_records(old, new)] == [ChangeKind.TEXT_CHANGED]


def test_an_editor_who_rewrites_a_paragraph_once_a_night_is_heard_while_the_paragraph_was_settled() -> None:
    """A paragraph settled across the window is an anchor: its first edit is reported whatever came before."""
    window = [page(list(SETTLED)) for _ in range(3)]
    edited = list(SETTLED)
    edited[1] = "Vi deltar i tre projekt inom Interreg Central Baltic."
    changes = diff_records(window[-1], page(edited), history=window[:-1])
    assert [(c.kind, c.old, c.new) for c in changes] == [(ChangeKind.TEXT_CHANGED, SETTLED[1], edited[1])]


def test_a_segment_that_grows_is_reported_whole() -> None:
    window = [noisy(list(SETTLED), 5, visits(n, 1)) for n in range(3)]
    tonight = noisy(list(SETTLED), 5, ["Nytt: vi söker en praktikant till Brysselkontoret.", *visits(3, 1)])
    assert unreported(window, tonight) == (frozenset(), frozenset())


def test_fewer_than_two_transitions_tell_nothing() -> None:
    assert restless_slots([["a", "x"], ["a", "y"]]) == (frozenset(), {})


@settings(max_examples=150, deadline=None)
@given(
    at=st.integers(0, len(SETTLED)),
    size=st.integers(1, 3),
    seed=st.integers(0, 10_000),
    nights=st.integers(3, 4),
)
def test_noise_that_changes_every_night_in_one_place_is_quiet_after_the_window(
    at: int, size: int, seed: int, nights: int
) -> None:
    """Whatever the noise says, wherever it stands: once the window showed it change, a noise-only night is quiet."""
    rng = random.Random(seed)

    def draw(n: int) -> list[str]:
        return [
            f"Evenemang {n}.{k}: {rng.choice(('konsert', 'mässa', 'möte', 'kurs'))} {rng.randint(1, 10**6)}"
            for k in range(size)
        ]

    versions = [page(noisy(list(SETTLED), at, draw(n))) for n in range(nights + 1)]
    assert diff_records(versions[-2], versions[-1], history=versions[:-2]) == []


@settings(max_examples=150, deadline=None)
@given(
    at=st.integers(0, len(SETTLED)),
    edit_at=st.integers(0, len(SETTLED)),
    size=st.integers(1, 3),
    rewrite=st.booleans(),
    seed=st.integers(0, 10_000),
)
def test_a_real_edit_is_never_lost_to_restless_noise(
    at: int, edit_at: int, size: int, rewrite: bool, seed: int
) -> None:
    """An added paragraph, or a rewritten settled one, is reported wherever it stands relative to the noise."""
    rng = random.Random(seed)

    def draw(n: int) -> list[str]:
        return [f"Sidan visades {rng.randint(1, 10**6)} gånger ({n}.{k})" for k in range(size)]

    window = [page(noisy(list(SETTLED), at, draw(n))) for n in range(4)]
    settled = list(SETTLED)
    news = "Kommunen har fått en ny vänort i Polen och planerar ett utbyte för gymnasieelever."
    if rewrite and edit_at < len(settled):
        settled[edit_at] = settled[edit_at].replace("Kommunen", "Staden").replace("Vi ", "Vi alla ") + " Nytt i år."
        news = settled[edit_at]
    else:
        settled.insert(edit_at, news)
    tonight = page(noisy(settled, at if at <= edit_at else at + (not rewrite), draw(4)))
    changes = diff_records(window[-1], tonight, history=window[:-1])
    assert [c.kind for c in changes] == [ChangeKind.TEXT_CHANGED]
    assert news in (changes[0].new or "")


def stamped(date: str | None) -> PageRecord:
    return PageRecord(
        URL, title="Internationellt arbete", blocks=tuple(Block("p", t) for t in SETTLED), review_date=date
    )


def test_a_stamp_that_goes_back_and_forth_is_quiet_after_the_window() -> None:
    """A dated notice read as the stamp on some nights: the stamp flips between the page's and the notice's."""
    nights = [stamped(d) for d in ("2024-03-01", "2026-12-01", "2024-03-01", "2026-12-03", "2024-03-01")]
    assert [c.kind for c in diff_records(nights[1], nights[2], history=nights[:1])] == [ChangeKind.REVIEW_DATE_CHANGED]
    assert diff_records(nights[2], nights[3], history=nights[:2]) == []
    assert diff_records(nights[3], nights[4], history=nights[:3]) == []


@settings(max_examples=100, deadline=None)
@given(steps=st.lists(st.integers(1, 40), min_size=3, max_size=5), removed=st.booleans())
def test_a_stamp_that_moves_forward_is_always_reported(steps: list[int], removed: bool) -> None:
    """However often an editor moves the stamp forward, each move is reported, and so is its removal."""
    day, dates = dt.date(2026, 1, 1), list[str | None]()
    for step in steps:
        day += dt.timedelta(days=step)
        dates.append(day.isoformat())
    if removed:
        dates[-1] = None
    versions = [stamped(d) for d in dates]
    changes = diff_records(versions[-2], versions[-1], history=versions[:-2])
    assert [(c.kind, c.old, c.new) for c in changes] == [(ChangeKind.REVIEW_DATE_CHANGED, dates[-2], dates[-1])]
