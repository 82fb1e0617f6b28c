"""The web app at a year's scale: 290 municipalities and 100,000 changes; prints render times and memory.

Run: ``python benchmarks/web.py [--db URL] [--changes N] [--repeat N]`` (default: a new SQLite file in a
temporary folder). The app is called in-process through its ASGI interface (Starlette's TestClient), as a
logged-in analyst; each figure is the median of ``--repeat`` requests after one warm-up. Targets (issue 14):
changes page (first page, and by county) under 50 ms, a municipality's timeline under 50 ms, a diff of
two 130 KB versions under 100 ms, the app under 150 MB (the feed of a saved filter: no target of its own; 50 ms
as for the page it mirrors).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import sys
import tempfile
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from starlette.testclient import TestClient

from crawler.record import Block, Contact, PageRecord
from crawler.registry import SiteEntry
from crawler.vocab import CHANGE_KINDS
from crawler.web.app import WebSettings, create_app
from crawler.web.auth import add_user, app_secret
from crawler.web.feed import feed_key
from storage.db import make_engine, session_factory, transaction
from storage.migrate import upgrade
from storage.models import ChangeRow, CrawlRun, Fetch, Page, SavedFilter, SiteRow, Snapshot

COUNTIES = [f"Län {n:02d}" for n in range(21)]
PASSWORD = "benchmark-lösenord"
WORDS = ["internationellt", "arbete", "projekt", "vänort", "samarbete", "kommun", "strategi", "europa"]


def _record(site: str, night: int, size: int) -> PageRecord:
    rng = random.Random(f"{site}{night}")
    blocks = []
    total = 0
    while total < size:
        text = " ".join(rng.choice(WORDS) for _ in range(60))
        blocks.append(Block("p", text))
        total += len(text)
    contact = Contact(name=f"Person {night}", role="EU-samordnare", email=f"p{night}@{site}.se", phone="+46520497000")
    return PageRecord(url=f"https://{site}.se/int", title="Internationellt arbete", blocks=tuple(blocks),
                      review_date=f"2026-{night % 12 + 1:02d}-01", contacts=(contact,))  # fmt: skip


def build(db_url: str, changes: int) -> tuple[list[SiteEntry], tuple[int, int], str, str]:
    engine = make_engine(db_url)
    upgrade(engine)
    factory = session_factory(engine)
    secret = app_secret(factory)
    sites = [
        SiteEntry(id=f"k{n:03d}", name=f"Kommun {n}", code=f"{n:04d}", county=COUNTIES[n % len(COUNTIES)],
             home=f"https://k{n:03d}.se/", url=f"https://k{n:03d}.se/int")
        for n in range(290)
    ]  # fmt: skip
    start = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    with transaction(factory) as session:
        session.execute(insert(SiteRow), [{"id": s.id, "name": s.name, "code": s.code, "county": s.county,
                                            "home": s.home, "url": s.url} for s in sites])  # fmt: skip
        session.execute(insert(Page), [{"id": n + 1, "site_id": s.id, "registry_url": s.url, "url": s.url,
                                        "missing_count": 0, "gone": False} for n, s in enumerate(sites)])  # fmt: skip
        session.execute(insert(CrawlRun), [{"id": r + 1, "started_at": start + timedelta(days=r),
                                            "finished_at": start + timedelta(days=r, minutes=20), "status": "completed",
                                            "trigger": "scheduled", "fetched": 290} for r in range(365)])  # fmt: skip
        session.execute(insert(Fetch), [{"run_id": r + 1, "page_id": p + 1, "fetched_at": start + timedelta(days=r),
                                         "outcome": "unchanged", "status": 200}
                                        for r in range(365) for p in range(290)])  # fmt: skip
        versions = []
        for night in (1, 2):
            record = _record("k000", night, 130_000)
            snap = Snapshot(page_id=1, run_id=night, taken_at=start + timedelta(days=night), url=record.url,
                            content_hash=record.content_hash(), html_z=zlib.compress(b"<html></html>"),
                            text=record.normalised_text(), record=record.to_json())  # fmt: skip
            session.add(snap)
            session.flush()
            versions.append(snap.id)
        rng = random.Random(14)
        batch = []
        for n in range(changes):
            page = rng.randrange(290)
            batch.append({"run_id": n * 365 // changes + 1, "site_id": sites[page].id, "page_id": page + 1,
                          "url": sites[page].url, "kind": rng.choice(CHANGE_KINDS), "old": "före", "new": "efter",
                          "detected_at": start + timedelta(minutes=n * 5), "superseded": False})  # fmt: skip
            if len(batch) == 10_000:
                session.execute(insert(ChangeRow), batch)
                batch = []
        if batch:
            session.execute(insert(ChangeRow), batch)
        user = add_user(session, "analyst@example.se", "analyst", PASSWORD)
        county = COUNTIES[3].replace(" ", "+")
        saved = SavedFilter(user_id=user.id, name="Län 03", query=f"county={county}", created_at=datetime.now(UTC))
        session.add(saved)
        session.flush()
        feed_path = f"/feeds/{feed_key(secret, user)}/{saved.id}.atom"
    engine.dispose()
    return sites, (versions[0], versions[1]), secret, feed_path


def measure(client: TestClient, path: str, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (ms): on a shared machine the CPU time is the
    steadier figure (it leaves out waiting for the cores, and a PostgreSQL server's own work)."""
    assert client.get(path).status_code == 200, path  # warm-up
    times, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200, path
    return statistics.median(times), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an empty database URL (default: SQLite in a temporary folder)")
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="kv-web-bench-")
    db_url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
    began = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(1) as pool:  # built elsewhere: the memory figure is the app's
        sites, (old, new), secret, feed_path = pool.apply(build, (db_url, args.changes))
    print(f"built {db_url.split('?')[0]}: 290 sites, {args.changes} changes in {time.perf_counter() - began:.1f} s")
    engine = make_engine(db_url)
    app = create_app(WebSettings(factory=session_factory(engine), sites=sites, secret=secret, engine=engine))
    with TestClient(app) as client:
        form = client.get("/login").text
        token = form.split('name="csrf" value="')[1].split('"')[0]
        client.post("/login", data={"csrf": token, "email": "analyst@example.se", "password": PASSWORD})
        county = COUNTIES[3].replace(" ", "+")
        figures = {
            "changes, first page": ("/changes", 50),
            "changes, by county": (f"/changes?county={county}", 50),
            "changes, county+kind+period, page 3": (
                f"/changes?county={county}&kind=text_changed&from=2026-02-01&to=2026-06-30&page=3",
                50,
            ),
            "municipality timeline": (f"/municipalities/{sites[0].id}", 50),
            "diff of two 130 KB versions": (f"/diff?from={old}&to={new}", 100),
            "overview": ("/", 50),
            "API changes, 500 a page": ("/api/v1/changes?per_page=500", 200),
            "Atom feed of a saved filter (by county)": (feed_path, 50),
        }
        print(f"{'page':40} {'median ms':>10} {'CPU ms':>8} {'target':>8}")
        for name, (path, target) in figures.items():
            median, cpu = measure(client, path, args.repeat)
            print(f"{name:40} {median:10.1f} {cpu:8.1f} {target:8d} {'ok' if median < target else 'OVER'}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the serving process (the app and the test client): {peak:.0f} MB (target 150)")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
