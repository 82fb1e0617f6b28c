"""Paragraphs, headings and metadata of a Word document (DOCX), with python-docx.

Body paragraphs and table cells in document order; page headers and footers are not part of the body, so
they never need removing. Headings are told by their paragraph style (Word stores the built-in names in
English, "Heading 1", whatever language the user sees) or by an outline level. Word's own page count is
in ``docProps/app.xml``, which python-docx does not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from crawler.documents.archive import check_zip
from crawler.documents.raw import Extracted, Line
from crawler.documents.result import Metadata

CHARS_PER_PAGE = 3000  # a formats without pages is limited by characters: max_pages of this many
_HEADING_STYLES = ("heading", "title", "rubrik", "titel")
_PAGES_RE = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")


def read_docx(body: bytes, max_pages: int, max_unpacked: int) -> Extracted:
    """The document's paragraphs as one page of lines, up to ``max_pages`` pages' worth of characters."""
    check_zip(body, max_unpacked)
    document = docx.Document(io.BytesIO(body))
    budget = max_pages * CHARS_PER_PAGE
    lines: list[Line] = []
    limited = False
    for paragraph in _paragraphs(document):
        if budget <= 0:
            limited = True
            break
        text = paragraph.text
        budget -= len(text)
        lines.append(Line(text, paragraph=True, heading=_is_heading(paragraph)))
    return Extracted((tuple(lines),), _metadata(document, body), pages_read=1, limited=limited)


def _paragraphs(container: Any) -> Iterator[Paragraph]:
    """Paragraphs of the body (or a table cell) in order, tables' cells row by row, merged cells once."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield from _paragraphs(cell)


def _is_heading(paragraph: Paragraph) -> bool:
    style = paragraph.style
    name = (style.name or "").lower() if style is not None else ""
    if name.startswith(_HEADING_STYLES):
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:outlineLvl")) is not None


def _metadata(document: Any, body: bytes) -> Metadata:
    properties = document.core_properties
    return Metadata(
        title=(properties.title or "").strip() or None,
        author=(properties.author or "").strip() or None,
        created=_date(properties.created),
        modified=_date(properties.modified),
        pages=_page_count(body),
    )


def _date(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None


def _page_count(body: bytes) -> int | None:
    """The page count Word wrote when it last saved (absent from files other programs write)."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            info = archive.getinfo("docProps/app.xml")
            if info.file_size > 1_000_000:
                return None
            match = _PAGES_RE.search(archive.read(info))
    except (KeyError, zipfile.BadZipFile, ValueError, OSError):
        return None
    return int(match.group(1)) if match else None
