"""End to end: `kommunvakt crawl` as a real process against the simulated municipal web on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from crawler.discover.proposals import save_proposals
from crawler.discover.scoring import Proposal
from crawler.lock import run_lock
from crawler.registry import load_sites
from simweb.municipal import Person, SimulatedWeb, content
from storage.db import session_factory
from storage.migrate import upgrade
from storage.models import ChangeRow, CrawlRun, Fetch, Page, Snapshot

from support import REPO, changes_of, count, engine_for, run_cli

pytestmark = pytest.mark.slow


def crawl(workdir: Path, db_url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, *extra, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def outcomes(engine, run_id: int) -> dict[str, str]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Page.site_id, Fetch.outcome).join(Fetch, Fetch.page_id == Page.id).where(Fetch.run_id == run_id)
        ).all()
    return dict(rows)


def test_quiet_nights_store_one_snapshot_per_page(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    first = crawl(workdir, db_url)
    assert "completed" in first.stdout and "new 5" in first.stdout
    assert "database: " in first.stderr and "kommunvakt changes" in first.stderr  # where the results went
    web.advance()  # a new night: rotating news, new CSRF tokens, cache-busting; no real change
    web.set_validators(None, False)  # no 304 shortcut: the content itself must be judged unchanged
    crawl(workdir, db_url)
    engine = engine_for(db_url)
    assert count(engine, Snapshot) == 5
    assert count(engine, ChangeRow) == 0
    assert set(outcomes(engine, 2).values()) == {"unchanged"}
    engine.dispose()


def test_unchanged_page_answered_304_stores_nothing(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    crawl(workdir, db_url)
    web.clear_requests()
    crawl(workdir, db_url)
    engine = engine_for(db_url)
    assert set(outcomes(engine, 2).values()) == {"not_modified"}
    assert count(engine, Snapshot) == 5
    seen = web.requests("trollhattan")
    answered_304 = [r for r in seen if r.status == 304]
    assert answered_304, "the unchanged pages were not answered 304"
    assert {"If-None-Match", "If-Modified-Since"} & set(answered_304[0].headers)
    assert any(r.path == "/robots.txt" for r in seen)
    assert all("contact: test@example.se" in r.headers.get("User-Agent", "") for r in seen)
    engine.dispose()


def test_replaced_coordinator_and_bumped_stamp(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    crawl(workdir, db_url)
    web.advance()
    web.edit(
        "trollhattan",
        content.chain(
            lambda c: content.replace_contact(
                c,
                0,
                Person(
                    "Sara Lindberg", ("Internationell samordnare",), "sara.lindberg@trollhattan.se", "0520-49 70 00"
                ),
            ),
            lambda c: content.bump_stamp(c, days=30),
        ),
    )
    crawl(workdir, db_url)
    found = changes_of(workdir, db_url)
    assert sorted(c["kind"] for c in found) == ["contact_added", "contact_removed", "review_date_changed"]
    assert {c["site"] for c in found} == {"trollhattan"}
    added = next(c for c in found if c["kind"] == "contact_added")
    assert added["new"]["email"] == "sara.lindberg@trollhattan.se"
    assert added["new"]["phone"] == "+46520497000"
    assert all(c["run"] == 2 and c["detected_at"].endswith("+00:00") for c in found)
    engine = engine_for(db_url)
    assert count(engine, Snapshot) == 6
    engine.dispose()


def test_failed_fetch_is_not_a_change(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    crawl(workdir, db_url)
    web.advance()
    web.fault("amal", 503, times=10)
    web.fault("hylte", "truncated", times=10)
    web.fault("ljungby", "maintenance", times=10)
    web.edit("eskilstuna", lambda c: content.bump_stamp(c, days=2))
    second = crawl(workdir, db_url)
    assert "failed 3" in second.stdout
    engine = engine_for(db_url)
    night2 = outcomes(engine, 2)
    assert night2["amal"] == night2["hylte"] == night2["ljungby"] == "failed"
    assert [c["site"] for c in changes_of(workdir, db_url)] == ["eskilstuna"]
    assert count(engine, Snapshot) == 6

    web.clear_faults()
    web.advance()
    web.edit("amal", lambda c: content.add_paragraph(c, "Åmål inleder ett nytt samarbete med Türi i Estland."))
    crawl(workdir, db_url)
    third = changes_of(workdir, db_url, "--run", "3")
    assert [(c["site"], c["kind"]) for c in third] == [("amal", "text_changed")]
    assert "Türi" in third[0]["new"]
    engine.dispose()


def test_missing_page_gone_after_two_runs_then_restored(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    crawl(workdir, db_url)
    web.fault("hylte", 404, times=2)
    crawl(workdir, db_url)
    assert changes_of(workdir, db_url) == []  # one 404 is not yet "gone"
    crawl(workdir, db_url)
    kinds = [(c["site"], c["kind"], c["new"]) for c in changes_of(workdir, db_url)]
    assert kinds == [("hylte", "page_gone", None)]
    crawl(workdir, db_url)
    restored = changes_of(workdir, db_url, "--run", "4")
    assert [(c["site"], c["kind"]) for c in restored] == [("hylte", "page_restored")]


def test_permanent_redirect_moves_the_page(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    crawl(workdir, db_url)
    old_url = web.page_url("ljungby")
    web.fault("ljungby", "moved", to="/om-kommunen/eu-och-internationellt/")
    crawl(workdir, db_url)
    moved = changes_of(workdir, db_url, "--kind", "page_moved")
    assert len(moved) == 1 and moved[0]["old"] == old_url
    assert moved[0]["new"].endswith("/om-kommunen/eu-och-internationellt/")
    engine = engine_for(db_url)
    with engine.connect() as connection:
        url = connection.execute(select(Page.url).where(Page.site_id == "ljungby")).scalar_one()
    assert url == moved[0]["new"]
    assert count(engine, ChangeRow, ChangeRow.kind != "page_moved") == 0
    engine.dispose()


def test_bad_sites_file_crawls_nothing(tmp_path: Path) -> None:
    (tmp_path / "sites.yaml").write_text('- id: x\n  name: X\n  code: "12a4"\n  home: https://x.se/\n')
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", "k.db", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "sites.yaml:3" in result.stderr and "'x'" in result.stderr and "'code'" in result.stderr
    assert not (tmp_path / "k.db").exists()


def scrapy(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``scrapy ARGS`` from the repository root, as a user of the Scrapy project would."""
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_it_is_a_real_scrapy_project(web: SimulatedWeb, workdir: Path, tmp_path: Path) -> None:
    listed = scrapy("list")
    assert listed.returncode == 0 and {"municipal", "discover"} <= set(listed.stdout.split())
    db = tmp_path / "scrapy.db"
    sites = f"sites={workdir / 'sites.yaml'}"
    crawled = scrapy(
        "crawl",
        "municipal",
        "-a",
        sites,
        "-a",
        "only=amal",
        "-a",
        f"db={db}",
        "-s",
        "LOG_LEVEL=ERROR",
        env={"KOMMUNVAKT_CONFIG": str(workdir / "kommunvakt.toml")},
    )
    assert crawled.returncode == 0, crawled.stderr
    engine = engine_for(f"sqlite:///{db}")
    assert count(engine, Snapshot) == 1
    assert [r.headers["User-Agent"] for r in web.requests("amal") if r.path != "/robots.txt"][0].endswith(
        "contact: test@example.se)"
    )
    assert web.requests("hylte") == []

    with run_lock(engine, "crawl"):  # another run holds the lock: `scrapy crawl` refuses too
        refused = scrapy("crawl", "municipal", "-a", sites, "-a", f"db={db}")
    assert "another run holds the lock" in refused.stderr
    assert count(engine, CrawlRun) == 1
    engine.dispose()


