"""The discovery spider's callbacks, fed Scrapy responses directly (no network, no reactor)."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from crawler.registry import SiteEntry
from spiders.discover import DiscoverSpider, SiteState

HOME = "http://amal.example/"
PAGE = "http://amal.example/kommun/internationellt-arbete/"
# cp1252 bytes, no charset in the header or the markup: Scrapy would guess ISO-8859-3 ("Ċmċl")
LEGACY = (
    "<html><head><title>Internationellt arbete - Åmåls kommun</title></head><body>"
    "<main><h1>Vänorter och EU-projekt</h1><p>Åmål samarbetar med vänorter i Norden.</p>"
    '<a href="/kommun/internationellt-arbete/vanorter/">Våra vänorter</a></main></body></html>'
).encode("cp1252")


def _spider() -> tuple[DiscoverSpider, SiteState]:
    spider = DiscoverSpider()
    # a budget of 0: the callbacks collect evidence and request nothing more
    state = spider.states["amal"] = SiteState(SiteEntry("amal", "Åmåls kommun", home=HOME), budget=0)
    return spider, state


def _response(url: str, body: bytes) -> HtmlResponse:
    request = Request(url, meta={"site_id": "amal"})
    return HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}, request=request)


def test_an_undeclared_cp1252_page_is_read_as_cp1252() -> None:
    spider, state = _spider()
    response = _response(PAGE, LEGACY)
    assert "Åmåls" not in response.text  # what the spider used to parse
    state.outstanding = 1
    assert list(spider.parse_page(response)) == []
    cand = state.candidates[PAGE]
    assert cand.title == "Internationellt arbete - Åmåls kommun"
    assert cand.h1 == "Vänorter och EU-projekt" and "Åmål samarbetar" in cand.text


def test_home_page_link_texts_are_read_as_cp1252() -> None:
    spider, state = _spider()
    state.hosts.add("amal.example")
    state.outstanding = 1
    list(spider.parse_home(_response(HOME, LEGACY)))
    assert state.candidates[PAGE + "vanorter/"].link_texts == ("Våra vänorter",)
