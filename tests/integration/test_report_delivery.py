"""Reports mailed through a real SMTP server on loopback, with the delivery ledger in a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from report_support import NIGHT, SmtpSink, add_run, contact, engine_of, seeded

from crawler.config import Config, Subscriber
from crawler.fetch import timed_out
from crawler.mail import SmtpSettings, SmtpTransport
from crawler.report.deliver import send_reports
from storage.models import Delivery

WEST = "Västra Götalands län"
ANNA = Subscriber("anna@example.se", counties=(WEST,))
BO = Subscriber("bo@example.se", kinds=("contact_added", "contact_removed"))
CIA = Subscriber("cia@example.se")


@pytest.fixture
def smtp(smtp_server: tuple[SmtpSink, int]) -> tuple[SmtpSink, SmtpTransport]:
    sink, port = smtp_server
    return sink, SmtpTransport(SmtpSettings("127.0.0.1", port, "plain"), timeout=5)


def config(*subscribers: Subscriber) -> Config:
    return Config(subscribers=subscribers, mail_from="kommunvakt@example.se")


FIRST_NIGHT = [
    ("trollhattan", "contact_added", None, contact("Anna Berg", "anna.berg@trollhattan.se"), None),
    (
        "amal",
        "text_changed",
        "Vi söker partner.",
        "Vi söker partner i Polen.",
        [["=", "Vi söker partner"], ["+", " i Polen"], ["=", "."]],
    ),
    ("hylte", "document_added", None, {"url": "https://www.hylte.se/plan.pdf", "title": "Internationell plan"}, None),
    ("ljungby", "contact_removed", contact("Per Ek", "per.ek@ljungby.se"), None, None),
]


def test_each_subscriber_gets_exactly_its_matching_changes_once(db_url: str, smtp) -> None:
    sink, transport = smtp
    factory = seeded(db_url)
    run = add_run(factory, FIRST_NIGHT)
    result = send_reports(engine_of(factory), config(ANNA, BO, CIA), run_id=run, transport=transport, now=NIGHT)
    assert result.ok and result.sent == 3 and result.changes_sent == 2 + 2 + 4

    (anna,) = sink.to("anna@example.se")
    assert anna.recipients == ["anna@example.se"]
    assert anna.message["Subject"] == "kommunvakt: 2 ändringar i 2 kommuner, 2026-11-22"
    assert anna.message.get_content_type() == "multipart/alternative"
    for body in (anna.part("plain"), anna.part("html")):
        assert "Trollhättans stad" in body and "Åmåls kommun" in body and "Anna Berg" in body
        assert "Hylte" not in body and "Ljungby" not in body
    assert "[+ i Polen+]" in anna.part("plain")
    assert "<ins" in anna.part("html") and "i Polen</ins>" in anna.part("html")
    assert "<style" not in anna.part("html").split("</head>")[1]  # styles are inlined into the body
    assert 'style="' in anna.part("html")

    (bo,) = sink.to("bo@example.se")
    for body in (bo.part("plain"), bo.part("html")):
        assert "Anna Berg" in body and "Per Ek" in body and "Polen" not in body and "Internationell plan" not in body
    (cia,) = sink.to("cia@example.se")
    assert cia.message["Subject"] == "kommunvakt: 4 ändringar i 4 kommuner, 2026-11-22"
    plain = cia.part("plain")
    # county order, and contacts before documents/text inside the report
    assert plain.index("Hallands län") < plain.index("Kronobergs län") < plain.index(WEST)
    assert "https://www.hylte.se/plan.pdf" in plain

    again = send_reports(engine_of(factory), config(ANNA, BO, CIA), run_id=run, transport=transport, now=NIGHT)
    assert again.sent == 0 and len(sink.messages) == 3
    assert {s.skipped for s in again.subscribers} == {"nothing new"}
    with factory() as session:
        assert session.query(Delivery).count() == 8


def test_failed_delivery_is_retried_by_the_next_run_and_said(db_url: str, smtp) -> None:
    sink, transport = smtp
    factory = seeded(db_url)
    first = add_run(factory, FIRST_NIGHT)
    sink.refuse = {"bo@example.se"}
    result = send_reports(engine_of(factory), config(ANNA, BO), run_id=first, transport=transport, now=NIGHT)
    assert result.sent == 1 and result.failed == 1 and not result.ok
    (failure,) = [s for s in result.subscribers if s.error]
    assert failure.email == "bo@example.se" and "451" in failure.error

    sink.refuse = set()
    later = NIGHT + timedelta(days=1)
    second = add_run(
        factory, [("eskilstuna", "contact_added", None, contact("Eva Lind", "eva@eskilstuna.se"), None)], at=later
    )
    result = send_reports(engine_of(factory), config(ANNA, BO), run_id=second, transport=transport, now=later)
    assert result.ok
    (bo,) = sink.to("bo@example.se")
    assert bo.message["Subject"] == "kommunvakt: 3 ändringar i 3 kommuner, 2026-11-23"
    assert "2 ändringar från tidigare körningar" in bo.part("plain")
    assert "2 ändringar från tidigare körningar" in bo.part("html")
    assert [s.catch_up for s in result.subscribers if s.email == "bo@example.se"] == [2]
    assert len(sink.to("anna@example.se")) == 1  # nothing new for Anna's county in the second run


def test_daily_note_only_for_those_who_asked_and_only_once(db_url: str, smtp) -> None:
    sink, transport = smtp
    factory = seeded(db_url)
    run = add_run(factory, [("hylte", "title_changed", "Internationellt", "EU och internationellt", None)])
    noted = Subscriber("dan@example.se", counties=(WEST,), daily_note=True)
    quiet = Subscriber("eva@example.se", counties=(WEST,))
    result = send_reports(engine_of(factory), config(noted, quiet), run_id=run, transport=transport, now=NIGHT)
    assert result.sent == 1
    (note,) = sink.messages
    assert note.recipients == ["dan@example.se"]
    assert note.message["Subject"] == "kommunvakt: inga ändringar, 2026-11-22"
    assert "Inga ändringar" in note.part("plain") and "Hylte" not in note.part("plain")
    assert send_reports(engine_of(factory), config(noted, quiet), run_id=run, transport=transport, now=NIGHT).sent == 0


def test_failing_site_is_news_when_it_starts_and_when_it_recovers_only(db_url: str, smtp) -> None:
    sink, transport = smtp
    factory = seeded(db_url)
    nights = [NIGHT + timedelta(days=i) for i in range(3)]
    change = ("trollhattan", "review_date_changed", "2024-05-17", "2026-11-20", None)
    reports = []
    for index, (when, failed) in enumerate(
        zip(nights, [{"hylte": timed_out(30)}, {"hylte": "HTTP 503"}, {}], strict=True)
    ):
        run = add_run(factory, [change], at=when, failed=failed, good=["hylte"] if not failed else [])
        send_reports(engine_of(factory), config(CIA), run_id=run, transport=transport, now=when)
        reports.append(sink.messages[index])
    first, second, third = (r.part("plain") for r in reports)
    # the reason in the report's language (stored in English, as the crawl's log says it)
    assert (
        "Kunde inte kontrolleras" in first
        and "Hylte kommun: inget svar inom 30 s (sedan 2026-11-22 03:30 CET)" in first
    )
    assert "Hylte" not in second and "1 sidor kan fortfarande inte kontrolleras" in second
    assert (
        "Fungerar igen" in third
        and "Hylte kommun: svarar igen 2026-11-24 03:30 CET (var nere sedan 2026-11-22 03:30 CET)" in third
    )
    assert "Kunde inte kontrolleras" in reports[0].part("html") and "inget svar inom 30 s" in reports[0].part("html")


def test_interrupted_run_is_said_to_be_interrupted(db_url: str, smtp) -> None:
    sink, transport = smtp
    factory = seeded(db_url)
    run = add_run(factory, FIRST_NIGHT[:1], status="interrupted")
    send_reports(engine_of(factory), config(CIA), run_id=run, transport=transport, now=NIGHT)
    (message,) = sink.messages
    assert message.message["Subject"].endswith("(avbruten körning)")
    assert f"Körning {run} avbröts" in message.part("plain") and f"Körning {run} avbröts" in message.part("html")


def test_to_address_gets_everything_unfiltered_and_english(db_url: str, smtp) -> None:
    sink, transport = smtp
    factory = seeded(db_url)
    add_run(factory, FIRST_NIGHT)
    result = send_reports(
        engine_of(factory), config(ANNA), to=["lead@example.se"], transport=transport, lang="en", now=NIGHT
    )
    assert result.sent == 1 and result.changes_sent == 4
    (message,) = sink.messages
    assert message.recipients == ["lead@example.se"]
    assert message.message["Subject"] == "kommunvakt: 4 changes in 4 municipalities, 2026-11-22"
    assert "Could not be checked" not in message.part("plain")


def test_failure_news_compares_each_page_with_its_own_previous_fetch(db_url: str) -> None:
    """One page starts failing while another recovers in the same run: each is judged by its own history."""
    from crawler.report.select import failure_events

    factory = seeded(db_url)
    add_run(factory, [], good=["amal"], failed={"hylte": "HTTP 503"})
    second = add_run(factory, [], at=NIGHT + timedelta(days=1), good=["hylte"], failed={"amal": "timeout"})
    with factory() as session:
        news, continuing = failure_events(session, [second])
    assert sorted((e.site_id, e.kind) for e in news) == [("amal", "failing"), ("hylte", "recovered")]
    assert continuing == []


def test_outage_is_told_once_even_on_a_quiet_night(db_url: str, smtp) -> None:
    """A run that reached no site is news for a reader without a daily note (silence would read "no changes")."""
    from storage.db import transaction
    from storage.models import CrawlRun

    sink, transport = smtp
    factory = seeded(db_url)
    run = add_run(factory, [], failed={"hylte": "connection refused"})
    with transaction(factory) as session:
        row = session.get_one(CrawlRun, run)
        row.outage, row.unreached, row.fetched = True, 290, 0
    first = send_reports(engine_of(factory), config(CIA), run_id=run, transport=transport, now=NIGHT)
    assert first.sent == 1
    (message,) = sink.messages
    assert message.message["Subject"].endswith("(webbplatserna kunde inte nås)")
    for body in (message.part("plain"), message.part("html")):
        assert f"Körning {run} nådde inte webbplatserna" in body and "290 av 290 sidor" in body
        assert "Inga ändringar har upptäckts på de sidor som gick att nå." in body
    again = send_reports(engine_of(factory), config(CIA), run_id=run, transport=transport, now=NIGHT)
    assert again.sent == 0 and {s.skipped for s in again.subscribers} == {"nothing new"}
