"""The labelled corpus: every pair gives exactly its expected changes (benchmarks/quality.py scores it per kind)."""

from __future__ import annotations

import pytest
from corpus.build import build_html_pair, build_pair, load_cases, load_html_cases
from corpus.score import expected_changes, found_changes

from crawler.record import CHANGE_KINDS

CASES = load_cases()
HTML_CASES = load_html_cases()


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


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_generated_pair(case: dict) -> None:
    pair = build_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c["id"] for c in HTML_CASES])
def test_handwritten_pair(case: dict) -> None:
    pair = build_html_pair(case)
    assert found_changes(pair) == expected_changes(pair)
