"""End to end: the crawl reads each page with what its site's home page repeats (issue 11, item 3), and a night
whose home page changed or failed never reports a change the page did not make.

The simulated sites carry boxes on their home page (a contact-centre box, a "Populära sidor" list) that the
watched page repeats inside its article under class names that say nothing of furniture.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from simweb.municipal import SimulatedWeb, content
from storage.models import ChangeRow, Fetch, Page, SiteFurnitureRow, Snapshot

from support import FAST_CONFIG, count, engine_for, run_cli, write_config

pytestmark = pytest.mark.slow

SITE = "trollhattan"
CONTACT_CENTRE = (
    '<div class="text-block"><h2>Kontaktcenter</h2><p>Ring Kontaktcenter på 0520-49 50 00, vardagar '
    "klockan 8–17, eller skriv till kontaktcenter@trollhattan.se.</p></div>"
)
POPULAR = (
    '<section class="content-section"><h2>Populära sidor</h2><ul><li><a href="/barn-och-utbildning/">'
    'Barn och utbildning</a></li><li><a href="/lediga-jobb/">Lediga jobb</a></li><li><a href="/bygga-bo/">'
    "Bygga, bo och miljö</a></li></ul></section>"
)
WORDS = ("Kontaktcenter", "Populära sidor", "Bygga, bo och miljö")


def crawl(workdir: Path, db_url: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, "--only", SITE, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def last_record_text(db_url: str) -> str:
    """The blocks, contacts and title of the page's last stored version, as one text."""
    engine = engine_for(db_url)
    with engine.connect() as connection:
        record = connection.execute(
            select(Snapshot.record).join(Page, Page.last_snapshot_id == Snapshot.id).where(Page.site_id == SITE)
        ).scalar_one()
    engine.dispose()
    data = json.loads(record)
    return json.dumps({key: data[key] for key in ("title", "blocks", "contacts")}, ensure_ascii=False)


def night_figures(db_url: str, run_id: int) -> tuple[list[str], list[tuple[str, str | None]]]:
    """The outcomes of the run's fetches and its changes (kind, new value)."""
    engine = engine_for(db_url)
    with engine.connect() as connection:
        outcomes = list(connection.execute(select(Fetch.outcome).where(Fetch.run_id == run_id)).scalars())
        changes = [
            (k, n)
            for k, n in connection.execute(select(ChangeRow.kind, ChangeRow.new).where(ChangeRow.run_id == run_id))
        ]
    engine.dispose()
    return outcomes, changes


FURNISHED = FAST_CONFIG.replace("[crawl]\n", "[crawl]\nsite_furniture = true\n")


@pytest.fixture
def furnished(web: SimulatedWeb, workdir: Path) -> SimulatedWeb:
    """The site's home page carries both boxes, its page repeats them in its article; the page answers 200 every
    night (no validators), so each night's body is read and compared, never skipped as a 304; the home page
    keeps its validators (an unchanged home page answers 304). Site furniture is switched on in the config."""
    write_config(workdir, FURNISHED)
    web.set_home_boxes(SITE, [CONTACT_CENTRE, POPULAR])
    web.set_article_boxes(SITE, [CONTACT_CENTRE, POPULAR])
    web.set_validators(SITE, False)
    return web


def test_boxes_the_home_page_repeats_are_not_the_page(furnished: SimulatedWeb, workdir: Path, db_url: str) -> None:
    crawl(workdir, db_url)
    text = last_record_text(db_url)
    assert not [word for word in WORDS if word in text], text
    assert "Internationellt" in text or furnished.content(SITE).title in text  # the page itself is read
    engine = engine_for(db_url)
    assert count(engine, SiteFurnitureRow, SiteFurnitureRow.site_id == SITE) == 1
    engine.dispose()


def test_class_names_alone_keep_the_repeated_boxes(furnished: SimulatedWeb, tmp_path: Path, db_url: str) -> None:
    """What the home page adds: without it, the boxes' class names say nothing and they are read as content."""
    write_config(tmp_path, FAST_CONFIG.replace("[crawl]\n", "[crawl]\nsite_furniture = false\n"))
    crawl(tmp_path, db_url)
    text = last_record_text(db_url)
    assert "Populära sidor" in text and "Bygga, bo och miljö" in text, text  # a list under a neutral class
    assert not [r for r in furnished.requests(SITE) if r.path == "/"], "the home page was fetched when switched off"


def test_a_night_where_only_the_home_page_changed_reports_nothing(
    furnished: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    crawl(workdir, db_url)
    furnished.advance()
    furnished.set_home_boxes(SITE, [CONTACT_CENTRE])  # the home page drops its popular pages; the page keeps them
    crawl(workdir, db_url)
    outcomes, changes = night_figures(db_url, 2)
    assert outcomes == ["unchanged"] and changes == []
    furnished.advance()  # the home page as last night: its furniture is read from the 304's kept fingerprints
    furnished.clear_requests()
    crawl(workdir, db_url)
    assert night_figures(db_url, 3) == (["unchanged"], [])
    assert [r.status for r in furnished.requests(SITE) if r.path == "/"] == [304]


@pytest.mark.parametrize("fault", ["503", "maintenance", "pdf"])
def test_a_night_the_home_page_fails_reports_nothing(
    furnished: SimulatedWeb, workdir: Path, db_url: str, fault: str
) -> None:
    crawl(workdir, db_url)
    furnished.advance()
    if fault == "503":
        furnished.fault(SITE, 503, path="/")
    elif fault == "pdf":
        furnished.fault(SITE, "body", path="/", transform=lambda body, ctype: (b"%PDF-1.4\n%\xe2\xe3\n", "text/html"))
    else:
        furnished.fault(SITE, "maintenance", path="/")
    crawl(workdir, db_url)
    assert night_figures(db_url, 2) == (["unchanged"], [])
    furnished.clear_faults(SITE)
    furnished.advance()
    crawl(workdir, db_url)
    assert night_figures(db_url, 3) == (["unchanged"], [])
    assert not [word for word in WORDS if word in last_record_text(db_url)]


def test_a_real_change_on_a_night_the_home_page_changed_is_the_only_change(
    furnished: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    crawl(workdir, db_url)
    furnished.advance()
    furnished.set_home_boxes(SITE, [CONTACT_CENTRE])
    added = "Kommunen har fått en ny vänort i Polen och planerar ett utbyte för gymnasieelever under hösten."
    furnished.edit(SITE, lambda c: content.add_paragraph(c, added))
    crawl(workdir, db_url)
    outcomes, changes = night_figures(db_url, 2)
    assert outcomes == ["changed"]
    assert [kind for kind, _ in changes] == ["text_changed"], changes
    assert added in (changes[0][1] or "")
    assert not [word for word in WORDS if word in (changes[0][1] or "")]


def test_a_real_change_on_a_night_the_home_page_fails_is_read_with_the_kept_furniture(
    furnished: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    crawl(workdir, db_url)
    furnished.advance()
    furnished.fault(SITE, 503, path="/")
    added = "Kommunen har fått en ny vänort i Polen och planerar ett utbyte för gymnasieelever under hösten."
    furnished.edit(SITE, lambda c: content.add_paragraph(c, added))
    crawl(workdir, db_url)
    outcomes, changes = night_figures(db_url, 2)
    assert outcomes == ["changed"] and [kind for kind, _ in changes] == ["text_changed"], changes
    text = last_record_text(db_url)
    assert added in text and not [word for word in WORDS if word in text], text  # the last known furniture
