"""Lines, font sizes and metadata of a PDF, with pypdf.

pypdf's own limits refuse decompression bombs and over-long streams (``LimitReachedError``) and it detects
page trees that loop; the reader process's limits (crawler/documents/child.py) catch what gets past them.
Each line keeps its font size and its distance from the page's top, which is what
:mod:`crawler.documents.normalise` tells headings and paragraphs by.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

from crawler.documents.raw import CannotRead, Extracted, Line
from crawler.documents.result import Failure, Metadata

_EOF_MARK = b"%%EOF"
_EOF_WINDOW = 1024  # readers accept a little junk after the end mark


def read_pdf(body: bytes, max_pages: int) -> Extracted:
    """The first ``max_pages`` pages of a PDF as lines; raises :class:`CannotRead` or a parser's error."""
    if _EOF_MARK not in body[-_EOF_WINDOW:]:
        # pypdf rebuilds what it can of a cut-off file, and half a strategy read as text would be reported
        # as half the text removed: a PDF that does not end as PDFs end is not read
        raise CannotRead(Failure.DAMAGED, "truncated: the file does not end with the %%EOF a PDF ends with")
    try:
        reader = PdfReader(io.BytesIO(body))
    except LimitReachedError as error:
        raise CannotRead(Failure.HOSTILE, f"past the PDF reader's limits: {error}") from None
    if reader.is_encrypted:
        _decrypt(reader)
    try:
        total = len(reader.pages)
    except FileNotDecryptedError:
        raise CannotRead(Failure.ENCRYPTED, "encrypted: the document needs a password to be read") from None
    except PdfReadError as error:
        if "cycl" in str(error).lower():  # pypdf's words for a page tree that loops
            raise CannotRead(Failure.HOSTILE, f"a page tree that loops back on itself ({error})") from None
        raise
    pages = tuple(_page_lines(reader.pages[index]) for index in range(min(total, max_pages)))
    return Extracted(pages, _metadata(reader, total), len(pages), limited=total > max_pages)


def _decrypt(reader: PdfReader) -> None:
    """Many PDFs are encrypted against editing only, with an empty password for reading: those are read."""
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError, PdfReadError) as error:
        raise CannotRead(Failure.ENCRYPTED, f"encrypted in a way that cannot be opened: {error}") from None
    if not opened:
        raise CannotRead(Failure.ENCRYPTED, "encrypted: the document needs a password to be read")


def _page_lines(page: Any) -> tuple[Line, ...]:
    """The page's text lines, each with the largest font size in it and its distance from the page's top."""
    try:
        height = float(page.mediabox.top)
    except (KeyError, TypeError, ValueError, PdfReadError):
        height = 0.0
    lines: list[Line] = []
    parts: list[str] = []
    size = 0.0
    top: float | None = None

    def end_line() -> None:
        nonlocal size, top
        lines.append(Line("".join(parts), size, top))
        parts.clear()
        size, top = 0.0, None

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: object, font_size: float) -> None:
        nonlocal size, top
        pieces = text.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                end_line()
            if piece.strip():
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                size = max(size, round(float(font_size) * math.hypot(c, d), 1))
                if top is None:
                    top = round(height - y, 1) if height else None
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    if parts:
        end_line()
    return tuple(line for line in lines if line.text.strip())


def _metadata(reader: PdfReader, total: int) -> Metadata:
    try:
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError):
        info = None
    if info is None:
        return Metadata(pages=total)
    return Metadata(
        title=_text(info, "title"),
        author=_text(info, "author"),
        created=_date(info, "creation_date"),
        modified=_date(info, "modification_date"),
        pages=total,
    )


def _text(info: Any, name: str) -> str | None:
    try:
        value = getattr(info, name)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None
    return str(value).strip() or None if value is not None else None


def _date(info: Any, name: str) -> datetime | None:
    """A PDF date, or None when it is missing or malformed (producers write many broken ones)."""
    try:
        value = getattr(info, name)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, datetime) else None
