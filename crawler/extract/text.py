"""Text helpers shared by the extractors: whitespace, inline runs and block units.

Extraction works on an lxml tree rather than a BeautifulSoup tree: the
benchmark target (under 5 ms a page) rules out building a full soup of a
150 KB page (about 22 ms here), while lxml parses one in about a millisecond.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from lxml import html as lxml_html

_SPACE_RE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_LINES_RE = re.compile(r" *\n[ \n]*")

#: Elements whose text is one unit of content (a block).
BLOCK_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "pre"}
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements that flow inside a line of text rather than starting a new one.
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "img", "kbd",
        "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
        "wbr", "ins", "del",
    }
)  # fmt: skip


def clean(text: str) -> str:
    """Collapse all whitespace (non-breaking spaces included) to single spaces, NFC-normalised.

    >>> clean("  Senast\\u00a0granskad \\n 2024-05-17 ")
    'Senast granskad 2024-05-17'
    """
    text = _INVISIBLE_RE.sub("", text)
    text = " ".join(text.split())
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def clean_lines(text: str) -> str:
    """Like :func:`clean` but keeps line breaks (one per line, no blank lines)."""
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = _LINES_RE.sub("\n", text).strip(" \n")
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def tag_of(el: lxml_html.HtmlElement) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def inline_text(el: lxml_html.HtmlElement) -> str:
    """The text of ``el`` with ``<br>`` kept as a line break (tails excluded)."""
    parts: list[str] = []
    _collect(el, parts)
    return "".join(parts)


def _collect(el: lxml_html.HtmlElement, parts: list[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = tag_of(child)
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in INLINE_TAGS:
            # a block inside an inline run (bad but common markup): its own line
            parts.append("\n")
            _collect(child, parts)
            parts.append("\n")
        elif tag:
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def iter_units(root: lxml_html.HtmlElement) -> Iterator[tuple[lxml_html.HtmlElement, str, str]]:
    """Yield ``(element, kind, text)`` for every unit of text under ``root`` in document order.

    ``kind`` is ``h``, ``p`` or ``li``; ``text`` keeps ``<br>`` line breaks. Text that
    sits directly in a ``<div>`` (pages built only from divs) becomes a ``p`` unit
    whose element is that div, so nothing visible is lost to the markup style.
    """
    tag = tag_of(root)
    if tag in BLOCK_TAGS:
        yield from _block_units(root, tag)
        return
    run: list[str] = []
    if root.text:
        run.append(root.text)
    for child in root:
        ctag = tag_of(child)
        if not ctag:
            if child.tail:
                run.append(child.tail)
            continue
        if ctag == "br":
            run.append("\n")
        elif ctag in INLINE_TAGS:
            if _has_block(child):
                yield from _flush(root, run)
                yield from iter_units(child)
            else:
                _collect(child, run)
        else:
            yield from _flush(root, run)
            yield from iter_units(child)
        if child.tail:
            run.append(child.tail)
    yield from _flush(root, run)


def _has_block(el: lxml_html.HtmlElement) -> bool:
    return any(tag_of(d) in BLOCK_TAGS or tag_of(d) in ("div", "ul", "ol") for d in el.iterdescendants())


def _flush(root: lxml_html.HtmlElement, run: list[str]) -> Iterator[tuple[lxml_html.HtmlElement, str, str]]:
    if run:
        text = clean_lines("".join(run))
        run.clear()
        if text:
            yield root, "p", text


def _block_units(el: lxml_html.HtmlElement, tag: str) -> Iterator[tuple[lxml_html.HtmlElement, str, str]]:
    kind = "h" if tag in HEADING_TAGS else "li" if tag in ("li", "dt", "dd") else "p"
    nested = [c for c in el if (t := tag_of(c)) and t != "br" and t not in INLINE_TAGS]
    if not nested:
        text = clean_lines(inline_text(el))
        if text:
            yield el, kind, text
        return
    # a block holding blocks (a list item with a sub-list, a layout table cell):
    # its own words as one unit, then each inner block in order
    run: list[str] = [el.text or ""]
    for child in el:
        if child in nested:
            text = clean_lines("".join(run))
            if text:
                yield el, kind, text
            run = []
            yield from iter_units(child)
        elif tag_of(child) == "br":
            run.append("\n")
        elif tag_of(child):
            _collect(child, run)
        if child.tail:
            run.append(child.tail)
    text = clean_lines("".join(run))
    if text:
        yield el, kind, text
