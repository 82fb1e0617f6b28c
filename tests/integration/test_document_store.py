"""Storing what a document fetch meant, on SQLite and PostgreSQL: ``checked_at`` is the last confirmation, a
failure's streak begins once, 304s are confirmed in batches, and the report reads a failure as news only in the
run it began, and a recovery only in the run it happened."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.check import check_document
from crawler.documents.normalise import text_hash
from crawler.documents.result import Block, DocumentKind, DocumentText, Failure, Metadata, Unreadable
from crawler.fetch import DocumentFetch
from crawler.registry import SiteEntry
from crawler.report.select import document_failures, document_recoveries
from crawler.runner import _summary
from crawler.vocab import Outcome
from storage.db import make_engine, session_factory
from storage.documents import confirm_documents, document_plans
from storage.migrate import upgrade
from storage.models import DocumentRow, Page
from storage.repository import begin_run, sync_sites

HOME = "http://127.0.0.9:8000/"
SITE = SiteEntry(id="amal", name="Åmåls kommun", home=HOME, url=HOME + "internationellt/")
PLAN = HOME + "dokument/plan.pdf"
NIGHT = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    upgrade(engine)
    made = session_factory(engine)
    sync_sites(made, [SITE])
    yield made
    engine.dispose()


def fetched(night: int, status: int | None = 200, error: str | None = None, url: str = PLAN) -> DocumentFetch:
    return DocumentFetch(
        url=url,
        site_id=SITE.id,
        page_url=SITE.url or "",
        fetched_at=NIGHT + timedelta(days=night),
        link_title="Plan",
        status=status,
        body=b"%PDF-1.7 ..." if status == 200 else b"",
        content_type="application/pdf",
        etag=f'"v{night}"' if status == 200 else None,
        error=error,
    )


def text() -> DocumentText:
    blocks = (Block("Plan för internationellt arbete."),)
    return DocumentText(DocumentKind.PDF, "a" * 64, 100, Metadata(title="Plan"), blocks, text_hash(blocks), 1)


def row(factory: sessionmaker[Session], url: str = PLAN) -> DocumentRow:
    with factory() as session:
        return session.scalars(select(DocumentRow).where(DocumentRow.url == url)).one()


def factory_url(factory: sessionmaker[Session]) -> str:
    """The database's URL, password included, for code that opens its own engine (the crawl summary)."""
    bind = factory.kw["bind"]
    return str(bind.url.render_as_string(hide_password=False))


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back: the stored moments are UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def test_checked_at_is_the_last_confirmation_and_a_failure_begins_once(factory: sessionmaker[Session]) -> None:
    runs = [begin_run(factory) for _ in range(5)]
    check_document(factory, runs[0], fetched(0), text())
    assert as_utc(row(factory).checked_at) == NIGHT and row(factory).tried_run_id == runs[0]

    encrypted = Unreadable(Failure.ENCRYPTED, "encrypted: the document needs a password to be read", "b" * 64)
    assert check_document(factory, runs[1], fetched(1), encrypted).outcome is Outcome.FAILED
    assert check_document(factory, runs[2], fetched(2, None, "timed out after 30 s"), None).outcome is Outcome.FAILED
    failing = row(factory)
    assert as_utc(failing.checked_at) == NIGHT  # two failures later, still the first night's confirmation
    assert as_utc(failing.failing_since) == NIGHT + timedelta(days=1) and failing.failing_run_id == runs[1]
    assert failing.tried_run_id == runs[2] and failing.failure == "fetch"

    # the report: news in the run the failure began, only counted in the next
    with factory() as session:
        [began] = document_failures(session, [runs[1]])
        [going_on] = document_failures(session, [runs[2]])
    assert began.news and began.title == "Plan" and began.failure == "fetch"
    assert not going_on.news and began.key == going_on.key

    assert check_document(factory, runs[3], fetched(3), text()).outcome is Outcome.UNCHANGED
    working = row(factory)
    assert as_utc(working.checked_at) == NIGHT + timedelta(days=3)
    assert working.failure is None and working.last_error is None
    with factory() as session:
        assert document_failures(session, [runs[3]]) == []
        [recovery] = document_recoveries(session, [runs[3]])
    assert as_utc(recovery.since) == NIGHT + timedelta(days=1) and as_utc(recovery.at) == NIGHT + timedelta(days=3)
    assert recovery.title == "Plan" and recovery.run_id == runs[3] and recovery.site_id == SITE.id
    assert not document_plans(factory, [PLAN])[PLAN].failing  # working: its next 304 is confirmed in a batch
    summary = _summary(factory_url(factory), runs[3], 0.0)
    assert summary.document_recovered == ((SITE.id, PLAN),) and summary.document_problems == ()
    assert (
        "  document working again: amal " + PLAN
        in replace(summary, documents={**summary.documents, "checked": 1}).lines()
    )
    assert _summary(factory_url(factory), runs[2], 0.0).document_recovered == ()

    # the night after, a 304 confirmed in a batch: the recovery was told, and is not told again
    assert confirm_documents(factory, runs[4], [PLAN], NIGHT + timedelta(days=4)) == 1
    done = row(factory)
    assert done.failing_since is None and done.failing_run_id is None and done.tried_run_id == runs[4]
    with factory() as session:
        assert document_recoveries(session, [runs[4]]) == [] and document_failures(session, [runs[4]]) == []


