"""Discovery's pure parts: scoring against decoys, page evidence, sitemaps."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.discover.evidence import parse_page
from crawler.discover.scoring import (
    CONFIDENT_SCORE,
    TOPIC_SLUGS,
    Candidate,
    is_topic_slug,
    is_topic_title,
    link_prescore,
    names_several_topics,
    propose,
    score_candidate,
    topic_segments,
)
from crawler.discover.sitemaps import parse_sitemap
from crawler.extract.urls import clean_url

BODY = (
    "Kommunens internationella arbete omfattar vänorter, EU-projekt och en internationell strategi. "
    "Den internationella samordnaren ansvarar för nätverk och partnerskap i Europa."
)


def true_page(url: str = "https://k.se/kommun-och-politik/internationellt-arbete/") -> Candidate:
    return Candidate(
        url,
        link_texts=("Internationellt arbete",),
        title="Internationellt arbete - Kommunen",
        h1="Internationellt arbete",
        text=BODY,
        fetched=True,
    )


DECOYS = {
    "news": Candidate(
        "https://k.se/nyheter/2024/kommunen-starker-sitt-internationella-arbete/",
        title="Kommunen stärker sitt internationella arbete",
        h1="Kommunen stärker sitt internationella arbete",
        text=BODY,
        fetched=True,
    ),
    "event": Candidate(
        "https://k.se/evenemang/internationella-kvinnodagen-2025/",
        h1="Internationella kvinnodagen 2025",
        text="Ett internationellt program med föreläsningar.",
        fetched=True,
    ),
    "english": Candidate(
        "https://k.se/en/international-cooperation/",
        h1="International cooperation",
        lang="en",
        text="The municipality works with twin towns and EU projects.",
        fetched=True,
    ),
    "adoption": Candidate(
        "https://k.se/omsorg/familj/internationell-adoption/",
        h1="Internationell adoption",
        text="Internationell adoption förmedlas av auktoriserade organisationer.",
        fetched=True,
    ),
    "school": Candidate(
        "https://k.se/barn-och-utbildning/gymnasieskola/kgymnasiet/internationellt-arbete/",
        link_texts=("Internationellt arbete",),
        h1="Internationellt arbete",
        text=BODY + " Erasmus+ och utbyten för elever.",
        fetched=True,
    ),
    "pdf": Candidate("https://k.se/download/internationell-strategi.pdf", link_texts=("Internationell strategi",)),
    "association": Candidate(
        "https://k.se/kultur-och-fritid/foreningsliv/vanortsforeningen/",
        link_texts=("Vänortsföreningen",),
        h1="Vänortsföreningen",
        text="Vänortsföreningen ordnar resor till våra vänorter och samarbetar med kommunens internationella nätverk.",
        fetched=True,
    ),
}


def test_true_page_is_confident_with_reasons() -> None:
    proposal = propose("k", [true_page(), *DECOYS.values()], site_name="Kommunen")
    assert proposal.url == true_page().url
    assert proposal.confident
    assert any("title" in r for r in proposal.reasons)
    assert [c.url for c in proposal.candidates][0] == proposal.url


@pytest.mark.parametrize("kind", sorted(DECOYS))
def test_no_decoy_reaches_the_confidence_threshold(kind: str) -> None:
    scored = score_candidate(DECOYS[kind])
    assert scored.score < CONFIDENT_SCORE, (kind, scored)
    alone = propose("k", [DECOYS[kind]])
    assert not alone.confident


def test_parent_page_wins_over_its_sub_pages() -> None:
    parent = true_page()
    child = Candidate(
        parent.url + "vanorter/", link_texts=("Vänorter",), h1="Vänorter", text=BODY, title="Vänorter", fetched=True
    )
    proposal = propose("k", [child, parent])
    assert proposal.url == parent.url


def test_unfetched_or_failed_pages_are_never_confident() -> None:
    unfetched = true_page()
    unfetched.fetched = False
    assert not propose("k", [unfetched]).confident
    gone = true_page()
    gone.status = 404
    assert score_candidate(gone).score == 0


def test_prescore_prefers_topic_urls_and_skips_files() -> None:
    assert link_prescore("https://k.se/a/internationellt-arbete/") > link_prescore("https://k.se/a/bygglov/")
    assert link_prescore("https://k.se/x/internationell-strategi.pdf", "Internationell strategi") == 0
    sitevision = "https://k.se/kommun/internationellt-arbete.4.1a2b.html"
    assert link_prescore(sitevision) == link_prescore("https://k.se/kommun/internationellt-arbete/")


def test_evidence_ignores_menus_and_keeps_links() -> None:
    html = """<html lang="sv"><head><title>Bygglov - K</title></head><body>
    <nav class="main-menu"><a href="/kommun/internationellt-arbete/">Internationellt arbete</a></nav>
    <main><h1>Bygglov</h1><h2>Ansökan</h2><p>Du behöver bygglov.</p></main>
    <footer>Internationellt</footer></body></html>""".encode()
    ev = parse_page(html, "https://k.se/bygga/bygglov/?utm_source=x#top")
    assert ev.url == "https://k.se/bygga/bygglov/"
    assert ev.h1 == "Bygglov" and ev.headings == ("Ansökan",) and ev.lang == "sv"
    assert "nternationell" not in ev.text
    assert ev.links[0].url == "https://k.se/kommun/internationellt-arbete/"
    assert ev.links[0].text == "Internationellt arbete"
    assert clean_url("HTTP://K.SE/a?utm_campaign=1&id=3") == "http://k.se/a?id=3"


def test_evidence_resolves_links_against_the_pages_base_href() -> None:
    """A page whose template writes ``<base href>`` links relative to it: the links to follow, the main box's
    links and the search form's action are where a browser goes."""
    html = """<html><head><title>Vänorter</title><base href="https://k.se/"></head><body>
    <form class="search" action="sok.html"><input type="search" name="q"></form>
    <main><h1>Vänorter</h1><p><a href="kommun/internationellt.html">Internationellt</a></p></main></body></html>"""
    ev = parse_page(html.encode(), "https://k.se/kommun/vanorter/index.html")
    assert ev.links[0].url == "https://k.se/kommun/internationellt.html"
    assert ev.main_urls == ("https://k.se/kommun/internationellt.html",)
    assert ev.search == ("https://k.se/sok.html", "q")


