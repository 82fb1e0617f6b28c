"""What a format reader hands to :mod:`crawler.documents.normalise`: lines per page, before any cleaning.

A PDF reader knows each line's font size and position but not its paragraphs; a DOCX or ODT reader knows
paragraphs and headings but not pages. :class:`Line` carries both kinds of knowledge, each optional.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.documents.result import Failure, Metadata


@dataclass(frozen=True)
class Line:
    """A line of text as the format gives it (a DOCX or ODT paragraph is one line)."""

    text: str
    size: float = 0.0  # font size in points; 0 when unknown
    top: float | None = None  # distance from the page's top in points (PDF); None when unknown
    paragraph: bool = False  # the format says a paragraph starts here (DOCX, ODT)
    heading: bool = False  # the format says this is a heading (DOCX and ODT styles)


@dataclass(frozen=True)
class Extracted:
    """A format reader's output: the pages it read (a DOCX or ODT is one page) and the metadata."""

    pages: tuple[tuple[Line, ...], ...]
    metadata: Metadata
    pages_read: int
    limited: bool = False


class CannotRead(Exception):
    """A format reader's way to say why a document cannot be read (encrypted, a zip bomb, ...)."""

    def __init__(self, failure: Failure, reason: str) -> None:
        super().__init__(reason)
        self.failure = failure
        self.reason = reason
