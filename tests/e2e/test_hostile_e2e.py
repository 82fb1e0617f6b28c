"""End to end: answers that are not the page, or the page in hostile bytes, are never reported as changes.

Three real `kommunvakt crawl` runs over one simulated web, one site per hostile case: night 1 every page
as it is; night 2 each site answers 200 with its hostile body (a PDF, an image, random bytes; the page with
an invalid utf-8 byte in a comment, a lying UTF-16 or EBCDIC declaration, NUL bytes, 10,000 unclosed
``<div>``\\ s); night 3 every page as it is with one real paragraph added. Night 2 reports nothing (the
non-pages are failed fetches with a readable reason, the hostile bytes read as the same page); night 3
reports exactly the added paragraph, once per site.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.extract.reasons import BINARY_BODY, IMAGE_BODY, PDF_BODY
from simweb.municipal import SimulatedWeb, content
from storage.models import Fetch, Page

from support import changes_of, engine_for, run_cli, write_config

pytestmark = pytest.mark.slow

Transform = Callable[[bytes, str], tuple[bytes, str]]


def _after_body_tag(page: bytes, insert: bytes) -> bytes:
    at = page.index(b">", page.index(b"<body")) + 1
    return page[:at] + insert + page[at:]


def _even(page: bytes) -> bytes:
    return page if len(page) % 2 == 0 else page + b" "  # so a UTF-16 reading decodes cleanly (to garbage)


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(range(256)) * 4
_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256)) * 40
_GARBAGE = random.Random(11).randbytes(30_000)

#: site -> (night 2's answer, the failure reason expected, or None when it must read as the same page)
HOSTILE: dict[str, tuple[Transform, str | None]] = {
    "pdf": (lambda page, ct: (_PDF, "text/html; charset=utf-8"), PDF_BODY),
    "image": (lambda page, ct: (_PNG, "text/html"), IMAGE_BODY),
    "garbage": (lambda page, ct: (_GARBAGE, "text/html; charset=utf-8"), BINARY_BODY),
    "bad-utf8": (lambda page, ct: (page.replace(b"<head>", b"<head><!-- \xe5tg\xe4rd \xff -->", 1), ct), None),
    "utf16": (lambda page, ct: (_even(page), "text/html; charset=utf-16"), None),
    "ebcdic": (lambda page, ct: (page, "text/html; charset=IBM037"), None),
    "nul": (lambda page, ct: (page.replace(b"</p>", b"\x00</p>").replace(b"<h1>", b"<h1>\x00\x00"), ct), None),
    "deep": (lambda page, ct: (_after_body_tag(page, b"<div>" * 10_000), ct), None),
}
ADDED = "Kommunen har tecknat ett nytt vänortsavtal med Pärnu i Estland."


@pytest.fixture
def hostile_web() -> Iterator[SimulatedWeb]:
    """One municipality per hostile case (the three CMS markups rotate; contacts, documents, stamps)."""
    with SimulatedWeb.municipalities(n=len(HOSTILE), page_kb=20, latency=0.0) as web:
        yield web


def crawl(workdir: Path, db_url: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "--sites", "sites.yaml", "--db", db_url, cwd=workdir)
    assert result.returncode == 0, result.stderr + result.stdout
    return result


def fetches(db_url: str, run: int) -> dict[str, tuple[str, str | None]]:
    engine = engine_for(db_url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(Page.site_id, Fetch.outcome, Fetch.error).join(Fetch).where(Fetch.run_id == run)
        ).all()
    engine.dispose()
    return {site: (outcome, error) for site, outcome, error in rows}


def test_hostile_answers_are_never_changes(hostile_web: SimulatedWeb, tmp_path: Path, sqlite_url: str) -> None:
    web = hostile_web
    site_of = dict(zip(HOSTILE, web.site_ids, strict=True))  # hostile case -> the site that serves it
    write_config(tmp_path)
    web.write_sites_file(tmp_path / "sites.yaml")
    web.set_validators(None, False)  # every night's page is judged on its content, never a 304

    crawl(tmp_path, sqlite_url)
    assert set(fetches(sqlite_url, 1).values()) == {("new", None)}

    web.advance()
    for case, (transform, _) in HOSTILE.items():
        web.fault(site_of[case], "body", transform=transform)
    crawl(tmp_path, sqlite_url)
    night2 = fetches(sqlite_url, 2)
    assert {case: night2[site_of[case]] for case in HOSTILE} == {
        case: ("failed", reason) if reason else ("unchanged", None) for case, (_, reason) in HOSTILE.items()
    }
    assert changes_of(tmp_path, sqlite_url) == []

    web.clear_faults()
    web.advance()
    for site in web.site_ids:
        web.edit(site, lambda c: content.add_paragraph(c, ADDED))
    crawl(tmp_path, sqlite_url)
    night3 = changes_of(tmp_path, sqlite_url, "--run", "3")
    assert sorted((c["site"], c["kind"]) for c in night3) == sorted((site, "text_changed") for site in web.site_ids)
    assert all(ADDED in c["new"] and ADDED not in (c["old"] or "") for c in night3)
