"""kommunvakt beside urlwatch and the bare spider on one simulated web, in one run (issue 17).

Serves the simulated municipal web (simweb.municipal: 100 KB pages, validators on) on loopback and runs
three watchers on it, alternating, each night in a fresh process:

- ``kommunvakt``: ``kommunvakt crawl`` into a SQLite file;
- ``urlwatch``: urlwatch with a content selector (``main, #content``) and html2text (the Python library),
  the peer (install it with ``pip install -e '.[bench]'``);
- ``bare``: benchmarks/bare_spider.py, the project's Scrapy spider that only downloads (the floor).

A *first* night starts from nothing (every page new); an *unchanged* night runs again on the state the first
left (kommunvakt and urlwatch send validators and get 304s; the bare spider downloads every page again).
For each size and latency it prints the medians of wall time, CPU time (the process tree: the crawl and
its page readers) and peak process-tree memory (summed resident sets), the ratios beside issue 17's
targets (each ratio the median of the rounds' own ratios, so a busy moment of a shared machine weighs on
both sides of a pair), the database growth of an unchanged night, and CPU per page at each size.

    python benchmarks/compare.py                       # quick: 290 sites, 100 ms, 3 rounds
    python benchmarks/compare.py --sites 290,1000,3000 --latency 100,20 --rounds 5   # the whole issue
    python benchmarks/compare.py --full                # the same
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crawl import db_bytes, measured  # benchmarks/crawl.py, beside this file
from ruamel.yaml import YAML

from simweb.municipal import SimulatedWeb

HERE = Path(__file__).resolve().parent
TOOLS = ("kommunvakt", "urlwatch", "bare")
NIGHTS = ("first", "unchanged")
#: The selector a urlwatch user would write for these sites' content boxes (Sitevision/WordPress #content,
#: Episerver <main>), and urlwatch's html2text filter with the html2text library (pyhtml2text).
URLWATCH_FILTER = [{"css": "main, #content"}, {"html2text": {"method": "pyhtml2text"}}]


@dataclass
class Figures:
    """One tool's runs of one night: seconds, CPU seconds, peak tree MB, one entry per round."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    tree_mb: list[float] = field(default_factory=list)

    def add(self, result: dict[str, float]) -> None:
        self.wall.append(result["seconds"])
        self.cpu.append(result["cpu_s"])
        self.tree_mb.append(result["maxrss_kb"] / 1024)


@dataclass
class Workspace:
    """Where one round's state lives: kommunvakt's database and urlwatch's cache, fresh for each first night."""

    root: Path
    sites: Path
    urls: Path
    config: Path

    def db(self, round_no: int) -> Path:
        return self.root / f"kommunvakt-{round_no}.db"

    def cache(self, round_no: int) -> Path:
        return self.root / f"urlwatch-{round_no}.db"


def write_urlwatch_jobs(web: SimulatedWeb, path: Path) -> Path:
    jobs = [{"name": site_id, "url": web.page_url(site_id), "filter": URLWATCH_FILTER} for site_id in web.site_ids]
    yaml = YAML()
    yaml.explicit_start = True
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump_all(jobs, fh)
    return path


def urlwatch_command(work: Workspace, round_no: int) -> list[str]:
    if importlib.util.find_spec("urlwatch") is None:
        raise SystemExit("benchmarks/compare.py: urlwatch is not installed (pip install -e '.[bench]')")
    # Each watcher is started by this interpreter itself (no console-script shim, such as pyenv's, in between).
    return [
        sys.executable,
        "-c",
        "import sys; from urlwatch.cli import main; sys.exit(main())",
        "--urls",
        str(work.urls),
        "--config",
        str(work.config),
        "--hooks",
        str(work.root / "no-hooks.py"),
        "--cache",
        str(work.cache(round_no)),
    ]


def command(tool: str, work: Workspace, round_no: int) -> list[str]:
    if tool == "kommunvakt":
        return [
            sys.executable,
            "-m",
            "crawler.cli",
            "crawl",
            "--sites",
            str(work.sites),
            "--db",
            str(work.db(round_no)),
            "-q",
        ]
    if tool == "urlwatch":
        return urlwatch_command(work, round_no)
    return [sys.executable, str(HERE / "bare_spider.py"), str(work.sites)]


def prepare(web: SimulatedWeb, root: Path) -> Workspace:
    work = Workspace(root, web.write_sites_file(root / "sites.yaml"), root / "urls.yaml", root / "urlwatch.yaml")
    write_urlwatch_jobs(web, work.urls)
    (root / "kommunvakt.toml").write_text('[crawl]\ncontact = "bench@example.se"\n')
    # urlwatch writes its default configuration on its first start: let it, before anything is timed.
    measured([*urlwatch_command(work, 0), "--list"], root)
    return work


@dataclass
class Size:
    """The figures of one size and latency."""

    sites: int
    latency_ms: int
    runs: dict[tuple[str, str], Figures]
    growth: list[float]  # kommunvakt's database bytes per page added by each round's unchanged night


