"""Read fetched pages in a child process, so the crawl uses the machine's second core.

A crawl is bound by one core: Scrapy drives the downloads on it, and reading a
page (lxml parse, region cut, BeautifulSoup, extraction: ~8 ms for 100 KB)
competes with them for the GIL. :class:`PageReader` hands each body to a child
Python process (``python -m crawler.page_reader``) and waits for its
:data:`~crawler.extract.result.Reading` (:func:`crawler.extract.reading.read_fetch`, the one read path);
the main process only downloads, judges and stores. The parsers (BeautifulSoup, dateparser, phonenumbers) are
loaded in the child alone, which keeps the two processes together about as
large as one that did everything.

The child starts with the first page that needs reading: a night of 304s starts none. :class:`PageReaders`
keeps one reader per core the downloads leave free (one on two cores), each started only when the pages
outrun the ones already running. Each child caps its own address space once its parsers are loaded
(:data:`READER_MEMORY_MB`): a page that needs more ends in a :class:`MemoryError` there, answered as that
page's failure, and the child exits so the next page gets a fresh one.

The protocol is length-prefixed pickles over the child's stdin/stdout; both
ends are this module. A page the child cannot read comes back as
:class:`~crawler.extract.result.Unreadable`, never as an exception, so the page is recorded as failed (not changed).
If the child dies (a parser crash, the OOM killer), it is restarted and the page
tried once more; a page that kills it twice is recorded as failed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any, TypeVar

from crawler.child_runner import ChildRunner
from crawler.extract.result import Reading, Unreadable
from crawler.fetch import FetchResult

log = logging.getLogger(__name__)

CRASHED = "the page reader crashed on this page"
READ_FAILED = "the page could not be read (an error in the reader; the crawl log has the details)"
#: The address space one reader may use. Loaded and warm it uses about 50 MB; a 5 MB page (the crawl's
#: DOWNLOAD_MAXSIZE) parses in well under 200 MB more. Only a pathological page meets the cap.
READER_MEMORY_MB = 512
_HEADER = 8  # bytes of big-endian frame length
#: the kinds of request the child answers (the first item of each request tuple)
PAGE, STORED, HOME = "page", "stored", "home"
_T = TypeVar("_T")


@dataclass(frozen=True)
class StoredBody:
    """A stored version's bytes as the crawl served them to the reader: read again with tonight's furniture."""

    body: bytes
    content_type: str | None
    url: str


def out_of_memory(memory_mb: int) -> str:
    return f"the page needed more than the {memory_mb} MB of memory a page reader may use"


class PageReader:
    """A child process that reads pages, started by the first :meth:`read`; one request at a time (calls are
    serialised by the runner's lock). The child's life (start, stop after a crash, close) is
    :class:`~crawler.child_runner.ChildRunner`'s, as for the document reader."""

    def __init__(self, memory_mb: int = READER_MEMORY_MB) -> None:
        self.memory_mb = memory_mb
        self._runner = ChildRunner(lambda: [sys.executable, "-m", "crawler.page_reader", str(memory_mb)])

    @property
    def started(self) -> bool:
        """Whether a child is running (it is not before the first page, nor after a crash until the next)."""
        return self._runner.process is not None

    @property
    def _child(self) -> subprocess.Popen[bytes] | None:
        return self._runner.process

    def read(
        self,
        fetch: FetchResult,
        *,
        home_url: str | None,
        main: str | None = None,
        ignore: Sequence[str] = (),
        furniture: frozenset[str] = frozenset(),
    ) -> Reading:
        """The page's reading; :class:`Unreadable` (:data:`CRASHED`) when the child could not read it.
        ``furniture``: the site's home-page fingerprints (:mod:`crawler.home`) the page is read with."""
        return self._call((PAGE, fetch, home_url, main, tuple(ignore), furniture), fetch.url)

    def reread(
        self,
        stored: StoredBody,
        *,
        main: str | None = None,
        ignore: Sequence[str] = (),
        furniture: frozenset[str] = frozenset(),
    ) -> Reading:
        """A stored version's record read again from its bytes (with other furniture than it was stored with)."""
        return self._call((STORED, stored, main, tuple(ignore), furniture), stored.url)

    def furniture(self, fetch: FetchResult) -> frozenset[str] | Unreadable:
        """The fingerprints of a fetched home page's boxes; :class:`Unreadable` when it is not an HTML page."""
        answer = self._call((HOME, fetch), fetch.url)
        return answer if isinstance(answer, frozenset | Unreadable) else Unreadable(READ_FAILED)

    def _call(self, request: tuple[Any, ...], url: str) -> Any:
        with self._runner.lock:
            for attempt in (1, 2):
                try:
                    fresh = self._runner.process is None
                    child = self._runner.running()  # RuntimeError once closed: a bug in the caller, not a page
                    if fresh:
                        log.info("page reader started (pid %d)", child.pid)
                    return _ask(child, request)
                except (OSError, EOFError, ValueError, pickle.UnpicklingError) as error:
                    log.warning("page reader died on %s (attempt %d): %s", url, attempt, error)
                    self._runner.stop(kill=True)  # the next attempt, or the next page, starts a fresh one
        return Unreadable(CRASHED)

    def close(self) -> None:
        """Let the child finish (it exits when its input ends) and reap it."""
        self._runner.close()

    def _stop(self, *, kill: bool) -> None:
        self._runner.stop(kill=kill)

    def __enter__(self) -> PageReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _ask(child: subprocess.Popen[bytes], request: tuple[Any, ...]) -> Reading | frozenset[str]:
    if child.stdin is None or child.stdout is None:
        raise EOFError("page reader is closed")
    _send(child.stdin, request)
    answer = _receive(child.stdout)
    if not isinstance(answer, Reading | frozenset):  # only this module writes the protocol: a bug, not a page
        raise ValueError(f"page reader answered {type(answer).__name__}")
    return answer


#: More readers than this would outrun the crawl process itself: one reader reads 85-90 pages a second, and the
#: crawl process downloads, judges and stores about 200 (issue 17's measurements); each reader is ~50-80 MB.
MAX_READERS = 3


def reader_count(cores: int | None = None) -> int:
    """How many readers a crawl may run: one per core beyond the one that drives the downloads, at least one,
    at most :data:`MAX_READERS`.

    >>> [reader_count(n) for n in (1, 2, 3, 16)]
    [1, 1, 2, 3]
    """
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(MAX_READERS, max(1, cores - 1))


class PageReaders:
    """Up to ``size`` readers (:func:`reader_count` by default), each started only when a page finds every
    running one busy: :meth:`read` may be called from ``size`` threads at once."""

    def __init__(self, size: int | None = None, memory_mb: int = READER_MEMORY_MB) -> None:
        self.size = size or reader_count()
        self._readers = [PageReader(memory_mb) for _ in range(self.size)]
        self._idle: queue.LifoQueue[PageReader] = queue.LifoQueue()
        for reader in reversed(self._readers):  # the first reader on top: it is the one started first
            self._idle.put(reader)

    @property
    def started(self) -> int:
        """How many readers have a running child."""
        return sum(reader.started for reader in self._readers)

    def read(
        self,
        fetch: FetchResult,
        *,
        home_url: str | None,
        main: str | None = None,
        ignore: Sequence[str] = (),
        furniture: frozenset[str] = frozenset(),
    ) -> Reading:
        """Read with the most recently idle reader: a busy crawl reuses warm children before it starts new ones."""
        return self._with_reader(
            lambda reader: reader.read(fetch, home_url=home_url, main=main, ignore=ignore, furniture=furniture)
        )

    def reread(
        self,
        stored: StoredBody,
        *,
        main: str | None = None,
        ignore: Sequence[str] = (),
        furniture: frozenset[str] = frozenset(),
    ) -> Reading:
        """:meth:`PageReader.reread` with the most recently idle reader."""
        return self._with_reader(lambda reader: reader.reread(stored, main=main, ignore=ignore, furniture=furniture))

    def furniture(self, fetch: FetchResult) -> frozenset[str] | Unreadable:
        """:meth:`PageReader.furniture` with the most recently idle reader."""
        return self._with_reader(lambda reader: reader.furniture(fetch))

    def _with_reader(self, ask: Callable[[PageReader], _T]) -> _T:
        reader = self._idle.get()
        try:
            return ask(reader)
        finally:
            self._idle.put(reader)

    def close(self) -> None:
        for reader in self._readers:
            reader.close()

    def __enter__(self) -> PageReaders:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_HEADER, "big"))
    stream.write(data)  # not concatenated: a 100 KB body is not copied once more
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        raise EOFError("page reader closed its output")
    size = int.from_bytes(header, "big")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("page reader closed its output mid-answer")
    return pickle.loads(data)


