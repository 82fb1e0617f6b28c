"""End to end: prose inside the article that changes on its own every night (a rotating quote under a neutral
class name) stops being reported once the page's stored versions show it restless, and a real edit on a
later night is still reported, without the quote (issue 11; crawler/volatile.py).

The page answers 200 every night (no validators), so each night's body is read and compared.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient
from web_support import PASSWORD, csrf_of

from crawler.registry import load_sites
from crawler.web.app import WebSettings, create_app
from crawler.web.auth import add_user, app_secret
from simweb.municipal import SimulatedWeb, content
from storage.db import make_engine, session_factory
from storage.models import ChangeRow, Fetch, Snapshot

from support import FAST_CONFIG, engine_for, run_cli, write_config

pytestmark = pytest.mark.slow

SITE = "trollhattan"
QUOTES = (
    "Att resa är att leva, skrev en gång en dansk sagoberättare.",
    "Ingen människa är en ö, hel och fullständig i sig själv.",
    "Den som vill något letar efter vägar, den som inte vill letar efter skäl.",
    "Gränser finns för att korsas, inte för att stänga ute.",
    "Världen är en bok, och den som inte reser läser bara en sida.",
    "Det är i mötet med andra som vi lär känna oss själva.",
)
ADDED = "Kommunen har fått en ny vänort i Polen och planerar ett utbyte för gymnasieelever under hösten."


def quote_box(night: int) -> str:
    return (
        f'<div class="text-block"><h2>Veckans citat</h2><p>{QUOTES[night % len(QUOTES)]}</p>'
        f"<p>Citatet väljs av kommunens bibliotek.</p></div>"
    )


def crawl_night(web: SimulatedWeb, workdir: Path, db_url: str, night: int) -> None:
    web.set_article_boxes(SITE, [quote_box(night)])
    result: subprocess.CompletedProcess[str] = run_cli(
        "crawl", "--sites", "sites.yaml", "--db", db_url, "--only", SITE, cwd=workdir
    )
    assert result.returncode == 0, result.stderr + result.stdout


def night_figures(db_url: str, run_id: int) -> tuple[list[str], list[tuple[str, str | None, str | None]], int]:
    """The outcomes of the run's fetches, its changes (kind, old, new) and the versions it stored."""
    engine = engine_for(db_url)
    with engine.connect() as connection:
        outcomes = list(connection.execute(select(Fetch.outcome).where(Fetch.run_id == run_id)).scalars())
        changes = [
            (k, o, n)
            for k, o, n in connection.execute(
                select(ChangeRow.kind, ChangeRow.old, ChangeRow.new).where(ChangeRow.run_id == run_id)
            )
        ]
        stored = connection.execute(select(func.count()).select_from(Snapshot).where(Snapshot.run_id == run_id))
        versions = stored.scalar_one()
    engine.dispose()
    return outcomes, changes, versions


@pytest.fixture
def rotating(web: SimulatedWeb, workdir: Path) -> SimulatedWeb:
    write_config(workdir, FAST_CONFIG)
    web.set_validators(SITE, False)
    return web


def test_a_quote_that_changes_every_night_is_reported_until_the_window_shows_it(
    rotating: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    for night in range(1, 4):
        crawl_night(rotating, workdir, db_url, night)
        rotating.advance()
    # Nights 2 and 3: the page's versions do not yet show two changes of the quote before the last one.
    for run_id in (2, 3):
        outcomes, changes, _ = night_figures(db_url, run_id)
        assert outcomes == ["changed"] and [kind for kind, _, _ in changes] == ["text_changed"], changes
        assert QUOTES[run_id % len(QUOTES)] in (changes[0][2] or "")
    crawl_night(rotating, workdir, db_url, 4)
    outcomes, changes, versions = night_figures(db_url, 4)
    assert (outcomes, changes) == (["unchanged"], [])
    assert versions == 1, "tonight's version is kept, so that tomorrow is compared with what the page says"


def test_a_real_edit_beside_a_restless_quote_is_reported_without_it(
    rotating: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    for night in range(1, 5):
        crawl_night(rotating, workdir, db_url, night)
        rotating.advance()
    rotating.edit(SITE, lambda c: content.add_paragraph(c, ADDED))
    crawl_night(rotating, workdir, db_url, 5)
    outcomes, changes, _ = night_figures(db_url, 5)
    assert outcomes == ["changed"] and [kind for kind, _, _ in changes] == ["text_changed"], changes
    _, old, new = changes[0]
    assert ADDED in (new or "")
    assert not [q for q in QUOTES if q in (old or "") + (new or "")], changes


def test_reprocess_judges_each_version_with_the_window_the_crawl_had(
    rotating: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    """Reading the stored versions again keeps each night's changes: nights 2 and 3 reported the quote, night 4
    did not, and reprocess, given the same window, agrees with all three."""
    for night in range(1, 5):
        crawl_night(rotating, workdir, db_url, night)
        rotating.advance()
    before = [night_figures(db_url, run_id)[1] for run_id in (2, 3, 4)]
    result = run_cli("reprocess", "--sites", "sites.yaml", "--db", db_url, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    engine = engine_for(db_url)
    with engine.connect() as connection:
        live = connection.execute(
            select(ChangeRow.run_id, ChangeRow.kind).where(ChangeRow.superseded.is_(False)).order_by(ChangeRow.run_id)
        ).all()
    engine.dispose()
    assert [tuple(row) for row in live] == [(2, "text_changed"), (3, "text_changed")]
    assert [len(changes) for changes in before] == [1, 1, 0]


def test_the_municipality_page_shows_what_is_muted(rotating: SimulatedWeb, workdir: Path, db_url: str) -> None:
    """The web app tells the analyst what the crawl no longer reports: the quote, in the page and its JSON twin."""
    for night in range(1, 5):
        crawl_night(rotating, workdir, db_url, night)
        rotating.advance()
    engine = make_engine(db_url)
    factory = session_factory(engine)
    with factory.begin() as session:
        add_user(session, "analys@example.se", "viewer", PASSWORD)
    sites = load_sites(workdir / "sites.yaml")
    app = create_app(WebSettings(factory=factory, secret=app_secret(factory), engine=engine, sites=sites))
    with TestClient(app, follow_redirects=False) as client:
        form = client.get("/login")
        client.post("/login", data={"csrf": csrf_of(form.text), "email": "analys@example.se", "password": PASSWORD})
        page = client.get(f"/municipalities/{SITE}")
        muted = client.get(f"/municipalities/{SITE}.json")
    engine.dispose()
    assert page.status_code == 200 and "Det som ändras av sig självt" in page.text
    assert QUOTES[4 % len(QUOTES)] in page.text
    assert muted.status_code == 200, muted.text
    assert muted.json()["restless"] == {"text": [QUOTES[4 % len(QUOTES)]], "stamp": False}
