"""Decide what one fetch means for its page: a pure function, no I/O, no clock.

This is where "nothing lost, nothing false" lives: a fetch that failed (error,
5xx, maintenance page, truncated or empty body) is an operational event and
never a change; the next good fetch is compared with the last good snapshot.
A 404/410 or soft 404 counts toward ``page_gone``, which is reported once the
page has been missing on ``gone_after`` consecutive runs. A *candidate* address
(never yet seen answering with the page) that is missing is ``address_invalid``
at once: it was never the watched page, so it cannot have gone.

:func:`is_outage` judges a whole run: when almost every page failed without any
HTTP answer, the network on our side was down, and those failures say nothing
about the sites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import SplitResult, urlsplit

from crawler.extract.reasons import is_soft_404
from crawler.extract.result import Reading, Unreadable
from crawler.fetch import CLOSED_WITHOUT_ANSWER, DNS_FAILED, REFUSED, UNREACHABLE, FetchResult, timed_out
from crawler.judgement import PageState, Verdict
from crawler.record import Change
from crawler.vocab import ChangeKind, Outcome

__all__ = [
    "NOT_COMPARABLE",
    "OUTAGE_MIN_PAGES",
    "OUTAGE_SHARE",
    "UNREACHABLE_REASONS",
    "PageState",
    "Verdict",
    "evaluate",
    "is_outage",
    "needs_reading",
    "needs_reread",
    "reread_state",
    "same_address",
    "unreachable",
]

MISSING_STATUSES = (404, 410)


def needs_reading(fetch: FetchResult) -> bool:
    """Whether the body must be read before :func:`evaluate` judges it: only a 2xx response can be the page."""
    return not fetch.error and fetch.status is not None and 200 <= fetch.status < 300


#: Why a page is not compared on a night its site's furniture changed and its stored version could not be read
#: again with the new furniture: no comparison is better than a false change.
NOT_COMPARABLE = "the last stored version could not be read again with the site's new furniture"


def needs_reread(state: PageState, furniture: str | None) -> bool:
    """Whether the stored version must be read again before a reading made with site furniture ``furniture``
    (its digest, :mod:`crawler.home`) is judged against it: it was read with other furniture, and comparing the
    two would report the boxes one removed and the other kept as changes of the page."""
    return state.last_record is not None and not state.same_body and state.last_furniture != furniture


def reread_state(state: PageState, again: Reading) -> PageState | Unreadable:
    """The state to judge against once the stored version has been read ``again`` with tonight's furniture;
    :data:`NOT_COMPARABLE` when it could not be (the fetch is then judged failed, never changed)."""
    if isinstance(again, Unreadable):
        return Unreadable(NOT_COMPARABLE)
    # The earlier versions were read with the other furniture too: compared with this one they would show
    # the boxes as changing, so tonight is judged without them.
    return replace(state, last_record=again, last_hash=again.content_hash(), history=())


def evaluate(fetch: FetchResult, state: PageState, reading: Reading | None, *, gone_after: int = 2) -> Verdict:
    """Turn a fetch, the page's previous state and what reading its body gave into an outcome and changes.

    ``reading`` comes from :func:`crawler.extract.reading.read_fetch` (the crawl runs it in
    :mod:`crawler.page_reader`'s process); it is None exactly when there was nothing to read
    (:func:`needs_reading` is false: a failure, a 304, a 404...) or the body is the stored version's bytes
    (``state.same_body``). The judge never reads a page itself.
    """
    if fetch.error or fetch.status is None:
        return _failed(state, fetch.error or "no response")
    if fetch.status == 304:  # the page is there (perhaps at a new address) and as we last saw it
        changes, new_url = _seen_again(fetch, state)
        return Verdict(Outcome.NOT_MODIFIED, changes=changes, new_url=new_url)
    if fetch.status in MISSING_STATUSES:
        return _missing(state, f"HTTP {fetch.status}", gone_after)
    if not 200 <= fetch.status < 300:
        return _failed(state, f"HTTP {fetch.status}")

    if state.same_body:  # the stored version's bytes: its record stands, and nothing was read
        changes, new_url = _seen_again(fetch, state)
        return Verdict(Outcome.CHANGED if changes else Outcome.UNCHANGED, changes=changes, new_url=new_url)
    if reading is None:
        raise ValueError(f"a {fetch.status} response must be read before it is judged (read_fetch)")
    if isinstance(reading, Unreadable):
        if is_soft_404(reading.reason):
            return _missing(state, reading.reason, gone_after)
        return _failed(state, reading.reason)
    record = reading
    changes, new_url = _seen_again(fetch, state)

    if state.last_hash == record.content_hash():
        outcome = Outcome.CHANGED if changes else Outcome.UNCHANGED
        return Verdict(outcome, changes=changes, new_url=new_url)
    if state.last_record is None:
        return Verdict(Outcome.NEW, record=record, changes=changes, new_url=new_url)
    from crawler.diff import diff_records  # only a changed page needs the diff (and the stamp patterns it loads)

    changes.extend(diff_records(state.last_record, record, history=state.history))
    # Nothing to report when only prose that changes on its own changed: the version is kept all the same,
    # so that tomorrow is compared with what the page says tonight.
    return Verdict(Outcome.CHANGED if changes else Outcome.UNCHANGED, record=record, changes=changes, new_url=new_url)


def _seen_again(fetch: FetchResult, state: PageState) -> tuple[list[Change], str | None]:
    """The fetch-history changes of a page that answered: back after being gone, or at a new address.

    A permanent redirect always makes the new address the watched one, but it is reported as
    ``page_moved`` only when the page really has another address, not when the site merely
    switched to https, added or dropped ``www.``, or a trailing slash.
    """
    final_url = fetch.final_url or fetch.url
    changes = [Change(ChangeKind.PAGE_RESTORED, None, final_url)] if state.gone else []
    if fetch.moved_permanently:
        # A candidate was never watched at its old address: it did not move, we learn where it is.
        if not state.candidate and not same_address(state.url, final_url):
            changes.append(Change(ChangeKind.PAGE_MOVED, state.url, final_url))
        return changes, final_url
    return changes, None


def same_address(old: str, new: str) -> bool:
    """Whether two URLs are one page's address written two ways (http upgraded to https, ``www.``
    added or dropped, a trailing slash, a default port).

    >>> same_address("http://amal.se/internationellt", "https://www.amal.se/internationellt/")
    True
    >>> same_address("https://www.amal.se/internationellt/", "https://www.amal.se/eu-och-internationellt/")
    False
    """
    a, b = urlsplit(old), urlsplit(new)
    if (a.scheme, b.scheme) not in (("http", "https"), (a.scheme, a.scheme)):
        return False
    return (
        _bare_host(a.hostname) == _bare_host(b.hostname)
        and _port(a) == _port(b)
        and (a.path.rstrip("/") or "/") == (b.path.rstrip("/") or "/")
        and a.query == b.query
    )


def _bare_host(host: str | None) -> str:
    return (host or "").lower().removeprefix("www.")


def _port(url: SplitResult) -> int | None:
    """The explicit port, None when it is the scheme's default."""
    port = url.port
    return None if port in (None, 80, 443) else port


