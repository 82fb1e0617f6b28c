"""Scoring the labelled corpus: shared by the quality test and benchmarks/quality.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus.build import Pair, change_key
from crawler.diff import diff_records
from crawler.extract import extract_record
from crawler.extract.furniture import Furniture, site_furniture

ChangeKey = tuple[str, str, str]


def _furniture(home: str | None, furniture: bool) -> Furniture:
    return site_furniture(home) if furniture and home is not None else frozenset()


def found_changes(pair: Pair, *, furniture: bool = False, history: bool = True) -> list[ChangeKey]:
    """What extraction and diff report for a pair; with ``furniture``, each side is read with its site's
    furniture (the home page of that side's night) where the pair has home pages; with ``history``, the
    diff is given the page's earlier nights where the pair has them (read with v1's furniture), as the
    crawl gives it the versions it stored."""
    old = extract_record(
        pair.html_old, pair.url, main=pair.main, ignore=pair.ignore, site_furniture=_furniture(pair.home_old, furniture)
    )
    new = extract_record(
        pair.html_new, pair.url, main=pair.main, ignore=pair.ignore, site_furniture=_furniture(pair.home_new, furniture)
    )
    earlier = [
        extract_record(
            html, pair.url, main=pair.main, ignore=pair.ignore, site_furniture=_furniture(pair.home_old, furniture)
        )
        for html in (pair.history if history else ())
    ]
    return [change_key(c.kind, c.old, c.new) for c in diff_records(old, new, history=earlier)]


def expected_changes(pair: Pair) -> list[ChangeKey]:
    return [change_key(e["kind"], e.get("old"), e.get("new")) for e in pair.expected]


@dataclass
class Tally:
    """True and false positives and misses per change kind, and changes reported on noise-only pairs."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    false_on_noise: int = 0
    misses: list[str] = field(default_factory=list)  # "<pair>: extra|missed <key>"

    def precision(self, kind: str) -> float:
        return self.tp[kind] / (self.tp[kind] + self.fp[kind]) if self.tp[kind] + self.fp[kind] else 0.0

    def recall(self, kind: str) -> float:
        return self.tp[kind] / (self.tp[kind] + self.fn[kind]) if self.tp[kind] + self.fn[kind] else 0.0


def tally(pairs: Iterable[Pair], *, furniture: bool = False, history: bool = True) -> Tally:
    result = Tally()
    for pair in pairs:
        found = Counter(found_changes(pair, furniture=furniture, history=history))
        expected = Counter(expected_changes(pair))
        if pair.noise_only:
            result.false_on_noise += sum(found.values())
        for key in found | expected:
            hit = min(found[key], expected[key])
            result.tp[key[0]] += hit
            result.fp[key[0]] += found[key] - hit
            result.fn[key[0]] += expected[key] - hit
            if found[key] != expected[key]:
                result.misses.append(f"{pair.id}: {'extra' if found[key] > expected[key] else 'missed'} {key}")
    return result
