"""Extraction benchmark: extract_record + diff_records on a realistic Sitevision-like page.

Renders the Trollhättan seed page in the simulated web's Sitevision markup
padded to about 130 KB (mega-menu, inline config JSON: what makes real pages
big), then measures on one core:

- extraction + diff: median ms per page, pages per second, peak memory (tracemalloc:
  Python allocations only; libxml2's C tree is not counted, for either side);
- the reference: a plain ``BeautifulSoup(html, "lxml")`` parse of the same page.

Target: extraction + diff under 5 ms a page and >= 4x faster than the reference.
On a shared, loaded machine absolute times inflate for both; the ratio is the steadier figure.
Run: ``python benchmarks/extract.py [--rounds N] [--kb KB]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable

from bs4 import BeautifulSoup

from crawler.diff import diff_records
from crawler.extract import extract_record
from crawler.simweb.markup import SiteProfile, render_page
from crawler.simweb.noise import Noise
from crawler.simweb.seeds import load_seed

TARGET_MS = 5.0
TARGET_RATIO = 4.0


def _page(kb: int, night: int) -> tuple[str, str]:
    seed = load_seed("trollhattan")
    profile = SiteProfile(
        id=seed.id,
        name=seed.name,
        short=seed.short,
        domain=seed.domain,
        cms="sitevision",
        page_path=seed.path,
        contact_style="card",
        boilerplate=seed.boilerplate,
        page_kb=kb,
    )
    return render_page(seed.content, profile, Noise(), night), f"https://www.{seed.domain}{seed.path}"


def _times(fn: Callable[[], object], rounds: int) -> list[float]:
    fn()  # warm caches (regexes, dateparser) as a long crawl would have them
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _peak_kib(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--kb", type=int, default=130)
    args = parser.parse_args()
    old_html, url = _page(args.kb, 0)
    new_html, _ = _page(args.kb, 1)  # next night: news rotated, cache-busters changed
    old = extract_record(old_html, url)

    def ours() -> object:
        return diff_records(old, extract_record(new_html, url))

    def reference() -> object:
        return BeautifulSoup(new_html, "lxml")

    ours_t = _times(ours, args.rounds)
    ref_t = _times(reference, max(10, args.rounds // 10))
    ours_ms = statistics.median(ours_t) * 1000
    ref_ms = statistics.median(ref_t) * 1000
    print(
        f"page: {len(new_html.encode('utf-8')) / 1024:.0f} KB Sitevision-like ({url}), {args.rounds} rounds, one core"
    )
    print(f"extract_record + diff_records: median {ours_ms:.2f} ms/page   target < {TARGET_MS} ms")
    print(f"  p90 {sorted(ours_t)[int(len(ours_t) * 0.9)] * 1000:.2f} ms, {1000 / ours_ms:.0f} pages/s")
    print(f"  peak memory (tracemalloc): {_peak_kib(ours):.0f} KiB")
    print(f"reference BeautifulSoup(html, 'lxml'): median {ref_ms:.2f} ms/page, {1000 / ref_ms:.0f} pages/s")
    print(f"  peak memory (tracemalloc): {_peak_kib(reference):.0f} KiB")
    ratio = ref_ms / ours_ms
    print(f"speed-up over the reference: {ratio:.1f}x   target >= {TARGET_RATIO}x")
    print(f"changes found between the two nights (noise only): {ours()}")


if __name__ == "__main__":
    main()
