"""Benchmark ``kommunvakt discover`` on the 290-site discovery web.

Prints the hit rate at rank 1 and rank 3, decoys at or above the confidence
threshold, requests per site, per-host concurrency, robots.txt violations and
the time for all sites, each beside its target. Run: ``python benchmarks/discover.py [N]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from crawler.discover.scoring import CONFIDENT_SCORE
from simweb.discovery import DiscoveryWeb, build_plans


def main(n: int = 290, latency: float = 0.02) -> int:
    plans = build_plans(n)
    with DiscoveryWeb(plans, latency=latency) as web, tempfile.TemporaryDirectory() as tmp:
        sites = web.write_sites_file(Path(tmp) / "sites.yaml")
        started = time.monotonic()
        command = [sys.executable, "-m", "crawler.cli", "discover", "--sites", str(sites)]
        command += ["--db", str(Path(tmp) / "k.db"), "--format", "json"]
        out = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.monotonic() - started
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        results = json.loads(out.stdout)
        rank1 = rank3 = confident_decoys = decoys_over = wrong_confident = 0
        for r in results:
            truth = web.truth(r["site"])
            decoys = set(web.decoy_urls(r["site"]).values())
            ranked = [c["url"] for c in r["candidates"]]
            rank1 += r["url"] == truth
            rank3 += truth in ranked[:3]
            confident_decoys += r["confident"] and r["url"] in decoys
            wrong_confident += r["confident"] and r["url"] != truth
            decoys_over += sum(1 for c in r["candidates"] if c["url"] in decoys and c["score"] >= CONFIDENT_SCORE)
            if r["url"] != truth:
                print(f"miss {r['site']}: proposed {r['url']} ({r['score']}), truth {truth}", file=sys.stderr)
        per_site = Counter(h.site_id for h in web.log)
        forbidden = sum(1 for h in web.log if any(h.path.startswith(d) for d in web.plans[h.site_id].disallow))
        total = len(results)
        mean_requests = sum(per_site.values()) / total
        rows = [
            ("sites", f"{total}", ""),
            ("hit rate at rank 1", f"{rank1 / total:.1%}", ">= 98%"),
            ("hit rate at rank 3", f"{rank3 / total:.1%}", ""),
            ("confident proposals", f"{sum(r['confident'] for r in results)}", ""),
            ("wrong confident proposals", f"{wrong_confident}", "0"),
            ("decoys proposed with confidence", f"{confident_decoys}", "0"),
            ("decoy candidates >= threshold", f"{decoys_over}", "0"),
            ("requests per site (mean / max)", f"{mean_requests:.1f} / {max(per_site.values())}", "<= 30"),
            ("max concurrent requests per host", f"{web.max_concurrency_per_host()}", "<= 2"),
            ("requests robots.txt disallows", f"{forbidden}", "0"),
            (f"time for {total} sites", f"{seconds:.1f} s", ""),
        ]
        for name, value, target in rows:
            print(f"{name:<36} {value:>14}   {('target ' + target) if target else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 290))
