"""Read documents in a child process with limits on memory, time and pages (crawler/documents/child.py).

A document is untrusted input for parsers written in Python and C; the child is where a hostile file may
exhaust memory, loop or crash. What happens there is one document's failure: a timeout kills the child, a
crash is reported, and the next document gets a fresh child. The child's life (start, stop, restart) is
:class:`crawler.child_runner.ChildRunner`'s, whose lock serialises the calls.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import queue
import subprocess
import sys

from crawler.child_runner import ChildRunner
from crawler.documents.result import Failure, Reading, Unreadable
from crawler.documents.settings import DocumentSettings
from crawler.documents.wire import Timeout, receive_within, send

log = logging.getLogger(__name__)

CRASHED = "the document reader crashed on this document"


class DocumentReader:
    """A child process that reads documents, restarted after a crash, a timeout or running out of memory."""

    def __init__(self, settings: DocumentSettings | None = None) -> None:
        self.settings = settings or DocumentSettings()
        self.peak_memory_kb = 0  # the largest peak resident memory any child reported
        self.last_cpu_seconds = 0.0  # processor time the child spent on the last document it answered
        command = [sys.executable, "-m", "crawler.documents.child", str(self.settings.memory_bytes)]
        self._runner = ChildRunner(command)  # started on the first document

    def read(self, body: bytes, *, url: str = "", content_type: str | None = None) -> Reading:
        """The document's text, or why it could not be read; never raises for a bad document."""
        digest = hashlib.sha256(body).hexdigest()
        request = (body, digest, url, content_type, self.settings)
        with self._runner.lock:
            for attempt in (1, 2):
                child = self._runner.running()
                assert child.stdin is not None and child.stdout is not None
                try:
                    send(child.stdin, request)
                except OSError as error:  # it had died before it got this document: once more, fresh
                    log.warning("document reader was gone before %s (attempt %d): %s", url, attempt, error)
                    self._runner.stop(kill=True)
                    continue
                return self._answer(child, digest, url)
        return Unreadable(Failure.CRASHED, CRASHED, digest)

    def _answer(self, child: subprocess.Popen[bytes], digest: str, url: str) -> Reading:
        assert child.stdout is not None
        timeout = self.settings.timeout
        try:
            reading, peak_kb, cpu_seconds = receive_within(child.stdout.fileno(), timeout)
        except Timeout:
            self._runner.stop(kill=True)
            return Unreadable(Failure.TIMEOUT, f"took longer than {timeout:g} s to read", digest)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError) as error:
            log.warning("document reader died on %s: %s", url, error)
            self._runner.stop(kill=True)
            return Unreadable(Failure.CRASHED, CRASHED, digest)
        self.peak_memory_kb = max(self.peak_memory_kb, int(peak_kb))
        self.last_cpu_seconds = float(cpu_seconds)
        if isinstance(reading, Unreadable) and reading.failure is Failure.MEMORY:
            self._runner.stop(kill=False)  # it exits after a MemoryError: reap it
        result: Reading = reading
        return result

    @property
    def _child(self) -> subprocess.Popen[bytes] | None:
        """The running child, if any (for tests that kill it)."""
        return self._runner.process

    def close(self) -> None:
        """Let the child finish (it exits when its input ends) and reap it."""
        self._runner.close()

    def __enter__(self) -> DocumentReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DocumentReaders:
    """Up to ``size`` document readers, each started only when a document finds every running one busy:
    :meth:`read` may be called from ``size`` threads at once (a crawl sizes it as its page readers:
    :func:`crawler.page_reader.reader_count`). Each reader keeps its own limits, so the process tree may use
    ``size`` times a reader's memory at most."""

    def __init__(self, settings: DocumentSettings | None = None, size: int = 1) -> None:
        self.size = max(1, size)
        self._readers = [DocumentReader(settings) for _ in range(self.size)]
        self._idle: queue.LifoQueue[DocumentReader] = queue.LifoQueue()
        for reader in reversed(self._readers):  # the first reader on top: warm children are reused first
            self._idle.put(reader)

    @property
    def started(self) -> int:
        """How many readers have a running child."""
        return sum(reader._child is not None for reader in self._readers)

    @property
    def peak_memory_kb(self) -> int:
        return max(reader.peak_memory_kb for reader in self._readers)

    def read(self, body: bytes, *, url: str = "", content_type: str | None = None) -> Reading:
        """Read with the most recently idle reader."""
        reader = self._idle.get()
        try:
            return reader.read(body, url=url, content_type=content_type)
        finally:
            self._idle.put(reader)

    def close(self) -> None:
        for reader in self._readers:
            reader.close()

    def __enter__(self) -> DocumentReaders:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_isolated(
    body: bytes, settings: DocumentSettings | None = None, *, url: str = "", content_type: str | None = None
) -> Reading:
    """One document in a child process of its own (for a command or a test; a crawl keeps one reader)."""
    with DocumentReader(settings) as reader:
        return reader.read(body, url=url, content_type=content_type)
