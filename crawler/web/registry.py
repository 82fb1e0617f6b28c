"""The registry as the web app sees it: the same sites file as the CLI, read again when it changes.

A `kommunvakt discover --accept` in a terminal, or an admin's decision in the app, is seen by the
other at once, without a restart. A file that no longer loads (caught mid-edit) leaves the last
good registry in place and is tried again on the next request. An ``overlay`` (the pages the crawl's
own discovery watches, see ``crawler.discover.proposals.with_discovered``) is applied on every look,
so the app shows each municipality's address as the crawl fetches it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from crawler.registry import SiteEntry, SitesFileError, load_sites

log = logging.getLogger(__name__)

#: The views looked up during the current request (one per registry), so a page that asks for the sites,
#: the counties and a site by id several times pays for one look: one overlay query, one view built.
_looked: ContextVar[dict[int, RegistryView] | None] = ContextVar("kommunvakt_registry_looked", default=None)


class OneLookPerRequest:
    """ASGI middleware: every ``LiveRegistry.now()`` within one request answers with the same view."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _looked.set({})  # the thread pool copies the context, so the views' threads share this dict
        try:
            await self.app(scope, receive, send)
        finally:
            _looked.reset(token)


@dataclass(frozen=True)
class RegistryView:
    sites: tuple[SiteEntry, ...]
    by_id: dict[str, SiteEntry] = field(init=False)
    counties: list[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {site.id: site for site in self.sites})
        object.__setattr__(self, "counties", sorted({site.county for site in self.sites if site.county}))


class LiveRegistry:
    """The registry, reloaded when the sites file's modification time or size changes."""

    def __init__(
        self,
        sites: Sequence[SiteEntry],
        path: str | Path | None = None,
        overlay: Callable[[Sequence[SiteEntry]], Sequence[SiteEntry]] | None = None,
    ):
        self.path = Path(path) if path else None
        self.overlay = overlay
        self._view = RegistryView(tuple(sites))
        self._stamp = self._stat()
        self._lock = threading.Lock()

    def follow(self, path: str | Path) -> None:
        """Read ``path`` from now on (the own copy the app made of the bundled registry on its first edit)."""
        with self._lock:
            self.path = Path(path)
            self._stamp = None

    def _stat(self) -> tuple[int, int] | None:
        if self.path is None:
            return None
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def now(self) -> RegistryView:
        looked = _looked.get()
        if looked is not None and id(self) in looked:
            return looked[id(self)]
        view = self._look()
        if looked is not None:
            looked[id(self)] = view
        return view

    def _look(self) -> RegistryView:
        view = self._from_file()
        if self.overlay is None:
            return view
        shown = tuple(self.overlay(view.sites))
        return view if shown == view.sites else RegistryView(shown)

    def _from_file(self) -> RegistryView:
        stamp = self._stat()
        if stamp is None or stamp == self._stamp:
            return self._view
        with self._lock:
            if stamp != self._stamp:
                try:
                    self._view = RegistryView(tuple(load_sites(self.path)))
                except SitesFileError as exc:
                    log.warning("keeping the last good registry: %s", exc)
                self._stamp = stamp
        return self._view