URLSET = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<url><loc>https://k.se/a/</loc></url><url><loc> https://k.se/b/ </loc></url></urlset>"
)
INDEX = (
    b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    b"<sitemap><loc>https://k.se/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>"
)


def test_sitemaps_plain_gzipped_index_and_broken() -> None:
    assert parse_sitemap(URLSET).locs == ("https://k.se/a/", "https://k.se/b/")
    assert parse_sitemap(gzip.compress(URLSET)).locs == ("https://k.se/a/", "https://k.se/b/")
    index = parse_sitemap(gzip.compress(INDEX))
    assert index.kind == "sitemapindex" and index.locs == ("https://k.se/sitemap-pages.xml.gz",)
    assert parse_sitemap(b"<html><body>404</body></html>").locs == ()
    assert parse_sitemap(b"\x1f\x8b not really gzip").kind == "invalid"


# ---------------------------------------------------------------- real sites' shapes


@given(
    topic=st.sampled_from(sorted(TOPIC_SLUGS)),
    dress=st.sampled_from(["{}/", "{}.html", "{}.4.{h}.html", "{}.{n}.html", "{}", "{}/Sidor/default.aspx"]),
    sep=st.sampled_from(["-", "_", "--", ""]),
    upper=st.booleans(),
    suffix=st.sampled_from(["", "2", "__4040"]),
    h=st.integers(min_value=0x1000, max_value=2**60).map(lambda i: f"{i:x}"),
)
def test_a_topic_slug_is_recognised_however_the_cms_dresses_it(
    topic: str, dress: str, sep: str, upper: bool, suffix: str, h: str
) -> None:
    words = topic.split("-")
    segment = sep.join(w.capitalize() if upper else w for w in words) + suffix
    url = "https://k.se/Kommun-och-politik/" + dress.format(segment, h=h, n=int(h[:3], 16))
    last = topic_segments(url)[-1]
    assert is_topic_slug(last), (url, last)
    assert link_prescore(url) >= 3


def test_words_around_the_topic_do_not_make_another_topic() -> None:
    assert is_topic_slug("vara-vanorter") and is_topic_slug("internationellt--eu")
    for other in ("internationell-adoption", "internationella-skolan", "eu-valet", "vanortsbesok-i-skara", "bygglov"):
        assert not is_topic_slug(other), other


