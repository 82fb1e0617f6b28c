"""The floor for benchmarks/crawl.py: a Scrapy spider that only fetches the watched pages.

Same settings as kommunvakt's spider (robots.txt, politeness, retries), no
storage and no parsing. Run: ``python benchmarks/bare_spider.py SITES_FILE``.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.registry import load_sites


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, sites: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.sites_file = sites

    async def start(self) -> AsyncIterator[Any]:
        for site in load_sites(self.sites_file):
            if site.url:
                yield scrapy.Request(site.url, callback=self.parse, dont_filter=True)

    def parse(self, response: scrapy.http.Response) -> None:
        self.crawler.stats.inc_value("bare/bytes", len(response.body))


def main(sites_file: str) -> None:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, sites=sites_file)
    process.start()


if __name__ == "__main__":
    main(sys.argv[1])
