"""Run one discovery crawl in this process and turn its evidence into proposals.

Like ``kommunvakt crawl``, one process runs one crawl (Twisted's reactor
starts once), so tests and benchmarks run ``kommunvakt discover`` as a
subprocess.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from scrapy.crawler import CrawlerProcess

from crawler.config import Config
from crawler.discover.scoring import Proposal, propose
from crawler.registry import SiteEntry
from crawler.runner import scrapy_settings
from spiders.discover import DEFAULT_MAX_REQUESTS, DiscoverSpider, SiteState


@dataclass(frozen=True)
class DiscoveryRun:
    proposals: list[Proposal]
    seconds: float


def evidence_to_proposal(state: SiteState) -> Proposal:
    """Score what the spider collected for one site."""
    found = propose(state.site.id, state.candidates.values(), site_name=state.site.name)
    if found.url is None and state.error:
        return Proposal(state.site.id, None, 0.0, False, (state.error,), ())
    return found


def run_discovery(
    config: Config,
    sites: Sequence[SiteEntry],
    *,
    sites_file: str | None,
    max_requests: int = DEFAULT_MAX_REQUESTS,
    verbose: bool = False,
) -> DiscoveryRun:
    """Crawl the given sites (they must come from ``sites_file``) and propose a page for each."""
    started = time.monotonic()
    if not verbose:
        logging.getLogger("scrapy").setLevel(logging.WARNING)
    settings = scrapy_settings(config, "sqlite://", log_level="INFO" if verbose else "WARNING")
    settings.set("LOG_ENABLED", verbose, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DiscoverSpider)
    process.crawl(crawler, sites=sites_file, only=[s.id for s in sites], max_requests=max_requests)
    process.start()
    spider = crawler.spider
    states: dict[str, SiteState] = spider.states if isinstance(spider, DiscoverSpider) else {}
    proposals: list[Proposal] = []
    for site in sites:
        state = states.get(site.id)
        if state is None:
            proposals.append(Proposal(site.id, None, 0.0, False, ("no home page to start from",), ()))
        else:
            proposals.append(evidence_to_proposal(state))
    return DiscoveryRun(proposals=proposals, seconds=time.monotonic() - started)
