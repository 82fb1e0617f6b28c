"""Extraction on hand-written fixture pages built from the seed texts (simweb/municipal/seeds/)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from crawler.extract import classify_failure, clean_url, decode_html, extract_record, is_soft_404, validate_selector
from crawler.extract.contact_fields import decode_cfemail, find_emails, find_phones, looks_like_name, normalise_phone
from crawler.extract.documents import strip_size_hint
from crawler.extract.stamp import find_stamp, parse_date
from crawler.extract.text import iter_units
from crawler.record import Block, Contact, Document

URL = "https://www.trollhattan.se/kommun/internationellt-arbete/"

TROLLHATTAN = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Internationellt arbete - Trollhättans stad</title></head><body>
<div class="skip"><a href="#c">Hoppa till innehåll</a></div>
<div class="cookie-banner"><p>Vi använder kakor för att webbplatsen ska fungera.</p></div>
<nav><ul><li><a href="/">Startsida</a></li><li><a href="/omsorg/">Omsorg</a></li></ul></nav>
<ol class="breadcrumbs"><li><a href="/">Start</a></li><li>Internationellt arbete</li></ol>
<main id="c">
<figure><img src="/flaggor.jpg" alt=""><figcaption>Bilden föreställer fem flaggstänger.</figcaption></figure>
<h1>Internationellt arbete</h1>
<p class="lead">Trollhättans stad bedriver sedan länge ett aktivt internationellt arbete.</p>
<div class="box"><h2>Kontaktcenter - en väg in</h2><h3>Öppettider</h3><p>Måndag–fredag: 8:00–16:30</p>
<p><a href="/kc/">Vad kan kontaktcenter hjälpa mig med?</a></p>
<h3>Besök oss</h3><p>Gärdhemsvägen 9 461 83 Trollhättan</p></div>
<p>I strategin pekas tre prioriterade fokusområden ut för det internationella arbetet:</p>
<ul><li>Verksamhets-och kompetensutveckling</li><li>Näringslivsutveckling</li><li>Hållbar samhällsutveckling</li></ul>
<h2>Kontakt</h2>
<p>Är du som invånare, företagare eller föreningsrepresentant intresserad?</p>
<p><strong>Kontakt:</strong> Isak Johansson, Internationell samordnare<br>
E-post: <a href="mailto:isak.johansson@trollhattan.se">Isak.Johansson@trollhattan.se</a><br>Tel: 0520 49 60 94</p>
<p>Senast granskad 2024-05-17 av ANDGLE</p>
</main>
<section class="news"><h2>Aktuellt</h2><ul><li>Vattenavstängning på tisdag</li></ul></section>
<form class="feedback"><p>Hjälpte informationen på den här sidan dig?</p><button>Ja</button></form>
<footer><p>Trollhättans stad, 461 83 Trollhättan. Telefon 0520-49 50 00</p></footer>
</body></html>"""


def test_trollhattan_record() -> None:
    record = extract_record(TROLLHATTAN, URL)
    assert record.title == "Internationellt arbete"
    assert record.blocks == (
        Block("p", "Trollhättans stad bedriver sedan länge ett aktivt internationellt arbete."),
        Block("p", "I strategin pekas tre prioriterade fokusområden ut för det internationella arbetet:"),
        Block("li", "Verksamhets-och kompetensutveckling"),
        Block("li", "Näringslivsutveckling"),
        Block("li", "Hållbar samhällsutveckling"),
        Block("h", "Kontakt"),
        Block("p", "Är du som invånare, företagare eller föreningsrepresentant intresserad?"),
    )
    assert record.review_date == "2024-05-17"
    assert record.reviewer == "ANDGLE"
    assert record.contacts == (
        Contact("Isak Johansson", "Internationell samordnare", "isak.johansson@trollhattan.se", "+46520496094"),
    )
    assert record.documents == ()


def test_contact_card_outside_main_but_never_the_contact_centre() -> None:
    html = """<html><body><main><h1>Internationellt</h1><p>Eskilstuna kommun arbetar aktivt.</p></main>
    <aside><div class="contact-centre"><h2>Kontakt</h2><p>Eskilstuna direkt</p><p>Eskilstuna kommuns kontaktcenter</p>
    <h3>Öppettider</h3><p>Måndag-fredag 07.30-16.00</p><p>Telefon 016-710 10 00</p></div>
    <div class="contact-card"><p><b>Birgitta Berg</b></p><p>Internationell samordnare</p></div></aside></body></html>"""
    record = extract_record(html, "https://www.eskilstuna.se/x/")
    assert record.contacts == (Contact("Birgitta Berg", "Internationell samordnare", None, None),)
    assert record.blocks == (Block("p", "Eskilstuna kommun arbetar aktivt."),)


