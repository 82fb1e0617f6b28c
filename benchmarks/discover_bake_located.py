"""Bake the second held-out part of the real-address web from the registry's own finds.

``crawler/data/located.csv`` lists the real addresses the registry found by
search for municipalities that ``real_intl_addresses.csv`` does not cover.
Each becomes one ``primary`` row of ``benchmarks/data/located_addresses.csv``
(split ``located``), joined with the bundled registry for the id, name and
home page; its alias hosts come along as the data names them. Municipalities
already in ``real_intl_addresses.csv`` are left out, so the part shares no
municipality with the tuned one. Only addresses are kept, as for the first file.

The file is baked once and committed: the part is fixed (re-baking after
``located.csv`` grows would add municipalities, and is a new part, not this one).
Run: ``python benchmarks/discover_bake_located.py``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from crawler.registry import load_sites

ROOT = Path(__file__).resolve().parents[1]
LOCATED = ROOT / "crawler" / "data" / "located.csv"
INTL = ROOT / "benchmarks" / "data" / "real_intl_addresses.csv"
OUT = ROOT / "benchmarks" / "data" / "located_addresses.csv"
COLUMNS = ("split", "code", "id", "name", "home", "role", "url")


def bake() -> list[dict[str, str]]:
    with INTL.open(encoding="utf-8", newline="") as fh:
        covered = {row["code"] for row in csv.DictReader(fh)}
    by_code = {site.code: site for site in load_sites()}
    rows = []
    with LOCATED.open(encoding="utf-8", newline="") as fh:
        for found in csv.DictReader(fh):
            site = by_code[found["code"]]
            if found["code"] in covered or not site.home:
                continue
            rows.append(
                {
                    "split": "located",
                    "code": found["code"],
                    "id": site.id,
                    "name": site.name,
                    "home": site.home,
                    "role": "primary",
                    "url": found["url"],
                }
            )
    return sorted(rows, key=lambda r: r["code"])


def main() -> int:
    rows = bake()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} municipalities -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
