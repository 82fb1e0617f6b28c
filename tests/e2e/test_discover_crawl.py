"""End to end: `kommunvakt discover` (a subprocess) against the discovery web on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.registry import load_sites
from simweb.discovery import DiscoveryWeb, build_plans
from simweb.discovery.plan import PageSpec

pytestmark = pytest.mark.slow

N = 12  # covers every sitemap layout (plain, index, gzipped index, gz, unlisted, missing) and redirect kind
BLOCKED = [f"/privat/internationellt-arbete-{i}/" for i in range(6)]
LATENCY = 0.02  # every answer takes a while, so requests to one host really overlap when they may


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DiscoveryWeb, list[dict], Path, Path]]:
    plans = build_plans(N)
    guarded = plans[0]  # several topical pages on one host behind a disallow, all linked from the home page
    guarded.disallow = ("/sok/", "/privat/")
    for path in BLOCKED:
        guarded.add(PageSpec(path, "Internationellt arbete", "archive", ("Vänorter och EU-projekt.",)))
        guarded.link_from("/", "Internationellt arbete", path)
    tmp = tmp_path_factory.mktemp("discover")
    with DiscoveryWeb(plans, latency=LATENCY) as web:
        sites = web.write_sites_file(tmp / "sites.yaml")
        db = tmp / "k.db"
        out = kommunvakt("discover", "--sites", str(sites), "--db", str(db), "--format", "json")
        assert out.returncode == 0, out.stderr
        yield web, json.loads(out.stdout), sites, db


def kommunvakt(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True, timeout=120)


def test_json_contract_and_right_pages(run: tuple[DiscoveryWeb, list[dict], Path, Path]) -> None:
    web, results, _, _ = run
    assert len(results) == N
    for r in results:
        assert set(r) == {"site", "url", "score", "confident", "reasons", "candidates", "lang", "english"}
        assert 0 <= r["score"] <= 1 and r["reasons"] and r["lang"] == "sv"
        langs = [c["lang"] for c in r["candidates"]]
        assert langs == sorted(langs, key=lambda lang: lang == "en")  # Swedish pages first, English apart
        for lang in ("sv", "en"):
            scores = [c["score"] for c in r["candidates"] if c["lang"] == lang]
            assert scores == sorted(scores, reverse=True)
        assert r["url"] == web.truth(r["site"]), r
        assert r["confident"]
        assert r["url"] not in web.decoy_urls(r["site"]).values()


def test_layouts_covered(run: tuple[DiscoveryWeb, list[dict], Path, Path]) -> None:
    web, *_ = run
    layouts = {p.sitemap for p in web.plans.values()}
    assert layouts == {"plain", "index", "index_gz", "gz", "unlisted", "missing"}
    assert {"start", "www"} <= {p.redirect for p in web.plans.values()}
    gz_fetched = {h.path for h in web.requests() if h.path.endswith(".xml.gz")}
    assert {"/sitemap.xml.gz", "/sitemap-pages.xml.gz"} <= gz_fetched  # gzipped sitemap and gzipped index child


def test_robots_txt_obeyed_first_and_always(run: tuple[DiscoveryWeb, list[dict], Path, Path]) -> None:
    web, *_ = run
    for site_id, plan in web.plans.items():
        hits = web.requests(site_id)
        assert not [h for h in hits if any(h.path.startswith(d) for d in plan.disallow)], site_id
        for host in {h.host for h in hits}:
            first = next(h for h in hits if h.host == host)
            assert first.path == "/robots.txt" or (plan.redirect == "www" and first.status == 301), (site_id, host)
    assert web.max_concurrency() > 2  # answers take LATENCY, so overlapping requests show in the log
    assert web.max_concurrency_per_host() <= 2


def test_budget_respected(run: tuple[DiscoveryWeb, list[dict], Path, Path]) -> None:
    web, *_ = run
    for site_id in web.plans:
        assert len(web.requests(site_id)) <= 30 + 1, site_id  # + the one redirect hop Scrapy follows itself


def test_accept_writes_the_users_file(
    run: tuple[DiscoveryWeb, list[dict], Path, Path],
) -> None:
    web, results, sites, db = run
    own = sites.parent / "mine.yaml"
    own.write_text("# mine\n" + sites.read_text(encoding="utf-8"), encoding="utf-8")
    first, second = results[0]["site"], results[1]["site"]
    out = kommunvakt("discover", "--sites", str(own), "--db", str(db), "--accept", first)
    assert out.returncode == 0, out.stderr
    by_id = {s.id: s for s in load_sites(own)}
    assert by_id[first].url == web.truth(first) and by_id[second].url is None
    assert own.read_text(encoding="utf-8").startswith("# mine\n")
    out = kommunvakt("discover", "--sites", str(own), "--db", str(db), "--accept-confident")
    assert out.returncode == 0, out.stderr
    assert all(s.url == web.truth(s.id) for s in load_sites(own))
    # every site now has a url: nothing left to discover by default
    again = kommunvakt("discover", "--sites", str(own), "--db", str(db), "--format", "json")
    assert again.returncode == 0 and json.loads(again.stdout) == []
