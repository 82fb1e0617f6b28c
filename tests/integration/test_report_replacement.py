"""A watched page that disappeared: the report shows discover's candidate replacement under it."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from report_support import NIGHT, SmtpSink, add_run, engine_of, page_url, seeded
from sqlalchemy.orm import Session, sessionmaker

from crawler.config import Config, Subscriber
from crawler.mail import PrintTransport, SmtpSettings, SmtpTransport
from crawler.report.deliver import send_reports
from crawler.report.fit import fit_html
from crawler.report.render import render
from crawler.report.select import collect
from crawler.report.shape import build_report
from storage.db import transaction
from storage.models import ProposalRow

HYLTE_NEW = "https://www.hylte.se/kommun-och-politik/eu-och-internationellt/"
LJUNGBY_NEW = "https://ljungby.example.org/internationellt"


def propose(factory: sessionmaker[Session], site: str, url: str, score: float, confident: bool, at: datetime) -> None:
    with transaction(factory) as session:
        session.add(
            ProposalRow(
                site_id=site,
                url=url,
                score=score,
                confident=confident,
                reasons=["title says international"],
                candidates=[{"url": url, "score": score}],
                created_at=at,
                status="proposed",
            )
        )


@pytest.fixture
def lost(db_url: str) -> sessionmaker[Session]:
    """Night 2: hylte gone (confident candidate), ljungby moved off-site (uncertain candidate),
    eskilstuna gone with a hostile candidate, amal gone with only an older proposal."""
    factory = seeded(db_url)
    add_run(factory, [], good=["hylte", "ljungby", "eskilstuna", "amal"])
    night = NIGHT + timedelta(days=1)
    propose(factory, "amal", "https://www.amal.se/gammal-kandidat", 0.5, False, NIGHT - timedelta(days=3))
    add_run(
        factory,
        [
            ("hylte", "page_gone", page_url("hylte"), None, None),
            ("ljungby", "page_moved", page_url("ljungby"), LJUNGBY_NEW, None),
            ("eskilstuna", "page_gone", page_url("eskilstuna"), None, None),
            ("amal", "page_gone", page_url("amal"), None, None),
            ("trollhattan", "title_changed", "Internationellt", "EU och internationellt", None),
        ],
        at=night,
    )
    later = night + timedelta(hours=2)
    propose(factory, "hylte", HYLTE_NEW, 0.913, True, later)
    propose(factory, "ljungby", LJUNGBY_NEW, 0.42, False, later)
    propose(factory, "eskilstuna", "javascript:alert(1)//https://x.se", 0.8, True, later)
    return factory


def report_of(factory: sessionmaker[Session], fmt: str, lang: str = "sv") -> str:
    with factory() as session:
        data = collect(session)
    return render(build_report(data, lang=lang, now=NIGHT + timedelta(days=1)), fmt)


def section(body: str, start: str, end: str) -> str:
    return body[body.index(start) : body.index(end, body.index(start))]


def test_candidate_shown_under_the_disappearance_in_every_format(lost: sessionmaker[Session]) -> None:
    text, html, markdown = (report_of(lost, f) for f in ("text", "html", "markdown"))
    hylte = section(text, "-- Hylte kommun", "==")
    assert "Sidan finns inte längre" in hylte
    assert (
        f"Möjlig ny sida: {HYLTE_NEW} (poäng 0.91, säker träff; godkänn med: kommunvakt discover --accept hylte)"
        in hylte
    )
    ljungby = section(text, "-- Ljungby kommun", "==")
    assert "Sidan har flyttat" in ljungby and f"Möjlig ny sida: {LJUNGBY_NEW} (poäng 0.42, osäker träff" in ljungby
    assert "Möjlig ny sida" not in section(text, "-- Åmåls kommun", "Skickat av")  # proposal predates loss
    assert text.count("Möjlig ny sida") == 3  # hylte, ljungby, eskilstuna (as text, not a link)

    assert f'<a href="{HYLTE_NEW}"' in html and f'<a href="{LJUNGBY_NEW}"' in html
    assert "säker träff</strong>" in html and "osäker träff, kontrollera</em>" in html
    assert html.index("Hylte kommun") < html.index(HYLTE_NEW) < html.index("Ljungby kommun")
    assert "javascript:alert" in html and 'href="javascript' not in html

    assert f"[{HYLTE_NEW}](<{HYLTE_NEW}>)" in markdown  # a plain URL needs no escapes as link text
    assert "](<javascript" not in markdown
    assert "Possible new page" in report_of(lost, "text", "en")


def test_candidate_kept_in_the_compact_mail_layout(lost: sessionmaker[Session]) -> None:
    with lost() as session:
        report = build_report(collect(session), now=NIGHT + timedelta(days=1))
    fitted = fit_html(report, budget=len(render(report, "html").encode()) - 1)  # force the compact layout
    assert fitted.layout == "compact"
    assert f'Möjlig ny sida: <a href="{HYLTE_NEW}">' in fitted.html and "<b>säker träff</b>" in fitted.html
    assert 'href="javascript' not in fitted.html


def test_candidate_reaches_the_mailed_report(lost: sessionmaker[Session]) -> None:
    out = io.StringIO()
    transport = PrintTransport(out)
    config = Config(subscribers=(Subscriber("anna@example.se", sites=("hylte",)),), mail_from="k@example.se")
    result = send_reports(engine_of(lost), config, transport=transport, dry_run=True, now=NIGHT + timedelta(days=1))
    assert result.sent == 1
    (message,) = transport.sent
    for subtype in ("plain", "html"):
        body = message.get_body(preferencelist=(subtype,)).get_content()
        assert HYLTE_NEW in body and "säker träff" in body
        assert LJUNGBY_NEW not in body  # another site, filtered out with its change


def test_no_candidate_without_a_disappearance(db_url: str) -> None:
    factory = seeded(db_url)
    add_run(factory, [("hylte", "title_changed", "A", "B", None)])
    propose(factory, "hylte", HYLTE_NEW, 0.9, True, NIGHT + timedelta(hours=1))
    assert "Möjlig ny sida" not in report_of(factory, "text")


def test_candidate_found_after_the_loss_was_mailed_is_told_once(db_url: str, smtp_server: tuple[SmtpSink, int]) -> None:
    sink, port = smtp_server
    transport = SmtpTransport(SmtpSettings("127.0.0.1", port, "plain"), timeout=5)
    factory = seeded(db_url)
    readers = (
        Subscriber("hanna@example.se", counties=("Hallands län",)),
        Subscriber("vera@example.se"),
        Subscriber("sam@example.se", counties=("Södermanlands län",)),
    )
    config = Config(subscribers=readers, mail_from="k@example.se")
    stamp = ("hylte", "review_date_changed", "2024-05-17", "2026-11-20", None)
    nights = [NIGHT + timedelta(days=i) for i in range(3)]

    first = add_run(factory, [("hylte", "page_gone", page_url("hylte"), None, None)], at=nights[0])
    send_reports(engine_of(factory), config, run_id=first, transport=transport, now=nights[0])
    assert all("Möjlig" not in m.part("plain") for m in sink.messages)  # discover has not run yet

    propose(factory, "hylte", HYLTE_NEW, 0.913, True, nights[0] + timedelta(hours=5))
    second = add_run(factory, [stamp, ("eskilstuna", "title_changed", "A", "B", None)], at=nights[1])
    send_reports(engine_of(factory), config, run_id=second, transport=transport, now=nights[1])
    hanna, vera = sink.to("hanna@example.se")[1], sink.to("vera@example.se")[1]
    for message in (hanna, vera):
        for part in ("plain", "html"):
            body = message.part(part)
            assert "Möjliga nya sidor för försvunna sidor" in body and HYLTE_NEW in body, part
            assert body.index("Möjliga nya sidor") < body.index(HYLTE_NEW)
    (sam,) = sink.to("sam@example.se")  # the news is filtered like the changes: Hylte is not in his county
    assert "Ny rubrik" in sam.part("plain") and "Möjliga nya sidor" not in sam.part("plain") + sam.part("html")
    assert f"Hylte kommun: försvunnen sida {page_url('hylte')}; möjlig ny sida: {HYLTE_NEW}" in hanna.part("plain")

    third = add_run(factory, [stamp], at=nights[2])
    send_reports(engine_of(factory), config, run_id=third, transport=transport, now=nights[2])
    assert len(sink.messages) == 2 + 3 + 2
    assert all(HYLTE_NEW not in m.part("plain") and HYLTE_NEW not in m.part("html") for m in sink.messages[5:])
