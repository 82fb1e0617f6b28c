"""Semantic extraction: HTML -> PageRecord, plus the checks that come before it.

Public API (pure functions, no I/O):

- :func:`extract_record` (HTML, URL, overrides) -> :class:`~crawler.record.PageRecord`
- :func:`decode_html` (body bytes, Content-Type) -> str
- :func:`classify_failure` -> a short reason for a 200 that is not the page, or None
- :func:`read_page`: both of the above from one parse (what the crawl calls)
- :func:`is_soft_404` (reason) -> whether it counts toward ``page_gone``
- :func:`validate_selector` for the sites-file loader (soupsieve: the engine extraction applies
  ``main``/``ignore`` with)
- :func:`clean_url` (href, base) -> a stable absolute URL

Extraction reads pages with BeautifulSoup (parser "lxml"); lxml itself only cuts
the content region out of the page first, and reads whole pages in
:func:`classify_failure` (see :mod:`crawler.extract.region` for why).
"""

from __future__ import annotations

from crawler.extract.encoding import decode_html
from crawler.extract.failure import classify_failure, is_soft_404
from crawler.extract.overrides import validate_selector
from crawler.extract.page import extract_record
from crawler.extract.reading import read_page
from crawler.extract.urls import clean_url

__all__ = [
    "classify_failure",
    "clean_url",
    "decode_html",
    "extract_record",
    "is_soft_404",
    "read_page",
    "validate_selector",
]