def test_contact_table_and_two_roles() -> None:
    html = """<html><body><main><h1>Internationellt</h1><h2>Kontaktinformation</h2>
    <table><tr><th>Namn</th><th>Roll</th><th>Telefon</th><th>E-post</th></tr>
    <tr><td>Kristin Björk</td><td>Projektledare Europa Direkt Fyrbodal, Internationell strateg</td>
    <td>0532-170 20</td><td>kristin.bjork[at]amal.se</td></tr></table></main></body></html>"""
    record = extract_record(html, "https://www.amal.se/x/")
    assert record.contacts == (
        Contact(
            "Kristin Björk",
            "Projektledare Europa Direkt Fyrbodal, Internationell strateg",
            "kristin.bjork@amal.se",
            "+4653217020",
        ),
    )
    assert record.blocks == ()  # the heading labels only the contact table: the contact's label, not prose


def test_documents_titles_and_urls() -> None:
    html = """<html><body><main><h1>Internationellt</h1>
    <p><a href="/download/18.4a/1666/strategi.pdf?utm_source=nyhetsbrev&amp;v=3#sida2">
    Internationell strategi för Åmåls kommun <span>pdf (pdf 606 KB)</span></a></p>
    <p>Läs också <a href="/x/plan.docx">Handlingsplan</a> (Word, 80 kB) inför mötet.</p>
    <p><a href="/om-oss/">Om oss</a></p></main></body></html>"""
    record = extract_record(html, "https://www.amal.se/kommun/")
    assert record.documents == (
        Document("https://www.amal.se/download/18.4a/1666/strategi.pdf", "Internationell strategi för Åmåls kommun"),
        Document("https://www.amal.se/x/plan.docx", "Handlingsplan"),
    )
    assert Block("p", "Läs också inför mötet.") in record.blocks  # the link text is the document's, not prose


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ('<base href="https://www.ornby.se/">', "https://www.ornby.se/files/dokument/vanortsavtal.pdf"),
        ('<base href="/arkiv/">', "https://www.ornby.se/arkiv/files/dokument/vanortsavtal.pdf"),
        ('<base target="_blank">', "https://www.ornby.se/kommun/files/dokument/vanortsavtal.pdf"),
        ('<base href="javascript:void(0)">', "https://www.ornby.se/kommun/files/dokument/vanortsavtal.pdf"),
    ],
)
def test_relative_document_links_resolve_against_the_pages_base_href(base: str, expected: str) -> None:
    """A page whose template writes ``<base href>`` links its files relative to that, as a browser reads them;
    a base with no href, or one that is no web address, leaves the page's own URL the base."""
    html = (
        f"<html><head><title>Vänorter</title>{base}</head><body><main><h1>Vänorter</h1>"
        "<p>Kommunen har tre vänorter och ett avtal med var och en av dem.</p>"
        '<p><a href="files/dokument/vanortsavtal.pdf">Vänortsavtal</a></p></main></body></html>'
    )
    record = extract_record(html, "https://www.ornby.se/kommun/vanorter.html")
    assert record.documents == (Document(expected, "Vänortsavtal"),)


@pytest.mark.parametrize(
    "counter",
    [
        '<dd class="hits"><span class="icon-eye"></span><meta itemprop="interactionCount" '
        'content="UserPageVisits:{n}">Träffar: {n}</dd>',
        '<dd><div itemprop="interactionStatistic" itemscope itemtype="https://schema.org/InteractionCounter">'
        '<meta itemprop="interactionType" content="https://schema.org/ReadAction">'
        '<span itemprop="userInteractionCount">{n}</span> visningar</div></dd>',
        # a theme's wrapper round the icon and the mark, the count beside it; an unquoted value before "/>"
        '<dd><span class="meta-icon"><span class="icon-eye"></span><meta content="UserPageVisits:{n}" '
        "itemprop=interactionCount/></span>Träffar: {n}</dd>",
    ],
)
def test_a_view_counter_marked_as_one_is_no_content(counter: str) -> None:
    """A read counter beside the article's dates (schema.org's interaction count, as Joomla prints it) rises
    with every visit: the page read on two nights gives one record, and the article's own words stay."""

    def night(n: int) -> str:
        return (
            '<html><body><main><div class="item-page" itemscope itemtype="https://schema.org/Article">'
            '<h1 itemprop="headline">Vänorter</h1><dl class="article-info"><dd class="published">'
            '<time datetime="2023-05-04T10:00:00+02:00">Publicerad: 4 maj 2023</time></dd>'
            + counter.format(n=n)
            + '</dl><div itemprop="articleBody"><p>Kommunen har vänorter i Finland och Estland.</p>'
            '<meta itemprop="interactionCount" content="UserPageVisits:7"></div></div></main></body></html>'
        )

    first = extract_record(night(1432), URL)
    assert first == extract_record(night(1449), URL)
    assert Block("p", "Kommunen har vänorter i Finland och Estland.") in first.blocks
    assert not any("1432" in b.text for b in first.blocks)


