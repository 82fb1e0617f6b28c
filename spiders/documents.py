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
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any, Protocol, cast

from scrapy import Request
from scrapy.crawler import Crawler

from crawler.check import check_document
from crawler.documents.judge import needs_reading
from crawler.documents.reader import DocumentReader
from crawler.documents.result import Reading
from crawler.documents.select import select_documents
from crawler.documents.settings import DocumentSettings
from crawler.extract.result import PageRecord
from crawler.fetch import DocumentFetch, FetchResult
from crawler.judgement import Verdict
from crawler.registry import SiteEntry
from spiders.context import CrawlContext
from spiders.exchange import DocumentAsk
from storage.documents import current_record, document_plans

log = logging.getLogger(__name__)

#: Stats keys: documents scheduled, and documents the database refused (the run still checked its pages).
SCHEDULED = "kommunvakt/documents/scheduled"
STORE_ERRORS = "kommunvakt/documents/store_errors"


class RequestsDocuments(Protocol):
    """The spider's side: how a document is requested (spiders/municipal.py)."""

    def document_request(self, ask: DocumentAsk, settings: DocumentSettings) -> Request: ...


class DocumentWatch:
    """One crawl's document links: which were requested this run, and the reader process (started on the
    first document, so a crawl whose pages link none never starts it)."""

    def __init__(self, crawler: Crawler, store_executor: Executor) -> None:
        self.crawler = crawler
        self.settings: DocumentSettings = crawler.settings.get("KOMMUNVAKT_DOCUMENTS") or DocumentSettings()
        self.store_executor = store_executor
        self.read_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kommunvakt-documents")
        self.requested: set[str] = set()  # a document linked from several pages is fetched once per run
        self._reader: DocumentReader | None = None

    @property
    def reader(self) -> DocumentReader:
        """Only ever called on the read thread."""
        if self._reader is None:
            self._reader = DocumentReader(self.settings)
        return self._reader

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
        engine = self.crawler.engine
        assert spider is not None and engine is not None
        for document in chosen:
            plan = plans.get(document.url)
            validators = (plan.etag, plan.last_modified) if plan else (None, None)
            settled = plan is not None and not plan.failing and any(validators)
            ask = DocumentAsk(document, site.id, page_url, validators, settled)
            request = spider.document_request(ask, self.settings)
            try:
                engine.crawl(request)
            except RuntimeError:  # the crawl is closing (Ctrl-C, SIGTERM): the page is stored, its documents wait
                log.info("not fetching %s: the crawl is closing", document.url)
                return
            self.crawler.stats.inc_value(SCHEDULED)

    async def check(self, context: CrawlContext, item: DocumentFetch) -> None:
        """Read (in the reader process, with its limits), judge and store one document. A 304 of a document
        that works is no news: nothing to read, judge or write (an unchanged night costs the database nothing)."""
        if item.status == 304 and item.settled:
            self.crawler.stats.inc_value("kommunvakt/documents/not_modified")
            return
        loop = asyncio.get_running_loop()
        reading: Reading | None = None
        if needs_reading(item):
            url = item.final_url or item.url
            reading = await loop.run_in_executor(
                self.read_executor,
                lambda: self.reader.read(item.body, url=url, content_type=item.content_type),
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

    def close(self) -> None:
        self.read_executor.shutdown(wait=True)
        if self._reader is not None:
            self._reader.close()
