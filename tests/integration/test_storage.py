"""Storage: one page's state loaded, its verdict written atomically, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import StatementError

from crawler.check import close_run
from crawler.extract.reading import read_body, read_fetch
from crawler.fetch import FetchResult
from crawler.judgement import Verdict
from crawler.record import Change, PageRecord
from crawler.registry import SiteEntry
from crawler.reprocess import reprocess
from simweb.municipal import Noise, Person, content, load_seed, render_bytes
from simweb.municipal.markup import SiteProfile
from storage.db import make_engine, session_factory
from storage.migrate import SCHEMA_HEAD, current_revision, head_revision, upgrade
from storage.models import ChangeRow, CrawlRun, Fetch, Page, Snapshot
from storage.queries import as_utc
from storage.repository import (
    StaleState,
    begin_run,
    close_abandoned_runs,
    load_page_state,
    record_verdict,
    sync_sites,
)

from support import count, store_fetch

URL = "http://127.0.0.9:8000/kommun-och-politik/internationellt-arbete/"
HOME = "http://127.0.0.9:8000/"
SITE = SiteEntry(
    id="trollhattan", name="Trollhättans stad", code="1488", county="Västra Götalands län", home=HOME, url=URL
)


@pytest.fixture
def store(db_url: str) -> Iterator:
    engine = make_engine(db_url)
    upgrade(engine)
    factory = session_factory(engine)
    sync_sites(factory, [SITE])
    yield engine, factory
    engine.dispose()


def page_html(page_content, night: int = 0, cms: str = "sitevision") -> tuple[bytes, str]:
    profile = SiteProfile(
        id="trollhattan", name="Trollhättans stad", short="Trollhättan", domain="trollhattan.se", cms=cms
    )
    return render_bytes(page_content, profile, Noise(), night, request_no=night)


def fetch(body: bytes = b"", content_type: str | None = "text/html; charset=utf-8", **kwargs) -> FetchResult:
    defaults = {"status": 200, "final_url": URL, "etag": None, "last_modified": None}
    return FetchResult(
        site_id="trollhattan",
        url=URL,
        fetched_at=datetime.now(UTC),
        body=body,
        content_type=content_type,
        **{**defaults, **kwargs},
    )


def test_schema_is_at_head_and_upgrade_is_idempotent(store) -> None:
    engine, _ = store
    assert head_revision(engine) == SCHEMA_HEAD, "storage.migrate.SCHEMA_HEAD must name the newest migration"
    assert current_revision(engine) == head_revision(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision(engine)


def test_migrations_and_models_agree(db_url: str) -> None:
    """A new database is created from the models and stamped; an old one is migrated: same schema."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from storage.migrate import alembic_config
    from storage.models import Base

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "head")  # every migration, in order
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrading_an_older_database_keeps_its_data(db_url: str) -> None:
    from alembic import command

    from storage.migrate import alembic_config

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0003_scheduled_nights")
    # Rows as a crawl of that time wrote them (the models of today have columns that schema lacks).
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO sites (id, name, url) VALUES ('trollhattan', 'Trollhättan', :u)"), {"u": URL}
        )
        connection.execute(
            text(
                "INSERT INTO pages (id, site_id, registry_url, url, missing_count, gone) "
                "VALUES (1, 'trollhattan', :u, :u, 0, false)"
            ),
            {"u": URL},
        )
        connection.execute(
            text(
                "INSERT INTO crawl_runs (id, started_at, status, trigger, fetched, unchanged, changed, new, missing, "
                "failed, not_located) VALUES (1, :t, 'completed', 'manual', 1, 0, 0, 1, 0, 0, 0)"
            ),
            {"t": now},
        )
        connection.execute(
            text(
                "INSERT INTO snapshots (id, page_id, run_id, taken_at, url, content_hash, html_z, text, record) "
                "VALUES (1, 1, 1, :t, :u, 'h', :z, 't', '{}')"
            ),
            {"t": now, "u": URL, "z": b"z"},
        )
        connection.execute(text("UPDATE pages SET last_snapshot_id = 1"))
        connection.execute(
            text("INSERT INTO fetches (run_id, page_id, fetched_at, outcome) VALUES (1, 1, :t, 'new')"), {"t": now}
        )
    upgrade(engine)  # 0004 rebuilds `pages` on SQLite; 0005 adds the address state and the outage figures
    assert current_revision(engine) == SCHEMA_HEAD
    assert count(engine, Page) == 1 and count(engine, Fetch) == 1 and count(engine, Snapshot) == 1
    factory = session_factory(engine)
    with factory() as session:
        page = session.scalars(select(Page)).one()
        assert page.last_snapshot_id == 1 and page.url_state == "confirmed"  # what the file said then
        run = session.get_one(CrawlRun, 1)
        assert (run.new, run.invalid, run.unreached, run.outage) == (1, 0, 0, False)
    engine.dispose()


