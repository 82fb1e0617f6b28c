"""Run one crawl in this process with Scrapy, and say how it went.

Twisted's reactor starts once per process, so a process runs one crawl; the
scheduler and the tests start ``kommunvakt crawl`` as a subprocess per run.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlalchemy import select

from crawler.config import Config
from crawler.ops.runs import FIGURES, RunLine, figures_text, outage_line
from crawler.registry import SiteEntry
from crawler.verdict import Verdict
from crawler.vocab import PROBLEM_OUTCOMES
from spiders.municipal import MunicipalSpider
from spiders.pipelines import page_stored
from storage.db import make_engine, session_factory
from storage.models import CrawlRun, Fetch, Page

#: Work chained after the crawl on the same process (its reactor runs once): given the process and the run's
#: id, it may start another crawler and return its Deferred (the process ends when that ends), or None.
AfterCrawl = Callable[[CrawlerProcess, "int | None"], Any]


@dataclass(frozen=True)
class RunSummary:
    run_id: int | None
    status: str
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))
    seconds: float = 0.0
    problems: tuple[tuple[str, str, str], ...] = ()  # (site, outcome, reason) of failed, missing, invalid pages
    outage: bool = False  # the network was down: its failures are one line, not one per page

    def lines(self) -> list[str]:
        """The summary, the outage line if any, then one line per other page that could not be checked."""
        head = [self.line()] + ([outage_line(self.figures)] if self.outage else [])
        return head + [f"  {outcome}: {site} ({reason})" for site, outcome, reason in self.problems]

    def line(self) -> str:
        return f"run {self.run_id} {self.status}: {figures_text(self.figures)}, {self.seconds:.1f} s"


def scrapy_settings(config: Config, db_url: str, *, log_level: str = "WARNING") -> Settings:
    """Project settings plus what the config file says (contact address, limits)."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    crawl = config.crawl
    settings.setdict(
        {
            "USER_AGENT": crawl.user_agent,
            "CONCURRENT_REQUESTS": max(crawl.concurrency, 16),
            "CONCURRENT_REQUESTS_PER_DOMAIN": min(crawl.per_host, 2),
            "DOWNLOAD_TIMEOUT": crawl.timeout,
            "DOWNLOAD_MAXSIZE": crawl.max_bytes,
            "RETRY_TIMES": crawl.retries,
            "RETRY_BACKOFF_BASE": crawl.retry_backoff,
            "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
            "KOMMUNVAKT_DB": db_url,
            "KOMMUNVAKT_GONE_AFTER": crawl.gone_after,
            "KOMMUNVAKT_DOCUMENTS": config.documents,
            "KOMMUNVAKT_SITE_FURNITURE": crawl.site_furniture,
            "LOG_LEVEL": log_level,
            "SPIDER_MODULES": [],  # we pass the spider class: do not import every spider module to list them
        },
        priority="cmdline",
    )
    return settings


class Progress:
    """One line per site on a terminal; silent otherwise."""

    def __init__(self, total: int, stream: TextIO | None):
        self.total = total
        self.done = 0
        self.stream = stream

    def page_stored(self, site: Any, verdict: Verdict) -> None:
        self.done += 1
        if self.stream is None:
            return
        detail = verdict.error or ", ".join(c.kind for c in verdict.changes)
        line = f"[{self.done}/{self.total}] {site.id}: {verdict.outcome}" + (f" ({detail})" if detail else "")
        print(line, file=self.stream, flush=True)


def run_crawl(
    config: Config,
    db_url: str,
    *,
    sites: Sequence[SiteEntry],
    progress: bool = True,
    trigger: str = "manual",
    verbose: bool = False,
    then: AfterCrawl | None = None,
) -> RunSummary:
    """Crawl and return the run's figures as stored in the database (the caller holds the run lock).

    ``then`` runs once the crawl has finished and stored its run (see :data:`AfterCrawl`); the summary
    is read after it, but only the crawl writes the run's figures.
    """
    started = time.monotonic()
    settings = scrapy_settings(config, db_url, log_level="INFO" if verbose else "WARNING")
    process = CrawlerProcess(settings)
    if not verbose:
        # Download failures are our data (stored, summarised, reported), not log noise; our own errors still show.
        for name in ("scrapy.downloadermiddlewares", "scrapy.core.downloader", "scrapy.spidermiddlewares"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    crawler = process.create_crawler(MunicipalSpider)
    listener = Progress(sum(1 for s in sites if s.located), sys.stderr if progress else None)
    crawler.signals.connect(listener.page_stored, signal=page_stored)
    done = process.crawl(crawler, site_list=list(sites), db=db_url, trigger=trigger, lock_held=True)
    if then is not None:
        after = then

        def chained(_: object) -> Any:
            return after(process, crawler.stats.get_value("kommunvakt/run_id") if crawler.stats else None)

        done.addCallback(chained)
    process.start()
    run_id = crawler.stats.get_value("kommunvakt/run_id") if crawler.stats else None
    return _summary(db_url, run_id, time.monotonic() - started)


def _summary(db_url: str, run_id: int | None, seconds: float) -> RunSummary:
    if run_id is None:
        return RunSummary(None, "failed", seconds=seconds)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            run = session.get_one(CrawlRun, run_id)
            problems = session.execute(
                select(Page.site_id, Fetch.outcome, Fetch.error)
                .join(Fetch, Fetch.page_id == Page.id)
                .where(Fetch.run_id == run_id, Fetch.outcome.in_(PROBLEM_OUTCOMES))
                .order_by(Page.site_id)
            ).all()
            line = RunLine.of(run)
            return RunSummary(
                run_id=run.id,
                status=run.status,
                figures=line.figures,
                seconds=seconds,
                problems=tuple((site, outcome, error or "") for site, outcome, error in problems),
                outage=line.outage,
            )
    finally:
        engine.dispose()