def nav_and_child() -> tuple[Candidate, Candidate]:
    parent = Candidate(
        "https://k.se/kommun-och-politik/internationellt-arbete.html",
        link_texts=("Internationellt arbete",),
        title="Internationellt arbete - K",
        h1="Internationellt arbete",
        text="Här hittar du information om internationellt arbete. Vänorter",
        fetched=True,
        own_words=7,
        main_links=1,
    )
    child = Candidate(
        "https://k.se/kommun-och-politik/internationellt-arbete/vanorter.html",
        link_texts=("Vänorter",),
        title="Vänorter - K",
        h1="Vänorter",
        text=BODY,
        fetched=True,
        own_words=len(BODY.split()),
        main_links=0,
    )
    return parent, child


def test_a_navigation_page_loses_to_the_content_below_it() -> None:
    parent, child = nav_and_child()
    proposal = propose("k", [parent, child], site_name="K")
    assert proposal.url == child.url
    assert any("navigation page" in r for r in score_candidate(parent, "K", [parent, child]).reasons)
    # the same parent with content of its own is the hub, and wins (the old rule still holds)
    parent.text, parent.own_words = BODY + " " + BODY, 2 * len(BODY.split())
    assert propose("k", [parent, child], site_name="K").url == parent.url


def test_english_text_in_a_swedish_template_is_english() -> None:
    page = Candidate(
        "https://k.se/kommun/international-work/",
        h1="International work",
        lang="sv",
        text="The municipality works with twin towns and we are part of the network of cities in the Baltic region. "
        "Our cooperation with partners is guided by the international strategy of the municipality and its council.",
        fetched=True,
    )
    assert "an English-language page" in score_candidate(page).reasons
    assert "an English-language page" not in score_candidate(true_page()).reasons


def test_a_topic_title_without_topic_text_stays_low() -> None:
    export = Candidate(
        "https://k.se/naringsliv/internationalisering-for-foretag/",
        link_texts=("Internationalisering för företag",),
        h1="Internationalisering för företag",
        text="Vill ditt företag exportera? Vi hjälper dig att hitta rådgivning och finansiering.",
        fetched=True,
        own_words=13,
    )
    plain_title = Candidate(
        "https://k.se/kommunpolitik/strategiskasamarbeten.635.html",
        link_texts=("Strategiska samarbeten",),
        h1="Strategiska samarbeten",
        text=BODY,
        fetched=True,
        own_words=len(BODY.split()),
    )
    assert "the text does not speak of international work" in score_candidate(export).reasons
    assert propose("k", [export, plain_title]).url == plain_title.url


def test_evidence_reads_the_search_form_and_the_words_of_its_own() -> None:
    html = """<html lang="sv"><head><title>Start</title></head><body>
    <header><form class="search" action="/sok" method="get"><input type="search" name="query"></form>
    <form action="/login" method="post"><input type="text" name="user"></form></header>
    <main><h1>Internationellt arbete</h1><p>Tre ord här.</p>
    <ul><li><a href="/a/vanorter/">Våra vänorter i Norden</a></li></ul></main></body></html>""".encode()
    ev = parse_page(html, "https://k.se/kommun/")
    assert ev.search == ("https://k.se/sok", "query")
    assert ev.main_links == 1 and ev.main_urls == ("https://k.se/a/vanorter/",)
    assert ev.own_words == len(["Internationellt", "arbete", "Tre", "ord", "här."])
    for form in (
        "<form method='post' action='/sok' class='search'><input name='q'></form>",  # POST: not a search to ask
        "<form role='search'><input type='search' name='q'></form>",  # no action: run by script
        "<form action='/nyhetsbrev' class='signup'><input name='email'></form>",  # not a search
    ):
        assert parse_page(f"<html><body>{form}</body></html>".encode(), "https://k.se/").search is None, form


def test_an_english_page_is_never_the_confident_answer() -> None:
    page = true_page("https://k.se/en/internationellt-arbete/")
    page.text = BODY * 5  # however much topic vocabulary it carries
    alone = propose("k", [page])
    assert alone.url == page.url and not alone.confident
    assert "an English-language page" in alone.reasons


def test_a_date_that_opens_a_slug_marks_a_news_item() -> None:
    item = true_page("https://k.se/kommunen/arkiv/artiklar/2018-05-30-internationellt-samarbete-inleds.html")
    assert "looks like a news item" in score_candidate(item).reasons
    assert link_prescore(item.url) < link_prescore("https://k.se/kommunen/internationellt-samarbete/")


