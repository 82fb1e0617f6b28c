"""``kommunvakt discover``: find each municipality's page about international work.

Pure parts (evidence, scoring), storage (proposals) and the sites-file writer
live here; the crawl itself is the Scrapy spider ``spiders/discover.py``.
"""

from crawler.discover.proposals import (
    latest_proposals,
    proposal_status,
    replacement_candidates,
    save_proposals,
    sites_needing_discovery,
)

__all__ = [
    "latest_proposals",
    "proposal_status",
    "replacement_candidates",
    "save_proposals",
    "sites_needing_discovery",
]
