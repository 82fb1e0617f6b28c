"""crawler.verdict: redirects, candidate addresses and outages (pure; no server needed)."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.extract.reasons import MAINTENANCE, SOFT_404
from crawler.extract.result import Reading, Unreadable
from crawler.fetch import FetchResult, describe_error, timed_out
from crawler.record import Change, PageRecord
from crawler.verdict import (
    OUTAGE_MIN_PAGES,
    OUTAGE_SHARE,
    UNREACHABLE_REASONS,
    PageState,
    evaluate,
    is_outage,
    same_address,
    unreachable,
)

WATCHED = "http://www.hylte.se/kommun-och-politik/internationellt-arbete"


def redirected_to(final_url: str, status: int = 301) -> FetchResult:
    """The page answered 304 (as we last saw it) after a redirect: only the address is news."""
    return FetchResult(
        site_id="hylte", url=WATCHED, fetched_at=datetime.now(UTC), status=304, final_url=final_url,
        redirect_statuses=(status,),
    )  # fmt: skip


@pytest.mark.parametrize(
    "final_url",
    [
        "https://www.hylte.se/kommun-och-politik/internationellt-arbete",  # the site went https
        "https://hylte.se/kommun-och-politik/internationellt-arbete/",  # ... dropped www., added a slash
        "http://www.hylte.se:80/kommun-och-politik/internationellt-arbete/",  # default port spelled out
    ],
)
def test_a_tidier_address_is_followed_without_a_report(final_url: str) -> None:
    verdict = evaluate(redirected_to(final_url), PageState(url=WATCHED), None)
    assert verdict.changes == []
    assert verdict.new_url == final_url, "the next fetch should go straight to the new address"


@pytest.mark.parametrize(
    "final_url",
    [
        "https://www.hylte.se/kommun-och-politik/eu-och-internationellt",  # another path
        "https://www.halmstad.se/kommun-och-politik/internationellt-arbete",  # another site
        "https://www.hylte.se/kommun-och-politik/internationellt-arbete?sida=2",  # another query
        "https://www.hylte.se:8443/kommun-och-politik/internationellt-arbete",  # another port
    ],
)
def test_a_real_move_is_reported(final_url: str) -> None:
    verdict = evaluate(redirected_to(final_url), PageState(url=WATCHED), None)
    assert verdict.changes == [Change("page_moved", WATCHED, final_url)]
    assert verdict.new_url == final_url


def test_a_temporary_redirect_moves_nothing() -> None:
    verdict = evaluate(redirected_to("https://www.hylte.se/underhall", status=302), PageState(url=WATCHED), None)
    assert verdict.changes == [] and verdict.new_url is None


def test_https_to_http_is_not_a_tidier_address() -> None:
    assert not same_address("https://www.hylte.se/a", "http://www.hylte.se/a")
    assert same_address("https://WWW.Hylte.se/a/", "https://hylte.se/a")


def test_docstring_examples() -> None:
    import doctest

    import crawler.verdict

    result = doctest.testmod(crawler.verdict)
    assert result.attempted > 0 and result.failed == 0


# --- candidate addresses and outages ---------------------------------------------------------------------------

UNREACHABLE_WORDS = [*sorted(UNREACHABLE_REASONS), timed_out(30.0), timed_out(None)]


def answered(status: int, body: bytes = b"", *, error: str | None = None) -> FetchResult:
    return FetchResult(
        site_id="hylte", url=WATCHED, fetched_at=datetime.now(UTC), status=None if error else status, body=body,
        content_type="text/html; charset=utf-8", final_url=WATCHED, error=error,
    )  # fmt: skip


#: A 404, a 410, and a 200 whose body the reader found to be a "page not found" page.
MISSING = [(answered(404), None), (answered(410), None), (answered(200, b"<html>..."), Unreadable(SOFT_404))]


@pytest.mark.parametrize(("fetch", "reading"), MISSING, ids=["404", "410", "soft"])
@pytest.mark.parametrize("missing_before", [0, 5])
def test_a_missing_candidate_is_invalid_at_once_and_never_gone(
    fetch: FetchResult, reading: Reading | None, missing_before: int
) -> None:
    state = PageState(url=WATCHED, candidate=True, missing_count=missing_before)
    verdict = evaluate(fetch, state, reading, gone_after=2)
    assert verdict.outcome == "invalid" and verdict.invalid and not verdict.good
    assert verdict.changes == [Change("address_invalid", WATCHED, None)]
    assert verdict.record is None and not verdict.gone


@pytest.mark.parametrize(("fetch", "reading"), [MISSING[0], MISSING[2]], ids=["404", "soft"])
def test_a_confirmed_page_that_is_missing_counts_toward_gone_as_before(
    fetch: FetchResult, reading: Reading | None
) -> None:
    first = evaluate(fetch, PageState(url=WATCHED), reading, gone_after=2)
    assert (first.outcome, first.changes, first.missing_count) == ("missing", [], 1)
    second = evaluate(fetch, PageState(url=WATCHED, missing_count=1), reading, gone_after=2)
    assert second.changes == [Change("page_gone", WATCHED, None)]


@given(
    status=st.one_of(st.none(), st.sampled_from([500, 502, 503, 504, 429, 403])),
    error=st.sampled_from([*UNREACHABLE_WORDS, "robots.txt disallows", "TLS handshake failed"]),
)
def test_a_candidate_that_fails_transiently_stays_a_candidate(status: int | None, error: str) -> None:
    fetch = answered(status or 0, error=error) if status is None else answered(status)
    verdict = evaluate(fetch, PageState(url=WATCHED, candidate=True), None)
    assert verdict.outcome == "failed" and verdict.changes == []


def test_a_page_that_is_not_the_page_is_a_failure_never_a_change() -> None:
    """A maintenance page read in place of the page: the stored version stays, nothing is reported."""
    last = PageRecord(url=WATCHED, title="Internationellt arbete")
    state = PageState(url=WATCHED, last_record=last, last_hash=last.content_hash(), missing_count=1)
    verdict = evaluate(answered(200, b"<html>..."), state, Unreadable(MAINTENANCE))
    assert (verdict.outcome, verdict.error, verdict.changes, verdict.record) == ("failed", MAINTENANCE, [], None)
    assert verdict.missing_count == 1, "a failure neither confirms nor denies that the page exists"


def test_the_judge_never_reads_a_page_itself() -> None:
    """A 2xx body must come with what the reader made of it (crawler.extract.reading.read_fetch)."""
    with pytest.raises(ValueError, match="must be read"):
        evaluate(answered(200, b"<html><title>Internationellt arbete</title></html>"), PageState(url=WATCHED), None)


def test_the_stored_versions_bytes_need_no_reading_and_are_unchanged() -> None:
    """A 200 with the last version's bytes (storage says so: ``same_body``) is judged without a reading; a page
    that was gone and answers with them again is restored, still without reading it."""
    last = PageRecord(url=WATCHED, title="Internationellt arbete")
    state = PageState(url=WATCHED, last_record=last, last_hash=last.content_hash(), same_body=True)
    verdict = evaluate(answered(200, b"<html>..."), state, None)
    assert (verdict.outcome, verdict.changes, verdict.record) == ("unchanged", [], None)
    back = evaluate(answered(200, b"<html>..."), PageState(url=WATCHED, gone=True, same_body=True), None)
    assert back.outcome == "changed" and [c.kind for c in back.changes] == ["page_restored"]
    assert back.record is None and not back.gone


def test_a_candidate_redirected_permanently_to_its_page_did_not_move() -> None:
    elsewhere = "https://www.hylte.se/kommun-och-politik/eu-och-internationellt"
    verdict = evaluate(redirected_to(elsewhere), PageState(url=WATCHED, candidate=True), None)
    assert verdict.changes == [] and verdict.new_url == elsewhere


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError(),
        socket.gaierror(-2, "Name or service not known"),
    ],
)
def test_the_errors_of_a_dead_network_are_unreachable(error: BaseException) -> None:
    """The outage rule reads the words the fetch layer writes: a refused, timed-out or unresolved request."""
    assert unreachable(describe_error(error, timeout=30.0))
    assert not unreachable("HTTP 503") and not unreachable(None)


@given(
    dead=st.integers(0, 400),
    others=st.lists(st.sampled_from([None, "HTTP 503", "HTTP 404", "robots.txt disallows"]), max_size=400),
    reasons=st.data(),
)
def test_outage_needs_most_pages_unreachable_and_enough_of_them(dead: int, others: list, reasons) -> None:
    errors = [reasons.draw(st.sampled_from(UNREACHABLE_WORDS)) for _ in range(dead)] + others
    expected = dead >= OUTAGE_MIN_PAGES and dead >= OUTAGE_SHARE * len(errors)
    assert is_outage(errors) == expected
    assert not is_outage(errors + [None] * len(errors))  # half the pages or more answered: the network works


@given(st.lists(st.sampled_from(UNREACHABLE_WORDS), max_size=OUTAGE_MIN_PAGES - 1))
def test_a_small_run_is_never_an_outage(errors: list[str]) -> None:
    assert not is_outage(errors)
