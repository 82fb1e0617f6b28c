"""The narrow interface the crawl uses to read and write its state; it stores, it never judges.

For each page the crawl loads what is known of it (``load_page_state``), asks the pure
judge (:func:`crawler.verdict.evaluate`) and hands the verdict back to ``record_verdict``,
which writes the page's whole contribution to a run (fetch row, snapshot, changes, page
state) in ONE transaction: a crash between pages leaves whole pages or nothing. The crawl writes its pages
through a :class:`PageBatch`, several pages to a transaction, each page still whole.
"""

from __future__ import annotations

import hashlib
import os
import socket
import zlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.clock import utcnow
from crawler.fetch import FetchResult
from crawler.judgement import PageState, Verdict
from crawler.record import PageRecord
from crawler.vocab import Outcome
from crawler.volatile import WINDOW_DAYS, WINDOW_VERSIONS
from storage.db import transaction
from storage.locks import pid_alive
from storage.models import ChangeRow, CrawlRun, Fetch, Page, SiteRow, Snapshot
from storage.queries import as_utc, run_figures

if TYPE_CHECKING:  # only named in annotations: storage does not load the registry (and its extraction check)
    from crawler.registry import SiteEntry


@dataclass(frozen=True)
class FetchPlan:
    """What the spider needs to request a page: where, and the validators of the last good fetch."""

    url: str
    etag: str | None
    last_modified: str | None


def sync_sites(factory: sessionmaker[Session], sites: Sequence[SiteEntry]) -> None:
    """Mirror the sites file into the database; a changed ``url`` in the file starts the page afresh."""
    with transaction(factory) as session:
        rows = {row.id: row for row in session.scalars(select(SiteRow))}
        pages = {page.site_id: page for page in session.scalars(select(Page))}
        for site in sites:
            row = rows.get(site.id) or SiteRow(id=site.id)
            row.name, row.code, row.county, row.home, row.url = (
                site.name,
                site.code,
                site.county,
                site.home,
                site.url,
            )
            session.add(row)
            if site.url is None:
                continue
            page = pages.get(site.id)
            if page is None:
                page = Page(site_id=site.id, registry_url=site.url, url=site.url, missing_count=0, gone=False)
                page.url_state = _file_state(site)
                session.add(page)
            elif page.registry_url != site.url:
                page.registry_url = page.url = site.url
                page.etag = page.last_modified = None
                page.missing_count, page.gone = 0, False
                page.url_state = _file_state(site)
            else:
                page.url_state = _kept_state(page, site)


def _file_state(site: SiteEntry) -> str:
    """A url without a state in the sites file is confirmed."""
    return site.state or "confirmed"


def _kept_state(page: Page, site: SiteEntry) -> str:
    """The state of an address the database has seen before, as the sites file now says it.

    The file can promote an address to confirmed; it cannot undo what the crawl learnt of a candidate
    (verified, invalid). A confirmed page now called a candidate counts as verified once it has a version.
    """
    if _file_state(site) == "confirmed":
        return "confirmed"
    if page.url_state == "confirmed":
        return "verified" if page.last_snapshot_id is not None else "candidate"
    return page.url_state


def fetch_plans(factory: sessionmaker[Session], site_ids: Iterable[str]) -> dict[str, FetchPlan]:
    """What to request for these sites; a candidate address found invalid is not fetched again (discovery's)."""
    wanted = set(site_ids)
    with factory() as session:
        pages = session.scalars(select(Page).where(Page.site_id.in_(wanted), Page.url_state != "invalid"))
        return {p.site_id: FetchPlan(p.url, p.etag, p.last_modified) for p in pages}


def begin_run(factory: sessionmaker[Session], trigger: str = "manual") -> int:
    with transaction(factory) as session:
        run = CrawlRun(
            started_at=utcnow(), status="running", trigger=trigger, pid=os.getpid(), host=socket.gethostname()
        )
        session.add(run)
        session.flush()
        return run.id


def run_errors(factory: sessionmaker[Session], run_id: int) -> list[str | None]:
    """The error of each fetch stored in the run (None: the page answered), for judging an outage."""
    with factory() as session:
        return list(session.scalars(select(Fetch.error).where(Fetch.run_id == run_id)))


