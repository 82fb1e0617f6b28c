"""What one fetched page tells discovery: title, headings, main text, language and links.

Pure: (HTML, URL) in, :class:`PageEvidence` out. Bytes are opened and parsed
as the crawl does (``crawler.extract.body.open_body``: what is not a web page gives only the URL;
``crawler.extract.tree.parse_html``: lxml, not BeautifulSoup, because
discovery parses thousands of pages per run and only needs a few fields from
each); URLs are spelled as the crawl spells them (``crawler.extract.urls.clean_url``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from crawler.extract.body import open_body
from crawler.extract.result import Unreadable
from crawler.extract.tree import parse_html
from crawler.extract.urls import clean_url, link_base

#: Containers of site-wide chrome: their words say nothing about the page itself.
_CHROME_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template")
_CHROME_HINT = re.compile(r"(^|[-_ ])(nav|menu|meny|footer|header|breadcrumb|cookie|skip|news-list|puffs?)([-_ ]|$)")
_SPACES = re.compile(r"\s+")
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
    #: words of the main text outside links, and links in the main part: a page that is mostly
    #: links with a line of its own is a navigation page, not the page about the topic
    own_words: int = 0
    main_links: int = 0
    main_urls: tuple[str, ...] = field(default=(), repr=False)  # where the main part's links go, in order
    #: the site search the page offers (a GET form's action URL and its text field's name)
    search: tuple[str, str] | None = None
    #: the breadcrumb's linked steps above the page, home first (the CMS's own page tree)
    trail: tuple[Link, ...] = field(default=(), repr=False)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _is_chrome(el: etree._Element) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    hint = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()
    return bool(hint.strip()) and bool(_CHROME_HINT.search(hint)) or el.get("role") == "navigation"


def parse_page(body: bytes | str, url: str, content_type: str | None = None) -> PageEvidence:
    """Parse an HTML page (bytes are opened as the crawl opens them); an unparsable one gives only the URL."""
    text = body if isinstance(body, str) else open_body(body, content_type)
    if isinstance(text, Unreadable):  # a PDF, an image, JSON...: no page to learn from
        return PageEvidence(url=clean_url(url))
    try:
        root = parse_html(text)
    except etree.ParserError:  # nothing but comments or processing instructions
        return PageEvidence(url=clean_url(url))
    title = _clean(root.findtext(".//title") or "")
    lang = (root.get("lang") or "").lower()[:2]
    base_el = root.find(".//base[@href]")  # relative links resolve against it, as in a browser (Contao writes one)
    base = link_base(url, (base_el.get("href") or "").strip() if base_el is not None else "")
    links: list[Link] = []
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        absolute = urljoin(base, href)
        if urlsplit(absolute).scheme not in ("http", "https"):
            continue
        links.append(Link(clean_url(absolute), _clean(a.text_content())[:200]))
    search = _search_form(root, base)
    trail = _breadcrumb(root, url, base)
    main = _main_element(root)
    for el in list(main.iter()):
        if el is not main and isinstance(el.tag, str) and _is_chrome(el) and el.getparent() is not None:
            el.drop_tree()
    h1_el = main.find(".//h1")
    if h1_el is None:
        h1_el = root.find(".//h1")
    h1 = _clean(h1_el.text_content()) if h1_el is not None else ""
    headings = tuple(_clean(h.text_content()) for h in main.iter("h2", "h3"))[:30]
    text = _clean(" ".join(main.itertext()))[:_MAX_TEXT]  # a space between blocks: "arbete</h1><p>Tre" is two words
    anchors = list(main.iter("a"))
    link_words = sum(len(" ".join(a.itertext()).split()) for a in anchors)
    return PageEvidence(
        url=clean_url(url),
        title=title,
        h1=h1,
        headings=headings,
        text=text,
        lang=lang,
        links=tuple(links),
        own_words=max(0, len(text.split()) - link_words),
        main_links=len(anchors),
        main_urls=tuple(_hrefs(anchors, base)),
        search=search,
        trail=trail,
    )


_BREADCRUMB_HINT = re.compile(r"breadcrumb|brodsmul|brödsmul|du är här|you are here")


def _breadcrumb(root: lxml.html.HtmlElement, url: str, base: str) -> tuple[Link, ...]:
    """The linked steps of the page's breadcrumb (class, id or label naming one), the page itself left out."""
    own = clean_url(url)
    for el in root.iter("nav", "ol", "ul", "div", "p"):
        hint = f"{el.get('class', '')} {el.get('id', '')} {el.get('aria-label', '')}".lower()
        if not _BREADCRUMB_HINT.search(hint):
            continue
        steps = []
        for a in el.iter("a"):
            href = a.get("href")
            if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
                continue
            step = clean_url(urljoin(base, href))
            if step != own and urlsplit(step).scheme in ("http", "https"):
                steps.append(Link(step, _clean(a.text_content())[:200]))
        return tuple(steps)
    return ()


def _hrefs(anchors: list[lxml.html.HtmlElement], base: str) -> list[str]:
    found = []
    for a in anchors:
        href = a.get("href")
        if href and not href.startswith(("mailto:", "tel:", "javascript:", "#")):
            found.append(clean_url(urljoin(base, href)))
    return found


_SEARCH_HINT = re.compile(r"search|sok|sök")


def _search_form(root: lxml.html.HtmlElement, base: str) -> tuple[str, str] | None:
    """The site's search form, read from the markup rather than guessed from the CMS: (action URL, field)."""
    for form in root.iter("form"):
        if (form.get("method") or "get").lower() != "get":
            continue
        hint = f"{form.get('role', '')} {form.get('class', '')} {form.get('id', '')} {form.get('action', '')}".lower()
        if not _SEARCH_HINT.search(hint):
            continue
        if not (form.get("action") or "").strip():
            continue  # a form without an action is usually driven by script; asking the page itself finds nothing
        for field_el in form.iter("input"):
            kind = (field_el.get("type") or "text").lower()
            if kind in ("text", "search") and field_el.get("name"):
                action = urljoin(base, form.get("action", ""))
                if urlsplit(action).scheme in ("http", "https"):
                    return clean_url(action), str(field_el.get("name"))
    return None


def _main_element(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    for xpath in ("//main", "//*[@role='main']", "//article", "//body"):
        found = root.xpath(xpath)
        if found:
            return found[0]
    return root
