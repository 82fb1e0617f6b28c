"""The loopback server core shared by every simulated web.

:class:`LoopbackServer` runs an aiohttp app on its own event loop in a
background thread, on many loopback addresses at one port, so a test drives
the web from its own thread while a crawl runs. :class:`HostRoutedWeb` adds
what the discovery webs share: the site picked by the request's Host header,
an optional latency, and a log of every request with when it started and
ended (for robots.txt obedience, per-host concurrency and budgets).
"""

from __future__ import annotations

import asyncio
import errno
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Self, TypeVar

from aiohttp import web

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
"""A minimal PDF, served where a site links a document."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def bind_everywhere(runner: web.AppRunner, addresses: Iterable[str], port: int | None = None) -> int:
    """Serve ``runner`` on every address at one port (``port``, or a free one found by retrying); the port."""
    addresses = list(addresses)
    for _attempt in range(20):
        chosen = port or _free_port()
        started: list[web.TCPSite] = []
        try:
            for address in addresses:
                tcp = web.TCPSite(runner, address, chosen, backlog=256, reuse_address=True)
                await tcp.start()
                started.append(tcp)
        except OSError as exc:
            for tcp in started:
                await tcp.stop()
            if port or exc.errno != errno.EADDRINUSE:
                raise
            continue
        return chosen
    raise OSError(errno.EADDRINUSE, "no port free on every simulated address")


def max_overlap(intervals: Iterable[tuple[float, float | None]]) -> int:
    """Most of the (start, end) intervals open at one time; an end of None is still open."""
    events: list[tuple[float, int]] = []
    for started, ended in intervals:
        events.append((started, 1))
        events.append((ended if ended is not None else float("inf"), -1))
    events.sort(key=lambda e: (e[0], e[1]))
    best = current = 0
    for _, step in events:
        current += step
        best = max(best, current)
    return best


class LoopbackServer:
    """An aiohttp app on its own event loop in a background thread, on many loopback addresses, one port.

    Subclasses say which addresses (:meth:`_addresses`) and which app (:meth:`_app`,
    built on the server's loop); :meth:`_stopping` runs on the loop before shutdown.
    """

    thread_name = "simweb"

    def __init__(self, port: int | None = None) -> None:
        self.port: int | None = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    def _addresses(self) -> Iterable[str]:
        raise NotImplementedError

    def _app(self) -> web.Application:
        raise NotImplementedError

    async def _stopping(self) -> None:
        """Called on the loop before the runner shuts down (e.g. to end streaming answers)."""

    def start(self) -> Self:
        if self._runner is not None:
            return self
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=self.thread_name, daemon=True)
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=120)
        except BaseException:
            self.stop()
            raise
        return self

    async def _serve(self) -> None:
        runner = web.AppRunner(self._app(), access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await runner.setup()
        self._runner = runner
        self.port = await bind_everywhere(runner, self._addresses(), self.port)

    def stop(self) -> None:
        loop = self._loop
        if loop is None:
            return
        runner = self._runner
        if runner is not None:

            async def shutdown() -> None:
                await self._stopping()
                await runner.cleanup()

            asyncio.run_coroutine_threadsafe(shutdown(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=10)
        loop.close()
        self._loop = self._thread = self._runner = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True)
class Hit:
    """One request a host-routed web answered: to which site and loopback host, and when."""

    site_id: str
    host: str
    path: str
    status: int
    started: float
    ended: float


Site = TypeVar("Site")


class HostRoutedWeb(LoopbackServer, Generic[Site]):
    """Sites picked by the Host header's address; subclasses fill ``_by_address`` and write :meth:`_answer`.

    ``_by_address`` maps a loopback address to the site served there and the role
    or host name it stands for there; :attr:`logs_query` says whether the log keeps
    the query string (``request.raw_path``) or only the path.
    """

    logs_query = False

    def __init__(self, *, latency: float = 0.0) -> None:
        super().__init__()
        self.latency = latency
        self.log: list[Hit] = []
        self._by_address: dict[str, tuple[Site, str]] = {}

    def _site_id(self, site: Site) -> str:
        raise NotImplementedError

    def _answer(self, site: Site, where: str, request: web.Request) -> web.Response:
        raise NotImplementedError

    def requests(self, site_id: str | None = None) -> list[Hit]:
        return [h for h in self.log if site_id is None or h.site_id == site_id]

    def max_concurrency(self, host: str | None = None) -> int:
        """Most requests one host (or all hosts together, with None) had open at the same time."""
        return max_overlap((h.started, h.ended) for h in self.log if host is None or h.host == host)

    def max_concurrency_per_host(self) -> int:
        """The most any single host had open at the same time (0 before any request)."""
        return max((self.max_concurrency(host) for host in {h.host for h in self.log}), default=0)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        address = (request.host or "").rsplit(":", 1)[0]
        found = self._by_address.get(address)
        if found is None:
            return web.Response(status=421, text="unknown host")
        site, where = found
        started = time.monotonic()
        if self.latency:
            await asyncio.sleep(self.latency)
        response = self._answer(site, where, request)
        path = request.raw_path if self.logs_query else request.path
        self.log.append(Hit(self._site_id(site), address, path, response.status, started, time.monotonic()))
        return response

    def _addresses(self) -> list[str]:
        return list(self._by_address)

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        return app


def not_found() -> web.Response:
    """The 404 page every simulated site answers with."""
    return web.Response(status=404, text="<h1>Sidan kunde inte hittas</h1>", content_type="text/html")
