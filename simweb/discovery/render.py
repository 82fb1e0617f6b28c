"""HTML, robots.txt and sitemaps of the discovery web (pure: plan in, text out)."""

from __future__ import annotations

import gzip
import zlib
from html import escape

from simweb.discovery.plan import PageSpec, SitePlan

_SM_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def public_path(plan: SitePlan, path: str) -> str:
    """The path as the site writes it (Sitevision-style sites add ".4.<id>.html" to pages)."""
    if not plan.sitevision_urls or path == "/" or not path.endswith("/") or path.startswith(("/en/", "/download/")):
        return path
    return path.rstrip("/") + f".4.{zlib.crc32(path.encode()) % 0xFFFFF:x}.html"


def internal_path(plan: SitePlan, public: str) -> str:
    """Inverse of :func:`public_path`."""
    if plan.sitevision_urls and public.endswith(".html"):
        stem = public[: -len(".html")]
        parts = stem.rsplit(".4.", 1)
        return parts[0] + "/"
    return public


def page_html(plan: SitePlan, spec: PageSpec) -> str:
    def link(path: str) -> str:
        return escape(public_path(plan, path))

    sections = [(t, p) for t, p in plan.pages["/"].links if plan.pages[p].kind == "section"]
    menu = "".join(f'<li><a href="{link(p)}">{escape(t)}</a></li>' for t, p in sections)
    body: list[str] = [f"<h1>{escape(spec.title)}</h1>"]
    content = spec.content
    if content is not None:
        if content.lead:
            body.append(f'<p class="lead">{escape(content.lead)}</p>')
        for block in content.blocks:
            tag = {"h": "h2", "p": "p", "li": "li"}[block.kind]
            body.append(f"<{tag}>{escape(block.text)}</{tag}>")
        for text in spec.paragraphs:
            body.append(f"<p>{escape(text)}</p>")
        if content.contact_heading:
            body.append(f"<h2>{escape(content.contact_heading)}</h2>")
        for person in content.contacts:
            bits = [person.name or "", ", ".join(person.roles), person.email or "", person.phone or ""]
            body.append('<div class="contact">' + "<br>".join(escape(b) for b in bits if b) + "</div>")
        for doc in content.documents:
            body.append(f'<p><a href="{escape(doc.href)}">{escape(doc.title)}</a></p>')
        if content.stamp:
            body.append(f'<p class="stamp">{escape(content.stamp.text())}</p>')
    else:
        body += [f"<p>{escape(text)}</p>" for text in spec.paragraphs]
    if spec.links:
        items = "".join(f'<li><a href="{link(p)}">{escape(t)}</a></li>' for t, p in spec.links)
        body.append(f'<ul class="{"news-list" if spec.kind == "home" else "page-links"}">{items}</ul>')
    english = '<a href="/en/">In English</a>' if "/en/" in plan.pages else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{spec.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(spec.title)} - {escape(plan.name)}</title></head>\n<body>"
        f'<header><a href="/">{escape(plan.name)}</a> {english}</header>\n'
        f'<nav class="main-menu"><ul>{menu}</ul></nav>\n<main>{"".join(body)}</main>\n'
        f"<footer><p>{escape(plan.name)}, {escape(plan.county)}</p></footer></body></html>\n"
    )


def robots_txt(plan: SitePlan, base: str) -> str:
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in plan.disallow), ""]
    named = {
        "plain": "/sitemap.xml",
        "index": "/sitemap_index.xml",
        "index_gz": "/sitemap_index.xml",
        "gz": "/sitemap.xml.gz",
    }.get(plan.sitemap)
    if named:
        lines.append(f"Sitemap: {base}{named}")
    return "\n".join(lines) + "\n"


def _urlset(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{escape(base + p)}</loc></url>\n" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SM_NS}">\n{urls}</urlset>\n'.encode()


def _index(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{escape(base + p)}</loc></sitemap>\n" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_SM_NS}">\n{items}</sitemapindex>\n'.encode()


def sitemap_files(plan: SitePlan, base: str) -> dict[str, tuple[bytes, str]]:
    """Path -> (body, content type) of every sitemap file the site serves."""
    everything = [public_path(plan, p) for p in plan.pages]
    news = [p for p in everything if p.startswith("/nyheter/")]
    pages = [p for p in everything if not p.startswith("/nyheter/")]
    xml, gz = "application/xml", "application/x-gzip"
    layout = plan.sitemap
    if layout in ("plain", "unlisted"):
        return {"/sitemap.xml": (_urlset(base, everything), xml)}
    if layout == "gz":
        return {"/sitemap.xml.gz": (gzip.compress(_urlset(base, everything), mtime=0), gz)}
    if layout == "index":
        return {
            "/sitemap_index.xml": (_index(base, ["/sitemap-news.xml", "/sitemap-pages.xml"]), xml),
            "/sitemap-news.xml": (_urlset(base, news), xml),
            "/sitemap-pages.xml": (_urlset(base, pages), xml),
        }
    if layout == "index_gz":
        return {
            "/sitemap_index.xml": (_index(base, ["/sitemap-news.xml.gz", "/sitemap-pages.xml.gz"]), xml),
            "/sitemap-news.xml.gz": (gzip.compress(_urlset(base, news), mtime=0), gz),
            "/sitemap-pages.xml.gz": (gzip.compress(_urlset(base, pages), mtime=0), gz),
        }
    return {}
