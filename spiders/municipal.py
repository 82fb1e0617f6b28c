"""The nightly spider: fetch each located municipality's watched page, once, politely.

It only yields requests and results: every response or download error becomes a
``FetchResult`` item. The run's database, lock and fetch plans are opened and closed by
``spiders.resources.CrawlResources``; ``spiders.pipelines.StorePipeline`` reads, judges and
stores each item off the reactor thread, so parsing never slows the downloads down.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from twisted.python.failure import Failure

from crawler.clock import utcnow
from crawler.config import CrawlSettings, load_config
from crawler.documents.settings import DocumentSettings
from crawler.fetch import ROBOTS_DISALLOWS, DocumentFetch, FetchResult, describe_error
from crawler.record import Document
from crawler.registry import SiteEntry, load_sites, select_sites, sites_file_in_use
from crawler.verdict import needs_reading, same_address
from spiders.context import CrawlOrder
from spiders.resources import CrawlResources

# Every status reaches our callback (after retries), except redirects, which Scrapy follows.
HANDLED_STATUSES = [304, *range(400, 600)]


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
                headers=_conditional(plan.etag, plan.last_modified),
                callback=self.parse,
                errback=self.failed,
                dont_filter=True,
                meta={"site": site, "handle_httpstatus_list": HANDLED_STATUSES, "started": time.monotonic()},
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
            headers=_conditional(known.etag, known.last_modified) if known is not None else {},
            callback=self.parse_home,
            errback=self.home_failed,
            dont_filter=True,
            priority=1,  # before the pages still queued: its page's body waits in memory until it is answered
            meta={"site": site, "page": page, "handle_httpstatus_list": HANDLED_STATUSES, "started": time.monotonic()},
        )

    def parse_home(self, response: Response) -> Any:
        """The home page's answer rides along with its page's result (never judged as the page)."""
        site: SiteEntry = response.meta["site"]
        home = FetchResult(
            site_id=site.id,
            url=_requested_url(response),
            fetched_at=utcnow(),
            status=response.status,
            body=response.body,
            content_type=_header(response, b"Content-Type"),
            final_url=response.url,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            duration_ms=_elapsed_ms(response.meta),
        )
        yield _with_home(response.meta["page"], home)

    def home_failed(self, failure: Failure) -> Any:
        """A home page that did not answer: its page is read with the furniture kept from the last good answer."""
        request: Request = failure.request  # type: ignore[attr-defined]
        site: SiteEntry = request.meta["site"]
        home = FetchResult(site_id=site.id, url=request.url, fetched_at=utcnow(), error=describe_failure(failure))
        yield _with_home(request.meta["page"], home)

    def parse(self, response: Response) -> Any:
        request = response.request
        assert request is not None
        site: SiteEntry = response.meta["site"]
        redirects = tuple(int(r) for r in response.meta.get("redirect_reasons", ()) if isinstance(r, int))
        page = FetchResult(
            site_id=site.id,
            url=_requested_url(response),
            fetched_at=utcnow(),
            status=response.status,
            body=response.body,
            content_type=_header(response, b"Content-Type"),
            final_url=response.url,
            redirect_statuses=redirects,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            duration_ms=_elapsed_ms(response.meta),
        )
        yield self.home_request(page, site) or page

    def failed(self, failure: Failure) -> Any:
        request: Request = failure.request  # type: ignore[attr-defined]
        site: SiteEntry = request.meta["site"]
        yield FetchResult(
            site_id=site.id,
            url=request.meta.get("redirect_urls", [request.url])[0],
            fetched_at=utcnow(),
            error=describe_failure(failure),
            duration_ms=_elapsed_ms(request.meta),
        )

    def document_request(
        self,
        document: Document,
        *,
        site_id: str,
        page_url: str,
        validators: tuple[str | None, str | None],
        settings: DocumentSettings,
        settled: bool = False,
    ) -> Request:
        """A request for a linked document: conditional on its own validators, capped at the documents' own
        size, after the pages (lower priority), through the same middlewares (robots.txt, retries, throttle)."""
        etag, last_modified = validators
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        meta = {
            "document": (document, site_id, page_url),
            "document_settled": settled,
            "handle_httpstatus_list": HANDLED_STATUSES,
            "download_maxsize": settings.max_bytes,
            "download_warnsize": 0,
            "started": time.monotonic(),
        }
        return Request(
            document.url,
            headers=headers,
            callback=self.parse_document,
            errback=self.document_failed,
            dont_filter=True,
            priority=-1,
            meta=meta,
        )

    def parse_document(self, response: Response) -> Any:
        document, site_id, page_url = response.meta["document"]
        yield DocumentFetch(
            url=document.url,
            site_id=site_id,
            page_url=page_url,
            fetched_at=utcnow(),
            link_title=document.title,
            status=response.status,
            body=response.body,
            content_type=_header(response, b"Content-Type"),
            final_url=response.url,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            duration_ms=_elapsed_ms(response.meta),
            settled=bool(response.meta.get("document_settled")),
        )

    def document_failed(self, failure: Failure) -> Any:
        request: Request = failure.request  # type: ignore[attr-defined]
        document, site_id, page_url = request.meta["document"]
        yield DocumentFetch(
            url=document.url,
            site_id=site_id,
            page_url=page_url,
            fetched_at=utcnow(),
            link_title=document.title,
            error=describe_failure(failure),
            duration_ms=_elapsed_ms(request.meta),
        )


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _with_home(page: FetchResult, home: FetchResult) -> FetchResult:
    """The page's result, carrying its site's home-page answer for the pipeline."""
    page.home = home
    return page


def _requested_url(response: Response) -> str:
    urls = response.meta.get("redirect_urls")
    return urls[0] if urls else response.url


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _elapsed_ms(meta: dict[str, Any]) -> int | None:
    started = meta.get("started")
    return int((time.monotonic() - started) * 1000) if started else None


def describe_failure(failure: Failure) -> str:
    """A short, stable reason an analyst can read ("connection refused", "timed out after 30 s", ...);
    :func:`crawler.fetch.describe_error` words everything but Scrapy's own refusals."""
    exc = failure.value
    assert exc is not None, "a Failure always carries its exception"
    if isinstance(exc, IgnoreRequest):
        return ROBOTS_DISALLOWS if "robots" in str(exc).lower() or not str(exc) else f"not fetched: {exc}"
    request = getattr(failure, "request", None)
    timeout = request.meta.get("download_timeout") if request is not None else None
    return describe_error(exc, timeout=timeout)
