"""The crawl's one database thread, committing pages in groups (issue 17: a night's rows written in batches)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from storage.repository import BatchLost, PageBatch

T = TypeVar("T")

#: Pages at most in one transaction: bounds what a crash loses (nothing acknowledged) and how long the
#: database's write lock is held at a time.
BATCH_LIMIT = 64


class StoreThread(Executor):
    """ONE thread does all of a crawl's database work, in order (SQLite has one writer anyway), off the thread
    that drives the downloads.

    Pages are written into a :class:`~storage.repository.PageBatch` (:meth:`batched`) and committed together
    when the batch holds :data:`BATCH_LIMIT` pages or when no more work waits: group commit, so a trickle of
    pages commits each at once and a flood shares transactions. A page's future resolves only when its batch
    has committed, so whatever the crawl counts is stored. Any other job (:meth:`submit`, as
    ``loop.run_in_executor`` calls it) first commits the batch, so it never waits on the batch's own write lock
    and sees every page before it; :meth:`read` is for reads of pages not in the batch, which need no commit.
    """

    def __init__(self, limit: int = BATCH_LIMIT) -> None:
        self.limit = limit
        self.commits = 0  # batches committed
        self.pages = 0  # pages committed in them
        self._inner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kommunvakt-store")
        self._lock = threading.Lock()
        self._waiting = 0  # jobs queued and not yet started
        self._batch: PageBatch | None = None
        self._acks: list[tuple[Future[Any], Any]] = []  # pages in the open batch and what each returns

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """A job of its own: the open batch is committed first."""

        def job() -> T:
            self._commit()
            return fn(*args, **kwargs)

        return self._queue(job)

    def read(self, fn: Callable[[], T]) -> Future[T]:
        """A read of pages that are not in the open batch: it runs without committing it."""
        return self._queue(fn)

    def batched(self, factory: sessionmaker[Session], write: Callable[[PageBatch], T]) -> Future[T]:
        """``write`` one page into the open batch; the future resolves when the batch has committed."""
        page: Future[T] = Future()

        def job() -> None:
            if self._batch is None:
                self._batch = PageBatch(factory)
            try:
                result = write(self._batch)
            except BatchLost as lost:  # the batch's other pages are gone with this one
                self._fail(lost)
                page.set_exception(lost)
            except Exception as exc:  # this page alone: the batch holds the others still
                page.set_exception(exc)
            else:
                self._acks.append((page, result))
            if len(self._acks) >= self.limit:
                self._commit()

        self._queue(job)
        return page

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._queue(self._commit)
        self._inner.shutdown(wait=wait, cancel_futures=cancel_futures)

    def _queue(self, fn: Callable[[], T]) -> Future[T]:
        with self._lock:
            self._waiting += 1

        def run() -> T:
            with self._lock:
                self._waiting -= 1
            try:
                return fn()
            finally:
                with self._lock:
                    idle = self._waiting == 0
                if idle:  # nothing else waits: never leave a batch open while the thread is idle
                    self._commit()

        return self._inner.submit(run)

    def _commit(self) -> None:
        batch, acks, self._acks = self._batch, self._acks, []
        if batch is None or not acks:
            return
        try:
            batch.commit()
        except Exception as exc:
            for page, _ in acks:
                page.set_exception(exc)
            return
        self.commits += 1
        self.pages += len(acks)
        for page, result in acks:
            page.set_result(result)

    def _fail(self, error: BaseException) -> None:
        acks, self._acks = self._acks, []
        for page, _ in acks:
            page.set_exception(error)
