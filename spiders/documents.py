"""The crawl's side of linked documents: follow a checked page's document links, then read, judge and store
each document, once per run, off the reactor thread.

:class:`~spiders.pipelines.StorePipeline` hands it each page after the page is stored, and each
:class:`~crawler.fetch.DocumentFetch` the spider yields. Documents go through the same crawl as the pages
(robots.txt, per-host limits, AutoThrottle and retries are the downloader's), after them (lower priority),
with their own validators and size cap. Nothing here can fail a page: a document that cannot be fetched,
read or stored is that document's failure, logged and counted.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, Protocol, cast

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider

from crawler.check import check_document
from crawler.clock import utcnow
from crawler.documents.judge import needs_reading
from crawler.documents.reader import DocumentReaders
from crawler.documents.result import Reading
from crawler.documents.select import select_documents
from crawler.documents.settings import DocumentSettings
from crawler.extract.result import PageRecord
from crawler.fetch import DocumentFetch, FetchResult
from crawler.judgement import Verdict
from crawler.page_reader import reader_count
from crawler.registry import SiteEntry
from crawler.vocab import Outcome
from spiders.context import CrawlContext
from spiders.exchange import DocumentAsk
from storage.documents import confirm_documents, current_record, document_plans

log = logging.getLogger(__name__)

#: Stats keys: documents scheduled, and documents the database refused (the run still checked its pages).
SCHEDULED = "kommunvakt/documents/scheduled"
STORE_ERRORS = "kommunvakt/documents/store_errors"
#: Settled documents' 304s confirmed per UPDATE (``documents.checked_at``), so a night of 304s writes little.
CONFIRM_BATCH = 500
#: Bytes the documents handed to the downloader and not yet read may bring, at most (one document always may):
#: bodies wait in this process for a reader, so without a bound a first night holds every download at once.
IN_FLIGHT_BYTES = 24_000_000
#: What a document never read before is expected to weigh (municipal PDFs: 1-3 MB)
EXPECTED_BYTES = 3_000_000


class RequestsDocuments(Protocol):
    """The spider's side: how a document is requested (spiders/municipal.py)."""

    def document_request(self, ask: DocumentAsk, settings: DocumentSettings) -> Request: ...


