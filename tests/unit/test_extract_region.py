"""Extraction on BeautifulSoup: the lxml cut, soupsieve overrides, tag identity (its speed: benchmarks/extract.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import soupsieve
from bs4 import BeautifulSoup

from crawler.extract import extract_record, validate_selector
from crawler.extract.region import cut_region
from crawler.record import Block, Contact
from crawler.registry import SitesFileError, load_sites
from simweb.municipal.builders import sitevision_page

MENU = "".join(f'<li><a href="/omrade-{i}/">Område {i}</a></li>' for i in range(300))
PAGE = f"""<!DOCTYPE html><html lang="sv"><head><title>EU-arbete - Kommunen</title>
<script>var config = {{"a": "{"x" * 5000}"}};</script></head><body>
<nav class="menu"><ul>{MENU}</ul></nav>
<div class="top">Logotyp</div>
<div id="wrap">
  <section><h2>Notiser i korthet</h2><p>Notis ett.</p></section>
  <section class="col"><h1>EU-arbete</h1><p>Kommunen söker EU-medel.</p>
    <p class="tips">Dagens tips: cykla</p>Efter tipset.</section>
  <section class="col"><p>Tredje kolumnen.</p></section>
</div>
<main><p>Fel ställe</p></main>
</body></html>"""


def test_cut_region_is_small_and_holds_what_extraction_reads() -> None:
    """The soup is built from a few KB: no mega-menu, scripts or contact centre; content and card stay."""
    html, _ = sitevision_page()
    region = cut_region(html)
    assert len(region.markup) * 10 < len(html)
    assert "Internationellt arbete" in region.markup and "Isak Johansson" in region.markup
    assert "<script" not in region.markup and "<nav" not in region.markup
    assert "Kontaktcenter" not in region.markup
    assert region.raw_title.startswith("Internationellt arbete")


@pytest.mark.parametrize(
    ("main", "blocks"),
    [
        ("#wrap > section:nth-child(2)", (Block("p", "Kommunen söker EU-medel."), Block("p", "Efter tipset."))),
        ("section:has(> h1)", (Block("p", "Kommunen söker EU-medel."), Block("p", "Efter tipset."))),
        ("body > :nth-child(3) > .col ~ .col", (Block("p", "Tredje kolumnen."),)),
        (
            "body > div:nth-of-type(2)",
            (
                Block("h", "Notiser i korthet"),
                Block("p", "Notis ett."),
                Block("p", "Kommunen söker EU-medel."),
                Block("p", "Efter tipset."),
                Block("p", "Tredje kolumnen."),
            ),
        ),
    ],
)
def test_overrides_mean_what_soupsieve_means_on_the_whole_page(main: str, blocks: tuple[Block, ...]) -> None:
    """Structural and soupsieve-only selectors pick the element soupsieve picks on a full soup of the page
    (the hollowed mega-menu still counts as a sibling); an ignored element's tail text stays."""
    on_full_page = soupsieve.select(main, BeautifulSoup(PAGE, "lxml"))
    assert on_full_page, main
    assert all(b.text in " ".join(on_full_page[0].get_text().split()) for b in blocks)
    record = extract_record(PAGE, "https://x.se/", main=main, ignore=['p:-soup-contains("Dagens tips")'])
    assert record.blocks == blocks
    assert record.title == "EU-arbete"
    assert "data-kv-i" not in cut_region(PAGE, main=main).markup


def test_identical_paragraphs_inside_and_outside_main_are_told_apart() -> None:
    """bs4 tags compare by markup: the aside's copy of a paragraph must not become content."""
    html = """<html><body><main><h1>T</h1><p>Samma text.</p></main>
    <aside><p>Samma text.</p><div class="contact"><p>Ida Ek</p><p>ida@amal.se</p></div></aside></body></html>"""
    record = extract_record(html, "https://www.amal.se/x/")
    assert record.blocks == (Block("p", "Samma text."),)
    assert record.contacts == (Contact("Ida Ek", None, "ida@amal.se", None),)


GOOD = '- id: a\n  name: A\n  code: "0114"\n  home: https://a.se/\n'


