"""One page's way from its download to the database, and a run's end: storage loads, the judge decides,
storage records what it is told.

    fetch (spiders.municipal) -> load_page_state (storage.repository)
      -> read (crawler.page_reader: read_fetch in a child process; not when the body is the stored version's)
      -> evaluate (crawler.verdict, pure) -> record_verdict   (storage.repository)

and each document a watched page links to (crawler/documents/select.py chooses them) the same way:

    fetch (spiders.municipal) -> read (crawler.documents.reader, a child process with limits)
      -> load_document_state -> evaluate_document (crawler.documents.judge) -> record_document (storage.documents)

The crawl's pipeline (:class:`spiders.pipelines.StorePipeline`) calls :func:`load_state` and :func:`judge_page`
once per page on its writer thread, and reads between them (:func:`check_unread` when there is nothing to read),
and (through spiders/documents.py) :func:`check_document` once per document; the crawl's resources
(:class:`spiders.resources.CrawlResources`) call :func:`close_run`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from crawler.documents import result as document_result
from crawler.documents.judge import evaluate_document
from crawler.documents.judge import needs_reading as document_needs_reading
from crawler.documents.judgement import DocumentVerdict
from crawler.extract.result import Reading
from crawler.fetch import DocumentFetch, FetchResult
from crawler.judgement import PageState
from crawler.registry import SiteEntry
from crawler.verdict import Verdict, evaluate, is_outage, needs_reading, unreachable
from storage.documents import load_document_state, record_document
from storage.models import CrawlRun
from storage.repository import (
    PageBatch,
    finish_run,
    load_page_state,
    record_judged,
    record_verdict,
    run_errors,
)


def check_page(
    factory: sessionmaker[Session],
    run_id: int,
    site: SiteEntry,
    fetch: FetchResult,
    reading: Reading | None,
    *,
    gone_after: int = 2,
) -> Verdict:
    """Judge one fetch against the stored page and record the verdict (one transaction for the writes).

    ``reading``: what :func:`crawler.extract.reading.read_fetch` made of the body; None when
    :func:`crawler.verdict.needs_reading` is false (there is no body to read) or the body is the stored
    version's bytes. The crawl's pipeline calls the two halves, :func:`load_state` and :func:`judge_page`,
    so that it reads the body only when it must.
    """
    if not needs_reading(fetch):
        return check_unread(factory, run_id, site, fetch, gone_after=gone_after)
    return judge_page(factory, run_id, site, fetch, load_state(factory, site, fetch), reading, gone_after=gone_after)


def check_unread(
    factory: sessionmaker[Session],
    run_id: int,
    site: SiteEntry,
    fetch: FetchResult,
    *,
    gone_after: int = 2,
    batch: PageBatch | None = None,
) -> Verdict:
    """A fetch with no body to read (a 304, a 404, a failure): loaded, judged and recorded in one transaction,
    or in the ``batch``'s (then it is stored when the batch commits)."""

    def judge(state: PageState) -> Verdict:
        return evaluate(fetch, state, None, gone_after=gone_after)

    if batch is not None:
        return batch.record_judged(run_id, site, fetch, judge)
    return record_judged(factory, run_id, site, fetch, judge)


def load_state(factory: sessionmaker[Session], site: SiteEntry, fetch: FetchResult) -> PageState:
    """What is stored of the page, as this fetch is judged against it: with the last version's record when the
    fetch has a body, and whether that body is the last version's bytes (then it need not be read)."""
    return load_page_state(factory, site, compare=needs_reading(fetch), fetch=fetch)


def judge_page(
    factory: sessionmaker[Session],
    run_id: int,
    site: SiteEntry,
    fetch: FetchResult,
    state: PageState,
    reading: Reading | None,
    *,
    gone_after: int = 2,
    batch: PageBatch | None = None,
    furniture: str | None = None,
) -> Verdict:
    """Judge a fetch against the state :func:`load_state` gave and record the verdict (one transaction, or the
    ``batch``'s).

    ``furniture``: the digest of the site furniture ``reading`` was made with (:mod:`crawler.home`); the caller
    has made ``state`` hold a record read with the same furniture (see :class:`spiders.pipelines.StorePipeline`).
    """
    verdict = evaluate(fetch, state, reading, gone_after=gone_after)
    if batch is not None:
        batch.record_verdict(run_id, site.id, fetch, state, verdict, furniture=furniture)
    else:
        record_verdict(factory, run_id, site.id, fetch, state, verdict, furniture=furniture)
    return verdict


def check_document(
    factory: sessionmaker[Session],
    run_id: int,
    fetch: DocumentFetch,
    reading: document_result.Reading | None,
    *,
    keep_file: bool = False,
) -> DocumentVerdict:
    """Judge one document fetch against its last stored version and record the verdict (one transaction).

    ``reading``: what the document reader (crawler/documents/reader.py) made of the body; None when there was
    no body to read (:func:`crawler.documents.judge.needs_reading` is false).
    """
    state = load_document_state(factory, fetch.url, compare=document_needs_reading(fetch))
    verdict = evaluate_document(fetch, state, reading)
    record_document(factory, run_id, fetch, state, verdict, keep_file=keep_file)
    return verdict


def close_run(factory: sessionmaker[Session], run_id: int, status: str, not_located: int) -> CrawlRun:
    """Close the run; first judge from its stored fetches whether the network on our side was down."""
    errors = run_errors(factory, run_id)
    unreached = {error for error in errors if error is not None and unreachable(error)}
    return finish_run(factory, run_id, status, not_located, outage=is_outage(errors), unreached=unreached)