def test_migration_0011_keeps_every_fetch_and_knows_each_versions_bytes_both_ways(db_url: str) -> None:
    """0011 stores outcomes as codes (and, on SQLite, moments as integers) and each version's length and SHA-256:
    every row reads back as it was written, the digests say "same bytes" as the bodies did, and a downgrade
    gives back the text the older code reads."""
    import hashlib
    import zlib
    from datetime import timedelta

    from alembic import command

    from crawler.vocab import Outcome
    from storage.migrate import alembic_config
    from storage.types import OUTCOME_CODES

    engine = make_engine(db_url)
    config = alembic_config(engine)
    command.upgrade(config, "0009_documents")
    body = b"<html><body><main>Internationellt arbete</main></body></html>"
    moments = [datetime(2026, 11, 30, 2, 31, 5, 123456, tzinfo=UTC) + timedelta(days=i) for i in range(len(Outcome))]
    moments[0] = moments[0].replace(microsecond=0)  # a whole second
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO sites (id, name, url) VALUES ('trollhattan', 'Trollhättan', :u)"), {"u": URL}
        )
        connection.execute(
            text(
                "INSERT INTO pages (id, site_id, registry_url, url, missing_count, gone) "
                "VALUES (1, 'trollhattan', :u, :u, 0, false)"
            ),
            {"u": URL},
        )
        connection.execute(
            text(
                "INSERT INTO crawl_runs (id, started_at, status, trigger, fetched, unchanged, changed, new, missing, "
                "failed, not_located) VALUES (1, :t, 'completed', 'manual', 0, 0, 0, 0, 0, 0, 0)"
            ),
            {"t": moments[0]},
        )
        connection.execute(
            text(
                "INSERT INTO snapshots (id, page_id, run_id, taken_at, url, content_hash, html_z, text, record) "
                "VALUES (1, 1, 1, :t, :u, 'h', :z, 't', '{}'), (2, 1, 1, :t, :u, 'h', :bad, 't', '{}')"
            ),
            {"t": moments[0], "u": URL, "z": zlib.compress(body), "bad": b"not zlib"},
        )
    # Rows written through the models of 0009's time (SQLAlchemy's own text form of a moment on SQLite).
    old = sa_fetches()
    with engine.begin() as connection:
        connection.execute(
            old.insert(),
            [
                {"run_id": 1, "page_id": 1, "fetched_at": at, "outcome": str(o)}
                for at, o in zip(moments, Outcome, strict=True)
            ],
        )
    command.upgrade(config, "0011_small_fetch_rows")
    with engine.connect() as connection:
        raw = connection.execute(text("SELECT outcome, fetched_at FROM fetches ORDER BY id")).all()
    assert [r.outcome for r in raw] == [OUTCOME_CODES[o] for o in Outcome]  # small integers, not words
    if engine.dialect.name == "sqlite":
        assert all(isinstance(r.fetched_at, int) for r in raw)  # 8 bytes, not 26 of text
    factory = session_factory(engine)
    with factory() as session:
        rows = session.execute(select(Fetch.fetched_at, Fetch.outcome).order_by(Fetch.id)).all()
        assert [(as_utc(at), outcome) for at, outcome in rows] == list(zip(moments, Outcome, strict=True))
        assert session.scalar(select(func.count()).where(Fetch.outcome == Outcome.FAILED)) == 1
        # the columns 0011 added, not the whole model: later revisions add columns this schema has not
        first, unreadable = session.execute(
            select(Snapshot.body_size, Snapshot.body_sha256).order_by(Snapshot.id)
        ).all()
        assert tuple(first) == (len(body), hashlib.sha256(body).hexdigest())
        assert tuple(unreadable) == (None, None)
    command.downgrade(config, "0009_documents")
    with engine.connect() as connection:
        back = connection.execute(old.select().order_by(old.c.id)).all()
    assert [(as_utc(r.fetched_at), r.outcome) for r in back] == list(zip(moments, map(str, Outcome), strict=True))
    engine.dispose()


