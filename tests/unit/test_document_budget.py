"""The crawl hands linked documents to the downloader within a byte budget: downloads run ahead of the
document readers, and each body downloaded and not yet read is held in the crawl process. Settled documents
(expected to answer 304) are never held back. A real Scrapy crawler and spider; the engine is a recorder, as
the budget decides only what is handed to it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.documents.settings import DocumentSettings
from crawler.record import Document
from spiders import documents
from spiders.documents import DocumentWatch
from spiders.exchange import DocumentAsk
from spiders.municipal import MunicipalSpider


class Engine:
    def __init__(self) -> None:
        self.requests: list[Request] = []

    def crawl(self, request: Request) -> None:
        self.requests.append(request)


@pytest.fixture
def watch() -> Any:
    settings = Settings({"KOMMUNVAKT_DOCUMENTS": DocumentSettings()})
    settings.set("USER_AGENT", "kommunvakt-test", priority="cmdline")
    crawler = Crawler(MunicipalSpider, settings)
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = MunicipalSpider()
    crawler.engine = Engine()  # type: ignore[assignment]
    with ThreadPoolExecutor(max_workers=1) as store:
        yield DocumentWatch(crawler, store)


def wanted(watch: DocumentWatch, n: int, *, settled: bool, start: int = 0) -> list[str]:
    """Queue ``n`` document requests as :meth:`DocumentWatch.follow` does, and pump."""
    spider: MunicipalSpider = watch.crawler.spider  # type: ignore[assignment]
    urls = [f"https://www.amal.se/dokument/{k}.pdf" for k in range(start, start + n)]
    for url in urls:
        validators = ('"1"', None) if settled else (None, None)
        ask = DocumentAsk(Document(url, "Plan"), "amal", "https://www.amal.se/", validators, settled)
        request = spider.document_request(ask, watch.settings)
        if settled:
            watch._hand(request, url, 0)
        else:
            watch._waiting.append((request, url, documents.EXPECTED_BYTES))
    watch._pump()
    return urls


def test_new_documents_wait_for_room_and_settled_ones_never_wait(watch: DocumentWatch) -> None:
    engine: Engine = watch.crawler.engine  # type: ignore[assignment]
    room = documents.IN_FLIGHT_BYTES // documents.EXPECTED_BYTES
    new = wanted(watch, room + 5, settled=False)
    assert len(engine.requests) == room  # the rest wait for bodies to be read
    settled = wanted(watch, 50, settled=True, start=1000)
    assert len(engine.requests) == room + 50  # 304s expected: no body, no wait
    watch._done(settled[0])
    assert len(engine.requests) == room + 50  # a 304 made no room
    watch._done(new[0])
    watch._done(new[1])
    assert [r.url for r in engine.requests[-2:]] == new[room : room + 2]
    with pytest.raises(DontCloseSpider):  # requests that never came back: the waiting ones go when idle
        watch.idle()
    assert len(engine.requests) == room + 50 + 5 and not watch._waiting
    watch.idle()  # nothing waits: the crawl may close


def test_one_document_always_goes_even_when_larger_than_the_budget(watch: DocumentWatch) -> None:
    engine: Engine = watch.crawler.engine  # type: ignore[assignment]
    spider: MunicipalSpider = watch.crawler.spider  # type: ignore[assignment]
    ask = DocumentAsk(Document("https://www.amal.se/stor.pdf", "Stor"), "amal", "https://www.amal.se/")
    request = spider.document_request(ask, watch.settings)
    watch._waiting.append((request, request.url, documents.IN_FLIGHT_BYTES * 2))
    watch._pump()
    assert engine.requests == [request]
