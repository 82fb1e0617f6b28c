"""The report as rendered (pure): grouping, order, repeats merged, and hostile page content made harmless."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from lxml import html as lxml_html

from crawler.config import Subscriber
from crawler.report.model import DocumentRecovery, FailureEvent, ReportData, RunInfo, SiteRef, StoredChange
from crawler.report.render import render, render_template
from crawler.report.safe import link_text, looks_like_url, safe_href
from crawler.report.shape import build_report

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
SITES = {
    sid: SiteRef(sid, name, county, f"https://www.{sid}.se/")
    for sid, name, county in [
        ("ale", "Ale kommun", "Västra Götalands län"),
        ("amal", "Åmåls kommun", "Västra Götalands län"),
        ("boras", "Borås stad", "Västra Götalands län"),
        ("hylte", "Hylte kommun", "Hallands län"),
        ("osby", "Osby kommun", "Skåne län"),
    ]
}


def change(cid: int, site: str, kind: str, old=None, new=None, detail=None) -> StoredChange:  # type: ignore[no-untyped-def]
    return StoredChange(cid, 1, site, f"https://www.{site}.se/int", kind, old, new, detail, NOW)


HOSTILE = [
    change(1, "amal", "contact_added", None, {"name": "<script>alert('x')</script>Eva", "role": "<b>Chef</b>"}),
    change(2, "amal", "document_added", None, {"url": "javascript:alert(1)", "title": "Klicka här"}),
    change(3, "amal", "document_added", None, {"url": "data:text/html,<script>x</script>", "title": "Plan"}),
    change(
        4,
        "amal",
        "document_added",
        None,
        {"url": "https://evil.example/x.pdf", "title": "https://www.amal.se/plan.pdf"},
    ),
    change(5, "amal", "page_moved", "https://www.amal.se/int", "javascript:alert(document.cookie)"),
    change(
        6,
        "amal",
        "text_changed",
        "a",
        "b",
        [
            ["=", "Vi "],
            ["+", '<img src=x onerror="alert(1)"> [-falsk-] <a href="javascript:x">länk</a> '],
            ["=", "slut"],
        ],
    ),
    change(7, "amal", "title_changed", "Gammal", "Ny\u202e rubrik\x1b[31m"),
]


def report_for(changes: list[StoredChange], **kwargs):  # type: ignore[no-untyped-def]
    data = ReportData(changes=changes, sites=SITES, **kwargs)
    return build_report(data, now=NOW)


def test_hostile_content_cannot_inject_into_html() -> None:
    page = render(report_for(HOSTILE), "html")
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script") and not tree.xpath("//img") and not tree.xpath("//iframe")
    assert not [a for e in tree.iter() if isinstance(e.tag, str) for a in e.attrib if a.lower().startswith("on")]
    for anchor in tree.xpath("//a"):
        href = anchor.get("href")
        assert href.startswith(("http://", "https://")), href
        text = anchor.text_content().strip()
        assert not looks_like_url(text) or text.rstrip("/") == href.rstrip("/"), (text, href)
    assert "javascript:" not in " ".join(a.get("href") for a in tree.xpath("//a"))
    assert "&lt;script&gt;" in page and "\u202e" not in page and "\x1b" not in page
    assert "https://evil.example/x.pdf" in page  # the lookalike title is replaced by the real address


def test_hostile_content_cannot_fake_markers_or_links_in_text_and_markdown() -> None:
    text = render(report_for(HOSTILE), "text")
    assert '[+<img src=x onerror="alert(1)"> \\[-falsk-\\] <a href="javascript:x">länk</a> +]' in text
    assert "<javascript:" not in text and "\u202e" not in text and "\x1b" not in text
    assert "https://www.amal.se/plan.pdf" not in text  # lookalike title never shown as if it were the link
    markdown = render(report_for(HOSTILE), "markdown")
    assert "<script>" not in markdown and "](javascript" not in markdown and "](<javascript" not in markdown
    links = re.findall(r"\]\(<([^>]*)>\)", markdown)
    assert links and all(link.startswith("https://") for link in links)


def test_same_change_on_many_municipalities_is_one_entry_listing_them() -> None:
    template = [["=", "Cookies "], ["+", "och integritet"]]
    changes = [change(i, s, "text_changed", "x", "y", template) for i, s in enumerate(["ale", "amal", "boras", "osby"])]
    changes.append(change(9, "hylte", "contact_removed", {"name": "Per"}, None))
    report = report_for(changes)
    assert len(report.shared) == 1 and len(report.shared[0].sites) == 4
    assert [c.name for c in report.counties] == ["Hallands län"]
    text = render(report, "text")
    assert text.count("och integritet") == 1
    assert "4 kommuner: Ale kommun, Borås stad, Osby kommun, Åmåls kommun" in text
    assert report.subject == "kommunvakt: 5 ändringar i 5 kommuner, 2026-11-22"


def test_order_is_county_then_municipality_then_kind_order() -> None:
    changes = [
        change(1, "boras", "text_changed", "a", "b", [["-", "a"], ["+", "b"]]),
        change(2, "amal", "review_date_changed", "2024-01-01", "2026-11-20"),
        change(3, "boras", "contact_added", None, {"name": "Eva"}),
        change(4, "hylte", "document_removed", {"url": "https://www.hylte.se/a.pdf", "title": "A"}, None),
    ]
    text = render(report_for(changes), "text")
    assert text.index("Hallands län") < text.index("Västra Götalands län")
    assert text.index("Borås stad") < text.index("Åmåls kommun")  # å sorts after z in Swedish
    assert text.index("Ny kontaktperson") < text.index("Ändrad text")
    assert text.index("Ny kontaktperson") < text.index("Nytt granskningsdatum")


@pytest.mark.parametrize(
    ("subscriber", "expected"),
    [
        (Subscriber("a@x.se", counties=("Hallands län",)), {4}),
        (Subscriber("a@x.se", sites=("amal", "boras")), {1, 2, 3}),
        (Subscriber("a@x.se", kinds=("contact_added",)), {3}),
        (Subscriber("a@x.se", counties=("Västra Götalands län",), kinds=("text_changed",)), {1}),
        (Subscriber("a@x.se"), {1, 2, 3, 4}),
    ],
    ids=["county", "sites", "kinds", "county-and-kind", "no-filter"],
)
def test_subscriber_filters(subscriber: Subscriber, expected: set[int]) -> None:
    changes = [
        change(1, "boras", "text_changed", "a", "b", [["-", "a"], ["+", "b"]]),
        change(2, "amal", "review_date_changed", "2024-01-01", "2026-11-20"),
        change(3, "boras", "contact_added", None, {"name": "Eva"}),
        change(4, "hylte", "document_removed", {"url": "https://www.hylte.se/a.pdf", "title": "A"}, None),
    ]
    report = build_report(ReportData(changes=changes, sites=SITES), subscriber=subscriber, now=NOW)
    assert set(report.change_ids) == expected


def test_markdown_escapes_markup_and_not_everyday_punctuation() -> None:
    """Issue 16: `kommunvakt\\:` and `07\\:59` read badly; what could become markup is still escaped."""
    from crawler.report.safe import markdown_escape

    assert markdown_escape("kommunvakt: 3 ändringar 07:59 (CET).") == "kommunvakt: 3 ändringar 07:59 (CET)."
    for hostile in ("*fet*", "_kursiv_", "`kod`", "[länk](javascript:x)", "<img src=x>", "a | b", "~~bort~~"):
        assert all(f"\\{ch}" in markdown_escape(hostile) for ch in hostile if ch in "*_`[]<>|~")
    for line_start in ("# Rubrik", "- punkt", "+ punkt", "> citat", "1. lista", "2) lista", "=== "):
        assert markdown_escape(line_start) != line_start


def test_every_time_a_reader_sees_names_its_zone() -> None:
    """Issue 16: a time without its zone is a guess; summer and winter time are told apart."""
    winter = change(1, "boras", "text_changed", "a", "b", [["-", "a"], ["+", "b"]])
    summer = StoredChange(
        2,
        1,
        "amal",
        "https://www.amal.se/int",
        "review_date_changed",
        "2024-01-01",
        "2026-06-20",
        None,
        datetime(2026, 6, 21, 1, 5, tzinfo=UTC),
    )
    report = report_for([winter, summer])
    for fmt in ("text", "html", "markdown"):
        out = render(report, fmt)
        assert "2026-11-22 04:00 CET" in out and "2026-06-21 03:05 CEST" in out, fmt


def test_interrupted_run_and_failures_in_every_format() -> None:
    failing = FailureEvent("failing:hylte:1", "hylte", "failing", NOW, NOW, "DNS lookup failed", 1)
    runs = [RunInfo(7, "interrupted", NOW)]
    report = report_for([], failures=[failing], runs=runs)
    assert report.subject == "kommunvakt: inga ändringar, 2026-11-22 (avbruten körning)"
    # started 03:00 UTC: shown in local time, like every other time in the report
    assert report.warnings == ["Körning 7 avbröts (2026-11-22 04:00 CET): alla sidor hann inte kontrolleras."]
    assert "! Körning 7 avbröts (2026-11-22 04:00 CET)" in render(report, "text")
    for fmt in ("text", "html", "markdown"):
        out = render(report, fmt)
        assert (
            "Kunde inte kontrolleras" in out
            and "namnuppslagningen (DNS) misslyckades" in out
            and "Körning 7 avbröts" in out
        )


@pytest.mark.parametrize(
    ("lang", "heading", "line"),
    [
        ("sv", "Fungerar igen", "kan kontrolleras igen 2026-11-22 04:00 CET (kunde inte kontrolleras sedan {since})"),
        ("en", "Working again", "can be checked again 2026-11-22 04:00 CET (could not be checked since {since})"),
    ],
)
def test_a_linked_document_that_works_again_is_told_under_its_municipality(lang: str, heading: str, line: str) -> None:
    began = datetime(2026, 6, 20, 1, 5, tzinfo=UTC)  # summer time: the zone is named, not guessed
    recovery = DocumentRecovery(
        "document-recovered:3:7", "amal", "https://www.amal.se/plan.pdf", "Plan <2026>", began, NOW, 7
    )
    report = build_report(ReportData(changes=[], sites=SITES, document_recoveries=[recovery]), lang=lang, now=NOW)
    assert "document-recovered:3:7" in report.notice_keys  # told once per reader, like a page's recovery
    expected = line.format(since="2026-06-20 03:05 CEST")
    for fmt in ("text", "html", "markdown", "compact"):
        out = (
            render_template("report.compact.html.j2", report, note="", cut=0)
            if fmt == "compact"
            else render(report, fmt)
        )
        assert "Åmåls kommun" in out and "plan.pdf" in out, fmt
        assert heading.lower() in out.lower() and expected in out, fmt
        assert "Plan <2026>" not in out if fmt != "text" else "Plan <2026>" in out, fmt  # escaped in markup
    # nothing of it when there is nothing: the section is not there at all
    quiet = render(build_report(ReportData(changes=[], sites=SITES), lang=lang, now=NOW), "text")
    assert heading not in quiet


def test_english_report() -> None:
    report = build_report(ReportData(changes=HOSTILE[:1], sites=SITES), lang="en", now=NOW)
    assert report.subject == "kommunvakt: 1 change in 1 municipality, 2026-11-22"
    assert "New contact" in render(report, "text")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.amal.se/a", True),
        ("http://www.amal.se/a", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,x", False),
        ("https://www.amal.se@evil.example/", False),
        ("//evil.example/", False),
        ("https://www.amal.se/a b", False),
        ('https://x.se/"onmouseover="x', False),
    ],
)
def test_only_plain_http_links(url: str, ok: bool) -> None:
    assert (safe_href(url) is not None) is ok


def test_link_text_never_poses_as_another_address() -> None:
    assert link_text("www.bank.se", "https://evil.example/") == "https://evil.example/"
    assert link_text("https://www.amal.se/", "https://www.amal.se") == "https://www.amal.se/"
    assert link_text("Handlingsplan 2024.pdf", "https://www.amal.se/h.pdf") == "Handlingsplan 2024.pdf"
