"""Simulated webs on loopback, for tests, benchmarks and the demo; the product never imports them.

``simweb.municipal`` serves municipal pages that change night by night; ``simweb.discovery``
serves whole municipal sites for discovery to search.
"""
