"""The labelled corpus: every pair gives exactly its expected changes (benchmarks/quality.py scores it per kind).

Three kinds of part (tests/corpus/build.py): the project's own corpus, written beside the extractor, where
every pair must pass; the independent part, pages in real CMS templates' markup, where every pair must pass but
those listed in ``corpus/independent/failing.txt`` (today's failures, held to a quality floor instead until
extraction catches up); and the held-out parts. heldout2 .. heldout5 are burned (their misses were read) and
their pairs must pass too; the first heldout is scored by the benchmark; a part still held out
(``corpus.build.SCORE_ONLY``) is only checked to be well formed, and only the benchmark scores it, so that no
one tunes against it.
"""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from corpus.build import HERE as CORPUS_DIR
from corpus.build import (
    all_pages,
    all_pairs,
    build_cms_pair,
    build_html_pair,
    build_pair,
    home_page,
    independent_pairs,
    load_cases,
    load_heldout2_cases,
    load_heldout3_cases,
    load_heldout4_cases,
    load_heldout5_cases,
    load_heldout6_cases,
    load_heldout7_cases,
    load_heldout8_cases,
    load_heldout_cases,
    load_html_cases,
    load_independent_cases,
)
from corpus.cms import FAMILIES
from corpus.cms2 import FAMILIES as FAMILIES2
from corpus.cms3 import FAMILIES as FAMILIES3
from corpus.cms4 import FAMILIES as FAMILIES4
from corpus.cms5 import FAMILIES as FAMILIES5
from corpus.cms6 import FAMILIES as FAMILIES6
from corpus.cms7 import FAMILIES as FAMILIES7
from corpus.cms7 import render as render_cms7
from corpus.cms8 import FAMILIES as FAMILIES8
from corpus.cms8 import render as render_cms8
from corpus.score import expected_changes, found_changes, tally

from crawler.extract import extract_record
from crawler.vocab import CHANGE_KINDS

CASES = load_cases()
HTML_CASES = load_html_cases()
INDEPENDENT = load_independent_cases()
HELDOUT = load_heldout_cases()
HELDOUT2 = load_heldout2_cases()
HELDOUT3 = load_heldout3_cases()
HELDOUT4 = load_heldout4_cases()
HELDOUT5 = load_heldout5_cases()
HELDOUT6 = load_heldout6_cases()
HELDOUT7 = load_heldout7_cases()
HELDOUT8 = load_heldout8_cases()
FAILING_FILE = CORPUS_DIR / "independent" / "failing.txt"
FAILING = {line.split("#", 1)[0].strip() for line in FAILING_FILE.read_text(encoding="utf-8").splitlines()} - {""}
PASSING = [c for c in INDEPENDENT if c["id"] not in FAILING]

#: The independent part's score when the list above was made (2026-12-03, main 09dbbac): summed over kinds;
#: raised after the stamps, contacts, documents and content work of issue 11 (15 TP / 24 FP / 2 false changes on
#: noise -> 38 / 4 / 1), and again after the second round (short pages, cookie lines, branch extract: 40 / 0 / 0).
#: Extraction may only do better; raise these when it does.
FLOOR_TRUE_POSITIVES = 40
CEILING_FALSE_POSITIVES = 0
CEILING_FALSE_ON_NOISE = 0


def test_corpus_shape() -> None:
    """At least 60 generated pairs over three markups, a third of them noise-only, plus hand-written pages,
    and at least 8 change kinds labelled. (Each pair must give exactly its labels, below: that makes
    precision and recall 1.000 for every kind, which ``benchmarks/quality.py`` reports.)"""
    assert len(CASES) >= 60
    assert {c["cms"] for c in CASES} >= {"sitevision", "episerver", "wordpress"}
    assert sum(1 for c in CASES if not c.get("expect")) * 3 >= len(CASES)
    assert len(HTML_CASES) >= 3
    assert len({c["id"] for c in CASES + HTML_CASES}) == len(CASES) + len(HTML_CASES)
    labelled = {e["kind"] for c in CASES + HTML_CASES for e in c.get("expect") or []}
    assert labelled <= set(CHANGE_KINDS) and len(labelled) >= 8, labelled


