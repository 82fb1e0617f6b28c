"""Watching linked documents, the pure parts: which links a crawl follows, what a document fetch means, and how
a document change reads in the report."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from crawler.documents.judge import evaluate_document
from crawler.documents.judgement import DocumentState
from crawler.documents.normalise import text_hash
from crawler.documents.result import Block, DocumentKind, DocumentText, Failure, Metadata, Unreadable
from crawler.documents.select import select_documents, worth_fetching
from crawler.extract.documents import document_of
from crawler.fetch import DocumentFetch
from crawler.record import Document
from crawler.registry import SiteEntry
from crawler.report.model import ReportData, SiteRef, StoredChange
from crawler.report.render import render
from crawler.report.shape import build_report
from crawler.vocab import ChangeKind, Outcome

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
URL = "https://www.amal.se/download/18.4a3f/1666601234567/internationell-strategi.pdf"
AMAL = SiteEntry(id="amal", name="Åmåls kommun", home="https://www.amal.se/", aliases=("amal.e-tjansten.se",))

OLD = (
    Block("Mål", heading=True),
    Block("Kommunen ska ha tre aktiva vänorter i Europa och delta i två EU-projekt varje år."),
    Block("Arbetet utgår från de globala målen för hållbar utveckling."),
)
NEW = (
    Block("Mål", heading=True),
    Block("Kommunen ska ha fyra aktiva vänorter i Europa och delta i två EU-projekt varje år."),
    Block("Kontakt", heading=True),
    Block("Frågor besvaras av kommunens internationella samordnare."),
)


def text(blocks: tuple[Block, ...], sha: str, *, pages: int = 3) -> DocumentText:
    return DocumentText(
        kind=DocumentKind.PDF,
        sha256=sha,
        size=1000,
        metadata=Metadata(title="Internationell strategi", pages=pages, modified=datetime(2026, 11, 1, tzinfo=UTC)),
        blocks=blocks,
        text_sha256=text_hash(blocks) if blocks else "",
        pages_read=pages,
    )


def fetched(status: int | None = 200, error: str | None = None) -> DocumentFetch:
    return DocumentFetch(
        url=URL,
        site_id="amal",
        page_url="https://www.amal.se/int/",
        fetched_at=NOW,
        link_title="Internationell strategi",
        status=status,
        error=error,
        body=b"%PDF-" if status == 200 else b"",
    )


def stored(version: DocumentText) -> DocumentState:
    facts = {"url": URL, "title": "Internationell strategi", "sha256": version.sha256, "pages": 3, "modified": None}
    return DocumentState(
        url=URL,
        document_id=1,
        last_version_id=1,
        last_fingerprint=version.fingerprint,
        last_blocks=version.blocks,
        last_facts=facts,
    )


# -- which links ------------------------------------------------------------------------------------------


def test_only_the_municipalitys_own_pdf_docx_and_odt_links_are_followed() -> None:
    links = [
        Document("https://www.amal.se/strategi.pdf", "Strategi"),
        Document("https://amal.e-tjansten.se/riktlinje.docx", "Riktlinje"),  # an alias host
        Document("https://skl.se/rapport.pdf", "Rapport"),  # another organisation's
        Document("https://www.amal.se/budget.xlsx", "Budget"),  # a spreadsheet: not read
        Document("https://www.amal.se/gammal.doc", "Gammal"),  # an old Word file: not read
        Document("https://www.amal.se/download/18.1a2b/1700000000/Plan", "Plan"),  # type told by the answer
        Document("https://www.amal.se/strategi.pdf", "Strategi igen"),  # linked twice: fetched once
    ]
    chosen = select_documents(links, page_url="https://www.amal.se/int/", owns=AMAL.is_own_address, limit=10)
    assert [d.title for d in chosen] == ["Strategi", "Riktlinje", "Plan"]


def test_the_page_host_counts_as_own_when_the_registry_has_no_home() -> None:
    site = SiteEntry(id="x", name="X kommun", url="https://kommun.x.se/int/")
    links = [Document("https://kommun.x.se/plan.odt", "Plan"), Document("https://www.x.se/plan.pdf", "Annan")]
    assert [d.title for d in select_documents(links, page_url=site.url or "", owns=site.is_own_address, limit=5)] == [
        "Plan"
    ]


@given(st.lists(st.sampled_from(["a.pdf", "b.docx", "c.odt", "d.xlsx", "e", "f.PDF"]), max_size=30), st.integers(0, 8))
def test_selection_is_within_the_limit_each_url_once_and_keeps_link_order(names: list[str], limit: int) -> None:
    links = [Document(f"https://www.amal.se/{i % 7}/{name}", name) for i, name in enumerate(names)]
    chosen = select_documents(links, page_url="https://www.amal.se/", owns=AMAL.is_own_address, limit=limit)
    urls = [d.url for d in chosen]
    assert len(urls) <= limit and len(set(urls)) == len(urls)
    assert all(worth_fetching(u) for u in urls)
    order = [d.url for d in links]
    assert urls == sorted(urls, key=order.index)


# -- what a fetch means -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fetch", "reading", "outcome"),
    [
        (fetched(None, "timed out after 30 s"), None, Outcome.FAILED),
        (fetched(503), None, Outcome.FAILED),
        (fetched(404), None, Outcome.MISSING),
        (fetched(304), None, Outcome.NOT_MODIFIED),
        (fetched(200), Unreadable(Failure.ENCRYPTED, "encrypted", "ab"), Outcome.FAILED),
        (fetched(200), Unreadable(Failure.DAMAGED, "damaged or truncated: EOF", "ab"), Outcome.FAILED),
    ],
)
def test_a_document_that_failed_is_never_a_change(fetch: DocumentFetch, reading: object, outcome: Outcome) -> None:
    verdict = evaluate_document(fetch, stored(text(OLD, "a" * 64)), reading)  # type: ignore[arg-type]
    assert verdict.outcome is outcome
    assert verdict.change is None and verdict.version is None
    assert (verdict.error is None) == (outcome is Outcome.NOT_MODIFIED)


def test_first_sight_stores_a_version_and_reports_nothing() -> None:
    verdict = evaluate_document(fetched(), DocumentState(url=URL), text(OLD, "a" * 64))
    assert verdict.outcome is Outcome.NEW and verdict.version is not None and verdict.change is None
    assert verdict.facts is not None and verdict.facts["pages"] == 3  # for the page's document_added


def test_new_bytes_with_the_same_text_are_no_change() -> None:
    verdict = evaluate_document(fetched(), stored(text(OLD, "a" * 64)), text(OLD, "b" * 64, pages=4))
    assert verdict.outcome is Outcome.UNCHANGED and verdict.version is None and verdict.change is None


def test_a_revised_text_is_a_document_change_with_its_summary() -> None:
    verdict = evaluate_document(fetched(), stored(text(OLD, "a" * 64)), text(NEW, "b" * 64, pages=4))
    change = verdict.change
    assert verdict.outcome is Outcome.CHANGED and verdict.version is not None and change is not None
    assert change.kind is ChangeKind.DOCUMENT_CHANGED
    title = "Internationell strategi"
    assert change.old == {"url": URL, "title": title, "sha256": "a" * 64, "pages": 3, "modified": None}
    assert change.new["sha256"] == "b" * 64 and change.new["pages"] == 4
    assert change.new["modified"] == "2026-11-01T00:00:00+00:00"
    assert change.detail["compared"] == "text"
    assert change.detail["sections_added"] == ["Kontakt"]
    assert (change.detail["paragraphs_removed"], change.detail["paragraphs_rewritten"]) == (1, 1)


def test_a_scan_is_compared_by_its_bytes_and_says_so() -> None:
    verdict = evaluate_document(fetched(), stored(text((), "a" * 64)), text((), "b" * 64))
    assert verdict.change is not None and verdict.change.detail["compared"] == "bytes"
    same = evaluate_document(fetched(), stored(text((), "a" * 64)), text((), "a" * 64))
    assert same.outcome is Outcome.UNCHANGED


# -- how it reads -----------------------------------------------------------------------------------------


def test_the_report_shows_a_document_change_with_its_summary_and_excerpts() -> None:
    change = evaluate_document(fetched(), stored(text(OLD, "a" * 64)), text(NEW, "b" * 64, pages=4)).change
    assert change is not None
    stored_change = StoredChange(
        1, 1, "amal", "https://www.amal.se/int/", change.kind, change.old, change.new, change.detail, NOW
    )
    sites = {"amal": SiteRef("amal", "Åmåls kommun", "Västra Götalands län", "https://www.amal.se/")}
    report = build_report(ReportData(changes=[stored_change], sites=sites), now=NOW)
    text_report = render(report, "text")
    assert "Ändrat dokument" in text_report
    assert "Nya avsnitt: Kontakt" in text_report
    assert "Stycken: 1 nya, 1 borttagna, 1 omskrivna" in text_report
    assert "Sidor: 3 → 4" in text_report
    assert "[-tre-]" in text_report.replace(" -]", "-]") and "[+fyra" in text_report
    for fmt in ("html", "markdown"):
        assert "Nya avsnitt: Kontakt" in render(report, fmt)
    english = render(build_report(ReportData(changes=[stored_change], sites=sites), lang="en", now=NOW), "text")
    assert "Document changed" in english and "New sections: Kontakt" in english


def test_a_web_page_behind_a_link_that_only_announced_a_file_is_silently_no_document() -> None:
    html = Unreadable(Failure.NOT_A_DOCUMENT, "not a document: an HTML page", "f" * 64, kind=None)
    assert evaluate_document(fetched(), DocumentState(url=URL), html).outcome is Outcome.INVALID
    # ...but not when its address or Content-Type claimed a document, nor once it was read as one
    claimed = Unreadable(Failure.NOT_A_DOCUMENT, "not a document: an HTML page", "f" * 64, kind=DocumentKind.PDF)
    verdict = evaluate_document(fetched(), DocumentState(url=URL), claimed)
    assert verdict.outcome is Outcome.FAILED and verdict.failure == "not_a_document"
    known = DocumentState(url=URL, document_id=1, last_fingerprint="text:" + "a" * 64)
    assert evaluate_document(fetched(), known, html).outcome is Outcome.FAILED
    # a document that cannot be read is a failure whatever claimed it
    damaged = Unreadable(Failure.DAMAGED, "damaged or truncated: EOF", "f" * 64, kind=None)
    assert evaluate_document(fetched(), DocumentState(url=URL), damaged).outcome is Outcome.FAILED


@pytest.mark.parametrize(
    ("html", "announced"),
    [
        ('<a href="/download/18.5b3c/1612345678">Riktlinje (pdf, 193 kB)</a>', True),
        ('<p><a href="/dokument/4711">Vänortsavtal</a> PDF 606 KB</p>', True),
        ('<a href="/dokument/4711">Handlingsplan – Word-dokument</a>', True),
        ('<a href="/dokument/4711" type="application/pdf">Handlingsplan</a>', True),
        ('<a href="/dokument/4711" download>Handlingsplan</a>', True),
        ('<p><a href="/dokument/4711">Handlingsplan</a> <span class="size">(pdf)</span></p>', True),
        ('<a href="/om-pdf">Skapa en tillgänglig pdf</a>', False),
        ('<p><a href="/dokument/4711">Handlingsplan</a> (31 KB)</p>', False),
        ('<p><a href="/kontakt">Kontakt</a>, pdf-versionen finns på begäran</p>', False),
    ],
)
def test_a_link_without_a_suffix_is_a_document_when_it_announces_a_file(html: str, announced: bool) -> None:
    link = BeautifulSoup(html, "lxml").a
    assert link is not None
    document = document_of(link, "https://www.amal.se/int/")
    assert (document is not None) is announced
    if document is not None:
        assert document.title in ("Riktlinje", "Vänortsavtal", "Handlingsplan")
