"""What reading a document gives: :class:`DocumentText`, or :class:`Unreadable` with a reason in words.

Plain frozen dataclasses (picklable: they cross from the reader process, :mod:`crawler.documents.child`).
A document is compared by :attr:`DocumentText.fingerprint`: its normalised text when it has a text layer,
else the hash of its bytes, so a re-exported PDF with the same text is no change and a scan is compared
the only way it can be.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class DocumentKind(StrEnum):
    """The document formats kommunvakt reads."""

    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself; any field may be missing (None)."""

    title: str | None = None
    author: str | None = None
    created: datetime | None = None
    modified: datetime | None = None
    pages: int | None = None  # the document's own count (a PDF's page tree; Word's and ODF's statistics)


@dataclass(frozen=True)
class Block:
    """One paragraph or heading of normalised text: single spaces, no line breaks."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class DocumentText:
    """A document that could be read. ``blocks`` is empty when it has no text layer (a scan)."""

    kind: DocumentKind
    sha256: str  # of the bytes as fetched
    size: int
    metadata: Metadata
    blocks: tuple[Block, ...]
    text_sha256: str  # of the normalised words (see crawler/documents/normalise.py); "" without text
    pages_read: int
    limited: bool = False  # True when the page limit left pages unread: the text is the first pages only

    @property
    def has_text(self) -> bool:
        return bool(self.blocks)

    @property
    def fingerprint(self) -> str:
        """What two versions are compared by: ``text:<sha256>`` of the normalised words, or ``bytes:<sha256>``
        of a document without a text layer."""
        return f"text:{self.text_sha256}" if self.has_text else f"bytes:{self.sha256}"


class Failure(StrEnum):
    """Why a document could not be read; :attr:`Unreadable.reason` says it in words."""

    NOT_A_DOCUMENT = "not_a_document"  # the body is an HTML page, an image, ...
    UNSUPPORTED = "unsupported"  # a document of a kind not read (an old .doc, a spreadsheet)
    TOO_LARGE = "too_large"
    ENCRYPTED = "encrypted"
    DAMAGED = "damaged"  # truncated or malformed
    HOSTILE = "hostile"  # a structure past the parsers' limits: a decompression bomb, a looping page tree
    MEMORY = "memory"
    TIMEOUT = "timeout"
    CRASHED = "crashed"


@dataclass(frozen=True)
class Unreadable:
    """A document that could not be read: a failure of that document, never a change. ``kind`` is what the
    body was recognised as, or, when it is no document kommunvakt reads, what the server claimed."""

    failure: Failure
    reason: str
    sha256: str
    kind: DocumentKind | None = None


Reading = DocumentText | Unreadable
