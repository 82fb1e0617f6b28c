"""Every contact layout and phone format that real municipal pages use.

One case per layout, in the markup such pages use (``<p>`` with ``<br>``, div blocks, ``ul``/``li``
bullets, tables, ``dl``), with invented names and numbers, each asserting the exact contacts of
the page. Negatives: fax, organisation numbers, dates, postcodes, placeholders, hidden addresses.
Properties: any valid Swedish number in any written format gives one E.164; a block's contacts do
not depend on how its lines are wrapped.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from crawler.extract import extract_record
from crawler.extract.contact_fields import find_phones, normalise_phone
from crawler.record import Block, Contact

URL = "https://www.exempel.se/internationellt/"
INTRO = "<p>Kommunen arbetar med internationella frågor och deltar i flera EU-projekt.</p>"


def page(body: str, *, before: str = INTRO) -> str:
    return f"<html><body><main><h1>Internationellt arbete</h1>{before}{body}</main></body></html>"


def contacts(body: str) -> tuple[Contact, ...]:
    return extract_record(page(body), URL).contacts


C = Contact
LAYOUTS: list[tuple[str, str, tuple[Contact, ...]]] = [
    # ---- labelled blocks
    (
        "labelled-name-role-telefon-epost-p-br",
        "<p>Anna Lind<br>Internationell samordnare<br>Telefon: 0520-49 60 94<br>E-post: anna.lind@exempel.se</p>",
        (C("Anna Lind", "Internationell samordnare", "anna.lind@exempel.se", "+46520496094"),),
    ),
    (
        "labelled-role-above-name-divs",
        '<div class="kontakt"><div>EU-strateg</div><div>Per Holm</div><div>Telefon: 0157-43 00 98</div>'
        "<div>E-post: per.holm@exempel.se</div></div>",
        (C("Per Holm", "EU-strateg", "per.holm@exempel.se", "+46157430098"),),
    ),
    (
        "labelled-role-colon-above-name-tfn",
        "<p>Internationell koordinator:<br>Sara Berg<br>Tfn: 0532-170 20</p>",
        (C("Sara Berg", "Internationell koordinator", None, "+4653217020"),),
    ),
    (
        "labelled-tel-and-mobil",
        "<p>Jonas Ek<br>Utvecklingsstrateg<br>Tel: 011-15 00 00<br>Mobil: 070-123 45 67</p>",
        (C("Jonas Ek", "Utvecklingsstrateg", None, "+4611150000"),),
    ),
    (
        "labelled-telefonnummer-dl",
        "<dl><dt>Lena Vik</dt><dd>Näringslivsutvecklare</dd><dd>Telefonnummer: 0470-410 00</dd></dl>",
        (C("Lena Vik", "Näringslivsutvecklare", None, "+4647041000"),),
    ),
    (
        "labelled-bilingual-telefon-phone-epost-email",
        "<p>Maria Sund<br>International coordinator<br>Telefon/Phone: 019-21 10 00<br>"
        "E-post/Email: maria.sund@exempel.se</p>",
        (C("Maria Sund", "International coordinator", "maria.sund@exempel.se", "+4619211000"),),
    ),
    (
        "labelled-english-phone-email-plus46-0",
        "<p>Erik Dahl<br>EU Project Manager<br>Phone: +46 (0)522-69 61 23<br>E-mail: erik.dahl@exempel.se</p>",
        (C("Erik Dahl", "EU Project Manager", "erik.dahl@exempel.se", "+46522696123"),),
    ),
    (
        "labelled-two-role-lines-card",
        '<div class="contact-card"><p><strong>Karin Åberg</strong></p><p>Internationell strateg</p>'
        "<p>Kommunledningskontoret</p><p>Telefon: 0455-30 30 00</p></div>",
        (C("Karin Åberg", "Internationell strateg, Kommunledningskontoret", None, "+46455303000"),),
    ),
    (
        "labelled-telefon-unit-colon",
        "<p>Telefon Internationella enheten: 0520-49 60 00</p>",
        (C("Internationella enheten", None, None, "+46520496000"),),
    ),
    # ---- unlabelled blocks
    (
        "unlabelled-name-role-phone-bare-email",
        "<p>Olof Strand<br>Vänortssamordnare<br>0651-180 00<br>olof.strand@exempel.se</p>",
        (C("Olof Strand", "Vänortssamordnare", "olof.strand@exempel.se", "+4665118000"),),
    ),
    (
        "unlabelled-name-printed-twice",
        '<div class="person"><h3>Eva Lund</h3><p>Eva Lund</p><p>Projektledare</p><p>08-508 000 00</p></div>',
        (C("Eva Lund", "Projektledare", None, "+46850800000"),),
    ),
    (
        "unlabelled-name-comma-role-one-line",
        "<p>Nils Ek, internationell samordnare<br>0520-49 60 94</p>",
        (C("Nils Ek", "internationell samordnare", None, "+46520496094"),),
    ),
    (
        "unlabelled-trailing-spaces",
        "<p>Ida Nord&nbsp; &nbsp; <br>EU-samordnare  <br>0345-180 00 </p>",
        (C("Ida Nord", "EU-samordnare", None, "+4634518000"),),
    ),
    (
        "unlabelled-landline-and-mobile",
        "<p>Tove Berg<br>Strateg<br>0522-69 61 23<br>070-765 43 21</p>",
        (C("Tove Berg", "Strateg", None, "+46522696123"),),
    ),
    (
        "unlabelled-two-people-in-li",
        "<ul><li>Anna Lind<br>0520-49 60 94</li><li>Bo Falk<br>0520-49 60 95</li></ul>",
        (C("Anna Lind", None, None, "+46520496094"), C("Bo Falk", None, None, "+46520496095")),
    ),
    # ---- a label with no value
    (
        "label-without-value",
        "<p>Hans Blom<br>Koordinator<br>Telefon:<br>E-post: hans.blom@exempel.se</p>",
        (C("Hans Blom", "Koordinator", "hans.blom@exempel.se", None),),
    ),
    # ---- in a sentence
    (
        "sentence-kontaktperson-ar-telefon",
        "<p>Kontaktperson är Lisa Moberg telefon 0340-69 10 00.</p>",
        (C("Lisa Moberg", None, None, "+46340691000"),),
    ),
    (
        "sentence-kontakta-name-role-epost",
        "<p>Har du frågor om vänorten, kontakta Gustav Alm, ordförande i Vänortsföreningen, "
        "e-post gustav.alm@gmail.com.</p>",
        (C("Gustav Alm", "ordförande i Vänortsföreningen", "gustav.alm@gmail.com", None),),
    ),
    (
        "sentence-names-the-contact-number-on-next-line",
        "<p>Vill du veta mer om vänorterna, kontakta Cecilia Ström<br>Telefon: 0520-49 60 70</p>",
        (C("Cecilia Ström", None, None, "+46520496070"),),
    ),
    (
        "sentence-ring-unit-pa",
        "<p>Ring EU-byrån på 08-123 456 78 om du vill veta mer.</p>",
        (C("EU-byrån", None, None, "+46812345678"),),
    ),
    # ---- one-liners
    (
        "one-liner-kontaktperson-name-forvaltning",
        "<p>Kontaktperson: Anders Holm, Kultur- och fritidsförvaltningen</p>",
        (C("Anders Holm", "Kultur- och fritidsförvaltningen", None, None),),
    ),
    (
        "one-liner-sidansvarig-name-phone",
        "<p>Sidansvarig: Britt Olsson 0522-69 60 42</p>",
        (C("Britt Olsson", None, None, "+46522696042"),),
    ),
    (
        "name-only-under-kontakt-heading",
        "<h2>Kontakt</h2><p>Malin Strömberg</p>",
        (C("Malin Strömberg", None, None, None),),
    ),
    # ---- cards flattened
    (
        "card-as-bullet-list",
        "<ul><li>Kommunledningen</li><li>451 81 Uddevalla</li><li>Besöksadress: Varvsvägen 1</li>"
        "<li>Johan Lindqvist</li><li>Bitr kommundirektör</li><li>Tfn 0522-69 70 12</li></ul>",
        (C("Johan Lindqvist", "Bitr kommundirektör", None, "+46522697012"),),
    ),
    (
        "card-flattened-to-bullets-in-one-line",
        "<p>• Kommunledningen • 451 81 Uddevalla • Varvsvägen 1 • Johan Lindqvist • Bitr kommundirektör "
        "• Tfn 0522-69 70 12</p>",
        (C("Johan Lindqvist", "Bitr kommundirektör", None, "+46522697012"),),
    ),
    (
        "card-flattened-to-one-line-long-unit-three-word-name",
        "<p>Enheten för internationella frågor Anna-Karin af Klint 0522-69 60 55</p>",
        (C("Anna-Karin af Klint", "Enheten för internationella frågor", None, "+46522696055"),),
    ),
    (
        "card-flattened-to-one-line-unit-name-landline-mobile",
        "<p>Näringslivsenheten Annika Sjöberg 0522-69 60 55 073-123 45 67</p>",
        (C("Annika Sjöberg", "Näringslivsenheten", None, "+46522696055"),),
    ),
    # ---- tables
    (
        "table-rows-with-header",
        "<table><tr><th>Namn</th><th>Roll</th><th>Telefon</th></tr>"
        "<tr><td>Sofia Hed</td><td>Internationell strateg</td><td>0520-49 60 10</td></tr>"
        "<tr><td>Leo Falk</td><td>EU-samordnare</td><td>0520-49 60 20</td></tr></table>",
        (
            C("Sofia Hed", "Internationell strateg", None, "+46520496010"),
            C("Leo Falk", "EU-samordnare", None, "+46520496020"),
        ),
    ),
    (
        "table-one-person-per-column",
        "<table><tr><td>Sofia Hed</td><td>Leo Falk</td></tr>"
        "<tr><td>Internationell strateg</td><td>EU-samordnare</td></tr>"
        "<tr><td>0520-49 60 10</td><td>0520-49 60 20</td></tr></table>",
        (
            C("Sofia Hed", "Internationell strateg", None, "+46520496010"),
            C("Leo Falk", "EU-samordnare", None, "+46520496020"),
        ),
    ),
    (
        "table-email-glued-to-text-before-it",
        "<table><tr><th>Namn</th><th>Kontakt</th></tr><tr><td>Sofia Hed</td>"
        '<td>Internationell strateg<a href="mailto:sofia.hed@exempel.se">sofia.hed@exempel.se</a></td></tr></table>',
        (C("Sofia Hed", "Internationell strateg", "sofia.hed@exempel.se", None),),
    ),
    # ---- units as the page's contact
    (
        "unit-comma-phone",
        "<p>Internationella enheten, 0520-49 60 00</p>",
        (C("Internationella enheten", None, None, "+46520496000"),),
    ),
    (
        "unit-in-parentheses-after-phone",
        "<p>031-365 00 00 (Internationella kontoret)</p>",
        (C("Internationella kontoret", None, None, "+46313650000"),),
    ),
    (
        "unit-line-with-pipes-fax-and-org-number",
        "<p>Exempels kommun | Kommunledningskontoret | Tel 0522-69 60 00 | Fax 0522-69 60 99 | Org.nr 212000-1234</p>",
        (C("Kommunledningskontoret", None, None, "+46522696000"),),
    ),
    (
        "unit-line-with-dashes-and-fax",
        "<p>Kommunledningskontoret – 0522-69 60 00 – fax 0522-69 60 99</p>",
        (C("Kommunledningskontoret", None, None, "+46522696000"),),
    ),
    (
        "sentence-kundtjanst-tel",
        "<p>Kundtjänst tel. 0522-69 60 00</p>",
        (C("Kundtjänst", None, None, "+46522696000"),),
    ),
    (
        "card-with-visiting-and-postal-address",
        '<div class="kontakt"><p>Anna Lind</p><p>Besöksadress: Varvsvägen 1</p><p>451 81 Uddevalla</p>'
        "<p>Tel 0522-69 61 23</p></div>",
        (C("Anna Lind", None, None, "+46522696123"),),
    ),
    (
        "twin-town-office-abroad",
        '<div class="kontakt"><p>Vänortskontoret i Hamar</p><p>Telefon: +47 62 51 00 00</p>'
        "<p>E-post: vennskap@hamar.kommune.no</p></div>",
        (C("Vänortskontoret i Hamar", None, "vennskap@hamar.kommune.no", "+4762510000"),),
    ),
    # ---- hidden and real addresses
    (
        "hidden-email-link-text-epost-till",
        '<p>Anna Lind<br>Internationell samordnare<br><a href="/kontakt/anna">E-post till Anna Lind</a></p>',
        (C("Anna Lind", "Internationell samordnare", None, None),),
    ),
    (
        "hidden-email-skicka-epost",
        '<div class="contact"><p>Anna Lind</p><p>Tel: 0520-49 60 94</p><p><a href="/form">Skicka e-post</a></p></div>',
        (C("Anna Lind", None, None, "+46520496094"),),
    ),
    (
        "hidden-email-epost-epost",
        '<p>Anna Lind<br>Tel: 0520-49 60 94<br><a href="#">E-post</a> <a href="#">E-post</a></p>',
        (C("Anna Lind", None, None, "+46520496094"),),
    ),
    (
        "hidden-email-image",
        '<p>Anna Lind<br>Tel: 0520-49 60 94<br><a href="/k"><img src="e.png" alt="e-post"></a>'
        "Detta är en e-postlänk som visas som en bild</p>",
        (C("Anna Lind", None, None, "+46520496094"),),
    ),
    (
        "hidden-email-this-is-an-email-address",
        "<p>Anna Lind<br>Tel: 0520-49 60 94<br><span>This is an email address</span></p>",
        (C("Anna Lind", None, None, "+46520496094"),),
    ),
    (
        "mailto-behind-link-text-is-real",
        '<p>Anna Lind<br>Tel: 0520-49 60 94<br><a href="mailto:anna.lind@exempel.se">E-post</a></p>',
        (C("Anna Lind", None, "anna.lind@exempel.se", "+46520496094"),),
    ),
    (
        "mailto-on-the-name",
        '<p><a href="mailto:anna.lind@exempel.se">Anna Lind</a><br>Samordnare<br>Tel 0522-69 61 23</p>',
        (C("Anna Lind", "Samordnare", "anna.lind@exempel.se", "+46522696123"),),
    ),
    (
        "mailto-percent-encoded",
        '<p>Anna Lind<br><a href="mailto:anna.lind%40exempel.se">E-post</a></p>',
        (C("Anna Lind", None, "anna.lind@exempel.se", None),),
    ),
    (
        "mailto-behind-an-image",
        '<p>Anna Lind<br>Samordnare<br><a href="mailto:anna.lind@exempel.se"><img src="e.png" alt=""></a></p>',
        (C("Anna Lind", "Samordnare", "anna.lind@exempel.se", None),),
    ),
    # ---- numbers that are not the person's phone
    (
        "fax-is-never-a-phone",
        "<p>Anna Lind<br>Fax: 0520-49 60 99<br>Telefon: 0520-49 60 94</p>",
        (C("Anna Lind", None, None, "+46520496094"),),
    ),
    (
        "switchboard-vx-is-not-the-persons-phone",
        "<p>Anna Lind<br>EU-samordnare<br>0522-69 60 00 vx<br>anna.lind@exempel.se</p>",
        (C("Anna Lind", "EU-samordnare", "anna.lind@exempel.se", None),),
    ),
    (
        "sentence-naming-a-unit-after-a-person-in-a-sentence",
        "<p>Vill du veta mer, kontakta Greta Sjöberg, ordförande i Vänortskommittén, e-post "
        '<a href="mailto:greta.sjoberg@exempel.se">greta.sjoberg@exempel.se</a>.</p>'
        "<p>Ring EU-byrån på 08-505 11000 för frågor om projektstöd.</p>",
        (
            C("Greta Sjöberg", "ordförande i Vänortskommittén", "greta.sjoberg@exempel.se", None),
            C("EU-byrån", None, None, "+46850511000"),
        ),
    ),
    (
        "vaxel-then-direkt",
        "<p>Anna Lind<br>Växel: 0522-69 60 00<br>Direkt: 0522-69 61 23</p>",
        (C("Anna Lind", None, None, "+46522696123"),),
    ),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in LAYOUTS], ids=[c[0] for c in LAYOUTS])
def test_layout(body: str, expected: tuple[Contact, ...]) -> None:
    assert contacts(body) == expected


def test_contact_before_the_content_leaves_the_content() -> None:
    body = "<p>Kommunen deltar i två EU-projekt om hållbar stadsutveckling.</p>"
    record = extract_record(page(body, before="<p>Peter Nyberg<br>EU-samordnare<br>peter.nyberg@exempel.se</p>"), URL)
    assert record.contacts == (C("Peter Nyberg", "EU-samordnare", "peter.nyberg@exempel.se", None),)
    assert record.blocks == (Block("p", "Kommunen deltar i två EU-projekt om hållbar stadsutveckling."),)


# ---- phone formats: each written as a real page writes it, in a labelled block
PHONES = [
    ("0NNN-NN-NN-NN", "0520-49 60 94", "+46520496094"),
    ("0NNN-NNN-NN", "0532-170 20", "+4653217020"),
    ("0NN-NN-NN-NN", "019-21 10 00", "+4619211000"),
    ("0NN-NNN-NN-NN", "031-365 00 00", "+46313650000"),
    ("08-NNN-NN-NN", "08-123 45 67", "+4681234567"),
    ("0NNN-NN-NNN", "0470-41 000", "+4647041000"),
    ("0NNN-NN-NNNN", "0522-69 6055", "+46522696055"),
    ("0N-NNN-NNNNN", "08-123 45678", "+46812345678"),
    ("spaces-around-hyphen", "0157 - 43 00 98", "+46157430098"),
    ("spaces-around-hyphen-NNN-NN", "0532 - 170 20", "+4653217020"),
    ("space-after-hyphen", "0157- 43 00 98", "+46157430098"),
    ("plus46-paren-0", "+46 (0)520-49 60 94", "+46520496094"),
    ("plus46-hyphens", "+46-31-365 00 00", "+46313650000"),
    ("plus46-NN-NNNNNN", "+46 19 211000", "+4619211000"),
    ("plus46-NNN-NNN-NN", "+46 532 170 20", "+4653217020"),
    ("plus46-non-breaking-hyphen", "+46 520\u201149 60 94", "+46520496094"),
    ("mobile", "070-123 45 67", "+46701234567"),
    ("comma-landline-mobile", "0520-49 60 94, 070-123 45 67", "+46520496094"),
    ("space-only-landline-mobile", "0520-49 60 94 070-123 45 67", "+46520496094"),
    ("foreign-norway", "+47 22 33 44 55", "+4722334455"),
    ("foreign-finland", "+358 9 123 4567", "+35891234567"),
    ("foreign-usa", "+1 212 555 0123", "+12125550123"),
]


@pytest.mark.parametrize(("written", "e164"), [p[1:] for p in PHONES], ids=[p[0] for p in PHONES])
@pytest.mark.parametrize("label", ["Telefon: ", "Tel. ", "Tfn ", ""])
def test_phone_format(label: str, written: str, e164: str) -> None:
    assert contacts(f"<p>Anna Lind<br>Samordnare<br>{label}{written}</p>") == (
        C("Anna Lind", "Samordnare", None, e164),
    )


def test_number_without_area_code_takes_the_pages_only_area_code() -> None:
    body = "<p>Anna Lind<br>Telefon: 0520-49 60 94</p><p>Bo Falk<br>Telefon: 49 60 95</p>"
    assert contacts(body) == (C("Anna Lind", None, None, "+46520496094"), C("Bo Falk", None, None, "+46520496095"))


def test_a_sentence_naming_the_contact_stays_content() -> None:
    sentence = "Vill du veta mer om vänorterna, kontakta Cecilia Ström"
    record = extract_record(page(f"<p>{sentence}</p><p>Telefon: 0520-49 60 70</p>"), URL)
    assert record.contacts == (C("Cecilia Ström", None, None, "+46520496070"),)
    assert Block("p", sentence) in record.blocks
    assert Block("p", "Telefon: 0520-49 60 70") not in record.blocks


def test_bare_local_number_only_in_the_paired_shape() -> None:
    body = "<p>Anna Lind<br>Telefon: 0520-49 60 94</p><p>Bo Falk<br>49 60 95</p><p>Cia Ek<br>Tel<br>2024</p>"
    assert contacts(body) == (C("Anna Lind", None, None, "+46520496094"), C("Bo Falk", None, None, "+46520496095"))


def test_number_without_area_code_is_not_guessed_between_two_area_codes() -> None:
    body = (
        "<p>Anna Lind<br>Telefon: 0520-49 60 94</p><p>Cia Ek<br>Telefon: 031-365 00 00</p>"
        "<p>Bo Falk<br>Telefon: 49 60 95</p>"
    )
    assert contacts(body) == (
        C("Anna Lind", None, None, "+46520496094"),
        C("Cia Ek", None, None, "+46313650000"),
        C("Bo Falk", None, None, None),
    )


# ---- negatives: nothing here is anybody's contact
NEGATIVES = [
    ("fax-only", "<p>Fax: 0520-49 60 99</p>"),
    (
        "unit-line-with-fax-and-org-number",
        "<p>Exempels kommun | Box 1 | 451 81 Uddevalla | Fax 0522-69 60 99 | Org.nr 212000-1234</p>",
    ),  # fmt: skip
    ("org-number-alone", "<p>Organisationsnummer: 212000-1234</p>"),
    ("switchboard-only", "<p>Exempels kommun 0522-69 60 00 vx</p>"),
    ("decision-date", "<p>Beslutad i kommunstyrelsen 2022-03-21, § 75.</p>"),
    ("mandate-period", "<p>Mandatperiod 2023-01-01 - 2026-12-31</p>"),
    (
        "opening-hours",
        "<h2>Kontakt</h2><p>Eskilstuna direkt</p><p>Måndag-torsdag 08.00-16.30<br>Fredag 08.00-16.00</p>",
    ),
    ("postcode-and-town", "<p>Postadress: Box 123, 451 81 Uddevalla</p>"),
    ("placeholder-no-user", "<h2>Kontakt</h2><p>Ingen giltig användare vald.</p>"),
    ("kontakt-heading-with-nothing-after", "<h2>Kontakt</h2>"),
    ("hidden-email-alone", '<p><a href="/k">E-post till kommunen</a></p>'),
    ("twin-town-list-above-a-phone", "<ul><li>Saint Paul</li><li>Rauma</li></ul><p>Telefon: 0520-49 60 94</p>"),
    (
        "place-names-above-a-phone-in-one-list",
        "<ul><li>Saint Paul</li><li>Nya Zeeland</li></ul><ul><li>Telefon: 0520-49 60 94</li></ul>",
    ),  # fmt: skip
    ("sidansvarig-without-number", "<p>Publicerad 2023-04-01 kl 10:12<br>Sidansvarig: Britt Olsson</p>"),
    (
        "contact-centre-left-by-the-boilerplate-pass",
        "<h2>Kontakt</h2><p>Exempelstad direkt</p><p>Kommunens kontaktcenter</p><p>Telefon 0522-69 60 00</p>",
    ),  # fmt: skip
    ("phone-without-anyone", "<p>Ring 0520-49 60 94, faxa 0520-49 60 99 eller skriv till oss.</p>"),
]


@pytest.mark.parametrize("body", [n[1] for n in NEGATIVES], ids=[n[0] for n in NEGATIVES])
def test_not_a_contact(body: str) -> None:
    assert contacts(body) == ()


def test_name_alone_in_a_kontakt_section_next_to_a_full_contact() -> None:
    body = "<h2>Kontakt</h2><p>Malin Strömberg</p><p>Bo Falk<br>Tel: 0520-49 60 95</p>"
    assert contacts(body) == (C("Malin Strömberg"), C("Bo Falk", None, None, "+46520496095"))


def test_hidden_email_is_never_made_up() -> None:
    """Whatever the link text of a hidden address says, no address appears that the page does not print."""
    for text in ("E-post", "E-post E-post", "E-post till Anna Lind", "Skicka e-post", "This is an email address"):
        found = contacts(f'<p>Anna Lind<br>Tel: 0520-49 60 94<br><a href="/k">{text}</a></p>')
        assert found == (C("Anna Lind", None, None, "+46520496094"),), text


# ---- properties
# area code -> subscriber lengths phonenumbers accepts for it
AREAS = {"8": (7, 8), "31": (6, 7, 8), "19": (6,), "520": (5, 6), "157": (5, 6), "470": (5, 6), "532": (5,), "70": (7,)}


@st.composite
def swedish_numbers(draw: st.DrawFn) -> tuple[str, str]:
    area = draw(st.sampled_from(sorted(AREAS)))
    length = draw(st.sampled_from(AREAS[area]))
    first = draw(st.sampled_from("23456789"))
    rest = draw(st.text("0123456789", min_size=length - 1, max_size=length - 1))
    return area, first + rest


def _groups(digits: str) -> str:
    """Subscriber digits in the pairs pages print ("496094" -> "49 60 94", "17020" -> "170 20")."""
    head = len(digits) % 2 and 3 or 2
    parts = [digits[:head]] + [digits[i : i + 2] for i in range(head, len(digits), 2)]
    return " ".join(parts)


WRITERS = [
    lambda a, s: f"0{a}-{_groups(s)}",
    lambda a, s: f"0{a} - {_groups(s)}",
    lambda a, s: f"0{a}- {_groups(s)}",
    lambda a, s: f"0{a}-{s}",
    lambda a, s: f"+46 (0){a}-{_groups(s)}",
    lambda a, s: f"+46-{a}-{_groups(s)}",
    lambda a, s: f"+46 {a} {s}",
    lambda a, s: f"+46 {a}\u2011{_groups(s)}",
    lambda a, s: f"+46{a}{s}",
]


@settings(max_examples=150, deadline=None)
@given(number=swedish_numbers(), writer=st.sampled_from(WRITERS), label=st.sampled_from(["Telefon: ", "Tfn ", ""]))
def test_any_written_swedish_number_is_one_e164(number: tuple[str, str], writer, label: str) -> None:  # type: ignore[no-untyped-def]
    area, subscriber = number
    e164 = normalise_phone(f"0{area}{subscriber}")
    assume(e164 is not None)
    assert find_phones(f"{label}{writer(area, subscriber)}") == (e164,)


FIRST = ["Anna", "Per", "Karin", "Olof", "Sara", "Nils", "Ida", "Maja", "Erik", "Lena"]
LAST = ["Lind", "Holm", "Åberg", "Strand", "Berg", "Vik", "Sjöberg", "Dahl", "Nyström", "Falk"]
ROLES = ["Internationell samordnare", "EU-strateg", "Projektledare", "Vänortssamordnare", "Utvecklingsstrateg"]


def _render(lines: list[str], style: str) -> str:
    if style == "p-br":
        return "<p>" + "<br>".join(lines) + "</p>"
    if style == "p-each":
        return "".join(f"<p>{ln}</p>" for ln in lines)
    if style == "div-span":
        return "<div>" + "".join(f"<div><span>{ln}</span></div>" for ln in lines) + "</div>"
    if style == "ul-li":
        return "<ul>" + "".join(f"<li>{ln}</li>" for ln in lines) + "</ul>"
    if style == "dl":
        return (
            "<dl>" + "".join(f"<dt>{ln}</dt>" if i == 0 else f"<dd>{ln}</dd>" for i, ln in enumerate(lines)) + "</dl>"
        )
    if style == "td":
        return "<table><tr>" + "".join(f"<td>{ln}</td>" for ln in lines) + "</tr></table>"
    return '<div class="kontakt">' + "<br>\n".join(f"<span>{ln}</span>" for ln in lines) + "</div>"


@st.composite
def blocks(draw: st.DrawFn) -> tuple[list[str], Contact]:
    """A contact block as pages print it: the role below or above the name, labelled or bare lines,
    maybe a mobile after the landline, maybe an e-mail."""
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    name = f"{first} {last}"
    role = draw(st.none() | st.sampled_from(ROLES))
    area, subscriber = draw(swedish_numbers())
    phone = normalise_phone(f"0{area}{subscriber}")
    assume(phone is not None)
    email = draw(st.none() | st.just(f"{first}.{last}@exempel.se".lower()))
    phone_label = draw(st.sampled_from(["Telefon: ", "Tel: ", "Tfn ", "Telefon/Phone: ", ""]))
    lines = [name]
    if role:
        above = draw(st.sampled_from(["", "below", ":"]))
        lines = [name, role] if above == "below" else [role + above, name]
    lines.append(f"{phone_label}{draw(st.sampled_from(WRITERS))(area, subscriber)}")
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["Mobil: ", ""])) + "070-123 45 67")
    if email:
        lines.append(draw(st.sampled_from(["E-post: ", "E-post/Email: ", ""])) + email)
    return lines, C(name, role, email, phone)


@settings(max_examples=60, deadline=None)
@given(block=blocks())
def test_a_blocks_contact_does_not_depend_on_its_markup(block: tuple[list[str], Contact]) -> None:
    lines, expected = block
    for style in ("p-br", "p-each", "div-span", "ul-li", "dl", "td", "card-spans"):
        assert contacts(_render(lines, style)) == (expected,), style


def test_worked_examples_in_the_docstrings() -> None:
    import doctest

    import crawler.extract.contact_fields
    import crawler.extract.lines

    for module in (crawler.extract.lines, crawler.extract.contact_fields):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


@st.composite
def not_phones(draw: st.DrawFn) -> str:
    """Numbers contact blocks print beside phones that are never one: dates, opening hours, postcodes,
    organisation numbers (municipalities' start with 2), fax numbers."""
    kind = draw(st.sampled_from(["date", "hours", "postcode", "org", "fax", "range"]))
    d = draw(st.integers(1, 28))
    m = draw(st.integers(1, 12))
    y = draw(st.integers(1990, 2035))
    if kind == "date":
        return f"{y}-{m:02d}-{d:02d}"
    if kind == "hours":
        return f"{draw(st.integers(6, 10)):02d}.{draw(st.sampled_from(['00', '30']))}-{draw(st.integers(12, 18))}.00"
    if kind == "postcode":
        return (
            f"{draw(st.integers(100, 989))} {draw(st.integers(10, 99))} {draw(st.sampled_from(['Uddevalla', 'Vara']))}"
        )
    if kind == "org":
        return f"Org.nr 2{draw(st.integers(10000, 99999))}-{draw(st.integers(1000, 9999))}"
    if kind == "range":
        return f"{y}-01-01 - {y + 3}-12-31"
    area, subscriber = draw(swedish_numbers())
    return f"Fax: 0{area}-{_groups(subscriber)}"


@settings(max_examples=150, deadline=None)
@given(text=not_phones())
def test_dates_hours_postcodes_org_and_fax_numbers_are_never_phones(text: str) -> None:
    assert find_phones(text) == ()
    assert contacts(f"<p>Anna Lind<br>{text}</p>") == ()


def test_a_table_of_people_beside_the_main_content_is_read_without_a_header() -> None:
    """A staff table in a side column (one person a row, no "Namn/Telefon" header, no "Kontakt" heading) is
    read like a headed one; a table of places with phone numbers but no names is not people."""
    staff = (
        "<h2>Arbetsgruppen</h2><table><tbody>"
        "<tr><td>Erik Holm</td><td>Projektledare</td><td>0522-69 61 10</td><td>erik.holm@exempel.se</td></tr>"
        "<tr><td>Lena Vik</td><td>Controller</td><td>0522-69 61 12</td><td>lena.vik@exempel.se</td></tr>"
        "</tbody></table>"
    )
    html = (
        "<html><body><main><h1>EU-projekt</h1><p>Kommunen driver två EU-projekt inom skola och miljö.</p></main>"
        f"<aside>{staff}</aside></body></html>"
    )
    assert extract_record(html, URL).contacts == (
        C("Erik Holm", "Projektledare", "erik.holm@exempel.se", "+46522696110"),
        C("Lena Vik", "Controller", "lena.vik@exempel.se", "+46522696112"),
    )
    places = (
        "<table><tr><td>Biblioteket</td><td>0522-69 62 00</td></tr><tr><td>Simhallen</td><td>0522-69 63 00</td></tr>"
        "</table>"
    )
    html = html.replace(staff, places)
    assert extract_record(html, URL).contacts == ()


@pytest.mark.parametrize("aside_first", [True, False])
def test_contacts_keep_their_order_when_a_theme_moves_the_sidebar(aside_first: bool) -> None:
    """The article's contacts come first, then the sidebar's, whichever side of the article a theme prints the
    sidebar on: moving it is no change of the record."""
    article = (
        "<article><h1>Vänorter</h1><p>Kommunen har tre vänorter i Norden.</p>"
        "<p>Kontakta Maria Holm, vänortssamordnare, e-post maria.holm@exempel.se.</p></article>"
    )
    aside = "<aside><h2>Kontakt</h2><p>Per Ek<br>EU-samordnare<br>Tel: 0522-69 61 00</p></aside>"
    html = f"<html><body><div class='cols'>{aside + article if aside_first else article + aside}</div></body></html>"
    assert extract_record(html, URL).contacts == (
        C("Maria Holm", "vänortssamordnare", "maria.holm@exempel.se", None),
        C("Per Ek", "EU-samordnare", None, "+46522696100"),
    )


def test_an_address_link_glued_to_the_number_before_it_is_a_field_of_its_own() -> None:
    """A card or table cell that prints the number and the ``mailto:`` link with no space between gives both
    fields whole: the address does not take the number's last digits, nor the number lose them."""
    card = (
        '<p>Jonas Berg<br>Miljöstrateg<br>0522-69 64 18<a href="mailto:jonas.berg@exempel.se">jonas.berg@exempel.se</a>'
        "</p>"
    )
    assert contacts(card) == (C("Jonas Berg", "Miljöstrateg", "jonas.berg@exempel.se", "+46522696418"),)


def test_a_row_header_cell_is_the_label_of_its_row_not_a_field() -> None:
    """A table of one person with a header cell per row ("Befattning | Projektledare") reads the data cells;
    the header cells name the fields and are nobody's role."""
    cells = (
        "<table><tr><th>Namn</th><td>Sara Lund</td></tr><tr><th>Befattning</th><td>Projektledare</td></tr>"
        "<tr><th>Telefon</th><td>0522-69 64 20</td></tr><tr><th>E-post</th>"
        '<td><a href="mailto:sara.lund@exempel.se">sara.lund@exempel.se</a></td></tr></table>'
    )
    assert contacts(cells) == (C("Sara Lund", "Projektledare", "sara.lund@exempel.se", "+46522696420"),)
    staff = (
        '<table><tr><th scope="row">Anna Ek</th><td>Projektledare</td><td>0522-69 61 10</td></tr>'
        '<tr><th scope="row">Bo Lind</th><td>Controller</td><td>0522-69 61 12</td></tr></table>'
    )
    assert contacts(staff) == (  # a row header that is a name is the row's person
        C("Anna Ek", "Projektledare", None, "+46522696110"),
        C("Bo Lind", "Controller", None, "+46522696112"),
    )
