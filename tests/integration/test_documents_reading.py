"""Reading documents in the limited reader process (crawler/documents/reader.py), on documents these tests
write: PDFs with fpdf2 (and by hand, for the hostile ones), DOCX with python-docx, ODT with odfpy."""

from __future__ import annotations

import io
import os
import signal
import threading
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from document_support import STRATEGY, long_pdf, make_docx, make_odt, make_pdf, revised, scanned_pdf
from fpdf import FPDF

from crawler.documents.reader import DocumentReader, DocumentReaders
from crawler.documents.recognise import recognise
from crawler.documents.result import DocumentKind, DocumentText, Failure, Reading, Unreadable
from crawler.documents.settings import DocumentSettings
from crawler.documents.summary import Action, Part, summarise


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF written object by object, with a correct cross-reference table: for structures no tool writes."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_bomb(megabytes: int) -> bytes:
    """One page whose content stream inflates from a few hundred kilobytes to ``megabytes``."""
    compressor = zlib.compressobj(9)
    chunk = b"BT /F1 12 Tf 72 720 Td (a) Tj ET\n" * 30_000
    pieces = [compressor.compress(chunk) for _ in range(megabytes * 1_000_000 // len(chunk))]
    data = b"".join(pieces) + compressor.flush()
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _PAGE,
            _stream(data, b"/Filter /FlateDecode"),
            _FONT,
        ]
    )