def test_independent_shape() -> None:
    """At least 60 independent pairs over six CMS families, about 40 % held out, noise-only pairs in both
    parts, ids unique across the whole corpus, every label a known kind, and the failing list naming only
    independent cases."""
    both = INDEPENDENT + HELDOUT
    assert len(both) >= 60
    assert 0.35 <= len(HELDOUT) / len(both) <= 0.5
    assert len({c["cms"] for c in both}) >= 6 and {c["cms"] for c in both} <= set(FAMILIES)
    for part in (INDEPENDENT, HELDOUT):
        assert sum(1 for c in part if not c.get("expect")) >= 5
        assert {e["kind"] for c in part for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    ids = [c["id"] for c in CASES + HTML_CASES + both]
    assert len(ids) == len(set(ids))
    assert {c["id"] for c in INDEPENDENT} >= FAILING, FAILING - {c["id"] for c in INDEPENDENT}


def test_heldout2_shape() -> None:
    """The second part in other skeletons: at least 30 pairs in at least six other CMS skeletons, at least 9 of
    them noise-only, every label a known kind, ids unique across the whole corpus. (Held out until 2026-12-03,
    a development part since: its pairs are tested below and its pages in the property tests.)"""
    assert len(HELDOUT2) >= 30
    assert sum(1 for c in HELDOUT2 if not c.get("expect")) >= 9
    assert len({c["cms"] for c in HELDOUT2}) >= 6 and {c["cms"] for c in HELDOUT2} <= set(FAMILIES2)
    assert {e["kind"] for c in HELDOUT2 for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    ids = [c["id"] for c in CASES + HTML_CASES + INDEPENDENT + HELDOUT + HELDOUT2]
    assert len(ids) == len(set(ids))


def test_heldout3_shape() -> None:
    """The third held-out part: at least 40 pairs in at least six CMS skeletons of its own, at least 15 of them
    noise-only, one to three labels a pair, every label a known kind, ids unique across the whole corpus, and
    every pair builds (both versions render, and differ). (Held out until 2026-12-03, scored once; a development
    part since: its pairs are tested below and its pages in the property tests.)"""
    assert len(HELDOUT3) >= 40
    assert sum(1 for c in HELDOUT3 if not c.get("expect")) >= 15
    assert len({c["cms"] for c in HELDOUT3}) >= 6 and {c["cms"] for c in HELDOUT3} <= set(FAMILIES3)
    assert all(len(c.get("expect") or []) <= 3 for c in HELDOUT3)
    assert {e["kind"] for c in HELDOUT3 for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    ids = [c["id"] for c in CASES + HTML_CASES + INDEPENDENT + HELDOUT + HELDOUT2 + HELDOUT3]
    assert len(ids) == len(set(ids))
    for case in HELDOUT3:
        pair = build_cms_pair(case)
        assert pair.html_old and pair.html_new and pair.html_old != pair.html_new, case["id"]


def test_heldout4_shape() -> None:
    """The fourth held-out part: at least 40 pairs in at least six CMS skeletons of its own (tests/corpus/cms4.py),
    at least 15 of them noise-only, one to three labels a pair, every label a known kind, ids unique across the
    whole corpus, and every pair builds (both versions render, and differ). Burned since the fifth
    round: its pairs are tested by ``test_heldout4_pair``."""
    assert len(HELDOUT4) >= 40
    assert sum(1 for c in HELDOUT4 if not c.get("expect")) >= 15
    assert len({c["cms"] for c in HELDOUT4}) >= 6 and {c["cms"] for c in HELDOUT4} <= set(FAMILIES4)
    assert all(len(c.get("expect") or []) <= 3 for c in HELDOUT4)
    assert {e["kind"] for c in HELDOUT4 for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    ids = [c["id"] for c in CASES + HTML_CASES + INDEPENDENT + HELDOUT + HELDOUT2 + HELDOUT3 + HELDOUT4]
    assert len(ids) == len(set(ids))
    for case in HELDOUT4:
        pair = build_cms_pair(case)
        assert pair.html_old and pair.html_new and pair.html_old != pair.html_new, case["id"]


def test_heldout5_shape() -> None:
    """The fifth held-out part: at least 45 pairs in at least seven CMS skeletons of its own (tests/corpus/cms5.py:
    two WordPress page builders, Wagtail, Kentico, Contao, Joomla 3, Craft), at least 18 of them noise-only, one
    to three labels a pair, every label a known kind, ids unique across the whole corpus, and every pair builds
    (both versions render, and differ). In ``corpus.build.SCORE_ONLY``: its pages are rendered here, never
    extracted."""
    assert len(HELDOUT5) >= 45
    assert sum(1 for c in HELDOUT5 if not c.get("expect")) >= 18
    assert len({c["cms"] for c in HELDOUT5}) >= 7 and {c["cms"] for c in HELDOUT5} <= set(FAMILIES5)
    assert all(1 <= len(c["expect"]) <= 3 for c in HELDOUT5 if c.get("expect"))
    assert {e["kind"] for c in HELDOUT5 for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    ids = [c["id"] for c in CASES + HTML_CASES + INDEPENDENT + HELDOUT + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5]
    assert len(ids) == len(set(ids))
    for case in HELDOUT5:
        pair = build_cms_pair(case)
        assert pair.html_old and pair.html_new and pair.html_old != pair.html_new, case["id"]


def test_heldout6_shape() -> None:
    """The sixth held-out part: at least 38 pairs in the five CMS skeletons of its own (tests/corpus/cms6.py:
    WordPress with Kadence and with WPBakery, Umbraco's grid, Magnolia, Squiz Matrix), at least 15 of them
    noise-only, one to three labels a pair, every label a known kind, ids unique across the whole corpus, and
    every pair builds (both versions render, and differ). In ``corpus.build.SCORE_ONLY``: its pages are rendered
    here, never extracted."""
    assert len(HELDOUT6) >= 38
    assert sum(1 for c in HELDOUT6 if not c.get("expect")) >= 15
    assert {c["cms"] for c in HELDOUT6} == set(FAMILIES6)
    assert all(1 <= len(c["expect"]) <= 3 for c in HELDOUT6 if c.get("expect"))
    assert {e["kind"] for c in HELDOUT6 for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    everything = CASES + HTML_CASES + INDEPENDENT + HELDOUT + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5 + HELDOUT6
    ids = [c["id"] for c in everything]
    assert len(ids) == len(set(ids))
    for case in HELDOUT6:
        pair = build_cms_pair(case)
        assert pair.html_old and pair.html_new and pair.html_old != pair.html_new, case["id"]


def test_heldout7_shape() -> None:
    """The seventh held-out part: at least 40 pairs in the six CMS skeletons of its own (tests/corpus/cms7.py:
    Adobe Experience Manager, Sitefinity, WordPress with GeneratePress, Drupal 10 with Paragraphs, Hugo, HubSpot),
    at least 15 of them noise-only, one to three labels a pair, every label a known kind, ids unique across the
    whole corpus, every page renders on any night (the three before v1's too, as the crawl's history) and every
    pair builds (both versions render, and differ). In ``corpus.build.SCORE_ONLY``: its pages are rendered here,
    never extracted."""
    assert len(HELDOUT7) >= 40
    assert sum(1 for c in HELDOUT7 if not c.get("expect")) >= 15
    assert {c["cms"] for c in HELDOUT7} == set(FAMILIES7)
    assert all(1 <= len(c["expect"]) <= 3 for c in HELDOUT7 if c.get("expect"))
    assert {e["kind"] for c in HELDOUT7 for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    everything = (
        CASES + HTML_CASES + INDEPENDENT + HELDOUT + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5 + HELDOUT6 + HELDOUT7
    )
    ids = [c["id"] for c in everything]
    assert len(ids) == len(set(ids))
    for case in HELDOUT7:
        for night in range(-3, 6):
            page = unescape(render_cms7(case["cms"], case["page"], case["site"], night, night % 3))
            assert "<h1" in page and case["page"]["title"] in page, (case["id"], night)
    for case in HELDOUT7:
        pair = build_cms_pair(case)
        assert pair.html_old and pair.html_new and pair.html_old != pair.html_new, case["id"]


def test_heldout8_shape() -> None:
    """The eighth held-out part: at least 40 pairs in the six skeletons of its own, modelled on real municipal pages
    (tests/corpus/cms8.py: three Sitevision municipal themes, Optimizely, WordPress and Drupal), at least 15 of them
    noise-only, one to three labels a pair, every label a known kind, ids unique across the whole corpus, every page
    renders on any night (the three before v1's too, as the crawl's history) in every theme, and every pair builds
    (both versions render, and differ). In ``corpus.build.SCORE_ONLY``: its pages are rendered here, never
    extracted."""
    assert len(HELDOUT8) >= 40
    assert sum(1 for c in HELDOUT8 if not c.get("expect")) >= 15
    assert {c["cms"] for c in HELDOUT8} == set(FAMILIES8)
    assert all(1 <= len(c["expect"]) <= 3 for c in HELDOUT8 if c.get("expect"))
    assert {e["kind"] for c in HELDOUT8 for e in c.get("expect") or []} <= set(CHANGE_KINDS)
    everything = (
        CASES
        + HTML_CASES
        + INDEPENDENT
        + HELDOUT
        + HELDOUT2
        + HELDOUT3
        + HELDOUT4
        + HELDOUT5
        + HELDOUT6
        + HELDOUT7
        + HELDOUT8
    )
    ids = [c["id"] for c in everything]
    assert len(ids) == len(set(ids))
    for case in HELDOUT8:
        for night in range(-3, 6):
            for theme in (0, 1, 2):
                page = unescape(render_cms8(case["cms"], case["page"], case["site"], night, theme))
                assert "<h1" in page and case["page"]["title"] in page, (case["id"], night, theme)
    for case in HELDOUT8:
        pair = build_cms_pair(case)
        assert pair.html_old and pair.html_new and pair.html_old != pair.html_new, case["id"]


def _strings(value: Any) -> list[str]:
    """The strings in a label's value (a string, or lists and dicts of them)."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [s for item in items for s in _strings(item)]


CMS_CASES = INDEPENDENT + HELDOUT + HELDOUT2 + HELDOUT3 + HELDOUT4 + HELDOUT5 + HELDOUT6 + HELDOUT7 + HELDOUT8


def test_home_pages_shape() -> None:
    """Every CMS pair carries its site's home page on each side (rendered, never extracted: heldout5 is among
    them): the same skeleton, site, night and theme as that side, so the home page is the same on both sides
    exactly when night and theme are, and differs when the night's furniture (news, banners, date widgets)
    does; it welcomes to the site and holds none of the page's own lead or labelled values
    (its title may be a menu item of the skeleton)."""
    rotated = 0
    for case in CMS_CASES:
        pair = build_cms_pair(case)
        assert pair.home_old and pair.home_new, case["id"]
        for home, page in ((pair.home_old, pair.html_old), (pair.home_new, pair.html_new)):
            assert home != page, case["id"]
            home = unescape(home)
            assert f"Välkommen till {case.get('site', 'Exempelby kommun')}" in home, case["id"]
            assert not case["page"].get("lead") or case["page"]["lead"] not in home, case["id"]
        fields = " ".join(home_page(case.get("site", "Exempelby kommun")).values())
        for label in case.get("expect") or []:  # the home page's own fields (not the skeleton's) hold no label
            for value in _strings([label.get("old"), label.get("new")]):
                assert len(value) < 6 or value not in fields, (case["id"], value)
        v1, v2 = case.get("v1") or {}, case.get("v2") or {}
        same = (v1.get("night", 0), v1.get("theme", 0)) == (v2.get("night", 1), v2.get("theme", 0))
        assert (pair.home_old == pair.home_new) == same, case["id"]
        rotated += not same
    assert rotated >= len(CMS_CASES) // 2
    assert all(p.home_old is None and p.home_new is None for p in all_pairs())  # the project part has none


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_generated_pair(case: dict) -> None:
    pair = build_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c["id"] for c in HTML_CASES])
def test_handwritten_pair(case: dict) -> None:
    pair = build_html_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", PASSING, ids=[c["id"] for c in PASSING])
def test_independent_pair(case: dict) -> None:
    pair = build_cms_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", HELDOUT2, ids=[c["id"] for c in HELDOUT2])
def test_heldout2_pair(case: dict) -> None:
    """Every pair of the burned second held-out part gives exactly its labels (its misses were read and fixed)."""
    pair = build_cms_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", HELDOUT3, ids=[c["id"] for c in HELDOUT3])
def test_heldout3_pair(case: dict) -> None:
    """Every pair of the burned third held-out part gives exactly its labels (its misses were read and fixed)."""
    pair = build_cms_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", HELDOUT4, ids=[c["id"] for c in HELDOUT4])
def test_heldout4_pair(case: dict) -> None:
    """Every pair of the burned fourth held-out part gives exactly its labels (its misses were read and fixed)."""
    pair = build_cms_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", HELDOUT5, ids=[c["id"] for c in HELDOUT5])
def test_heldout5_pair(case: dict) -> None:
    """Every pair of the burned fifth held-out part gives exactly its labels (its misses were read and fixed)."""
    pair = build_cms_pair(case)
    assert found_changes(pair) == expected_changes(pair)


def test_independent_quality_floor() -> None:
    """The whole independent part, failing cases included, does no worse than when they were listed."""
    scores = tally(independent_pairs())
    assert sum(scores.tp.values()) >= FLOOR_TRUE_POSITIVES, scores.misses
    assert sum(scores.fp.values()) <= CEILING_FALSE_POSITIVES, scores.misses
    assert scores.false_on_noise <= CEILING_FALSE_ON_NOISE, scores.misses


def test_every_corpus_page_extracts() -> None:
    """Every page version of every part (held-out pages too: no labels are read) gives a record with a
    title, and the same record when extracted twice."""
    seen = 0
    for page_id, url, html, main, ignore in all_pages():
        record = extract_record(html, url, main=main, ignore=ignore)
        assert record.title, page_id
        assert extract_record(html, url, main=main, ignore=ignore) == record, page_id
        seen += 1
    assert seen == 2 * (
        len(CASES)
        + len(HTML_CASES)
        + len(INDEPENDENT)
        + len(HELDOUT)
        + len(HELDOUT2)
        + len(HELDOUT3)
        + len(HELDOUT4)
        + len(HELDOUT5)
    )
