"""The one way a response's bytes become a reading: sniffed, decoded, parsed once, judged readable, extracted.

Every reader goes through here: the crawl's reader process (:mod:`crawler.page_reader`), ``reprocess``
(:mod:`crawler.reprocess`, from a snapshot's bytes and stored Content-Type) and discovery's
:func:`crawler.discover.evidence.parse_page` (which needs only the first step,
:func:`crawler.extract.body.open_body`, and keeps BeautifulSoup out of its process). The crawl needs both
answers for every page; parsing a 100 KB page twice costs more than the rest of the check.
"""

from __future__ import annotations

from collections.abc import Sequence

from crawler.extract.body import open_body
from crawler.extract.failure import EMPTY_BODY, classify_failure
from crawler.extract.furniture import Furniture
from crawler.extract.page import extract_record
from crawler.extract.result import Reading, Unreadable
from crawler.extract.tree import parse_html
from crawler.fetch import FetchResult

__all__ = ["Reading", "Unreadable", "open_body", "read_body", "read_fetch", "read_page"]


def read_page(
    html: str,
    *,
    url: str,
    final_url: str,
    home_url: str | None,
    main: str | None = None,
    ignore: Sequence[str] = (),
    furniture: Furniture = frozenset(),
) -> Reading:
    """:class:`Unreadable` for a response that is not the page, else the page's record.

    >>> read_page("<title>Sidan kunde inte hittas</title>", url="https://a.se/x", final_url="https://a.se/x",
    ...           home_url=None)
    Unreadable(reason='soft 404')
    """
    if not html.strip():
        return Unreadable(EMPTY_BODY)
    root = parse_html(html)
    reason = classify_failure(root, url=url, final_url=final_url, home_url=home_url)
    if reason:
        return Unreadable(reason)
    return extract_record(root, final_url, main=main, ignore=ignore, site_furniture=furniture)


def read_fetch(
    fetch: FetchResult,
    *,
    home_url: str | None,
    main: str | None = None,
    ignore: Sequence[str] = (),
    furniture: Furniture = frozenset(),
) -> Reading:
    """Read a fetched 2xx response: its bytes opened (:func:`open_body`), then parsed once and judged."""
    html = open_body(fetch.body, fetch.content_type)
    if isinstance(html, Unreadable):
        return html
    return read_page(
        html,
        url=fetch.url,
        final_url=fetch.final_url or fetch.url,
        home_url=home_url,
        main=main,
        ignore=ignore,
        furniture=furniture,
    )


def read_body(
    body: bytes,
    content_type: str | None,
    url: str,
    *,
    main: str | None = None,
    ignore: Sequence[str] = (),
    furniture: Furniture = frozenset(),
) -> Reading:
    """The record of a body already judged to be the page (a stored snapshot), read as :func:`read_fetch`
    read it: opened with the same Content-Type, extracted from one parse, without judging it again."""
    html = open_body(body, content_type)
    if isinstance(html, Unreadable):
        return html
    return extract_record(parse_html(html), url, main=main, ignore=ignore, site_furniture=furniture)


_SAMPLE = (
    "<html><head><title>Internationellt arbete</title></head><body><main><h1>Internationellt arbete</h1>"
    "<p>Kommunen arbetar med EU-projekt och vänorter.</p><p>Kontakt: Anna Berg, internationell samordnare, "
    "anna.berg@example.se, 0520-49 60 94</p><p>Senast uppdaterad: 17 maj 2024</p></main></body></html>"
)


def warm_up() -> None:
    """Read one small page, so the first real page does not pay for loading date and phone data.

    dateparser's Swedish data and phonenumbers' metadata load on first use (~0.5 s);
    the crawl calls this in its worker thread while the first downloads are on the way.
    """
    read_page(_SAMPLE, url="http://example.se/", final_url="http://example.se/", home_url=None)