def test_an_english_page_is_kept_apart_and_never_above_a_swedish_one() -> None:
    english = true_page("https://k.se/en/international-cooperation/")
    english.lang, english.text = "en", BODY * 5  # scores high before the English penalty
    weak = Candidate(
        "https://k.se/kommun-och-politik/",
        link_texts=("Kommun och politik",),
        h1="Kommun och politik",
        text="Här finns information om EU-valet.",
        fetched=True,
    )
    assert score_candidate(english).score > score_candidate(weak).score > 0
    proposal = propose("k", [english, weak])
    assert proposal.url == weak.url and proposal.english == english.url
    assert [c.url for c in proposal.candidates] == [weak.url, english.url]
    assert proposal.as_json()["lang"] == "sv" and proposal.as_json()["english"] == english.url
    alone = propose("k", [english])
    assert alone.url == alone.english == english.url and alone.as_json()["lang"] == "en"
    assert not alone.confident
    swedish_only = propose("k", [true_page()])
    assert swedish_only.english is None and swedish_only.confident


def test_the_start_page_of_the_english_pages_never_outranks_their_page_about_the_topic() -> None:
    """Seen on Kungsbacka's real paths: "/English/", unfetched, is the parent of the topical English pages; the
    hub rule's points must carry the English weight as the topic page's own points do."""
    topic = Candidate(
        "https://k.se/English/Municipality-and-politics/International-Work/Eurocities/",
        link_texts=("International Work",),
        title="International Work - Eurocities",
        h1="International Work",
        text="The municipality's international strategy: internationell strategi, Eurocities. " * 3,
        lang="en",
        fetched=True,
    )
    parent = Candidate(topic.url.rsplit("/", 2)[0] + "/", link_texts=("International Work",), lang="en")
    starts = [Candidate("https://k.se/English/"), Candidate("https://k.se/English/Municipality-and-politics/")]
    swedish = Candidate("https://k.se/kommun-och-politik/", h1="Kommun och politik", text="EU-valet.", fetched=True)
    proposal = propose("k", [*starts, parent, topic, swedish])
    assert proposal.english == topic.url
    assert proposal.url == swedish.url and not proposal.confident  # the Swedish slot as before
    assert all(c.lang == "en" for c in proposal.candidates[1:])


def test_an_english_host_is_english() -> None:
    page = true_page("https://english.k.se/internationellt-arbete/")
    assert "an English-language page" in score_candidate(page).reasons
    assert "an English-language page" not in score_candidate(true_page("https://www.k.se/a/")).reasons


CRUMBS = (
    '<nav class="breadcrumbs" aria-label="Du är här"><ol><li><a href="/">Startsida</a></li>'
    '<li><a href="/12.html">Barn och utbildning</a></li><li><a href="/34.html">Grundskola</a></li>'
    '<li aria-current="page">Internationella skolan</li></ol></nav>'
)


def test_evidence_reads_the_breadcrumb_apart_from_the_main_text() -> None:
    page = f"<html><body><header><a href='/'>K</a></header>{CRUMBS}<main><h1>Internationella skolan</h1></main>"
    evidence = parse_page(page.encode(), "https://k.se/56.html")
    assert [(s.url, s.text) for s in evidence.trail] == [
        ("https://k.se/", "Startsida"),
        ("https://k.se/12.html", "Barn och utbildning"),
        ("https://k.se/34.html", "Grundskola"),
    ]
    assert "Grundskola" not in evidence.text
    assert parse_page(b"<html><body><main><p>Inget</p></main></body></html>", "https://k.se/").trail == ()


def test_a_breadcrumb_names_the_decoy_a_numeric_address_hides() -> None:
    school = true_page("https://k.se/56.html")
    school.title = school.h1 = "Internationellt arbete"
    plain = score_candidate(school)
    school.trail = ("Startsida", "Barn och utbildning", "Grundskola")
    school.trail_urls = ("https://k.se/", "https://k.se/12.html", "https://k.se/34.html")
    placed = score_candidate(school)
    assert "a school's page" in placed.reasons and "a school's page" not in plain.reasons
    assert placed.score < CONFIDENT_SCORE <= plain.score


def test_a_breadcrumb_makes_parent_and_child_where_the_paths_say_nothing() -> None:
    parent = true_page("https://k.se/280.html")
    child = true_page("https://k.se/281.html")
    child.title = child.h1 = "Vänorter"
    child.trail = ("Startsida", "Internationellt arbete")
    child.trail_urls = ("https://k.se/", parent.url)
    proposal = propose("k", [child, parent])
    assert proposal.url == parent.url
    assert "parent of 1 topical page(s)" in proposal.reasons
    assert "below a topic page" in score_candidate(child, others=[parent, child]).reasons