def serve(requests: IO[bytes], answers: IO[bytes], memory_mb: int | None = None) -> None:
    """The child's loop: read each request, answer with its reading, until the input ends.

    ``memory_mb``: cap this process's address space there once the parsers are loaded; a page that needs more
    is answered as unreadable and the loop ends (the parent starts a fresh reader for the next page).
    """
    from crawler.extract.reading import warm_up

    warm_up()  # load date and phone data before the cap, and before the first page is waiting
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            request = _receive(requests)
        except EOFError:
            return
        url = request[1].url
        try:
            answer: Reading | frozenset[str] = _answer(request)
        except Exception as error:
            if memory_mb and (isinstance(error, MemoryError) or _peak_mb() >= _NEAR_CAP * memory_mb):
                # lxml reports a failed allocation as a parse error ("unknown error"): the peak tells them apart
                del request
                with contextlib.suppress(OSError):
                    _send(answers, Unreadable(out_of_memory(memory_mb)))
                return  # what is left of this process's heap is no use to the next page
            log.exception("could not read %s", url)
            answer = Unreadable(READ_FAILED)
        del request
        try:
            _send(answers, answer)
        except OSError:  # the crawl is gone (killed): nobody is waiting for the answer
            return


def _answer(request: tuple[Any, ...]) -> Reading | frozenset[str]:
    """One request of the protocol: a fetched page (:data:`PAGE`), a stored version read again (:data:`STORED`),
    or a site's home page whose boxes are fingerprinted (:data:`HOME`)."""
    from crawler.extract.body import open_body
    from crawler.extract.furniture import site_furniture
    from crawler.extract.reading import read_body, read_fetch

    kind = request[0]
    if kind == PAGE:
        _, fetch, home_url, main, ignore, furniture = request
        return read_fetch(fetch, home_url=home_url, main=main, ignore=ignore, furniture=furniture)
    if kind == STORED:
        _, stored, main, ignore, furniture = request
        return read_body(stored.body, stored.content_type, stored.url, main=main, ignore=ignore, furniture=furniture)
    _, fetch = request
    html = open_body(fetch.body, fetch.content_type)  # sniffed and decoded as a page is: a PDF is no home page
    if isinstance(html, Unreadable):
        return html
    return site_furniture(html) if html.strip() else frozenset()


#: A reading that fails once the reader's address space has come this close to its cap ran out of memory.
_NEAR_CAP = 0.75


def _peak_mb() -> float:
    """The peak address space of this process (VmPeak) in MB; 0 where /proc does not say."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmPeak:")), 0.0)
    except (OSError, ValueError, IndexError):
        return 0.0


def _main() -> None:
    # Ctrl-C and SIGTERM reach the whole process group; the parent decides when reading stops
    # (it closes our input), so a page in hand is always answered.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # BeautifulSoup imports charset-normalizer to guess the encoding of bytes; the reader only ever hands it
    # decoded text (crawler.extract.encoding decides the charset), so the 4 MB detector is kept out.
    sys.modules.setdefault("charset_normalizer", None)  # type: ignore[arg-type]
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the protocol
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s [page reader] %(levelname)s: %(message)s")
    serve(sys.stdin.buffer, answers, memory_mb=int(sys.argv[1]) if len(sys.argv) > 1 else None)


if __name__ == "__main__":
    _main()