def test_overrides_win_over_generic_rules() -> None:
    html = """<html><body><div class="a"><div class="b">Logotyp</div></div>
    <div id="text"><h1>EU-arbete</h1><p>Kommunen söker EU-medel.</p><div class="tips">Dagens tips: 1</div></div>
    <main><p>Fel ställe</p></main></body></html>"""
    record = extract_record(html, "https://x.se/", main="#text", ignore=[".tips"])
    assert record.title == "EU-arbete"
    assert record.blocks == (Block("p", "Kommunen söker EU-medel."),)
    generic = extract_record(html, "https://x.se/")
    assert generic.blocks == (Block("p", "Fel ställe"),)


def test_invalid_selector_is_a_value_error() -> None:
    validate_selector("main .sv-text-portlet")
    with pytest.raises(ValueError, match="invalid CSS selector"):
        validate_selector("main >>> p[")
    html = "<html><body><main><h1>T</h1><p>Text.</p></main></body></html>"
    assert extract_record(html, URL, main="p:-soup-contains('x')", ignore=["main >>> p["]).blocks == (
        Block("p", "Text."),
    )


@pytest.mark.parametrize(
    ("line", "date", "who"),
    [
        ("Senast granskad 2024-05-17 av ANDGLE", "2024-05-17", "ANDGLE"),
        ("Sidan uppdaterades 2022-10-24", "2022-10-24", None),
        ("Senast uppdaterad: 17 maj 2024", "2024-05-17", None),
        ("Uppdaterad 3 januari 2023", "2023-01-03", None),
        ("Granskad 2024-01-02", "2024-01-02", None),
        ("Publicerad 17 maj 2024", "2024-05-17", None),
        ("Publicerad 3 mars 2020, uppdaterad 17 maj 2024", "2024-05-17", None),
        ("Sidan granskades den 5 okt. 2021", "2021-10-05", None),
        ("Senast uppdaterad 2024-05-17 kl 13:45", "2024-05-17", None),
        ("Öppettider måndag-fredag 8-16", None, None),
    ],
)
def test_stamp_wordings(line: str, date: str | None, who: str | None) -> None:
    assert find_stamp([line]) == (date, who)


@pytest.mark.parametrize(
    "fragment",
    ["17 maj 2024", "17maj2024", "3 Mars 2020", "5 okt. 2021", "17 sept. 2024", "1 dec 2023", "17.5.2024",
     "17/5/2024", "05.10.2023"],
)  # fmt: skip
def test_stamp_dates_read_as_dateparser_reads_them(fragment: str) -> None:
    """parse_date tries the stamp shapes only (cheaper: no time-zone patterns); it must agree with
    dateparser's general Swedish parser on every fragment the stamp pattern can isolate."""
    from dateparser.date import DateDataParser

    general = (
        DateDataParser(
            languages=["sv"],
            settings={
                "DATE_ORDER": "DMY",
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PREFER_LOCALE_DATE_ORDER": False,
            },
        )
        .get_date_data(fragment.replace("/", "."))
        .date_obj
    )
    assert parse_date(fragment) == (general.date().isoformat() if general else None)


@pytest.mark.parametrize("fragment", ["31 februari 2024", "17 maj 202"])
def test_impossible_stamp_dates_are_no_date(fragment: str) -> None:
    # The stamp shapes fail on these, so parse_date's answer is the general parser's: compared with that
    # parser, as above, this could not fail.
    assert parse_date(fragment) is None