def finish_run(
    factory: sessionmaker[Session],
    run_id: int,
    status: str,
    not_located: int,
    *,
    outage: bool = False,
    unreached: Collection[str] = (),
) -> CrawlRun:
    """Close the run with figures counted from what was really stored.

    The caller has judged the run first (:func:`crawler.check.close_run`): ``outage`` says the network was
    down, and ``unreached`` which failure reasons mean no host could be reached; in an outage the failures
    with those reasons are recorded as ``unreached`` before the figures are counted.
    """
    with transaction(factory) as session:
        run = session.get_one(CrawlRun, run_id)
        run.outage = outage
        if outage:
            _mark_unreached(session, run_id, unreached)
        run.status = status
        run.finished_at = utcnow()
        for name, value in run_figures(session, run_id).items():
            setattr(run, name, value)
        run.not_located = not_located
        return run


def _mark_unreached(session: Session, run_id: int, unreached: Collection[str]) -> None:
    """In an outage, the network failures become ``unreached``: not the sites' failures.

    A page that started failing in this run has that start undone, so neither this night's report nor the
    next good night's ("answers again") speaks of it; a page failing since before keeps its history.
    """
    rows = session.execute(
        select(Fetch, Page)
        .join(Page, Page.id == Fetch.page_id)
        .where(Fetch.run_id == run_id, Fetch.outcome == Outcome.FAILED)
    ).all()
    for fetch, page in rows:
        if fetch.error not in unreached:
            continue
        fetch.outcome = Outcome.UNREACHED
        if page.failing_since is not None and as_utc(page.failing_since) == as_utc(fetch.fetched_at):
            page.failing_since = None
            page.last_error = None


def close_abandoned_runs(factory: sessionmaker[Session], *, holding_lock: bool = False) -> list[int]:
    """Mark runs left "running" by a killed process as interrupted, so history tells the truth.

    With the crawl lock held no other crawl can be running, so every run still
    marked running was abandoned. Without it, only the runs of processes that
    no longer exist on this host are judged (another machine's run is its own).
    """
    closed: list[int] = []
    with transaction(factory) as session:
        for run in session.scalars(select(CrawlRun).where(CrawlRun.status == "running")):
            if not holding_lock and not is_abandoned(run):
                continue
            run.status = "interrupted"
            run.finished_at = run.finished_at or utcnow()
            run.note = ABANDONED_NOTE
            closed.append(run.id)
    return closed


ABANDONED_NOTE = "process ended without closing the run"


def is_abandoned(run: CrawlRun) -> bool:
    """A run still marked running whose process, on this host, no longer exists (read-only check)."""
    pid = run.pid
    return (
        run.status == "running"
        and run.host == socket.gethostname()
        and pid is not None
        and pid > 0
        and not pid_alive(pid)
    )


class StaleState(RuntimeError):
    """The page changed between loading its state and recording the verdict (another writer: never expected
    while the crawl lock is held). Nothing of the page is written; the next run judges it afresh."""


def load_page_state(
    factory: sessionmaker[Session], site: SiteEntry, *, compare: bool, fetch: FetchResult | None = None
) -> PageState:
    """What storage knows of the site's page before this fetch, in one read transaction.

    ``compare``: the fetch has a body to compare with the last version (:func:`crawler.verdict.needs_reading`);
    only then is the last version's record loaded, and, given the ``fetch``, whether its body is that
    version's bytes from that version's address.
    """
    with factory() as session:
        page = session.scalars(select(Page).where(Page.site_id == site.id)).one()
        last = session.get(Snapshot, page.last_snapshot_id) if compare and page.last_snapshot_id is not None else None
        history = versions_before(session, last) if last is not None else ()
        return _state(page, site, last, fetch, history)


def versions_before(session: Session, last: Snapshot) -> tuple[PageRecord, ...]:
    """The page's versions stored before ``last`` in the WINDOW_DAYS before it, at most WINDOW_VERSIONS, oldest
    first: the window in which :mod:`crawler.volatile` tells prose that changes on its own. Only their records
    are loaded, and only for a fetch that is compared (the page's bytes changed)."""
    rows = session.scalars(
        select(Snapshot.record)
        .where(
            Snapshot.page_id == last.page_id,
            Snapshot.id < last.id,
            Snapshot.taken_at >= last.taken_at - timedelta(days=WINDOW_DAYS),
        )
        .order_by(Snapshot.id.desc())
        .limit(WINDOW_VERSIONS)
    ).all()
    return tuple(PageRecord.from_json(raw) for raw in reversed(rows))


def _state(
    page: Page,
    site: SiteEntry,
    last: Snapshot | None,
    fetch: FetchResult | None,
    history: tuple[PageRecord, ...] = (),
) -> PageState:
    return PageState(
        url=page.url,
        home=site.home,
        missing_count=page.missing_count,
        gone=page.gone,
        last_record=PageRecord.from_json(last.record) if last else None,
        history=history,
        last_hash=last.content_hash if last else None,
        candidate=page.url_state == "candidate",
        last_snapshot_id=page.last_snapshot_id,
        same_body=last is not None and fetch is not None and _same_body(last, fetch),
        last_furniture=last.furniture if last else None,
    )


