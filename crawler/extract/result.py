"""What reading a response gives: the page's record, or why the response is not the page.

Kept apart from :mod:`crawler.extract.reading` (which loads the parsers), so the judge and the crawl's main
process can name and test these values without loading BeautifulSoup (see :mod:`crawler.page_reader`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from crawler.record import PageRecord


@dataclass(frozen=True)
class Unreadable:
    """A response that is not the watched page (a soft 404, a maintenance page, a PDF, an empty body...).

    ``reason`` is in the words of :mod:`crawler.extract.reasons`; :func:`crawler.extract.reasons.is_soft_404`
    tells a page that is missing from one that failed.
    """

    reason: str


#: A response read: its record, or why it is not the page.
Reading: TypeAlias = Unreadable | PageRecord

__all__ = ["PageRecord", "Reading", "Unreadable"]