@pytest.mark.parametrize(
    "selector",
    [":is(.a, .b) > p", 'p:-soup-contains("x")', "div:has(> h1)", "li:nth-child(2 of .x)", "main .sv-text-portlet"],
)
def test_loader_and_extraction_accept_the_same_selectors(tmp_path: Path, selector: str) -> None:
    path = tmp_path / "sites.yaml"
    path.write_text(GOOD + f"  main: '{selector}'\n", encoding="utf-8")
    (site,) = load_sites(path)
    validate_selector(selector)
    html = '<html><body><main><h1>T</h1><div class="a"><p>Text x.</p></div></main></body></html>'
    assert extract_record(html, "https://a.se/", main=site.main).title == "T"


@pytest.mark.parametrize("selector", ["div[[", "p >> ", ":nope(1)", "main >>> p["])
def test_loader_and_extraction_refuse_the_same_selectors(tmp_path: Path, selector: str) -> None:
    path = tmp_path / "sites.yaml"
    path.write_text(GOOD + f"  main: '{selector}'\n", encoding="utf-8")
    with pytest.raises(SitesFileError, match="invalid CSS selector"):
        load_sites(path)
    with pytest.raises(ValueError, match="invalid CSS selector"):
        validate_selector(selector)


def test_page_without_body_tag_keeps_its_html5_content() -> None:
    """libxml2 puts <nav>/<main> after a <title> into <head> when <body> is omitted; they are still the page."""
    html = "<!doctype html><title>EU - Kommunen</title><nav><a href='/'>Start</a></nav>"
    html += "<main><h1>EU</h1><p>Text.</p></main>"
    record = extract_record(html, "https://x.se/")
    assert record.title == "EU"
    assert record.blocks == (Block("p", "Text."),)


def test_docstring_examples() -> None:
    import doctest

    import crawler.extract.overrides
    import crawler.extract.region

    for module in (crawler.extract.overrides, crawler.extract.region):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_worker_threads_get_the_same_records() -> None:
    """The crawl extracts in worker threads: per-thread parsers, no shared mutable state between pages."""
    from concurrent.futures import ThreadPoolExecutor

    pages = [sitevision_page(kb) for kb in (20, 60, 130)] + [(PAGE, "https://x.se/")]
    jobs = [(html, url, {"main": "section:has(> h1)"} if url == "https://x.se/" else {}) for html, url in pages] * 6
    expected = [extract_record(html, url, **kw) for html, url, kw in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda job: extract_record(job[0], job[1], **job[2]), jobs))
    assert got == expected


def test_a_page_with_overrides_reads_like_one_without() -> None:
    """Overrides that match nothing change nothing: the pruned selector soup is the same region as the
    serialised cut (text after removed elements, whitespace, documents, contacts) on every corpus page."""
    from corpus.build import all_pairs

    for pair in all_pairs():
        for html in (pair.html_old, pair.html_new):
            plain = extract_record(html, pair.url)
            assert extract_record(html, pair.url, ignore=[".kv-matches-nothing"]) == plain, pair.id
            assert extract_record(html, pair.url, main="kv-no-such-element") == plain, pair.id


@pytest.mark.parametrize("overrides", [{}, {"ignore": [".kv-matches-nothing"]}, {"ignore": ["sup"]}])
def test_a_removed_element_keeps_the_space_after_it(overrides: dict) -> None:
    """Boilerplate or an ignored element between two words must not glue them together."""
    html = """<html><body><main><h1>T</h1><p><b>EU</b><span class="visually-hidden">(extern länk)</span>
    <i>medel</i><sup>1</sup> söks.</p></main></body></html>"""
    expected = "EU medel söks." if "ignore" in overrides and overrides["ignore"] == ["sup"] else "EU medel1 söks."
    assert extract_record(html, "https://x.se/", **overrides).blocks == (Block("p", expected),)


_THEMED = """<!DOCTYPE html><html lang="sv"><head><title>EU-arbete - Kommunen</title></head><body>
<div class="cookie-banner"><p>Vi använder kakor.</p><a href="/kakor">Läs mer</a></div>
<div class="site-header"><a href="/">Kommunen</a>
 <div class="menu"><a href="/a">Omsorg</a><a href="/b">Skola</a></div></div>
<div class="layout has-sidebar">
 <article class="page">
  <h1>EU-arbete</h1>
  <div class="entry-content {wrap}"><p>Kommunen söker EU-medel.</p><p>Vi har tre vänorter.</p></div>
  <footer class="entry-footer"><p class="last-updated">Senast uppdaterad:
   <time datetime="2024-05-17">17 maj 2024</time></p></footer>
 </article>
 <aside><div class="news-list page-content"><h2>Nytt</h2><ul><li><a href="/n/1">Ny lekplats</a></li></ul></div>
  <div class="contact-center"><p>Kontakta oss på 0771-10 10 10</p></div></aside>
</div>
<div class="site-footer"><p>Kommunen, Storgatan 1</p><a href="/om">Om webbplatsen</a></div>
</body></html>"""


