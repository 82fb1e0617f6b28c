"""Is this body a web page at all? Decided from its bytes, never from the Content-Type header.

Servers send PDFs, images and Office files with ``text/html`` (a CMS that serves an attachment in place
of a removed page), and HTML with ``application/octet-stream``; read as HTML, a PDF becomes a page without
contacts, documents or stamp (all reported removed, and back the next night). The order follows the WHATWG
MIME Sniffing rules for an unknown type: known binary signatures first, then markup, then the binary-byte
test. Written here rather than taken from a library (``filetype``, ``puremagic``) because those only name
binary formats by their magic numbers: the question asked here is whether the bytes are HTML, which needs
the markup and binary-byte tests anyway, and the signature table is twenty lines.
"""

from __future__ import annotations

import json
import re

from crawler.extract.reasons import (
    ARCHIVE_BODY,
    BINARY_BODY,
    IMAGE_BODY,
    JSON_BODY,
    MEDIA_BODY,
    PDF_BODY,
    TEXT_BODY,
)

#: Signatures at offset 0 (WHATWG "image/audio/video/font/archive type pattern matching", plus Office).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF_BODY),
    (b"\x89PNG\r\n\x1a\n", IMAGE_BODY),
    (b"\xff\xd8\xff", IMAGE_BODY),
    (b"GIF87a", IMAGE_BODY),
    (b"GIF89a", IMAGE_BODY),
    (b"BM", IMAGE_BODY),
    (b"\x00\x00\x01\x00", IMAGE_BODY),  # .ico
    (b"\x00\x00\x02\x00", IMAGE_BODY),  # .cur
    (b"II*\x00", IMAGE_BODY),  # TIFF, little-endian
    (b"MM\x00*", IMAGE_BODY),  # TIFF, big-endian
    (b"PK\x03\x04", ARCHIVE_BODY),  # zip: also docx, xlsx, pptx, odt
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ARCHIVE_BODY),  # OLE: doc, xls, ppt
    (b"\x1f\x8b\x08", ARCHIVE_BODY),  # gzip (a body compressed twice)
    (b"Rar!\x1a\x07", ARCHIVE_BODY),
    (b"7z\xbc\xaf\x27\x1c", ARCHIVE_BODY),
    (b"OggS\x00", MEDIA_BODY),
    (b"ID3", MEDIA_BODY),
    (b"\x1a\x45\xdf\xa3", MEDIA_BODY),  # WebM, Matroska
    (b"wOFF", MEDIA_BODY),
    (b"wOF2", MEDIA_BODY),
    (b"OTTO", MEDIA_BODY),
    (b"\x00\x01\x00\x00\x00", MEDIA_BODY),  # TrueType
)
_RIFF = {b"WEBP": IMAGE_BODY, b"WAVE": MEDIA_BODY, b"AVI ": MEDIA_BODY}
_IMAGE_BRANDS = (b"avif", b"avis", b"heic", b"heix", b"mif1", b"msf1")

#: A tag an HTML page has near its top; NUL bytes are removed first, so UTF-16 markup matches as well.
_MARKUP_RE = re.compile(
    rb"<(?:!doctype\s+html|!--|(?:html|head|body|title|meta|link|script|style|div|p|a|b|i|br|hr|h[1-6]|table|"
    rb"ul|ol|li|span|main|section|article|header|footer|nav|form|img|iframe|font|center|frameset)[\s/>])",
    re.IGNORECASE,
)
#: WHATWG's "binary data byte": control bytes that text never contains (tab, LF, FF, CR and ESC excepted).
_BINARY_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_HEADER_SIZE = 1445  # WHATWG's resource header: the bytes a sniffer looks at


def _signature(body: bytes) -> str | None:
    for magic, reason in _SIGNATURES:
        if body.startswith(magic):
            return reason
    if body.startswith(b"RIFF"):
        return _RIFF.get(body[8:12], BINARY_BODY)
    if body[4:8] == b"ftyp":  # ISO media: AVIF/HEIC images, MP4/MOV video
        return IMAGE_BODY if body[8:12] in _IMAGE_BRANDS else MEDIA_BODY
    return None


def _is_json(text: bytes) -> bool:
    if text[:1] not in (b"{", b"["):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def sniff_body(body: bytes) -> str | None:
    """Why this body is not a web page (a reason of :mod:`crawler.extract.reasons`), or None when it is
    HTML, or empty (which :func:`~crawler.extract.failure.classify_failure` names).

    >>> sniff_body(b"%PDF-1.7 ..."), sniff_body(b'{"a": 1}'), sniff_body(b"<!DOCTYPE html><p>Hej")
    ('not a web page: a PDF document', 'not a web page: JSON data', None)
    """
    head = body.lstrip()
    if not head:
        return None
    if (reason := _signature(body)) is not None:
        return reason
    if _is_json(head.removeprefix(b"\xef\xbb\xbf")):  # before markup: an API answer may carry HTML in strings
        return JSON_BODY
    if b"\x00" in body:
        body = body.replace(b"\x00", b"")  # UTF-16 markup, or stray NULs in an HTML page
    if _MARKUP_RE.search(body):
        return None
    if _BINARY_RE.search(head[:_HEADER_SIZE]):
        return BINARY_BODY
    return TEXT_BODY
