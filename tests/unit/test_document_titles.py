"""Document links as real municipal pages write them: the title without size, type and window hints.

The link texts follow the "Documents" section of the shared real-page formats (titles written anew);
each is read through the whole extraction, in the markup that carries it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extract import extract_record
from crawler.extract.documents import is_hint_only, strip_size_hint

URL = "https://www.nybro.example/kommun/internationellt"
PAGE = "<html><body><main><h1>Internationellt arbete</h1><p>Kommunen samarbetar i Europa.</p>{}</main></body></html>"


def _p(text: str, href: str = "/d/strategi.pdf") -> str:
    return f'<p><a href="{href}">{text}</a></p>'


#: (id, markup of the link and what surrounds it, the title analysts should see)
LINKS = [
    ("type-and-size-with-period", _p("Internationell policy Pdf, 54.8 kB."), "Internationell policy"),
    ("type-glued-then-bracketed", _p("Vänortsavtal Eskilsvik – avtalsdokumentPDF (pdf, 135 kB)"),
     "Vänortsavtal Eskilsvik – avtalsdokument"),
    ("type-prefix-and-new-window", _p("pdf: Vänortsavtal Kalvik Pdf, 69.8 kB, öppnas i nytt fönster."),
     "Vänortsavtal Kalvik"),
    ("title-twice-then-hint", _p("Internationell strategi Internationell strategi pdf (pdf 606 KB)"),
     "Internationell strategi"),
    ("hint-in-sentence", '<p>Läs <a href="/d/r.pdf">Riktlinje för EU-arbete</a> (pdf, 95.2 kB), som antogs i år.</p>',
     "Riktlinje för EU-arbete"),
    ("two-on-one-line", '<p><a href="/d/flyer.pdf">Flyer (pdf)</a>    <a href="/d/rollup.pdf">Rollup (pdf)</a></p>',
     "Flyer"),
    ("opens-as-pdf", _p("Handlingsplan (öppnas i nytt fönster som pdf.)"), "Handlingsplan"),
    ("screen-reader-copy", _p('Slutrapport Erasmus+<span class="sr-only"> Slutrapport Erasmus+</span>'),
     "Slutrapport Erasmus+"),
    ("drupal-file-size-span",
     '<div class="field__item"><span class="file file--application-pdf">'
     '<a href="/d/p.pdf">Partnerskap 2025.pdf</a></span> <span class="file__size">(31 KB)</span></div>',
     "Partnerskap 2025.pdf"),
]  # fmt: skip


@pytest.mark.parametrize(("markup", "title"), [(m, t) for _, m, t in LINKS], ids=[i for i, _, _ in LINKS])
def test_document_title_as_analysts_read_it(markup: str, title: str) -> None:
    record = extract_record(PAGE.format(markup), URL)
    assert record.documents[0].title == title
    assert not any("kB" in b.text or "KB" in b.text for b in record.blocks), record.blocks


def test_a_size_hint_element_never_becomes_content() -> None:
    """A new version of the file changes its size: that must not read as a text change."""
    old = extract_record(PAGE.format(LINKS[-1][1]), URL)
    new = extract_record(PAGE.format(LINKS[-1][1].replace("(31 KB)", "(48 KB)")), URL)
    assert old == new


@pytest.mark.parametrize(
    "text", ["Läs mer i policy för internationellt arbete", "Mål 2020-2021", "EU-projekt 2 kap.", "Plan (utkast)"]
)
def test_ordinary_text_is_not_a_hint(text: str) -> None:
    assert not is_hint_only(text)
    assert strip_size_hint(text) in (text, text.rstrip("."))


_WORDS = st.sampled_from(
    ["Internationell", "strategi", "Vänortsavtal", "Handlingsplan", "EU-policy", "2025", "för", "Ekby", "kommun"]
)
_TITLES = (
    st.lists(_WORDS, min_size=1, max_size=6, unique=True).map(" ".join).filter(lambda t: not t.split()[-1].isdigit())
)
_HINTS = st.sampled_from(
    [
        "",
        " (pdf 606 KB)",
        " Pdf, 54.8 kB.",
        "PDF (pdf, 135 kB)",
        " (PDF, 1,2 MB)",
        " [pdf]",
        " (öppnas i nytt fönster)",
        " Pdf, 69.8 kB, öppnas i nytt fönster.",
        " (öppnas i nytt fönster som pdf.)",
        " pdf",
        " – 606 KB",
    ]
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(title=_TITLES, hint=_HINTS, prefix=st.sampled_from(["", "pdf: ", "PDF – "]), twice=st.booleans())
def test_any_decoration_of_a_title_reads_as_the_title(title: str, hint: str, prefix: str, twice: bool) -> None:
    text = f"{prefix}{title} {title}{hint}" if twice else f"{prefix}{title}{hint}"
    assert strip_size_hint(text) == title