def looping_pdf() -> bytes:
    """A page tree whose second branch lists the root as its child."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
            _PAGE,
            _stream(b"BT /F1 12 Tf 72 720 Td (Hej) Tj ET"),
            _FONT,
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


def zip_bomb_docx(megabytes: int) -> bytes:
    """A valid DOCX with one more member that inflates to ``megabytes`` of zeros."""
    out = io.BytesIO(make_docx(STRATEGY))
    with (
        zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.bin", "w", force_zip64=True) as member,
    ):
        for _ in range(megabytes):
            member.write(bytes(1_000_000))
    return out.getvalue()


# -- reading ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reader() -> Iterator[DocumentReader]:
    with DocumentReader(DocumentSettings(max_pages=40)) as shared:
        yield shared


def text_of(reading: Reading) -> DocumentText:
    assert isinstance(reading, DocumentText), reading
    return reading


def failure_of(reading: Reading) -> Unreadable:
    assert isinstance(reading, Unreadable), reading
    return reading


def test_a_pdf_reads_as_headings_and_paragraphs_without_headers_or_page_numbers(reader: DocumentReader) -> None:
    document = text_of(reader.read(make_pdf(STRATEGY), url="https://exempelby.se/strategi.pdf"))
    assert [(block.text, block.heading) for block in document.blocks] == STRATEGY
    assert document.metadata.title == "Internationell strategi"
    assert document.metadata.author == "Kommunstyrelsen"
    assert document.metadata.created == datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    assert document.metadata.pages == document.pages_read >= 3 and not document.limited


def test_a_re_exported_pdf_with_the_same_text_is_no_change(reader: DocumentReader) -> None:
    first = text_of(reader.read(make_pdf(STRATEGY)))
    again = text_of(reader.read(make_pdf(STRATEGY, size=24, margin=25, title="Ny export", page_per_section=False)))
    assert again.sha256 != first.sha256 and again.pages_read != first.pages_read  # other bytes, other pages
    assert again.fingerprint == first.fingerprint
    assert summarise(first.blocks, again.blocks).empty


def test_a_pdf_revised_in_place_says_what_changed(reader: DocumentReader) -> None:
    old = text_of(reader.read(make_pdf(STRATEGY)))
    new = text_of(reader.read(make_pdf(revised(STRATEGY))))
    assert new.fingerprint != old.fingerprint
    summary = summarise(old.blocks, new.blocks)
    assert summary.sections_added == ("Kontakt",)
    assert (summary.paragraphs_added, summary.paragraphs_removed, summary.paragraphs_rewritten) == (1, 1, 1)
    rewritten = next(change for change in summary.examples if change.action is Action.REWRITTEN)
    assert rewritten.section == "Mål"
    assert (Part.REMOVED, "tre") in rewritten.excerpt.parts and (Part.ADDED, "fyra") in rewritten.excerpt.parts


def test_an_encrypted_pdf_fails_with_a_reason(reader: DocumentReader) -> None:
    failed = failure_of(reader.read(make_pdf(STRATEGY, user_password="hemligt")))
    assert failed.failure is Failure.ENCRYPTED and "password" in failed.reason


def test_a_pdf_locked_only_against_editing_is_read(reader: DocumentReader) -> None:
    document = text_of(reader.read(make_pdf(STRATEGY, owner_password="ägare")))
    assert [block.text for block in document.blocks][:2] == [STRATEGY[0][0], STRATEGY[1][0]]


@pytest.mark.parametrize("kept", [0.5, 0.9, 0.995])
def test_a_truncated_pdf_fails_and_is_not_read_as_half_a_text(reader: DocumentReader, kept: float) -> None:
    body = make_pdf(STRATEGY)
    failed = failure_of(reader.read(body[: int(len(body) * kept)]))
    assert failed.failure is Failure.DAMAGED and "truncated" in failed.reason


def test_a_scanned_pdf_is_compared_by_its_bytes(reader: DocumentReader) -> None:
    body = scanned_pdf()
    document = text_of(reader.read(body))
    assert not document.has_text and document.text_sha256 == ""
    assert document.fingerprint == f"bytes:{document.sha256}"
    assert document.metadata.pages == 1


def test_a_long_pdf_is_read_up_to_the_page_limit_and_says_so(reader: DocumentReader) -> None:
    document = text_of(reader.read(long_pdf(500)))
    assert (document.metadata.pages, document.pages_read, document.limited) == (500, 40, True)
    text = " ".join(block.text for block in document.blocks)
    assert "ort 40 gäller" in text and "ort 41 gäller" not in text


def test_a_pdf_decompression_bomb_fails_that_document_only(reader: DocumentReader) -> None:
    failed = failure_of(reader.read(pdf_bomb(120)))
    assert failed.failure is Failure.HOSTILE and "limit" in failed.reason
    assert text_of(reader.read(make_pdf(STRATEGY))).has_text  # the reader goes on


def test_a_page_tree_that_loops_fails_that_document_only(reader: DocumentReader) -> None:
    failed = failure_of(reader.read(looping_pdf()))
    assert failed.failure is Failure.HOSTILE and "loops" in failed.reason
    assert text_of(reader.read(make_pdf(STRATEGY))).has_text


def test_a_document_that_needs_too_much_memory_fails_and_the_next_is_read() -> None:
    # under pypdf's own 75 MB limit, over the reader's address space: the child's RLIMIT_AS stops it
    with DocumentReader(DocumentSettings(max_memory=128)) as small:
        failed = failure_of(small.read(pdf_bomb(70)))
        assert failed.failure is Failure.MEMORY and "128 MB" in failed.reason
        assert text_of(small.read(make_pdf(STRATEGY))).has_text


def test_a_document_that_takes_too_long_fails_with_a_timeout() -> None:
    with DocumentReader(DocumentSettings(timeout=0.001)) as hasty:
        failed = failure_of(hasty.read(make_pdf(STRATEGY)))
    assert failed.failure is Failure.TIMEOUT and "0.001 s" in failed.reason


def test_a_reader_process_that_died_is_replaced() -> None:
    with DocumentReader() as fresh:
        assert text_of(fresh.read(make_docx(STRATEGY))).has_text
        child = fresh._child
        assert child is not None
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert text_of(fresh.read(make_docx(STRATEGY))).has_text


def test_a_document_larger_than_the_limit_is_not_read() -> None:
    with DocumentReader(DocumentSettings(max_bytes=1000)) as strict:
        failed = failure_of(strict.read(make_pdf(STRATEGY)))
    assert failed.failure is Failure.TOO_LARGE and "limit" in failed.reason


# -- the body decides, not the header ---------------------------------------------------------------------


def test_a_pdf_served_as_html_without_an_extension_is_read(reader: DocumentReader) -> None:
    body = make_pdf(STRATEGY)
    url, content_type = "https://exempelby.se/download/18.5f3a/1700000000000", "text/html; charset=utf-8"
    assert recognise(body, url=url, content_type=content_type).kind is DocumentKind.PDF
    document = text_of(reader.read(body, url=url, content_type=content_type))
    assert document.kind is DocumentKind.PDF and document.has_text


def test_a_docx_served_as_a_pdf_is_read_as_a_docx(reader: DocumentReader) -> None:
    body = make_docx(STRATEGY)
    recognition = recognise(body, url="https://exempelby.se/strategi.pdf", content_type="application/pdf")
    assert (recognition.kind, recognition.claimed, recognition.mislabelled) == (
        DocumentKind.DOCX,
        DocumentKind.PDF,
        True,
    )
    assert text_of(reader.read(body, url="https://exempelby.se/strategi.pdf")).kind is DocumentKind.DOCX


@pytest.mark.parametrize(
    ("body", "failure", "words"),
    [
        (b"<!DOCTYPE html><title>Sidan finns inte</title><p>404", Failure.NOT_A_DOCUMENT, "an HTML page"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), Failure.UNSUPPORTED, "old binary format"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), Failure.NOT_A_DOCUMENT, "an image"),
        (b"", Failure.DAMAGED, "empty"),
    ],
)
def test_what_is_not_a_readable_document_says_what_it_is(
    reader: DocumentReader, body: bytes, failure: Failure, words: str
) -> None:
    failed = failure_of(reader.read(body, url="https://exempelby.se/strategi.pdf"))
    assert failed.failure is failure and words in failed.reason
    assert failed.kind is DocumentKind.PDF  # what the link claimed


def test_a_docx_and_an_odt_are_told_apart_by_their_content() -> None:
    assert recognise(make_docx(STRATEGY)).kind is DocumentKind.DOCX
    assert recognise(make_odt(STRATEGY)).kind is DocumentKind.ODT
    spreadsheet = io.BytesIO()
    with zipfile.ZipFile(spreadsheet, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert recognise(spreadsheet.getvalue()).failure is Failure.UNSUPPORTED


# -- DOCX and ODT -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_docx_and_odt_read_as_headings_and_paragraphs(reader: DocumentReader, make: object) -> None:
    assert callable(make)
    document = text_of(reader.read(make(STRATEGY)))
    assert [(block.text, block.heading) for block in document.blocks][: len(STRATEGY)] == STRATEGY
    assert document.metadata.title == "Internationell strategi"


def test_docx_metadata(reader: DocumentReader) -> None:
    document = text_of(reader.read(make_docx(STRATEGY)))
    assert document.metadata.author == "Kommunstyrelsen"
    assert document.metadata.created is not None and document.metadata.created.year == 2025
    assert [block.text for block in document.blocks][-2:] == ["Vänort", "Land"]  # table cells are text too


@pytest.mark.parametrize(
    ("make", "again"),
    [
        (make_docx, lambda blocks: make_docx(blocks, modified=datetime(2026, 1, 1))),
        (make_odt, lambda blocks: make_odt(blocks, generator="annan export")),
    ],
    ids=["docx", "odt"],
)
def test_docx_and_odt_saved_again_with_the_same_text_are_no_change(
    reader: DocumentReader, make: object, again: object
) -> None:
    assert callable(make) and callable(again)
    first, second = text_of(reader.read(make(STRATEGY))), text_of(reader.read(again(STRATEGY)))
    assert first.sha256 != second.sha256
    assert first.fingerprint == second.fingerprint


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_docx_and_odt_revised_in_place_say_what_changed(reader: DocumentReader, make: object) -> None:
    assert callable(make)
    old, new = text_of(reader.read(make(STRATEGY))), text_of(reader.read(make(revised(STRATEGY))))
    summary = summarise(old.blocks, new.blocks)
    assert summary.sections_added == ("Kontakt",)
    assert (summary.paragraphs_removed, summary.paragraphs_rewritten) == (1, 1)


@pytest.mark.parametrize("make", [make_docx, make_odt], ids=["docx", "odt"])
def test_truncated_docx_and_odt_fail_with_a_reason(reader: DocumentReader, make: object) -> None:
    assert callable(make)
    body = make(STRATEGY)
    failed = failure_of(reader.read(body[: len(body) * 2 // 3]))
    assert failed.failure is Failure.DAMAGED and "truncated" in failed.reason
    assert failed.kind is recognise(body).kind  # still known for what it was


def test_a_long_docx_is_read_up_to_the_limit_and_says_so() -> None:
    blocks = [(f"Avtal nummer {n} med en partnerort om skolutbyte och kultur. " * 10, False) for n in range(200)]
    with DocumentReader(DocumentSettings(max_pages=2)) as short:
        document = text_of(short.read(make_docx(blocks)))
    assert document.limited and 0 < len(document.blocks) < 200
    assert document.blocks[0].text.startswith("Avtal nummer 0 ")


def test_a_web_page_that_mentions_pdf_is_not_taken_for_one() -> None:
    body = b"<!DOCTYPE html><p>Filer som b\xc3\xb6rjar med %PDF- \xc3\xa4r PDF-dokument.</p>"
    assert recognise(body, url="https://exempelby.se/strategi.pdf").failure is Failure.NOT_A_DOCUMENT


def test_a_zip_bomb_in_a_docx_fails_that_document_only() -> None:
    with DocumentReader(DocumentSettings(max_memory=192)) as small:
        failed = failure_of(small.read(zip_bomb_docx(100)))
        assert failed.failure is Failure.HOSTILE and "zip bomb" in failed.reason
        assert text_of(small.read(make_docx(STRATEGY))).has_text


# -- a re-export's running header is no change -------------------------------------------------------------

PLAN = [
    "Handlingsplan för internationellt arbete 2026",
    "Kommunen deltar i två EU-projekt om skola och klimat och tar emot en delegation från vänorten.",
    "Beslutad av kommunstyrelsen 2025-11-18.",
]


def stamped_pdf(paragraphs: list[str], stamp: str, *, size: float = 11, margin: float = 20, pages: int = 1) -> bytes:
    """A plan whose header says when it was printed (``stamp``), "Sida N av M" below; each page has the paragraphs,
    from the second on as "Del N. …"."""

    class Printed(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=8)
            self.cell(0, 8, stamp, new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", size=8)
            self.cell(0, 10, f"Sida {self.page_no()} av {{nb}}", align="C")

    pdf = Printed()
    pdf.set_margins(margin, margin)
    for number in range(1, pages + 1):
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.set_font("helvetica", size=size)
            pdf.multi_cell(0, size * 0.45, paragraph if number == 1 else f"Del {number}. {paragraph}")
            pdf.ln(size * 0.4)
    return bytes(pdf.output())


@pytest.mark.parametrize("pages", [1, 3])
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Utskriven 2026-12-03", "Utskriven 2026-12-04"),
        ("Handlingsplan - utskrift 03.12.2026 kl. 10:15", "Handlingsplan - utskrift 04.12.2026 kl. 08:02"),
        ("Printed on 3 December 2026", "Printed on 4 December 2026"),
        ("2026-12-03 10:15", "2026-12-04 08:02"),
    ],
)
def test_a_reexport_with_a_new_print_stamp_is_the_same_text(
    reader: DocumentReader, before: str, after: str, pages: int
) -> None:
    old = text_of(reader.read(stamped_pdf(PLAN, before, pages=pages)))
    new = text_of(reader.read(stamped_pdf(PLAN, after, size=10, margin=28, pages=pages)))
    assert old.sha256 != new.sha256 and old.fingerprint == new.fingerprint
    text = " ".join(block.text for block in new.blocks)
    assert "Beslutad av kommunstyrelsen 2025-11-18." in text and "Utskriven" not in text and "10:15" not in text


def test_a_changed_date_in_the_text_is_still_a_change(reader: DocumentReader) -> None:
    old = text_of(reader.read(stamped_pdf(PLAN, "Utskriven 2026-12-03")))
    decided = [*PLAN[:2], "Beslutad av kommunstyrelsen 2026-11-18."]
    new = text_of(reader.read(stamped_pdf(decided, "Utskriven 2026-12-04")))
    assert old.fingerprint != new.fingerprint
    # ...and so is a header that is no stamp: a single page keeps it as text
    titled = text_of(reader.read(stamped_pdf(PLAN, "Exempelby kommun, kommunstyrelsen")))
    renamed = text_of(reader.read(stamped_pdf(PLAN, "Exempelby kommun, kommunfullmäktige")))
    assert titled.fingerprint != renamed.fingerprint


def test_documents_are_read_in_parallel_by_a_pool_of_readers() -> None:
    """While one reader is stuck on a document (its child stopped), the next document is read by another; a
    pool used one document at a time starts one child only."""
    with DocumentReaders(DocumentSettings(), size=2) as pool:
        assert text_of(pool.read(make_pdf(STRATEGY))).has_text
        assert text_of(pool.read(make_docx(STRATEGY))).has_text
        assert pool.started == 1  # the warm reader was used again
        first = pool._readers[0]._child
        assert first is not None
        os.kill(first.pid, signal.SIGSTOP)
        try:
            stuck: list[Reading] = []
            waiting = threading.Thread(target=lambda: stuck.append(pool.read(make_pdf(STRATEGY))))
            waiting.start()
            while pool._idle.qsize() != 1:  # the thread has taken the stopped reader
                waiting.join(0.01)
            assert text_of(pool.read(make_odt(STRATEGY))).has_text
            assert waiting.is_alive() and pool.started == 2
        finally:
            os.kill(first.pid, signal.SIGCONT)
        waiting.join()
        assert text_of(stuck[0]).has_text
