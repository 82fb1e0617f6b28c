"""A big night's HTML part stays under Gmail's clipping size; the plain-text part keeps everything."""

from __future__ import annotations

import doctest
import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from report_support import NIGHT, add_run, contact, engine_of, seeded

from crawler.config import Config, Subscriber
from crawler.display import phone_text
from crawler.mail import PrintTransport
from crawler.report import fit
from crawler.report.deliver import send_reports
from crawler.report.fit import HTML_BUDGET, fit_html, shorten_diff
from crawler.report.model import Part, ReportData, SiteRef, StoredChange
from crawler.report.render import render
from crawler.report.shape import build_report

WORDS = ["kommunen", "arbetar", "med", "internationella", "frågor", "inom", "EU", "Norden", "Polen", "projekt"]
COUNTIES = ["Skåne län", "Hallands län", "Västra Götalands län", "Stockholms län", "Norrbottens län"]


def paragraph(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def night(count: int, sites: int = 290, seed: int = 3) -> ReportData:
    """``count`` changes of every kind over ``sites`` municipalities; each structured value is unique."""
    rng = random.Random(seed)
    refs = {f"k{i:03d}": SiteRef(f"k{i:03d}", f"Kommun {i:03d}", COUNTIES[i % 5], None) for i in range(sites)}
    ids = list(refs)
    changes = []
    for i in range(count):
        site = ids[i % sites]
        url = f"https://www.{site}.se/internationellt"
        kind, old, new, detail = _change(rng, i, site)
        changes.append(StoredChange(i + 1, 1, site, url, kind, old, new, detail, NIGHT + timedelta(seconds=i)))
    return ReportData(changes=changes, sites=refs, current_run_id=1)


def _change(rng: random.Random, i: int, site: str):  # type: ignore[no-untyped-def]
    pick = i % 6
    if pick == 0:
        return "contact_added", None, contact(f"Namn{i}", f"p{i}@{site}.se", f"+4652049{i:04d}"), None
    if pick == 1:
        return "contact_removed", contact(f"Namn{i}", f"p{i}@{site}.se", f"+4652049{i:04d}"), None, None
    if pick == 2:
        return "document_added", None, {"url": f"https://www.{site}.se/d/plan-{i}.pdf", "title": f"Plan {i}"}, None
    if pick == 3:
        return "review_date_changed", "2025-03-01", f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", None
    if pick == 4:
        return "page_moved", f"https://www.{site}.se/int-{i}", f"https://www.{site}.se/internationellt-{i}", None
    before, after = paragraph(rng, 80), paragraph(rng, 80)
    removed, added = paragraph(rng, 10), f"Tillagt{i} " + paragraph(rng, 30)
    detail = [["=", before + " "], ["-", removed + " "], ["+", added + " "], ["=", after]]
    return "text_changed", removed, added, detail


def size(html: str) -> int:
    return len(html.encode("utf-8"))


def test_small_report_keeps_the_full_layout() -> None:
    report = build_report(night(40), now=NIGHT)
    fitted = fit_html(report)
    assert fitted.layout == "full" and fitted.html == render(report, "html")
    assert fitted.shown == fitted.total == 40


@pytest.mark.parametrize("count", [600, 1000])
def test_big_nights_fit_with_every_structured_change_in_full(count: int) -> None:
    data = night(count)
    report = build_report(data, now=NIGHT)
    assert size(render(report, "html")) > HTML_BUDGET  # the full layout would be clipped
    fitted = fit_html(report)
    assert fitted.size <= HTML_BUDGET and fitted.shown == fitted.total == count
    # 600: shortened diffs fit; 1000 (a sixth of them text changes): only the structured changes do
    assert fitted.layout == ("compact" if count == 600 else "compact-nodiff")
    html = fitted.html
    assert "Stor rapport" in html and "textdel" in html
    for change in data.changes:
        if change.kind in ("contact_added", "contact_removed"):
            value = change.new or change.old
            for field in ("name", "email"):
                assert value[field] in html, (change.id, field)
            assert phone_text(value["phone"]) in html, change.id  # as Swedes write it
        elif change.kind == "document_added":
            assert f'<a href="{change.new["url"]}">{change.new["title"]}</a>' in html
        elif change.kind == "review_date_changed":
            assert change.new in html
        elif change.kind == "page_moved":
            assert f"{change.old} → {change.new}" in html
        elif fitted.layout == "compact":  # the edit itself is shown, shortened
            assert f'<ins style="background:#dfd">{change.new.split()[0]} ' in html
            assert change.detail[0][1].strip() not in html
    if fitted.layout == "compact-nodiff":
        texts = sum(1 for c in data.changes if c.kind == "text_changed")
        assert html.count("Ändrad text: (se meddelandets textdel)") == texts
    text = render(report, "text").replace("\n", " ")
    assert all(c.new in text for c in data.changes if c.kind == "text_changed")  # the full detail stays there


def test_a_huge_night_is_cut_and_says_how_much_is_left_out() -> None:
    report = build_report(night(3000), now=NIGHT)
    fitted = fit_html(report)
    assert fitted.layout == "compact-cut" and fitted.size <= HTML_BUDGET
    assert 0 < fitted.shown < fitted.total == 3000
    missing = fitted.total - fitted.shown
    assert f"{missing} ändringar till ryms inte här" in fitted.html
    assert fitted.html.rstrip().endswith("</html>") and "Kunde inte" not in fitted.html


def test_tiny_budget_still_gives_a_valid_message() -> None:
    fitted = fit_html(build_report(night(300), now=NIGHT), budget=1_000)
    assert fitted.layout == "compact-cut" and fitted.shown == 0  # not even the frame fits: the frame alone
    assert "300 ändringar till ryms inte här" in fitted.html and fitted.html.rstrip().endswith("</html>")


def test_hostile_text_stays_escaped_in_the_compact_layout() -> None:
    data = night(1000)
    evil = '<img src=x onerror="alert(1)"> Namn'
    data.changes[0] = StoredChange(
        1, 1, "k000", "javascript:alert(1)", "contact_added", None, contact(evil, "x@k.se"), None, NIGHT
    )
    fitted = fit_html(build_report(data, now=NIGHT))
    assert fitted.layout != "full"
    assert "<img" not in fitted.html and "&lt;img src=x" in fitted.html
    assert 'href="javascript' not in fitted.html


def test_shorten_diff() -> None:
    parts = [Part("a b c d e f g ", op="="), Part("x y ", op="-"), Part("z ", op="+"), Part("h i j k l m", op="=")]
    short = shorten_diff(parts, context=2, max_words=8)
    assert [(p.op, p.text) for p in short] == [("=", "… f g "), ("-", "x y "), ("+", "z "), ("=", "h i …")]
    assert shorten_diff(None) is None
    assert doctest.testmod(fit).failed == 0


def test_delivered_message_uses_the_fitted_part(sqlite_url: str) -> None:
    factory = seeded(sqlite_url)
    rows = [
        ("amal", "contact_added", None, contact(f"Person {i}", f"p{i}@amal.se", f"+4652049{i:04d}"), None)
        for i in range(1200)
    ]
    add_run(factory, rows)
    transport = PrintTransport(io.StringIO())
    config = Config(subscribers=(Subscriber("anna@example.se"),), mail_from="k@example.se")
    result = send_reports(engine_of(factory), config, transport=transport, dry_run=True, now=datetime.now(UTC))
    assert result.sent == 1
    (message,) = transport.sent
    html = message.get_body(preferencelist=("html",)).get_content()
    plain = message.get_body(preferencelist=("plain",)).get_content()
    assert size(html) <= HTML_BUDGET and "Stor rapport" in html
    assert "p1199@amal.se" in html and "p1199@amal.se" in plain
