"""End to end: `kommunvakt crawl` watches the documents the pages link to, on the simulated web, with documents
these tests write (fpdf2, python-docx). One municipality (Åmål) is crawled, so each crawl takes seconds."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from document_support import STRATEGY, make_docx, make_pdf, revised
from sqlalchemy import select

from simweb.municipal import SimulatedWeb, content
from simweb.municipal.content import DocLink
from storage.models import ChangeRow, DocumentRow, DocumentVersion

from support import changes_of, count, engine_for, run_cli

pytestmark = pytest.mark.slow

SITE = "amal"
PDF = "/download/18.4a3f2c1b17e0d2a9f1c2b3d4/1666601234567/internationell-strategi-amal.pdf"
DOCX = "/dokument/riktlinje-for-internationellt-arbete.docx"


def crawl(workdir: Path, db_url: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, "--only", SITE, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def document_changes(workdir: Path, db_url: str) -> list[dict]:
    return [c for c in changes_of(workdir, db_url) if c["kind"] == "document_changed"]


def versions(db_url: str, path: str, web: SimulatedWeb) -> list[DocumentVersion]:
    engine = engine_for(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                select(DocumentVersion)
                .join(DocumentRow, DocumentRow.id == DocumentVersion.document_id)
                .where(DocumentRow.url == web.file_url(SITE, path))
                .order_by(DocumentVersion.id)
            ).all()
        return list(rows)
    finally:
        engine.dispose()


def document_row(db_url: str, path: str, web: SimulatedWeb) -> DocumentRow:
    engine = engine_for(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(DocumentRow).where(DocumentRow.url == web.file_url(SITE, path))).one()
    finally:
        engine.dispose()


def test_a_strategy_revised_in_place_is_a_document_change_with_its_summary(
    web: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    web.put_file(SITE, PDF, make_pdf(STRATEGY))
    crawl(workdir, db_url)
    assert len(versions(db_url, PDF, web)) == 1
    assert document_changes(workdir, db_url) == []  # the first sight of a document is no change

    web.advance()
    web.put_file(SITE, PDF, make_pdf(revised(STRATEGY)))
    crawl(workdir, db_url)
    [change] = document_changes(workdir, db_url)
    assert change["old"]["url"] == change["new"]["url"] == web.file_url(SITE, PDF)
    assert change["old"]["sha256"] != change["new"]["sha256"]
    assert change["new"]["title"] == "Internationell strategi"
    assert change["new"]["pages"] == 4
    summary = change["summary"]
    assert summary["sections_added"] == ["Kontakt"]
    assert summary["paragraphs_removed"] == 1 and summary["paragraphs_rewritten"] == 1
    assert any(["removed", "tre"] in e["excerpt"] and ["added", "fyra"] in e["excerpt"] for e in summary["examples"])
    assert len(versions(db_url, PDF, web)) == 2


def test_a_reexport_with_the_same_text_and_a_304_are_no_change(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    web.put_file(SITE, PDF, make_pdf(STRATEGY, size=11))
    crawl(workdir, db_url)
    web.clear_requests()
    crawl(workdir, db_url)  # unchanged: the document is asked for conditionally and answered 304
    asked = [r for r in web.requests(SITE) if r.path == PDF]
    assert [r.status for r in asked] == [304]
    assert {"If-None-Match", "If-Modified-Since"} & set(asked[0].headers)

    web.advance()
    web.put_file(SITE, PDF, make_pdf(STRATEGY, size=10, margin=25, page_per_section=False))  # new bytes, same text
    crawl(workdir, db_url)
    assert document_changes(workdir, db_url) == []
    assert len(versions(db_url, PDF, web)) == 1
    assert document_row(db_url, PDF, web).last_error is None


def test_a_document_replaced_under_the_same_url_by_another_format(
    web: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    """Served with the wrong Content-Type all along: the body decides what it is."""
    web.put_file(SITE, PDF, make_pdf(STRATEGY), content_type="application/octet-stream")
    crawl(workdir, db_url)
    web.advance()
    web.put_file(SITE, PDF, make_docx(revised(STRATEGY)), content_type="text/html")
    crawl(workdir, db_url)
    [change] = document_changes(workdir, db_url)
    assert change["summary"]["sections_added"] == ["Kontakt"]
    assert [v.kind for v in versions(db_url, PDF, web)] == ["pdf", "docx"]


def test_a_removed_encrypted_or_truncated_document_fails_alone(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    web.edit(SITE, lambda c: content.add_document(c, DocLink("Riktlinje för internationellt arbete", DOCX, "docx")))
    web.put_file(SITE, PDF, make_pdf(STRATEGY))
    web.put_file(SITE, DOCX, make_docx(STRATEGY), content_type=None)
    crawl(workdir, db_url)
    assert len(versions(db_url, DOCX, web)) == 1

    web.advance()
    web.put_file(SITE, PDF, make_pdf(revised(STRATEGY), user_password="hemligt"))
    web.fault(SITE, "truncated", path=DOCX)
    result = crawl(workdir, db_url)
    assert "unchanged 1" in result.stdout or "changed 0" in result.stdout or "not_modified" not in result.stdout
    assert document_changes(workdir, db_url) == []
    assert "encrypt" in (document_row(db_url, PDF, web).last_error or "")
    assert document_row(db_url, DOCX, web).last_error

    web.advance()
    web.clear_faults(SITE)
    web.remove_file(SITE, PDF)
    crawl(workdir, db_url)
    assert document_row(db_url, PDF, web).last_error == "HTTP 404"
    assert document_row(db_url, DOCX, web).last_error is None
    assert document_changes(workdir, db_url) == []
    engine = engine_for(db_url)
    assert count(engine, ChangeRow) == 1  # the page's own news: the DOCX link added; nothing for the failures
    engine.dispose()
