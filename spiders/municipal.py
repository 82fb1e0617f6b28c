"""The nightly spider: fetch each located municipality's watched page, once, politely.

It only yields requests and results: every response or download error becomes a
``FetchResult`` item. The run's database, lock and fetch plans are opened and closed by
``spiders.resources.CrawlResources``; ``spiders.pipelines.StorePipeline`` reads, judges and
stores each item off the reactor thread, so parsing never slows the downloads down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.http import Request, Response
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from twisted.python.failure import Failure

from crawler.config import CrawlSettings, load_config
from crawler.documents.settings import DocumentSettings
from crawler.fetch import DocumentFetch, FetchResult
from crawler.registry import SiteEntry, load_sites, select_sites, sites_file_in_use
from crawler.verdict import needs_reading, same_address
from spiders.context import CrawlOrder
from spiders.exchange import DocumentAsk, answered, conditional_headers, request_meta, requested_url, unanswered
from spiders.resources import CrawlResources


class MunicipalSpider(scrapy.Spider):
    name = "municipal"
    # The components of a crawl that stores its pages: the run's resources, and the pipeline that judges and
    # stores. Declared here, not in spiders.settings, so the discovery spider and benchmarks/bare_spider.py
    # (which share those settings) never open a run.
    custom_settings = {
        "EXTENSIONS": {"spiders.resources.CrawlResources": 100},
        "ITEM_PIPELINES": {"spiders.pipelines.StorePipeline": 300},
    }

    def __init__(
        self,
        sites: str | None = None,
        only: str | list[str] | None = None,
        db: str | None = None,
        trigger: str = "manual",
        site_list: list[SiteEntry] | None = None,
        lock_held: bool = False,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.site_list = site_list  # already loaded and selected (kommunvakt crawl); else read `sites`
        self.lock_held = lock_held  # kommunvakt crawl holds the run lock already
        self.sites_file = sites
        self.only = only.split(",") if isinstance(only, str) else list(only or [])
        self.db = db
        self.trigger = trigger

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # `kommunvakt crawl` has set the User-Agent from its own --config already; reading the config file
        # again here would ignore that --config (and fail on a broken ./kommunvakt.toml it never asked for).
        if (settings.getpriority("USER_AGENT") or 0) >= SETTINGS_PRIORITIES["cmdline"]:
            return
        # `scrapy crawl municipal`: the config file's contact address goes into the User-Agent, and its
        # [documents] section decides which linked documents are watched.
        config = load_config(settings.get("KOMMUNVAKT_CONFIG"))
        settings.set("USER_AGENT", config.crawl.user_agent, priority="spider")
        settings.set("KOMMUNVAKT_DOCUMENTS", config.documents, priority="spider")
        settings.set("KOMMUNVAKT_SITE_FURNITURE", config.crawl.site_furniture, priority="spider")

    def crawl_order(self) -> CrawlOrder:
        """The sites to crawl (loaded and selected now, when the crawl opens), the database and who asked.

        `scrapy crawl municipal` reads the sites file `kommunvakt crawl` would (``-a sites=``, else the config's,
        else the own copy of the bundled registry once made, else the bundled one) and has the pages the crawl's
        discovery watches laid over it, as `kommunvakt crawl` does.
        """
        db = self.db or self.settings.get("KOMMUNVAKT_DB")
        if self.site_list is not None:  # kommunvakt crawl: loaded, selected and overlaid already
            return CrawlOrder(sites=self.site_list, db=db, trigger=self.trigger, take_lock=not self.lock_held)
        chosen = self.sites_file or load_config(self.settings.get("KOMMUNVAKT_CONFIG")).sites
        selected = select_sites(load_sites(sites_file_in_use(chosen)), self.only)
        return CrawlOrder(sites=selected, db=db, trigger=self.trigger, take_lock=not self.lock_held, discovered=True)

    async def start(self) -> AsyncIterator[Any]:
        context = CrawlResources.of(self.crawler).context
        if context is None:  # the run could not be opened (the extension said why)
            return
        for site in context.sites.values():
            plan = context.plans.get(site.id)
            if plan is None:
                continue
            yield Request(
                plan.url,
                headers=conditional_headers(plan.etag, plan.last_modified),
                callback=self.parse,
                errback=self.failed,
                dont_filter=True,
                meta=request_meta(site=site),
            )

    def home_request(self, page: FetchResult, site: SiteEntry) -> Request | None:
        """The site's home page, asked for once a night right after its watched page answered with a body to
        read (a 304 or a failure needs no furniture: such a night asks for no home page), conditional on the
        validators of the furniture kept from it; its answer (or failure) yields ``page`` with it. None when
        site furniture is off, the site has no home page or the watched page is the home page itself (a page is
        not furniture of its own)."""
        if not self.settings.getbool("KOMMUNVAKT_SITE_FURNITURE", CrawlSettings().site_furniture):
            return None
        if not needs_reading(page) or site.home is None or same_address(site.home, page.final_url or page.url):
            return None
        context = CrawlResources.of(self.crawler).context
        kept = context.furniture.get(site.id) if context is not None else None
        known = kept if kept is not None and kept.home_url == site.home else None
        return Request(
            site.home,
            headers=conditional_headers(known.etag, known.last_modified) if known is not None else {},
            callback=self.parse_home,
            errback=self.home_failed,
            dont_filter=True,
            priority=1,  # before the pages still queued: its page's body waits in memory until it is answered
            meta=request_meta(site=site, page=page),
        )

    def parse_home(self, response: Response) -> Any:
        """The home page's answer rides along with its page's result (never judged as the page)."""
        site: SiteEntry = response.meta["site"]
        home = FetchResult(site_id=site.id, url=requested_url(response), **answered(response))
        yield _with_home(response.meta["page"], home)

    def home_failed(self, failure: Failure) -> Any:
        """A home page that did not answer: its page is read with the furniture kept from the last good answer."""
        request: Request = failure.request  # type: ignore[attr-defined]
        site: SiteEntry = request.meta["site"]
        home = FetchResult(site_id=site.id, url=request.url, **unanswered(failure))
        yield _with_home(request.meta["page"], home)

    def parse(self, response: Response) -> Any:
        site: SiteEntry = response.meta["site"]
        redirects = tuple(int(r) for r in response.meta.get("redirect_reasons", ()) if isinstance(r, int))
        page = FetchResult(
            site_id=site.id, url=requested_url(response), redirect_statuses=redirects, **answered(response)
        )
        yield self.home_request(page, site) or page

    def failed(self, failure: Failure) -> Any:
        request: Request = failure.request  # type: ignore[attr-defined]
        site: SiteEntry = request.meta["site"]
        yield FetchResult(
            site_id=site.id, url=request.meta.get("redirect_urls", [request.url])[0], **unanswered(failure)
        )

    def document_request(self, ask: DocumentAsk, settings: DocumentSettings) -> Request:
        """A request for a linked document: conditional on its own validators, capped at the documents' own
        size, after the pages (lower priority), through the same middlewares (robots.txt, retries, throttle)."""
        return Request(
            ask.document.url,
            headers=conditional_headers(*ask.validators),
            callback=self.parse_document,
            errback=self.document_failed,
            dont_filter=True,
            priority=-1,
            meta=request_meta(document=ask, download_maxsize=settings.max_bytes, download_warnsize=0),
        )

    def parse_document(self, response: Response) -> Any:
        ask: DocumentAsk = response.meta["document"]
        yield DocumentFetch(**_document_fields(ask), settled=ask.settled, **answered(response))

    def document_failed(self, failure: Failure) -> Any:
        ask: DocumentAsk = failure.request.meta["document"]  # type: ignore[attr-defined]
        yield DocumentFetch(**_document_fields(ask), **unanswered(failure))


def _document_fields(ask: DocumentAsk) -> dict[str, Any]:
    return {"url": ask.document.url, "site_id": ask.site_id, "page_url": ask.page_url, "link_title": ask.document.title}


def _with_home(page: FetchResult, home: FetchResult) -> FetchResult:
    """The page's result, carrying its site's home-page answer for the pipeline."""
    page.home = home
    return page
