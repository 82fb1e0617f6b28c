"""Item pipeline: read, judge and store each fetch off the reactor thread; pages committed whole, in groups."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scrapy.crawler import Crawler

from crawler.check import check_unread, judge_page, load_state
from crawler.extract.result import Reading
from crawler.fetch import DocumentFetch, FetchResult
from crawler.page_reader import PageReaders
from crawler.registry import SiteEntry
from crawler.verdict import Verdict, needs_reading
from spiders.context import CrawlContext
from spiders.documents import DocumentWatch
from spiders.resources import STORE_ERRORS, CrawlResources
from spiders.store import StoreThread

log = logging.getLogger(__name__)

#: Sent after each page is stored, with ``site`` and ``verdict``: progress displays listen to it.
page_stored = object()


class StorePipeline:
    """Each page's stored state is loaded, its body read by a child process (:class:`~crawler.page_reader.PageReaders`,
    on the cores the downloads leave free) unless it is the stored version's bytes, then judged and written
    (:mod:`crawler.check`); the database work is done by ONE worker thread (:class:`~spiders.store.StoreThread`),
    which commits pages in groups and acknowledges a page (its stats, ``page_stored``) only once it is stored.

    One writer thread keeps writes serial (SQLite has one writer anyway) and keeps
    them off the thread that drives the downloads. Reading and storing overlap:
    while one page is stored the next is being read. Where to store is the run that
    :class:`~spiders.resources.CrawlResources` opened.
    """

    def __init__(self, crawler: Crawler, resources: CrawlResources):
        self.crawler = crawler
        self.resources = resources
        self.readers = PageReaders()  # each started by the first page it must read: a night of 304s starts none
        self.read_executor = ThreadPoolExecutor(max_workers=self.readers.size, thread_name_prefix="kommunvakt-read")
        self.store_executor = StoreThread()  # pages committed in groups; a page counts once its group is stored
        self.gone_after = crawler.settings.getint("KOMMUNVAKT_GONE_AFTER", 2)
        self.documents = DocumentWatch(crawler, self.store_executor)  # the documents the pages link to

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler, CrawlResources.of(crawler))

    async def process_item(self, item: Any) -> Any:
        context = self.resources.context
        if isinstance(item, DocumentFetch) and context is not None:
            await self.documents.check(context, item)
            return item
        if not isinstance(item, FetchResult):
            return item
        assert context is not None, "items arrive only while the run is open"
        site = context.sites[item.site_id]
        reading: Reading | None = None  # None also when the body is the stored version's (documents then load it)
        try:
            if needs_reading(item):
                verdict, reading = await self._read_and_judge(item, site, context)
            else:  # a 304, a 404, a failure: one transaction, nothing to read
                verdict = await asyncio.wrap_future(
                    self.store_executor.batched(
                        context.factory,
                        lambda batch: check_unread(
                            context.factory, context.run_id, site, item, gone_after=self.gone_after, batch=batch
                        ),
                    )
                )
        except Exception:
            # The database refused the page: the run cannot claim it checked every page.
            self.crawler.stats.inc_value(STORE_ERRORS)
            log.exception("could not store the fetch of %s (%s)", site.id, item.url)
            item.body = b""
            return item
        self.crawler.stats.inc_value(f"kommunvakt/outcome/{verdict.outcome}")
        self.crawler.signals.send_catch_log(page_stored, verdict=verdict, site=site)
        item.body = b""  # the page is stored; do not keep it in memory
        await self.documents.follow(context, site, item, reading, verdict)
        return item

    async def _read_and_judge(
        self, item: FetchResult, site: SiteEntry, context: CrawlContext
    ) -> tuple[Verdict, Reading | None]:
        """Load the stored state, read the body unless it is the stored version's bytes, judge and store."""
        loop = asyncio.get_running_loop()
        # A read of this page alone, which no open batch holds (each page comes once a run).
        state = await asyncio.wrap_future(self.store_executor.read(lambda: load_state(context.factory, site, item)))
        reading: Reading | None = None
        if not state.same_body:
            reading = await loop.run_in_executor(
                self.read_executor,
                lambda: self.readers.read(item, home_url=site.home, main=site.main, ignore=site.ignore),
            )
        verdict = await asyncio.wrap_future(
            self.store_executor.batched(
                context.factory,
                lambda batch: judge_page(
                    context.factory, context.run_id, site, item, state, reading, gone_after=self.gone_after, batch=batch
                ),
            )
        )
        return verdict, reading

    def close_spider(self) -> None:
        """After the last item (Scrapy closes the pipelines before it sends ``spider_closed``, on which
        :class:`~spiders.resources.CrawlResources` closes the run)."""
        self.read_executor.shutdown(wait=True)
        self.documents.close()
        self.store_executor.shutdown(wait=True)
        self.crawler.stats.set_value("kommunvakt/store/commits", self.store_executor.commits)
        self.crawler.stats.set_value("kommunvakt/store/pages", self.store_executor.pages)
        self.readers.close()
