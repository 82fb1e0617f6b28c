"""The 290-municipality web for discovery: home pages, sitemaps, the international page and decoys."""

from crawler.simweb_discovery.plan import SitePlan, build_plan, build_plans
from crawler.simweb_discovery.server import DiscoveryWeb

__all__ = ["DiscoveryWeb", "SitePlan", "build_plan", "build_plans"]