def sa_fetches():
    """The fetches table as 0009 declared it (text outcome, DateTime moment)."""
    import sqlalchemy as sa

    return sa.table(
        "fetches",
        sa.column("id", sa.Integer()),
        sa.column("run_id", sa.Integer()),
        sa.column("page_id", sa.Integer()),
        sa.column("fetched_at", sa.DateTime(timezone=True)),
        sa.column("outcome", sa.String(12)),
    )


def test_a_page_through_its_life(store) -> None:
    engine, factory = store
    seed = load_seed("trollhattan").content
    run = begin_run(factory)

    first = store_fetch(factory, run, SITE, fetch(*page_html(seed), etag='"v1"'))
    assert first.outcome == "new" and first.changes == []
    noisy = store_fetch(factory, run, SITE, fetch(*page_html(seed, night=3)))
    assert noisy.outcome == "unchanged"
    assert store_fetch(factory, run, SITE, fetch(status=304)).outcome == "not_modified"
    assert count(engine, Snapshot) == 1
    with factory() as session:
        assert session.scalars(select(Page)).one().etag is None  # the last good 200 carried none

    replaced = content.replace_contact(
        seed, 0, Person("Sara Lindberg", ("Internationell samordnare",), "sara.lindberg@trollhattan.se", "0520-497000")
    )
    changed = store_fetch(factory, run, SITE, fetch(*page_html(replaced, night=4)))
    assert changed.outcome == "changed"
    assert sorted(c.kind for c in changed.changes) == ["contact_added", "contact_removed"]

    failed = store_fetch(factory, run, SITE, fetch(status=None, error="timeout"))
    assert failed.outcome == "failed" and failed.changes == []
    assert store_fetch(factory, run, SITE, fetch(status=503)).outcome == "failed"
    with factory() as session:
        page = session.scalars(select(Page)).one()
        assert page.failing_since is not None and page.last_error == "HTTP 503"

    assert store_fetch(factory, run, SITE, fetch(status=404)).changes == []
    gone = store_fetch(factory, run, SITE, fetch(status=404))
    assert [(c.kind, c.old, c.new) for c in gone.changes] == [("page_gone", URL, None)]
    assert store_fetch(factory, run, SITE, fetch(status=410)).changes == []  # reported once, not every night

    back = store_fetch(factory, run, SITE, fetch(*page_html(replaced, night=5)))
    assert [c.kind for c in back.changes] == ["page_restored"]

    new_url = HOME + "eu-och-internationellt/"
    moved = store_fetch(
        factory, run, SITE, fetch(*page_html(replaced, night=6), final_url=new_url, redirect_statuses=(301,))
    )
    assert [(c.kind, c.new) for c in moved.changes] == [("page_moved", new_url)]
    with factory() as session:
        assert session.scalars(select(Page)).one().url == new_url

    finished = close_run(factory, run, "completed", not_located=0)
    assert (finished.new, finished.changed, finished.failed, finished.missing) == (1, 3, 2, 3)
    assert count(engine, Snapshot) == 2
    assert count(engine, Fetch) == 11
    assert count(engine, ChangeRow) == 5


