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

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.extract.encoding import decode_html
    from crawler.extract.failure import classify_failure
    from crawler.extract.overrides import validate_selector
    from crawler.extract.page import extract_record
    from crawler.extract.reading import read_page
    from crawler.extract.reasons import is_soft_404
    from crawler.extract.urls import clean_url

#: Public name -> the submodule that defines it. Imported on first use (PEP 562), so a module that needs
#: one small helper (the diff needs ``stamp`` and ``urls``) does not load BeautifulSoup, phonenumbers and
#: email-validator: the crawl's main process never parses a page and stays ~12 MB smaller without them.
_EXPORTS = {
    "classify_failure": "failure",
    "clean_url": "urls",
    "decode_html": "encoding",
    "extract_record": "page",
    "is_soft_404": "reasons",
    "read_page": "reading",
    "validate_selector": "overrides",
}

__all__ = [
    "classify_failure",
    "clean_url",
    "decode_html",
    "extract_record",
    "is_soft_404",
    "read_page",
    "validate_selector",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