def measure(sites: int, latency_ms: int, rounds: int, page_kb: int, tools: tuple[str, ...]) -> Size:
    runs = {(night, tool): Figures() for night in NIGHTS for tool in tools}
    growth: list[float] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        SimulatedWeb.municipalities(n=sites, page_kb=page_kb, latency=latency_ms / 1000) as web,
    ):
        web.warm()  # render every page before the clock starts: the server's work is not the watchers'
        work = prepare(web, Path(tmp))
        for round_no in range(1, rounds + 1):
            # Alternate: each round starts with another tool, so none always meets the machine at its busiest.
            shift = (round_no - 1) % len(tools)
            order = tools[shift:] + tools[:shift]
            for night in NIGHTS:
                for tool in order:
                    runs[night, tool].add(measured(command(tool, work, round_no), work.root))
                    if tool == "kommunvakt":
                        if night == "first":
                            first_bytes = db_bytes(work.db(round_no))
                        else:
                            growth.append((db_bytes(work.db(round_no)) - first_bytes) / sites)
            print(f"  ... {sites} sites, {latency_ms} ms: round {round_no} of {rounds} done", file=sys.stderr)
    return Size(sites, latency_ms, runs, growth)


def _median_ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True) if y)


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def print_size(size: Size, rounds: int, page_kb: int) -> None:
    print(
        f"\n{size.sites} sites, {page_kb} KB pages, {size.latency_ms} ms latency: medians of {rounds} alternating "
        "rounds (a shared machine: ratios matter more than seconds)"
    )
    print(f"{'night':<10} {'watcher':<11} {'wall s':>7} {'CPU s':>7} {'tree MB':>8} {'CPU/page':>9}")
    for (night, tool), f in size.runs.items():
        cpu = statistics.median(f.cpu)
        print(
            f"{night:<10} {tool:<11} {statistics.median(f.wall):7.2f} {cpu:7.2f} "
            f"{statistics.median(f.tree_mb):8.0f} {cpu / size.sites * 1000:7.1f}ms"
        )
    checks: list[tuple[str, float, float, str]] = []  # (label, value, target, unit)
    runs = size.runs
    for night in NIGHTS:
        kv = runs.get((night, "kommunvakt"))
        uw = runs.get((night, "urlwatch"))
        bare = runs.get((night, "bare"))
        if kv is None:
            continue
        if uw is not None:
            print(
                f"  {night}: kommunvakt / urlwatch: wall {_median_ratio(kv.wall, uw.wall):.2f}x, "
                f"CPU {_median_ratio(kv.cpu, uw.cpu):.2f}x, memory {_median_ratio(kv.tree_mb, uw.tree_mb):.2f}x"
            )
        cpu_target = 1.0 if night == "unchanged" else 2.0
        wall_target = 1.1 if night == "unchanged" else 1.3
        if uw is not None:
            checks.append((f"{night} night CPU vs urlwatch", _median_ratio(kv.cpu, uw.cpu), cpu_target, "x"))
        if bare is not None:
            checks.append((f"{night} night wall vs bare spider", _median_ratio(kv.wall, bare.wall), wall_target, "x"))
        checks.append((f"{night} night process tree", max(kv.tree_mb), 150.0, " MB"))
    if size.growth:
        checks.append(("database growth per page, unchanged night", statistics.median(size.growth), 100.0, " B"))
    for label, value, target, unit in checks:
        shown = f"{value:.2f}{unit}" if unit == "x" else f"{value:.0f}{unit}"
        print(f"  {label:<44} {shown:>9}  (target <= {target:g}{unit})  {_verdict(value, target)}")


def print_linearity(sizes: list[Size]) -> None:
    """CPU per page of each watcher and night at each size: a cost linear in pages keeps it flat."""
    latencies = sorted({s.latency_ms for s in sizes}, reverse=True)
    if len({s.sites for s in sizes}) < 2:
        return
    print("\nCPU per page (ms) by size: flat when the cost is linear in pages")
    for latency in latencies:
        row = [s for s in sizes if s.latency_ms == latency]
        print(f"  {latency} ms latency: " + ", ".join(f"{s.sites} sites" for s in row))
        for night, tool in row[0].runs:
            per_page = [statistics.median(s.runs[night, tool].cpu) / s.sites * 1000 for s in row]
            print(f"    {night:<10} {tool:<11} " + "  ".join(f"{ms:6.1f}" for ms in per_page))


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sites", default="290", help="comma-separated sizes (default 290)")
    parser.add_argument("--latency", default="100", help="comma-separated server latencies in ms (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per size (default 3)")
    parser.add_argument("--page-kb", type=int, default=100)
    parser.add_argument("--tools", default=",".join(TOOLS), help=f"a subset of {','.join(TOOLS)}")
    parser.add_argument("--full", action="store_true", help="290, 1000 and 3000 sites at 100 and 20 ms")
    args = parser.parse_args(argv)
    tools = tuple(t for t in args.tools.split(",") if t)
    if unknown := set(tools) - set(TOOLS):
        parser.error(f"--tools: unknown {', '.join(sorted(unknown))} (choose from {', '.join(TOOLS)})")
    sizes_wanted = [290, 1000, 3000] if args.full else _ints(args.sites)
    latencies = [100, 20] if args.full else _ints(args.latency)
    started = time.perf_counter()
    sizes = []
    for latency in latencies:
        for n in sizes_wanted:
            size = measure(n, latency, args.rounds, args.page_kb, tools)
            print_size(size, args.rounds, args.page_kb)
            sizes.append(size)
    print_linearity(sizes)
    out(f"(benchmark took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
