"""Paragraphs, headings and metadata of an OpenDocument text (ODT), with odfpy.

``text:h`` is a heading and ``text:p`` a paragraph wherever they sit (lists, sections, tables, frames);
page headers and footers live in the styles, not the body, so they never need removing.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from odf import teletype
from odf.namespaces import DCNS, METANS, TEXTNS
from odf.opendocument import load

from crawler.documents.archive import check_zip
from crawler.documents.raw import Extracted, Line
from crawler.documents.read_docx import CHARS_PER_PAGE
from crawler.documents.result import Metadata

_HEADING = (TEXTNS, "h")
_PARAGRAPH = (TEXTNS, "p")


def read_odt(body: bytes, max_pages: int, max_unpacked: int) -> Extracted:
    """The document's paragraphs as one page of lines, up to ``max_pages`` pages' worth of characters."""
    check_zip(body, max_unpacked)
    document = load(io.BytesIO(body))
    budget = max_pages * CHARS_PER_PAGE
    lines: list[Line] = []
    limited = False
    for element in _blocks(document.text):
        if budget <= 0:
            limited = True
            break
        text = str(teletype.extractText(element))
        budget -= len(text)
        lines.append(Line(text, paragraph=True, heading=element.qname == _HEADING))
    return Extracted((tuple(lines),), _metadata(document.meta), pages_read=1, limited=limited)


def _blocks(element: Any) -> Iterator[Any]:
    for child in element.childNodes:
        qname = getattr(child, "qname", None)
        if qname in (_HEADING, _PARAGRAPH):
            yield child
        elif getattr(child, "childNodes", None):
            yield from _blocks(child)


def _metadata(meta: Any) -> Metadata:
    values: dict[tuple[str, str], str] = {}
    pages = None
    for child in getattr(meta, "childNodes", ()):
        qname = getattr(child, "qname", None)
        if qname == (METANS, "document-statistic"):
            count = child.getAttrNS(METANS, "page-count")
            pages = int(count) if count and str(count).isdigit() else None
        elif qname is not None:
            values[qname] = str(teletype.extractText(child)).strip()
    return Metadata(
        title=values.get((DCNS, "title")) or None,
        author=values.get((DCNS, "creator")) or values.get((METANS, "initial-creator")) or None,
        created=_date(values.get((METANS, "creation-date"))),
        modified=_date(values.get((DCNS, "date"))),
        pages=pages,
    )


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
