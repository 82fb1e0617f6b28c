"""Noise: ways a page changes from night to night while its content stays the same.

Each flag of :class:`Noise` switches one dimension on; a dimension that is on
takes a value derived from the night number (night 0 is the base look), so
``night(1)`` with only noise flags on gives a *noise-only* version. The
post-processing here works on our own rendered HTML (double-quoted attributes,
no ``<`` inside scripts), which is why a few regular expressions suffice.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, fields

ENCODINGS = ("utf-8", "cp1252", "cp1252-undeclared")

#: Markers the renderer leaves for the server to fill per request.
CSRF_MARKER = "__SIMWEB_CSRF__"
SESSION_MARKER = "__SIMWEB_SESSION__"


@dataclass(frozen=True)
class Noise:
    """Which site-wide details rotate (per night, or per request for csrf)."""

    news: bool = True  # the "Aktuellt" list shows other items each night
    cache_bust: bool = True  # ?v=… on css/js changes each night
    csrf: bool = True  # a CSRF token and session id that change on every request
    tracking: bool = False  # utm_* parameters on links, changing per night
    attribute_order: bool = False  # attribute order shuffled per night
    indentation: bool = False  # indentation width/style changes per night
    tag_variants: bool = False  # <b>/<strong>, <i>/<em> alternate per night
    wrappers: bool = False  # extra wrapper <div>s around the content per night
    phone_format: bool = False  # phone numbers written another way per night
    email_case: bool = False  # e-mail addresses in another case per night
    encoding: str = "utf-8"  # one of ENCODINGS, or "rotate" (per night)

    def __post_init__(self) -> None:
        if self.encoding not in (*ENCODINGS, "rotate"):
            raise ValueError(f"encoding must be one of {ENCODINGS} or 'rotate', not {self.encoding!r}")

    @classmethod
    def quiet(cls) -> Noise:
        """Nothing rotates: the same content gives byte-identical pages."""
        return cls(news=False, cache_bust=False, csrf=False)

    @classmethod
    def everything(cls) -> Noise:
        """Every dimension rotates (encoding too)."""
        on = {f.name: True for f in fields(cls) if f.type in ("bool", bool)}
        return cls(**on, encoding="rotate")


def night_encoding(noise: Noise, night: int) -> str:
    if noise.encoding == "rotate":
        return ENCODINGS[night % len(ENCODINGS)]
    return noise.encoding


def night_token(site_id: str, night: int, salt: str = "") -> str:
    """A short stable hex token for (site, night): cache-busting versions, utm ids."""
    return hashlib.sha1(f"{site_id}:{night}:{salt}".encode()).hexdigest()[:10]


_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?){2,})(\s*/?)>")
_ATTR = re.compile(r"\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)")


def shuffle_attributes(html: str, seed: int) -> str:
    """Reorder the attributes of every start tag with two or more (same text, other markup)."""
    rng = random.Random(seed)

    def one(m: re.Match[str]) -> str:
        attrs = _ATTR.findall(m.group(2))
        rng.shuffle(attrs)
        return f"<{m.group(1)} {' '.join(attrs)}{m.group(3)}>"

    return _START_TAG.sub(one, html)


_INDENT = re.compile(r"^([ \t]+)", re.MULTILINE)


def reindent(html: str, night: int) -> str:
    """Indent with 2 spaces (night 0), 4 spaces, tabs, or not at all, by night."""
    style = night % 4
    if style == 0:
        return html

    def one(m: re.Match[str]) -> str:
        depth = len(m.group(1).expandtabs(2)) // 2
        return ("    " * depth, "\t" * depth, "")[style - 1]

    return _INDENT.sub(one, html)


def encode_page(html: str, encoding: str) -> tuple[bytes, str]:
    """Encode a rendered page; returns (body, Content-Type header value).

    ``cp1252-undeclared`` sends cp1252 bytes with no charset anywhere, the case
    that decoded as ISO-8859-3 in Scrapy (see crawler/extract/encoding.py).
    """
    if encoding == "utf-8":
        return html.encode("utf-8"), "text/html; charset=utf-8"
    body = html.encode("cp1252", errors="xmlcharrefreplace")
    if encoding == "cp1252":
        return body, "text/html; charset=windows-1252"
    return body, "text/html"


def charset_meta(encoding: str) -> str | None:
    """The ``<meta charset>`` value the page declares for ``encoding`` (None: no declaration)."""
    return {"utf-8": "utf-8", "cp1252": "windows-1252"}.get(encoding)