def test_scrapy_crawl_watches_the_pages_the_crawls_discovery_found(
    web: SimulatedWeb, workdir: Path, tmp_path: Path
) -> None:
    """`scrapy crawl municipal` crawls the registry `kommunvakt crawl` does: the sites file with the pages the
    crawl's own discovery watches laid over it (here: the only address amal has)."""
    unlocated = web.write_sites_file(tmp_path / "unlocated.yaml", located=False)
    db = tmp_path / "scrapy.db"
    engine = engine_for(f"sqlite:///{db}")
    upgrade(engine)
    found = Proposal("amal", web.page_url("amal"), 0.9, True, ("title",), ())
    save_proposals(
        session_factory(engine), [found], load_sites(unlocated), datetime(2026, 12, 1, tzinfo=UTC), watched={"amal"}
    )
    crawled = scrapy(
        "crawl",
        "municipal",
        "-a",
        f"sites={unlocated}",
        "-a",
        "only=amal,hylte",
        "-a",
        f"db={db}",
        "-s",
        "LOG_LEVEL=ERROR",
        env={"KOMMUNVAKT_CONFIG": str(workdir / "kommunvakt.toml")},
    )
    assert crawled.returncode == 0, crawled.stderr
    with engine.connect() as connection:
        stored = connection.execute(select(Page.site_id, Page.url).join(Snapshot, Snapshot.page_id == Page.id)).all()
    assert [tuple(row) for row in stored] == [("amal", web.page_url("amal"))]
    assert urlsplit(web.page_url("amal")).path in {r.path for r in web.requests("amal")}
    assert [r for r in web.requests("hylte") if r.path != "/robots.txt"] == []  # no address: not fetched
    engine.dispose()


def test_a_page_the_database_refuses_fails_the_run_and_keeps_the_others(
    web: SimulatedWeb, workdir: Path, sqlite_url: str
) -> None:
    """A store error is not a page outcome: the run is marked failed (exit 1), every other page is kept,
    and the next crawl, with the database willing again, completes and stores the refused page."""
    crawl(workdir, sqlite_url)
    engine = engine_for(sqlite_url)
    refused = web.site_ids[0]
    with engine.begin() as connection:
        page_id = connection.execute(select(Page.id).where(Page.site_id == refused)).scalar_one()
        connection.exec_driver_sql(
            f"CREATE TRIGGER refuse BEFORE INSERT ON fetches WHEN NEW.page_id = {page_id} "
            "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
        )
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", sqlite_url, cwd=workdir)
    assert result.returncode == 1, result.stderr
    assert "did not complete" in result.stderr and "failed" in result.stderr
    assert "disk says no" in result.stderr  # the log names what the database said
    with engine.connect() as connection:
        status = connection.execute(select(CrawlRun.status).where(CrawlRun.id == 2)).scalar_one()
    assert status == "failed"
    kept = outcomes(engine, 2)
    assert refused not in kept and len(kept) == len(web.site_ids) - 1
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER refuse")
    crawl(workdir, sqlite_url)
    assert outcomes(engine, 3)[refused] in ("unchanged", "not_modified")
    engine.dispose()
