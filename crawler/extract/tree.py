"""A whole page as an lxml tree: the one parse every page gets.

Kept apart from :mod:`crawler.extract.region` (which also builds BeautifulSoup trees) so that code
that only needs lxml, such as discovery's page evidence, does not load BeautifulSoup.
"""

from __future__ import annotations

import re
import threading

from lxml import html as lxml_html

_LOCAL = threading.local()
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def _parser() -> lxml_html.HTMLParser:
    """One parser per thread: an lxml parser object serialises its users behind a lock, and the
    crawl extracts pages in worker threads (libxml2 parses without holding the GIL)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    return parser


def parse_html(html: str) -> lxml_html.HtmlElement:
    """The whole page as an lxml tree (comments and processing instructions dropped)."""
    html = _XML_DECL_RE.sub("", html, count=1)
    if not html.strip():
        html = "<html><body></body></html>"
    return lxml_html.document_fromstring(html, parser=_parser())