@pytest.mark.parametrize("wrap", ["", "toolbar-offset", "news-article", "sv-article-footer", "social-share-wrap"])
def test_class_names_inside_the_article_cannot_remove_content(wrap: str) -> None:
    """A stamp in the article's own footer and paragraphs in a wrapper whose class says furniture stay;
    the site's cookie banner, menu, news list (even named like content), contact centre and footer go."""
    record = extract_record(_THEMED.replace("{wrap}", wrap), "https://www.kommun.se/eu")
    assert record.blocks == (Block("p", "Kommunen söker EU-medel."), Block("p", "Vi har tre vänorter."))
    assert record.review_date == "2024-05-17"
    region = cut_region(_THEMED.replace("{wrap}", wrap)).markup
    for furniture in ("kakor", "Omsorg", "Ny lekplats", "0771", "Storgatan"):
        assert furniture not in region


def test_a_content_name_on_a_teaser_does_not_become_the_main_box() -> None:
    """Without <main>/<article>, a ``page-content`` class on a news teaser (no h1) is not the main box."""
    html = """<html><body><div class="wrap"><div class="col"><h1>EU-arbete</h1><p>Kommunen söker EU-medel.</p>
    <p>Vi har tre vänorter i Europa och ett nätverk i Norden.</p></div>
    <div class="col"><div class="page-content"><p>Ny lekplats invigd</p></div></div></div></body></html>"""
    record = extract_record(html, "https://www.kommun.se/eu")
    assert Block("p", "Kommunen söker EU-medel.") in record.blocks
    assert Block("p", "Ny lekplats invigd") not in record.blocks


_SHORT = """<html><head><title>Vänorter - Kommunen</title></head><body><div id="wrapper">
<div id="top"><a href="/2.1.html">Invånare</a> | <a href="/2.2.html">Näringsliv</a> | <a href="/2.3.html">Politik</a>
<div id="datum">{today}</div></div>
<div id="kris"><p>{banner}</p></div>
<div id="col"><div class="artikel"><h1>Vänorter</h1><p>Vi har en vänort i Finland.</p>
<p>Senast uppdaterad 14 aug 2023</p></div></div>
</div></body></html>"""


@pytest.mark.parametrize(
    ("today", "banner"),
    [
        ("Onsdag 19 december 2018", "Eldningsförbud råder i hela kommunen från och med i dag."),
        ("Torsdag 20 december 2018", "Vattenläcka på Storgatan: räkna med lågt tryck under förmiddagen hela veckan."),
    ],
)
def test_what_comes_before_the_title_does_not_widen_a_short_article(today: str, banner: str) -> None:
    """On a short page without <main> or <article>, an unnamed top menu, date line and crisis banner before
    the <h1> outweigh the article; they are passed on the way to the title, not part of what follows it."""
    record = extract_record(_SHORT.format(today=today, banner=banner), "https://www.kommun.se/2.4.html")
    assert record.blocks == (Block("p", "Vi har en vänort i Finland."),)
    assert record.review_date == "2023-08-14"


def test_a_cookie_sentence_inside_the_body_takes_only_itself() -> None:
    """A cookie notice pasted into the body text goes; the paragraphs and contact table around it stay."""
    html = """<html><body><main><h1>EU</h1><div class="text"><p>Vi söker EU-medel för landsbygden.</p>
    <p>Vi använder kakor för att förbättra webbplatsen.</p><h2>Kontakt</h2>
    <table><tr><th>Namn</th><th>Roll</th><th>Telefon</th><th>E-post</th></tr>
    <tr><td>Sara Öberg</td><td>EU-samordnare</td><td>0563-54 12 01</td><td>sara.oberg@kommun.se</td></tr></table>
    </div></main></body></html>"""
    record = extract_record(html, "https://www.kommun.se/eu")
    assert Block("p", "Vi söker EU-medel för landsbygden.") in record.blocks
    assert all("kakor" not in b.text for b in record.blocks)
    assert record.contacts == (Contact("Sara Öberg", "EU-samordnare", "sara.oberg@kommun.se", "+46563541201"),)


