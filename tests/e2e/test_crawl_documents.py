"""End to end: `kommunvakt crawl` watches the documents the pages link to, on the simulated web, with documents
these tests write (fpdf2, python-docx). One municipality (Åmål) links six documents, each living through one
case over three nights, so the whole story costs three crawls of one page."""

from __future__ import annotations

import re
import subprocess
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from document_support import STRATEGY, make_docx, make_pdf, revised
from ruamel.yaml import YAML
from sqlalchemy import func, select

from simweb.municipal import SimulatedWeb, content
from simweb.municipal.content import DocLink
from storage.models import ChangeRow, DocumentRow, DocumentVersion

from support import changes_of, count, engine_for, run_cli

SITE = "amal"
#: Åmål's page links its strategy at this address already (simweb/municipal/seeds); the others are added.
REVISED = "/download/18.4a3f2c1b17e0d2a9f1c2b3d4/1666601234567/internationell-strategi-amal.pdf"
REPLACED = "/download/18.5b6c7d8e/1700000000/riktlinje.ashx"  # a handler's address: told by sniffing the body
REEXPORTED = "/dokument/handlingsplan.pdf"
ENCRYPTED = "/dokument/vanortsavtal.pdf"
TRUNCATED = "/dokument/eu-policy.docx"
REMOVED = "/dokument/gammal-plan.odt"
ADDED = "/dokument/nytt-vanortsavtal.pdf"
FOREIGN = "https://skl.example/rapport.pdf"  # another organisation's: never fetched


