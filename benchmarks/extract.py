"""Extraction benchmark: extract_record + diff_records on a realistic Sitevision-like page.

Renders the Trollhättan seed page in the simulated web's Sitevision markup
padded to about 130 KB (mega-menu, inline config JSON: what makes real pages
big), then measures on one core:

- extraction + diff (lxml cuts the content region, BeautifulSoup reads it): median ms per
  page over several runs, pages per second; the same with per-site ``main``/``ignore``
  overrides (soupsieve on a hollowed soup of the page);
- the reference: a plain ``BeautifulSoup(html, "lxml")`` parse of the same page;
- peak memory per page, two ways: tracemalloc (Python allocations only: it does not see
  libxml2's C trees) and the growth of the resident set (VmHWM after resetting it through
  /proc/self/clear_refs), each in a fresh interpreter so one side cannot reuse the other's heap.

Targets: extraction + diff under 5 ms a page and >= 4x faster than the reference. On a
shared, loaded machine absolute times inflate for both; the ratio is the steadier figure,
and the load average is printed beside it. Run: ``python benchmarks/extract.py [--runs N]
[--rounds N] [--kb KB]``.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from crawler.diff import diff_records
from crawler.extract import extract_record
from simweb.municipal.builders import sitevision_page

TARGET_MS = 5.0
TARGET_RATIO = 4.0
OVERRIDES = {"main": "main .sv-text-portlet, #content", "ignore": [".sidebar", ".lastmodified ~ div"]}


def _cases(kb: int) -> dict[str, Callable[[], object]]:
    old_html, url = sitevision_page(kb, 0)
    new_html, _ = sitevision_page(kb, 1)  # next night: news rotated, cache-busters changed
    old = extract_record(old_html, url)
    old_over = extract_record(old_html, url, **OVERRIDES)  # type: ignore[arg-type]
    return {
        "ours": lambda: diff_records(old, extract_record(new_html, url)),
        "overrides": lambda: diff_records(old_over, extract_record(new_html, url, **OVERRIDES)),  # type: ignore[arg-type]
        "reference": lambda: BeautifulSoup(new_html, "lxml"),
    }


def _one_page(case: str, kb: int) -> Callable[[], object]:
    """One page's work without the diff (whose old record would need a big page extracted first)."""
    html, url = sitevision_page(kb, 1)
    if case == "reference":
        return lambda: BeautifulSoup(html, "lxml")
    overrides = OVERRIDES if case == "overrides" else {}
    return lambda: extract_record(html, url, **overrides)  # type: ignore[arg-type]


def _median_ms(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and p90 in ms of ``rounds`` calls."""
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    out.sort()
    return statistics.median(out) * 1000, out[int(len(out) * 0.9)] * 1000


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _trim_heap() -> None:
    """Give free heap back to the OS (glibc), so a page's peak shows in the resident set
    instead of landing in memory that building the test page left free."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _memory_child(case: str, kb: int) -> None:
    """In a fresh interpreter: peak growth of Python allocations and of the resident set for one page."""
    fn = _one_page(case, kb)
    # warm caches (regexes, dateparser) on a small page: warming on the big one would leave
    # its freed heap behind for the measured call to reuse, and hide the growth
    _one_page(case, 1)()
    gc.collect()
    _trim_heap()
    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current RSS
        reset = True
    except OSError:
        reset = False
    before = _status_kib("VmRSS")
    fn()
    rss_peak = _status_kib("VmHWM") - before
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    for _ in range(48):
        fn()
    gc.collect()
    retained = _status_kib("VmRSS") - before
    print(json.dumps({"tracemalloc": peak / 1024, "rss_peak": rss_peak, "rss_after_50": retained, "reset": reset}))


def _memory(case: str, kb: int) -> dict[str, float]:
    here = Path(__file__).resolve()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(here.parent.parent), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, str(here), "--memory-of", case, "--kb", str(kb)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs; the figure is the median of their medians")
    parser.add_argument("--rounds", type=int, default=100, help="calls of ours per run (reference: a tenth)")
    parser.add_argument("--kb", type=int, default=130)
    parser.add_argument("--memory-of", choices=("ours", "overrides", "reference"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_of:
        _memory_child(args.memory_of, args.kb)
        return
    cases = _cases(args.kb)
    size_kb = len(sitevision_page(args.kb, 1)[0].encode("utf-8")) / 1024
    load_before = os.getloadavg()
    for fn in cases.values():
        fn()  # warm caches (regexes, dateparser) as a long crawl would have them
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(args.runs):  # interleaved, so a burst of load from elsewhere hits every side
        runs["ours"].append(_median_ms(cases["ours"], args.rounds))
        runs["overrides"].append(_median_ms(cases["overrides"], args.rounds))
        runs["reference"].append(_median_ms(cases["reference"], max(5, args.rounds // 10)))
    load_after = os.getloadavg()
    med = {name: statistics.median(m for m, _ in r) for name, r in runs.items()}
    p90 = {name: statistics.median(p for _, p in r) for name, r in runs.items()}
    mem = {name: _memory(name, args.kb) for name in cases}

    print(f"page: {size_kb:.0f} KB Sitevision-like, {args.runs} runs x {args.rounds} rounds, one core")
    print(f"load average (1 min) before/after: {load_before[0]:.2f} / {load_after[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"per-run medians, ours: {', '.join(f'{m:.2f}' for m, _ in runs['ours'])} ms")
    for name, label in (("ours", "extract_record + diff_records"), ("overrides", "  same, with main/ignore")):
        ratio = med["reference"] / med[name]
        print(
            f"{label:<32} median {med[name]:.2f} ms/page (p90 {p90[name]:.2f}), {1000 / med[name]:.0f} pages/s   "
            f"target < {TARGET_MS} ms {'ok' if med[name] < TARGET_MS else 'MISSED'}; "
            f"{ratio:.1f}x the reference, target >= {TARGET_RATIO}x {'ok' if ratio >= TARGET_RATIO else 'MISSED'}"
        )
    print(f"{'reference BeautifulSoup(html, lxml)':<32} median {med['reference']:.2f} ms/page, "
          f"{1000 / med['reference']:.0f} pages/s")  # fmt: skip
    print("peak memory per page (fresh interpreter each):")
    for name in cases:
        m = mem[name]
        note = "" if m["reset"] else " (VmHWM could not be reset: upper bound)"
        print(
            f"  {name:<10} tracemalloc {m['tracemalloc']:.0f} KiB, resident set +{m['rss_peak']:.0f} KiB at peak, "
            f"+{m['rss_after_50']:.0f} KiB held after 50 pages{note}"
        )
    print(f"changes found between the two nights (noise only): {cases['ours']()}")


if __name__ == "__main__":
    main()
