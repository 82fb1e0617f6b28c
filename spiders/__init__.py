"""Scrapy spiders of kommunvakt (the repository root is a Scrapy project: see scrapy.cfg)."""
