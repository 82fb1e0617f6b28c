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
    # The site's home page as fetched just before this page (its boxes are the site's furniture); None when
    # the crawl did not ask for it. The pipeline takes it off before the page is read.
    home: FetchResult | None = None

    @property
    def moved_permanently(self) -> bool:
        """A 301/308 took us to another URL: the page has a new address."""
        return (
            self.final_url is not None
            and self.final_url != self.url
            and any(s in PERMANENT_REDIRECTS for s in self.redirect_statuses)
        )


# Why no usable response arrived, in words an analyst reads in the report (never an exception's repr).
DNS_FAILED = "DNS lookup failed"
REFUSED = "connection refused"
UNREACHABLE = "the server could not be reached (no route to host)"
TLS_FAILED = "TLS handshake failed"
CLOSED_WITHOUT_ANSWER = "the server closed the connection without answering"
CLOSED_MID_RESPONSE = "the server closed the connection in the middle of its answer"
TRUNCATED = "the page arrived incomplete: the connection closed before all of it was sent"
RESET = "the connection was reset (lost mid-way)"
TOO_LARGE = "too large (download size cap)"
CANCELLED = "download cancelled"
ROBOTS_DISALLOWS = "robots.txt disallows"


def timed_out(seconds: float | None) -> str:
    """``timed out after 30 s`` (the download timeout the request had), or ``timed out``."""
    return f"timed out after {seconds:g} s" if seconds else "timed out"


#: Exception class names (Scrapy 2.19 wraps Twisted's, so both spellings are listed) -> reason; the first
#: class in the chain of causes that matches decides, in the order of this table.
_BY_NAME: tuple[tuple[str, frozenset[str]], ...] = (
    (TLS_FAILED, frozenset({"SSLError", "SSLZeroReturnError", "SSLEOFError", "CertificateError"})),
    (DNS_FAILED, frozenset({"CannotResolveHostError", "DNSLookupError", "gaierror"})),
    (REFUSED, frozenset({"DownloadConnectionRefusedError", "ConnectionRefusedError"})),
    (UNREACHABLE, frozenset({"NoRouteError"})),
    (TRUNCATED, frozenset({"ResponseDataLossError", "_DataLoss", "PotentialDataLoss"})),
    # Twisted calls a connection that ended with a reset "lost" ("in a non-clean fashion"), one that ended
    # with a clean close "done"
    (RESET, frozenset({"ConnectionResetError", "ConnectionLost"})),
    (CANCELLED, frozenset({"DownloadCancelledError", "CancelledError"})),
)
_TIMEOUTS = frozenset({"DownloadTimeoutError", "TimeoutError", "TCPTimedOutError", "UserTimeoutError"})
_CLOSED = frozenset({"ConnectionDone", "ConnectionClosed", "ConnectionAborted"})


def _causes(error: BaseException) -> list[BaseException]:
    """``error``, what it was raised from, and the reasons Twisted's ``ResponseFailed`` and
    ``ResponseNeverReceived`` carry (a list of ``Failure``\\ s), breadth first."""
    seen: list[BaseException] = []
    queue = [error]
    while queue and len(seen) < 12:
        exc = queue.pop(0)
        if any(exc is s for s in seen):
            continue
        seen.append(exc)
        queue.extend(e for e in (exc.__cause__, exc.__context__) if e is not None)
        for failure in getattr(exc, "reasons", None) or ():
            value = getattr(failure, "value", failure)
            if isinstance(value, BaseException):
                queue.append(value)
    return seen


def _is_tls(exc: BaseException) -> bool:
    return (
        type(exc).__module__.startswith(("OpenSSL", "ssl", "service_identity")) or "tls" in type(exc).__name__.lower()
    )


def describe_error(error: BaseException, *, timeout: float | None = None) -> str:
    """Why a download produced no usable response, as words (``timeout`` is the request's download timeout).

    >>> describe_error(ConnectionRefusedError(111, "Connection refused"))
    'connection refused'
    >>> describe_error(TimeoutError(), timeout=30.0)
    'timed out after 30 s'
    """
    chain = _causes(error)
    names = [type(e).__name__ for e in chain]
    text = " ".join(str(e) for e in chain).lower()
    if "max size" in text or "maxsize" in text:
        return TOO_LARGE
    if any(_is_tls(e) for e in chain):
        return TLS_FAILED
    if "dataloss" in text.replace("_", "").replace(" ", "") or "potentialdataloss" in text:
        return TRUNCATED
    if _TIMEOUTS.intersection(names):  # before the rest: a timeout cancels, then aborts the connection
        return timed_out(timeout)
    for reason, markers in _BY_NAME:
        if markers.intersection(names):
            return reason
    if "ResponseNeverReceived" in names:
        return CLOSED_WITHOUT_ANSWER
    if "ResponseFailed" in names or "DownloadFailedError" in names:
        return CLOSED_MID_RESPONSE
    if _CLOSED.intersection(names):
        return CLOSED_WITHOUT_ANSWER
    return f"download failed: {_words(chain[-1])}"


def _words(error: BaseException) -> str:
    """An exception as words: its message when that is plain text, else its class name spelt out."""
    message = str(error).strip()
    if message and "<" not in message and "Failure" not in message and len(message) <= 150:
        return message
    name = type(error).__name__.strip("_")
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


@dataclass
class DocumentFetch:
    """What one attempt to load a linked document produced (the spider's item for a document request).

    ``site_id`` and ``page_url`` name the page whose link brought it into this run; ``link_title`` is the
    link's text, the title a document without one of its own is shown by.
    """

    url: str
    site_id: str
    page_url: str
    fetched_at: datetime
    link_title: str | None = None
    status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    duration_ms: int | None = None
    #: asked with the validators of a stored version of a document that was not failing: a 304 is no news
    settled: bool = False
