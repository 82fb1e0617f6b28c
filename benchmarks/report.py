"""How long a big night's report takes: 1,000 changes over the 290 municipalities (target: < 2 s).

Run: ``python benchmarks/report.py [--changes N] [--html FILE]``. Prints the time to
shape and render both parts (the HTML one fitted under Gmail's clipping size, see
``crawler/report/fit.py``) and build the MIME message, and the sizes beside their targets.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.mail import build_message
from crawler.registry import load_sites
from crawler.report.fit import GMAIL_CLIP_BYTES, HTML_BUDGET, fit_html
from crawler.report.model import FailureEvent, ReportData, SiteRef, StoredChange
from crawler.report.render import render
from crawler.report.shape import build_report
from crawler.vocab import ADDRESS_KINDS, CHANGE_KINDS

TARGET_SECONDS = 2.0
SENTENCE = (
    "kommunen arbetar med internationella frågor inom EU och Norden samt vänorter i Polen och Tyskland "
    "kontakta samordnaren för mer information om projekt bidrag och utbyten för skolor och föreningar"
)
WORDS = SENTENCE.split(" ")


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def synthetic(count: int, seed: int = 7) -> ReportData:
    """A night with ``count`` changes spread over all municipalities, 40 of them one template change."""
    rng = random.Random(seed)
    sites = load_sites()
    refs = {s.id: SiteRef(s.id, s.name, s.county, s.home) for s in sites}
    ids = [s.id for s in sites]
    now = datetime(2026, 11, 22, 2, 30, tzinfo=UTC)
    changes: list[StoredChange] = []
    for i in range(count):
        site = ids[i % len(ids)] if i < len(ids) else rng.choice(ids)
        kind = rng.choice(CHANGE_KINDS)
        url = f"https://www.{site}.se/internationellt"
        old, new, detail = _values(rng, kind, site, i)
        if i < 40:  # a CMS template update seen on 40 sites
            kind, old, new = "text_changed", "Om kakor.", "Om kakor och personuppgifter."
            detail = [["=", "Om kakor"], ["+", " och personuppgifter"], ["=", "."]]
        changes.append(StoredChange(i + 1, 1, site, url, kind, old, new, detail, now + timedelta(seconds=i)))
    failures = [FailureEvent(f"failing:{s}:1", s, "failing", now, now, "timeout after 30 s", 1) for s in ids[:12]]
    return ReportData(changes=changes, sites=refs, failures=failures, current_run_id=1)


def _values(rng: random.Random, kind: str, site: str, i: int):  # type: ignore[no-untyped-def]
    person = {"name": f"Person {i}", "role": "Samordnare", "email": f"p{i}@{site}.se", "phone": "+46520496094"}
    document = {"url": f"https://www.{site}.se/dokument/plan-{i}.pdf", "title": f"Handlingsplan {i}"}
    if kind == "contact_added":
        return None, person, None
    if kind == "contact_removed":
        return person, None, None
    if kind == "contact_changed":
        return person, {**person, "phone": "+46850829000"}, None
    if kind == "review_date_changed":
        return "2025-03-01", "2026-11-20", None
    if kind == "document_added":
        return None, document, None
    if kind == "document_removed":
        return document, None, None
    if kind in ADDRESS_KINDS:
        old, new = f"https://www.{site}.se/int", f"https://www.{site}.se/internationellt-arbete"
        if kind == "page_moved":
            return old, new, None
        return (None, new, None) if kind == "page_restored" else (old, None, None)
    if kind == "title_changed":
        return "Internationellt arbete", "EU och internationellt", None
    before, after, added = sentence(rng, 60), sentence(rng, 60), sentence(rng, 12)
    return before, after, [["=", before + " "], ["-", sentence(rng, 8) + " "], ["+", added + " "], ["=", after]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--html", type=Path, help="also write the HTML part here (to look at it)")
    args = parser.parse_args()
    data = synthetic(args.changes)
    render(build_report(synthetic(5), now=datetime.now(UTC)), "html")  # warm the template cache
    start = time.perf_counter()
    report = build_report(data, now=datetime.now(UTC))
    text = render(report, "text")
    fitted = fit_html(report)
    message = build_message(
        subject=report.subject, sender="k@example.se", recipients=["a@example.se"], text=text, html=fitted.html
    )
    raw = message.as_bytes()
    elapsed = time.perf_counter() - start
    full = len(render(report, "html").encode("utf-8"))
    if args.html:
        args.html.write_text(fitted.html, encoding="utf-8")
    fast = elapsed < TARGET_SECONDS
    small = fitted.size <= HTML_BUDGET
    print(f"report: {report.total_changes} changes in {report.total_sites} municipalities, {len(report.shared)} shared")
    print(f"time:   {elapsed:.3f} s (target < {TARGET_SECONDS:.1f} s) {'OK' if fast else 'TOO SLOW'}")
    print(
        f"html:   {fitted.size:,} bytes, layout {fitted.layout}, {fitted.shown} of {fitted.total} changes "
        f"(target <= {HTML_BUDGET:,}; Gmail clips above {GMAIL_CLIP_BYTES:,}) {'OK' if small else 'TOO BIG'}"
    )
    print(f"        the full layout would be {full:,} bytes")
    print(f"text:   {len(text.encode('utf-8')):,} bytes (everything, no limit)")
    print(f"mail:   {len(raw):,} bytes as sent (MIME, transfer-encoded)")
    return 0 if fast and small else 1


if __name__ == "__main__":
    sys.exit(main())