def _failed(state: PageState, reason: str) -> Verdict:
    # A failure neither confirms nor denies that the page exists: keep the count as it was.
    return Verdict(Outcome.FAILED, error=reason, missing_count=state.missing_count, gone=state.gone)


def _missing(state: PageState, reason: str, gone_after: int) -> Verdict:
    if state.candidate:
        return Verdict(Outcome.INVALID, error=reason, changes=[Change(ChangeKind.ADDRESS_INVALID, state.url, None)])
    count = state.missing_count + 1
    changes = []
    if count >= gone_after and not state.gone:
        changes.append(Change(ChangeKind.PAGE_GONE, state.url, None))
    return Verdict(
        Outcome.MISSING, error=reason, changes=changes, missing_count=count, gone=state.gone or bool(changes)
    )


#: Failure reasons (as ``crawler.fetch.describe_error`` words them) that mean no HTTP exchange took place at
#: all: the name did not resolve, nothing listened or was routable, the server never answered; and any timeout.
#: One site failing so is that site's problem; nearly every site failing so in one run is the crawl's own network.
UNREACHABLE_REASONS = frozenset({DNS_FAILED, REFUSED, UNREACHABLE, CLOSED_WITHOUT_ANSWER})
#: A run is an outage when at least this share of its fetched pages could not be reached. A real outage
#: reaches ~100 %; the largest shared failure among real sites (one hosting provider down) stays far below.
OUTAGE_SHARE = 0.8
#: ...and at least this many pages: a small run whose two sites are dead is two dead sites, not an outage.
OUTAGE_MIN_PAGES = 10


def unreachable(error: str | None) -> bool:
    """Whether a fetch's error says the host could not be reached at all (see :data:`UNREACHABLE_REASONS`)."""
    return error is not None and (error in UNREACHABLE_REASONS or error.startswith(timed_out(None)))


def is_outage(errors: Sequence[str | None]) -> bool:
    """Whether a run whose fetched pages ended with these errors (None: it answered) could not reach the sites.

    >>> is_outage(["DNS lookup failed"] * 9 + ["timed out after 30 s"] * 3)
    True
    >>> is_outage(["connection refused", "connection refused"])  # too few pages to blame the network
    False
    >>> is_outage(["timed out after 30 s"] * 10 + [None] * 10)  # half the sites answered: the network works
    False
    """
    failed = sum(1 for error in errors if unreachable(error))
    return failed >= OUTAGE_MIN_PAGES and failed >= OUTAGE_SHARE * len(errors)