@pytest.mark.parametrize("name", ["krisinformation", "crisis-banner", "site-notice", "driftinfo"])
def test_a_crisis_box_outside_the_article_is_furniture(name: str) -> None:
    """A crisis or outage box the site shows beside the article (named so) gives no contact and no text."""
    html = f"""<html><body><div class="wrap"><div class="{name}"><h2>Vattenläcka</h2>
    <p>Frågor om vattenläckan? Ring felanmälan på 0123-45 67 89.</p></div>
    <div class="col"><h1>EU-arbete</h1><p>Kommunen söker EU-medel för landsbygden.</p></div></div></body></html>"""
    record = extract_record(html, "https://www.kommun.se/eu")
    assert record.blocks == (Block("p", "Kommunen söker EU-medel för landsbygden."),)
    assert record.contacts == ()
    assert "Vattenläcka" not in cut_region(html).markup


_TABLE_LAYOUT = """<html><head><title>Vänort - Kommunen</title></head><body bgcolor="#ffffff">
<table width="980" class="ram">
<tr><td colspan="3" class="topp"><a href="/"><img src="/logo.gif" alt="Kommunen"></a>
<span>Idag är det {today}</span></td></tr>
<tr><td colspan="3" class="kris"><b>Krisinformation:</b> {banner}</td></tr>
<tr><td class="vanster"><table>{menu}</table></td>
<td class="mitt"><div class="brodsmulor"><a href="/">Startsida</a> &raquo; Vänort i Estland</div>
<h1>Vänort i Estland</h1><div class="brodtext{wrap}"><p>Sedan 1992 är vi vänort med Käru.</p>
<p>Utbytet sköts av föreningen</p></div><div><p>Senast uppdaterad 7 sep 2023</p></div></td></tr>
<tr><td colspan="3"><table><tr><td><b>Nyheter</b></td></tr>{news}</table></td></tr>
<tr><td colspan="3" class="sidfot">Kommunen | Box 500 | 123 70 Exempelstad | Tel 0123-70 000
| Org.nr 212000-7777</td></tr>
</table></body></html>"""


@pytest.mark.parametrize(
    ("today", "banner", "news", "wrap"),
    [
        ("måndag 18 november 2024", "Eldningsförbud råder i hela kommunen.", ("Ny förskola", "Sommarjobb"), ""),
        ("tisdag 19 november 2024", "Vattenläcka på Storgatan.", ("Julmarknad på torget den första advent",), ""),
        ("tisdag 19 november 2024", "Vattenläcka på Storgatan.", ("Ny förskola",), " banner-below"),
    ],
)
def test_a_table_layout_page_reads_its_content_cell(today: str, banner: str, news: tuple[str, ...], wrap: str) -> None:
    """An old table-layout site: the cell around the <h1> is the content, not the whole layout table. The menu
    cell and the news row are link text, the footer cell is named so (a cell is a box of the layout), and a
    furniture word a theme puts on the body text beside the <h1> does not push the content out."""
    menu = "".join(f'<tr><td class="vmeny"><a href="/2.{i}.html">Område {i}</a></td></tr>' for i in range(6))
    items = "".join(
        f'<tr><td class="puff"><a href="/4.{i}.html">{t}</a><br>2024-11-0{i + 1}</td></tr>' for i, t in enumerate(news)
    )
    html = _TABLE_LAYOUT.format(today=today, banner=banner, menu=menu, news=items, wrap=wrap)
    record = extract_record(html, "https://www.kommun.se/2.412.html")
    assert record.blocks == (Block("p", "Sedan 1992 är vi vänort med Käru."), Block("p", "Utbytet sköts av föreningen"))
    assert record.review_date == "2023-09-07"
    assert record.contacts == ()


