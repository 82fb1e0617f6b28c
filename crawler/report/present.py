"""How one change's old and new values read in a report (pure; untrusted values cleaned here).

Each value becomes a short list of ``Part``s so the three output formats
share one interpretation of the change kinds (their groups: crawler/vocab.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from crawler.display import phone_text
from crawler.report.i18n import words
from crawler.report.model import Part
from crawler.report.safe import clean, clean_run, link_text, safe_href
from crawler.vocab import ChangeKind, KindGroup

_WORD = re.compile(r"\S+\s*|\s+")
# (words of one run, its op, whether it is the first run, whether the last) -> the words kept
Shorten = Callable[[list[str], str, bool, bool], list[str]]


def link(url: Any, text: Any = None) -> Part:
    """A link when the URL is safe to link; otherwise the text alone (never an unsafe href)."""
    href = safe_href(url)
    if href is None:
        return Part(clean(text, 200) or clean(url, 200))
    return Part(link_text(text, href) if text else href, href)


def value_parts(kind: str, value: Any, lang: str) -> list[Part] | None:
    """The displayed form of ``old`` or ``new``; None when the value is absent."""
    if value is None:
        return None
    member = ChangeKind.of(kind)
    group = member.group if member else None
    if group is KindGroup.ADDRESS:
        return [link(value)]
    if group is KindGroup.DOCUMENT and isinstance(value, dict):
        return [link(value.get("url"), value.get("title") or words(lang)["none"])]
    if group is KindGroup.CONTACT and isinstance(value, dict):
        fields = [clean(value.get(k), 200) for k in ("name", "role", "email")]
        fields.append(clean(phone_text(value.get("phone")) if isinstance(value.get("phone"), str) else None, 200))
        return [Part(" · ".join(f for f in fields if f) or words(lang)["none"])]
    if isinstance(value, list | tuple):
        return [Part(clean(" / ".join(str(v) for v in value), 2000))]
    if isinstance(value, dict):
        return [Part(clean(", ".join(f"{k}: {v}" for k, v in value.items()), 2000))]
    return [Part(clean(value, 2000))]


def diff_parts(detail: Any, context: int = 8, max_words: int = 400) -> list[Part] | None:
    """A word diff, with long unchanged stretches cut to ``context`` words around each edit.

    >>> [(p.op, p.text) for p in diff_parts([["=", "a b c "], ["-", "x "], ["+", "y "]], context=1)]
    [('=', '… c '), ('-', 'x '), ('+', 'y ')]
    """
    if not isinstance(detail, list) or not detail:
        return None
    ops = [(op, clean_run(text)) for op, text in _pairs(detail)]
    if not any(op != "=" for op, _ in ops):
        return None

    def shorten(tokens: list[str], op: str, first: bool, last: bool) -> list[str]:
        return _trim_equal(tokens, context, first=first, last=last) if op == "=" else tokens

    return word_runs(ops, max_words, shorten)


def word_runs(runs: Sequence[tuple[str, str]], budget: int, shorten: Shorten) -> list[Part]:
    """Diff runs (op, text) as ``Part``s of at most ``budget`` words in all, then "…".

    ``shorten(words, op, first, last)`` cuts each run's words first (e.g. the
    unchanged stretches far from an edit); the budget then goes run by run.
    """
    parts: list[Part] = []
    last = len(runs) - 1
    for index, (op, text) in enumerate(runs):
        tokens = shorten(_WORD.findall(text), op, index == 0, index == last)
        if budget <= 0:
            parts.append(Part("…"))
            break
        if len(tokens) > budget:
            tokens = [*tokens[:budget], "…"]
        budget -= len(tokens)
        if tokens:
            parts.append(Part("".join(tokens), op=op))
    return parts


def _pairs(detail: list[Any]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for item in detail:
        if isinstance(item, list | tuple) and len(item) == 2 and item[0] in ("=", "-", "+"):
            pairs.append((item[0], str(item[1])))
    return pairs


def _trim_equal(tokens: list[str], context: int, *, first: bool, last: bool) -> list[str]:
    """Keep the unchanged words next to an edit; the far side of a leading/trailing stretch goes."""
    if first and len(tokens) > context + 1:
        return ["… "] + tokens[len(tokens) - context :]
    if last and len(tokens) > context + 1:
        return tokens[:context] + ["…"]
    if not first and not last and len(tokens) > 2 * context + 1:
        return tokens[:context] + ["… "] + tokens[len(tokens) - context :]
    return tokens


_EXCERPT_OPS = {"same": "=", "removed": "-", "added": "+", "elided": "="}


def document_summary(old: Any, new: Any, detail: Any, lang: str) -> list[str]:
    """What changed inside a document, as short lines in the report's language: sections added, removed and
    renamed, paragraphs counted, pages when their number changed (the summary: crawler/documents/facts.py)."""
    if not isinstance(detail, dict):
        return []
    w = words(lang)
    lines: list[str] = []
    if detail.get("compared") == "bytes":
        lines.append(w["doc_no_text"])
    for key, word in (("sections_added", "doc_sections_added"), ("sections_removed", "doc_sections_removed")):
        names = [clean(name, 200) for name in detail.get(key) or () if isinstance(name, str)]
        if names:
            lines.append(w[word].format(names=", ".join(names)))
    renamed = [
        f"{clean(pair[0], 200)} → {clean(pair[1], 200)}"
        for pair in detail.get("sections_renamed") or ()
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]
    if renamed:
        lines.append(w["doc_sections_renamed"].format(names=", ".join(renamed)))
    counts = [detail.get(k) for k in ("paragraphs_added", "paragraphs_removed", "paragraphs_rewritten")]
    if all(isinstance(c, int) for c in counts) and any(counts):
        lines.append(w["doc_paragraphs"].format(added=counts[0], removed=counts[1], rewritten=counts[2]))
    pages = [value.get("pages") if isinstance(value, dict) else None for value in (old, new)]
    if all(isinstance(p, int) for p in pages) and pages[0] != pages[1]:
        lines.append(w["doc_pages"].format(old=pages[0], new=pages[1]))
    return lines


def document_excerpts(detail: Any, max_words: int = 120) -> list[list[Part]]:
    """The word-level excerpts of the first few paragraphs changed, as diff runs ("=", "-", "+")."""
    if not isinstance(detail, dict):
        return []
    excerpts: list[list[Part]] = []
    for example in detail.get("examples") or ():
        if not isinstance(example, dict):
            continue
        runs: list[tuple[str, str]] = []
        for item in example.get("excerpt") or ():
            if isinstance(item, list | tuple) and len(item) == 2 and item[0] in _EXCERPT_OPS:
                text = "…" if item[0] == "elided" else str(item[1])
                runs.append((_EXCERPT_OPS[item[0]], clean_run(text + " ")))
        if runs:
            excerpts.append(word_runs(runs, max_words, lambda tokens, op, first, last: tokens))
    return excerpts
