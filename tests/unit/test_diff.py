"""diff_records: the change vocabulary, identity rules, no double reporting, noise immunity."""

from __future__ import annotations

from crawler.diff import diff_records, word_diff
from crawler.extract import extract_record
from crawler.record import Block, Change, Contact, Document, PageRecord
from crawler.vocab import CHANGE_KINDS

ISAK = Contact("Isak Johansson", "Internationell samordnare", "isak.johansson@trollhattan.se", "+46520496094")
SARA = Contact("Sara Lind", "Internationell samordnare", "sara.lind@trollhattan.se", "+46520497000")
STRATEGY = Document("https://www.amal.se/download/strategi.pdf", "Internationell strategi för Åmåls kommun")
BLOCKS = (
    Block("p", "Trollhättans stad bedriver sedan länge ett aktivt internationellt arbete."),
    Block("li", "Verksamhets-och kompetensutveckling"),
    Block("li", "Näringslivsutveckling"),
    Block("h", "Kontakt"),
)
BASE = PageRecord(
    url="https://www.trollhattan.se/int/",
    title="Internationellt arbete",
    blocks=BLOCKS,
    review_date="2024-05-17",
    reviewer="ANDGLE",
    contacts=(ISAK,),
    documents=(STRATEGY,),
)


def _with(**changes: object) -> PageRecord:
    data = {**BASE.__dict__, **changes}
    return PageRecord(**data)  # type: ignore[arg-type]


def test_identical_records_have_no_changes() -> None:
    assert diff_records(BASE, _with()) == []


def test_replaced_coordinator_is_removed_plus_added_only() -> None:
    new = _with(contacts=(SARA,), blocks=(*BLOCKS, Block("p", "Sara Lind")))
    assert diff_records(BASE, new) == [
        Change("contact_added", None, SARA.as_json()),
        Change("contact_removed", ISAK.as_json(), None),
    ]


def test_same_person_new_phone_is_contact_changed() -> None:
    moved = Contact(ISAK.name, ISAK.role, ISAK.email, "+46520496100")
    assert diff_records(BASE, _with(contacts=(moved,))) == [Change("contact_changed", ISAK.as_json(), moved.as_json())]


def test_identity_by_name_when_no_email() -> None:
    old = Contact("Birgitta Berg", "Internationell samordnare")
    new = Contact("Birgitta Berg", "Internationell samordnare", "birgitta.berg@eskilstuna.se")
    changes = diff_records(_with(contacts=(old,)), _with(contacts=(new,)))
    assert [c.kind for c in changes] == ["contact_changed"]


def test_review_date_and_documents() -> None:
    new_doc = Document("https://www.amal.se/download/strategi-2025.pdf", "Strategi 2025")
    changes = diff_records(BASE, _with(review_date="2024-09-02", documents=(new_doc,)))
    assert changes == [
        Change("review_date_changed", "2024-05-17", "2024-09-02"),
        Change("document_added", None, new_doc.as_json()),
        Change("document_removed", STRATEGY.as_json(), None),
    ]
    assert diff_records(BASE, _with(review_date=None)) == [Change("review_date_changed", "2024-05-17", None)]


def test_document_identity_ignores_tracking_params() -> None:
    tracked = Document(STRATEGY.url + "?utm_source=nyhetsbrev&v=2", STRATEGY.title)
    assert diff_records(BASE, _with(documents=(tracked,))) == []


def test_a_document_renamed_at_the_same_url_is_removed_plus_added() -> None:
    """A strategy replaced in place (same URL, new link text) must not go unseen; case and spacing are noise."""
    renamed = Document(STRATEGY.url, "Internationell strategi 2025–2028")
    assert diff_records(BASE, _with(documents=(renamed,))) == [
        Change("document_added", None, renamed.as_json()),
        Change("document_removed", STRATEGY.as_json(), None),
    ]
    respelled = Document(STRATEGY.url, "  INTERNATIONELL strategi  för Åmåls kommun ")
    assert diff_records(BASE, _with(documents=(respelled,))) == []


