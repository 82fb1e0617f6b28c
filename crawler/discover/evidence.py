"""What one fetched page tells discovery: title, headings, main text, language and links.

Pure: (HTML bytes, URL) in, :class:`PageEvidence` out. lxml is used directly
(not BeautifulSoup) because discovery parses thousands of pages per run and
only needs a few fields from each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

#: Containers of site-wide chrome: their words say nothing about the page itself.
_CHROME_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template")
_CHROME_HINT = re.compile(r"(^|[-_ ])(nav|menu|meny|footer|header|breadcrumb|cookie|skip|news-list|puffs?)([-_ ]|$)")
_SPACES = re.compile(r"\s+")
_TRACKING = re.compile(r"^(utm_|fbclid|gclid|sid$|sessionid$)")
_MAX_TEXT = 20_000


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class PageEvidence:
    """The discovery-relevant parts of one page."""

    url: str
    title: str = ""
    h1: str = ""
    headings: tuple[str, ...] = ()
    text: str = ""
    lang: str = ""
    links: tuple[Link, ...] = field(default=(), repr=False)


def canonical_url(url: str) -> str:
    """One spelling per page: no fragment, no tracking parameters, lower-case host."""
    url, _ = urldefrag(url.strip())
    parts = urlsplit(url)
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKING.match(p.split("=", 1)[0]))
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _is_chrome(el: etree._Element) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    hint = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()
    return bool(hint.strip()) and bool(_CHROME_HINT.search(hint)) or el.get("role") == "navigation"


def parse_page(body: bytes | str, url: str) -> PageEvidence:
    """Parse an HTML page; an unparsable body gives evidence with only the URL."""
    try:
        root = lxml.html.document_fromstring(_as_text(body))
    except ValueError:  # a str with an XML encoding declaration: let lxml read the bytes
        try:
            root = lxml.html.document_fromstring(body.encode("utf-8") if isinstance(body, str) else body)
        except (etree.ParserError, ValueError):
            return PageEvidence(url=canonical_url(url))
    except etree.ParserError:
        return PageEvidence(url=canonical_url(url))
    title = _clean(root.findtext(".//title") or "")
    lang = (root.get("lang") or "").lower()[:2]
    links: list[Link] = []
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        absolute = urljoin(url, href)
        if urlsplit(absolute).scheme not in ("http", "https"):
            continue
        links.append(Link(canonical_url(absolute), _clean(a.text_content())[:200]))
    main = _main_element(root)
    for el in list(main.iter()):
        if el is not main and isinstance(el.tag, str) and _is_chrome(el) and el.getparent() is not None:
            el.drop_tree()
    h1_el = main.find(".//h1")
    if h1_el is None:
        h1_el = root.find(".//h1")
    h1 = _clean(h1_el.text_content()) if h1_el is not None else ""
    headings = tuple(_clean(h.text_content()) for h in main.iter("h2", "h3"))[:30]
    text = _clean(main.text_content())[:_MAX_TEXT]
    return PageEvidence(
        url=canonical_url(url), title=title, h1=h1, headings=headings, text=text, lang=lang, links=tuple(links)
    )


def _as_text(body: bytes | str) -> str:
    """Bytes as text: UTF-8 when it decodes, else cp1252 (the usual Swedish legacy encoding).

    lxml alone reads undeclared bytes as Latin-1, which garbles "ö" written in UTF-8.
    """
    if isinstance(body, str):
        return body
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def _main_element(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for xpath in ("//main", "//*[@role='main']", "//article", "//body"):
        found = root.xpath(xpath)
        if found:
            return found[0]
    return root