def test_news_dates_are_not_the_stamp() -> None:
    html = """<html><body><main><h1>T</h1><p>Text.</p></main>
    <div class="news-list"><p>Publicerad 2025-01-03</p></div></body></html>"""
    assert extract_record(html, URL).review_date is None


@pytest.mark.parametrize("written", ["0520 49 60 94", "0520-49 60 94", "+46 (0)520-49 60 94", "+46520496094"])
def test_phone_forms_are_one_number(written: str) -> None:
    assert normalise_phone(written) == "+46520496094"


def test_phone_scan_ignores_org_numbers_and_dates() -> None:
    assert find_phones("Org.nr 212000-1587, 2024-05-17, tel 0532-170 20") == ("+4653217020",)


@pytest.mark.parametrize(
    "written",
    [
        "kristin.bjork@amal.se",
        "Kristin.Bjork@AMAL.se",
        "kristin.bjork[at]amal.se",
        "kristin.bjork(at)amal.se",
        "kristin.bjork (at) amal punkt se",
        "kristin punkt bjork snabel-a amal punkt se",
    ],
)
def test_email_obfuscations(written: str) -> None:
    assert find_emails(f"E-post: {written}") == ["kristin.bjork@amal.se"]


def test_cloudflare_email() -> None:
    key = 0x3C
    encoded = f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in b"ida@amal.se")
    assert decode_cfemail(encoded) == "ida@amal.se"
    html = f"""<html><body><main><h1>T</h1><div class="contact"><p>Ida Ek</p>
    <p><a href="/cdn-cgi/l/email-protection#{encoded}"><span class="__cf_email__" data-cfemail="{encoded}">
    [email&#160;protected]</span></a></p></div></main></body></html>"""
    assert extract_record(html, URL).contacts == (Contact("Ida Ek", None, "ida@amal.se", None),)


def test_names_and_roles() -> None:
    assert looks_like_name("Isak Johansson")
    assert looks_like_name("Anna-Karin Öberg")
    assert not looks_like_name("Projektledare Europa Direkt Fyrbodal")
    assert not looks_like_name("Eskilstuna kommun")
    assert looks_like_name("Carl von Platen")
    assert not looks_like_name("Information om EU")


def test_contact_split_over_paragraphs_and_prose_with_an_address() -> None:
    html = """<html><body><main><h1>T</h1>
    <p>Vill du veta mer? Mejla oss på eu@hylte.se så svarar vi inom en vecka.</p>
    <p>E-post: anna.ek@hylte.se</p><p>Tel: 0345-180 00</p></main></body></html>"""
    record = extract_record(html, URL)
    assert record.contacts == (Contact(email="eu@hylte.se"), Contact(email="anna.ek@hylte.se", phone="+4634518000"))
    assert record.blocks == (Block("p", "Vill du veta mer? Mejla oss på eu@hylte.se så svarar vi inom en vecka."),)


def test_size_hints_and_urls() -> None:
    assert strip_size_hint("Strategi (PDF, 1,2 MB)") == "Strategi"
    assert strip_size_hint("Plan [pdf]") == "Plan"
    assert strip_size_hint("Styrande dokument") == "Styrande dokument"
    assert (
        clean_url("/a.pdf;jsessionid=AB12?utm_medium=x&id=4&_=171", "https://www.X.se/")
        == "https://www.x.se/a.pdf?id=4"
    )


# ------------------------------------------------------------------ decoding


def test_decode_declared_utf8_but_cp1252() -> None:
    assert decode_html("<p>Åmål</p>".encode("cp1252"), "text/html; charset=utf-8") == "<p>Åmål</p>"


def test_decode_undeclared() -> None:
    assert decode_html("Åmål".encode(), None) == "Åmål"
    assert decode_html("Åmål – €".encode("cp1252"), "text/html") == "Åmål – €"


def test_decode_latin1_means_cp1252_unless_really_utf8() -> None:
    assert decode_html("€ Åmål".encode("cp1252"), "text/html; charset=ISO-8859-1") == "€ Åmål"
    assert decode_html("Åmål".encode(), "text/html; charset=iso-8859-1") == "Åmål"


def test_decode_meta_charset_and_bom() -> None:
    body = b'<meta charset="windows-1252"><p>' + "Hylte Växjö".encode("cp1252")
    assert decode_html(body, None).endswith("Hylte Växjö")
    assert decode_html(b"\xef\xbb\xbfHej", "text/html; charset=iso-8859-1") == "Hej"


# ------------------------------------------------------------------ failures


