"""The database side of one crawl: schema ready, sites mirrored, run opened, plans read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from crawler.registry import Site
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.repository import FetchPlan, begin_run, close_abandoned_runs, fetch_plans, sync_sites


@dataclass
class CrawlContext:
    engine: Engine
    factory: sessionmaker[Session]
    run_id: int
    sites: dict[str, Site]
    plans: dict[str, FetchPlan]
    not_located: int
    abandoned_runs: list[int] = field(default_factory=list)

    @classmethod
    def open(cls, db: str | None, sites: Sequence[Site], trigger: str = "manual") -> CrawlContext:
        """Prepare a run; a crawl on an empty database creates the schema itself."""
        engine = make_engine(db)
        upgrade(engine)
        factory = session_factory(engine)
        abandoned = close_abandoned_runs(factory)
        sync_sites(factory, sites)
        run_id = begin_run(factory, trigger)
        located = [s for s in sites if s.located]
        return cls(
            engine=engine,
            factory=factory,
            run_id=run_id,
            sites={s.id: s for s in sites},
            plans=fetch_plans(factory, [s.id for s in located]),
            not_located=len(sites) - len(located),
            abandoned_runs=abandoned,
        )