def test_the_stronger_of_h1_and_title_counts() -> None:
    generic_h1 = true_page()
    generic_h1.h1 = "Välkommen"
    assert "title 'internationellt arbete'" in score_candidate(generic_h1, site_name="Kommunen").reasons


def test_help_for_companies_to_export_is_business_support() -> None:
    export = Candidate(
        "https://k.se/naringsliv-och-arbete/stod-till-foretag/internationalisering-for-foretag/",
        link_texts=("Internationalisering för företag",),
        h1="Internationalisering för företag",
        text="Vill ditt företag börja exportera? Vi hjälper dig med rådgivning om export och EU-projekt.",
        fetched=True,
    )
    assert "business support" in score_candidate(export).reasons
    # a section named for companies does not make every page in it business support
    inside = true_page("https://k.se/naringsliv/foretag/internationellt-arbete/")
    assert "business support" not in score_candidate(inside).reasons


def test_the_municipalitys_own_name_is_no_part_of_the_topic() -> None:
    named = true_page("https://k.se/kommun-och-politik/internationellt/kalmars-vanorter/")
    named.title = named.h1 = "Kalmars vänorter"
    scored = score_candidate(named, site_name="Kalmar kommun")
    assert "URL names the topic ('vanorter')" in scored.reasons and "title 'vänorter'" in scored.reasons
    blind = score_candidate(named, site_name="Växjö kommun")  # another municipality's name stays a word
    assert "title 'vänorter'" not in blind.reasons and blind.score < scored.score


@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("vänorter och internationellt samarbete", True),
        ("eu och internationellt", True),
        ("internationella frågor, vänorter & eu", True),
        ("eu och europa", False),  # no part names the topic by itself
        ("vänorter och föreningar", False),
        ("internationell adoption", False),
        ("internationellt arbete - vänorter", True),  # a dash joins names as "och" does
        ("internationellt arbete – lund", False),  # a dash before a name of something else
    ],
)
def test_topic_names_joined_by_och_name_the_topic(title: str, names: bool) -> None:
    assert is_topic_title(title) is names


def test_topic_slugs_joined_by_och_name_the_topic() -> None:
    assert is_topic_slug("vanorter-och-internationellt-samarbete")
    assert is_topic_slug("internationella-fragor-och-eu")
    assert not is_topic_slug("eu-och-europa") and not is_topic_slug("vanorter-och-foreningar")


def _words(slug: str) -> frozenset[str]:
    return frozenset(slug.split("-")) - {"och", "eu", "europa"}


@given(st.sampled_from(sorted(TOPIC_SLUGS)), st.sampled_from(sorted(TOPIC_SLUGS)), st.sampled_from(["-", "---", "_"]))
def test_topic_slugs_joined_by_a_lost_separator_name_the_topic(first: str, second: str, joint: str) -> None:
    """ "Internationellt arbete - vänorter" becomes "internationellt-arbete---vanorter" in a CMS's address; two
    names of which neither holds the other ("vanorter", "internationellt-arbete") name several parts of the topic."""
    url = f"https://k.se/kommun/{first}{joint}{second}/"
    assert is_topic_slug(topic_segments(url)[-1])
    if not (_words(first) <= _words(second) or _words(second) <= _words(first)):
        assert names_several_topics(Candidate(url))


def test_a_slug_of_a_topic_and_something_else_is_no_topic_name() -> None:
    for segment in ("internationellt-arbete-lund", "arbete-vanorter", "vanorter-foreningar", "eu-projekt"):
        assert not is_topic_slug(segment), segment
    assert not names_several_topics(Candidate("https://k.se/a/eu-och-internationellt/", h1="EU och internationellt"))


def test_a_page_naming_several_parts_of_the_topic_outranks_a_page_on_one_part() -> None:
    """The umbrella page ("Internationellt arbete - vänorter") over the page on one of its parts ("Vänorter")."""
    umbrella = true_page("https://k.se/kommun-och-politik/internationellt-arbete---vanorter")
    umbrella.title, umbrella.h1 = "Internationellt arbete - vänorter - K", "Internationellt arbete - vänorter"
    umbrella.link_texts = ("Internationellt arbete - vänorter",)
    part = true_page("https://k.se/10/kommun--politik/medborgarinformation/vanorter.html")
    part.title, part.h1, part.link_texts = "Vänorter - K", "Vänorter", ("Vänorter",)
    found = propose("k", [part, umbrella])
    assert found.url == umbrella.url
    assert "names several parts of the topic" in found.reasons
