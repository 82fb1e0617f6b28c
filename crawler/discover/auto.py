"""The crawl's own discovery: after ``kommunvakt crawl``, look for the pages the registry lacks.

Scrapy's reactor runs once per process, so the discovery spider is chained
onto the crawl's own ``CrawlerProcess`` (``crawler.runner.run_crawl``'s
``then``) and runs after the crawl has finished and stored its run. It only
ever writes proposals: a confident answer for a municipality with no usable
address is stored as ``watched`` (the next crawl fetches it as a candidate,
see ``crawler.discover.proposals.with_discovered``), anything else as a
proposal for an analyst. Whatever goes wrong here is logged and swallowed: the
crawl's outcome and its changes are already stored and stay as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from sqlalchemy.orm import Session, sessionmaker
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.config import DiscoverySettings
from crawler.discover.proposals import refused_urls, save_proposals, sites_to_discover_tonight
from crawler.discover.run import evidence_to_proposal
from crawler.discover.scoring import Proposal
from crawler.registry import SiteEntry
from spiders.discover import DiscoverSpider, SiteState
from storage.db import make_engine, session_factory
from storage.models import CrawlRun

log = logging.getLogger("kommunvakt.discover")


@dataclass
class AutoOutcome:
    """What the crawl's discovery did (for the crawl's summary); ``error`` when it broke."""

    searched: list[str] = field(default_factory=list)
    watched: list[str] = field(default_factory=list)  # confident: watched from the next crawl
    proposed: list[str] = field(default_factory=list)  # found, not confident: waits for an analyst
    nothing: list[str] = field(default_factory=list)  # nothing found
    error: str | None = None
    stopped: str | None = None  # the spider's finish reason when it did not finish (a stop request)

    def line(self) -> str | None:
        if self.stopped:
            return f"discovery: stopped before it ended ({self.stopped}); nothing of it was stored"
        if self.error:
            return f"discovery: skipped after an error ({self.error}); the crawl itself is unaffected"
        if not self.searched:
            return None
        return (
            f"discovery: {len(self.searched)} municipalities searched, {len(self.watched)} watched from the next "
            f"crawl, {len(self.proposed)} proposed for review, {len(self.nothing)} with nothing found"
        )


def decide(proposals: Sequence[Proposal], refused: dict[str, set[str]]) -> set[str]:
    """The sites whose proposal the crawl watches by itself: confident, and not an address refused before."""
    return {p.site for p in proposals if p.url and p.confident and p.url not in refused.get(p.site, set())}


class AutoDiscovery:
    """``then`` for :func:`crawler.runner.run_crawl`: discovery for up to ``max_per_night`` sites."""

    def __init__(self, settings: DiscoverySettings, db_url: str, sites: Sequence[SiteEntry]):
        self.settings = settings
        self.db_url = db_url
        self.sites = list(sites)
        self.outcome = AutoOutcome()

    def __call__(self, process: CrawlerProcess, run_id: int | None) -> Deferred[Any] | None:
        try:
            return self._start(process, run_id)
        except Exception as exc:  # never let discovery fail the crawl
            self._broke(exc)
            return None

    def _start(self, process: CrawlerProcess, run_id: int | None) -> Deferred[Any] | None:
        if not self.settings.auto or self.settings.max_per_night == 0 or run_id is None:
            return None
        with _database(self.db_url) as factory:
            with factory() as session:
                run = session.get(CrawlRun, run_id)
            if run is None or run.status != "completed" or run.outage:
                return None  # an interrupted run, or a network that is down, is no night to search in
            chosen = sites_to_discover_tonight(factory, self.sites, self.settings.max_per_night)
        if not chosen:
            return None
        self.outcome.searched = [s.id for s in chosen]
        crawler = process.create_crawler(DiscoverSpider)
        done = process.crawl(crawler, site_list=chosen, max_requests=self.settings.max_requests)
        done.addCallback(lambda _: self._store(crawler, chosen))
        done.addErrback(self._failed)
        return done

    def _store(self, crawler: Crawler, chosen: Sequence[SiteEntry]) -> None:
        """Score and store what the spider found, unless it was stopped (half the evidence is no answer)."""
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        if reason != "finished":
            self.outcome.stopped = str(reason)
            return
        spider = crawler.spider
        try:
            states: dict[str, SiteState] = spider.states if isinstance(spider, DiscoverSpider) else {}
            found = [
                evidence_to_proposal(states[s.id])
                if s.id in states
                else Proposal(s.id, None, 0.0, False, ("no home page to start from",), ())
                for s in chosen
            ]
            with _database(self.db_url) as factory:
                watched = decide(found, refused_urls(factory, [p.site for p in found]))
                save_proposals(factory, found, self.sites, watched=watched)
            self.outcome.watched = sorted(watched)
            self.outcome.proposed = sorted(p.site for p in found if p.url and p.site not in watched)
            self.outcome.nothing = sorted(p.site for p in found if not p.url)
        except Exception as exc:
            self._broke(exc)

    def _failed(self, failure: Failure) -> None:
        self._broke(failure.value if isinstance(failure.value, Exception) else RuntimeError(str(failure)))

    def _broke(self, exc: BaseException) -> None:
        log.error("the crawl's discovery broke: %r", exc, exc_info=exc)
        self.outcome.error = f"{type(exc).__name__}: {exc}"[:200]


@contextmanager
def _database(url: str) -> Iterator[sessionmaker[Session]]:
    """A session factory on the crawl's database for one step, its engine disposed after."""
    engine = make_engine(url)
    try:
        yield session_factory(engine)
    finally:
        engine.dispose()