def _same_body(snapshot: Snapshot, fetch: FetchResult) -> bool:
    """Whether the fetch served the snapshot's bytes, from its address, with its Content-Type (the reading's
    inputs: the bytes, how to decode them and the address links are read against).

    Told by the stored length and SHA-256, without loading or decompressing the stored body; a version
    without them (its body could not be decompressed when migration 0011 ran) is never the same: the
    page is then read, which is always right, only slower."""
    return (
        snapshot.body_sha256 is not None
        and snapshot.url == (fetch.final_url or fetch.url)
        and snapshot.content_type == fetch.content_type
        and snapshot.body_size == len(fetch.body)
        and snapshot.body_sha256 == hashlib.sha256(fetch.body).hexdigest()
    )


def record_judged(
    factory: sessionmaker[Session],
    run_id: int,
    site: SiteEntry,
    fetch: FetchResult,
    judge: Callable[[PageState], Verdict],
) -> Verdict:
    """Load the page's state, have ``judge`` judge the fetch against it and record the verdict, in ONE
    transaction: for a fetch with no body to read (a 304, a 404, a failure), where nothing happens between
    loading and judging. Half the database work of :func:`load_page_state` then :func:`record_verdict`."""
    with transaction(factory) as session:
        page = session.scalars(select(Page).where(Page.site_id == site.id)).one()
        state = _state(page, site, None, None)
        verdict = judge(state)
        _record(session, page, run_id, fetch, state, verdict)
        return verdict


def record_verdict(
    factory: sessionmaker[Session],
    run_id: int,
    site_id: str,
    fetch: FetchResult,
    state: PageState,
    verdict: Verdict,
    *,
    furniture: str | None = None,
) -> None:
    """Write everything a verdict implies for the page, atomically: a snapshot when it carries a new record, the
    fetch row, its changes and the page's new state. ``state`` is what the verdict was judged against;
    ``furniture`` the digest of the site furniture the new record was read with (:mod:`crawler.home`)."""
    with transaction(factory) as session:
        page = session.scalars(select(Page).where(Page.site_id == site_id)).one()
        _record(session, page, run_id, fetch, state, verdict, furniture)


class BatchLost(RuntimeError):
    """A batch's other pages could not be written again after one page failed: none of them is stored."""

    def __init__(self, pages: int) -> None:
        super().__init__(f"the database refused a batch of {pages} pages")
        self.pages = pages


@dataclass(frozen=True)
class _Written:
    """A page's verdict as written into a batch: enough to write it again, without judging it again."""

    run_id: int
    site_id: str
    fetch: FetchResult
    state: PageState
    verdict: Verdict
    furniture: str | None = None


class PageBatch:
    """Several pages' writes in ONE transaction (issue 17): a night of 304s commits once per batch, not per page.

    Each page is still whole or absent: its rows are flushed as it is added, so a page the database refuses
    fails alone (the transaction is rolled back and the batch's other pages are written again, from the states
    they were judged against: nothing is judged twice). Nothing in a batch is done until :meth:`commit`
    returns: a crash before that loses the batch whole, and the next run judges those pages afresh. The crawl
    acknowledges a page (its stats, its run figures) only after its batch committed (spiders/store.py).
    """

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        self._session: Session | None = None
        self._written: list[_Written] = []

    def __len__(self) -> int:
        return len(self._written)

    def record_judged(
        self, run_id: int, site: SiteEntry, fetch: FetchResult, judge: Callable[[PageState], Verdict]
    ) -> Verdict:
        """:func:`record_judged`, in the batch's transaction."""
        session = self._open()
        page = session.scalars(select(Page).where(Page.site_id == site.id)).one()
        state = _state(page, site, None, None)
        verdict = judge(state)
        self._add(_Written(run_id, site.id, fetch, state, verdict))
        return verdict

    def record_verdict(
        self,
        run_id: int,
        site_id: str,
        fetch: FetchResult,
        state: PageState,
        verdict: Verdict,
        *,
        furniture: str | None = None,
    ) -> None:
        """:func:`record_verdict`, in the batch's transaction."""
        self._add(_Written(run_id, site_id, fetch, state, verdict, furniture))

    def commit(self) -> None:
        """Make the batch's pages durable together; on failure none of them is (the error is raised)."""
        session, self._session, self._written = self._session, None, []
        if session is None:
            return
        try:
            session.commit()
        finally:
            session.close()

    def rollback(self) -> None:
        session, self._session, self._written = self._session, None, []
        if session is not None:
            session.rollback()
            session.close()

    def _open(self) -> Session:
        if self._session is None:
            self._session = self.factory()
            self._session.begin()
        return self._session

    def _add(self, written: _Written) -> None:
        try:
            self._write(self._open(), written)
        except StaleState:
            raise  # refused before anything of the page was written: the batch's transaction is untouched
        except Exception:
            earlier = self._written
            self.rollback()
            try:
                for other in earlier:  # the others again, in a new transaction
                    self._write(self._open(), other)
                    self._written.append(other)
            except Exception as again:
                self.rollback()
                raise BatchLost(len(earlier)) from again
            raise
        self._written.append(written)

    @staticmethod
    def _write(session: Session, written: _Written) -> None:
        page = session.scalars(select(Page).where(Page.site_id == written.site_id)).one()
        _record(session, page, written.run_id, written.fetch, written.state, written.verdict, written.furniture)
        session.flush()


