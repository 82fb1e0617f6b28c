"""Read sitemaps and sitemap indexes, gzipped or not (pure: bytes in, URLs out).

Scrapy's ``Sitemap`` parser (lxml iterparse, entities off) and ``gunzip``
(with a size cap against gzip bombs) do the work.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

MAX_UNZIPPED = 50_000_000  # the sitemaps.org limit for one file


@dataclass(frozen=True)
class SitemapContent:
    kind: str  # "urlset", "sitemapindex" or "invalid"
    locs: tuple[str, ...]


def parse_sitemap(body: bytes) -> SitemapContent:
    """The URLs of a sitemap, or the sitemaps of an index; anything unreadable is "invalid"."""
    data = body
    try:
        if data[:2] == b"\x1f\x8b":  # gzipped file (not Content-Encoding, which Scrapy undoes)
            data = gunzip(data, max_size=MAX_UNZIPPED)
        if not data.strip():
            return SitemapContent("invalid", ())
        sitemap = Sitemap(data)
        kind = sitemap.type if sitemap.type in ("urlset", "sitemapindex") else "invalid"
        locs = tuple(entry["loc"].strip() for entry in sitemap if entry.get("loc"))
    except Exception:
        return SitemapContent("invalid", ())
    return SitemapContent(kind, locs if kind != "invalid" else ())
