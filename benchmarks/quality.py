"""Quality benchmark: precision and recall per change kind on each part of the labelled corpus.

The parts, one table each (tests/corpus/build.py ``PARTS``):

- ``project``: the corpus written beside the extractor (simulated web plus hand-written pages);
- ``independent``: pages in the markup of real CMS templates (tests/corpus/independent), in the test suite;
- ``heldout``: more such pages (tests/corpus/heldout), run by nothing but this benchmark, so that no one
  tunes against them: they say how the extractor does on pages it was not written for;
- ``heldout2``: a second part in other CMS themes (tests/corpus/heldout2, skeletons in tests/corpus/cms2.py),
  held out until it had been scored three times; its misses were read and fixed on 2026-12-03, so it is a
  development part now, like ``independent``.
- ``heldout3``: a third held-out part in seven more CMS skeletons (tests/corpus/heldout3, skeletons in
  tests/corpus/cms3.py), written without reading the extractor, to be scored once after the third round.
- ``heldout4``: a fourth held-out part in seven other skeletons (tests/corpus/heldout4, skeletons in
  tests/corpus/cms4.py: Sitecore SXA, TYPO3, Plone 6, Next.js, Drupal 7, Sitevision 2025, EPiServer 7), written
  without reading the extractor, to be scored once before and once after the fourth round.
- ``heldout5``: a fifth held-out part in seven more skeletons (tests/corpus/heldout5, skeletons in
  tests/corpus/cms5.py: WordPress with Elementor and with Divi, Wagtail, Kentico 12, Contao, Joomla 3, Craft),
  written without reading the extractor, to be scored once before and once after the next round.
- ``heldout6``: a sixth held-out part in five more skeletons (tests/corpus/heldout6, skeletons in
  tests/corpus/cms6.py: WordPress with Kadence and with WPBakery, Umbraco's grid, Magnolia, Squiz Matrix), written
  without reading the extractor, to be scored once before and once after the sixth round.
- ``heldout7``: a seventh held-out part in six more skeletons (tests/corpus/heldout7, skeletons in
  tests/corpus/cms7.py: Adobe Experience Manager core components, Sitefinity, WordPress with GeneratePress, Drupal 10
  with Paragraphs, Hugo, HubSpot), written without reading the extractor, to be scored once by the lead.
- ``heldout8``: an eighth held-out part in six skeletons modelled on REAL Swedish municipal pages rather than CMS demo
  templates (tests/corpus/heldout8, skeletons in tests/corpus/cms8.py: an older and a 2020s Sitevision municipal
  theme, a Sitevision portal theme, Optimizely, WordPress and Drupal municipal themes, with their furniture and
  nightly noise inside the main content too), written without reading the extractor, to be scored by the lead.

Each table gives, per change kind, true/false positives, misses, precision and recall beside the targets
(recall >= 0.98, precision >= 0.99), and the number of false changes on noise-only pairs (target 0).
Each generated pair is diffed as the crawl diffs a page it has watched for a while: given the versions it
stored on the nights before (the pair's ``history``, v1 on the three nights before its own), so that prose
that changed on its own in them is not reported (crawler/volatile.py); ``--no-history`` diffs the pairs as
a page's first nights are judged, without them.
Run: ``python benchmarks/quality.py [--misses] [--furniture] [--no-history] [--part NAME ...]`` (``--misses`` lists
every miss and extra change per pair; ``--furniture`` reads each side with its site's furniture, the fingerprints
of the home page of that side's night, as the crawl does with ``[crawl] site_furniture``: parts without home pages,
the project part, are read as without it). Exit code 0 when every part shown meets every target, 1 when one is
missed, 2 on a bad option.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from corpus.build import PARTS
from corpus.score import Tally, tally

from crawler.vocab import CHANGE_KINDS

RECALL_TARGET = 0.98
PRECISION_TARGET = 0.99


def table(name: str, scores: Tally, pairs: int, noise_pairs: int, passed: int) -> tuple[list[str], bool]:
    """The lines of one part's table, and whether the part meets every target."""
    lines = [
        f"== {name}: {pairs} pairs, {noise_pairs} noise-only, {passed} give exactly their labels",
        f"{'kind':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>9}"
        f"   target P>={PRECISION_TARGET} R>={RECALL_TARGET}",
    ]
    ok = True
    for kind in CHANGE_KINDS:
        tp, fp, fn = scores.tp[kind], scores.fp[kind], scores.fn[kind]
        if not (tp + fp + fn):
            continue
        # A kind never labelled but reported has no recall to speak of: only its precision counts.
        precision, recall = scores.precision(kind), scores.recall(kind) if tp + fn else 1.0
        met = precision >= PRECISION_TARGET and recall >= RECALL_TARGET
        ok &= met
        lines.append(f"{kind:<22}{tp:>5}{fp:>5}{fn:>5}{precision:>11.3f}{recall:>9.3f}   {'ok' if met else 'MISSED'}")
    noise = scores.false_on_noise
    lines.append(f"false changes on noise-only pairs: {noise} (target 0) {'ok' if not noise else 'MISSED'}")
    return lines, ok and not noise


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", "-v", action="store_true", help="list every missed and extra change per pair")
    parser.add_argument(
        "--furniture", action="store_true", help="read each side with its site's furniture (its home page)"
    )
    parser.add_argument(
        "--no-history",
        action="store_true",
        help="diff each pair without the page's earlier nights (as a page's first nights are judged)",
    )
    parser.add_argument("--part", action="append", choices=sorted(PARTS), help="score only this part (repeatable)")
    args = parser.parse_args(argv)
    all_ok = True
    for name in args.part or list(PARTS):
        pairs = PARTS[name]()
        scores = tally(pairs, furniture=args.furniture, history=not args.no_history)
        failed = {miss.split(": ", 1)[0] for miss in scores.misses}
        homes = sum(p.home_old is not None and p.home_new is not None for p in pairs)
        label = f"{name} (site furniture: {homes} pairs with home pages)" if args.furniture else name
        lines, ok = table(label, scores, len(pairs), sum(p.noise_only for p in pairs), len(pairs) - len(failed))
        all_ok &= ok
        print("\n".join(lines))
        if args.misses and scores.misses:
            print("misses and extras:")
            print("\n".join(f"  {miss}" for miss in scores.misses))
        print()
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
