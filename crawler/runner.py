"""Run one crawl in this process with Scrapy, and say how it went.

Twisted's reactor starts once per process, so a process runs one crawl; the
scheduler and the tests start ``kommunvakt crawl`` as a subprocess per run.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from sqlalchemy import select

from crawler.config import Config
from crawler.documents.judgement import MISSING
from crawler.ops.runs import FIGURES, RunLine, figures_text, outage_line
from crawler.registry import SiteEntry
from crawler.verdict import Verdict
from crawler.vocab import PROBLEM_OUTCOMES, Outcome, outcome_word
from spiders.municipal import MunicipalSpider
from spiders.pipelines import page_stored
from storage.db import make_engine, session_factory
from storage.documents import failing, recovered_in
from storage.models import CrawlRun, DocumentRow, Fetch, Page

#: Work chained after the crawl on the same process (its reactor runs once): given the process and the run's
#: id, it may start another crawler and return its Deferred (the process ends when that ends), or None.
AfterCrawl = Callable[[CrawlerProcess, "int | None"], Any]


#: The documents' figures of a run, from the crawl's stats (spiders/documents.py counts one per outcome);
#: ``invalid``: links that announced a file but answered with a web page (not counted as checked).
DOCUMENT_FIGURES = ("checked", "new", "changed", "unchanged", "missing", "failed", "invalid")


@dataclass(frozen=True)
class RunSummary:
    run_id: int | None
    status: str
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))
    seconds: float = 0.0
    problems: tuple[tuple[str, str, str], ...] = ()  # (site, outcome, reason) of failed, not found and invalid pages
    outage: bool = False  # the network was down: its failures are one line, not one per page
    #: the linked documents asked for in the run, by figure (see :data:`DOCUMENT_FIGURES`)
    documents: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DOCUMENT_FIGURES, 0))
    #: (site, outcome, url, reason) of each document the run could not check
    document_problems: tuple[tuple[str, str, str, str], ...] = ()
    #: (site, url) of each document that was failing and was checked again in the run
    document_recovered: tuple[tuple[str, str], ...] = ()

    def lines(self) -> list[str]:
        """The summary, the outage line if any, then one line per other page that could not be checked; then
        the documents' line and one line per document that could not be checked (when the run asked for any)."""
        head = [self.line()] + ([outage_line(self.figures)] if self.outage else [])
        lines = head + [f"  {outcome_word(outcome)}: {site} ({reason})" for site, outcome, reason in self.problems]
        if any(self.documents.values()):
            lines.append(documents_text(self.documents))
            lines += [
                f"  document {outcome_word(outcome)}: {site} {url} ({reason})"
                for site, outcome, url, reason in self.document_problems
            ]
            lines += [f"  document working again: {site} {url}" for site, url in self.document_recovered]
        return lines

    def line(self) -> str:
        return f"run {self.run_id} {self.status}: {figures_text(self.figures)}, {self.seconds:.1f} s"


def document_figures(stats: dict[str, Any]) -> dict[str, int]:
    """A run's document figures from its Scrapy stats: each outcome's count, 304s among the unchanged."""
    counts = {outcome: int(stats.get(f"kommunvakt/documents/{outcome}", 0)) for outcome in Outcome}
    figures = dict.fromkeys(DOCUMENT_FIGURES, 0)
    for outcome, n in counts.items():
        if outcome.figure in figures:
            figures[outcome.figure] += n
    figures["checked"] = sum(n for outcome, n in counts.items() if outcome is not Outcome.INVALID)
    return figures


def documents_text(figures: dict[str, int]) -> str:
    """The documents' figures in one line, as the pages' line says them."""
    return (
        f"documents: checked {figures['checked']} (new {figures['new']}), unchanged {figures['unchanged']}, "
        f"changed {figures['changed']}, not found {figures['missing']}, failed {figures['failed']}"
    ) + (f", links that were no document {figures['invalid']}" if figures.get("invalid") else "")


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
        line = f"[{self.done}/{self.total}] {site.id}: {outcome_word(verdict.outcome)}" + (
            f" ({detail})" if detail else ""
        )
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
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = _summary(db_url, stats.get("kommunvakt/run_id"), time.monotonic() - started)
    return replace(summary, documents=document_figures(stats))


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
            unchecked = session.execute(
                select(DocumentRow.site_id, DocumentRow.failure, DocumentRow.url, DocumentRow.last_error)
                .where(DocumentRow.tried_run_id == run_id, failing())
                .order_by(DocumentRow.site_id, DocumentRow.url)
            ).all()
            recovered = session.execute(
                select(DocumentRow.site_id, DocumentRow.url)
                .where(recovered_in([run_id]))
                .order_by(DocumentRow.site_id, DocumentRow.url)
            ).all()
            line = RunLine.of(run)
            return RunSummary(
                run_id=run.id,
                status=run.status,
                figures=line.figures,
                seconds=seconds,
                problems=tuple((site, outcome, error or "") for site, outcome, error in problems),
                outage=line.outage,
                document_problems=tuple(
                    (site, Outcome.MISSING if failure == MISSING else Outcome.FAILED, url, error or "")
                    for site, failure, url, error in unchecked
                ),
                document_recovered=tuple((site, url) for site, url in recovered),
            )
    finally:
        engine.dispose()