def test_soft_404_and_redirect_home_count_as_missing_never_as_removed_content(store) -> None:
    engine, factory = store
    run = begin_run(factory)
    store_fetch(factory, run, SITE, fetch(*page_html(load_seed("trollhattan").content)))
    soft = (
        b"<html><head><title>Sidan kunde inte hittas</title></head><body><h1>Sidan kunde inte hittas</h1></body></html>"
    )
    assert store_fetch(factory, run, SITE, fetch(soft)).outcome == "missing"
    home = store_fetch(
        factory,
        run,
        SITE,
        fetch(*page_html(load_seed("trollhattan").content), final_url=HOME, redirect_statuses=(302,)),
    )
    assert home.outcome == "missing"
    assert [c.kind for c in home.changes] == ["page_gone"]
    assert count(engine, ChangeRow, ChangeRow.kind == "text_changed") == 0


def test_a_failure_inside_a_page_writes_nothing_of_it(store) -> None:
    """The snapshot is written before the change rows; a change the database cannot take undoes it too."""
    engine, factory = store
    run = begin_run(factory)
    seed = load_seed("trollhattan").content
    store_fetch(factory, run, SITE, fetch(*page_html(seed)))
    bumped = fetch(*page_html(content.bump_stamp(seed, days=3)))
    record = read_fetch(bumped, home_url=HOME)
    assert isinstance(record, PageRecord)
    state = load_page_state(factory, SITE, compare=True)
    unstorable = Verdict("changed", record=record, changes=[Change("review_date_changed", "a", "b", detail=object())])
    with pytest.raises((StatementError, TypeError), match="JSON serializable"):  # wrapped or not, by driver
        record_verdict(factory, run, SITE.id, bumped, state, unstorable)
    assert count(engine, Snapshot) == 1 and count(engine, Fetch) == 1 and count(engine, ChangeRow) == 0


def test_a_verdict_judged_against_another_version_is_not_recorded(store) -> None:
    """Storage writes what it is told only about the version it was judged against (one writer at a time)."""
    engine, factory = store
    run = begin_run(factory)
    seed = load_seed("trollhattan").content
    before = load_page_state(factory, SITE, compare=True)
    store_fetch(factory, run, SITE, fetch(*page_html(seed)))  # another writer stores a version in between
    late = Verdict("new", record=None)
    with pytest.raises(StaleState):
        record_verdict(factory, run, SITE.id, fetch(*page_html(seed)), before, late)
    assert count(engine, Fetch) == 1


def test_abandoned_runs_are_closed_as_interrupted(store) -> None:
    engine, factory = store
    run = begin_run(factory)
    with factory.begin() as session:
        session.execute(update(CrawlRun).where(CrawlRun.id == run).values(pid=2**22 + 7))  # no such process
    assert close_abandoned_runs(factory) == [run]
    with factory() as session:
        assert session.get_one(CrawlRun, run).status == "interrupted"


def test_reprocess_rebuilds_records_and_changes_without_fetching(store) -> None:
    engine, factory = store
    run = begin_run(factory)
    seed = load_seed("amal").content
    store_fetch(factory, run, SITE, fetch(*page_html(seed)))
    store_fetch(factory, run, SITE, fetch(*page_html(content.bump_stamp(seed, days=10), night=1)))
    with factory.begin() as session:  # as if an older extractor had stored a poorer record and missed the change
        first = session.scalars(select(Snapshot).order_by(Snapshot.id)).first()
        first.record = first.record.replace('"review_date": "2022-10-24"', '"review_date": null')
        session.execute(update(ChangeRow).values(superseded=True))
    summary = reprocess(factory, {SITE.id: SITE})
    assert summary.snapshots == 2 and summary.records_changed == 1
    assert summary.changes_added == 1
    with factory() as session:
        live = session.scalars(select(ChangeRow).where(ChangeRow.superseded.is_(False))).all()
        assert [(c.kind, c.old) for c in live] == [("review_date_changed", "2022-10-24")]
    again = reprocess(factory, {SITE.id: SITE})
    assert (again.records_changed, again.changes_added, again.changes_kept) == (0, 0, 1)


