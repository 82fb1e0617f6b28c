"""End to end: the crawl's own discovery finds the pages the registry lacks, on the discovery web (loopback).

Three nights of `kommunvakt crawl` (subprocesses) over five municipalities, two searched per night:

- ``invalid``: a candidate address that answers 404 is reported once, searched the same night, and its page
  is watched from the next night;
- ``weak``: a site with no page about its international work (only a school's page on the topic) gets a
  proposal that waits for an analyst and is never fetched as a watched page;
- ``later1``/``later2``: sites without an address, searched on the second night (the bound), watched on the
  third;
- ``watched``: a located page, crawled every night as if discovery did not exist.
"""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from ruamel.yaml import YAML
from sqlalchemy import select

from crawler.verdict import OUTAGE_MIN_PAGES
from simweb.discovery import DiscoveryWeb, build_plans
from simweb.discovery.plan import SitePlan
from simweb.loopback import Hit
from simweb.municipal import SimulatedWeb
from simweb.municipal.builders import dump_sites
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import ChangeRow, CrawlRun, Fetch, Page, ProposalRow

from support import run_cli, write_config

pytestmark = pytest.mark.slow

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".odt")
ROLES = ("invalid", "weak", "later1", "later2", "watched")
CONFIG = """
[crawl]
contact = "test@example.se"
timeout = 5.0
retries = 1
retry_backoff = 0.05

[discovery]
auto = true
max_per_night = 2
max_requests = 30
"""


def without_true_page(plan: SitePlan) -> None:
    """The site has no page of its own about international work (the true page and links to it go)."""
    gone = plan.pages.pop(plan.true_path)
    for path, page in list(plan.pages.items()):
        plan.pages[path] = dataclasses.replace(page, links=tuple(link for link in page.links if link[1] != gone.path))


@dataclass
class Nights:
    web: DiscoveryWeb
    ids: dict[str, str]  # role -> site id
    outputs: list[str]  # each night's stdout
    hits: list[list[Hit]]  # the requests each night made
    db: Path

    def factory(self):  # type: ignore[no-untyped-def]
        return session_factory(make_engine(f"sqlite:///{self.db}"))

    def searched(self, night: int) -> set[str]:
        """Sites whose home page was asked for in that night (only discovery asks for home pages)."""
        return {h.site_id for h in self.hits[night] if h.path == "/"}

    def outcomes(self, night: int, site_id: str) -> list[tuple[str, int | None]]:
        """(outcome, HTTP status) of the site's fetches in that night's run: what the crawl watched."""
        runs = self.runs()
        with self.factory()() as session:
            query = (
                select(Fetch.outcome, Fetch.status)
                .join(Page, Page.id == Fetch.page_id)
                .where(Fetch.run_id == runs[night], Page.site_id == site_id)
            )
            return [(outcome, status) for outcome, status in session.execute(query)]

    def paths(self, night: int, site_id: str) -> set[str]:
        """The paths of the site asked for that night (by the crawl, and by discovery if it searched), without
        robots.txt and the documents a watched page links to (those are test_crawl_documents.py's matter)."""
        return {
            h.path
            for h in self.hits[night]
            if h.site_id == site_id and h.path != "/robots.txt" and not h.path.lower().endswith(DOCUMENT_SUFFIXES)
        }

    @functools.cached_property
    def listed(self) -> dict[str, str]:
        """`kommunvakt sites` after the third night: site id -> its line."""
        result = run_cli("sites", "--sites", "sites.yaml", "--db", "k.db", cwd=self.db.parent)
        assert result.returncode == 0, result.stderr
        return {line.split()[0]: line for line in result.stdout.splitlines()[1:-1]}

    def runs(self) -> list[int]:
        with self.factory()() as session:
            return list(session.scalars(select(CrawlRun.id).order_by(CrawlRun.id)))


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nights]:
    plans = build_plans(len(ROLES))
    ids = dict(zip(ROLES, (p.id for p in plans), strict=True))
    without_true_page(plans[ROLES.index("weak")])
    tmp = tmp_path_factory.mktemp("auto")
    write_config(tmp, CONFIG)
    with DiscoveryWeb(plans) as web:
        path = web.write_sites_file(tmp / "sites.yaml")
        entries = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for entry in entries:
            if entry["id"] == ids["invalid"]:
                entry.update(url=web.url(entry["id"], "/gammal-sida/"), state="candidate", source="a stored copy")
            if entry["id"] == ids["watched"]:
                entry.update(url=web.truth(entry["id"]))
        dump_sites(path, entries, "auto discovery test")
        outputs, hits = [], []
        for _ in range(3):
            before = len(web.log)
            result = run_cli("crawl", "--sites", "sites.yaml", "--db", "k.db", cwd=tmp)
            assert result.returncode == 0, result.stdout + result.stderr
            outputs.append(result.stdout)
            hits.append(web.log[before:])
        yield Nights(web, ids, outputs, hits, tmp / "k.db")


def test_the_bound_holds_and_every_site_is_searched_in_turn(nights: Nights) -> None:
    ids = nights.ids
    assert nights.searched(0) == {ids["invalid"], ids["weak"]}  # file order; the candidate failed that night
    assert nights.searched(1) == {ids["later1"], ids["later2"]}  # the weak site's proposal waits for an analyst
    assert nights.searched(2) == set()
    assert "discovery: 2 municipalities searched, 1 watched from the next crawl, 1 proposed" in nights.outputs[0]
    assert "discovery: 2 municipalities searched, 2 watched from the next crawl" in nights.outputs[1]
    assert "discovery:" not in nights.outputs[2]


