"""DiscoveryWeb: the 290-site web for ``kommunvakt discover``, served on loopback.

Each site has its own loopback address (127.1.x.y; sites whose apex redirects
to a www-like host also get 127.2.x.y), all on one port, and the site is
chosen by the Host header. Like the simulated web, aiohttp runs on its own
loop in a background thread; the request log records every request so
tests can check robots.txt obedience, per-host concurrency and budgets.

This is a separate server from ``crawler.simweb.SimulatedWeb`` because that
one serves one watched page per site, while discovery needs hundreds of
pages, sitemaps and redirects per site; the page content and the registry
come from the simulated web's builders.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from crawler.simweb_discovery.plan import SitePlan, build_plans
from crawler.simweb_discovery.render import internal_path, page_html, public_path, robots_txt, sitemap_files

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
    at: float


class DiscoveryWeb:
    """Serve ``plans`` (default: all 290 municipalities) until :meth:`stop`."""

    def __init__(self, plans: list[SitePlan] | None = None, *, latency: float = 0.0) -> None:
        self.plans = {p.id: p for p in (plans if plans is not None else build_plans())}
        self.latency = latency
        self.port: int | None = None
        self.log: list[Hit] = []
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self._by_address: dict[str, tuple[SitePlan, str]] = {}
        for plan in self.plans.values():
            self._by_address[main_address(plan.index)] = (plan, "main")
            if plan.redirect == "www":
                self._by_address[www_address(plan.index)] = (plan, "www")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None

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
        lines = ["# The discovery web: home pages only, for kommunvakt discover.", ""]
        for plan in self.plans.values():
            if wanted is not None and plan.id not in wanted:
                continue
            lines += [
                f"- id: {plan.id}",
                f"  name: {plan.name}",
                f'  code: "{plan.code}"',
                f"  county: {plan.county}",
                f"  home: {self.home_url(plan.id)}",
            ]
        out = Path(path)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return out

    def requests(self, site_id: str | None = None) -> list[Hit]:
        return [h for h in self.log if site_id is None or h.site_id == site_id]

    # ------------------------------------------------------------------ serving

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host = (request.host or "").rsplit(":", 1)[0]
        found = self._by_address.get(host)
        if found is None:
            return web.Response(status=421, text="unknown host")
        plan, role = found
        self.in_flight[plan.id] += 1
        self.max_in_flight[plan.id] = max(self.max_in_flight[plan.id], self.in_flight[plan.id])
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            response = self._answer(plan, role, request.path)
        finally:
            self.in_flight[plan.id] -= 1
        self.log.append(Hit(plan.id, host, request.path, response.status, time.monotonic()))
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

    def start(self) -> DiscoveryWeb:
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="discovery-web", daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=120)
        return self

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        for _attempt in range(20):
            port = _free_port()
            sites: list[web.TCPSite] = []
            try:
                for address in self._by_address:
                    site = web.TCPSite(self._runner, address, port, backlog=256, reuse_address=True)
                    await site.start()
                    sites.append(site)
            except OSError as exc:
                for site in sites:
                    await site.stop()
                if exc.errno != errno.EADDRINUSE:
                    raise
                continue
            self.port = port
            return
        raise OSError(errno.EADDRINUSE, "no port free on every discovery-web address")

    def stop(self) -> None:
        if self._loop is None:
            return
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._loop = None

    def __enter__(self) -> DiscoveryWeb:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
