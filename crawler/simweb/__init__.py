"""A simulated municipal web on loopback, for tests, benchmarks and demos.

>>> from crawler.simweb import SimulatedWeb, content
>>> with SimulatedWeb.from_seeds() as web:                        # doctest: +SKIP
...     url = web.page_url("trollhattan")
...     web.edit("trollhattan", lambda c: content.bump_stamp(c, days=3))
...     web.fault("amal", 503, times=2)
"""

from __future__ import annotations

from crawler.simweb import content
from crawler.simweb.content import DocLink, PageContent, Person, Stamp, TextBlock, to_record
from crawler.simweb.handler import RequestRecord
from crawler.simweb.markup import CMS_NAMES, SiteProfile, render_bytes, render_page
from crawler.simweb.noise import Noise
from crawler.simweb.seeds import SEED_IDS, Seed, load_seed, load_seeds
from crawler.simweb.server import SimulatedWeb, site_address
from crawler.simweb.site import FAULT_KINDS, Fault

__all__ = [
    "CMS_NAMES",
    "FAULT_KINDS",
    "SEED_IDS",
    "DocLink",
    "Fault",
    "Noise",
    "PageContent",
    "Person",
    "RequestRecord",
    "Seed",
    "SimulatedWeb",
    "SiteProfile",
    "Stamp",
    "TextBlock",
    "content",
    "load_seed",
    "load_seeds",
    "render_bytes",
    "render_page",
    "site_address",
    "to_record",
]
