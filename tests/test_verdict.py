"""crawler.verdict: what a permanent redirect means for the watched page (pure; no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.fetch import FetchResult
from crawler.record import Change
from crawler.verdict import PageState, evaluate, same_address

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
    verdict = evaluate(redirected_to(final_url), PageState(url=WATCHED))
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
    verdict = evaluate(redirected_to(final_url), PageState(url=WATCHED))
    assert verdict.changes == [Change("page_moved", WATCHED, final_url)]
    assert verdict.new_url == final_url


def test_a_temporary_redirect_moves_nothing() -> None:
    verdict = evaluate(redirected_to("https://www.hylte.se/underhall", status=302), PageState(url=WATCHED))
    assert verdict.changes == [] and verdict.new_url is None


def test_https_to_http_is_not_a_tidier_address() -> None:
    assert not same_address("https://www.hylte.se/a", "http://www.hylte.se/a")
    assert same_address("https://WWW.Hylte.se/a/", "https://hylte.se/a")


def test_docstring_examples() -> None:
    import doctest

    import crawler.verdict

    result = doctest.testmod(crawler.verdict)
    assert result.attempted > 0 and result.failed == 0
