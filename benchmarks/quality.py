"""Quality benchmark: precision and recall per change kind on the labelled corpus.

Runs every pair of tests/corpus (generated from the simulated web, plus the
hand-written pages) through extract_record and diff_records and prints, per
change kind, true/false positives, misses, precision and recall beside the
target (>= 0.98), and the number of false changes on noise-only pairs
(target 0). Run: ``python benchmarks/quality.py [-v]`` (-v lists every miss).
Exit code 1 when a target is missed, so CI can run it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus.build import all_pairs, change_key  # noqa: E402

from crawler.diff import diff_records  # noqa: E402
from crawler.extract import extract_record  # noqa: E402
from crawler.record import CHANGE_KINDS  # noqa: E402

TARGET = 0.98


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    pairs = all_pairs()
    noise_pairs = sum(1 for p in pairs if p.noise_only)
    false_on_noise = 0
    for pair in pairs:
        old = extract_record(pair.html_old, pair.url, main=pair.main, ignore=pair.ignore)
        new = extract_record(pair.html_new, pair.url, main=pair.main, ignore=pair.ignore)
        found = Counter(change_key(c.kind, c.old, c.new) for c in diff_records(old, new))
        expected = Counter(change_key(e["kind"], e.get("old"), e.get("new")) for e in pair.expected)
        if pair.noise_only:
            false_on_noise += sum(found.values())
        for key in found | expected:
            hit = min(found[key], expected[key])
            tp[key[0]] += hit
            fp[key[0]] += found[key] - hit
            fn[key[0]] += expected[key] - hit
            if verbose and found[key] != expected[key]:
                print(f"  {pair.id}: {'extra' if found[key] > expected[key] else 'missed'} {key}")
    print(f"corpus: {len(pairs)} pairs, {noise_pairs} noise-only\n")
    print(f"{'kind':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>9}   target")
    ok = True
    for kind in CHANGE_KINDS:
        if not (tp[kind] + fp[kind] + fn[kind]):
            continue
        precision = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        recall = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        met = precision >= TARGET and recall >= TARGET
        ok &= met
        print(
            f"{kind:<22}{tp[kind]:>5}{fp[kind]:>5}{fn[kind]:>5}{precision:>11.3f}{recall:>9.3f}   "
            f">= {TARGET} {'ok' if met else 'MISSED'}"
        )
    print(
        f"\nfalse changes on noise-only pairs: {false_on_noise}   target 0 {'ok' if not false_on_noise else 'MISSED'}"
    )
    return 0 if ok and not false_on_noise else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
