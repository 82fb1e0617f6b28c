"""A night's pages committed in groups (issue 17), on SQLite and PostgreSQL: one transaction for many pages,
nothing of a page visible or acknowledged before its group is stored, and a page the database refuses fails
alone."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.check import check_unread
from crawler.fetch import FetchResult
from crawler.judgement import Verdict
from crawler.registry import SiteEntry
from spiders.store import StoreThread
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import Fetch, Page
from storage.repository import PageBatch, begin_run, sync_sites

from support import count

SITES = [
    SiteEntry(id=f"kommun{i}", name=f"Kommun {i}", code=None, county=None, home=None, url=f"http://127.0.0.9/{i}/")
    for i in range(12)
]


@pytest.fixture
def store(db_url: str) -> Iterator:
    engine = make_engine(db_url)
    upgrade(engine)
    factory = session_factory(engine)
    sync_sites(factory, SITES)
    yield engine, factory
    engine.dispose()


def not_modified(site: SiteEntry) -> FetchResult:
    assert site.url is not None
    return FetchResult(site_id=site.id, url=site.url, fetched_at=datetime.now(UTC), status=304, body=b"")


def not_modified_into(factory: sessionmaker[Session], run: int, site: SiteEntry) -> Callable[[PageBatch], Verdict]:
    """Writes a 304 of ``site`` into a batch, as the crawl's pipeline does."""
    return lambda batch: check_unread(factory, run, site, not_modified(site), batch=batch)


def hold(thread: StoreThread) -> threading.Event:
    """Keep the store thread busy until the returned event is set, so the jobs queued meanwhile wait together."""
    release, started = threading.Event(), threading.Event()

    def job() -> None:
        started.set()
        release.wait(30)

    thread.read(job)
    assert started.wait(30)
    return release


def test_pages_that_arrive_together_share_one_commit_and_count_only_once_stored(store) -> None:
    engine, factory = store
    run = begin_run(factory)
    thread = StoreThread()
    release = hold(thread)
    pages = [thread.batched(factory, not_modified_into(factory, run, site)) for site in SITES[:10]]
    seen_before_commit: Future[int] = thread.read(lambda: count(engine, Fetch))  # queued last: the batch is open
    release.set()
    assert seen_before_commit.result(30) == 0  # written, not committed: another connection sees nothing
    verdicts = [page.result(30) for page in pages]
    thread.shutdown(wait=True)
    assert [v.outcome for v in verdicts] == ["not_modified"] * 10
    assert (thread.commits, thread.pages) == (1, 10)
    assert count(engine, Fetch, Fetch.run_id == run) == 10


def test_a_trickle_of_pages_commits_each_at_once(store) -> None:
    """Group commit adds no wait: a page alone in the queue is stored before the next one comes."""
    engine, factory = store
    run = begin_run(factory)
    thread = StoreThread()
    for n, site in enumerate(SITES[:3], start=1):
        page = thread.batched(factory, not_modified_into(factory, run, site))
        assert page.result(30).outcome == "not_modified"
        assert count(engine, Fetch) == n
    thread.shutdown(wait=True)
    assert thread.commits == 3


def test_a_batch_never_holds_more_than_its_limit(store) -> None:
    engine, factory = store
    run = begin_run(factory)
    thread = StoreThread(limit=4)
    release = hold(thread)
    pages = [thread.batched(factory, not_modified_into(factory, run, site)) for site in SITES[:10]]
    release.set()
    for page in pages:
        page.result(30)
    thread.shutdown(wait=True)
    assert (thread.commits, thread.pages) == (3, 10)  # 4 + 4 + 2
    assert count(engine, Fetch) == 10


def test_a_page_the_database_refuses_fails_alone(store) -> None:
    """The refused page's rows were already in the transaction: it is rolled back and the others written again."""
    engine, factory = store
    run = begin_run(factory)
    thread = StoreThread()
    release = hold(thread)

    def refused(batch) -> Verdict:  # a fetch row without its moment: the database refuses it at the flush
        site = SITES[5]
        broken = not_modified(site)
        object.__setattr__(broken, "fetched_at", None)
        return check_unread(factory, run, site, broken, batch=batch)

    pages = [
        thread.batched(factory, refused)
        if site is SITES[5]
        else thread.batched(factory, not_modified_into(factory, run, site))
        for site in SITES[:10]
    ]
    other_job = thread.submit(lambda: "done")  # any other job commits the open batch first
    release.set()
    assert other_job.result(30) == "done"
    outcomes: list[str] = []
    for page in pages:
        try:
            outcomes.append(page.result(30).outcome)
        except Exception as exc:
            outcomes.append(type(exc).__name__)
    thread.shutdown(wait=True)
    assert outcomes[5] == "IntegrityError" and outcomes[:5] + outcomes[6:] == ["not_modified"] * 9
    with factory() as session:
        stored = set(session.scalars(select(Page.site_id).join(Fetch, Fetch.page_id == Page.id)))
    assert stored == {site.id for site in SITES[:10]} - {SITES[5].id}
    # the refused page is judged afresh next time, from a state nothing of it touched
    assert check_unread(factory, run, SITES[5], not_modified(SITES[5])).outcome == "not_modified"
    assert count(engine, Fetch) == 10
