"""Discovery on the real-address web: sitemap indexes, the site search, English pages, alias hosts, real paths.

Every case runs ``kommunvakt discover`` (a subprocess) against :class:`RealWeb`
on loopback; the sites are built from addresses shaped like the real ones
(``simweb.discovery.real``), some edited so that one way in is the only one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.discover.evidence import parse_page
from crawler.discover.scoring import CONFIDENT_SCORE, Candidate, score_candidate
from simweb.discovery.real import Address, RealSite, build_real_sites, build_site
from simweb.discovery.real_server import RealWeb
from simweb.discovery.words import title_from_segment

LATENCY = 0.01


def site(index: int, site_id: str, code: str, primary: str, *secondaries: str) -> RealSite:
    """A site at https://www.<id>.se/ around the given addresses (the first is the primary)."""
    home = f"https://www.{site_id}.se/"
    rows = [Address("test", code, site_id, site_id.capitalize(), home, "primary", primary)]
    rows += [Address("test", code, site_id, site_id.capitalize(), home, "secondary", u) for u in secondaries]
    return build_site(index, rows)


def kommunvakt(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True, timeout=180)


def discover(web: RealWeb, tmp: Path, **sites_file: object) -> dict[str, dict]:
    sites = web.write_sites_file(tmp / "sites.yaml", **sites_file)  # type: ignore[arg-type]
    out = kommunvakt("discover", "--sites", str(sites), "--db", str(tmp / "k.db"), "--format", "json")
    assert out.returncode == 0, out.stderr
    return {r["site"]: r for r in json.loads(out.stdout)}


def crafted() -> list[RealSite]:
    """One site per way in, each made so that that way is the only one to its page."""
    nested = site(0, "alfa", "9901", "https://www.alfa.se/kommun-och-politik/internationellt-arbete/")
    nested.sitemap, nested.search = "nested_gz", None
    nested.unlink(nested.primary)

    search = site(1, "beta", "9902", "https://www.beta.se/kommunpolitik/strategiskasamarbeten.635.html")
    search.sitemap, search.search, search.search_disallowed = "missing", "sitevision", False
    search.unlink(search.primary)
    forbidden = site(2, "gamma", "9903", "https://www.gamma.se/kommunpolitik/strategiskasamarbeten.635.html")
    forbidden.sitemap, forbidden.search, forbidden.search_disallowed = "missing", "sitevision", True
    forbidden.unlink(forbidden.primary)

    english = site(
        3,
        "delta",
        "9904",
        "https://www.delta.se/kommun-och-politik/eu-och-internationellt/",
        "https://www.delta.se/en/municipality/international-cooperation/",
        "https://www.delta.se/toppmeny/other-languages/english/international-work.html",
    )
    english_only = site(4, "epsilon", "9905", "https://www.epsilon.se/English/Municipality/International-Work/")

    aliased = site(5, "zeta", "9906", "https://kommun.zeta.se/kommun--politik/internationellt-arbete/")
    bare = site(6, "eta", "9907", "https://kommun.eta.se/kommun--politik/internationellt-arbete/")
    for s in (aliased, bare):
        s.search = None

    named = site(7, "theta", "9908", "https://www.theta.se/kommun-och-politik/internationella-relationer/")
    unnamed = site(8, "iota", "9909", "https://www.iota.se/kommun-och-politik/internationella-relationer/")
    named.sitemap, unnamed.sitemap = "gz", "unlisted"  # /sitemap.xml.gz named in robots.txt; /sitemap.xml not
    for s in (named, unnamed):
        s.search = None
        s.unlink(s.primary)
    return [nested, search, forbidden, english, english_only, aliased, bare, named, unnamed]


@pytest.fixture(scope="module")
def crafted_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RealWeb, dict[str, dict]]]:
    with RealWeb(crafted(), latency=LATENCY) as web:
        yield web, discover(web, tmp_path_factory.mktemp("crafted"), no_aliases=["eta"])


def paths(web: RealWeb, site_id: str) -> list[str]:
    return [h.path for h in web.requests(site_id)]


