"""Item pipeline: read, judge and store each fetch, one page per transaction, off the reactor thread."""

from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from crawler.fetch import FetchResult
from crawler.page_reader import PageReader
from crawler.verdict import needs_reading
from storage.repository import finish_run, store_fetch

log = logging.getLogger(__name__)

#: Sent after each page is stored, with ``site`` and ``verdict``: progress displays listen to it.
page_stored = object()


class StorePipeline:
    """Each page is read by a child process (:class:`~crawler.page_reader.PageReader`, on the
    second core), then diffed and written by ONE worker thread.

    One writer thread keeps writes serial (SQLite has one writer anyway) and keeps
    them off the thread that drives the downloads. Reading and storing overlap:
    while one page is stored the next is being read.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.reader = PageReader()  # started now: it loads the parsers while the first pages download
        self.read_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kommunvakt-read")
        self.store_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kommunvakt-store")
        self.gone_after = crawler.settings.getint("KOMMUNVAKT_GONE_AFTER", 2)
        self.store_errors = 0
        # The writer is CPU-bound, the reactor waits on the network: hand the GIL back to the reactor every
        # 1 ms instead of 5, so downloads keep flowing while pages are stored.
        sys.setswitchinterval(0.001)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler)
        # spider_closed (not close_spider) carries the reason: "finished" or "shutdown" (SIGTERM, Ctrl-C).
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchResult):
            return item
        context = self.crawler.spider.context  # type: ignore[union-attr]
        site = context.sites[item.site_id]
        loop = asyncio.get_running_loop()
        reading = None
        if needs_reading(item):
            reading = await loop.run_in_executor(
                self.read_executor,
                lambda: self.reader.read(item, home_url=site.home, main=site.main, ignore=site.ignore),
            )
        try:
            verdict = await loop.run_in_executor(
                self.store_executor,
                lambda: store_fetch(
                    context.factory, context.run_id, site, item, gone_after=self.gone_after, reading=reading
                ),
            )
        except Exception:
            # The database refused the page: the run cannot claim it checked every page.
            self.store_errors += 1
            log.exception("could not store the fetch of %s (%s)", site.id, item.url)
            item.body = b""
            return item
        self.crawler.stats.inc_value(f"kommunvakt/outcome/{verdict.outcome}")
        self.crawler.signals.send_catch_log(page_stored, verdict=verdict, site=site)
        item.body = b""  # the page is stored; do not keep it in memory
        return item

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.read_executor.shutdown(wait=True)
        self.store_executor.shutdown(wait=True)
        self.reader.close()
        context = getattr(spider, "context", None)
        if context is None:
            return
        status = "completed" if reason == "finished" else "interrupted"
        if self.store_errors:
            status = "failed"  # some page could not be stored: the run itself broke
        run = finish_run(context.factory, context.run_id, status, context.not_located)
        log.info("run %s %s: %s fetched, %s failed", run.id, run.status, run.fetched, run.failed)
        context.close()
