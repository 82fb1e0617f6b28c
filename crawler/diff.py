"""diff_records: two PageRecords -> the changes an analyst cares about (pure).

Structured parts (stamp, contacts, documents, title) are compared as data;
the prose is compared block by block and reported as at most one
``text_changed`` per page, with a word-level diff for display. Blocks that
only restate a structured part (a contact's name, a document title, the stamp
line) are left out of the prose first, so nothing is reported twice. Given the page's recent versions,
blocks that change on their own night after night are left out of the prose comparison too
(:mod:`crawler.volatile`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence

from crawler.extract.stamp import is_stamp_line
from crawler.extract.urls import clean_url
from crawler.record import Change, Contact, Document, PageRecord
from crawler.vocab import ChangeKind
from crawler.volatile import restless_now, restless_stamp, stamp_wanders, unreported

#: Token-pair budget for the word diff; beyond it the detail is a plain "-old" / "+new".
WORD_DIFF_LIMIT = 4_000_000
_TOKEN_RE = re.compile(r"\S+\s*")
#: A run that may be a written phone number: digits with spaces, hyphens (also U+2011), dots, slashes and "(0)".
_PHONE_RUN_RE = re.compile(r"\+?\(?\d[\d\s().\-\u2011/]{4,}\d")
_CONTACT_MARK = "\x00"


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _contact_key_pairs(old: Sequence[Contact], new: Sequence[Contact]) -> list[tuple[Contact | None, Contact | None]]:
    """Pair contacts across versions: by e-mail first, then by name among the rest."""
    pairs: list[tuple[Contact | None, Contact | None]] = []
    left = list(old)
    right = list(new)
    for key in (lambda c: c.email, lambda c: _norm(c.name).casefold() or None):
        for o in list(left):
            k = key(o)
            if not k:
                continue
            match = next((n for n in right if key(n) == k), None)
            if match is not None:
                pairs.append((o, match))
                left.remove(o)
                right.remove(match)
    pairs += [(o, None) for o in left]
    pairs += [(None, n) for n in right]
    return pairs


def _same_contact(a: Contact, b: Contact) -> bool:
    return (
        _norm(a.name) == _norm(b.name)
        and _norm(a.role) == _norm(b.role)
        and (a.email or "").lower() == (b.email or "").lower()
        and a.phone == b.phone
    )


def _contact_changes(old: PageRecord, new: PageRecord) -> list[Change]:
    changes: list[Change] = []
    for o, n in _contact_key_pairs(old.contacts, new.contacts):
        if o is None and n is not None:
            changes.append(Change(ChangeKind.CONTACT_ADDED, None, n.as_json()))
        elif n is None and o is not None:
            changes.append(Change(ChangeKind.CONTACT_REMOVED, o.as_json(), None))
        elif o is not None and n is not None and not _same_contact(o, n):
            changes.append(Change(ChangeKind.CONTACT_CHANGED, o.as_json(), n.as_json()))
    return changes


def _doc_map(docs: Iterable[Document]) -> dict[str, Document]:
    out: dict[str, Document] = {}
    for d in docs:
        out.setdefault(clean_url(d.url), d)
    return out


def _document_changes(old: PageRecord, new: PageRecord) -> list[Change]:
    """Documents added and removed, by URL. A link that now reads differently at the same URL (a strategy
    replaced in place: "… 2021–2024" becomes "… 2025–2028") is the old document removed and the new one
    added, both at that URL: the contract has no kind for a renamed document, and it must not go unseen."""
    before, after = _doc_map(old.documents), _doc_map(new.documents)
    renamed = {
        u for u in before.keys() & after.keys() if _norm(before[u].title).casefold() != _norm(after[u].title).casefold()
    }
    changes = [
        Change(ChangeKind.DOCUMENT_ADDED, None, {"url": u, "title": d.title})
        for u, d in after.items()
        if u not in before or u in renamed
    ]
    changes += [
        Change(ChangeKind.DOCUMENT_REMOVED, {"url": u, "title": d.title}, None)
        for u, d in before.items()
        if u not in after or u in renamed
    ]
    return changes


def _covered(old: PageRecord, new: PageRecord) -> set[str]:
    """Texts that structured changes already speak for (normalised, case-folded)."""
    texts: set[str] = set()
    for rec in (old, new):
        for c in rec.contacts:
            texts.update(_norm(t).casefold() for t in (c.name, c.role, c.email, c.phone) if t)
        texts.update(_norm(d.title).casefold() for d in rec.documents)
    return texts


def _prose(record: PageRecord, covered: set[str]) -> list[str]:
    """The record's prose blocks, without those that restate a structured part.

    Extraction never makes a stamp a block (:func:`~crawler.extract.stamp.stamp_lines`); the stamp test
    here is for records stored before it knew a stamp split over a ``<br>``, so that such a stored record
    and a new one of the same page differ in ``review_date`` only.
    """
    return [
        t
        for b in record.blocks
        if (t := _norm(b.text)) and t.casefold() not in covered and not is_stamp_line(t) and t != _norm(record.title)
    ]


def _phone_digits(e164: str) -> set[str]:
    """The digit strings a contact's number (E.164) is written as: international, national, "+46 (0)…"."""
    digits = e164.lstrip("+")
    forms = {digits}
    if digits.startswith("46"):
        forms |= {"0" + digits[2:], "460" + digits[2:]}
    return forms


