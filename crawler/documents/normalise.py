"""From a reader's lines to normalised text: paragraphs and headings, with what a re-export changes removed.

Two exports of one text differ in where lines break, which words are hyphenated at a line's end, how the
pages fall (and so the running headers, footers and page numbers) and in ligatures and odd spaces. None of
that is a change, so :func:`normalise` removes it, and the comparison (:func:`text_hash`) looks at the
sequence of words only: paragraph boundaries that a layout guess finds are for showing a change
(:mod:`crawler.documents.summary`), never for deciding there was one.

Written here, not taken from a library: the layout libraries (pdfminer.six's analysis, pypdf's layout
mode) give lines and boxes, not running headers or hyphenation, and they are slower than the whole budget.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from crawler.documents.raw import Line
from crawler.documents.result import Block

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACE_RE = re.compile(r"\s+")
#: a line that is only a page number: "3", "- 3 -", "Sida 3", "3 (12)", "Page 3 of 12", "3/12"
_PAGE_NUMBER_RE = re.compile(
    r"^(?:(?:sida|sid|s\.|page|p\.)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?\s*(?:(?:av|of|/|\()\s*\d{1,4}\s*\)?)?$",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(r"\d+")
_DATE = r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\s+[a-zåäö]{3,10}\.?\s+\d{4})"
_CLOCK = r"(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
#: a stamp a re-export or a print writes anew each time, so a page's top or bottom line that carries one is no
#: text of the document even on a single page, where nothing recurs: "Utskriven 2026-12-03", "Printed on
#: 3 December 2026", "Exporterad 03.12.2026 kl. 10:15", or a date with a time of day alone ("2026-12-03 10:15")
_STAMP_RE = re.compile(
    r"\b(?:utskriven|utskrivet|utskriftsdatum|utskrift|utskrivningsdatum|printed|print\s+date|printed\s+on"
    r"|exporterad|exporterat|exportdatum|exported|genererad|genererat|generated|skapad\s+av\s+systemet)"
    rf"\b[\s:,-]*(?:on\s+|den\s+)?{_DATE}"
    rf"|^\s*(?:[a-zåäö]{{2,9}}\.?,?\s+)?{_DATE}[,\s]+{_CLOCK}\s*$"
    rf"|^\s*{_CLOCK}[,\s]+{_DATE}\s*$",
    re.IGNORECASE,
)
#: words after a hyphen at a line's end that mean the hyphen is a Swedish or English suspended compound
#: ("kultur- och fritidsnämnden", "pre- and post-"), not a word broken in two
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "resp", "till", "som", "and", "or", "nor", "to"})
_HEADER_LINES = 2  # lines at a page's top and at its bottom where running headers and footers are looked for
_MIN_PAGES_FOR_RUNNING = 2  # a line on fewer pages than this is never taken for a running header
_RUNNING_MAX_CHARS = 100  # running headers and footers are short: a title, a date, a page number
_HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading
_GAP_RATIO = 1.45  # a vertical gap this much larger than the line spacing starts a paragraph
_SENTENCE_END = (".", "!", "?", ":", "…", "”", '"', ")")


def clean_line(text: str) -> str:
    """NFKC (ligatures, full-width forms), invisible characters removed, any run of spaces one space.

    >>> clean_line("  ﬁnansiering\u00a0av\u200b  projekt ")
    'finansiering av projekt'
    """
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    if text.endswith("\u00ad"):  # a soft hyphen at the end is where the word was broken
        text = text[:-1] + "-"
    return _SPACE_RE.sub(" ", text.replace("\u00ad", "")).strip()


def normalise(pages: Sequence[Sequence[Line]]) -> tuple[Block, ...]:
    """The paragraphs and headings of a document, running headers, footers and page numbers removed."""
    cleaned = [[_cleaned(line) for line in page] for page in pages]
    body_size = _body_size([line for page in cleaned for line in page])
    kept = _without_running_lines(cleaned, body_size, _line_spacing(cleaned))
    lines = [line for page in kept for line in page]
    vocabulary = _Vocabulary([line.text for line in lines])
    blocks: list[Block] = []
    current: list[str] = []
    heading = False
    previous: Line | None = None
    spacing = _line_spacing(kept)
    for page_number, page in enumerate(kept):
        for index, line in enumerate(page):
            if not line.text:  # an empty line from a format without positions: a paragraph's end
                _flush(blocks, current, heading, vocabulary)
                previous = None
                continue
            is_heading = line.heading or (body_size > 0 and line.size >= body_size * _HEADING_RATIO)
            first_on_page = index == 0 and page_number > 0
            if previous is None or _starts_block(previous, line, is_heading, heading, spacing, first_on_page):
                _flush(blocks, current, heading, vocabulary)
                heading = is_heading
            current.append(line.text)
            previous = line
    _flush(blocks, current, heading, vocabulary)
    return tuple(blocks)


def words(blocks: Iterable[Block]) -> list[str]:
    """The document's words in order: what two versions are compared by."""
    return [word for block in blocks for word in block.text.split(" ") if word]


