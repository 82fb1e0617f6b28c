"""Simulated webs for discovery: the 290-municipality web, and the web rebuilt around real addresses."""

from simweb.discovery.plan import SitePlan, build_plan, build_plans
from simweb.discovery.real import RealSite, build_real_sites
from simweb.discovery.real_server import RealWeb
from simweb.discovery.server import DiscoveryWeb

__all__ = ["DiscoveryWeb", "RealSite", "RealWeb", "SitePlan", "build_plan", "build_plans", "build_real_sites"]
