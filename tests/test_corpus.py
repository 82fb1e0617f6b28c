"""The labelled corpus: every pair gives exactly its expected changes; quality targets per kind."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus.build import Pair, all_pairs, build_html_pair, build_pair, change_key, load_cases, load_html_cases

from crawler.diff import diff_records
from crawler.extract import extract_record
from crawler.record import CHANGE_KINDS

CASES = load_cases()
HTML_CASES = load_html_cases()
TARGET = 0.98


def _found(pair: Pair) -> list[tuple[str, str, str]]:
    old = extract_record(pair.html_old, pair.url, main=pair.main, ignore=pair.ignore)
    new = extract_record(pair.html_new, pair.url, main=pair.main, ignore=pair.ignore)
    return [change_key(c.kind, c.old, c.new) for c in diff_records(old, new)]


def _expected(pair: Pair) -> list[tuple[str, str, str]]:
    return [change_key(e["kind"], e.get("old"), e.get("new")) for e in pair.expected]


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
    assert _found(pair) == _expected(pair)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c["id"] for c in HTML_CASES])
def test_handwritten_pair(case: dict) -> None:
    pair = build_html_pair(case)
    assert _found(pair) == _expected(pair)


def test_precision_recall_per_kind() -> None:
    """Precision and recall >= 0.98 for every kind in the corpus; no change at all on noise-only pairs."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    false_on_noise = 0
    for pair in all_pairs():
        found, expected = Counter(_found(pair)), Counter(_expected(pair))
        if pair.noise_only:
            false_on_noise += sum(found.values())
        for key in found | expected:
            hit = min(found[key], expected[key])
            tp[key[0]] += hit
            fp[key[0]] += found[key] - hit
            fn[key[0]] += expected[key] - hit
    assert false_on_noise == 0
    kinds = [k for k in CHANGE_KINDS if tp[k] + fn[k]]
    assert len(kinds) >= 8
    for kind in kinds:
        precision = tp[kind] / (tp[kind] + fp[kind])
        recall = tp[kind] / (tp[kind] + fn[kind])
        assert precision >= TARGET and recall >= TARGET, (kind, precision, recall)