#: A page whose charset is declared only in the HTTP header: read without it, "đ" and "š" become "¹" and "º".
NORDIC_PAGE = (
    "<!doctype html><html lang=sv><head><title>Internationellt arbete - Kiruna kommun</title></head><body><main>"
    "<h1>Internationellt arbete</h1><p>Kommunen samarbetar med kommuner i Norge och Finland inom Interreg Aurora "
    "och i Barentsregionen.</p><h2>Sámegiella</h2><p>Dieđut sámegillii: riikkaidgaskasaš ovttasbargu Norgga ja "
    "Suoma gielddaiguin.</p><p>Kontakt: Áile Sara, internationell samordnare, aile.sara@kiruna.se</p></main></body>"
    "</html>"
)


def test_reprocess_decodes_a_version_as_the_crawl_did(store) -> None:
    """The Content-Type is stored with the version, so a charset only the header names is not lost."""
    engine, factory = store
    run = begin_run(factory)
    body, served_as = NORDIC_PAGE.encode("iso8859-10"), "text/html; charset=iso-8859-10"
    stored = store_fetch(factory, run, SITE, fetch(body, served_as))
    assert stored.record is not None and "Dieđut" in stored.record.normalised_text()
    assert read_body(body, None, URL) != stored.record, "without its header the page reads differently"
    summary = reprocess(factory, {SITE.id: SITE})
    assert (summary.snapshots, summary.records_changed) == (1, 0)
    with factory() as session:
        snapshot = session.scalars(select(Snapshot)).one()
        assert snapshot.content_type == served_as
        assert PageRecord.from_json(snapshot.record) == stored.record


def test_url_state_follows_the_sites_file_and_what_the_crawl_learnt(store) -> None:
    """A candidate is verified or invalidated by the crawl; the file can confirm it; a new url starts over."""
    from dataclasses import replace

    from storage.repository import fetch_plans

    engine, factory = store

    def state() -> str:
        with factory() as session:
            return session.scalars(select(Page.url_state)).one()

    assert state() == "confirmed"  # no state in the file
    candidate = replace(SITE, state="candidate")
    sync_sites(factory, [candidate])
    assert state() == "candidate"  # confirmed before, but never seen: a candidate to verify
    run = begin_run(factory)
    assert store_fetch(factory, run, candidate, fetch(status=503)).outcome == "failed"
    assert state() == "candidate"
    assert store_fetch(factory, run, candidate, fetch(*page_html(load_seed("trollhattan").content))).outcome == "new"
    assert state() == "verified"
    sync_sites(factory, [candidate])
    assert state() == "verified"  # the file saying "candidate" again does not undo what the crawl saw
    sync_sites(factory, [SITE])
    assert state() == "confirmed"  # the analyst confirmed it

    other = replace(candidate, url=HOME + "eu/")
    sync_sites(factory, [other])
    assert state() == "candidate"
    invalid = store_fetch(factory, run, other, fetch(status=410, final_url=other.url))
    assert (invalid.outcome, [c.kind for c in invalid.changes]) == ("invalid", ["address_invalid"])
    assert state() == "invalid" and fetch_plans(factory, [SITE.id]) == {}  # not fetched again
    with factory() as session:
        assert session.scalars(select(Page.failing_since)).one() is None  # not a failing page either
    finished = close_run(factory, run, "completed", not_located=1)
    assert (finished.invalid, finished.fetched, finished.outage) == (1, 2, False)


