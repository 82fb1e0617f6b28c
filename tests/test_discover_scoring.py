"""Discovery's pure parts: scoring against decoys, page evidence, sitemaps."""

from __future__ import annotations

import gzip

import pytest

from crawler.discover.evidence import parse_page
from crawler.discover.scoring import CONFIDENT_SCORE, Candidate, link_prescore, propose, score_candidate
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
