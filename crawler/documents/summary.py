"""What changed in a document's text, as data: sections and paragraphs added, removed and rewritten, with
word-level excerpts of the first few, enough for an analyst to judge without opening the file.

Pure, and without prose: the report words it in its language. Paragraphs are aligned with
:class:`difflib.SequenceMatcher`; inside a stretch that differs, an old and a new paragraph that share most
of their words are one paragraph rewritten, the rest added or removed. Words are compared the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from crawler.documents.result import Block

MAX_EXAMPLES = 5
CONTEXT_WORDS = 6  # unchanged words kept around a change in an excerpt
MAX_EXCERPT_WORDS = 60  # words of one side of a change shown before it is cut with "…"
_SAME_PARAGRAPH = 0.5  # share of words two versions of one paragraph have in common at least
_LOOKAHEAD = 25  # paragraphs searched for a paragraph's rewritten version


class Action(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    REWRITTEN = "rewritten"


class Part(StrEnum):
    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"
    ELIDED = "elided"  # unchanged words left out ("…")


@dataclass(frozen=True)
class Excerpt:
    """Words of a paragraph with what was removed and added marked: (part, text) pairs in reading order."""

    parts: tuple[tuple[Part, str], ...]

    def as_text(self) -> str:
        """wdiff's notation, for logs and plain text: ``[-removed-]{+added+}``.

        >>> Excerpt(((Part.SAME, "tre"), (Part.REMOVED, "vänorter"), (Part.ADDED, "partnerorter"))).as_text()
        'tre [-vänorter-] {+partnerorter+}'
        """
        marks = {Part.SAME: "{}", Part.REMOVED: "[-{}-]", Part.ADDED: "{{+{}+}}", Part.ELIDED: "…"}
        return " ".join(marks[part].format(text) for part, text in self.parts)


@dataclass(frozen=True)
class Change:
    """One paragraph or heading added, removed or rewritten; ``section`` is the heading it falls under."""

    action: Action
    heading: bool
    section: str | None
    old: str | None
    new: str | None
    excerpt: Excerpt


@dataclass(frozen=True)
class TextChanges:
    """The summary of a text change; empty when the texts are the same."""

    sections_added: tuple[str, ...] = ()
    sections_removed: tuple[str, ...] = ()
    sections_renamed: tuple[tuple[str, str], ...] = ()
    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    paragraphs_rewritten: int = 0
    words_added: int = 0
    words_removed: int = 0
    examples: tuple[Change, ...] = field(default=())  # the first few changes, in document order

    @property
    def empty(self) -> bool:
        return not (self.examples or self.paragraphs_added or self.paragraphs_removed or self.paragraphs_rewritten)


def summarise(old: Sequence[Block], new: Sequence[Block], *, max_examples: int = MAX_EXAMPLES) -> TextChanges:
    """What changed from ``old`` to ``new`` (blocks from :func:`crawler.documents.normalise.normalise`)."""
    changes = _changes(list(old), list(new))
    added = [c for c in changes if c.action is Action.ADDED]
    removed = [c for c in changes if c.action is Action.REMOVED]
    rewritten = [c for c in changes if c.action is Action.REWRITTEN]
    words_added = words_removed = 0
    for change in changes:
        for part, text in change.excerpt.parts:
            if part is Part.ADDED:
                words_added += len(text.split())
            elif part is Part.REMOVED:
                words_removed += len(text.split())
    return TextChanges(
        sections_added=tuple(c.new or "" for c in added if c.heading),
        sections_removed=tuple(c.old or "" for c in removed if c.heading),
        sections_renamed=tuple((c.old or "", c.new or "") for c in rewritten if c.heading),
        paragraphs_added=sum(1 for c in added if not c.heading),
        paragraphs_removed=sum(1 for c in removed if not c.heading),
        paragraphs_rewritten=sum(1 for c in rewritten if not c.heading),
        words_added=words_added,
        words_removed=words_removed,
        examples=tuple(changes[:max_examples]),
    )


def _changes(old: list[Block], new: list[Block]) -> list[Change]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_section = _section(old, i1)
        new_section = _section(new, j1)
        pairs = _pair(old[i1:i2], new[j1:j2])
        for old_block, new_block in pairs:
            if old_block is None and new_block is not None:
                excerpt = _excerpt([], new_block.text.split())
                changes.append(Change(Action.ADDED, new_block.heading, new_section, None, new_block.text, excerpt))
            elif new_block is None and old_block is not None:
                excerpt = _excerpt(old_block.text.split(), [])
                changes.append(Change(Action.REMOVED, old_block.heading, old_section, old_block.text, None, excerpt))
            elif old_block is not None and new_block is not None:
                excerpt = _excerpt(old_block.text.split(), new_block.text.split())
                heading = old_block.heading or new_block.heading
                changes.append(Change(Action.REWRITTEN, heading, new_section, old_block.text, new_block.text, excerpt))
            if new_block is not None and new_block.heading:
                new_section = new_block.text
            if old_block is not None and old_block.heading:
                old_section = old_block.text
    return changes


def _pair(old: Sequence[Block], new: Sequence[Block]) -> list[tuple[Block | None, Block | None]]:
    """Old and new paragraphs of one differing stretch in order: a pair when one is the other rewritten."""
    pairs: list[tuple[Block | None, Block | None]] = []
    next_new = 0
    for old_block in old:
        match = None
        for index in range(next_new, min(len(new), next_new + _LOOKAHEAD)):
            if new[index].heading == old_block.heading and _similar(old_block.text, new[index].text):
                match = index
                break
        if match is None:
            pairs.append((old_block, None))
            continue
        pairs.extend((None, block) for block in new[next_new:match])
        pairs.append((old_block, new[match]))
        next_new = match + 1
    pairs.extend((None, block) for block in new[next_new:])
    return pairs


def _similar(old: str, new: str) -> bool:
    matcher = difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False)
    return (
        matcher.real_quick_ratio() >= _SAME_PARAGRAPH
        and matcher.quick_ratio() >= _SAME_PARAGRAPH
        and matcher.ratio() >= _SAME_PARAGRAPH
    )


def _section(blocks: Sequence[Block], index: int) -> str | None:
    """The heading above position ``index``, if any."""
    for block in reversed(blocks[:index]):
        if block.heading:
            return block.text
    return None


def _excerpt(old: list[str], new: list[str]) -> Excerpt:
    """The changed words with a few unchanged ones around them; long unchanged stretches elided."""
    parts: list[tuple[Part, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = old[i1:i2]
            first, last = number == 0, number == len(opcodes) - 1
            if len(same) <= 2 * CONTEXT_WORDS or (first and len(same) <= CONTEXT_WORDS):
                parts.append((Part.SAME, " ".join(same)))
                continue
            if not first:
                parts.append((Part.SAME, " ".join(same[:CONTEXT_WORDS])))
            parts.append((Part.ELIDED, "…"))
            if not last:
                parts.append((Part.SAME, " ".join(same[-CONTEXT_WORDS:])))
            continue
        if i2 > i1:
            parts.append((Part.REMOVED, _cut(old[i1:i2])))
        if j2 > j1:
            parts.append((Part.ADDED, _cut(new[j1:j2])))
    return Excerpt(tuple(parts))


def _cut(words: list[str]) -> str:
    if len(words) <= MAX_EXCERPT_WORDS:
        return " ".join(words)
    return " ".join(words[:MAX_EXCERPT_WORDS]) + " …"