@pytest.mark.slow
def test_nested_gzipped_sitemap_index_is_the_way_in(crafted_run: tuple[RealWeb, dict[str, dict]]) -> None:
    web, found = crafted_run
    assert web.sites["alfa"].aliases == []
    assert {"/sitemap_index.xml", "/sitemaps/pages-index.xml", "/sitemaps/pages-1.xml.gz"} <= set(paths(web, "alfa"))
    assert found["alfa"]["url"] == web.primary("alfa") and found["alfa"]["confident"]


@pytest.mark.slow
def test_the_sitemap_robots_txt_names_is_read_and_sitemap_xml_is_the_fallback(
    crafted_run: tuple[RealWeb, dict[str, dict]],
) -> None:
    web, found = crafted_run
    named, unnamed = paths(web, "theta"), paths(web, "iota")
    assert "/sitemap.xml.gz" in named and "/sitemap.xml" not in named  # robots.txt's Sitemap: line, and only it
    assert "/sitemap.xml" in unnamed  # robots.txt names none: the usual place
    for site_id in ("theta", "iota"):
        assert found[site_id]["url"] == web.primary(site_id) and found[site_id]["confident"], site_id


@pytest.mark.slow
def test_site_search_is_asked_once_and_finds_an_unlinked_page(crafted_run: tuple[RealWeb, dict[str, dict]]) -> None:
    web, found = crafted_run
    asked = [p for p in paths(web, "beta") if p.startswith("/sok")]
    assert asked == ["/sok?query=internationell"]
    assert found["beta"]["url"] == web.primary("beta")


@pytest.mark.slow
def test_site_search_is_left_alone_when_robots_txt_forbids_it(crafted_run: tuple[RealWeb, dict[str, dict]]) -> None:
    web, found = crafted_run
    assert not [p for p in paths(web, "gamma") if p.startswith("/sok")]
    assert found["gamma"]["url"] != web.primary("gamma")  # the only way in was closed
    assert not found["gamma"]["confident"]


@pytest.mark.slow
def test_english_pages_lose_to_the_swedish_one(crafted_run: tuple[RealWeb, dict[str, dict]]) -> None:
    web, found = crafted_run
    english = web.secondaries("delta")
    assert found["delta"]["url"] == web.primary("delta") and found["delta"]["confident"]
    scored = {c["url"]: c["score"] for c in found["delta"]["candidates"]}
    assert all(scored.get(u, 0) < CONFIDENT_SCORE for u in english)
    assert found["delta"]["lang"] == "sv" and found["delta"]["english"] in english  # proposed apart, as English
    ranks = [c["url"] for c in found["delta"]["candidates"]]
    assert all(ranks.index(u) > ranks.index(web.primary("delta")) for u in english if u in ranks)
    # the only page about the topic is English: it is proposed as such, never with confidence
    assert found["epsilon"]["english"] == web.primary("epsilon")
    assert not found["epsilon"]["confident"]


@pytest.mark.slow
def test_alias_hosts_are_followed_only_when_named(crafted_run: tuple[RealWeb, dict[str, dict]]) -> None:
    web, found = crafted_run
    zeta, eta = web.sites["zeta"], web.sites["eta"]
    assert zeta.aliases == ["kommun.zeta.se"] and eta.aliases == ["kommun.eta.se"]
    assert found["zeta"]["url"] == web.primary("zeta") and found["zeta"]["confident"]
    eta_alias = web.host("eta", "kommun.eta.se")
    assert not [h for h in web.requests("eta") if h.host == eta_alias]
    assert found["eta"]["url"] != web.primary("eta")


@pytest.mark.slow
def test_robots_txt_first_and_budget_kept(crafted_run: tuple[RealWeb, dict[str, dict]]) -> None:
    web, _ = crafted_run
    for site_id in web.sites:
        hits = web.requests(site_id)
        assert len(hits) <= 30, site_id
        for host in {h.host for h in hits}:
            assert next(h for h in hits if h.host == host).path == "/robots.txt", (site_id, host)
    assert web.max_concurrency_per_host() <= 2


