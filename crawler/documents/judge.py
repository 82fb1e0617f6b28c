"""Decide what one document fetch means: a pure function, no I/O, no clock.

A failed fetch, an error status or a file that cannot be read is that document's failure, never a change.
A document is compared by its fingerprint (:attr:`crawler.documents.result.DocumentText.fingerprint`: the
normalised text, or the bytes' hash without a text layer), so a re-exported PDF with the same text is no
change. A 404/410 is the document missing; that the page no longer links it is the page's own
``document_removed``. A link without a document suffix that answers with a web page is no document at all
(``invalid``: nothing is stored of it).
"""

from __future__ import annotations

from crawler.documents.facts import changes_json, document_facts
from crawler.documents.judgement import FETCH, MISSING, DocumentState, DocumentVerdict
from crawler.documents.result import DocumentText, Failure, Reading, Unreadable
from crawler.documents.summary import summarise
from crawler.fetch import DocumentFetch
from crawler.record import Change
from crawler.vocab import ChangeKind, Outcome


def needs_reading(fetch: DocumentFetch) -> bool:
    """Only a 2xx answer carries a document to read."""
    return not fetch.error and fetch.status is not None and 200 <= fetch.status < 300


def not_a_document(reading: Unreadable, state: DocumentState) -> bool:
    """A link that only announced a file (no document suffix, crawler/extract/documents.py
    ``announces_document``) answered with something kommunvakt does not read, a web page most often, and
    neither its address nor its Content-Type claimed a document, nor was it ever read as one: it is no
    document, silently (no failure, no change)."""
    unread = reading.failure in (Failure.NOT_A_DOCUMENT, Failure.UNSUPPORTED)
    return unread and reading.kind is None and state.last_fingerprint is None


def evaluate_document(fetch: DocumentFetch, state: DocumentState, reading: Reading | None) -> DocumentVerdict:
    """The outcome of one document fetch against its last stored version; ``reading`` is None exactly when
    :func:`needs_reading` is false."""
    if fetch.error or fetch.status is None:
        return DocumentVerdict(Outcome.FAILED, error=fetch.error or "no response", failure=FETCH)
    if fetch.status == 304:
        return DocumentVerdict(Outcome.NOT_MODIFIED)
    if fetch.status in (404, 410):
        return DocumentVerdict(Outcome.MISSING, error=f"HTTP {fetch.status}", failure=MISSING)
    if not 200 <= fetch.status < 300:
        return DocumentVerdict(Outcome.FAILED, error=f"HTTP {fetch.status}", failure=FETCH)
    if reading is None:
        raise ValueError(f"a {fetch.status} document must be read before it is judged")
    if not isinstance(reading, DocumentText):
        if not_a_document(reading, state):
            return DocumentVerdict(Outcome.INVALID)
        return DocumentVerdict(Outcome.FAILED, error=reading.reason, failure=str(reading.failure))
    if state.last_fingerprint is None:
        facts = document_facts(state.url, reading, link_title=fetch.link_title)
        return DocumentVerdict(Outcome.NEW, version=reading, facts=facts)
    if reading.fingerprint == state.last_fingerprint:
        return DocumentVerdict(Outcome.UNCHANGED)
    new = document_facts(state.url, reading, link_title=fetch.link_title)
    old = dict(state.last_facts or {"url": state.url, "sha256": None, "pages": None, "modified": None})
    old["title"] = old.get("title") or fetch.link_title
    detail = changes_json(summarise(state.last_blocks, reading.blocks))
    detail["compared"] = "text" if reading.has_text else "bytes"
    change = Change(ChangeKind.DOCUMENT_CHANGED, old, new, detail=detail)
    return DocumentVerdict(Outcome.CHANGED, version=reading, change=change)
