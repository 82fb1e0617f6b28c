"""Documents the tests write themselves (fpdf2, python-docx, odfpy): a strategy in three formats, a revision of it,
a scan, a long file. Shared by the reading tests and the crawl's document tests."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
from fpdf import FPDF
from odf import dc
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from PIL import Image, ImageDraw

Blocks = list[tuple[str, bool]]  # (text, is a heading)

STRATEGY: Blocks = [
    ("Syfte", True),
    (
        "Strategin beskriver hur kommunen arbetar med internationella frågor och varför det internationella "
        "arbetet stärker kommunens utveckling, näringsliv, skola och kultur. Den gäller för alla förvaltningar "
        "och bolag och ska läsas tillsammans med kommunens mål och budget.",
        False,
    ),
    (
        "Arbetet utgår från de globala målen för hållbar utveckling och från regionens strategi för "
        "internationalisering, som kommunen har ställt sig bakom.",
        False,
    ),
    ("Mål", True),
    (
        "Kommunen ska ha tre aktiva vänorter i Europa och delta i minst två projekt med stöd från Europeiska "
        "unionen varje år. Elever i grundskolan ska få möjlighet att delta i utbyten med skolor i andra länder.",
        False,
    ),
    (
        "Kommunens medarbetare ska kunna söka stöd för studiebesök och kompetensutveckling i andra länder, "
        "och erfarenheterna ska spridas i organisationen.",
        False,
    ),
    ("Ansvar och uppföljning", True),
    (
        "Kommunstyrelsen ansvarar för strategin. Varje förvaltning redovisar sitt internationella arbete i "
        "verksamhetsberättelsen, och strategin följs upp vart fjärde år.",
        False,
    ),
]


def revised(blocks: Blocks) -> Blocks:
    """The strategy revised in place: a goal changed, a paragraph removed and a section added."""
    out = [(text.replace("tre aktiva vänorter", "fyra aktiva vänorter"), heading) for text, heading in blocks]
    out = [block for block in out if not block[0].startswith("Arbetet utgår")]
    return [*out, ("Kontakt", True), ("Frågor om strategin besvaras av kommunens internationella samordnare.", False)]


# -- writing documents ------------------------------------------------------------------------------------


def make_pdf(
    blocks: Blocks,
    *,
    size: float = 11,
    margin: float = 20,
    title: str = "Internationell strategi",
    user_password: str | None = None,
    owner_password: str | None = None,
    page_per_section: bool = True,
) -> bytes:
    """A PDF with a running header and "Sida N av M" footers; each section starts a page, or the text flows."""

    class Strategy(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=8)
            self.cell(0, 8, "Internationell strategi 2025-2028, Exempelby kommun", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", size=8)
            self.cell(0, 10, f"Sida {self.page_no()} av {{nb}}", align="C")

    pdf = Strategy()
    pdf.set_margins(margin, margin)
    pdf.set_title(title)
    pdf.set_author("Kommunstyrelsen")
    pdf.set_creation_date(datetime(2025, 3, 1, 9, 0, tzinfo=UTC))
    if user_password is not None or owner_password is not None:
        pdf.set_encryption(owner_password=owner_password or "ägare", user_password=user_password or "")
    for text, heading in blocks:
        if heading:
            if page_per_section or pdf.page == 0:
                pdf.add_page()
            pdf.set_font("helvetica", "B", size * 1.5)
            pdf.multi_cell(0, size * 0.6, text)
            pdf.ln(size * 0.4)
        else:
            pdf.set_font("helvetica", size=size)
            pdf.multi_cell(0, size * 0.45, text)
            pdf.ln(size * 0.4)
    return bytes(pdf.output())


def make_docx(blocks: Blocks, *, modified: datetime | None = None) -> bytes:
    document = docx.Document()
    document.core_properties.title = "Internationell strategi"
    document.core_properties.author = "Kommunstyrelsen"
    document.core_properties.created = datetime(2025, 3, 1, 9, 0)
    document.core_properties.modified = modified or datetime(2025, 3, 2, 9, 0)
    for text, heading in blocks:
        if heading:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Vänort"
    table.cell(0, 1).text = "Land"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(blocks: Blocks, *, generator: str = "kommunvakt-test") -> bytes:
    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text="Internationell strategi"))
    document.meta.addElement(dc.Creator(text=generator))
    for text, heading in blocks:
        document.text.addElement(H(outlinelevel=1, text=text) if heading else P(text=text))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it."""
    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for row in range(20):
        draw.rectangle((50, 40 + row * 35, 550 - (row % 4) * 60, 55 + row * 35), fill=30)
    png = io.BytesIO()
    image.save(png, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(png, x=10, y=10, w=190)
    return bytes(pdf.output())


def long_pdf(pages: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 8, f"Partnerort nummer {number} har ett avtal om skolutbyte.", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 8, f"Avtalet med ort {number} gäller från år {1990 + number % 30}.")
    return bytes(pdf.output())
