"""The database side of one crawl: lock held, schema ready, sites mirrored, run opened, plans read.

Opened and closed by :class:`spiders.resources.CrawlResources` (a Scrapy extension); the spider only reads the
plans from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from crawler.home import HomeFurniture
from crawler.lock import run_lock
from crawler.registry import SiteEntry
from storage.db import make_engine, session_factory
from storage.discovered import with_discovered
from storage.furniture import load_furniture
from storage.migrate import upgrade
from storage.repository import FetchPlan, begin_run, close_abandoned_runs, fetch_plans, sync_sites


@dataclass(frozen=True)
class CrawlOrder:
    """What a crawl was asked to do (the spider's arguments): which sites, into which database, who asked.

    ``take_lock``: hold the crawl lock for the run. `kommunvakt crawl` takes it before starting Scrapy, so it
    passes False; `scrapy crawl municipal` has it taken here.

    ``discovered``: lay the pages the crawl's own discovery watches over ``sites``
    (:func:`storage.discovered.with_discovered`), once the lock is held. `kommunvakt crawl` has done it already
    and passes False; `scrapy crawl municipal` asks for it, so both entry points crawl the same registry.
    """

    sites: Sequence[SiteEntry]
    db: str | None
    trigger: str = "manual"
    take_lock: bool = True
    discovered: bool = False


@dataclass
class CrawlContext:
    engine: Engine
    factory: sessionmaker[Session]
    run_id: int
    sites: dict[str, SiteEntry]
    plans: dict[str, FetchPlan]
    not_located: int
    abandoned_runs: list[int] = field(default_factory=list)
    # each site's last known home-page furniture (crawler.home); the pipeline replaces it when the home changed
    furniture: dict[str, HomeFurniture] = field(default_factory=dict)
    held: ExitStack = field(default_factory=ExitStack)  # the run lock, when this crawl took it itself

    @classmethod
    def open(cls, order: CrawlOrder) -> CrawlContext:
        """Prepare a run; a crawl on an empty database creates the schema itself.

        Raises ``LockHeld`` when the order takes the lock and another run has it. Either way the lock is held
        from here on.
        """
        engine = make_engine(order.db)
        held = ExitStack()
        try:
            upgrade(engine)
            if order.take_lock:
                held.enter_context(run_lock(engine, "crawl"))
            factory = session_factory(engine)
            abandoned = close_abandoned_runs(factory, holding_lock=True)  # we hold the crawl lock here
            sites = with_discovered(factory, order.sites) if order.discovered else list(order.sites)
            sync_sites(factory, sites)
            run_id = begin_run(factory, order.trigger)
            plans = fetch_plans(factory, [s.id for s in sites if s.located])
            furniture = load_furniture(factory, plans)
        except BaseException:
            held.close()
            engine.dispose()
            raise
        return cls(
            engine=engine,
            factory=factory,
            run_id=run_id,
            sites={s.id: s for s in sites},
            plans=plans,
            not_located=len(sites) - len(plans),  # no url, or a candidate url found invalid before
            abandoned_runs=abandoned,
            held=held,
            furniture=furniture,
        )

    def close(self) -> None:
        """Release the lock (if this crawl took it) and the database connections."""
        self.held.close()
        self.engine.dispose()