def text_hash(blocks: Iterable[Block]) -> str:
    """sha256 of the words joined by single spaces; "" for a document without text."""
    joined = " ".join(words(blocks))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest() if joined else ""


def lines_from_text(text: str) -> tuple[tuple[Line, ...], ...]:
    """Plain text as a reader's pages: form feeds separate pages, empty lines paragraphs."""
    return tuple(tuple(Line(line) for line in page.split("\n")) for page in text.split("\f"))


def to_text(blocks: Iterable[Block]) -> str:
    """A readable form for storage and display: blocks separated by an empty line, headings after ``# ``.

    >>> to_text((Block("Mål", heading=True), Block("Fler vänorter.")))
    '# Mål\\n\\nFler vänorter.'
    """
    return "\n\n".join(("# " if block.heading else "") + block.text for block in blocks)


def from_text(text: str) -> tuple[Block, ...]:
    """The blocks :func:`to_text` wrote."""
    blocks = []
    for part in text.split("\n\n"):
        if part.startswith("# "):
            blocks.append(Block(part[2:], heading=True))
        elif part:
            blocks.append(Block(part))
    return tuple(blocks)


def _cleaned(line: Line) -> Line:
    text = clean_line(line.text)
    if text.startswith("# "):  # keep to_text/from_text unambiguous: a paragraph never starts with "# "
        text = "#" + text[2:]
    return Line(text, line.size, line.top, line.paragraph, line.heading)


def _starts_block(
    previous: Line, line: Line, is_heading: bool, in_heading: bool, spacing: float, new_page: bool
) -> bool:
    if line.paragraph or is_heading != in_heading:
        return True
    if is_heading:
        return previous.size != line.size
    if new_page or line.top is None or previous.top is None:
        # no positions to go by: a paragraph goes on across a page unless its last line ended a sentence
        ended = previous.text.endswith(_SENTENCE_END)
        return new_page and ended and not line.text[:1].islower()
    gap = line.top - previous.top
    return gap < 0 or (spacing > 0 and gap > spacing * _GAP_RATIO)


def _flush(blocks: list[Block], current: list[str], heading: bool, vocabulary: _Vocabulary) -> None:
    if current:
        text = _joined(current, vocabulary)
        if text:
            blocks.append(Block(text, heading))
        current.clear()


def _joined(lines: Sequence[str], vocabulary: _Vocabulary) -> str:
    """The lines of one paragraph as one line, words broken at a line's end made whole again."""
    text = lines[0]
    for line in lines[1:]:
        text = _join_two(text, line, vocabulary)
    return text


def _join_two(left: str, right: str, vocabulary: _Vocabulary) -> str:
    if not left.endswith("-") or len(left) < 2 or left[-2].isspace() or left[-2] in "-–":
        return f"{left} {right}"
    head = left.rsplit(" ", 1)[-1][:-1]
    tail = right.split(" ", 1)[0]
    if tail.lower().strip(".,;:") in _CONJUNCTIONS:
        return f"{left} {right}"  # "kultur- och fritid"
    if head[-1:].islower() and tail[:1].islower():
        whole, hyphenated = _bare(head + tail), _bare(f"{head}-{tail}")
        if vocabulary.has(hyphenated) and not vocabulary.has(whole):
            return left + right  # "e-post", written so elsewhere in the document
        return left[:-1] + right  # "interna-" + "tionell"
    return left + right  # "EU-" + "projekt"


