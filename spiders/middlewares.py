"""Downloader middlewares of kommunvakt."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings

from crawler.clock import utcnow


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, but waiting ``base * 2**n`` seconds before retry n+1.

    A municipal server that answers 503 is usually busy; asking again at once
    makes it worse and usually fails again. A 429 or 503 with ``Retry-After``
    (seconds or an HTTP date) is asked again no sooner than it says; one that
    asks for longer than ``RETRY_BACKOFF_MAX`` is not asked again this run (its
    answer is the page's failure, and the next night tries again).
    """

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request: Request, response: Response, spider=None):  # type: ignore[override]
        result = super().process_response(request, response)
        wait = retry_after(response) if response.status in (429, 503) else None
        if wait is None or not isinstance(result, Request):
            return await self._delay(result)
        if wait > self.backoff_max:
            return response  # not worth holding the night for: a failure of this page, retried next run
        await asyncio.sleep(max(wait, self._backoff(result)))
        return result

    async def process_exception(self, request: Request, exception: Exception, spider=None):  # type: ignore[override]
        result = super().process_exception(request, exception)
        return await self._delay(result)

    async def _delay(self, result: Request | Response | None) -> Request | Response | None:
        if isinstance(result, Request):
            await asyncio.sleep(self._backoff(result))
        return result

    def _backoff(self, retry: Request) -> float:
        attempt = int(retry.meta.get("retry_times", 1))
        return min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)


def retry_after(response: Response, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (RFC 9110: delay-seconds or an HTTP date), else None.

    >>> from scrapy.http import Response
    >>> retry_after(Response("http://a.se/", status=503, headers={"Retry-After": "120"}))
    120.0
    >>> retry_after(Response("http://a.se/", status=503, headers={"Retry-After": "soon"})) is None
    True
    """
    raw = response.headers.get(b"Retry-After")
    if not raw:
        return None
    value = raw.decode("latin-1").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or utcnow())).total_seconds())