def _fail(html: str, *, url: str = URL, final_url: str | None = None, home: str | None = None) -> str | None:
    return classify_failure(html, url=url, final_url=final_url or url, home_url=home)


def test_failure_reasons() -> None:
    assert _fail("") == "empty body"
    assert _fail("<html><body>  </body></html>") == "empty body"
    assert _fail("<html><title>Sidan kunde inte hittas</title><body><p>Sök igen.</p></body></html>") == "soft 404"
    assert _fail("<html><title>404 - Trollhättans stad</title><body><p>Oj.</p></body></html>") == "soft 404"
    assert _fail("<html><body><h1>Sidan finns inte</h1></body></html>") == "soft 404"
    page = "<html><body><h1>Välkommen</h1><p>Startsidan för kommunen med många nyheter.</p></body></html>"
    assert _fail(page, final_url="https://www.trollhattan.se/", home="https://trollhattan.se") == "soft 404"
    assert _fail("<html><body><h1>Vi uppdaterar webbplatsen</h1></body></html>") == "maintenance page"
    assert _fail("<html><body><p>Webbplatsen är tillfälligt otillgänglig.</p></body></html>") == "maintenance page"
    assert _fail(TROLLHATTAN) is None
    assert is_soft_404("soft 404") and not is_soft_404("maintenance page") and not is_soft_404(None)


def test_long_page_mentioning_not_found_words_is_fine() -> None:
    text = "<p>" + "Kommunen arbetar internationellt. " * 60 + "Sidan finns inte på engelska.</p>"
    assert _fail(f"<html><body><h1>Internationellt</h1>{text}</body></html>") is None


def test_failure_pages_of_the_simulated_web() -> None:
    """The simulated web's own error pages, in site chrome, and its real pages in every markup."""
    from simweb.municipal.markup import CMS_NAMES, SiteProfile, render_page, render_simple
    from simweb.municipal.seeds import load_seeds

    for seed in load_seeds():
        url = f"https://www.{seed.domain}{seed.path}"
        home = f"https://www.{seed.domain}/"
        for cms in CMS_NAMES:
            profile = SiteProfile(
                id=seed.id, name=seed.name, short=seed.short, domain=seed.domain, cms=cms, boilerplate=seed.boilerplate
            )
            page = render_page(seed.content, profile)
            assert classify_failure(page, url=url, final_url=url, home_url=home) is None
        soft = render_simple(profile, "Sidan kunde inte hittas", ["Sidan du söker finns inte längre."], with_menu=True)
        assert classify_failure(soft, url=url, final_url=url, home_url=home) == "soft 404"
        down = render_simple(profile, "Vi uppdaterar webbplatsen", ["Tillfälligt otillgänglig."], with_menu=True)
        assert classify_failure(down, url=url, final_url=url, home_url=home) == "maintenance page"
        start = render_simple(profile, seed.name, [f"Välkommen till {seed.name}."], news=True)
        assert classify_failure(start, url=url, final_url=home, home_url=home) == "soft 404"
        assert classify_failure(start, url=home, final_url=home, home_url=home) is None


SEED_IDS = ("trollhattan", "eskilstuna", "ljungby", "hylte", "amal")


@pytest.mark.parametrize("cms", ["sitevision", "episerver", "wordpress"])
@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_rendered_pages_match_the_content_model(seed_id: str, cms: str) -> None:
    """Every contact style and e-mail obfuscation of the simulated web extracts to its known truth."""
    from simweb.municipal.content import to_record
    from simweb.municipal.markup import CONTACT_STYLES, EMAIL_STYLES, SiteProfile, render_page
    from simweb.municipal.seeds import load_seed

    seed = load_seed(seed_id)
    url = f"https://www.{seed.domain}{seed.path}"
    for contact_style in CONTACT_STYLES:
        for email_style in EMAIL_STYLES:
            profile = SiteProfile(
                id=seed.id,
                name=seed.name,
                short=seed.short,
                domain=seed.domain,
                cms=cms,
                page_path=seed.path,
                contact_style=contact_style,
                email_style=email_style,
                boilerplate=seed.boilerplate,
            )
            got = extract_record(render_page(seed.content, profile), url)
            assert got == to_record(seed.content, url), (contact_style, email_style)


# --------------------------------------------------------------------------- fields printed as glued inline lines


