"""Normalising and comparing document text, and the [documents] settings (crawler/documents): pure code."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.documents.facts import changes_json, document_facts
from crawler.documents.normalise import from_text, lines_from_text, normalise, text_hash, to_text, words
from crawler.documents.raw import Line
from crawler.documents.result import Block, DocumentKind, DocumentText, Failure, Metadata, Unreadable
from crawler.documents.settings import DocumentSettings, DocumentSettingsError, from_table
from crawler.documents.summary import Action, Part, summarise

# -- normalising ------------------------------------------------------------------------------------------

_WORD = st.builds(
    str.__add__,
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABCDEFGHÅÄÖ", min_size=1, max_size=12),
    st.sampled_from(["", ".", ",", ";", "2025", "-talet"]),
)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=30)
_DOCUMENT = st.lists(_PARAGRAPH, min_size=1, max_size=8)


def _wrapped(paragraphs: list[list[str]], breaks: list[bool]) -> str:
    """The paragraphs with a line break after some words (``breaks`` says which), an empty line between."""
    out = []
    position = 0
    for paragraph in paragraphs:
        text = paragraph[0]
        for word in paragraph[1:]:
            text += ("\n" if breaks[position % len(breaks)] else " ") + word
            position += 1
        out.append(text)
    return "\n\n".join(out)


@given(_DOCUMENT, st.lists(st.booleans(), min_size=1, max_size=50))
def test_rewrapping_lines_never_changes_the_normalised_text(paragraphs: list[list[str]], breaks: list[bool]) -> None:
    one_line = normalise(lines_from_text(_wrapped(paragraphs, [False])))
    rewrapped = normalise(lines_from_text(_wrapped(paragraphs, breaks)))
    assert rewrapped == one_line
    assert text_hash(rewrapped) == text_hash(one_line)
    assert words(rewrapped) == [word for paragraph in paragraphs for word in paragraph]


@given(_DOCUMENT, st.data())
def test_a_word_hyphenated_at_a_line_end_reads_as_the_word(paragraphs: list[list[str]], data: st.DataObject) -> None:
    lowered = [["".join(filter(str.isalpha, word.lower())) or "ord" for word in paragraph] for paragraph in paragraphs]
    plain = "\n\n".join(" ".join(paragraph) for paragraph in lowered)
    index = data.draw(st.integers(0, len(lowered) - 1))
    paragraph = lowered[index]
    if len(paragraph) < 2 or len(paragraph[0]) < 2 or not paragraph[0].isalpha():
        return
    cut = data.draw(st.integers(1, len(paragraph[0]) - 1))
    broken = list(lowered)
    broken[index] = [f"{paragraph[0][:cut]}-\n{paragraph[0][cut:]}", *paragraph[1:]]
    hyphenated = "\n\n".join(" ".join(p) for p in broken)
    assert text_hash(normalise(lines_from_text(hyphenated))) == text_hash(normalise(lines_from_text(plain)))


def test_hyphens_that_belong_to_the_text_are_kept() -> None:
    text = "Kultur-\noch fritidsnämnden och EU-\nprojekten. Skriv e-post till oss; vår e-\npost läses."
    (block,) = normalise(lines_from_text(text))
    assert block.text == "Kultur- och fritidsnämnden och EU-projekten. Skriv e-post till oss; vår e-post läses."


def test_a_broken_word_is_made_whole_and_odd_characters_cleaned() -> None:
    (block,) = normalise(lines_from_text("Internatio-\nnellt ﬁnansierade\u00a0projekt, ut\u00adbyten\u200b och möten"))
    assert block.text == "Internationellt finansierade projekt, utbyten och möten"


def _page(number: int, total: int, body: list[str]) -> tuple[Line, ...]:
    header = Line("Internationell strategi 2025–2028", 9.0, 20.0)
    footer = Line(f"Sida {number} av {total}", 9.0, 820.0)
    lines = [Line(text, 11.0, 60.0 + 14.0 * index) for index, text in enumerate(body)]
    return (header, *lines, footer)


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    bodies = [["Kommunen samarbetar med", "fyra vänorter."], ["Vänorterna finns i", "Norden och Baltikum."], ["Slut."]]
    pages = [_page(number, 3, body) for number, body in enumerate(bodies, start=1)]
    text = " ".join(words(normalise(pages)))
    assert text == "Kommunen samarbetar med fyra vänorter. Vänorterna finns i Norden och Baltikum. Slut."


def test_a_line_that_recurs_inside_the_pages_is_text_not_a_header() -> None:
    texts = ["Inledning.", "Första raden.", "Se bilaga 1.", "Tredje raden.", "Fjärde raden.", "Femte raden."]
    pages = [tuple(Line(text, 11.0, 60.0 + 14.0 * index) for index, text in enumerate(texts)) for _ in range(3)]
    assert words(normalise(pages)).count("bilaga") == 3  # never at a page's top or bottom
    assert words(normalise(pages)).count("Inledning.") == 0  # at the top of every page: a running header


def test_a_single_page_has_no_running_header_but_loses_its_page_number() -> None:
    page = (Line("Exempelby kommun", 9.0, 20.0), Line("Text.", 11.0, 74.0), Line("Sida 1 av 1", 9.0, 820.0))
    assert words(normalise([page])) == ["Exempelby", "kommun", "Text."]


def test_headings_by_size_and_paragraphs_by_gap() -> None:
    page = (
        Line("Syfte och mål", 16.0, 50.0),
        Line("Kommunen ska delta i", 11.0, 80.0),
        Line("två EU-projekt.", 11.0, 94.0),
        Line("Ett nytt stycke börjar", 11.0, 122.0),
        Line("efter ett större avstånd.", 11.0, 136.0),
        Line("Uppföljning", 16.0, 170.0),
        Line("Varje år.", 11.0, 200.0),
    )
    assert normalise([page]) == (
        Block("Syfte och mål", heading=True),
        Block("Kommunen ska delta i två EU-projekt."),
        Block("Ett nytt stycke börjar efter ett större avstånd."),
        Block("Uppföljning", heading=True),
        Block("Varje år."),
    )


def test_stored_text_reads_back_as_the_same_blocks() -> None:
    blocks = (Block("Mål", heading=True), Block("# är inte en rubrik här"), Block("Text."))
    cleaned = normalise([tuple(Line(b.text, paragraph=True, heading=b.heading) for b in blocks)])
    assert from_text(to_text(cleaned)) == cleaned


# -- comparing --------------------------------------------------------------------------------------------

_BLOCKS = st.lists(st.builds(Block, st.text(min_size=1, max_size=40), st.booleans()), max_size=20)


@given(_BLOCKS)
def test_a_text_compared_with_itself_has_no_changes(blocks: list[Block]) -> None:
    assert summarise(blocks, blocks).empty


def test_summary_of_a_revised_strategy() -> None:
    old = [
        Block("Mål", heading=True),
        Block("Kommunen ska ha tre vänorter i Europa och delta i två EU-projekt per år."),
        Block("Ansvar", heading=True),
        Block("Kommunstyrelsen ansvarar för att strategin följs."),
    ]
    new = [
        Block("Mål", heading=True),
        Block("Kommunen ska ha fyra vänorter i Europa och delta i två EU-projekt per år."),
        Block("Uppföljning", heading=True),
        Block("Strategin följs upp varje år i årsredovisningen."),
        Block("Ansvar", heading=True),
    ]
    summary = summarise(old, new)
    assert summary.sections_added == ("Uppföljning",)
    assert (summary.paragraphs_added, summary.paragraphs_removed, summary.paragraphs_rewritten) == (1, 1, 1)
    rewritten = summary.examples[0]
    assert (rewritten.action, rewritten.section) == (Action.REWRITTEN, "Mål")
    assert (Part.REMOVED, "tre") in rewritten.excerpt.parts and (Part.ADDED, "fyra") in rewritten.excerpt.parts
    assert rewritten.excerpt.as_text() == (
        "Kommunen ska ha [-tre-] {+fyra+} vänorter i Europa och delta i två EU-projekt per år."
    )
    removed = [change for change in summary.examples if change.action is Action.REMOVED]
    assert [(change.section, change.old) for change in removed] == [
        ("Ansvar", "Kommunstyrelsen ansvarar för att strategin följs.")
    ]


def test_an_excerpt_keeps_a_few_words_around_a_change_in_a_long_paragraph() -> None:
    words_before = [f"ord{index}" for index in range(40)]
    words_after = [*words_before[:20], "NYTT", *words_before[21:]]
    summary = summarise([Block(" ".join(words_before))], [Block(" ".join(words_after))])
    text = summary.examples[0].excerpt.as_text()
    assert text == "… ord14 ord15 ord16 ord17 ord18 ord19 [-ord20-] {+NYTT+} ord21 ord22 ord23 ord24 ord25 ord26 …"
    assert (summary.words_added, summary.words_removed) == (1, 1)


def test_examples_are_limited_but_counts_are_whole() -> None:
    old = [Block(f"Stycke {n} om vänorter.") for n in range(10)]
    summary = summarise(old, [], max_examples=3)
    assert summary.paragraphs_removed == 10 and len(summary.examples) == 3


# -- settings ---------------------------------------------------------------------------------------------


def test_settings_defaults_and_a_table() -> None:
    assert DocumentSettings().max_bytes == 30_000_000
    settings = from_table({"max_pages": 50, "timeout": 10, "keep_files": True})
    assert (settings.max_pages, settings.timeout, settings.keep_files) == (50, 10.0, True)


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ({"max_pages": 0}, "documents.max_pages"),
        ({"timeout": 0}, "documents.timeout"),
        ({"max_bytes": "30 MB"}, "documents.max_bytes"),
        ({"keep_files": 1}, "documents.keep_files"),
        ({"max_per_page": True}, "documents.max_per_page"),
        ({"max_memory": 64}, "documents.max_memory"),
        ({"max_size": 1}, "documents.max_size"),
    ],
)
def test_bad_settings_name_their_field(table: dict[str, object], field: str) -> None:
    with pytest.raises(DocumentSettingsError, match=f"'{field}'"):
        from_table(table)


# -- facts for the record and the report ------------------------------------------------------------------


def test_facts_of_a_read_document_and_its_changes_are_plain_json() -> None:
    blocks = (Block("Mål", heading=True), Block("Tre vänorter."))
    meta = Metadata(title="Internationell strategi", pages=12, modified=datetime(2025, 3, 1, tzinfo=UTC))
    text = DocumentText(DocumentKind.PDF, "ab" * 32, 1000, meta, blocks, text_hash(blocks), 12)
    assert document_facts("https://exempelby.se/s.pdf", text, link_title="Strategi (pdf)") == {
        "url": "https://exempelby.se/s.pdf",
        "title": "Internationell strategi",
        "sha256": "ab" * 32,
        "pages": 12,
        "modified": "2025-03-01T00:00:00+00:00",
    }
    failed = Unreadable(Failure.ENCRYPTED, "encrypted", "cd" * 32)
    assert document_facts("https://exempelby.se/s.pdf", failed, link_title="Strategi")["title"] == "Strategi"
    summary = changes_json(summarise(blocks, (blocks[0], Block("Fyra vänorter."))))
    assert json.loads(json.dumps(summary))["examples"][0]["excerpt"] == [
        ["removed", "Tre"],
        ["added", "Fyra"],
        ["same", "vänorter."],
    ]
