"""One simulated site's state: its content over the nights, noise, faults and validators.

Kept apart from the HTTP server so the versioning rules (what changes when,
what the ETag is) are plain code that needs no sockets to reason about.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from simweb.municipal.content import PageContent
from simweb.municipal.markup import SiteProfile, render_page
from simweb.municipal.noise import Noise, night_encoding

#: Simulated date of night 0; night n is this plus n days (used for Last-Modified).
EPOCH = dt.datetime(2025, 1, 1, 2, 30, tzinfo=dt.UTC)

FAULT_KINDS = (
    "status",  # answer with `status` (500, 502, 503, 404, 410, ...) and a small error page
    "timeout",  # never answer: hold the connection `delay` seconds (default an hour), then close it
    "slow",  # answer normally after `delay` seconds
    "moved",  # 301 from the page to `to`; the page is served at `to`
    "redirect_home",  # 302 from the page to the home page
    "soft404",  # 200 with "Sidan kunde inte hittas"
    "maintenance",  # "Vi uppdaterar webbplatsen" with `status` (default 200)
    "empty",  # 200 with an empty body
    "truncated",  # Content-Length larger than the bytes sent, then the connection closes
    "body",  # 200 with `transform(page bytes, Content-Type)` -> (bytes, Content-Type): a PDF, a mangled page...
)


@dataclass
class Fault:
    """A fault on one site; ``times`` limits it to the next N matching requests (fail-first-N)."""

    kind: str
    status: int | None = None
    delay: float = 0.0
    to: str | None = None
    times: int | None = None
    path: str | None = None  # None: the watched page (and its moved address); "*": every path
    transform: Callable[[bytes, str], tuple[bytes, str]] | None = None  # for "body"
    retry_after: str | None = None  # for "status": a Retry-After header (seconds or an HTTP date)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"fault kind must be one of {FAULT_KINDS}, not {self.kind!r}")
        if self.kind == "status" and not self.status:
            raise ValueError("a 'status' fault needs status=")
        if self.kind == "moved" and not (self.to and self.to.startswith("/")):
            raise ValueError("a 'moved' fault needs to='/new/path/'")
        if self.kind == "body" and self.transform is None:
            raise ValueError("a 'body' fault needs transform=")


@dataclass(frozen=True)
class SimFile:
    """A file the site serves at a path of its own (a linked PDF, DOCX, ODT), with its validators."""

    body: bytes
    content_type: str | None = "application/pdf"
    last_modified: dt.datetime = EPOCH

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'


@dataclass(frozen=True)
class Rendered:
    """The page of one night before per-request personalisation."""

    html: str
    etag: str
    encoding: str
    last_modified: dt.datetime


@dataclass
class SimSite:
    """Mutable state of one site; every method is safe to call from any thread."""

    profile: SiteProfile
    address: str
    code: str
    county: str
    content: PageContent
    noise: Noise = field(default_factory=Noise)
    disallow: list[str] = field(default_factory=lambda: ["/sok/", "/sitevision/", "/wp-admin/"])
    validators: bool = True
    home_validators: bool = True  # the home page's own ETag/Last-Modified (and 304s), apart from the page's
    faults: list[Fault] = field(default_factory=list)
    files: dict[str, SimFile] = field(default_factory=dict)  # path -> file (documents the page links to)
    # Boxes of HTML the site repeats: on its home page (``home_boxes``) and inside its page's article, right
    # after the <h1> (``article_boxes``), under whatever class names the test gives them.
    home_boxes: tuple[str, ...] = ()
    article_boxes: tuple[str, ...] = ()
    planned: dict[int, list[Callable[[PageContent], PageContent]]] = field(default_factory=dict)
    night: int = 0
    request_counter: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _rendered: tuple[tuple[object, ...], Rendered] | None = field(default=None, repr=False)
    _last_etag: str | None = field(default=None, repr=False)
    _last_modified: dt.datetime = field(default=EPOCH, repr=False)
    _home_etag: str | None = field(default=None, repr=False)
    _home_modified: dt.datetime = field(default=EPOCH, repr=False)

    @property
    def id(self) -> str:
        return self.profile.id

    # -------------------------------------------------------------- versions

    def edit(self, fn: Callable[[PageContent], PageContent], night: int | None = None) -> None:
        """Apply ``fn`` now, or when the site reaches ``night`` (a planned edit)."""
        with self._lock:
            if night is None or night <= self.night:
                self.content = fn(self.content)
            else:
                self.planned.setdefault(night, []).append(fn)

    def go_to_night(self, night: int) -> None:
        """Move to ``night``, applying planned edits of the nights passed (in order)."""
        with self._lock:
            for n in sorted(k for k in self.planned if k <= night):
                for fn in self.planned.pop(n):
                    self.content = fn(self.content)
            self.night = night

    def next_request_no(self) -> int:
        with self._lock:
            self.request_counter += 1
            return self.request_counter

    def rendered(self) -> Rendered:
        """This night's page, rendered once and cached; tracks when it last changed."""
        with self._lock:
            key = (self.content, self.profile, self.noise, self.night, self.article_boxes)
            if self._rendered and self._rendered[0] == key:
                return self._rendered[1]
            content, profile, noise, night, boxes = (
                self.content,
                self.profile,
                self.noise,
                self.night,
                self.article_boxes,
            )
        html = render_page(content, profile, noise, night)
        if boxes:
            html = html.replace("</h1>", "</h1>" + "".join(boxes), 1)
        encoding = night_encoding(noise, night)
        digest = hashlib.sha1(f"{encoding}\n{html}".encode()).hexdigest()[:20]
        etag = f'"{digest}"'
        with self._lock:
            if etag != self._last_etag:
                self._last_etag = etag
                self._last_modified = EPOCH + dt.timedelta(days=night)
            result = Rendered(html, etag, encoding, self._last_modified)
            self._rendered = (key, result)
            return result

    def home_version(self, html: str) -> tuple[str, dt.datetime]:
        """The ETag and Last-Modified of the home page as rendered now (it changes only with its HTML)."""
        etag = '"h' + hashlib.sha1(html.encode()).hexdigest()[:19] + '"'
        with self._lock:
            if etag != self._home_etag:
                self._home_etag = etag
                self._home_modified = EPOCH + dt.timedelta(days=self.night)
            return etag, self._home_modified

    # -------------------------------------------------------------- faults

    def add_fault(self, fault: Fault) -> None:
        with self._lock:
            self.faults.append(fault)

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def moved_to(self) -> str | None:
        with self._lock:
            return next((f.to for f in self.faults if f.kind == "moved"), None)

    def take_fault(self, path: str) -> Fault | None:
        """The newest fault that applies to a request for ``path`` (counting down ``times``)."""
        with self._lock:
            page_paths = {self.profile.page_path} | {f.to for f in self.faults if f.kind == "moved" and f.to}
            for fault in reversed(self.faults):
                target = fault.path
                if target == "*" or target == path or (target is None and path in page_paths):
                    if fault.kind == "moved" and path == fault.to:
                        continue  # the new address serves the page
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times <= 0:
                            self.faults.remove(fault)
                    return fault
            return None
