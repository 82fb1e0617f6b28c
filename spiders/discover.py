"""The discovery spider: from each home page, find candidates for the international-work page.

Per site it reads robots.txt, the sitemaps it names (indexes and gzipped
files too; ``/sitemap.xml`` when none is named), the home page's links, asks
the site's own search once for the topic when the home page offers a search
form (and robots.txt allows it), and then fetches the most promising pages in
small waves, following links from pages that look relevant, until the
per-site request budget is spent. Links to the municipality's alias hosts
(the sites file's ``aliases``, and the www/bare twin of the home host) are
followed like its own. It only collects evidence; ``crawler.discover.run``
scores it.

robots.txt is enforced by :class:`RobotsGuard`, our own downloader
middleware, instead of Scrapy's: on Scrapy 2.19 the third and later requests
queued for a host before its robots.txt arrived skipped the check. The guard
makes every request to a host wait for that host's parsed robots.txt.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import scrapy
from protego import Protego
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.discover.evidence import PageEvidence, parse_page
from crawler.discover.scoring import Candidate, link_prescore
from crawler.discover.sitemaps import parse_sitemap
from crawler.extract.urls import clean_url
from crawler.registry import SiteEntry, load_sites, select_sites

DEFAULT_MAX_REQUESTS = 30
WAVE = 4  # pages fetched per site before deciding what to fetch next
MAX_SITEMAPS = 5
SEARCH_QUERY = "internationell"  # a stem: site searches match "internationellt", "internationella"...
_HTML_TYPES = ("text/html", "application/xhtml")
# Errors reach our callbacks; redirects (3xx) are left to Scrapy to follow.
_ERROR_STATUSES = list(range(400, 600))


def _content_type(response: Response) -> str:
    return (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()


def _evidence(response: Response) -> PageEvidence:
    """The page's evidence, its bytes decoded as the crawl decodes them (not Scrapy's guess, which reads
    an undeclared cp1252 "Åmål" as ISO-8859-3 "Ċmċl")."""
    return parse_page(response.body, response.url, _content_type(response))


class RobotsGuard:
    """Downloader middleware: no request reaches a host before its robots.txt was read and obeyed.

    A 4xx robots.txt allows everything (the usual reading); a 5xx or a
    network error disallows everything for the run (be careful, not sorry).
    """

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.user_agent: str = crawler.settings.get("USER_AGENT") or "kommunvakt"
        self.parsers: dict[str, Protego | None | str] = {}
        self.waiting: dict[str, list[Deferred[None]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> RobotsGuard:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("robots_probe") or not request.url.startswith(("http://", "https://")):
            return None
        parts = urlsplit(request.url)
        netloc = parts.netloc
        if netloc not in self.parsers:
            self.parsers[netloc] = "pending"
            self.waiting[netloc] = []
            self.parsers[netloc] = await self._fetch(f"{parts.scheme}://{netloc}/robots.txt", request)
            for queued in self.waiting.pop(netloc):
                queued.callback(None)
        elif self.parsers[netloc] == "pending":
            waiter: Deferred[None] = Deferred()
            self.waiting[netloc].append(waiter)
            await maybe_deferred_to_future(waiter)
        parser = self.parsers[netloc]
        request.meta["robots"] = parser
        if parser == "deny" or (isinstance(parser, Protego) and not parser.can_fetch(request.url, self.user_agent)):
            self.crawler.stats.inc_value("discover/robots_forbidden")
            raise IgnoreRequest("robots.txt disallows")
        return None

    async def _fetch(self, url: str, for_request: Request) -> Protego | None | str:
        meta = {"robots_probe": True, "handle_httpstatus_list": _ERROR_STATUSES}
        probe = Request(url, callback=NO_CALLBACK, priority=100, meta=meta)
        self.crawler.stats.inc_value("discover/robots_requests")
        site_id = for_request.meta.get("site_id")
        if site_id:
            self.crawler.stats.inc_value(f"discover/requests/{site_id}")
        try:
            response = await self.crawler.engine.download_async(probe)
        except Exception:
            return "deny"
        if response.status >= 500:
            return "deny"
        if response.status >= 400:
            return None
        return Protego.parse(response.body.decode("utf-8", errors="replace"))


@dataclass
class SiteState:
    """What the spider knows and has spent on one site."""

    site: SiteEntry
    budget: int
    used: int = 0
    outstanding: int = 0
    hosts: set[str] = field(default_factory=set)
    candidates: dict[str, Candidate] = field(default_factory=dict)
    requested: set[str] = field(default_factory=set)
    sitemaps: int = 0
    home_url: str | None = None
    error: str | None = None
    site_hosts: set[str] = field(default_factory=set)  # host names whose pages are the site's
    search_url: str | None = None  # the site search's address (its answers are not candidates)

    def same_site(self, url: str) -> bool:
        return (urlsplit(url).hostname or "") in self.site_hosts

    def candidate(self, url: str) -> Candidate:
        found = self.candidates.get(url)
        if found is None:
            found = self.candidates[url] = Candidate(url)
        return found


def site_hosts(home: str, aliases: tuple[str, ...] = ()) -> set[str]:
    """The host names of one municipality's site: the home page's, its www/bare twin, and the aliases."""
    host = urlsplit(home).hostname or ""
    bare = host.removeprefix("www.")
    twins = {host} if _is_address(host) else {host, bare, f"www.{bare}"}
    return twins | {a.lower() for a in aliases}


def _is_address(host: str) -> bool:
    return host.replace(".", "").isdigit() or ":" in host


class DiscoverSpider(scrapy.Spider):
    name = "discover"
    custom_settings = {
        "ROBOTSTXT_OBEY": False,  # RobotsGuard does it (see module docstring)
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "spiders.middlewares.BackoffRetryMiddleware": 550,
            "spiders.discover.RobotsGuard": 90,
        },
        "ITEM_PIPELINES": {},
        "RETRY_TIMES": 1,
        "DOWNLOAD_MAXSIZE": 10_000_000,
    }

    def __init__(
        self,
        sites: str | None = None,
        only: str | list[str] | None = None,
        max_requests: int | str = DEFAULT_MAX_REQUESTS,
        site_list: list[SiteEntry] | None = None,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.site_list = site_list  # already loaded and selected (the crawl's own discovery); else read `sites`
        self.sites_file = sites
        self.only = only.split(",") if isinstance(only, str) else list(only or [])
        self.max_requests = int(max_requests)
        self.states: dict[str, SiteState] = {}

    async def start(self) -> AsyncIterator[Any]:
        chosen = self.site_list if self.site_list is not None else select_sites(load_sites(self.sites_file), self.only)
        for site in chosen:
            if not site.home:
                continue
            state = self.states[site.id] = SiteState(site, self.max_requests)
            home = clean_url(site.home)
            state.hosts.add(urlsplit(home).netloc)
            state.site_hosts = site_hosts(home, site.aliases)
            state.used += 1  # robots.txt of the home host
            request = self._request(state, home, self.parse_home)
            if request is not None:
                yield request

    # ------------------------------------------------------------------ requests

    def _request(self, state: SiteState, url: str, callback: Any, **meta: Any) -> Request | None:
        """A request charged to the site's budget (and its host's robots.txt when new); None when spent."""
        netloc = urlsplit(url).netloc
        cost = 1 + (0 if netloc in state.hosts else 1)
        if state.used + cost > state.budget or url in state.requested:
            return None
        state.used += cost
        state.hosts.add(netloc)
        state.requested.add(url)
        state.outstanding += 1
        self.crawler.stats.inc_value("discover/requests", cost)
        return Request(
            url,
            callback=callback,
            errback=self.failed,
            dont_filter=True,
            meta={"site_id": state.site.id, "handle_httpstatus_list": _ERROR_STATUSES, **meta},
        )

    def _done_one(self, response_or_request: Response | Request) -> SiteState:
        state = self.states[response_or_request.meta["site_id"]]
        state.outstanding -= 1
        redirects = response_or_request.meta.get("redirect_urls") or []
        for url in redirects:
            state.requested.add(clean_url(url))
        if isinstance(response_or_request, Response) and redirects:
            state.used += len(redirects)  # each hop was a request too
            netloc = urlsplit(response_or_request.url).netloc
            if netloc not in state.hosts:
                state.used += 1  # its robots.txt
                state.hosts.add(netloc)
        return state

    # ------------------------------------------------------------------ callbacks

    def parse_home(self, response: Response) -> Iterator[Request]:
        state = self._done_one(response)
        state.home_url = clean_url(response.url)
        state.site_hosts |= site_hosts(state.home_url)  # the home page may have redirected to another host
        if response.status >= 400 or not isinstance(response, TextResponse):
            state.error = f"home page answered HTTP {response.status}"
        else:
            evidence = _evidence(response)
            self._take_links(state, evidence, follow_all=True)
            yield from self._search_request(state, evidence, response)
        parser = response.meta.get("robots")
        listed = list(parser.sitemaps) if isinstance(parser, Protego) else []
        origin = f"{urlsplit(response.url).scheme}://{urlsplit(response.url).netloc}"
        for url in listed or [f"{origin}/sitemap.xml"]:
            yield from self._sitemap_request(state, url)
        yield from self._advance(state)

    def _search_request(self, state: SiteState, evidence: PageEvidence, response: Response) -> Iterator[Request]:
        """One query to the site search the home page offers, when robots.txt allows it (else none)."""
        if evidence.search is None:
            return
        action, field_name = evidence.search
        if urlsplit(action).netloc != urlsplit(response.url).netloc:
            return  # the robots.txt at hand is this host's; a search elsewhere is not worth another one
        parser = response.meta.get("robots")
        url = clean_url(f"{action}{'&' if '?' in action else '?'}{urlencode({field_name: SEARCH_QUERY})}")
        if parser == "deny" or (isinstance(parser, Protego) and not parser.can_fetch(url, self._agent)):
            self.crawler.stats.inc_value("discover/search_forbidden")
            return  # asking would only be refused by RobotsGuard; not asking spends nothing
        state.search_url = action
        request = self._request(state, url, self.parse_search)
        if request is not None:
            self.crawler.stats.inc_value("discover/searches")
            yield request

    @property
    def _agent(self) -> str:
        """The user agent robots.txt is read for (as RobotsGuard reads it)."""
        return self.crawler.settings.get("USER_AGENT") or "kommunvakt"

    def parse_search(self, response: Response) -> Iterator[Request]:
        """The search's answers become candidates, ranked by their place in the answer."""
        state = self._done_one(response)
        if response.status < 400 and isinstance(response, TextResponse):
            evidence = _evidence(response)
            answers = set(evidence.main_urls)  # the answers sit in the main part; menus are not answers
            rank = 0
            for link in evidence.links:
                if not state.same_site(link.url) or link.url.split("?")[0] == (state.search_url or "").split("?")[0]:
                    continue
                cand = state.candidate(link.url)
                if link.text and link.text not in cand.link_texts:
                    cand.link_texts = (*cand.link_texts, link.text)
                if cand.search_rank is None and link.url in answers:
                    cand.search_rank = rank
                    rank += 1
        yield from self._advance(state)

    def _sitemap_request(self, state: SiteState, url: str) -> Iterator[Request]:
        if state.sitemaps >= MAX_SITEMAPS or not state.same_site(url):
            return
        request = self._request(state, clean_url(url), self.parse_sitemap)
        if request is not None:
            state.sitemaps += 1
            yield request

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        state = self._done_one(response)
        if response.status < 400:
            content = parse_sitemap(response.body)
            if content.kind == "sitemapindex":
                # page sitemaps before news and event sitemaps: the topic page is a page
                ordered = sorted(content.locs, key=lambda u: any(w in u for w in ("news", "nyhet", "event", "kalend")))
                for url in ordered:
                    yield from self._sitemap_request(state, url)
            for url in content.locs if content.kind == "urlset" else ():
                canon = clean_url(url)
                if state.same_site(canon):
                    state.candidate(canon)
        yield from self._advance(state)

    def parse_page(self, response: Response) -> Iterator[Request]:
        state = self._done_one(response)
        asked = clean_url(response.meta.get("redirect_urls", [response.url])[0])
        final = clean_url(response.url)
        cand = state.candidate(final)
        if asked != final:
            state.candidate(asked).html = False  # the old address only redirects; propose where it lands
            cand.link_texts = tuple(dict.fromkeys(cand.link_texts + state.candidate(asked).link_texts))
            if cand.search_rank is None:
                cand.search_rank = state.candidate(asked).search_rank
        cand.fetched, cand.status = True, response.status
        content_type = _content_type(response)
        cand.html = isinstance(response, TextResponse) and (not content_type or content_type.startswith(_HTML_TYPES))
        if cand.html and response.status < 400:
            evidence = _evidence(response)
            cand.title, cand.h1, cand.headings = evidence.title, evidence.h1, evidence.headings
            cand.text, cand.lang = evidence.text, evidence.lang
            cand.own_words, cand.main_links = evidence.own_words, evidence.main_links
            cand.trail = tuple(step.text for step in evidence.trail)
            cand.trail_urls = tuple(step.url for step in evidence.trail)
            relevant = link_prescore(final, " ".join(cand.link_texts), cand.search_rank) > 0
            self._take_links(state, evidence, follow_all=relevant)
        yield from self._advance(state)

    def failed(self, failure: Failure) -> Iterator[Request]:
        request: Request = failure.request  # type: ignore[attr-defined]
        state = self._done_one(request)
        url = clean_url(request.url)
        if url in state.candidates:
            cand = state.candidates[url]
            cand.fetched, cand.html = True, False
        if request.callback == self.parse_home:
            state.error = "robots.txt disallows" if isinstance(failure.value, IgnoreRequest) else "home page failed"
        yield from self._advance(state)

    # ------------------------------------------------------------------ decisions

    def _take_links(self, state: SiteState, evidence: PageEvidence, *, follow_all: bool) -> None:
        """Record link texts; on relevant pages (and the home page) every same-site link is a candidate."""
        for link in evidence.links:
            if not state.same_site(link.url):
                continue
            if not follow_all and link.url not in state.candidates:
                continue
            cand = state.candidate(link.url)
            if link.text and link.text not in cand.link_texts:
                cand.link_texts = (*cand.link_texts, link.text)

    def _advance(self, state: SiteState) -> Iterator[Request]:
        """When a site's wave is done, fetch the next few most promising unfetched pages."""
        if state.outstanding > 0:
            return
        ranked = sorted(
            (
                (link_prescore(c.url, " ".join(c.link_texts), c.search_rank), c.url)
                for c in state.candidates.values()
                if c.url not in state.requested and c.url != state.home_url
            ),
            key=lambda pair: (-pair[0], len(pair[1])),
        )
        for prescore, url in ranked[:WAVE]:
            if prescore <= 0:
                break
            request = self._request(state, url, self.parse_page)
            if request is not None:
                yield request
