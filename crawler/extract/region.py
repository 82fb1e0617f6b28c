"""Cut the content region out of a page: the one step that works on an lxml tree.

A BeautifulSoup tree of a whole 150 KB page costs about 22 ms, an lxml parse of
it about 1 ms, and most of the page (mega-menu, inline scripts, footers) is
site-wide boilerplate that no extractor reads. So lxml parses the page once,
the overrides and the boilerplate pass remove what never counts, and what is
left of ``<body>`` (the main content, plus side boxes where contact cards,
stamps and document links may live; the site-wide contact centre is already
gone) is serialised and handed to BeautifulSoup (parser "lxml") for
:mod:`crawler.extract.page` to read. On a Sitevision page that region is a few
KB. With per-site overrides the page already had a (hollow) soup for the
selectors; that soup, pruned to what the cut kept, is the region instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from bs4 import BeautifulSoup, Tag
from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.boilerplate import strip_boilerplate
from crawler.extract.furniture import Furniture
from crawler.extract.overrides import apply_overrides, prune_soup
from crawler.extract.tree import parse_html

_HEAD_TAGS = frozenset({"title", "meta", "link", "script", "style", "base", "noscript", "template"})


class Region:
    """What the cut keeps of a page: its ``<title>`` text, its ``<base href>`` and the content region.

    The region comes either as markup (parsed by BeautifulSoup when first asked for)
    or, on a page with overrides, as the already-pruned soup the selectors ran on.
    """

    def __init__(
        self, raw_title: str, *, markup: str | None = None, body: Tag | None = None, base_href: str = ""
    ) -> None:
        self.raw_title = raw_title
        self.base_href = base_href
        self._markup = markup
        self._body = body

    def body(self) -> Tag:
        """The region as a BeautifulSoup tree (parser "lxml"); its ``<body>``."""
        if self._body is None:
            soup = BeautifulSoup(self._markup or "", "lxml", multi_valued_attributes=None)
            self._body = soup.body or soup
        return self._body

    @property
    def markup(self) -> str:
        """The region as HTML (for tests and debugging)."""
        return self._markup if self._markup is not None else str(self.body())


def _drop_head(root: HtmlElement) -> None:
    """Remove ``<head>``: nothing in it is content, except what libxml2 misplaced there.

    On a page without a ``<body>`` tag libxml2 puts HTML5 elements that follow the
    ``<title>`` (``<nav>``, ``<main>``, ``<section>``…) into ``<head>``; they go to
    the start of ``<body>``, in order, as a browser would show them.
    """
    for head in root.findall("head"):
        strays = [el for el in head if isinstance(el.tag, str) and el.tag.lower() not in _HEAD_TAGS]
        if strays:
            body = root.find("body")
            if body is None:
                body = etree.SubElement(root, "body")
            for i, el in enumerate(strays):
                body.insert(i, el)
        root.remove(head)


def cut_region(
    html: str | HtmlElement, *, main: str | None = None, ignore: Sequence[str] = (), furniture: Furniture = frozenset()
) -> Region:
    """The page's title and its ``<body>`` without boilerplate and ``ignore``d parts, as HTML.

    The element ``main`` names carries ``data-kv-main`` in the markup, the main content box
    (:mod:`crawler.extract.main_box`) ``data-kv-content``; boxes whose fingerprints are in
    ``furniture`` (:func:`crawler.extract.furniture.site_furniture`) go. ``html`` may be
    a tree from :func:`parse_html` (the crawl parses each page once); it is changed.

    >>> r = cut_region("<title>T</title><nav><a href='/'>Start</a></nav><main><h1>Hej</h1></main>")
    >>> r.raw_title, r.markup
    ('T', '<body><main data-kv-content="1"><h1>Hej</h1></main></body>')
    """
    root = parse_html(html) if isinstance(html, str) else html  # a tree is consumed: it is cut in place
    title_el = root.find(".//title")
    raw_title = title_el.text_content() if title_el is not None else ""
    base_el = root.find(".//base[@href]")  # the first one counts, as in a browser
    base_href = (base_el.get("href") or "").strip() if base_el is not None else ""
    _drop_head(root)
    soup = apply_overrides(root, main, ignore) if main or ignore else None
    content = strip_boilerplate(root, furniture, main_marked=main is not None)
    if soup is not None:
        return Region(raw_title, body=prune_soup(soup, root, content), base_href=base_href)
    body = root.find("body")
    region = body if body is not None else root
    region.tail = None
    return Region(raw_title, markup=etree.tostring(region, encoding="unicode", method="html"), base_href=base_href)
