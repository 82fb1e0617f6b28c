"""Downloader middlewares of kommunvakt."""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, but waiting ``base * 2**n`` seconds before retry n+1.

    A municipal server that answers 503 is usually busy; asking again at once
    makes it worse and usually fails again.
    """

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    async def process_response(self, request: Request, response: Response, spider=None):  # type: ignore[override]
        result = super().process_response(request, response)
        return await self._delay(result)

    async def process_exception(self, request: Request, exception: Exception, spider=None):  # type: ignore[override]
        result = super().process_exception(request, exception)
        return await self._delay(result)

    async def _delay(self, result: Request | Response | None) -> Request | Response | None:
        if isinstance(result, Request):
            attempt = int(result.meta.get("retry_times", 1))
            await asyncio.sleep(min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max))
        return result
