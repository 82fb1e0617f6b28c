"""One document, read in this process: recognise it, read it with its format's reader, normalise the text.

Runs inside the reader process (crawler/documents/child.py), which is where a hostile file may do its
worst; every error a parser raises becomes an :class:`~crawler.documents.result.Unreadable` with a reason.
"""

from __future__ import annotations

import hashlib
import zipfile

from pypdf.errors import LimitReachedError

from crawler.documents.normalise import normalise, text_hash
from crawler.documents.raw import CannotRead, Extracted
from crawler.documents.read_docx import read_docx
from crawler.documents.read_odt import read_odt
from crawler.documents.read_pdf import read_pdf
from crawler.documents.recognise import recognise
from crawler.documents.result import DocumentKind, DocumentText, Failure, Reading, Unreadable
from crawler.documents.settings import DocumentSettings


def read_document(
    body: bytes,
    settings: DocumentSettings,
    *,
    url: str = "",
    content_type: str | None = None,
    sha256: str | None = None,
) -> Reading:
    """The document's text and metadata, or why it cannot be read. Never raises for a bad document
    (:class:`MemoryError` aside, which the reader process reports: see crawler/documents/child.py)."""
    digest = sha256 or hashlib.sha256(body).hexdigest()
    if len(body) > settings.max_bytes:
        limit = settings.max_bytes // 1_000_000
        return Unreadable(Failure.TOO_LARGE, f"larger than the {limit} MB limit for documents", digest)
    recognition = recognise(body, url=url, content_type=content_type)
    kind = recognition.kind
    if kind is None:
        failure = recognition.failure or Failure.NOT_A_DOCUMENT
        return Unreadable(failure, recognition.reason or "not a document", digest, recognition.claimed)
    try:
        extracted = _extract(kind, body, settings)
    except CannotRead as error:
        return Unreadable(error.failure, error.reason, digest, kind)
    except MemoryError:
        raise
    except LimitReachedError as error:  # pypdf's guard against decompression bombs and huge arrays
        return Unreadable(
            Failure.HOSTILE, f"past the PDF reader's limits (a decompression bomb?): {error}", digest, kind
        )
    except RecursionError:
        reason = "nested too deeply to read (an object or page tree that refers to itself?)"
        return Unreadable(Failure.HOSTILE, reason, digest, kind)
    except Exception as error:
        return Unreadable(Failure.DAMAGED, _damaged(error), digest, kind)
    blocks = normalise(extracted.pages)
    return DocumentText(
        kind=kind,
        sha256=digest,
        size=len(body),
        metadata=extracted.metadata,
        blocks=blocks,
        text_sha256=text_hash(blocks),
        pages_read=extracted.pages_read,
        limited=extracted.limited,
    )


def _extract(kind: DocumentKind, body: bytes, settings: DocumentSettings) -> Extracted:
    unpacked = settings.memory_bytes // 3  # what a zip may unpack to: room for the parser's own objects
    if kind is DocumentKind.PDF:
        return read_pdf(body, settings.max_pages)
    if kind is DocumentKind.DOCX:
        return read_docx(body, settings.max_pages, unpacked)
    return read_odt(body, settings.max_pages, unpacked)


def _damaged(error: Exception) -> str:
    """Words for a parser's error; the type name alone when it has no message."""
    if isinstance(error, zipfile.BadZipFile):
        return f"damaged or truncated: {error}"
    detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
    return f"damaged or truncated: {detail}"
