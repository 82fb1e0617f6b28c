"""HTML, robots.txt, sitemaps and search answers of the real-address web (pure: site in, text out).

Links are written through ``url_of`` (a page key -> absolute URL), because the
real host names are served from loopback addresses.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from html import escape

from crawler.discover.scoring import fold
from crawler.simweb_discovery.real import Key, RealPage, RealSite

UrlOf = Callable[[Key], str]
_SM_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SEARCH_PATHS = {"sitevision": ("/sok", "query"), "generic": ("/search", "q")}


def _links(page: RealPage, url_of: UrlOf, cls: str) -> str:
    items = "".join(f'<li><a href="{escape(url_of(k))}">{escape(t)}</a></li>' for t, k in page.links)
    return f'<ul class="{cls}">{items}</ul>' if items else ""


def page_html(site: RealSite, page: RealPage, url_of: UrlOf) -> str:
    home = site.pages[(site.home_host, "/")]
    sections = [(t, k) for t, k in home.links if site.pages[k].kind == "nav" and k[0] == site.home_host]
    if page.kind == "home":  # the mega menu: every section and what it holds
        menu = "".join(
            f'<li><a href="{escape(url_of(k))}">{escape(t)}</a>{_links(site.pages[k], url_of, "sub-menu")}</li>'
            for t, k in sections
        )
    else:
        menu = "".join(f'<li><a href="{escape(url_of(k))}">{escape(t)}</a></li>' for t, k in sections)
    search = ""
    if site.search and page.host == site.home_host:
        action, name = SEARCH_PATHS[site.search]
        search = (
            f'<form class="search" role="search" action="{action}" method="get">'
            f'<label for="s">Sök</label><input id="s" type="search" name="{name}"><button>Sök</button></form>'
        )
    body = [f"<h1>{escape(page.title)}</h1>", *(f"<p>{escape(p)}</p>" for p in page.paragraphs)]
    crumbs = _breadcrumbs(site, page, url_of) if page.kind != "home" else ""
    if page.kind != "home":
        body.append(_links(page, url_of, "page-links"))
    else:
        news = [(t, k) for t, k in page.links if site.pages[k].kind in ("news", "decoy:news")]
        body.append(
            '<ul class="news-list">'
            + "".join(f'<li><a href="{escape(url_of(k))}">{escape(t)}</a></li>' for t, k in news)
            + "</ul>"
        )
        others = [(t, k) for t, k in page.links if (t, k) not in news and (t, k) not in sections]
        body.append(
            '<ul class="puffs">'
            + "".join(f'<li><a href="{escape(url_of(k))}">{escape(t)}</a></li>' for t, k in others)
            + "</ul>"
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{page.html_lang}"><head><meta charset="utf-8">'
        f"<title>{escape(page.title)} - {escape(site.name)}</title></head>\n<body>"
        f'<header><a href="{escape(url_of((site.home_host, "/")))}">{escape(site.name)}</a>{search}</header>\n'
        f'<nav class="main-menu"><ul>{menu}</ul></nav>\n{crumbs}<main>{"".join(body)}</main>\n'
        f"<footer><p>{escape(site.name)}</p></footer></body></html>\n"
    )


def _breadcrumbs(site: RealSite, page: RealPage, url_of: UrlOf) -> str:
    """The "you are here" trail real CMSs print above the content: linked ancestors, then the page itself."""
    steps = []
    for key in site.trail((page.host, page.path)):
        above = site.pages[key]
        text = "Startsida" if above.kind == "home" else above.title
        steps.append(f'<li><a href="{escape(url_of(key))}">{escape(text)}</a></li>')
    steps.append(f'<li aria-current="page">{escape(page.title)}</li>')
    return f'<nav class="breadcrumbs" aria-label="Du är här"><ol>{"".join(steps)}</ol></nav>\n'


def search_html(site: RealSite, query: str, url_of: UrlOf) -> str:
    """The site search's answer: up to ten pages whose title or text holds the query (title hits first)."""
    wanted = fold(query.strip())
    hits: list[tuple[int, int, Key]] = []
    for key, page in site.pages.items():
        if not wanted or page.kind in ("pdf", "home"):
            continue
        title, text = fold(page.title), fold(" ".join(page.paragraphs))
        if wanted in title or wanted in text:
            hits.append((0 if wanted in title else 1, -text.count(wanted), key))
    hits.sort()
    items = "".join(
        f'<li><a href="{escape(url_of(k))}">{escape(site.pages[k].title)}</a>'
        f"<p>{escape(' '.join(site.pages[k].paragraphs)[:140])}</p></li>"
        for *_, k in hits[:10]
    )
    return (
        f'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Sök - {escape(site.name)}</title>'
        f'</head><body><main><h1>Sökresultat för "{escape(query)}"</h1><p>{len(hits)} träffar</p>'
        f'<ol class="search-results">{items}</ol></main></body></html>\n'
    )


