"""Untrusted page content, made harmless for every part of a report.

Everything quoted from a page (names, titles, texts, URLs) is hostile until
cleaned here: control and bidi characters are dropped (they can reorder what
a reader sees), only ``http``/``https`` URLs without credentials are linked, and
a link's text never looks like a URL other than its own href. HTML escaping
itself is Jinja2's autoescape; these functions cover what escaping does not.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# C0/C1 controls, zero-width and bidi override characters (U+202A-E, U+2066-9).
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPACE = re.compile(r"\s+")
# Something a reader would take for an address: a scheme, "www.", or a host name with a TLD.
_URL_LIKE = re.compile(
    r"(?i)(?:\b[a-z][a-z0-9+.-]*:\S|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.([a-z]{2,24})(?=$|[/:?#\s]))"
)
# File extensions are not top-level domains: "Rapport 2024.pdf" is a title, not an address.
_FILE_EXTENSIONS = {
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "odt",
    "ods",
    "ppt",
    "pptx",
    "txt",
    "htm",
    "html",
    "rtf",
    "csv",
}
_MARKERS = re.compile(r"\[(?=[+-])|(?<=[+-])\]")
# Enough to stop emphasis, links, images, raw HTML, tables and autolinks ("." and ":" break
# "www." and "https:" detection); "-" and "+" only matter at a line start, where page text never is.
#: Marks that make markup anywhere in a line: emphasis, code, links and images (their brackets), raw HTML,
#: tables, strikethrough, entities. Parentheses, colons and dots are plain text once brackets are escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
#: Marks that make markup only at the start of a line: headings, lists, quotes, setext underlines.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))", re.MULTILINE)


def clean(value: Any, limit: int = 1000) -> str:
    """One line of visible text: no control/bidi characters, whitespace collapsed, length capped."""
    if value is None:
        return ""
    text = _SPACE.sub(" ", _INVISIBLE.sub("", str(value))).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_run(value: Any) -> str:
    """Like ``clean`` but keeps a leading/trailing space: diff segments are glued together."""
    if value is None:
        return ""
    return _SPACE.sub(" ", _INVISIBLE.sub("", str(value)))


def safe_href(url: Any) -> str | None:
    """The URL if it may be linked (absolute http/https, a host, no user:password@); else None."""
    if not isinstance(url, str):
        return None
    raw = url.strip()
    if not raw or _INVISIBLE.search(raw) or any(c.isspace() for c in raw) or any(c in raw for c in "<>\"'`"):
        return None
    try:
        parts = urlsplit(raw)
        hostname = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not hostname or "@" in parts.netloc:
        return None
    return raw


def looks_like_url(text: str) -> bool:
    for match in _URL_LIKE.finditer(text):
        tld = match.group(1)
        if tld is None or tld.lower() not in _FILE_EXTENSIONS:
            return True
    return False


def link_text(text: Any, href: str) -> str:
    """What to show for a link: the page's text unless it poses as an address, else the href itself."""
    shown = clean(text, limit=200)
    if not shown:
        return href
    if looks_like_url(shown) and _bare(shown) != _bare(href):
        return href
    return shown


def _bare(url: str) -> str:
    return re.sub(r"(?i)^https?://", "", url).rstrip("/").casefold()


def text_escape(text: str) -> str:
    """Plain-text part: page text cannot fake the ``[- -]``/``[+ +]`` diff markers."""
    return _MARKERS.sub(lambda m: "\\" + m.group(0), text)


def markdown_escape(text: str) -> str:
    """Markdown: what could start markup, a link or raw HTML is escaped, and nothing else.

    Everyday punctuation stays as written ("kl 07:59 (CET)."), so the Markdown reads as text.

    >>> markdown_escape("Sidan uppdaterad 07:59 (kl.) av *Anna* <b>")
    'Sidan uppdaterad 07:59 (kl.) av \\\\*Anna\\\\* \\\\<b\\\\>'
    >>> markdown_escape("# Rubrik") , markdown_escape("2024. Året")
    ('\\\\# Rubrik', '2024\\\\. Året')
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark = match.group(1), match.group(2)
    if mark.isdigit():  # an ordered-list number: escape the dot or parenthesis after it
        return f"{indent}{mark}\\"
    return f"{indent}\\{mark}"


def markdown_href(href: str) -> str:
    """A link destination that cannot break out of ``(<...>)``."""
    return href.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("(", "%28").replace(")", "%29")