#: A handful of the data's municipalities, one per URL style: Sitevision ".4.<id>.html", Episerver folders,
#: bare numbers, a query-string address, "Sidor/default.aspx", a percent-encoded "vänorter", an alias host.
REAL_SAMPLE = ("harnosand", "linkoping", "skurup", "vannas", "horby", "hedemora", "partille")


@pytest.mark.slow
def test_real_addresses_quality_floor(tmp_path: Path) -> None:
    sites = [s for s in build_real_sites() if s.id in REAL_SAMPLE]
    assert len(sites) == len(REAL_SAMPLE) and {s.split for s in sites} == {"tuned"}  # the held-out part stays unseen
    with RealWeb(sites, latency=LATENCY) as web:
        found = discover(web, tmp_path)
        first = [sid for sid, r in found.items() if r["url"] == web.primary(sid)]
        related = [sid for sid, r in found.items() if r["url"] in web.secondaries(sid)]
        wrong_confident = [
            sid
            for sid, r in found.items()
            if r["confident"] and r["url"] not in {web.primary(sid), *web.secondaries(sid)}
        ]
    assert len(first) >= len(REAL_SAMPLE) - 1, found
    assert len(first) + len(related) == len(REAL_SAMPLE)
    assert wrong_confident == []


def test_breadcrumbs_served_and_read_name_what_a_numeric_address_hides() -> None:
    numeric = site(9, "kappa", "9910", "https://www.kappa.se/280.html")
    assert numeric.style == "numeric" and "ib" in numeric.decoys
    with RealWeb([numeric]) as web:
        url = web.decoy_urls("kappa")["ib"]
        with urllib.request.urlopen(url, timeout=10) as response:
            evidence = parse_page(response.read(), url, response.headers.get("Content-Type"))
        expected = [web.url("kappa", k) for k in numeric.trail(numeric.decoys["ib"])]
    assert [step.url for step in evidence.trail] == expected
    assert [step.text for step in evidence.trail][-2:] == ["Barn och utbildning", "Gymnasieskola"]
    ib = Candidate(url, title=evidence.title, h1=evidence.h1, text=evidence.text, lang=evidence.lang, fetched=True)
    blind = score_candidate(ib, numeric.name)
    ib.trail, ib.trail_urls = tuple(s.text for s in evidence.trail), tuple(s.url for s in evidence.trail)
    placed = score_candidate(ib, numeric.name)
    assert "a school's page" in placed.reasons and "a school's page" not in blind.reasons
    assert placed.score < blind.score


@pytest.mark.parametrize(
    ("segment", "title"),
    [
        ("Natverk-och-vanorter", "Nätverk och vänorter"),
        ("internationelltarbete.4.74fef9ab15548f0b800b51.html", "Internationellt arbete"),
        ("euochinternationelltarbete.4.733c4d9113d1efc66f16d5.html", "EU och internationellt arbete"),
        ("v%C3%A4norter__4040", "Vänorter"),
        ("internationellt-arbete2", "Internationellt arbete"),
        ("vanorter.n2401.html", "Vänorter"),
        ("default.aspx", ""),
        ("8877.html", ""),
        ("internationellt-arbete---vanorter", "Internationellt arbete - vänorter"),
    ],
)
def test_titles_are_read_back_from_real_slugs(segment: str, title: str) -> None:
    assert title_from_segment(segment) == title


def test_every_real_address_is_served_where_the_data_puts_it() -> None:
    sites = build_real_sites()
    parts = Counter(s.split for s in sites)
    assert parts == {"tuned": 90, "heldout": 32, "located": 40}
    for s in sites:
        for key in (s.primary, *s.secondaries):
            assert key in s.pages and s.pages[key].paragraphs, (s.id, key)
            assert key[0] in s.hosts
        linked = {k for p in s.pages.values() for _, k in p.links}
        assert s.primary in linked, s.id  # reachable by links, not only by sitemaps
