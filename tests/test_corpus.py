"""The labelled corpus: every pair gives exactly its expected changes; quality targets per kind."""

from __future__ import annotations

import pytest
from corpus.build import all_pairs, build_html_pair, build_pair, load_cases, load_html_cases
from corpus.score import expected_changes, found_changes, tally

from crawler.record import CHANGE_KINDS

CASES = load_cases()
HTML_CASES = load_html_cases()
TARGET = 0.98


def test_corpus_shape() -> None:
    """At least 60 generated pairs over three markups, a third of them noise-only, plus hand-written pages."""
    assert len(CASES) >= 60
    assert {c["cms"] for c in CASES} >= {"sitevision", "episerver", "wordpress"}
    assert sum(1 for c in CASES if not c.get("expect")) * 3 >= len(CASES)
    assert len(HTML_CASES) >= 3
    assert len({c["id"] for c in CASES + HTML_CASES}) == len(CASES) + len(HTML_CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_generated_pair(case: dict) -> None:
    pair = build_pair(case)
    assert found_changes(pair) == expected_changes(pair)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c["id"] for c in HTML_CASES])
def test_handwritten_pair(case: dict) -> None:
    pair = build_html_pair(case)
    assert found_changes(pair) == expected_changes(pair)


def test_precision_recall_per_kind() -> None:
    """Precision and recall >= 0.98 for every kind in the corpus; no change at all on noise-only pairs."""
    scores = tally(all_pairs())
    assert scores.false_on_noise == 0
    kinds = [k for k in CHANGE_KINDS if scores.tp[k] + scores.fn[k]]
    assert len(kinds) >= 8
    for kind in kinds:
        assert scores.precision(kind) >= TARGET and scores.recall(kind) >= TARGET, (kind, scores.misses)
