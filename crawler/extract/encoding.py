"""Turn a response body into text, trusting a declared charset only after checking it.

Swedish municipal sites still serve cp1252 pages, sometimes declared as utf-8
and sometimes not declared at all; Scrapy then guesses ISO-8859-3 ("Ċmċl" for
"Åmål"), see libraries.md. The rules here are small enough to write out.
"""

from __future__ import annotations

import codecs
import re

_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_HEADER_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_SINGLE_BYTE_WEST = frozenset({"iso8859-1", "ascii", "cp1252", "iso8859-15"})
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The codec name the HTTP header or, failing that, a ``<meta>`` tag declares (None if neither)."""
    if content_type:
        m = _HEADER_RE.search(content_type)
        if m and (name := _codec(m.group(1))):
            return name
    m = _META_RE.search(body[:4096])
    return _codec(m.group(1).decode("ascii", "replace")) if m else None


def _cp1252(body: bytes) -> str:
    # cp1252 leaves five bytes undefined; they are control characters in practice
    return body.decode("cp1252", errors="replace")


def _utf8(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_html(body: bytes, content_type: str | None) -> str:
    """Decode an HTML body.

    A BOM wins; a declared utf-8 that does not decode is cp1252; a declared
    latin-1/ascii/cp1252 is read as cp1252 (what browsers do) unless the bytes
    are in fact valid multi-byte utf-8; no declaration means utf-8, else cp1252.

    >>> decode_html("Åmål".encode("cp1252"), "text/html; charset=utf-8")
    'Åmål'
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    declared = declared_charset(body, content_type)
    if declared in (None, "utf-8"):
        text = _utf8(body)
        return text if text is not None else _cp1252(body)
    if declared in _SINGLE_BYTE_WEST:
        if not body.isascii() and (text := _utf8(body)) is not None:
            return text  # mislabelled utf-8: valid multi-byte utf-8 is never an accident
        return _cp1252(body)
    try:
        return body.decode(declared)
    except (UnicodeDecodeError, LookupError):
        text = _utf8(body)
        return text if text is not None else _cp1252(body)