def test_an_invalid_candidate_is_reported_once_then_its_discovered_page_is_watched(nights: Nights) -> None:
    site = nights.ids["invalid"]
    truth = nights.web.truth(site)
    assert nights.outcomes(0, site) == [("invalid", 404)] and "/gammal-sida/" in nights.paths(0, site)
    for night in (1, 2):  # not searched again: the crawl alone asks for the discovered page
        assert nights.paths(night, site) == {urlsplit(truth).path}
        assert nights.outcomes(night, site) == [("new" if night == 1 else "unchanged", 200)]
    with nights.factory()() as session:
        kinds = list(session.scalars(select(ChangeRow.kind).where(ChangeRow.site_id == site)))
        page = session.scalars(select(Page).where(Page.site_id == site)).one()
    assert kinds == ["address_invalid"]  # once; discovering and watching a page is not a change
    assert (page.url, page.url_state) == (truth, "verified")


def test_unlocated_sites_are_watched_from_the_night_after_their_search(nights: Nights) -> None:
    for role in ("later1", "later2"):
        site = nights.ids[role]
        assert nights.outcomes(0, site) == nights.outcomes(1, site) == [] and nights.paths(0, site) == set()
        assert nights.outcomes(2, site) == [("new", 200)]
        assert nights.paths(2, site) == {urlsplit(nights.web.truth(site)).path}
    assert "not located 1" in nights.outputs[2]  # only the weak site is left


def test_a_site_without_a_confident_answer_gets_a_proposal_and_is_not_watched(nights: Nights) -> None:
    site = nights.ids["weak"]
    with nights.factory()() as session:
        rows = list(session.scalars(select(ProposalRow).where(ProposalRow.site_id == site)))
        pages = list(session.scalars(select(Page).where(Page.site_id == site)))
    assert [(r.status, r.confident) for r in rows] == [("proposed", False)]
    assert rows[0].url and pages == []
    assert nights.paths(1, site) == nights.paths(2, site) == set()  # never fetched after its search
    assert " proposed " in nights.listed[site]


def test_the_located_page_is_crawled_as_before(nights: Nights) -> None:
    site = nights.ids["watched"]
    for night in range(3):
        assert nights.paths(night, site) == {urlsplit(nights.web.truth(site)).path}
        assert nights.outcomes(night, site) == [("new" if night == 0 else "unchanged", 200)]
    with nights.factory()() as session:
        assert list(session.scalars(select(ProposalRow).where(ProposalRow.site_id == site))) == []


def test_sites_lists_the_discovered_pages_with_their_provenance(nights: Nights) -> None:
    listed = run_cli("sites", "--sites", "sites.yaml", "--db", "k.db", cwd=nights.db.parent)
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()[1:-1]}
    for role in ("invalid", "later1", "later2"):
        assert (
            "verified" in rows[nights.ids[role]] and "kommunvakt discover, during the crawl" in rows[nights.ids[role]]
        )


def test_a_discovery_that_breaks_never_fails_the_crawl_or_writes_a_change(tmp_path: Path) -> None:
    plans = build_plans(2)
    write_config(tmp_path, CONFIG)
    db = tmp_path / "k.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    engine.dispose()
    with sqlite3.connect(db) as connection:  # the database refuses every proposal: storing them breaks
        connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON proposals BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with DiscoveryWeb(plans) as web:
        path = web.write_sites_file(tmp_path / "sites.yaml")
        entries = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        entries[1]["url"] = web.truth(plans[1].id)
        dump_sites(path, entries, "one located, one not")
        result = run_cli("crawl", "--sites", "sites.yaml", "--db", "k.db", cwd=tmp_path)
        searched = {h.site_id for h in web.log if h.path == "/"}
    assert result.returncode == 0, result.stdout + result.stderr
    assert searched == {plans[0].id}  # discovery did run, and broke when it stored its answer
    assert "discovery: skipped after an error" in result.stdout and "refused" in result.stdout
    assert "run 1 completed: fetched 1 (new 1)" in result.stdout
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM changes").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM proposals").fetchone() == (0,)
        assert connection.execute("SELECT status FROM crawl_runs").fetchall() == [("completed",)]


def test_no_discovery_when_the_network_is_down(tmp_path: Path) -> None:
    """A night that could not reach the sites searches none: a search would only find the same dead network."""
    write_config(tmp_path, CONFIG)
    with SimulatedWeb.municipalities(n=OUTAGE_MIN_PAGES + 1, page_kb=5, latency=0.0) as web:
        path = web.write_sites_file(tmp_path / "sites.yaml")
        entries = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        del entries[-1]["url"]  # one municipality not located: the night would search it
        dump_sites(path, entries, "ten located, one not")
        web.stop()  # every host refuses connections
        result = run_cli("crawl", "--sites", "sites.yaml", "--db", "k.db", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "network looks unreachable" in result.stdout and "discovery:" not in result.stdout
    with sqlite3.connect(tmp_path / "k.db") as connection:
        assert connection.execute("SELECT count(*) FROM proposals").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM changes").fetchone() == (0,)
