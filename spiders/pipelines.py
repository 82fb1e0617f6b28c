"""Item pipeline: read, judge and store each fetch off the reactor thread; pages committed whole, in groups."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scrapy.crawler import Crawler

from crawler.check import check_unread, judge_page, load_state
from crawler.extract.result import Reading, Unreadable
from crawler.fetch import DocumentFetch, FetchResult
from crawler.home import HomeFurniture, furniture_digest
from crawler.judgement import PageState
from crawler.page_reader import PageReaders, StoredBody
from crawler.record import PageRecord
from crawler.registry import SiteEntry
from crawler.verdict import NOT_COMPARABLE, Verdict, needs_reading, needs_reread, reread_state
from spiders.context import CrawlContext
from spiders.documents import DocumentWatch
from spiders.resources import STORE_ERRORS, CrawlResources
from spiders.store import StoreThread
from storage.furniture import save_furniture, stored_body

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
        home, item.home = item.home, None  # the home page is never judged as the page
        try:
            if needs_reading(item):
                verdict, reading = await self._read_and_judge(item, site, context, home)
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
        self, item: FetchResult, site: SiteEntry, context: CrawlContext, home: FetchResult | None
    ) -> tuple[Verdict, Reading | None]:
        """Load the stored state, read the body unless it is the stored version's bytes, judge and store.

        The body is read with the site's furniture (from its ``home`` page's answer, which the spider asks for
        only after a page answered 2xx, and :meth:`_furniture` reads only for a page that must be read); a
        last version read with other furniture is read again with it first, so the judge compares like with like
        (a night where only the home page changed finds no change in any page)."""
        loop = asyncio.get_running_loop()
        # A read of this page alone, which no open batch holds (each page comes once a run).
        state = await asyncio.wrap_future(self.store_executor.read(lambda: load_state(context.factory, site, item)))
        digest: str | None = None
        reading: Reading | None = None
        if not state.same_body:
            furniture = await self._furniture(site, home, context)
            digest = furniture_digest(furniture)
            reading = await loop.run_in_executor(
                self.read_executor,
                lambda: self.readers.read(
                    item, home_url=site.home, main=site.main, ignore=site.ignore, furniture=furniture
                ),
            )
            if isinstance(reading, PageRecord) and needs_reread(state, digest):
                compared = await self._like_with_like(state, site, context, furniture)
                if isinstance(compared, Unreadable):
                    reading = compared
                else:
                    state = compared
        verdict = await asyncio.wrap_future(
            self.store_executor.batched(
                context.factory,
                lambda batch: judge_page(
                    context.factory,
                    context.run_id,
                    site,
                    item,
                    state,
                    reading,
                    gone_after=self.gone_after,
                    batch=batch,
                    furniture=digest,
                ),
            )
        )
        return verdict, reading

    async def _like_with_like(
        self, state: PageState, site: SiteEntry, context: CrawlContext, furniture: frozenset[str]
    ) -> PageState | Unreadable:
        """The state with the stored version read again with tonight's furniture (:func:`reread_state`)."""
        loop = asyncio.get_running_loop()
        snapshot_id = state.last_snapshot_id
        stored = (
            await asyncio.wrap_future(self.store_executor.read(lambda: stored_body(context.factory, snapshot_id)))
            if snapshot_id is not None
            else None
        )
        again: Reading = Unreadable(NOT_COMPARABLE)
        if stored is not None:
            body = StoredBody(*stored)
            again = await loop.run_in_executor(
                self.read_executor,
                lambda: self.readers.reread(body, main=site.main, ignore=site.ignore, furniture=furniture),
            )
        compared = reread_state(state, again)
        if isinstance(compared, Unreadable):
            log.warning("%s: the stored version could not be read again with the site's furniture", site.id)
        return compared

    async def _furniture(self, site: SiteEntry, home: FetchResult | None, context: CrawlContext) -> frozenset[str]:
        """The furniture to read the site's page with tonight: read from its home page when that answered with a
        new HTML page (and kept for the next nights), else the last kept; none when the home was not asked for.

        A home page that failed, answered 304 or an error status, or is not an HTML page is never the page's
        failure and never a change: the page is read with the furniture kept from the last good answer."""
        if home is None:
            return frozenset()
        kept = context.furniture.get(site.id)
        if kept is not None and kept.home_url != site.home:
            kept = None  # the sites file gave the site another home page: what was kept is of another page
        known = kept.prints if kept is not None else frozenset()
        if home.error or home.status is None or not 200 <= home.status < 300:
            return known  # 304: as last read; a failure or an error status: the last known
        loop = asyncio.get_running_loop()
        prints = await loop.run_in_executor(self.read_executor, lambda: self.readers.furniture(home))
        if isinstance(prints, Unreadable) or not prints:
            return known  # not an HTML page, or one without a box worth a print: not the site's home page
        assert site.home is not None, "only a site with a home page has its home page fetched"
        fresh = HomeFurniture(site.home, prints, home.etag, home.last_modified)
        if fresh != kept:
            context.furniture[site.id] = fresh
            try:
                await loop.run_in_executor(
                    self.store_executor, lambda: save_furniture(context.factory, site.id, fresh, home.fetched_at)
                )
            except Exception:  # tonight's pages are read with it all the same; the next night reads the home again
                log.exception("could not keep the furniture of %s's home page", site.id)
        return prints

    def close_spider(self) -> None:
        """After the last item (Scrapy closes the pipelines before it sends ``spider_closed``, on which
        :class:`~spiders.resources.CrawlResources` closes the run)."""
        self.read_executor.shutdown(wait=True)
        self.documents.close()
        self.store_executor.shutdown(wait=True)
        self.crawler.stats.set_value("kommunvakt/store/commits", self.store_executor.commits)
        self.crawler.stats.set_value("kommunvakt/store/pages", self.store_executor.pages)
        self.readers.close()
