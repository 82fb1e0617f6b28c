"""How fast the simulated municipal web starts and stops, the timings the tests do not assert.

Prints, beside each target: starting 290 sites of 100 KB (targets < 3 s), stopping them
(< 2 s), and stopping while a request is held by an hour-long ``timeout`` fault (< 3 s:
``stop()`` must not wait for it). Run: ``python benchmarks/loopback_web.py [N]``.
"""

from __future__ import annotations

import contextlib
import sys
import time
import urllib.error
import urllib.request

from simweb.municipal import SimulatedWeb


def main(n: int = 290) -> int:
    started = time.perf_counter()
    web = SimulatedWeb.municipalities(n=n, page_kb=100, latency=0.0).start()
    start_s = time.perf_counter() - started
    stopping = time.perf_counter()
    web.stop()
    stop_s = time.perf_counter() - stopping

    web = SimulatedWeb.from_seeds().start()
    web.fault("amal", "timeout")  # an hour
    with contextlib.suppress(TimeoutError, urllib.error.URLError):
        urllib.request.urlopen(web.page_url("amal"), timeout=0.3)
    stopping = time.perf_counter()
    web.stop()
    held_s = time.perf_counter() - stopping

    figures = [(f"start {n} sites", start_s, 3.0), (f"stop {n} sites", stop_s, 2.0), ("stop, one held", held_s, 3.0)]
    for label, seconds, target in figures:
        print(f"{label:<18} {seconds:6.2f} s  (target < {target:.0f} s){'' if seconds < target else '  MISSED'}")
    return 0 if all(seconds < target for _, seconds, target in figures) else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:2])))
