"""The crawl's reader process: reads pages exactly as the crawl would in-process, survives its own death,
and keeps the parsers out of the crawl's main process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from crawler.extract.reading import read_fetch
from crawler.extract.result import Unreadable
from crawler.fetch import FetchResult
from crawler.page_reader import CRASHED, READ_FAILED, PageReader, PageReaders, out_of_memory
from crawler.record import PageRecord
from simweb.municipal import Noise, content, load_seed, render_bytes
from simweb.municipal.content import PageContent
from simweb.municipal.markup import SiteProfile

URL = "http://127.0.0.9:8000/kommun-och-politik/internationellt-arbete/"
HOME = "http://127.0.0.9:8000/"


def seed_fetch(seed: str = "trollhattan", cms: str = "sitevision", page: PageContent | None = None) -> FetchResult:
    """A 200 response carrying a seed municipality's page (or ``page``) in one of the CMS markups."""
    profile = SiteProfile(id=seed, name=seed.title(), short=seed.title(), domain=f"{seed}.se", cms=cms)
    body, content_type = render_bytes(page or load_seed(seed).content, profile, Noise(), 0, request_no=0)
    return FetchResult(
        site_id=seed, url=URL, final_url=URL, fetched_at=datetime.now(UTC), status=200, body=body,
        content_type=content_type,
    )  # fmt: skip


@pytest.fixture
def reader() -> Iterator[PageReader]:
    with PageReader() as page_reader:
        yield page_reader


def test_reads_every_markup_as_the_in_process_reader_does(reader: PageReader) -> None:
    for seed, cms in [("trollhattan", "sitevision"), ("amal", "episerver"), ("hylte", "wordpress")]:
        fetch = seed_fetch(seed, cms)
        record = reader.read(fetch, home_url=HOME)
        assert isinstance(record, PageRecord) and record.title
        assert record == read_fetch(fetch, home_url=HOME)


def test_a_page_that_is_not_the_page_comes_back_as_a_reason(reader: PageReader) -> None:
    fetch = seed_fetch()
    fetch.body = b"<html><head><title>Sidan kunde inte hittas</title></head><body><h1>404</h1></body></html>"
    assert reader.read(fetch, home_url=HOME) == Unreadable("soft 404")


def test_an_error_while_reading_is_a_failure_reason_and_the_reader_lives_on(reader: PageReader) -> None:
    # Extraction copes with any markup; a body that is not bytes at all makes the child's reading raise.
    broken = seed_fetch()
    broken.body = None  # type: ignore[assignment]
    # words, not the exception's repr (that goes to the crawl log)
    assert reader.read(broken, home_url=HOME) == Unreadable(READ_FAILED)
    assert isinstance(reader.read(seed_fetch(), home_url=HOME), PageRecord)


def test_a_killed_reader_is_restarted_and_the_page_read(reader: PageReader) -> None:
    assert isinstance(reader.read(seed_fetch(), home_url=HOME), PageRecord)
    first = reader._child
    assert first is not None
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    record = reader.read(seed_fetch("amal", "episerver"), home_url=HOME)
    assert isinstance(record, PageRecord) and record.contacts
    assert reader._child is not None and reader._child.pid != first.pid


def test_a_reader_that_cannot_start_fails_the_page_instead_of_the_crawl(monkeypatch: pytest.MonkeyPatch) -> None:
    # A child that exits at once (here: a Python that cannot find the module) is what a broken install looks like.
    monkeypatch.setattr(sys, "executable", "/bin/false")
    with PageReader() as broken:
        assert broken.read(seed_fetch(), home_url=HOME) == Unreadable(CRASHED)


def test_close_ends_the_child_for_good() -> None:
    page_reader = PageReader()
    assert isinstance(page_reader.read(seed_fetch(), home_url=HOME), PageRecord)
    child = page_reader._child
    assert child is not None
    page_reader.close()
    assert child.poll() is not None
    with pytest.raises(RuntimeError, match="closed"):
        page_reader.read(seed_fetch(), home_url=HOME)
    assert page_reader._child is None, "a closed reader must not start another child"


def test_a_reader_that_cannot_even_be_started_fails_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    with PageReader() as page_reader:
        page_reader._stop(kill=True)
        monkeypatch.setattr(sys, "executable", "/nonexistent/python")  # Popen raises FileNotFoundError
        assert page_reader.read(seed_fetch(), home_url=HOME) == Unreadable(CRASHED)
        monkeypatch.undo()
        assert isinstance(page_reader.read(seed_fetch(), home_url=HOME), PageRecord), "the next page starts a reader"


def test_the_crawl_process_does_not_load_the_parsers() -> None:
    """The point of the reader process: BeautifulSoup, dateparser and phonenumbers live only in the child."""
    script = (
        "import sys, crawler.cli.crawl, crawler.runner, spiders.pipelines, spiders.municipal, spiders.discover\n"
        "import spiders.resources, storage.repository, crawler.check, crawler.verdict, crawler.diff\n"
        "print(sorted(m for m in ('bs4', 'dateparser', 'phonenumbers', 'email_validator') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_content_edits_reach_the_reader(reader: PageReader) -> None:
    """A coordinator replaced on the page is seen by the child (the record is the page's, not a cached one)."""
    base = load_seed("trollhattan").content
    replaced = content.replace_contact(base, 0, content.Person("Sara Lind", ("Internationell samordnare",)))
    record = reader.read(seed_fetch(page=replaced), home_url=HOME)
    assert isinstance(record, PageRecord)
    assert [c.name for c in record.contacts] == ["Sara Lind"]


def test_a_reader_starts_with_the_first_page_it_must_read() -> None:
    """A night of 304s reads nothing, so it must not pay for a process that loads the parsers (issue 17)."""
    with PageReader() as page_reader:
        assert not page_reader.started and page_reader._child is None
        assert isinstance(page_reader.read(seed_fetch(), home_url=HOME), PageRecord)
        assert page_reader.started


def test_readers_start_only_when_the_pages_outrun_them() -> None:
    """One page at a time never needs a second reader, however many the machine's cores allow."""
    with PageReaders(size=3) as readers:
        assert readers.started == 0
        for seed, cms in [("trollhattan", "sitevision"), ("amal", "episerver"), ("hylte", "wordpress")]:
            assert isinstance(readers.read(seed_fetch(seed, cms), home_url=HOME), PageRecord)
        assert readers.started == 1


def test_a_page_that_needs_more_memory_than_a_reader_may_use_fails_alone() -> None:
    """The reader's address space is capped: a page that would need more is that page's failure (not the OOM
    killer's choice of a process), and the next page is read by a fresh reader."""
    # A warm reader's address space is about 80 MB; reading an 8 MB paragraph takes it well past 120 MB.
    with PageReader(memory_mb=120) as page_reader:
        assert isinstance(page_reader.read(seed_fetch(), home_url=HOME), PageRecord)
        first = page_reader._child
        assert first is not None
        huge = seed_fetch()
        huge.body = huge.body.replace(b"</body>", b"<p>" + b"ordet internationellt " * 400_000 + b"</p></body>")
        assert page_reader.read(huge, home_url=HOME) == Unreadable(out_of_memory(120))
        record = page_reader.read(seed_fetch("amal", "episerver"), home_url=HOME)
        assert isinstance(record, PageRecord) and record.contacts
        assert page_reader._child is not None and page_reader._child.pid != first.pid
