"""Teasers of dated items are what a page lists, not what it says (crawler/extract/teasers.py).

Minimal pages written for these tests (no corpus page): a teaser block, a post loop and a news list
rotate between nights and must not change the record; linked headings without a date, a project
period, a document with its date and a dated paragraph of the page's own text stay.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crawler.extract import extract_record

URL = "https://www.exempel.se/internationellt/"

ITEMS = (
    ("Ny skolgård invigs", "2025-03-04"),
    ("Pressmeddelande 2025-03-06: Vägarbete på Storgatan", "2025-03-07"),  # a date in the title too
    ("Öppet hus på biblioteket", "11 mars 2025"),
    ("Budgeten antagen", "2025-03-12"),
)


def _page(extra: str, *, body: str = "") -> str:
    return (
        "<html><head><title>Internationellt - Exempel kommun</title></head><body><div class='wrap'>"
        "<div class='col'><h1>Internationellt</h1><p>Kommunen samarbetar med orter i Norden och Baltikum.</p>"
        f"<p>Samarbetet gäller skola, kultur och näringsliv.</p>{body}{extra}</div></div></body></html>"
    )


def _headed(night: int) -> str:
    title, date = ITEMS[night]
    return (
        f"<div class='puff'><div class='inner'><a href='/aktuellt/{night}/'><h2>{title}</h2></a>"
        f"<p>Läs hela nyheten ({date}).</p></div></div>"
    )


def _loop(night: int) -> str:
    posts = "".join(
        f"<li><h3><a href='/{i}/'>{t}</a></h3><div><time datetime='2025-03-0{i}'>{d}</time></div></li>"
        for i, (t, d) in enumerate(ITEMS[night : night + 2], 1)
    )
    return f"<div><h2>Fler inlägg</h2><ul>{posts}</ul></div>"


def _rows(night: int) -> str:
    rows = "".join(
        f"<div class='row'><a href='/nyhet/{i}'>{t}</a> <span>Publicerad {d}</span></div>"
        for i, (t, d) in enumerate(ITEMS[night : night + 2])
    )
    return f"<div class='list'>{rows}</div>"


def _card(night: int) -> str:
    """A promo card with no link of its own (a theme puts it on a script): a picture, a title and a date."""
    title, date = ITEMS[night]
    return (
        f"<div class='promo'><div class='media'><img src='/bilder/puff{night}.jpg' alt=''></div>"
        f"<div class='text'><h3>{title}</h3><p>{date}</p></div></div>"
    )


@pytest.mark.parametrize(
    "shape", [_headed, _loop, _rows, _card], ids=["teaser-block", "post-loop", "dated-rows", "dated-card"]
)
def test_rotating_teasers_of_dated_items_are_not_content(shape: Callable[[int], str]) -> None:
    first = extract_record(_page(shape(0)), URL)
    second = extract_record(_page(shape(2)), URL)
    assert first == second
    texts = " ".join(b.text for b in first.blocks)
    assert "Samarbetet gäller" in texts and "skolgård" not in texts and "Öppet hus" not in texts
    assert first.review_date is None


def test_linked_headings_without_a_date_stay() -> None:
    """A page that presents its twin towns under linked headings says them: no date, no teaser."""
    towns = "".join(
        f"<div class='town'><h2><a href='/vanorter/{t.lower()}/'>{t}</a></h2><p>Vänort sedan {y}.</p></div>"
        for t, y in (("Riga", 1992), ("Tartu", 1996))
    )
    record = extract_record(_page(towns), URL)
    texts = [b.text for b in record.blocks]
    assert "Riga" in texts and "Vänort sedan 1996." in texts


def test_a_project_period_and_a_document_date_are_no_item_dates() -> None:
    """Rows of links with a period (two dates) or a document with its date are content and documents."""
    projects = (
        "<ul><li><a href='/projekt/a/'>Unga i Europa</a> 2023-01-01 – 2025-12-31</li>"
        "<li><a href='/projekt/b/'>Grön hamn</a> 2024-02-01 – 2026-06-30</li></ul>"
        "<ul><li><a href='/files/plan.pdf'>Internationell plan</a> (2024-05-02)</li>"
        "<li><a href='/files/rapport.pdf'>Årsrapport</a> (2025-01-15)</li></ul>"
    )
    record = extract_record(_page(projects), URL)
    texts = " ".join(b.text for b in record.blocks)
    assert "Unga i Europa" in texts and "Grön hamn" in texts
    assert {d.title for d in record.documents} == {"Internationell plan", "Årsrapport"}


def test_a_dated_paragraph_under_a_linked_heading_with_more_to_say_stays() -> None:
    """A linked heading over the page's own long text (more than a teaser's excerpt) is a section, not a teaser."""
    prose = "Avtalet tecknades den 4 mars 2019 och omfattar skola, kultur och näringsliv. " * 5
    record = extract_record(_page(f"<section><h2><a href='/riga/'>Riga</a></h2><p>{prose}</p></section>"), URL)
    assert any(b.text == "Riga" for b in record.blocks)
    assert any("Avtalet tecknades" in b.text for b in record.blocks)


def test_a_single_dated_link_in_the_text_stays() -> None:
    """One link and a date is a line of the page; only two or more such rows make a news list."""
    record = extract_record(_page("<p><a href='/beslut/'>Kommunfullmäktiges beslut</a> 2024-03-21</p>"), URL)
    assert any("Kommunfullmäktiges beslut" in b.text for b in record.blocks)


def test_a_pictured_section_that_says_more_than_a_date_stays() -> None:
    """A picture and a heading over the page's own dated sentence, or a heading and a date with no picture,
    is the page's text: only a picture, a title and a lone date make a card."""
    section = (
        "<div class='town'><img src='/bilder/riga.jpg' alt='Riga'><h2>Riga</h2>"
        "<p>Vänort sedan 1992-05-04, med utbyten inom skola och kultur.</p></div>"
        "<div class='event'><h2>Vänortsmöte</h2><p>2025-04-10</p></div>"
    )
    texts = [b.text for b in extract_record(_page(section), URL).blocks]
    assert "Riga" in texts and any("Vänort sedan" in t for t in texts)
    assert any("Vänortsmöte" in t for t in texts) and any("2025-04-10" in t for t in texts)
