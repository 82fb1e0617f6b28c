"""The first step of reading a response: are its bytes a web page, and what text do they hold?

Apart from :mod:`crawler.extract.reading` because discovery needs this step alone
(:func:`crawler.discover.evidence.parse_page` parses with lxml only) and must not load BeautifulSoup.
"""

from __future__ import annotations

from crawler.extract.encoding import decode_html
from crawler.extract.result import Unreadable
from crawler.extract.sniff import sniff_body


def open_body(body: bytes, content_type: str | None) -> str | Unreadable:
    """The body as text, decoded as the page declares (or really is); :class:`Unreadable` when its bytes are
    not a web page at all (a PDF, an image or JSON served in its place, whatever the Content-Type says).

    >>> open_body(b"%PDF-1.7 ...", "text/html")
    Unreadable(reason='not a web page: a PDF document')
    >>> open_body("<p>Åmål</p>".encode("cp1252"), "text/html; charset=utf-8")
    '<p>Åmål</p>'
    """
    if (reason := sniff_body(body)) is not None:
        return Unreadable(reason)
    return decode_html(body, content_type)
