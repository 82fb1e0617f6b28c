"""Security headers on every response, and a stored page made inert before it is shown.

The app itself runs no script at all, so its Content-Security-Policy allows none. The stored page is
served by its own route under a stricter policy (a CSP sandbox, nothing loaded from anywhere) and is
also cleaned with nh3 (a maintained HTML sanitiser): two independent layers, so a hole in one is not
a hole in the view.
"""

from __future__ import annotations

import zlib

import nh3
from starlette.types import ASGIApp, Message, Receive, Scope, Send

APP_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: The stored page: no script, no request of any kind, no form, only embeddable by the app itself.
STORED_PAGE_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; "
    "frame-ancestors 'self'; base-uri 'none'"
)

COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class SecurityHeaders:
    """ASGI middleware: common headers on every response; the app CSP and no framing unless a route set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in COMMON_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", APP_CSP.encode()))
                if b"x-frame-options" not in present:
                    headers.append((b"x-frame-options", b"DENY"))
                if b"cache-control" not in present and not scope["path"].startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Elements removed with everything inside them (the rest of the page keeps its text and structure).
_DROPPED = {
    "script", "style", "title", "svg", "math", "iframe", "frame", "frameset", "object", "embed", "applet",
    "noscript", "template", "textarea", "select", "button", "audio", "video", "canvas", "head",
}  # fmt: skip
#: Elements kept: nh3's defaults less those that load something (images, image maps).
_KEPT = set(nh3.ALLOWED_TAGS) - {"img", "area", "map"} - _DROPPED


def stored_html(html_z: bytes, content_type: str | None) -> str:
    """A stored version's HTML as text, decoded as the crawl decoded it: through the one read path
    (:func:`crawler.extract.reading.open_body`) with the Content-Type stored beside it, so a charset that
    only the HTTP header named is not lost. Bytes that are not a page (never stored as a version) read as empty."""
    from crawler.extract.reading import Unreadable, open_body

    html = open_body(zlib.decompress(html_z), content_type)
    return "" if isinstance(html, Unreadable) else html


def inert_page(html_z: bytes, url: str, content_type: str | None) -> str:
    """The stored HTML (zlib) as a static document: no script, handler, form, embed or image; http(s) links only."""
    html = stored_html(html_z, content_type)
    body = nh3.clean(
        html,
        tags=_KEPT,
        clean_content_tags=_DROPPED,
        url_schemes={"http", "https", "mailto"},
        url_relative=("rewrite_with_base", url) if url.startswith(("http://", "https://")) else "deny",
        link_rel="noopener noreferrer nofollow",
    )
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;"
        "color:#111;background:#fff}a{color:#0645ad}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
        "padding:.2rem}</style></head><body>" + body + "</body></html>"
    )
