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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus.build import all_pairs  # noqa: E402
from corpus.score import tally  # noqa: E402

from crawler.record import CHANGE_KINDS  # noqa: E402

TARGET = 0.98


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    pairs = all_pairs()
    scores = tally(pairs)
    if verbose:
        print("\n".join(f"  {miss}" for miss in scores.misses))
    print(f"corpus: {len(pairs)} pairs, {sum(1 for p in pairs if p.noise_only)} noise-only\n")
    print(f"{'kind':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>9}   target")
    ok = True
    for kind in CHANGE_KINDS:
        tp, fp, fn = scores.tp[kind], scores.fp[kind], scores.fn[kind]
        if not (tp + fp + fn):
            continue
        precision, recall = scores.precision(kind), scores.recall(kind)
        met = precision >= TARGET and recall >= TARGET
        ok &= met
        print(
            f"{kind:<22}{tp:>5}{fp:>5}{fn:>5}{precision:>11.3f}{recall:>9.3f}   >= {TARGET} {'ok' if met else 'MISSED'}"
        )
    noise = scores.false_on_noise
    print(f"\nfalse changes on noise-only pairs: {noise}   target 0 {'ok' if not noise else 'MISSED'}")
    return 0 if ok and not noise else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
