"""What one attempt to load a watched page produced, independent of Scrapy.

The spider turns each response (or download error) into a ``FetchResult``;
everything after that (deciding, diffing, storing) works on this plain value,
so it can be tested without a crawl.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

PERMANENT_REDIRECTS = (301, 308)


@dataclass
class FetchResult:
    site_id: str
    url: str  # the URL requested (the page's current URL)
    fetched_at: datetime
    status: int | None = None  # None when no HTTP response arrived
    body: bytes = b""
    content_type: str | None = None
    final_url: str | None = None  # after redirects
    redirect_statuses: tuple[int, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # why no usable response arrived (timeout, DNS, robots.txt, ...)
    duration_ms: int | None = None

    @property
    def moved_permanently(self) -> bool:
        """A 301/308 took us to another URL: the page has a new address."""
        return (
            self.final_url is not None
            and self.final_url != self.url
            and any(s in PERMANENT_REDIRECTS for s in self.redirect_statuses)
        )
