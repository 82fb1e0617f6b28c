"""Simulated webs for discovery: the 290-municipality web, and the web rebuilt around real addresses."""

from crawler.simweb_discovery.plan import SitePlan, build_plan, build_plans
from crawler.simweb_discovery.real import RealSite, build_real_sites
from crawler.simweb_discovery.real_server import RealWeb
from crawler.simweb_discovery.server import DiscoveryWeb

__all__ = ["DiscoveryWeb", "RealSite", "RealWeb", "SitePlan", "build_plan", "build_plans", "build_real_sites"]
