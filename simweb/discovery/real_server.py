"""RealWeb: the real-address web served on loopback, one address per real host name.

Every host of every municipality (its home host and its alias hosts) gets its
own loopback address (127.3.x.y) on one shared port; the request's Host
header picks the site and host. Paths are the real ones, query strings
included. Like :class:`~simweb.discovery.DiscoveryWeb`, it is a
:class:`~simweb.loopback.HostRoutedWeb` that logs every request (with its query)
so tests can check robots.txt obedience and budgets.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aiohttp import web

from crawler.extract.urls import clean_url
from simweb.discovery.real import Key, RealSite, split_key
from simweb.discovery.real_render import SEARCH_PATHS, page_html, robots_txt, search_html, sitemap_files
from simweb.loopback import PDF, HostRoutedWeb, not_found
from simweb.municipal.builders import dump_sites


def real_address(n: int) -> str:
    return f"127.3.{n // 250}.{n % 250 + 1}"


class RealWeb(HostRoutedWeb[RealSite]):
    """Serve ``sites`` until :meth:`stop`."""

    thread_name = "real-web"
    logs_query = True

    def __init__(self, sites: list[RealSite], *, latency: float = 0.0) -> None:
        super().__init__(latency=latency)
        self.sites = {s.id: s for s in sites}
        self._address: dict[tuple[str, str], str] = {}  # (site id, real host) -> loopback address
        for site in sites:
            for host in site.hosts:
                address = real_address(len(self._by_address))
                self._address[(site.id, host)] = address
                self._by_address[address] = (site, host)

    # ------------------------------------------------------------------ addresses

    def url(self, site_id: str, key: Key) -> str:
        return clean_url(f"http://{self._address[(site_id, key[0])]}:{self.port}{key[1]}")

    def host(self, site_id: str, real_host: str) -> str:
        """The loopback address standing in for ``real_host`` (what a sites file's aliases name)."""
        return self._address[(site_id, real_host)]

    def home_url(self, site_id: str) -> str:
        return self.url(site_id, (self.sites[site_id].home_host, "/"))

    def primary(self, site_id: str) -> str:
        return self.url(site_id, self.sites[site_id].primary)

    def secondaries(self, site_id: str) -> set[str]:
        return {self.url(site_id, k) for k in self.sites[site_id].secondaries}

    def decoy_urls(self, site_id: str) -> dict[str, str]:
        return {kind: self.url(site_id, k) for kind, k in self.sites[site_id].decoys.items()}

    def write_sites_file(
        self, path: str | Path, only: Iterable[str] | None = None, *, no_aliases: Iterable[str] = ()
    ) -> Path:
        """A sites file with every site's home page, its alias hosts (not for ``no_aliases``) and no url."""
        wanted = set(only) if only is not None else None
        bare = set(no_aliases)
        entries: list[dict[str, Any]] = []
        for site in self.sites.values():
            if wanted is not None and site.id not in wanted:
                continue
            entry: dict[str, Any] = {
                "id": site.id,
                "name": site.name,
                "code": site.code,
                "home": self.home_url(site.id),
            }
            if site.aliases and site.id not in bare:
                entry["aliases"] = [self.host(site.id, h) for h in site.aliases]
            entries.append(entry)
        return dump_sites(Path(path), entries, "The real-address web: home pages and alias hosts, for discover.")

    # ------------------------------------------------------------------ serving

    def _site_id(self, site: RealSite) -> str:
        return site.id

    def _answer(self, site: RealSite, host: str, request: web.Request) -> web.Response:
        base = f"http://{self._address[(site.id, host)]}:{self.port}"
        path = split_key(base + request.raw_path)[1]

        def url_of(key: Key) -> str:  # the renderers' link writer
            return self.url(site.id, key)

        if request.path == "/robots.txt":
            text = robots_txt(site, base) if host == site.home_host else "User-agent: *\nDisallow:\n"
            return web.Response(text=text, content_type="text/plain")
        if host == site.home_host:
            files = sitemap_files(site, base, url_of) if "sitemap" in request.path else {}
            if request.path in files:
                body, content_type = files[request.path]
                return web.Response(body=body, content_type=content_type)
            if site.search and request.path == SEARCH_PATHS[site.search][0]:
                query = request.query.get(SEARCH_PATHS[site.search][1], "")
                return web.Response(text=search_html(site, query, url_of), content_type="text/html", charset="utf-8")
        page = site.pages.get((host, path))
        if page is None:
            return not_found()
        if page.kind == "pdf":
            return web.Response(body=PDF, content_type="application/pdf")
        return web.Response(text=page_html(site, page, url_of), content_type="text/html", charset="utf-8")