def _bare(word: str) -> str:
    return word.lower().strip(".,;:!?()\"'”")


class _Vocabulary:
    """Words as written inside lines (never at a line's end), to tell "e-post" from "interna-tionell";
    gathered on the first question, as most documents never ask one."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._words: set[str] | None = None

    def has(self, word: str) -> bool:
        if self._words is None:
            self._words = {_bare(word) for text in self._texts for word in text.split(" ")[:-1]}
        return word in self._words


def _without_running_lines(pages: list[list[Line]], body_size: float, spacing: float) -> list[list[Line]]:
    """Pages without running headers and footers (a short line at a page's top or bottom that, digits
    aside, recurs on half the pages or more, two at least; never a heading set larger than the text), without
    a print or export stamp there (:func:`is_export_stamp`, which a one-page document's header is known by,
    as nothing recurs on it), and without a page number as a page's first or last line, set apart from the
    text. A one-page document keeps any other header: nothing tells it from the text."""
    edge_keys: Counter[str] = Counter()
    for page in pages:
        edge_keys.update({_key(line.text) for line in _edges(page) if _may_run(line, body_size)})
    threshold = max(_MIN_PAGES_FOR_RUNNING, (len(pages) + 1) // 2)
    running = {key for key, count in edge_keys.items() if count >= threshold and key}
    kept = []
    for page in pages:
        numbers = {id(line) for line in _page_numbers(page, spacing)}
        edges = numbers | {
            id(line)
            for line in _edges(page)
            if _key(line.text) in running or (_may_run(line, body_size) and is_export_stamp(line.text))
        }
        rest = [line for line in page if id(line) not in edges]
        if not any(line.text for line in rest):  # all of a page cannot be its header: a list, a page per item
            rest = [line for line in page if id(line) not in numbers]
        kept.append(rest)
    return kept


def is_export_stamp(text: str) -> bool:
    """Whether a line carries a stamp that each print or export writes anew.

    >>> is_export_stamp("Internationell strategi – Utskriven 2026-12-03"), is_export_stamp("2026-12-03 10:15")
    (True, True)
    >>> is_export_stamp("Beslutad av kommunfullmäktige 2021-05-12"), is_export_stamp("2021-05-12")
    (False, False)
    """
    return _STAMP_RE.search(text) is not None


def _page_numbers(page: list[Line], spacing: float) -> list[Line]:
    """The first and last line when it is a page number apart from the text: by a gap wider than the line
    spacing, or an empty line (a number that ends a paragraph's last line stays)."""
    found = []
    for index in (0, len(page) - 1):
        if not (0 <= index < len(page)) or not _PAGE_NUMBER_RE.match(page[index].text):
            continue
        neighbour = index + 1 if index == 0 else index - 1
        if not (0 <= neighbour < len(page)) or not page[neighbour].text:
            found.append(page[index])
            continue
        line, other = page[index], page[neighbour]
        if line.top is not None and other.top is not None and abs(line.top - other.top) > spacing * _GAP_RATIO:
            found.append(page[index])
    return found


def _may_run(line: Line, body_size: float) -> bool:
    return len(line.text) <= _RUNNING_MAX_CHARS and not (body_size > 0 and line.size >= body_size * _HEADING_RATIO)


def _edges(page: list[Line]) -> list[Line]:
    texts = [line for line in page if line.text]
    if len(texts) <= 2 * _HEADER_LINES:
        return texts
    return texts[:_HEADER_LINES] + texts[-_HEADER_LINES:]


def _key(text: str) -> str:
    return _DIGITS_RE.sub("#", text.lower())


def _body_size(lines: Sequence[Line]) -> float:
    """The font size most of the text is set in (weighted by characters); 0 when the format gives none."""
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size > 0:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _line_spacing(pages: Sequence[Sequence[Line]]) -> float:
    """The usual distance between two lines of a paragraph: the lower quartile of the gaps between lines
    (paragraph gaps are the larger ones, and fewer)."""
    gaps = [
        later.top - earlier.top
        for page in pages
        for earlier, later in zip(page, page[1:], strict=False)
        if earlier.top is not None and later.top is not None and later.top > earlier.top and earlier.text
    ]
    return sorted(gaps)[len(gaps) // 4] if gaps else 0.0
