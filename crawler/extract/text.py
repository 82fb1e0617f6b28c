"""Text helpers shared by the extractors: whitespace, inline runs and block units.

Units are read from a BeautifulSoup tree (parser "lxml") of the page's cut-out
content region (see :mod:`crawler.extract.region`), never of the whole page: a
soup of a 150 KB page costs about 22 ms, one of its content region well under 1.

BeautifulSoup's ``Tag`` hashes and compares by its serialised markup, so code
that needs element identity keeps ``id()`` values rather than tags in sets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TypeGuard

from bs4 import CData, Tag
from bs4.element import NavigableString

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
_BLOCKISH = BLOCK_TAGS | {"div", "ul", "ol"}

#: One unit of text: ``(element, kind, text)``; kind is ``h``, ``p`` or ``li``.
UnitTuple = tuple[Tag, str, str]


def clean(text: str) -> str:
    """Collapse all whitespace (non-breaking spaces included) to single spaces, NFC-normalised.

    >>> clean("  Senast\\u00a0granskad \\n 2024-05-17 ")
    'Senast granskad 2024-05-17'
    """
    text = _INVISIBLE_RE.sub("", text)
    text = " ".join(text.split())
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def clean_lines(text: str) -> str:
    """Like :func:`clean` but keeps line breaks (one per line, no blank lines).

    >>> clean_lines(" Isak  Johansson \\n\\n  E-post: isak@x.se ")
    'Isak Johansson\\nE-post: isak@x.se'
    """
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = _LINES_RE.sub("\n", text).strip(" \n")
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def is_text(node: object) -> TypeGuard[NavigableString]:
    """Plain text or CDATA: never a comment, doctype or processing instruction (nobody sees those)."""
    return type(node) is NavigableString or type(node) is CData


def tags_under(root: Tag) -> list[Tag]:
    """Every element under ``root`` in document order.

    One walk with plain Python checks after it is several times faster than
    ``find_all`` with attribute filters, which runs bs4's generic matcher per element.
    """
    return [node for node in root.descendants if isinstance(node, Tag)]


def text_of(el: Tag) -> str:
    """Everything a reader sees under ``el`` (lxml's ``text_content()``), as one string."""
    return el.get_text()


_SENTENCE_END = ".!?"


def _glued(run: list[str], child: Tag) -> bool:
    """Whether inline ``child`` starts a new sentence glued to the one before it by the markup alone.

    Templates print fields as sibling inline elements and make them lines with CSS
    (``<span class="subheading">…</span><span class="meta">Sidan granskad …</span>``), and words glue where
    links were removed: an element that follows another with no space, after a sentence's end and
    starting with a capital, begins a line of its own, as the reader sees it.
    """
    if not run or not isinstance(child.previous_sibling, Tag):
        return False
    last = run[-1]
    if not last or last[-1] not in _SENTENCE_END:
        return False
    first = next((t for t in child.strings if t.strip()), "")
    return first[:1].isupper()


def _address_link(run: list[str], child: Tag) -> None:
    """Set a ``mailto:``/``tel:`` link apart from words glued to it by the markup alone.

    Table cells and cards print a number and the address link with no space between
    (``<td>0500-49 71 32<a href="mailto:…">…</a></td>``): the link is a field of its own, and read
    glued the address would begin with the number's last digits and the number lose them.
    """
    if child.name == "a" and run and run[-1] and run[-1][-1].isalnum():  # "(<a …>" or "E-post:<a …>" reads right
        href = str(child.get("href") or "").strip().lower()
        if href.startswith(("mailto:", "tel:")):
            run.append(" ")


def _collect(el: Tag, parts: list[str]) -> None:
    for child in el.contents:
        if isinstance(child, Tag):
            name = child.name
            _address_link(parts, child)
            if name in INLINE_TAGS and _glued(parts, child):
                parts.append("\n")
            if name == "br":
                parts.append("\n")
            elif name not in INLINE_TAGS:
                # a block inside an inline run (bad but common markup): its own line
                parts.append("\n")
                _collect(child, parts)
                parts.append("\n")
            else:
                _collect(child, parts)
        elif is_text(child):
            parts.append(child)


def iter_units(root: Tag) -> Iterator[UnitTuple]:
    """Yield ``(element, kind, text)`` for every unit of text under ``root`` in document order.

    ``kind`` is ``h``, ``p`` or ``li``; ``text`` keeps ``<br>`` line breaks. Text that
    sits directly in a ``<div>`` (pages built only from divs) becomes a ``p`` unit
    whose element is that div, so nothing visible is lost to the markup style.

    >>> from bs4 import BeautifulSoup
    >>> body = BeautifulSoup("<div>Ida Ek<br>ida@x.se<p>Text.</p></div>", "lxml").body
    >>> [(el.name, kind, text) for el, kind, text in iter_units(body)]
    [('div', 'p', 'Ida Ek\\nida@x.se'), ('p', 'p', 'Text.')]
    """
    name = root.name
    if name in BLOCK_TAGS:
        yield from _block_units(root, name)
        return
    run: list[str] = []
    for child in root.contents:
        if not isinstance(child, Tag):
            if is_text(child):
                run.append(child)
            continue
        cname = child.name
        if cname == "br":
            run.append("\n")
        elif cname in INLINE_TAGS:
            if _has_block(child):
                yield from _flush(root, run)
                yield from iter_units(child)
            else:
                _address_link(run, child)
                if _glued(run, child):
                    run.append("\n")
                _collect(child, run)
        else:
            yield from _flush(root, run)
            yield from iter_units(child)
    yield from _flush(root, run)


def _has_block(el: Tag) -> bool:
    # a plain walk: bs4's find() with a list of names runs its generic matcher per node
    return any(isinstance(d, Tag) and d.name in _BLOCKISH for d in el.descendants)


def _flush(root: Tag, run: list[str], kind: str = "p") -> Iterator[UnitTuple]:
    """The inline text gathered in ``run`` as one unit of ``root`` (if it has any words); ``run`` is emptied."""
    if run:
        text = clean_lines("".join(run))
        run.clear()
        if text:
            yield root, kind, text


def _block_units(el: Tag, name: str) -> Iterator[UnitTuple]:
    """A block's own words as one unit; a block holding blocks (a list item with a sub-list, a layout
    table cell) gives its words before, between and after the inner blocks as units, the inner blocks in order."""
    kind = "h" if name in HEADING_TAGS else "li" if name in ("li", "dt", "dd") else "p"
    run: list[str] = []
    for child in el.contents:
        if not isinstance(child, Tag):
            if is_text(child):
                run.append(child)
        elif child.name == "br":
            run.append("\n")
        elif child.name in INLINE_TAGS:
            _address_link(run, child)
            if _glued(run, child):
                run.append("\n")
            _collect(child, run)
        else:
            yield from _flush(el, run, kind)
            yield from iter_units(child)
    yield from _flush(el, run, kind)