class DocumentWatch:
    """One crawl's document links: which were requested this run, and the reader processes (each started
    when a document finds the running ones busy, so a crawl whose pages link none starts none)."""

    def __init__(self, crawler: Crawler, store_executor: Executor) -> None:
        self.crawler = crawler
        self.settings: DocumentSettings = crawler.settings.get("KOMMUNVAKT_DOCUMENTS") or DocumentSettings()
        self.store_executor = store_executor
        # documents are read in parallel as pages are: one reader per core beyond the downloads', at most three
        self.readers = DocumentReaders(self.settings, size=reader_count())
        self.read_executor = ThreadPoolExecutor(
            max_workers=self.readers.size, thread_name_prefix="kommunvakt-documents"
        )
        self.requested: set[str] = set()  # a document linked from several pages is fetched once per run
        self._confirmed: list[str] = []  # settled documents that answered 304, not yet marked confirmed
        #: requests not yet handed over: (request, its document's URL, the bytes it is expected to bring)
        self._waiting: deque[tuple[Request, str, int]] = deque()
        self._outstanding: dict[str, int] = {}  # url -> bytes expected, of requests handed over, not yet back
        self._in_flight = 0
        crawler.signals.connect(self.idle, signal=signals.spider_idle)
        self._confirm_context: CrawlContext | None = None

    async def follow(
        self, context: CrawlContext, site: SiteEntry, fetch: FetchResult, reading: Any, verdict: Verdict
    ) -> None:
        """Request the documents a page that answered links to: from its fresh record, or (a 304) the stored one."""
        if not self.settings.active or not verdict.good:
            return
        loop = asyncio.get_running_loop()
        try:
            record = reading if isinstance(reading, PageRecord) else None
            if record is None:
                record = await loop.run_in_executor(self.store_executor, current_record, context.factory, site.id)
            if record is None:
                return
            page_url = verdict.new_url or fetch.final_url or fetch.url
            chosen = select_documents(
                record.documents, page_url=page_url, owns=site.is_own_address, limit=self.settings.max_per_page
            )
            chosen = [d for d in chosen if d.url not in self.requested]
            if not chosen:
                return
            self.requested.update(d.url for d in chosen)
            urls = [d.url for d in chosen]
            plans = await loop.run_in_executor(self.store_executor, document_plans, context.factory, urls)
        except Exception:
            log.exception("could not follow the documents of %s", site.id)
            return
        spider = cast(RequestsDocuments, self.crawler.spider)
        assert spider is not None
        for document in chosen:
            plan = plans.get(document.url)
            validators = (plan.etag, plan.last_modified) if plan else (None, None)
            settled = plan is not None and not plan.failing and any(validators)
            ask = DocumentAsk(document, site.id, page_url, validators, settled)
            request = spider.document_request(ask, self.settings)
            if settled:  # most likely a 304: it brings no body, so it goes at once, whatever waits
                if not self._hand(request, document.url, 0):
                    return
            else:
                self._waiting.append((request, document.url, EXPECTED_BYTES))
        self._pump()

    def _pump(self) -> None:
        """Hand the waiting document requests to the engine while the bytes they may bring stay within
        :data:`IN_FLIGHT_BYTES` (one at least, so the crawl always moves): downloads run ahead of the readers,
        and every body downloaded and not yet read is held in this process."""
        while self._waiting:
            request, url, expected = self._waiting[0]
            if self._in_flight and self._in_flight + expected > IN_FLIGHT_BYTES:
                return
            self._waiting.popleft()
            if not self._hand(request, url, expected):
                return

    def _hand(self, request: Request, url: str, expected: int) -> bool:
        """Give one request to the engine; False when the crawl is closing (then nothing more is asked)."""
        engine = self.crawler.engine
        assert engine is not None
        try:
            engine.crawl(request)
        except RuntimeError:  # the crawl is closing (Ctrl-C, SIGTERM): the page is stored, its documents wait
            log.info("not fetching %d documents: the crawl is closing", len(self._waiting) + 1)
            self._waiting.clear()
            return False
        self._outstanding[url] = self._outstanding.get(url, 0) + expected
        self._in_flight += expected
        self.crawler.stats.inc_value(SCHEDULED)
        return True

    def _done(self, url: str) -> None:
        """A document's request has come back (read, judged and stored, or failed): the next may go."""
        self._in_flight -= self._outstanding.pop(url, 0)
        self._pump()

    def idle(self) -> None:
        """The engine has nothing left to do: a document request that never came back no longer counts, and
        the waiting ones go (``spider_idle``; :class:`~scrapy.exceptions.DontCloseSpider` while any wait)."""
        if not self._waiting:
            return
        self._outstanding.clear()
        self._in_flight = 0
        self._pump()
        raise DontCloseSpider

    async def check(self, context: CrawlContext, item: DocumentFetch) -> None:
        """Read (in the reader process, with its limits), judge and store one document, then let the next
        waiting document go. A 304 of a document that works is no news: nothing to read, judge or write (an
        unchanged night costs the database nothing)."""
        try:
            await self._check(context, item)
        finally:
            self._done(item.url)

    async def _check(self, context: CrawlContext, item: DocumentFetch) -> None:
        if item.status == 304 and item.settled:
            self.crawler.stats.inc_value(f"kommunvakt/documents/{Outcome.NOT_MODIFIED}")
            self._confirmed.append(item.url)
            self._confirm_context = context
            if len(self._confirmed) >= CONFIRM_BATCH:
                urls, self._confirmed = self._confirmed, []  # taken here, on the reactor thread that appends
                await asyncio.get_running_loop().run_in_executor(self.store_executor, self._confirm, urls)
            return
        loop = asyncio.get_running_loop()
        reading: Reading | None = None
        if needs_reading(item):
            url = item.final_url or item.url
            reading = await loop.run_in_executor(
                self.read_executor,
                lambda: self.readers.read(item.body, url=url, content_type=item.content_type),
            )
        try:
            verdict = await loop.run_in_executor(
                self.store_executor,
                lambda: check_document(
                    context.factory, context.run_id, item, reading, keep_file=self.settings.keep_files
                ),
            )
        except Exception:
            self.crawler.stats.inc_value(STORE_ERRORS)
            log.exception("could not store the document %s", item.url)
        else:
            self.crawler.stats.inc_value(f"kommunvakt/documents/{verdict.outcome}")
            if verdict.error:
                log.info("document %s: %s", item.url, verdict.error)
        item.body = b""

    def _confirm(self, urls: list[str]) -> None:
        """Store these confirmations (on the store thread): one UPDATE per batch, no new row."""
        context = self._confirm_context
        if not urls or context is None:
            return
        try:
            confirm_documents(context.factory, context.run_id, urls, utcnow())
        except Exception:
            self.crawler.stats.inc_value(STORE_ERRORS)
            log.exception("could not confirm %d unchanged documents", len(urls))

    def close(self) -> None:
        """After the last item: the confirmations still gathered are stored, then the reader stops."""
        urls, self._confirmed = self._confirmed, []
        self.store_executor.submit(self._confirm, urls).result()
        self.read_executor.shutdown(wait=True)
        self.readers.close()