def crawl(workdir: Path, db_url: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, "--only", SITE, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def documents(db_url: str, web: SimulatedWeb) -> dict[str, tuple[DocumentRow, list[str]]]:
    """Path -> (its row, the kinds of its stored versions in order)."""
    engine = engine_for(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(DocumentRow)).all()
            out = {}
            for row in rows:
                kinds = connection.scalars(
                    select(DocumentVersion.kind)
                    .where(DocumentVersion.document_id == row.id)
                    .order_by(DocumentVersion.id)
                ).all()
                out[row.url.removeprefix(web.home_url(SITE).rstrip("/"))] = (row, list(kinds))
            return out
    finally:
        engine.dispose()


def report_text(workdir: Path, db_url: str, lang: str) -> str:
    """The latest run's report as text, in ``lang``."""
    result = run_cli("report", "--format", "text", "--lang", lang, "--db", db_url, cwd=workdir)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_documents_over_three_nights(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    links = [
        DocLink("Riktlinje för internationellt arbete", REPLACED, "pdf, 193.1 kB"),
        DocLink("Handlingsplan", REEXPORTED, "pdf"),
        DocLink("Vänortsavtal", ENCRYPTED, "pdf"),
        DocLink("EU-policy", TRUNCATED, "docx"),
        DocLink("Gammal plan", REMOVED, "odt"),
        DocLink("Rapport", FOREIGN, "pdf"),
    ]
    for link in links:
        web.edit(SITE, partial(content.add_document, doc=link))
    web.put_file(SITE, REVISED, make_pdf(STRATEGY))
    web.put_file(SITE, REPLACED, make_pdf(STRATEGY), content_type="application/octet-stream")  # the wrong type
    web.put_file(SITE, REEXPORTED, make_pdf(STRATEGY))
    web.put_file(SITE, ENCRYPTED, make_pdf(STRATEGY))
    web.put_file(SITE, TRUNCATED, make_docx(STRATEGY), content_type=None)
    web.put_file(SITE, REMOVED, make_pdf(STRATEGY), content_type="application/vnd.oasis.opendocument.text")

    # Night 0: every document is new: a version each, no change (the page's first version has no news).
    crawl(workdir, db_url)
    seen = documents(db_url, web)
    assert sorted(seen) == sorted([REVISED, REPLACED, REEXPORTED, ENCRYPTED, TRUNCATED, REMOVED])
    assert {path: kinds for path, (_, kinds) in seen.items()} == {
        REVISED: ["pdf"],
        REPLACED: ["pdf"],
        REEXPORTED: ["pdf"],
        ENCRYPTED: ["pdf"],
        TRUNCATED: ["docx"],
        REMOVED: ["pdf"],  # the body decides, not the Content-Type
    }
    assert changes_of(workdir, db_url) == []

    # Night 1: revised in place; replaced by a DOCX under the same address (served as text/html); re-exported
    # with the same text; now encrypted; cut off half-way; removed.
    web.advance()
    web.put_file(SITE, REVISED, make_pdf(revised(STRATEGY)))
    web.put_file(SITE, REPLACED, make_docx(revised(STRATEGY)), content_type="text/html")
    web.put_file(SITE, REEXPORTED, make_pdf(STRATEGY, size=24, margin=25, title="Ny export", page_per_section=False))
    web.put_file(SITE, ENCRYPTED, make_pdf(revised(STRATEGY), user_password="hemligt"))
    web.fault(SITE, "truncated", path=TRUNCATED)
    web.remove_file(SITE, REMOVED)
    web.edit(SITE, lambda c: content.add_document(c, DocLink("Nytt vänortsavtal", ADDED, "pdf 80 kB")))
    web.put_file(SITE, ADDED, make_pdf(STRATEGY))
    result = crawl(workdir, db_url)
    assert "failed 0" in result.stdout  # the page itself was checked: its documents' failures are their own
    # ...and the summary counts the documents like pages, naming each that could not be checked
    assert "documents: checked 7 (new 1), unchanged 1, changed 2, not found 1, failed 2" in result.stdout
    problems = [line for line in result.stdout.splitlines() if line.startswith("  document ")]
    assert len(problems) == 3, result.stdout
    assert any(line.startswith(f"  document not found: {SITE} ") and REMOVED in line for line in problems)
    assert any(ENCRYPTED in line and "encrypted" in line for line in problems)

    changed = {c["new"]["url"]: c for c in changes_of(workdir, db_url) if c["kind"] == "document_changed"}
    assert sorted(changed) == sorted(web.file_url(SITE, p) for p in (REVISED, REPLACED))
    strategy = changed[web.file_url(SITE, REVISED)]
    assert strategy["old"]["sha256"] != strategy["new"]["sha256"]
    assert strategy["new"]["title"] == "Internationell strategi" and strategy["new"]["pages"] == 4
    assert strategy["summary"]["sections_added"] == ["Kontakt"]
    assert strategy["summary"]["paragraphs_removed"] == 1 and strategy["summary"]["paragraphs_rewritten"] == 1
    excerpts = [e["excerpt"] for e in strategy["summary"]["examples"]]
    assert any(["removed", "tre"] in e and ["added", "fyra"] in e for e in excerpts)
    assert changed[web.file_url(SITE, REPLACED)]["summary"]["sections_added"] == ["Kontakt"]
    [added] = [c for c in changes_of(workdir, db_url) if c["kind"] == "document_added"]
    assert added["new"]["url"] == web.file_url(SITE, ADDED) and added["new"]["title"] == "Nytt vänortsavtal"
    assert added["new"]["pages"] == 3 and added["new"]["document_title"] == "Internationell strategi"
    assert len(added["new"]["sha256"]) == 64

    seen = documents(db_url, web)
    assert seen[REPLACED][1] == ["pdf", "docx"]
    assert seen[REEXPORTED][1] == ["pdf"] and seen[REEXPORTED][0].last_error is None  # new bytes, same text
    assert "encrypt" in (seen[ENCRYPTED][0].last_error or "")
    assert seen[TRUNCATED][0].last_error and seen[TRUNCATED][1] == ["docx"]
    assert seen[REMOVED][0].last_error == "HTTP 404"
    assert not any(r.path.endswith("rapport.pdf") for r in web.requests())

    # The report tells each document that began failing, under the municipality, its reason in words.
    swedish = report_text(workdir, db_url, "sv")
    section = swedish.split("== Kunde inte kontrolleras ==", 1)[1]
    assert "Åmål, länkade dokument:" in section
    assert "krypterat: dokumentet kräver lösenord" in section and "finns inte längre på adressen (HTTP 404)" in section
    assert f"Vänortsavtal <{web.file_url(SITE, ENCRYPTED)}>: krypterat" in section
    assert f"EU-policy <{web.file_url(SITE, TRUNCATED)}>: " in section  # cut off half-way, the fetch's own reason
    english = report_text(workdir, db_url, "en").split("== Could not be checked ==", 1)[1]
    assert "Åmål, linked documents:" in english and "not found at its address (HTTP 404)" in english
    assert "encrypted: the document needs a password" in english
    html = run_cli("report", "--format", "html", "--lang", "sv", "--db", db_url, cwd=workdir).stdout
    assert f'href="{web.file_url(SITE, ENCRYPTED)}"' in html and ">Vänortsavtal</a>: krypterat" in html
    markdown = run_cli("report", "--format", "markdown", "--lang", "en", "--db", db_url, cwd=workdir).stdout
    assert f"[Vänortsavtal](<{web.file_url(SITE, ENCRYPTED)}>): encrypted" in markdown
    night1 = {path: row for path, (row, _) in seen.items()}

    # Night 2: nothing new. The documents are asked for with their own validators and answer 304.
    web.advance()
    web.clear_faults(SITE)
    web.clear_requests()
    night2 = crawl(workdir, db_url)
    asked = {r.path: r for r in web.requests(SITE) if r.path.startswith(("/dokument/", "/download/"))}
    assert asked[REVISED].status == asked[REPLACED].status == asked[REEXPORTED].status == 304
    assert {"If-None-Match", "If-Modified-Since"} & set(asked[REVISED].headers)
    assert asked[TRUNCATED].status == 304  # whole again, and as it was at its last good fetch
    assert asked[ENCRYPTED].status == 200  # still not the version last read
    seen = documents(db_url, web)
    assert seen[TRUNCATED][0].last_error is None and seen[TRUNCATED][1] == ["docx"]
    assert "encrypt" in (seen[ENCRYPTED][0].last_error or "") and seen[ENCRYPTED][1] == ["pdf"]
    engine = engine_for(db_url)
    assert count(engine, ChangeRow) == 3  # two documents changed, one added: no failure is a change
    engine.dispose()
    # checked_at is the last confirmation: a 304 moves it on (and no version is written), a failure does not
    before, after = night1[REVISED].checked_at, seen[REVISED][0].checked_at
    locked = night1[ENCRYPTED].checked_at
    first_tried = night1[REVISED].tried_run_id
    assert first_tried is not None and before and after and locked
    last_run = first_tried + 1
    assert after > before and seen[REVISED][0].tried_run_id == last_run
    assert seen[ENCRYPTED][0].checked_at == locked < before
    assert seen[ENCRYPTED][0].tried_run_id == last_run and seen[ENCRYPTED][0].failing_run_id == last_run - 1
    # A failure is told once a streak: the encrypted document that still fails is only counted now.
    swedish = report_text(workdir, db_url, "sv")
    assert "länkade dokument:" not in swedish.split("Fungerar igen:", 1)[0]  # the one whole again is told below
    # the encrypted one, and the removed one the page still links
    assert "2 länkade dokument kan fortfarande inte kontrolleras (rapporterat tidigare)." in swedish
    # The document whole again is told once, in the run it works again, since and when in named local time.
    truncated = web.file_url(SITE, TRUNCATED)
    assert f"  document working again: {SITE} {truncated}" in night2.stdout.splitlines()
    recovered = swedish.split("Fungerar igen:", 1)[1]
    moment = r"\d{4}-\d\d-\d\d \d\d:\d\d [A-Z]{3,4}"
    line = rf"EU-policy <{re.escape(truncated)}>: kan kontrolleras igen {moment} \(kunde inte kontrolleras sedan "
    assert re.search(line + rf"{moment}\)", recovered), recovered
    assert "Working again:" in report_text(workdir, db_url, "en")
    # ...and never again: the night after, nothing of it (it answers 304 and is confirmed with the others)
    web.advance()
    night3 = crawl(workdir, db_url)
    assert "working again" not in night3.stdout
    assert "Fungerar igen" not in report_text(workdir, db_url, "sv")

    # What is stored can be looked at: the document's versions and changes, a version's text, and their diff.
    url = web.file_url(SITE, REVISED)
    history = run_cli("history", "--document", url, "--db", db_url, cwd=workdir)
    assert history.returncode == 0, history.stderr
    assert "#1" in history.stdout and "#2" in history.stdout and "document_changed" in history.stdout
    shown = run_cli("show", "--document", url, "--at", "#1", "--db", db_url, cwd=workdir)
    assert shown.returncode == 0 and "## Mål" in shown.stdout and "tre aktiva vänorter" in shown.stdout
    diffed = run_cli("diff", SITE, "--document", url, "--db", db_url, cwd=workdir)
    assert diffed.returncode == 0 and "+## Kontakt" in diffed.stdout
    assert any(line.startswith("-") and "tre aktiva" in line for line in diffed.stdout.splitlines())
    unknown = run_cli("show", "--document", "https://www.amal.se/ingen.pdf", "--db", db_url, cwd=workdir)
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1
    assert "--document" in unknown.stderr


def test_a_document_linked_from_two_municipalities_pages_is_fetched_once(
    web: SimulatedWeb, workdir: Path, db_url: str
) -> None:
    """Hylte serves its pages from Åmål's host too (an alias: a shared site), and both pages link one plan, Åmål's
    twice: the plan is asked for once in the run, and stored once."""
    shared = "/dokument/gemensam-plan.pdf"
    url = web.file_url(SITE, shared)
    web.put_file(SITE, shared, make_pdf(STRATEGY))
    web.edit(
        SITE,
        lambda c: content.add_document(content.add_document(c, DocLink("Plan", shared)), DocLink("Plan igen", shared)),
    )
    web.edit("hylte", lambda c: content.add_document(c, DocLink("Gemensam plan", url, "pdf")))
    sites = workdir / "sites.yaml"
    web.write_sites_file(sites, only=[SITE, "hylte"])
    entries = YAML(typ="safe").load(sites.read_text(encoding="utf-8"))
    for entry in entries:
        if entry["id"] == "hylte":
            entry["aliases"] = [urlsplit(url).hostname]
    YAML().dump(entries, sites)
    web.clear_requests()
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    asked = [r for r in web.requests() if r.path == shared]
    assert len(asked) == 1 and asked[0].status == 200
    assert "fetched 2 " in result.stdout and "failed 0" in result.stdout
    engine = engine_for(db_url)
    try:
        with engine.connect() as connection:
            [document_id] = connection.execute(select(DocumentRow.id).where(DocumentRow.url == url)).scalars()
            versions = select(func.count()).where(DocumentVersion.document_id == document_id)
            assert connection.scalar(versions) == 1
    finally:
        engine.dispose()


def test_document_links_without_a_suffix(web: SimulatedWeb, workdir: Path, db_url: str) -> None:
    """Links that name no file type are followed when they announce a file; the body decides: a PDF is watched,
    a web page behind such a link is silently no document, and a link that announces nothing is not asked for."""
    download = "/download/18.5b3c7d9e/1612345678"
    page = "/dokument/4711"
    article = "/om-pdf"
    links = [
        DocLink("Riktlinje för internationellt arbete", download, "pdf, 193.1 kB"),
        DocLink("Vänortsavtal", page, "PDF 606 KB"),
        DocLink("Skapa en tillgänglig pdf", article),
    ]
    for link in links:
        web.edit(SITE, partial(content.add_document, doc=link))
    web.put_file(SITE, download, make_pdf(STRATEGY), content_type="application/octet-stream")
    web.put_file(SITE, page, b"<!DOCTYPE html><html><body><h1>Dokument</h1><p>Logga in</p></body></html>", "text/html")
    web.put_file(SITE, article, b"<!DOCTYPE html><html><body><h1>Om pdf</h1></body></html>", "text/html")
    web.clear_requests()
    result = crawl(workdir, db_url)
    asked = {r.path for r in web.requests(SITE)}
    assert download in asked and page in asked and article not in asked
    seen = documents(db_url, web)
    assert seen[download][1] == ["pdf"] and seen[download][0].failing_since is None
    assert page not in seen  # a web page: no row, no failure
    assert "links that were no document 1" in result.stdout
    problems = [line for line in result.stdout.splitlines() if line.startswith("  document ")]
    assert not [line for line in problems if page in line or download in line]
    assert changes_of(workdir, db_url) == []
