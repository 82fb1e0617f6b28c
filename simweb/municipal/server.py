"""SimulatedWeb: many municipal sites on loopback, one address each, one shared port.

aiohttp runs on its own asyncio loop in a background thread, so a test can
drive the web (edit pages, inject faults, read the request log) from its own
thread while a crawl runs in-process or as a subprocess. That machinery
(:class:`~simweb.loopback.LoopbackServer`) is shared with the discovery webs
(``simweb.discovery``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from aiohttp import web

from crawler.record import PageRecord
from simweb.loopback import LoopbackServer, max_overlap
from simweb.municipal.content import PageContent, to_record
from simweb.municipal.handler import Handler, RequestRecord
from simweb.municipal.markup import SiteProfile
from simweb.municipal.noise import Noise
from simweb.municipal.site import EPOCH, Fault, SimFile, SimSite


def site_address(index: int) -> str:
    """Loopback address of the ``index``-th site: 127.0.0.2 … 127.0.0.255, then 127.0.1.2 …"""
    block, k = divmod(index, 254)
    return f"127.0.{block}.{k + 2}"


class SimulatedWeb(LoopbackServer):
    """A set of simulated municipal sites served over HTTP on loopback.

    Use as a context manager, or call :meth:`start` / :meth:`stop`. Build one
    with :meth:`from_seeds` or :meth:`municipalities` (see ``builders``), or
    add sites yourself with :meth:`add_site` before starting.
    """

    def __init__(self, *, latency: float = 0.0, port: int | None = None) -> None:
        super().__init__(port)
        self.latency = latency
        self.pages_held = False  # while True, requests for watched pages wait (see Handler._while_held)
        self._sites: dict[str, SimSite] = {}
        self._log: list[RequestRecord] = []
        self._night = 0
        self._files_put = 0
        self._stop_event: asyncio.Event | None = None

    # ------------------------------------------------------------------ building

    @classmethod
    def from_seeds(cls, **kwargs: Any) -> SimulatedWeb:
        """The five real municipalities, CMS markups rotating (see builders.from_seeds)."""
        from simweb.municipal.builders import from_seeds

        return from_seeds(**kwargs)

    @classmethod
    def municipalities(cls, n: int = 290, page_kb: int = 100, latency: float = 0.1, **kwargs: Any) -> SimulatedWeb:
        """``n`` of Sweden's 290 municipalities, for benchmarks (see builders.municipalities)."""
        from simweb.municipal.builders import municipalities

        return municipalities(n=n, page_kb=page_kb, latency=latency, **kwargs)

    def add_site(
        self,
        profile: SiteProfile,
        content: PageContent,
        *,
        code: str = "",
        county: str = "",
        noise: Noise | None = None,
    ) -> SimSite:
        if self._runner is not None:
            raise RuntimeError("add sites before start()")
        if profile.id in self._sites:
            raise ValueError(f"duplicate site id {profile.id!r}")
        site = SimSite(profile, site_address(len(self._sites)), code, county, content, noise or Noise())
        self._sites[profile.id] = site
        return site

    # ------------------------------------------------------------------ lifecycle

    def _addresses(self) -> list[str]:
        return [s.address for s in self._sites.values()]

    def _app(self) -> web.Application:
        self._stop_event = asyncio.Event()
        by_address = {s.address: s for s in self._sites.values()}
        handler = Handler(by_address, self._log, lambda: self.latency, self._stop_event, lambda: self.pages_held)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler.__call__)
        return app

    async def _stopping(self) -> None:
        if self._stop_event is not None:
            self._stop_event.set()

    # ------------------------------------------------------------------ addresses

    @property
    def site_ids(self) -> list[str]:
        return list(self._sites)

    def site(self, site_id: str) -> SimSite:
        return self._sites[site_id]

    def address(self, site_id: str) -> str:
        return self._sites[site_id].address

    def home_url(self, site_id: str) -> str:
        if self.port is None:
            raise RuntimeError("the port is known after start()")
        return f"http://{self.address(site_id)}:{self.port}/"

    def page_url(self, site_id: str) -> str:
        site = self._sites[site_id]
        return self.home_url(site_id).rstrip("/") + (site.moved_to() or site.profile.page_path)

    # ------------------------------------------------------------------ versions

    @property
    def current_night(self) -> int:
        return self._night

    def night(self, n: int) -> None:
        """Go to night ``n``: planned edits up to ``n`` apply, noise takes that night's values."""
        self._night = n
        for site in self._sites.values():
            site.go_to_night(n)

    def advance(self) -> int:
        self.night(self._night + 1)
        return self._night

    def content(self, site_id: str) -> PageContent:
        return self._sites[site_id].content

    def edit(self, site_id: str, fn: Callable[[PageContent], PageContent], *, night: int | None = None) -> None:
        """Change a site's page now (or from ``night`` on) with a PageContent -> PageContent function."""
        self._sites[site_id].edit(fn, night)

    def set_noise(self, site_id: str | None, noise: Noise) -> None:
        """Set the noise of one site, or of every site when ``site_id`` is None."""
        for site in self._targets(site_id):
            site.noise = noise

    def expected_record(self, site_id: str) -> PageRecord:
        """What a perfect extractor should make of the page as served now."""
        return to_record(self.content(site_id), self.page_url(site_id))

    # ------------------------------------------------------------------ behaviour

    def fault(self, site_id: str, kind: str | int, **options: Any) -> Fault:
        """Inject a fault: a kind of ``site.FAULT_KINDS`` or an HTTP status (``fault(id, 503, times=2)``)."""
        fault = Fault("status", status=kind, **options) if isinstance(kind, int) else Fault(kind, **options)
        self._sites[site_id].add_fault(fault)
        return fault

    def clear_faults(self, site_id: str | None = None) -> None:
        for site in self._targets(site_id):
            site.clear_faults()

    def set_robots(self, site_id: str | None, disallow: Iterable[str]) -> None:
        for site in self._targets(site_id):
            site.disallow = list(disallow)

    def set_validators(self, site_id: str | None, enabled: bool) -> None:
        """Serve ETag/Last-Modified (and answer 304) or not."""
        for site in self._targets(site_id):
            site.validators = enabled

    def set_home_boxes(self, site_id: str, boxes: Iterable[str]) -> None:
        """Boxes of HTML the site's home page carries from now on (its menus, contact centre, popular pages)."""
        self._sites[site_id].home_boxes = tuple(boxes)

    def set_article_boxes(self, site_id: str, boxes: Iterable[str]) -> None:
        """Boxes of HTML the site's page carries inside its article, right after its <h1>, from now on."""
        self._sites[site_id].article_boxes = tuple(boxes)

    def put_file(self, site_id: str, path: str, body: bytes, content_type: str | None = "application/pdf") -> None:
        """Serve ``body`` at ``path`` from now on (a new file, or a new version under the same address); its
        Last-Modified is this night's, a second later for each file put."""
        self._files_put += 1
        modified = EPOCH + dt.timedelta(days=self._night, seconds=self._files_put)
        self._sites[site_id].files[path] = SimFile(body, content_type, modified)

    def remove_file(self, site_id: str, path: str) -> None:
        """Stop serving the file (it answers 404 from now on)."""
        self._sites[site_id].files.pop(path, None)

    def file_url(self, site_id: str, path: str) -> str:
        return self.home_url(site_id).rstrip("/") + path

    def warm(self) -> None:
        """Render every site's current page now (so a benchmark does not time our rendering)."""
        for site in self._sites.values():
            site.rendered()

    def _targets(self, site_id: str | None) -> list[SimSite]:
        return list(self._sites.values()) if site_id is None else [self._sites[site_id]]

    # ------------------------------------------------------------------ request log

    def requests(self, site_id: str | None = None) -> list[RequestRecord]:
        """Requests seen so far (all sites, or one), oldest first."""
        return [r for r in list(self._log) if site_id is None or r.site_id == site_id]

    def clear_requests(self) -> None:
        self._log.clear()

    def max_concurrency(self, site_id: str | None = None) -> int:
        """Most requests one host (or all hosts together, with None) had open at the same time."""
        return max_overlap((r.started, r.ended) for r in self.requests(site_id))

    def write_sites_file(self, path: str | Path, only: Iterable[str] | None = None, located: bool = True) -> Path:
        from simweb.municipal.builders import write_sites_file

        return write_sites_file(self, Path(path), only=only, located=located)