def _masker(record: PageRecord) -> Callable[[str], str]:
    """Blank out, in a prose block, what the record's contacts already say: their names, e-mails and phone
    numbers as written in a sentence ("Kontaktperson är <namn> telefon 0NNN-NN NN NN"). A contact changed
    inside a sentence is then a contact change, not also a text change; any other word of the sentence
    still counts."""
    names = sorted({_norm(c.name) for c in record.contacts if c.name}, key=len, reverse=True)
    emails = {c.email.lower() for c in record.contacts if c.email}
    phones = set().union(*(_phone_digits(c.phone) for c in record.contacts if c.phone))
    if not (names or emails or phones):
        return lambda text: text

    def phone(m: re.Match[str]) -> str:
        return _CONTACT_MARK if re.sub(r"\D", "", m.group()) in phones else m.group()

    def mask(text: str) -> str:
        for name in names:
            text = text.replace(name, _CONTACT_MARK)
        for email in emails:
            text = re.sub(re.escape(email), _CONTACT_MARK, text, flags=re.IGNORECASE)
        return _PHONE_RUN_RE.sub(phone, text) if phones else text

    return mask


def word_diff(old: str, new: str, *, limit: int = WORD_DIFF_LIMIT) -> list[list[str]]:
    """A word-level diff as ``[op, text]`` pairs (op ``=``, ``-``, ``+``).

    Tokens are a word plus its trailing whitespace (measured: 0.02 s a page,
    where whitespace as separate tokens took 8 s). Inputs whose token counts
    multiply past ``limit`` get a coarse two-part diff, so one pathological
    page cannot stall a run.

    >>> word_diff("Kontakta Anna idag", "Kontakta Bo idag")
    [['=', 'Kontakta '], ['-', 'Anna '], ['+', 'Bo '], ['=', 'idag']]
    """
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    if len(a) * len(b) > limit:
        return [op for op in (["-", old], ["+", new]) if op[1]]
    out: list[list[str]] = []

    def emit(op: str, tokens: Sequence[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1][1] += text
        else:
            out.append([op, text])

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("=", a[i1:i2])
        else:
            emit("-", a[i1:i2])
            emit("+", b[j1:j2])
    return out


def _text_change(old: PageRecord, new: PageRecord, history: Sequence[PageRecord] = ()) -> Change | None:
    covered = _covered(old, new)
    a, b = _prose(old, covered), _prose(new, covered)
    if a == b or " ".join(a) == " ".join(b):
        return None  # the same words, split or marked up differently
    mask_old, mask_new = _masker(old), _masker(new)
    ma, mb = [mask_old(t) for t in a], [mask_new(t) for t in b]
    if ma == mb or " ".join(ma) == " ".join(mb):
        return None  # only what the contacts say changed: the contact change reports it
    quiet_old, quiet_new = _restless(history, covered, ma, mb)
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, ma, mb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += [a[i] for i in range(i1, i2) if i not in quiet_old]
            added += [b[j] for j in range(j1, j2) if j not in quiet_new]
    old_text, new_text = "\n\n".join(removed), "\n\n".join(added)
    if _norm(old_text) == _norm(new_text):
        return None
    return Change(ChangeKind.TEXT_CHANGED, old_text or None, new_text or None, detail=word_diff(old_text, new_text))


def _restless(
    history: Sequence[PageRecord], covered: set[str], old: list[str], new: list[str]
) -> tuple[frozenset[int], frozenset[int]]:
    """The indexes of ``old``'s and ``new``'s (masked prose) blocks that change on their own: the window is the
    page's earlier versions, masked as the last one is, then the last version itself."""
    if not history:
        return frozenset(), frozenset()
    window = [[_masker(h)(t) for t in _prose(h, covered)] for h in history]
    return unreported([*window, old], new)


def restless_parts(versions: Sequence[PageRecord]) -> tuple[list[str], bool]:
    """What of a page's latest version (``versions``: its window, oldest first, ending with it) the judge would
    not report if it changed tonight: its prose blocks in restless slots, and whether its stamp is restless."""
    if not versions:
        return [], False
    last = versions[-1]
    covered = _covered(last, last)
    prose = [_prose(v, covered) for v in versions]
    masked = [[_masker(v)(t) for t in blocks] for v, blocks in zip(versions, prose, strict=True)]
    quiet = restless_now(masked)
    return [t for i, t in enumerate(prose[-1]) if i in quiet], stamp_wanders([v.review_date for v in versions])


def diff_records(old: PageRecord, new: PageRecord, *, history: Sequence[PageRecord] = ()) -> list[Change]:
    """The changes from ``old`` to ``new``, in report order (``ChangeKind.order``).

    ``history``: the page's versions before ``old`` in the last days, oldest first (the crawl's
    :data:`crawler.volatile.WINDOW_DAYS`); prose that changed on its own in them, and a stamp that went back
    and forth in them, are not reported when they change again (:mod:`crawler.volatile`). Without it,
    every change is reported.

    >>> from crawler.record import PageRecord
    >>> [(c.kind, c.old, c.new) for c in diff_records(PageRecord("u", review_date="2024-05-17"),
    ...                                                PageRecord("u", review_date="2024-06-01"))]
    [(<ChangeKind.REVIEW_DATE_CHANGED: 'review_date_changed'>, '2024-05-17', '2024-06-01')]
    """
    changes = _contact_changes(old, new)
    stamps = [*(h.review_date for h in history), old.review_date]
    if old.review_date != new.review_date and not restless_stamp(stamps, new.review_date):
        changes.append(Change(ChangeKind.REVIEW_DATE_CHANGED, old.review_date, new.review_date))
    changes += _document_changes(old, new)
    if _norm(old.title) != _norm(new.title):
        changes.append(Change(ChangeKind.TITLE_CHANGED, old.title, new.title))
    text = _text_change(old, new, history)
    if text is not None:
        changes.append(text)
    return sorted(changes, key=lambda c: c.kind.order)