def _record(
    session: Session,
    page: Page,
    run_id: int,
    fetch: FetchResult,
    state: PageState,
    verdict: Verdict,
    furniture: str | None = None,
) -> None:
    site_id = page.site_id
    if page.last_snapshot_id != state.last_snapshot_id:
        raise StaleState(f"page {site_id} has another version than the one it was judged against")
    now = fetch.fetched_at
    snapshot = None
    if verdict.record is not None:
        snapshot = Snapshot(
            page_id=page.id,
            run_id=run_id,
            taken_at=now,
            url=fetch.final_url or fetch.url,
            content_hash=verdict.record.content_hash(),
            html_z=zlib.compress(fetch.body, 3),  # level 3: ~3x faster than 6 on a 100 KB page, 9 % larger
            content_type=fetch.content_type,  # so reprocessing decodes the bytes as the crawl did
            text=verdict.record.normalised_text(),
            record=verdict.record.to_json(),
            body_size=len(fetch.body),
            body_sha256=hashlib.sha256(fetch.body).hexdigest(),
            furniture=furniture,
        )
        session.add(snapshot)
        session.flush()
    current_snapshot_id = snapshot.id if snapshot else page.last_snapshot_id
    news = verdict.good and fetch.status != 304  # a 304 only confirms the validators that were sent
    session.add(
        Fetch(
            run_id=run_id,
            page_id=page.id,
            fetched_at=now,
            outcome=verdict.outcome,
            status=fetch.status,
            error=(verdict.error or "")[:500] or None,
            duration_ms=fetch.duration_ms,
            bytes=len(fetch.body) if fetch.status else None,
            # validators only when they are news: an unchanged night repeats the page's own (issue 17)
            etag=fetch.etag if news and fetch.etag != page.etag else None,
            last_modified=fetch.last_modified if news and fetch.last_modified != page.last_modified else None,
            final_url=fetch.final_url if fetch.final_url and fetch.final_url != fetch.url else None,
            snapshot_id=current_snapshot_id if verdict.good else None,
        )
    )
    for change in verdict.changes:
        session.add(
            ChangeRow(
                run_id=run_id,
                site_id=site_id,
                page_id=page.id,
                url=verdict.new_url or page.url,
                kind=change.kind,
                old=change.old,
                new=change.new,
                detail=change.detail,
                detected_at=now,
                old_snapshot_id=page.last_snapshot_id,
                new_snapshot_id=current_snapshot_id,
            )
        )
    _update_page(page, fetch, verdict, snapshot, now)


def _update_page(page: Page, fetch: FetchResult, verdict: Verdict, snapshot: Snapshot | None, now: datetime) -> None:
    page.missing_count = verdict.missing_count
    page.gone = verdict.gone
    if page.url_state == "candidate" and (verdict.good or verdict.invalid):
        page.url_state = "verified" if verdict.good else "invalid"
    if verdict.new_url:
        page.url = verdict.new_url
    if snapshot is not None:
        page.last_snapshot_id = snapshot.id
    if verdict.good:
        if fetch.status != 304:  # a 304 confirms the validators we sent
            page.etag, page.last_modified = fetch.etag, fetch.last_modified
        page.failing_since = None
        page.last_error = None
    elif verdict.invalid:  # not a failing page: an address that was never the page (discovery takes over)
        page.failing_since = None
        page.last_error = verdict.error
    else:
        page.failing_since = page.failing_since or now
        page.last_error = verdict.error
