"""A simulated municipal web on loopback, for tests, benchmarks and demos.

>>> from simweb.municipal import SimulatedWeb, content
>>> with SimulatedWeb.from_seeds() as web:                        # doctest: +SKIP
...     url = web.page_url("trollhattan")
...     web.edit("trollhattan", lambda c: content.bump_stamp(c, days=3))
...     web.fault("amal", 503, times=2)
"""

from __future__ import annotations

from simweb.municipal import content
from simweb.municipal.content import DocLink, PageContent, Person, Stamp, TextBlock, to_record
from simweb.municipal.handler import RequestRecord
from simweb.municipal.markup import CMS_NAMES, SiteProfile, render_bytes, render_page
from simweb.municipal.noise import Noise
from simweb.municipal.seeds import SEED_IDS, Seed, load_seed, load_seeds
from simweb.municipal.server import SimulatedWeb, site_address
from simweb.municipal.site import FAULT_KINDS, Fault

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
