"""Responses that are fine at the HTTP level but are not the page: empty, soft 404, maintenance.

A soft 404 counts toward ``page_gone`` (see :func:`is_soft_404`); the other
reasons are operational events of a run, never changes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.reasons import EMPTY_BODY, MAINTENANCE, SOFT_404, is_soft_404
from crawler.extract.text import clean
from crawler.extract.tree import parse_html

__all__ = ["EMPTY_BODY", "MAINTENANCE", "SOFT_404", "classify_failure", "is_soft_404"]

_NOT_FOUND_RE = re.compile(
    r"sidan (?:du söker |du letar efter )?(?:kunde inte hittas|finns inte|hittades inte|saknas)|"
    r"\b404\b|page not found|not found|hittade inte sidan|sidan har tagits bort|felaktig länk",
    re.IGNORECASE,
)
_MAINTENANCE_RE = re.compile(
    r"vi uppdaterar webbplatsen|underhåll|tillfälligt otillgänglig|tillfälligt ur funktion|"
    r"maintenance|temporarily unavailable|service unavailable|planerat arbete",
    re.IGNORECASE,
)
_SHORT_PAGE = 1500  # a whole page this short that says "not found" is an error page
_MIN_TEXT = 20


def _norm_url(url: str | None) -> str:
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    if path in ("", "/index.html", "/index.php", "/start", "/startsida"):
        path = ""
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def _texts(root: HtmlElement) -> tuple[str, str, str]:
    """(title, first headings, whole visible text) of a page.

    Scripts, styles and templates are removed from the tree on the way: they
    are never text a reader sees, and extraction drops them as well.
    """
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    title = root.find(".//title")
    heads = " ".join(clean(h.text_content()) for h in root.xpath("//h1|//h2")[:3])
    body = root.find("body")
    text = clean((body if body is not None else root).text_content())
    return clean(title.text_content()) if title is not None else "", heads, text


def classify_failure(html: str | HtmlElement, *, url: str, final_url: str, home_url: str | None) -> str | None:
    """Why this response is not the watched page, or None when it is.

    >>> classify_failure("<title>Sidan kunde inte hittas</title><h1>Oj!</h1>",
    ...                  url="https://a.se/x", final_url="https://a.se/x", home_url=None)
    'soft 404'
    """
    if isinstance(html, str):
        if not html.strip():
            return EMPTY_BODY
        try:
            html = parse_html(html)
        except (ValueError, etree.ParserError):
            return EMPTY_BODY
    title, heads, text = _texts(html)
    if not text and not title:
        return EMPTY_BODY
    home = _norm_url(home_url)
    if home and _norm_url(final_url) == home and _norm_url(url) != home:
        return SOFT_404
    if _NOT_FOUND_RE.search(title) or _NOT_FOUND_RE.search(heads):
        return SOFT_404
    if _MAINTENANCE_RE.search(title) or _MAINTENANCE_RE.search(heads):
        return MAINTENANCE
    if len(text) < _SHORT_PAGE:
        if _NOT_FOUND_RE.search(text):
            return SOFT_404
        if _MAINTENANCE_RE.search(text):
            return MAINTENANCE
    if len(text) < _MIN_TEXT:
        return EMPTY_BODY
    return None
