"""HTTP answers of a simulated site: pages, robots.txt, sitemap, 304s and faults.

One aiohttp handler serves every site; the site is chosen by the local address
the request arrived on (each site listens on its own loopback address), so a
crawler sees 290 distinct hosts.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from dataclasses import dataclass, field
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, NoReturn

from aiohttp import web

from simweb.municipal.markup import personalise, render_simple
from simweb.municipal.noise import encode_page
from simweb.municipal.site import Fault, SimFile, SimSite

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass
class RequestRecord:
    """One request as the server saw it; ``status`` is None when no answer was sent."""

    site_id: str | None
    method: str
    path: str
    headers: dict[str, str]
    started: float
    ended: float | None = None
    status: int | None = None
    night: int = 0
    extra: dict[str, object] = field(default_factory=dict)


HTML = "text/html; charset=utf-8"


def _html(text: str, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        body=text.encode("utf-8"), status=status, content_type="text/html", charset="utf-8", headers=headers
    )


def robots_txt(site: SimSite, base: str) -> str:
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in site.disallow), "", f"Sitemap: {base}/sitemap.xml", ""]
    return "\n".join(lines)


def sitemap_xml(site: SimSite, base: str) -> str:
    page = site.moved_to() or site.profile.page_path
    lastmod = site.rendered().last_modified.date().isoformat()
    paths = ["/", _parent(page), page]
    urls = "\n".join(
        f"  <url><loc>{base}{p}</loc>{f'<lastmod>{lastmod}</lastmod>' if p == page else ''}</url>" for p in paths
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'


def _parent(path: str) -> str:
    trimmed = path.rstrip("/")
    return trimmed[: trimmed.rfind("/") + 1] or "/"


def _not_modified(request: web.Request, etag: str, last_modified: dt.datetime) -> bool:
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return etag in tags or "*" in tags
    ims = request.headers.get("If-Modified-Since")
    if ims:
        try:
            return last_modified <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


class Handler:
    """The aiohttp request handler shared by all sites of a :class:`SimulatedWeb`."""

    def __init__(
        self,
        sites_by_address: dict[str, SimSite],
        log: list[RequestRecord],
        latency: Callable[[], float],
        stopping: asyncio.Event,
        pages_held: Callable[[], bool] = lambda: False,
    ) -> None:
        self.sites_by_address = sites_by_address
        self.log = log
        self.latency = latency
        self.stopping = stopping
        self.pages_held = pages_held

    async def __call__(self, request: web.Request) -> web.StreamResponse:
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        site = self.sites_by_address.get(sockname[0]) if sockname else None
        record = RequestRecord(
            site_id=site.id if site else None,
            method=request.method,
            path=request.path_qs,
            headers=dict(request.headers),
            started=time.monotonic(),
            night=site.night if site else 0,
        )
        self.log.append(record)
        try:
            if site is None:
                response: web.StreamResponse = _html("<h1>Okänd värd</h1>", 421)
            else:
                if self.latency():
                    await self._sleep(self.latency())  # wakes at stop(), like the slow faults
                response = await self._answer(site, request, record)
            record.status = response.status
            return response
        finally:
            record.ended = time.monotonic()

    async def _answer(self, site: SimSite, request: web.Request, record: RequestRecord) -> web.StreamResponse:
        base = f"http://{request.host}"
        path = request.path
        fault = site.take_fault(path)
        if fault is not None:
            record.extra["fault"] = fault.kind
            answer = await self._fault(site, request, fault, base)
            if answer is not None:
                return answer
        if path == "/robots.txt":
            return web.Response(text=robots_txt(site, base), content_type="text/plain")
        if path == "/sitemap.xml":
            return web.Response(text=sitemap_xml(site, base), content_type="application/xml")
        file = site.files.get(path)
        if file is not None:
            return self._file(site, request, file)
        page_path = site.moved_to() or site.profile.page_path
        if path == page_path:
            await self._while_held()
            # render off the loop: a 100 KB page takes ~10 ms, and other hosts keep being served meanwhile
            await asyncio.get_running_loop().run_in_executor(None, site.rendered)
            return self._page(site, request)
        if path == "/":
            return self._home_page(site, request, page_path)
        if path == _parent(page_path):
            links = [(site.content.title, page_path), ("Kommunfullmäktige", path + "kommunfullmaktige/")]
            return _html(render_simple(site.profile, "Kommun och politik", (), links, with_menu=False))
        return self._not_found(site)

    def _home(self, site: SimSite, page_path: str) -> str:
        links = [
            ("Barn och utbildning", "/barn-och-utbildning/"),
            ("Kommun och politik", _parent(page_path)),
            ("Internationellt arbete", page_path),
            ("Lediga jobb", "/naringsliv-och-arbete/lediga-jobb/"),
        ]
        intro = [f"Välkommen till {site.profile.name}."]
        return render_simple(site.profile, site.profile.name, intro, links, body_class="home", news=True)

    def _home_page(self, site: SimSite, request: web.Request, page_path: str) -> web.Response:
        """The home page, with the boxes the site repeats; conditional like the page when validators are on."""
        html = self._home(site, page_path)
        if site.home_boxes:
            html = html.replace("</body>", "".join(site.home_boxes) + "</body>", 1)
        headers: dict[str, str] = {}
        if site.home_validators:
            etag, modified = site.home_version(html)
            headers = {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True)}
            if _not_modified(request, etag, modified):
                return web.Response(status=304, headers=headers)
        return _html(html, 200, headers)

    def _not_found(self, site: SimSite, status: int = 404) -> web.Response:
        text = render_simple(
            site.profile,
            "Sidan kunde inte hittas",
            ["Sidan du söker finns inte längre eller har flyttats.", "Använd sökfunktionen eller gå till startsidan."],
            [("Till startsidan", "/")],
            body_class="error-404",
            with_menu=False,
        )
        return _html(text, status)

    def _page(self, site: SimSite, request: web.Request) -> web.Response:
        rendered = site.rendered()
        headers: dict[str, str] = {"Cache-Control": "no-cache"}
        if site.validators:
            headers["ETag"] = rendered.etag
            headers["Last-Modified"] = format_datetime(rendered.last_modified, usegmt=True)
            if _not_modified(request, rendered.etag, rendered.last_modified):
                return web.Response(status=304, headers=headers)
        html = personalise(rendered.html, site.next_request_no(), site.id)
        body, content_type = encode_page(html, rendered.encoding)
        headers["Content-Type"] = content_type
        if site.noise.csrf:
            headers["Set-Cookie"] = f"JSESSIONID={site.request_counter:08x}{site.id[:4]}; Path=/; HttpOnly"
        return web.Response(body=body, headers=headers)

    def _file(self, site: SimSite, request: web.Request, file: SimFile) -> web.Response:
        headers: dict[str, str] = {}
        if site.validators:
            headers["ETag"] = file.etag
            headers["Last-Modified"] = format_datetime(file.last_modified, usegmt=True)
            if _not_modified(request, file.etag, file.last_modified):
                return web.Response(status=304, headers=headers)
        if file.content_type:
            headers["Content-Type"] = file.content_type
        return web.Response(body=file.body, headers=headers)

    async def _fault(self, site: SimSite, request: web.Request, fault: Fault, base: str) -> web.StreamResponse | None:
        """The faulty answer, or None to answer normally (after a delay); a fault that sends nothing raises."""
        kind = fault.kind
        if kind == "slow":
            await self._sleep(fault.delay)
            return None
        if kind == "timeout":
            await self._sleep(fault.delay or 3600.0)
            if request.transport:
                request.transport.close()
            raise asyncio.CancelledError  # nothing is sent; aiohttp closes quietly
        if kind == "truncated":
            await self._truncated(site, request)
        if kind == "empty":
            return web.Response(body=b"", content_type="text/html")
        if kind == "body" and fault.transform is not None:
            html = personalise(site.rendered().html, site.next_request_no(), site.id)
            body, content_type = fault.transform(*encode_page(html, site.rendered().encoding))
            return web.Response(body=body, headers={"Content-Type": content_type})
        return self._fault_page(site, fault, base)

    def _fault_page(self, site: SimSite, fault: Fault, base: str) -> web.Response | None:
        """The answers of the faults that send a whole page of another kind: errors, redirects, maintenance."""
        kind = fault.kind
        if kind == "status":
            if fault.status in (404, 410):
                return self._not_found(site, fault.status)
            answer = _html(f"<html><body><h1>{fault.status} Serverfel</h1></body></html>", fault.status or 500)
            if fault.retry_after is not None:
                answer.headers["Retry-After"] = fault.retry_after
            return answer
        if kind == "moved":
            return web.Response(status=301, headers={"Location": f"{base}{fault.to}"})
        if kind == "redirect_home":
            return web.Response(status=302, headers={"Location": f"{base}/"})
        if kind == "soft404":
            return self._not_found(site, 200)
        if kind == "maintenance":
            text = render_simple(
                site.profile,
                "Vi uppdaterar webbplatsen",
                ["Webbplatsen är tillfälligt otillgänglig på grund av underhåll. Välkommen tillbaka om en stund."],
                with_menu=False,
                body_class="maintenance",
            )
            status = fault.status or 200
            return _html(text, status, {"Retry-After": "600"} if status == 503 else None)
        return None

    async def _truncated(self, site: SimSite, request: web.Request) -> NoReturn:
        file = site.files.get(request.path)
        if file is not None:  # a linked file cut off half-way
            body, content_type = file.body, file.content_type or "application/octet-stream"
        else:
            html = personalise(site.rendered().html, site.next_request_no(), site.id)
            body, content_type = encode_page(html, site.rendered().encoding)
        response = web.StreamResponse(headers={"Content-Type": content_type})
        response.content_length = len(body)
        await response.prepare(request)
        await response.write(body[: len(body) // 2])
        if request.transport:
            request.transport.close()
        raise asyncio.CancelledError

    async def _while_held(self) -> None:
        """Keep a page request waiting while the test holds pages (robots.txt and the rest still answer),
        so a crawl is in progress for exactly as long as a test needs, not for a guessed latency."""
        while self.pages_held() and not self.stopping.is_set():
            await asyncio.sleep(0.02)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but wake up at once when the server stops (so stop() never waits for a hang)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), timeout=seconds)