def test_one_text_change_for_all_rewritten_blocks() -> None:
    blocks = (
        Block("p", "Trollhättans stad bedriver sedan länge ett brett internationellt arbete."),
        BLOCKS[1],
        Block("li", "Hållbar samhällsutveckling"),
        BLOCKS[3],
    )
    (change,) = diff_records(BASE, _with(blocks=blocks))
    assert change.kind == "text_changed"
    assert change.old == f"{BLOCKS[0].text}\n\n{BLOCKS[2].text}"
    assert change.new == f"{blocks[0].text}\n\n{blocks[2].text}"
    assert ["-", "aktivt "] in change.detail and ["+", "brett "] in change.detail


def test_markup_only_changes_are_not_text_changes() -> None:
    split = (Block("p", "Trollhättans stad bedriver sedan länge"), Block("p", "ett aktivt internationellt arbete."))
    as_heading = (Block("h", BLOCKS[0].text), *BLOCKS[1:])
    assert diff_records(BASE, _with(blocks=(*split, *BLOCKS[1:]))) == []
    assert diff_records(BASE, _with(blocks=as_heading)) == []


def test_result_is_in_change_kinds_order() -> None:
    new = _with(title="Nytt", review_date="2025-01-01", contacts=(SARA,), blocks=BLOCKS[:2], documents=())
    kinds = [c.kind for c in diff_records(BASE, new)]
    assert kinds == sorted(kinds, key=CHANGE_KINDS.index)
    assert kinds == [
        "contact_added",
        "contact_removed",
        "review_date_changed",
        "document_removed",
        "title_changed",
        "text_changed",
    ]


def test_word_diff_shape_and_guard() -> None:
    assert word_diff("Kontakta Anna idag", "Kontakta Bo idag") == [
        ["=", "Kontakta "],
        ["-", "Anna "],
        ["+", "Bo "],
        ["=", "idag"],
    ]
    old = " ".join(f"ord{i}" for i in range(20000))
    new = " ".join(f"ord{i * 7}" for i in range(20000))
    assert word_diff(old, new) == [["-", old], ["+", new]]  # past the limit: the coarse two-part diff


PAGE = """<html><head><title>T</title><link href="/a.css?v={v}"></head><body>
<div class="news"><h2>Aktuellt</h2><ul><li>{news}</li></ul></div>
<input type="hidden" name="csrf" value="{csrf}">
<main><h1>Internationellt</h1>{wrap_open}<p>Kommunen   arbetar <{b}>internationellt</{b}>.</p>{wrap_close}
<div class="contact-card"><p>Anna Ek</p><p>Tel: {phone}</p><p>E-post: {email}</p></div>
<p><a href="/s.pdf?utm_source={utm}">Strategi (pdf 1 MB)</a></p></main></body></html>"""


def test_noise_is_not_a_change() -> None:
    """Whitespace, markup, tracking, CSRF, rotating news, phone format, e-mail case, encoding: no change."""
    v1 = PAGE.format(
        v=1, news="Ny lekplats", csrf="aa11", wrap_open="", wrap_close="", b="b", phone="0520-49 60 94",
        email="anna.ek@trollhattan.se", utm="a",
    )  # fmt: skip
    v2 = PAGE.format(
        v=2, news="Snöröjning pågår", csrf="bb22", wrap_open="<div><div>", wrap_close="</div></div>", b="strong",
        phone="+46 (0)520-49 60 94", email="Anna.Ek[at]Trollhattan.se", utm="b",
    )  # fmt: skip
    from crawler.extract import decode_html

    v2_decoded = decode_html(v2.encode("cp1252"), "text/html; charset=utf-8")
    old = extract_record(v1, "https://www.trollhattan.se/int/")
    new = extract_record(v2_decoded, "https://www.trollhattan.se/int/")
    assert old.contacts == (Contact("Anna Ek", None, "anna.ek@trollhattan.se", "+46520496094"),)
    assert diff_records(old, new) == []


