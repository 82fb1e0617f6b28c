"""One HTTP exchange, as both kinds of request see it: a watched page (spiders/municipal.py) and a document it
links to (spiders/documents.py).

Both are asked conditionally with their own stored validators, let every status but a redirect reach the
callback, and turn what came back (an answer, or a download error) into the same fields of their item
(:class:`crawler.fetch.FetchResult`, :class:`crawler.fetch.DocumentFetch`). Defined once here, so a page and a
document are fetched and recorded the same way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler.clock import utcnow
from crawler.fetch import ROBOTS_DISALLOWS, describe_error
from crawler.record import Document

#: Every status reaches our callback (after retries), except redirects, which Scrapy follows.
HANDLED_STATUSES = [304, *range(400, 600)]


@dataclass(frozen=True)
class DocumentAsk:
    """What the crawl asks of one linked document: which, for whose page, and with which stored validators.

    ``settled``: asked with the validators of a stored version that was not failing, so a 304 is no news.
    """

    document: Document
    site_id: str
    page_url: str
    validators: tuple[str | None, str | None] = (None, None)
    settled: bool = False


class Answered(TypedDict):
    """The fields of an item that an HTTP answer fills."""

    fetched_at: datetime
    status: int
    body: bytes
    content_type: str | None
    final_url: str
    etag: str | None
    last_modified: str | None
    duration_ms: int | None


class Unanswered(TypedDict):
    """The fields of an item that a download error fills."""

    fetched_at: datetime
    error: str
    duration_ms: int | None


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The headers that let the server answer 304 when nothing changed since the stored version.

    >>> conditional_headers('"v1"', None)
    {'If-None-Match': '"v1"'}
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def request_meta(**meta: Any) -> dict[str, Any]:
    """A request's meta: every status but a redirect reaches the callback, and the clock starts now."""
    return {**meta, "handle_httpstatus_list": HANDLED_STATUSES, "started": time.monotonic()}


def answered(response: Response) -> Answered:
    """What an answer says, in the item's fields."""
    return Answered(
        fetched_at=utcnow(),
        status=response.status,
        body=response.body,
        content_type=header(response, b"Content-Type"),
        final_url=response.url,
        etag=header(response, b"ETag"),
        last_modified=header(response, b"Last-Modified"),
        duration_ms=elapsed_ms(response.meta),
    )


def unanswered(failure: Failure) -> Unanswered:
    """Why no answer came, in the item's fields."""
    request: Request = failure.request  # type: ignore[attr-defined]
    return Unanswered(fetched_at=utcnow(), error=describe_failure(failure), duration_ms=elapsed_ms(request.meta))


def requested_url(response: Response) -> str:
    """The URL asked for, before any redirect."""
    urls = response.meta.get("redirect_urls")
    return urls[0] if urls else response.url


def header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def elapsed_ms(meta: dict[str, Any]) -> int | None:
    started = meta.get("started")
    return int((time.monotonic() - started) * 1000) if started else None


def describe_failure(failure: Failure) -> str:
    """A short, stable reason an analyst can read ("connection refused", "timed out after 30 s", ...);
    :func:`crawler.fetch.describe_error` words everything but Scrapy's own refusals."""
    exc = failure.value
    assert exc is not None, "a Failure always carries its exception"
    if isinstance(exc, IgnoreRequest):
        return ROBOTS_DISALLOWS if "robots" in str(exc).lower() or not str(exc) else f"not fetched: {exc}"
    request = getattr(failure, "request", None)
    timeout = request.meta.get("download_timeout") if request is not None else None
    return describe_error(exc, timeout=timeout)