_SIDEBAR = """<html><body><div class="row"><main><h1>EU och internationellt</h1>
<p>Kommunen driver två projekt med stöd från regionalfonden.</p></main>
<aside class="sidebar"><div class="block contactblock"><h2>Kontakt</h2>{open}<p><strong>Linnea Sjöholm</strong><br>
EU-samordnare<br>Telefon: 0470-71 23 45<br>E-post: linnea.sjoholm@kommun.se</p>{close}</div></aside></div>
<div class="site-footer"><p>Kommunen, Storgatan 1, 0123-20 00 00</p><a href="/om">Om webbplatsen</a></div>
</body></html>"""


@pytest.mark.parametrize(
    "name", ["", "article-footer alignwide", "post-footer", "toolbar-offset", "has-sidebar", "banner-below"]
)
def test_a_state_or_part_name_on_a_sidebar_wrapper_is_not_furniture(name: str) -> None:
    """A theme's wrapper in a sidebar contact box named for a state of the layout or a part of an article
    ("has-sidebar", "banner-below", "article-footer") does not take the contact with it; the site footer,
    whose name is what it is, still goes."""
    html = _SIDEBAR.format(open=f'<div class="{name}">' if name else "", close="</div>" if name else "")
    record = extract_record(html, "https://www.kommun.se/eu")
    assert record.contacts == (Contact("Linnea Sjöholm", "EU-samordnare", "linnea.sjoholm@kommun.se", "+46470712345"),)
    assert "Storgatan" not in cut_region(html).markup


_DOCS = """<html><body><main><h1>Internationellt</h1><p>Kommunen har vänorter i Norden.</p>
{open}<h2>Styrande dokument</h2><ul><li><a href="/policy.pdf">Policy (pdf, 95 kB)</a></li></ul>{close}
<h2>Kontakt</h2>{copen}<p>Anna Ek<br>Internationell samordnare<br>0123-45 67 89</p>{cclose}
<p>Senast uppdaterad 2024-05-17</p></main></body></html>"""


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_heading_that_labelled_only_documents_is_not_prose(wrapped: bool) -> None:
    """A heading whose documents left the text labelled them, whether or not a theme wraps heading and list in a
    box of their own: the record is the same."""
    parts = {"open": "", "close": "", "copen": "", "cclose": ""}
    if wrapped:
        parts = {"open": '<div class="sv-layout">', "close": "</div>", "copen": "<section>", "cclose": "</section>"}
    record = extract_record(_DOCS.format(**parts), "https://www.kommun.se/int")
    # "Kontakt" labels only the contact (and the stamp): their label, no block either
    assert record.blocks == (Block("p", "Kommunen har vänorter i Norden."),)
    assert [d.title for d in record.documents] == ["Policy"]
    assert record.contacts == (Contact("Anna Ek", "Internationell samordnare", None, "+46123456789"),)
    assert record.review_date == "2024-05-17"


_TITLE_ROW = """<html><body><div class="container"><div class="grid">
<div class="row">{open}<div class="column"><h1>Internationella kontakter</h1></div>{close}</div>
<div class="row"><div class="column wide"><p>Kommunen tar emot studiebesök från andra länder.</p>
<p>Under året kom delegationer från Litauen och Irland.</p><h3>Kontakt</h3>
<p>Ida Fransson<br>Internationell koordinator<br>Telefon: 0660-28 41 00</p></div></div>
</div></div></body></html>"""


@pytest.mark.parametrize(
    "wrapper", ['<div class="page-content">', '<div id="content">', '<section class="main-content">']
)
def test_a_content_name_on_the_title_row_alone_does_not_shut_the_text_out(wrapper: str) -> None:
    """A theme's wrapper round the title row that says "content" holds none of what the page says: the text in
    the next row is still the page's (and reads the same as without the wrapper)."""
    close = "</section>" if wrapper.startswith("<section") else "</div>"
    plain = extract_record(_TITLE_ROW.format(open="", close=""), "https://www.exempel.se/kontakter")
    named = extract_record(_TITLE_ROW.format(open=wrapper, close=close), "https://www.exempel.se/kontakter")
    assert named == plain
    assert [b.text for b in named.blocks][:2] == [
        "Kommunen tar emot studiebesök från andra länder.",
        "Under året kom delegationer från Litauen och Irland.",
    ]


