"""DiscoveryWeb: the 290-site web for ``kommunvakt discover``, served on loopback.

Each site has its own loopback address (127.1.x.y; sites whose apex redirects
to a www-like host also get 127.2.x.y), all on one port, and the site is
chosen by the Host header. The serving, the latency and the request log
(every request, with when it started and ended, so tests can check robots.txt
obedience, per-host concurrency and budgets) are :class:`~simweb.loopback.HostRoutedWeb`'s.

This is a separate server from ``simweb.municipal.SimulatedWeb`` because that
one serves one watched page per site, while discovery needs hundreds of
pages, sitemaps and redirects per site; the page content and the registry
come from the simulated web's builders.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aiohttp import web

from simweb.discovery.plan import SitePlan, build_plans
from simweb.discovery.render import internal_path, page_html, public_path, robots_txt, sitemap_files
from simweb.loopback import PDF, HostRoutedWeb, not_found
from simweb.municipal.builders import dump_sites


def main_address(index: int) -> str:
    return f"127.1.{index // 250}.{index % 250 + 1}"


def www_address(index: int) -> str:
    return f"127.2.{index // 250}.{index % 250 + 1}"


class DiscoveryWeb(HostRoutedWeb[SitePlan]):
    """Serve ``plans`` (default: all 290 municipalities) until :meth:`stop`."""

    thread_name = "discovery-web"

    def __init__(self, plans: list[SitePlan] | None = None, *, latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.plans = {p.id: p for p in (plans if plans is not None else build_plans())}
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

    # ------------------------------------------------------------------ serving

    def _site_id(self, site: SitePlan) -> str:
        return site.id

    def _answer(self, plan: SitePlan, role: str, request: web.Request) -> web.Response:
        path = request.path
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
            return not_found()
        if spec.kind == "decoy:pdf":
            return web.Response(body=PDF, content_type="application/pdf")
        return web.Response(text=page_html(plan, spec), content_type="text/html", charset="utf-8")
