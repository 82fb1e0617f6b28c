"""One fetched page, parsed once: either why it is not the page, or its record.

The crawl needs both answers for every page; parsing a 100 KB page twice
costs more than the rest of the check.
"""

from __future__ import annotations

from collections.abc import Sequence

from crawler.extract.encoding import decode_html
from crawler.extract.failure import EMPTY_BODY, classify_failure
from crawler.extract.page import extract_record
from crawler.extract.sniff import sniff_body
from crawler.extract.tree import parse_html
from crawler.fetch import FetchResult
from crawler.record import PageRecord

#: What reading a response gives: ``(reason, None)`` when it is not the page, else ``(None, record)``.
Reading = tuple[str | None, PageRecord | None]


def read_page(
    html: str,
    *,
    url: str,
    final_url: str,
    home_url: str | None,
    main: str | None = None,
    ignore: Sequence[str] = (),
) -> Reading:
    """``(reason, None)`` for a response that is not the page, else ``(None, record)``.

    >>> read_page("<title>Sidan kunde inte hittas</title>", url="https://a.se/x", final_url="https://a.se/x",
    ...           home_url=None)
    ('soft 404', None)
    """
    if not html.strip():
        return EMPTY_BODY, None
    root = parse_html(html)
    reason = classify_failure(root, url=url, final_url=final_url, home_url=home_url)
    if reason:
        return reason, None
    return None, extract_record(root, final_url, main=main, ignore=ignore)


def read_fetch(
    fetch: FetchResult, *, home_url: str | None, main: str | None = None, ignore: Sequence[str] = ()
) -> Reading:
    """Read a fetched 2xx response: first whether its bytes are a web page at all (a PDF, an image or JSON
    served in its place is a failed fetch, whatever the Content-Type says), then its body decoded as the page
    declares (or really is), parsed once."""
    if (reason := sniff_body(fetch.body)) is not None:
        return reason, None
    return read_page(
        decode_html(fetch.body, fetch.content_type),
        url=fetch.url,
        final_url=fetch.final_url or fetch.url,
        home_url=home_url,
        main=main,
        ignore=ignore,
    )


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
