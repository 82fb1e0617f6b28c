"""Document reading benchmark (crawler/documents): time to read a text PDF, and the reader child's memory.

Writes its documents itself (fpdf2, python-docx, Pillow noise images that do not compress), then:

- reads a 100-page text PDF (about 2,500 characters a page, headings, running header and page numbers)
  through a warm :class:`~crawler.documents.reader.DocumentReader`: median seconds over ``--runs``, beside
  the same reading in this process (no pipe, no pickles) to show what the child costs;
- the reader child's peak resident memory (``ru_maxrss``, a fresh child per document) on the largest
  documents: a ~30 MB PDF of scanned-looking pages with a text layer, a ~30 MB DOCX with pictures, and a
  1,000-page text PDF that the page limit bounds.

With ``--crawl``, the crawl figures instead: the simulated web of ``--sites`` municipalities, each page
linking ``--per-page`` PDFs of about ``--doc-kb`` KB on its own host, crawled by `kommunvakt crawl` with
``[documents]`` on and off: the first night and an unchanged night (pages and documents answer 304) of each,
and the database's growth per unchanged night per document.

Targets (issue 15): a 100-page text PDF under 2 s; the reader's peak memory under 250 MB; an unchanged night
with documents under 5 % slower than the pages alone; database growth under 200 bytes per unchanged night
per document. Timings on a shared, loaded machine inflate; the load average is printed beside them. Run:
``python benchmarks/documents.py [--runs N]`` or ``python benchmarks/documents.py --crawl [--sites 290]``.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import tempfile
import textwrap
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import docx
from docx.shared import Cm
from fpdf import FPDF
from PIL import Image

from crawler.documents.read import read_document
from crawler.documents.reader import DocumentReader
from crawler.documents.result import DocumentText, Reading
from crawler.documents.settings import DocumentSettings

TARGET_SECONDS = 2.0
TARGET_PEAK_MB = 250.0
_WORDS = [
    "kommunen",
    "internationella",
    "arbetet",
    "vänorter",
    "samarbete",
    "Europeiska",
    "unionen",
    "projekt",
    "utbyte",
    "skolor",
    "kultur",
    "näringsliv",
    "strategin",
    "mål",
    "uppföljning",
    "förvaltningar",
    "ansvar",
    "medarbetare",
    "kompetensutveckling",
    "regionen",
    "hållbar",
    "utveckling",
    "ungdomar",
    "föreningar",
    "avtal",
    "partnerorter",
    "finansiering",
    "ansökan",
    "stöd",
]


def _paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _prose_page(pdf: FPDF, rng: random.Random, number: int) -> None:
    """One page of a report: a numbered heading and five paragraphs."""
    pdf.add_page()
    pdf.set_font("helvetica", "B", 15)
    pdf.cell(0, 10, f"{number}. {rng.choice(_WORDS).capitalize()} och {rng.choice(_WORDS)}", new_x="LMARGIN")
    pdf.ln(12)
    pdf.set_font("helvetica", size=10)
    for _ in range(5):
        for line in textwrap.wrap(_paragraph(rng, 75), 95):
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)


def text_pdf(pages: int, *, seed: int = 1) -> bytes:
    """``pages`` pages of prose with a heading each, a running header and "Sida N" footers; lines are
    wrapped here and set with ``cell`` (fpdf2's ``multi_cell`` takes seconds for a hundred pages)."""
    rng = random.Random(seed)

    class Plan(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=8)
            self.cell(0, 6, "Handlingsplan för internationellt arbete 2025", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", size=8)
            self.cell(0, 10, f"Sida {self.page_no()}", align="C")

    pdf = Plan()
    pdf.set_auto_page_break(False)
    for number in range(1, pages + 1):
        _prose_page(pdf, rng, number)
    return bytes(pdf.output())


def report_pdf(kilobytes: int, *, seed: int = 1, text_pages: int = 20) -> bytes:
    """A report as municipalities publish them: ``text_pages`` pages of prose, then photos with captions up to
    about ``kilobytes`` (pictures that do not compress, so the size is the download's)."""
    rng = random.Random(seed)
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for number in range(1, text_pages + 1):
        _prose_page(pdf, rng, number)
    size = text_pages * 1700  # about what a page of prose takes, compressed
    photo = 0
    while size < kilobytes * 1000 - 150_000:
        photo += 1
        picture = _noise_jpeg(rng, 420)
        size += len(picture)
        pdf.add_page()
        pdf.image(io.BytesIO(picture), x=10, y=20, w=190)
        pdf.set_y(230)
        pdf.multi_cell(0, 5, f"Bild {photo}. " + _paragraph(rng, 30))
    return bytes(pdf.output())


def _noise_jpeg(rng: random.Random, side: int) -> bytes:
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def image_pdf(megabytes: int) -> bytes:
    """Pages that are each a large photo with a caption: ``megabytes`` of pictures, little text."""
    rng = random.Random(2)
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    size = 0
    number = 0
    while size < megabytes * 1_000_000 - 1_500_000:  # the last picture brings it to about ``megabytes``
        number += 1
        picture = _noise_jpeg(rng, 1100)
        size += len(picture)
        pdf.add_page()
        pdf.image(io.BytesIO(picture), x=10, y=20, w=190)
        pdf.set_y(230)
        pdf.multi_cell(0, 5, f"Bild {number}. " + _paragraph(rng, 60))
    return bytes(pdf.output())


def image_docx(megabytes: int) -> bytes:
    rng = random.Random(3)
    document = docx.Document()
    document.add_heading("Rapport från utbytet", level=1)
    size = 0
    while size < megabytes * 1_000_000 - 1_500_000:
        picture = _noise_jpeg(rng, 1100)
        size += len(picture)
        document.add_paragraph(_paragraph(rng, 80))
        document.add_picture(io.BytesIO(picture), width=Cm(15))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _timed(call: Callable[[], Reading], runs: int) -> tuple[float, Reading]:
    times = []
    result: Reading | None = None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def _describe(reading: Reading) -> str:
    if isinstance(reading, DocumentText):
        limited = ", limited by max_pages" if reading.limited else ""
        return f"{reading.pages_read} pages read of {reading.metadata.pages}, {len(reading.blocks)} blocks{limited}"
    return f"unreadable: {reading.reason}"


def _linking(content: Any, *, links: tuple[Any, ...]) -> Any:
    """The page content linking ``links`` instead of its own documents."""
    from dataclasses import replace

    return replace(content, documents=links)


def crawl_figures(
    sites: int, per_page: int, doc_kb: int, latency: float, repeat: int, reports: tuple[int, int] | None = None
) -> None:
    """An unchanged night with documents against the pages alone, and the database's growth per document.
    ``reports``: documents of 20 text pages and photos, their sizes spread from the first to the second KB
    figure, instead of text PDFs of ``doc_kb``."""

    from crawl import db_bytes, measured  # benchmarks/crawl.py, beside this file

    from simweb.municipal import SimulatedWeb
    from simweb.municipal.content import DocLink

    if reports is not None:
        low, high = reports
        sizes = [low + (high - low) * k // max(1, per_page - 1) for k in range(per_page)]
        bodies = [report_pdf(kb, seed=seed) for seed, kb in enumerate(sizes)]
        kind = f"reports of 20 text pages and photos, {low}–{high} KB"
    else:
        pages = max(1, doc_kb * 10 // 17)  # text_pdf writes about 1.7 KB (compressed) a page
        bodies = [text_pdf(pages, seed=seed) for seed in range(per_page)]  # other URLs, the same few bodies
        kind = f"~{doc_kb} KB, {pages} pages"
    with tempfile.TemporaryDirectory() as tmp, SimulatedWeb.municipalities(n=sites, latency=latency) as web:
        work = Path(tmp)
        for site_id in web.site_ids:
            links = tuple(DocLink(f"Plan {k}", f"/dokument/plan-{k}.pdf", "pdf") for k in range(per_page))
            web.edit(site_id, partial(_linking, links=links))
            for k, body in enumerate(bodies):
                web.put_file(site_id, f"/dokument/plan-{k}.pdf", body)
        web.warm()
        sites_file = web.write_sites_file(work / "sites.yaml")
        config = '[crawl]\ncontact = "bench@example.se"\n[documents]\nenabled = {}\n'
        figures: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
        for run in range(repeat):
            for documents in (False, True):
                folder = work / f"{documents}-{run}"
                folder.mkdir()
                (folder / "kommunvakt.toml").write_text(config.format(str(documents).lower()))
                db = folder / "k.db"
                command = ["kommunvakt", "crawl", "--sites", str(sites_file), "--db", str(db), "-q"]
                first = measured(command, folder)
                size_first = db_bytes(db)
                unchanged = measured(command, folder)
                again = measured(command, folder)
                size_third = db_bytes(db)
                figures[documents].append(
                    {
                        "first": first["seconds"],
                        "unchanged": min(unchanged["seconds"], again["seconds"]),
                        "peak_mb": max(first["maxrss_kb"], unchanged["maxrss_kb"]) / 1024,
                        "pss_mb": max(first["pss_kb"], unchanged["pss_kb"]) / 1024,
                        "first_cpu": first["cpu_s"],
                        "unchanged_cpu": min(unchanged["cpu_s"], again["cpu_s"]),
                        "parts": max(first, unchanged, key=lambda m: m["maxrss_kb"])["parts_kb"],
                        "growth": (size_third - size_first) / 2,
                        "first_bytes": size_first,
                    }
                )

    def median(documents: bool, key: str) -> float:
        return statistics.median(f[key] for f in figures[documents])

    count = sites * per_page
    print(f"load average (1 min): {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(
        f"simulated web: {sites} pages, {per_page} PDFs each ({count} documents: {kind}; "
        f"{sum(map(len, bodies)) / len(bodies) / 1e6:.2f} MB on average), "
        f"{latency * 1000:.0f} ms latency; median of {repeat} runs"
    )
    for documents in (False, True):
        name = "pages and documents" if documents else "pages alone        "
        parts = " + ".join(f"{kb / 1024:.0f}" for kb in figures[documents][-1]["parts"])
        first_s, first_cpu = median(documents, "first"), median(documents, "first_cpu")
        quiet, quiet_cpu = median(documents, "unchanged"), median(documents, "unchanged_cpu")
        peak, pss = median(documents, "peak_mb"), median(documents, "pss_mb")
        print(
            f"  {name}  first night {first_s:6.2f} s ({first_cpu:.1f} s CPU)   unchanged night {quiet:6.2f} s "
            f"({quiet_cpu:.1f} s CPU)   peak {peak:6.1f} MB summed RSS ({parts}), {pss:.1f} MB PSS "
            f"(target < {TARGET_PEAK_MB:.0f} MB)"
        )
    extra = median(True, "unchanged") / median(False, "unchanged") - 1
    print(f"  an unchanged night with documents costs {extra * 100:+.1f} % (target < +5 %)")
    growth = (median(True, "growth") - median(False, "growth")) / count
    print(f"  database growth per unchanged night per document: {growth:.0f} bytes (target < 200)")
    stored = (median(True, "first_bytes") - median(False, "first_bytes")) / count
    print(f"  database bytes per document after the first night: {stored:,.0f} (its text, compressed, and metadata)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="reads of the 100-page PDF; the figure is the median")
    parser.add_argument("--megabytes", type=int, default=29, help="size of the largest documents (limit: 30)")
    parser.add_argument("--crawl", action="store_true", help="the crawl figures instead of the reading ones")
    parser.add_argument("--sites", type=int, default=290, help="--crawl: municipalities")
    parser.add_argument("--per-page", type=int, default=5, help="--crawl: documents each page links")
    parser.add_argument("--doc-kb", type=int, default=1000, help="--crawl: size of each document")
    parser.add_argument("--latency", type=float, default=0.1, help="--crawl: the server's latency in seconds")
    parser.add_argument("--repeat", type=int, default=1, help="--crawl: runs; the figures are medians")
    parser.add_argument(
        "--reports",
        metavar="LOW-HIGH",
        help="--crawl: documents of 20 text pages and photos, sized LOW to HIGH KB (the issue's 1000-3000)",
    )
    args = parser.parse_args()
    if args.crawl:
        reports = tuple(int(kb) for kb in args.reports.split("-", 1)) if args.reports else None
        crawl_figures(args.sites, args.per_page, args.doc_kb, args.latency, args.repeat, reports)  # type: ignore[arg-type]
        return
    settings = DocumentSettings()

    hundred = text_pdf(100)
    load_before = os.getloadavg()
    cpu: list[float] = []
    with DocumentReader(settings) as reader:
        reader.read(b"%PDF-1.7\n%%EOF\n")  # start the child outside the measured reads

        def in_child() -> Reading:
            result = reader.read(hundred)
            cpu.append(reader.last_cpu_seconds)
            return result

        child_median, reading = _timed(in_child, args.runs)
    local_median, _ = _timed(lambda: read_document(hundred, settings), args.runs)
    load_after = os.getloadavg()
    print(f"load average (1 min) before/after: {load_before[0]:.2f} / {load_after[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"100-page text PDF ({len(hundred) / 1e6:.1f} MB): {_describe(reading)}")
    print(f"  read in the reader child   median {child_median:.2f} s   (target < {TARGET_SECONDS:.0f} s)")
    print(
        f"  of which the child's CPU   median {statistics.median(cpu):.2f} s   (what load elsewhere does not inflate)"
    )
    print(f"  read in this process       median {local_median:.2f} s   (no pipe, no child)")

    largest = {
        f"PDF of photos with captions, {args.megabytes} MB": image_pdf(args.megabytes),
        f"DOCX with pictures, {args.megabytes} MB": image_docx(args.megabytes),
        "text PDF of 1,000 pages": text_pdf(1000, seed=4),
    }
    print(f"reader child peak memory, a fresh child per document (target < {TARGET_PEAK_MB:.0f} MB):")
    for name, body in largest.items():
        with DocumentReader(settings) as reader:
            start = time.perf_counter()
            reading = reader.read(body)
            seconds = time.perf_counter() - start
            peak = reader.peak_memory_kb / 1024
        print(f"  {name:<40} {len(body) / 1e6:5.1f} MB  peak {peak:6.1f} MB  {seconds:5.1f} s  {_describe(reading)}")


if __name__ == "__main__":
    main()