def test_a_stamp_split_over_a_line_break_is_read_and_its_date_change_reported() -> None:
    """Extraction and the diff agree on what a stamp is: label and date on two lines of one paragraph are the
    review date (not prose that the diff would then hide), so a new date is reported, never swallowed."""
    page = "<html><body><main><h1>T</h1><p>Text.</p><p>Senast uppdaterad:<br>{date}</p></main></body></html>"
    old = extract_record(page.format(date="2024-05-17"), "https://www.amal.se/int/")
    new = extract_record(page.format(date="2024-06-01"), "https://www.amal.se/int/")
    assert (old.review_date, new.review_date) == ("2024-05-17", "2024-06-01")
    assert old.blocks == new.blocks == (Block("p", "Text."),)
    assert diff_records(old, new) == [Change("review_date_changed", "2024-05-17", "2024-06-01")]


def test_a_stored_record_with_the_stamp_as_prose_differs_in_review_date_only() -> None:
    """A record stored before extraction read such stamps holds it as a block: against a new record of the
    same page, only the review date is new."""
    page = "<html><body><main><h1>T</h1><p>Text.</p><p>Senast uppdaterad:<br>2024-05-17</p></main></body></html>"
    new = extract_record(page, "https://www.amal.se/int/")
    stored = PageRecord(new.url, new.title, (*new.blocks, Block("p", "Senast uppdaterad: 2024-05-17")))
    assert diff_records(stored, new) == [Change("review_date_changed", None, "2024-05-17")]


def test_docstring_examples() -> None:
    import doctest

    import crawler.diff
    import crawler.extract.contact_fields
    import crawler.extract.documents
    import crawler.extract.encoding
    import crawler.extract.failure
    import crawler.extract.reading
    import crawler.extract.reasons
    import crawler.extract.stamp
    import crawler.extract.text
    import crawler.extract.urls

    modules = (
        crawler.diff,
        crawler.extract.documents,
        crawler.extract.encoding,
        crawler.extract.failure,
        crawler.extract.contact_fields,
        crawler.extract.reading,
        crawler.extract.reasons,
        crawler.extract.stamp,
        crawler.extract.text,
        crawler.extract.urls,
    )
    for module in modules:
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def _sentence(phone: str, extra: str = "") -> PageRecord:
    text = f"Kontaktperson är Nils Berggren telefon {phone}.{extra}"
    number = "+46" + phone[1:].replace("-", "").replace(" ", "")
    return _with(blocks=(Block("p", text),), contacts=(Contact("Nils Berggren", None, None, number),))


def test_a_contact_changed_inside_a_sentence_is_not_also_a_text_change() -> None:
    """The sentence that names a contact restates it: a new number there is a contact change only, written in
    any of the forms a page uses; another word changed in the same sentence is still a text change."""
    for old, new in (("0456-12 34 56", "0456-12 34 99"), ("0456 - 12 34 56", "0456-123 499")):
        changes = diff_records(_sentence(old), _sentence(new))
        assert [c.kind for c in changes] == ["contact_changed"], (old, new)
    changes = diff_records(_sentence("0456-12 34 56"), _sentence("0456-12 34 99", " Ring helst på förmiddagen."))
    assert [c.kind for c in changes] == ["contact_changed", "text_changed"]
    assert changes[1].new == "Kontaktperson är Nils Berggren telefon 0456-12 34 99. Ring helst på förmiddagen."


def test_a_number_in_a_sentence_that_is_no_contact_still_counts() -> None:
    """Only what a contact of the record says is left out: a changed number nobody owns is a text change."""
    old = _with(blocks=(Block("p", "Bidraget är 12 500 kronor per projekt."),))
    new = _with(blocks=(Block("p", "Bidraget är 15 000 kronor per projekt."),))
    assert [c.kind for c in diff_records(old, new)] == ["text_changed"]