def test_a_recovery_is_told_in_its_run_only_and_a_new_failure_is_news_again(factory: sessionmaker[Session]) -> None:
    runs = [begin_run(factory) for _ in range(6)]
    check_document(factory, runs[0], fetched(0), text())
    check_document(factory, runs[1], fetched(1, 503), None)
    assert document_plans(factory, [PLAN])[PLAN].failing  # failing: even a 304 has news, so it is judged
    assert check_document(factory, runs[2], fetched(2, 304), None).outcome is Outcome.NOT_MODIFIED
    with factory() as session:
        [recovery] = document_recoveries(session, [runs[2]])
        assert document_recoveries(session, [runs[1]]) == [] and document_failures(session, [runs[2]]) == []
    assert as_utc(recovery.since) == NIGHT + timedelta(days=1) and as_utc(recovery.at) == NIGHT + timedelta(days=2)

    # failing again the night after the recovery: a new failure, news in its own run, the recovery is over
    check_document(factory, runs[3], fetched(3, 404), None)
    again = row(factory)
    assert as_utc(again.failing_since) == NIGHT + timedelta(days=3) and again.failing_run_id == runs[3]
    with factory() as session:
        [began] = document_failures(session, [runs[3]])
        assert document_recoveries(session, [runs[2], runs[3]]) == []
    assert began.news and began.failure == "missing" and began.key != recovery.key

    # a failure that goes on is not a recovery; a read after it is, once, and the next read ends it
    check_document(factory, runs[4], fetched(4), text())
    with factory() as session:
        [second] = document_recoveries(session, [runs[3], runs[4]])
    assert second.run_id == runs[4] and as_utc(second.since) == NIGHT + timedelta(days=3)
    check_document(factory, runs[5], fetched(5), text())
    assert row(factory).failing_since is None and row(factory).failing_run_id is None
    with factory() as session:
        assert document_recoveries(session, [runs[5]]) == [] and document_failures(session, [runs[5]]) == []


def test_304s_are_confirmed_in_batches_and_a_failing_document_is_not(factory: sessionmaker[Session]) -> None:
    run = begin_run(factory)
    urls = [f"{HOME}dokument/{n}.pdf" for n in range(1200)]  # more than two batches of the IN list
    with factory.begin() as session:
        page_id = session.scalars(select(Page.id).where(Page.site_id == SITE.id)).one()
        session.add_all(DocumentRow(url=url, site_id=SITE.id, page_id=page_id, etag='"1"') for url in urls)
        session.add(DocumentRow(url=PLAN, site_id=SITE.id, page_id=page_id, failing_since=NIGHT, etag='"1"'))
    later = NIGHT + timedelta(days=1)
    assert confirm_documents(factory, run, [*urls, PLAN, urls[0]], later) == len(urls)
    assert as_utc(row(factory, urls[-1]).checked_at) == later and row(factory, urls[700]).tried_run_id == run
    assert row(factory, PLAN).checked_at is None  # failing: a 304 of it goes through the judge instead