def robots_txt(site: RealSite, base: str) -> str:
    lines = ["User-agent: *", "Disallow: /download/temp/"]
    if site.search and site.search_disallowed:
        lines.append(f"Disallow: {SEARCH_PATHS[site.search][0]}")
    named = {"plain": "/sitemap.xml", "index": "/sitemap_index.xml", "nested_gz": "/sitemap_index.xml"}
    named["gz"] = "/sitemap.xml.gz"
    if site.sitemap in named:
        lines += ["", f"Sitemap: {base}{named[site.sitemap]}"]
    return "\n".join(lines) + "\n"


def _urlset(urls: list[str]) -> bytes:
    items = "".join(f"<url><loc>{escape(u)}</loc></url>\n" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SM_NS}">\n{items}</urlset>\n'.encode()


def _index(urls: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>\n" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_SM_NS}">\n{items}</sitemapindex>\n'.encode()


def sitemap_files(site: RealSite, base: str, url_of: UrlOf) -> dict[str, tuple[bytes, str]]:
    """Path -> (body, content type) of the home host's sitemap files (the layout decides which)."""
    keys = [k for k in site.pages if k[0] == site.home_host]
    news = [url_of(k) for k in keys if site.pages[k].kind in ("news", "decoy:news")]
    pages = [url_of(k) for k in keys if site.pages[k].kind not in ("news", "decoy:news")]
    xml, gz = "application/xml", "application/gzip"
    layout = site.sitemap
    if layout in ("plain", "unlisted"):
        return {"/sitemap.xml": (_urlset(pages + news), xml)}
    if layout == "gz":
        return {"/sitemap.xml.gz": (gzip.compress(_urlset(pages + news), mtime=0), gz)}
    if layout == "index":
        return {
            "/sitemap_index.xml": (_index([f"{base}/sitemap-news.xml", f"{base}/sitemap-pages.xml"]), xml),
            "/sitemap-news.xml": (_urlset(news), xml),
            "/sitemap-pages.xml": (_urlset(pages), xml),
        }
    if layout == "nested_gz":  # an index naming an index, whose sitemaps are gzipped halves of the pages
        half = len(pages) // 2
        return {
            "/sitemap_index.xml": (_index([f"{base}/sitemaps/news.xml.gz", f"{base}/sitemaps/pages-index.xml"]), xml),
            "/sitemaps/news.xml.gz": (gzip.compress(_urlset(news), mtime=0), gz),
            "/sitemaps/pages-index.xml": (
                _index([f"{base}/sitemaps/pages-1.xml.gz", f"{base}/sitemaps/pages-2.xml.gz"]),
                xml,
            ),
            "/sitemaps/pages-1.xml.gz": (gzip.compress(_urlset(pages[:half]), mtime=0), gz),
            "/sitemaps/pages-2.xml.gz": (gzip.compress(_urlset(pages[half:]), mtime=0), gz),
        }
    return {}
