"""Crawl benchmark (issue 3): the full `kommunvakt crawl` against a bare Scrapy spider.

Serves the simulated web of 290 municipalities (100 KB pages, 100 ms server
latency) on loopback and prints, in one run: wall time and pages per second
of a full crawl and of the bare spider (the floor), their ratio, peak memory,
and database bytes after 1 and after 5 unchanged nights. Each timing is the
median of ``--repeat`` runs, each in a fresh process (Scrapy's reactor runs
once per process, and a user's crawl is a fresh process too).

    python benchmarks/crawl.py [--sites 290] [--page-kb 100] [--latency 0.1] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from simweb.municipal import SimulatedWeb

HERE = Path(__file__).resolve().parent


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc)."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    found += _tree(int(child))
    except OSError:
        pass
    return found


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read()
    except OSError:
        return b""


def _processes(root: int) -> list[int]:
    """The tree, less any child caught between fork and exec: still a copy of its parent (same command
    line), it maps the parent's pages, and counting them twice would charge memory that does not exist."""
    pids = _tree(root)
    parent_command = _cmdline(root)
    return [root] + [pid for pid in pids[1:] if _cmdline(pid) != parent_command]


def _proc_kb(path: str, field: str) -> int:
    """A ``Field:  123 kB`` line of a /proc file; 0 once the process is gone."""
    try:
        with open(path) as lines:
            return next((int(line.split()[1]) for line in lines if line.startswith(field)), 0)
    except OSError:
        return 0


def _rss_kb(pid: int) -> int:
    return _proc_kb(f"/proc/{pid}/status", "VmRSS:")


def _pss_kb(pid: int) -> int:
    """Proportional set size: each shared page split among the processes that map it."""
    return _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")


def measured(command: list[str], cwd: Path) -> dict[str, Any]:
    """Run a command; its wall time, the CPU time of its process tree and the peak of the summed resident memory
    of its process tree.

    Summed over the tree (sampled every 20 ms), so the crawl is charged for its page-reader
    process too; pages both map (shared libraries) count twice, so the sum is an upper bound.
    The peak of the summed proportional set size (shared pages split; read every 200 ms) is kept beside it.
    """
    with tempfile.TemporaryFile(mode="w+") as errors:  # a pipe could fill up and stall the command
        cpu_before = _children_cpu()
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, text=True)
        peak, peak_parts, peak_pss, samples = 0, [0], 0, 0
        while process.poll() is None:
            pids = _processes(process.pid)
            parts = [_rss_kb(pid) for pid in pids]
            if sum(parts) > peak:
                peak, peak_parts = sum(parts), parts
            samples += 1
            if samples % 10 == 0:  # PSS walks the page tables: too dear to read every 20 ms beside a crawl
                peak_pss = max(peak_pss, sum(_pss_kb(pid) for pid in pids))
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"benchmark failed ({process.returncode}): {' '.join(command)}\n{errors.read()[-2000:]}")
    return {"seconds": seconds, "cpu_s": cpu, "maxrss_kb": peak, "parts_kb": peak_parts, "pss_kb": peak_pss}


def _children_cpu() -> float:
    """User + system CPU seconds of this process's reaped children, and of the children they reaped in turn
    (the crawl waits for its page readers): one command at a time, the difference is its whole tree's."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def db_bytes(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=290)
    parser.add_argument("--page-kb", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory() as tmp,
        SimulatedWeb.municipalities(n=args.sites, page_kb=args.page_kb, latency=args.latency) as web,
    ):
        work = Path(tmp)
        web.set_validators(None, False)  # worst case: no 304 shortcut, every page is judged from its content
        web.warm()
        sites = web.write_sites_file(work / "sites.yaml")
        (work / "kommunvakt.toml").write_text('[crawl]\ncontact = "bench@example.se"\n')
        bare, full = [], []
        for i in range(args.repeat):
            bare.append(measured([sys.executable, str(HERE / "bare_spider.py"), str(sites)], work))
            db = work / f"full-{i}.db"
            full.append(measured(["kommunvakt", "crawl", "--sites", str(sites), "--db", str(db), "-q"], work))
        bare_s = statistics.median(r["seconds"] for r in bare)
        full_s = statistics.median(r["seconds"] for r in full)
        peak_run = max(full, key=lambda r: r["maxrss_kb"])
        peak_mb = peak_run["maxrss_kb"] / 1024
        peak_parts = " + ".join(f"{kb / 1024:.0f}" for kb in peak_run["parts_kb"])
        peak_pss_mb = max(r["pss_kb"] for r in full) / 1024

        nights_db = work / "nights.db"
        sizes, later_nights = [], []
        for night in range(1, 6):
            web.night(night)  # news, CSRF tokens and cache-busting rotate; nothing an analyst cares about
            web.warm()  # render the night's pages before the clock starts, as for the timed runs
            result = measured(["kommunvakt", "crawl", "--sites", str(sites), "--db", str(nights_db), "-q"], work)
            sizes.append(db_bytes(nights_db))
            if night > 1:
                later_nights.append(result["seconds"])
        growth = (sizes[-1] - sizes[0]) / (4 * args.sites)

    pages = args.sites
    print(
        f"simulated web: {pages} sites, {args.page_kb} KB pages, {args.latency * 1000:.0f} ms latency; "
        f"median of {args.repeat} runs"
    )
    print(f"bare spider (floor):   {bare_s:6.2f} s  {pages / bare_s:7.1f} pages/s")
    print(f"full kommunvakt crawl: {full_s:6.2f} s  {pages / full_s:7.1f} pages/s")
    print(f"ratio full/bare:       {full_s / bare_s:6.2f}x   (target <= 1.5x; first night: every page a new version)")
    steady = statistics.median(later_nights)
    print(f"unchanged nights 2-5:  {steady:6.2f} s  ratio {steady / bare_s:.2f}x (each page compared, none stored)")
    print(f"peak memory (full):    {peak_mb:6.1f} MB  (target < 150 MB; crawl + page reader: {peak_parts} MB)")
    print(f"  same, shared pages split (PSS): {peak_pss_mb:.1f} MB")
    print(f"database after 1 night: {sizes[0]:,} bytes; after 5 nights: {sizes[-1]:,} bytes")
    print(f"growth per page per unchanged night: {growth:.0f} bytes  (target < 200)")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)")
