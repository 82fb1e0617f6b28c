"""The crawl's resources (database, run lock, run row) as a Scrapy extension: opened when the spider opens,
closed when it closes, whatever made it close (finished, SIGTERM, Ctrl-C).

The spider asks it for the fetch plans and only yields requests and results; the pipeline
(:class:`spiders.pipelines.StorePipeline`) asks it where to store. Enabled by
:class:`spiders.municipal.MunicipalSpider`'s ``custom_settings``.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider

from crawler.check import close_run
from crawler.lock import LockHeld
from spiders.context import CrawlContext, CrawlOrder

log = logging.getLogger(__name__)

#: Stats key the pipeline counts pages the database refused under: such a run did not check every page.
STORE_ERRORS = "kommunvakt/store_errors"


class OrdersCrawl(Protocol):
    def crawl_order(self) -> CrawlOrder: ...


class CrawlResources:
    """Owns the :class:`~spiders.context.CrawlContext` of one crawl (None until opened, or when it could not be)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.context: CrawlContext | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlResources:
        resources = cls(crawler)
        crawler.signals.connect(resources.spider_opened, signal=signals.spider_opened)
        # spider_closed (not an earlier hook) carries the reason, and comes after the pipeline has stored its
        # last page (Scrapy closes the item pipelines first).
        crawler.signals.connect(resources.spider_closed, signal=signals.spider_closed)
        return resources

    @classmethod
    def of(cls, crawler: Crawler) -> CrawlResources:
        """The crawler's instance of this extension."""
        for extension in crawler.extensions.middlewares if crawler.extensions else ():
            if isinstance(extension, cls):
                return extension
        raise RuntimeError(f"{cls.__module__}.{cls.__name__} is not among the crawler's EXTENSIONS")

    def spider_opened(self, spider: OrdersCrawl) -> None:
        stats = self.crawler.stats
        try:
            self.context = CrawlContext.open(spider.crawl_order())
        except LockHeld as exc:
            log.error("kommunvakt: %s; not crawling", exc)
            stats.set_value("kommunvakt/locked", str(exc))
            raise CloseSpider("kommunvakt_locked") from exc
        except Exception as exc:
            log.exception("kommunvakt: could not prepare the run; not crawling")
            raise CloseSpider("kommunvakt_unprepared") from exc
        stats.set_value("kommunvakt/run_id", self.context.run_id)
        if self.context.abandoned_runs:
            log.warning(
                "runs %s were left running by a process that ended: marked interrupted",
                ", ".join(map(str, self.context.abandoned_runs)),
            )

    def spider_closed(self, spider: Any, reason: str) -> None:
        context, self.context = self.context, None
        if context is None:
            return
        try:
            status = "completed" if reason == "finished" else "interrupted"
            if self.crawler.stats.get_value(STORE_ERRORS):
                status = "failed"  # some page could not be stored: the run itself broke
            run = close_run(context.factory, context.run_id, status, context.not_located)
            log.info("run %s %s: %s fetched, %s failed", run.id, run.status, run.fetched, run.failed)
        finally:
            context.close()