_WIDGET = """<html><body><main><h1>Vänorter</h1><p>Kommunen har två vänorter i Polen och Finland.</p></main>
<div class="widget-area"><aside class="widget">{open}<h3 class="widget-title">Kontakt</h3>{close}
<ul><li>Kommunledningskontoret</li><li>Per Lind</li><li>Bitr. kommundirektör</li><li>Tfn 0345-12 34 56</li></ul>
</aside></div></body></html>"""


@pytest.mark.parametrize("wrapper", [("<section class='grid'>", "</section>"), ("<div><div>", "</div></div>")])
def test_a_contact_heading_wrapped_alone_still_labels_what_follows(wrapper: tuple[str, str]) -> None:
    """A theme that wraps the "Kontakt" heading alone (a title bar) does not cut it off from the lines it labels."""
    plain = extract_record(_WIDGET.format(open="", close=""), "https://www.exempel.se/vanorter")
    wrapped = extract_record(_WIDGET.format(open=wrapper[0], close=wrapper[1]), "https://www.exempel.se/vanorter")
    assert [c.name for c in plain.contacts] == ["Per Lind"]
    assert wrapped == plain


@pytest.mark.parametrize("name", ["social-ready", "has-share", "with-sharing"])
def test_a_widget_word_as_a_layout_state_does_not_make_a_widget(name: str) -> None:
    """Inside the article, a wrapper named for a state ("social-ready") round a document link is no share
    widget: the document stays; a real share widget ("share-buttons") still goes."""
    html = (
        "<main><h1>EU-projekt</h1><p>Projektet avslutades 2022. Slutrapporten finns nedan.</p>"
        f"<section class='{name}'><p><a href='/media/slutrapport.pdf'>Slutrapport (pdf, 1 MB)</a></p></section>"
        "<div class='share-buttons'><a href='https://facebook.example/share'>Dela</a></div></main>"
    )
    record = extract_record(html, "https://www.exempel.se/eu-projekt")
    assert [d.title for d in record.documents] == ["Slutrapport"]
    assert all("Dela" not in b.text for b in record.blocks)


def test_a_form_inside_the_article_is_interface_but_a_form_round_the_page_is_not() -> None:
    """A feedback form's question and hint are no content, wherever a theme puts the form; a WebForms page
    (one ``<form>`` round everything) still reads its text."""
    text = "<h1>Vänorter</h1><p>Kommunen har fyra vänorter i Norden.</p><p>Utbyten sker inom skola och kultur.</p>"
    feedback = (
        "<div class='portlet'><form action='/feedback' method='post'><label>Vad kan vi göra bättre?</label>"
        "<p>Vi svarar inte på frågor här.</p></form></div>"
    )
    inside = extract_record(f"<main>{text}{feedback}</main>", "https://www.exempel.se/vanorter")
    assert [b.text for b in inside.blocks] == [
        "Kommunen har fyra vänorter i Norden.",
        "Utbyten sker inom skola och kultur.",
    ]
    long = "<p>" + "Samarbetet omfattar skola, kultur, näringsliv och miljö. " * 10 + "</p>"
    webforms = f"<form id='aspnetForm' action='/sida.aspx' method='post'><div id='content'>{text}{long}</div></form>"
    page = extract_record(f"<body>{webforms}</body>", "https://www.exempel.se/vanorter")
    assert [b.text for b in page.blocks][:2] == [b.text for b in inside.blocks]


_LEAKED = """<main><h1>EU-medel</h1><p>Kommunen söker EU-medel för landsbygden.</p>{open}
<p>Vi använder kakor för att förbättra webbplatsen.</p><h2>Kontaktpersoner</h2>
<table><tr><th>Namn</th><th>Roll</th><th>Telefon</th></tr>
<tr><td>Sara Öberg</td><td>EU-samordnare</td><td>0563-54 12 01</td></tr>
<tr><td>Viktor Hed</td><td>Landsbygdsutvecklare</td><td>0563-54 12 90</td></tr></table>{close}
<p>Frågor om ansökan besvaras av samordnaren.</p></main>"""