def _masthead(meta: str) -> str:
    """A theme that prints the heading's fields as sibling spans (made lines by its CSS), outside the article."""
    return (
        "<html><body><header class='masthead'><div class='heading'><h1>Vänorter</h1>"
        f"<span class='lead'>Kommunen har tre vänorter.</span>{meta}</div></header>"
        "<article><div class='text'><p>Vänorterna ligger i Norden.</p><p>Utbyten sker varje år.</p></div></article>"
        "</body></html>"
    )


def test_a_stamp_glued_to_the_lead_by_markup_is_read() -> None:
    """ "…vänorter.</span><span>Sidan granskad den 4 juni 2024</span>": a new sentence in a new element,
    with no space between, is a new line (as the theme shows it), so the stamp opens its line."""
    html = _masthead("<span class='meta'>Sidan granskad den 4 juni 2024</span>")
    assert extract_record(html, "https://www.exempel.se/vanorter").review_date == "2024-06-04"


def test_only_an_element_boundary_after_a_sentence_makes_a_line() -> None:
    """Words in one text node, or an element that does not start a sentence, stay on the line."""
    body = BeautifulSoup(
        "<p><span>Mer på exempel.se.</span><span>sidan granskad</span></p>"
        "<p>Se beslut.Sidan granskad 2024-01-02</p><p><b>Obs!</b><i>Stängt</i></p>",
        "lxml",
    ).body
    assert body is not None
    assert [text for _, _, text in iter_units(body)] == [
        "Mer på exempel.se.sidan granskad",
        "Se beslut.Sidan granskad 2024-01-02",
        "Obs!\nStängt",
    ]


@pytest.mark.parametrize("label", ["Sidan senast ändrad:", "Senast uppdaterad 2024-03-01"])
def test_a_stamp_line_above_a_page_owner_is_not_their_role(label: str) -> None:
    """ "Sidan senast ändrad:" (a label with no date, as real pages print it) over "Sidansvarig: <namn> <tfn>"
    is the stamp's line, never the page owner's role, whether the two are one unit or two."""
    for foot in (f"<p>{label}</p><p>Sidansvarig: Per Holm 0498-20 13 37</p>",
                 f"<p>{label}<br>Sidansvarig: Per Holm 0498-20 13 37</p>"):  # fmt: skip
        html = f"<main><h1>Besök</h1><p>Vi tar emot grupper från andra länder.</p><div class='sig'>{foot}</div></main>"
        record = extract_record(html, "https://www.exempel.se/besok")
        assert record.contacts == (Contact(name="Per Holm", role=None, email=None, phone="+46498201337"),), foot


_CONTACT_FOOT = (
    "<main><h1>Vänorter</h1><p>Kommunen har fyra vänorter.</p><h2>Kontakt</h2>{under}</main><p class='x'>Sidfot</p>"
)


@pytest.mark.parametrize(
    ("under", "heading_is_prose"),
    [
        ("<p>Per Lind<br>Internationell samordnare<br>Telefon: 0345-12 34 56</p>", False),
        ("", False),  # a template's contact box before anyone is named in it
        ("<p>Uppdaterad 9 december 2024</p>", False),  # only the page's foot under it
        ("<p>Har du frågor om vänorterna? Ring oss gärna.</p><p>Per Lind, 0345-12 34 56</p>", True),
    ],
    ids=["contact", "empty", "stamp", "prose"],
)
def test_a_heading_that_labels_only_contacts_is_their_label(under: str, heading_is_prose: bool) -> None:
    """A "Kontakt" heading over contacts only (or nothing yet) is no block: adding the first contact under it, or
    a theme moving the contact box out of the main content, changes the contacts alone. Over prose it is prose."""
    record = extract_record(_CONTACT_FOOT.format(under=under), "https://www.exempel.se/vanorter")
    assert (Block("h", "Kontakt") in record.blocks) is heading_is_prose


def test_a_heading_between_two_addresses_parts_them() -> None:
    """An office's phone in one section and a chair's e-mail in the next are not one contact: a heading opens a
    new section, so the run of contact lines before it ends there (as a wrapper round either section would)."""
    html = (
        "<main><h1>Vänorter</h1><h2>Våra vänorter</h2><p>Vänortskontoret i Haugesund nås på +47 52 70 12 34.</p>"
        "<h2>Föreningar</h2><p>Föreningen Norden ordnar resor. Ordförande är Britt Ahl, britt.ahl@norden.example.</p>"
        "</main>"
    )
    record = extract_record(html, "https://www.exempel.se/vanorter")
    assert all(not (c.email and c.phone) for c in record.contacts), record.contacts