def test_storage_does_not_import_the_crawls_decisions() -> None:
    """One-way layers: storage loads and records; judging (verdict), reading (extract) and the lock's policy
    import storage, never the other way round."""
    import subprocess
    import sys

    script = (
        "import sys, storage.db, storage.locks, storage.migrate, storage.models, storage.queries, storage.repository\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('crawler.', 'spiders')))))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert "crawler.judgement" in loaded, "the test must see what storage imports"
    deciding = ("crawler.verdict", "crawler.check", "crawler.lock", "crawler.diff", "crawler.extract", "spiders")
    assert [m for m in loaded if m.startswith(deciding)] == []


def test_a_fetch_row_keeps_validators_only_when_they_are_news(store) -> None:
    """An unchanged night costs a small row: a 304, or a 200 with the validators the page already has, repeats none."""
    _, factory = store
    body, content_type = page_html(load_seed("trollhattan").content)
    nights = [
        fetch(body, content_type, etag='"v1"', last_modified="Mon, 30 Nov 2026 08:00:00 GMT"),  # first seen: news
        fetch(b"", status=304, etag='"v1"', last_modified="Mon, 30 Nov 2026 08:00:00 GMT"),
        fetch(
            body, content_type, etag='"v1"', last_modified="Mon, 30 Nov 2026 08:00:00 GMT"
        ),  # a 200 with the same validators
        fetch(body, content_type, etag='"v2"', last_modified="Mon, 30 Nov 2026 08:00:00 GMT"),  # a new ETag is news
    ]
    for night in nights:
        store_fetch(factory, begin_run(factory), SITE, night)
    with factory() as session:
        rows = session.execute(select(Fetch.outcome, Fetch.etag, Fetch.last_modified).order_by(Fetch.id)).all()
        page = session.scalars(select(Page)).one()
    assert [tuple(r) for r in rows] == [
        ("new", '"v1"', "Mon, 30 Nov 2026 08:00:00 GMT"),
        ("not_modified", None, None),
        ("unchanged", None, None),
        ("unchanged", '"v2"', None),
    ]
    assert (page.etag, page.last_modified) == ('"v2"', "Mon, 30 Nov 2026 08:00:00 GMT")  # the page keeps them all


def test_a_body_is_the_stored_version_only_byte_for_byte_from_its_address_with_its_content_type(store) -> None:
    """A 200 whose bytes are the last version's need not be read (issue 17); anything the reading depends on
    that differs (a byte, the Content-Type that decodes it, the address its links are read against) must be read."""
    _, factory = store
    body, content_type = page_html(load_seed("trollhattan").content)
    first = fetch(body, content_type)
    assert not load_page_state(factory, SITE, compare=True, fetch=first).same_body, "nothing stored yet"
    store_fetch(factory, begin_run(factory), SITE, first)
    assert load_page_state(factory, SITE, compare=True, fetch=fetch(body, content_type)).same_body
    others = {
        "a byte": fetch(body.replace(b"</body>", b" </body>"), content_type),
        "the Content-Type": fetch(body, "text/html; charset=windows-1252"),
        "the address": fetch(body, content_type, final_url=URL + "ny/"),
    }
    for what, other in others.items():
        assert not load_page_state(factory, SITE, compare=True, fetch=other).same_body, f"{what} differs"
    assert not load_page_state(factory, SITE, compare=False, fetch=fetch(body, content_type)).same_body
    verdict = store_fetch(factory, begin_run(factory), SITE, fetch(body, content_type))
    assert verdict.outcome == "unchanged" and verdict.record is None


def test_same_bytes_are_told_by_the_stored_length_and_hash_without_the_stored_body(store) -> None:
    """The stored body is neither loaded nor decompressed to tell "same bytes" (issue 17): with it made unreadable
    the answer is the same; without a stored hash (a version whose body 0011 could not read) the page is read."""
    _, factory = store
    body, content_type = page_html(load_seed("trollhattan").content)
    store_fetch(factory, begin_run(factory), SITE, fetch(body, content_type))
    with factory() as session, session.begin():
        session.execute(update(Snapshot).values(html_z=b"not zlib"))
    assert load_page_state(factory, SITE, compare=True, fetch=fetch(body, content_type)).same_body
    with factory() as session, session.begin():
        session.execute(update(Snapshot).values(body_sha256=None, body_size=None))
    assert not load_page_state(factory, SITE, compare=True, fetch=fetch(body, content_type)).same_body