@pytest.mark.parametrize(
    "wrapper", [("", ""), ("<section id='wrapper'>", "</section>"), ("<div><div>", "</div></div>")]
)
def test_a_wrapper_opening_with_a_leaked_cookie_line_is_not_a_cookie_box(wrapper: tuple[str, str]) -> None:
    """A theme's wrapper round a leaked cookie line and the section after it opens with the cookie phrase, but
    it holds a heading: it is a section the phrase merely opens, so only the cookie line goes; the contacts and
    their heading read as without the wrapper."""
    record = extract_record(_LEAKED.format(open=wrapper[0], close=wrapper[1]), "https://www.exempel.se/eu")
    plain = extract_record(_LEAKED.format(open="", close=""), "https://www.exempel.se/eu")
    assert [c.name for c in record.contacts] == ["Sara Öberg", "Viktor Hed"]
    assert record == plain
    assert all("kakor" not in b.text for b in record.blocks)


_FOOTED = """<body><div class="grid">{open}<div class="row"><h1>Internationellt</h1></div>
<div class="row"><p>Kommunen samarbetar med Kreis Oberwald om yrkesutbildning.</p>
<p>Kommunen är också med i det regionala EU-nätverket och i två projekt.</p></div>{close}
<div class="row"><div class="page-footer"><p>Senast uppdaterad: 2023-09-14</p>
<p>Sidansvarig: Eva Holm 0372-123 45</p></div></div></div></body>"""


@pytest.mark.parametrize(
    "wrapper", [("", ""), ("<section class='block'>", "</section>"), ("<div><div>", "</div></div>")]
)
def test_a_theme_wrapping_title_and_text_keeps_the_article_foot(wrapper: tuple[str, str]) -> None:
    """The stamp and page owner at the article's foot stay the page's when a theme wraps the title and the text
    without them (their "page-footer" name is then outside that wrapper)."""
    record = extract_record(_FOOTED.format(open=wrapper[0], close=wrapper[1]), "https://www.exempel.se/int")
    assert record.review_date == "2023-09-14"
    assert [c.name for c in record.contacts] == ["Eva Holm"]
    assert record == extract_record(_FOOTED.format(open="", close=""), "https://www.exempel.se/int")


_CENTRE = """<main><h1>Internationellt</h1><p>Staden arbetar med internationella frågor.</p>
<div class="box">{a}<h2>Kontaktcenter - en väg in</h2>{b}<h3>Öppettider</h3><p>Måndag–fredag 8–16</p>{c}
<p><a href="/kc/">Vad kan vi hjälpa dig med?</a></p><h3>Besök oss</h3><p>Storgatan 9, 461 83 Staden</p></div>
<p>Kommunen har fyra vänorter.</p></main>"""


@pytest.mark.parametrize(
    "wrap",
    [("", "", ""), ("<div>", "</div>", ""), ("<section>", "", "</section>"), ("<div><div>", "</div></div>", "")],
    ids=["plain", "title-bar", "first-section", "nested-title-bar"],
)
def test_a_heading_phrase_takes_its_whole_section_whatever_the_wrappers(wrap: tuple[str, str, str]) -> None:
    """A box the heading "Kontaktcenter…" opens goes whole, whether a theme wraps the heading alone or with the
    first part of the box: the box of a heading is its section, up to a heading of its level."""
    record = extract_record(_CENTRE.format(a=wrap[0], b=wrap[1], c=wrap[2]), "https://www.exempel.se/int")
    assert [b.text for b in record.blocks] == [
        "Staden arbetar med internationella frågor.",
        "Kommunen har fyra vänorter.",
    ]


def test_a_wrapper_round_a_boilerplate_box_and_the_text_after_it_keeps_the_text() -> None:
    """A theme's wrapper round the contact-centre box and the body text after it opens with the phrase, but the
    text it adds is no part of the heading's section (no subsection of it): only the box goes."""
    body = "".join(
        f"<p>Stycke {i} om stadens internationella arbete, dess vänorter och dess projekt.</p>" for i in range(4)
    )
    html = _CENTRE.replace('<div class="box">', '<section id="wrapper"><div class="box">').replace(
        "<p>Kommunen har fyra vänorter.</p>", f"{body}</section><p>Kommunen har fyra vänorter.</p>"
    )
    record = extract_record(html.format(a="", b="", c=""), "https://www.exempel.se/int")
    texts = [b.text for b in record.blocks]
    assert texts[0] == "Staden arbetar med internationella frågor." and len(texts) == 6
    assert all("Storgatan" not in t and "Öppettider" not in t for t in texts)


