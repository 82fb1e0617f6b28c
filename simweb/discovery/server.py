"""DiscoveryWeb: the 290-site web for ``kommunvakt discover``, served on loopback.

Each site has its own loopback address (127.1.x.y; sites whose apex redirects
to a www-like host also get 127.2.x.y), all on one port, and the site is
chosen by the Host header. Like the simulated web (and with its
:class:`~simweb.municipal.server.LoopbackServer` machinery), aiohttp runs on its
own loop in a background thread; the request log records every request, with
when it started and ended, so tests can check robots.txt obedience, per-host
concurrency and budgets.

This is a separate server from ``simweb.municipal.SimulatedWeb`` because that
one serves one watched page per site, while discovery needs hundreds of
pages, sitemaps and redirects per site; the page content and the registry
come from the simulated web's builders.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from simweb.discovery.plan import SitePlan, build_plans
from simweb.discovery.render import internal_path, page_html, public_path, robots_txt, sitemap_files
from simweb.municipal.builders import dump_sites
from simweb.municipal.server import LoopbackServer, max_overlap

_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def main_address(index: int) -> str:
    return f"127.1.{index // 250}.{index % 250 + 1}"


def www_address(index: int) -> str:
    return f"127.2.{index // 250}.{index % 250 + 1}"


@dataclass(frozen=True)
class Hit:
    site_id: str
    host: str
    path: str
    status: int
    started: float
    ended: float


class DiscoveryWeb(LoopbackServer):
    """Serve ``plans`` (default: all 290 municipalities) until :meth:`stop`."""

    thread_name = "discovery-web"

    def __init__(self, plans: list[SitePlan] | None = None, *, latency: float = 0.0) -> None:
        super().__init__()
        self.plans = {p.id: p for p in (plans if plans is not None else build_plans())}
        self.latency = latency
        self.log: list[Hit] = []
        self._by_address: dict[str, tuple[SitePlan, str]] = {}
        for plan in self.plans.values():
            self._by_address[main_address(plan.index)] = (plan, "main")
            if plan.redirect == "www":
                self._by_address[www_address(plan.index)] = (plan, "www")

    # ------------------------------------------------------------------ addresses

    def base(self, site_id: str) -> str:
        """Where the site's pages live (after any apex -> www redirect)."""
        plan = self.plans[site_id]
        address = www_address(plan.index) if plan.redirect == "www" else main_address(plan.index)
        return f"http://{address}:{self.port}"

    def home_url(self, site_id: str) -> str:
        return f"http://{main_address(self.plans[site_id].index)}:{self.port}/"

    def url(self, site_id: str, path: str) -> str:
        return self.base(site_id) + public_path(self.plans[site_id], path)

    def truth(self, site_id: str) -> str:
        return self.url(site_id, self.plans[site_id].true_path)

    def decoy_urls(self, site_id: str) -> dict[str, str]:
        return {kind: self.url(site_id, path) for kind, path in self.plans[site_id].decoys.items()}

    def write_sites_file(self, path: str | Path, only: Iterable[str] | None = None) -> Path:
        """A sites file with every site's home page and no url (all "not located yet")."""
        wanted = set(only) if only is not None else None
        entries = [
            {"id": p.id, "name": p.name, "code": p.code, "county": p.county, "home": self.home_url(p.id)}
            for p in self.plans.values()
            if wanted is None or p.id in wanted
        ]
        return dump_sites(Path(path), entries, "The discovery web: home pages only, for kommunvakt discover.")

    def requests(self, site_id: str | None = None) -> list[Hit]:
        return [h for h in self.log if site_id is None or h.site_id == site_id]

    def max_concurrency(self, host: str | None = None) -> int:
        """Most requests one host (or all hosts together, with None) had open at the same time."""
        return max_overlap((h.started, h.ended) for h in self.log if host is None or h.host == host)

    def max_concurrency_per_host(self) -> int:
        """The most any single host had open at the same time (0 before any request)."""
        return max((self.max_concurrency(host) for host in {h.host for h in self.log}), default=0)

    # ------------------------------------------------------------------ serving

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host = (request.host or "").rsplit(":", 1)[0]
        found = self._by_address.get(host)
        if found is None:
            return web.Response(status=421, text="unknown host")
        plan, role = found
        started = time.monotonic()
        if self.latency:
            await asyncio.sleep(self.latency)
        response = self._answer(plan, role, request.path)
        self.log.append(Hit(plan.id, host, request.path, response.status, started, time.monotonic()))
        return response

    def _answer(self, plan: SitePlan, role: str, path: str) -> web.Response:
        base = self.base(plan.id)
        if plan.redirect == "www" and role == "main":
            return web.Response(status=301, headers={"Location": base + path})
        if path == "/robots.txt":
            return web.Response(text=robots_txt(plan, base), content_type="text/plain")
        files = sitemap_files(plan, base) if "sitemap" in path else {}
        if path in files:
            body, content_type = files[path]
            return web.Response(body=body, content_type=content_type)
        if plan.redirect == "start":
            if path == "/":
                return web.Response(status=302, headers={"Location": "/start/"})
            if path == "/start/":
                path = "/"
        spec = plan.pages.get(internal_path(plan, path))
        if spec is None:
            return web.Response(status=404, text="<h1>Sidan kunde inte hittas</h1>", content_type="text/html")
        if spec.kind == "decoy:pdf":
            return web.Response(body=_PDF, content_type="application/pdf")
        return web.Response(text=page_html(plan, spec), content_type="text/html", charset="utf-8")

    def _addresses(self) -> list[str]:
        return list(self._by_address)

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        return app