_HOURS = """<main><h1>Internationellt</h1><p>Kommunen har vänorter i Finland och Estland.</p></main>
<aside><div class="widget"><h2>Kontakt</h2>{a}<p>Servicecentret</p>{b}<h3>Öppettider</h3>{c}
<p>Besökstid Staden<br>Måndag-fredag 07.30-16.00<br>Besökstid Byn<br>Stängt<br>Telefontid<br>Måndag-torsdag
08.00-16.30<br>Fredag 08.00-16.00<br>Dag före röd dag och klämdag 08.00-13.00</p>
<h3>Besöksadress</h3><p>Storgatan 26, Staden</p></div></aside>"""


@pytest.mark.parametrize(
    "wrap",
    [("", "", ""), ("<section>", "", "</section>"), ("<div><div>", "", "</div></div>"), ("", "<div>", "</div>")],
    ids=["plain", "section", "nested", "heading-alone"],
)
def test_a_boilerplate_heading_wrapped_by_a_theme_still_takes_its_section(wrap: tuple[str, str, str]) -> None:
    """ "Öppettider" takes its lines with it though a theme's wrapper ends right after the heading: its section
    goes on after the wrapper up to the next heading of its level, so opening hours are never read as people."""
    html = _HOURS.format(a=wrap[0], b=wrap[1], c=wrap[2])
    record = extract_record(html, "https://www.exempel.se/int")
    assert record.contacts == ()
    assert "Besökstid" not in cut_region(html).markup and "Storgatan" in cut_region(html).markup
    assert record == extract_record(_HOURS.format(a="", b="", c=""), "https://www.exempel.se/int")


def test_a_boilerplate_heading_at_a_box_end_takes_nothing_after_the_box() -> None:
    """A text box ending with "Relaterade sidor" and its links does not take the stamp after the box: nothing
    closes that section after it, so nothing there is known to be in it."""
    html = (
        "<main><h1>Vänorter</h1><div class='text'><p>Kommunen har vänorter i Norden.</p><h2>Relaterade sidor</h2>"
        "<ul><li><a href='/eu/'>EU-arbete</a></li></ul></div><div class='foot'><p>Senast uppdaterad 2024-05-17</p>"
        "</div></main>"
    )
    record = extract_record(html, "https://www.exempel.se/vanorter")
    assert record.review_date == "2024-05-17"
    assert [b.text for b in record.blocks] == ["Kommunen har vänorter i Norden."]


_COLUMNS = """<html><head><title>Vänorter - Kommunen</title></head><body><div id="wrap">
<div id="left"><ul><li><a href="/vanorter/">Vänorter</a></li><li><a href="/eu/">EU-projekt</a></li></ul></div>
<div id="text"><h1>Vänorter</h1><p>Kommunen har två vänorter, en i Lettland och en i Norge.</p>
<p>Utbytet gäller skola, idrott och kultur. Frågor besvarar Eva Ek, telefon 0522-69 60 10.</p></div>
<div id="right"><h2>Kontakt</h2>{cards}</div>
</div></body></html>"""
_PEOPLE = (
    ("Bo Lindahl", "Kultursekreterare", 21), ("Ingrid Moberg", "Fritidskonsulent", 22),
    ("Hedda Rask", "Ungdomssamordnare", 23), ("Nils Berg", "Idrottskonsulent", 24),
)  # fmt: skip
_CARDS = [
    f"<p><strong>{name}</strong><br>{role}<br>Tfn: 0522-69 60 {n}<br>E-post: {name.split()[0].lower()}@kommun.se</p>"
    for name, role, n in _PEOPLE
]


@pytest.mark.parametrize("n", [1, 2, 4])
def test_contact_cards_beside_the_article_never_move_the_main_box(n: int) -> None:
    """On a page without <main> or <article>, a side column of contact cards (lines under a "Kontakt" heading)
    grows and shrinks as people come and go; the article stays the main box whatever their number, and the
    side column's menu never becomes text."""
    record = extract_record(_COLUMNS.format(cards="".join(_CARDS[:n])), "https://www.kommun.se/vanorter/")
    assert [b.text for b in record.blocks] == [
        "Kommunen har två vänorter, en i Lettland och en i Norge.",
        "Utbytet gäller skola, idrott och kultur. Frågor besvarar Eva Ek, telefon 0522-69 60 10.",
    ]
    assert [c.name for c in record.contacts if c.email] == [p[0] for p in _PEOPLE[:n]]
