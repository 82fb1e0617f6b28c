"""The values the document judge (:func:`crawler.documents.judge.evaluate_document`) is given and gives back.

Plain data, apart from the judge: storage loads a :class:`DocumentState` and records a
:class:`DocumentVerdict` without importing the decisions (as :mod:`crawler.judgement` does for pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crawler.documents.result import Block, DocumentText, Failure
from crawler.record import Change
from crawler.vocab import Outcome

#: A document failure's kind, as stored (``documents.failure``): why it could not be read
#: (crawler/documents/result.py ``Failure``), or these two of the fetch itself.
MISSING = "missing"  # 404 or 410
FETCH = "fetch"  # no answer, or an error status
FAILURE_KINDS: tuple[str, ...] = (*(f.value for f in Failure), MISSING, FETCH)


@dataclass(frozen=True)
class DocumentState:
    """What storage knew of a document before this fetch; all empty for one never fetched."""

    url: str
    document_id: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_version_id: int | None = None  # the version this state was loaded with (checked when recording)
    last_fingerprint: str | None = None
    last_blocks: tuple[Block, ...] = ()
    last_facts: dict[str, Any] | None = None  # crawler/documents/facts.py document_facts of the last version


@dataclass(frozen=True)
class DocumentVerdict:
    """``version``: a new version to store (first seen, or its text changed); ``change``: the
    ``document_changed`` to record, if any. A failure has ``error`` (in words) and ``failure`` (its kind, one
    of :data:`FAILURE_KINDS`) and never a change."""

    outcome: Outcome
    error: str | None = None
    failure: str | None = None
    version: DocumentText | None = None
    change: Change | None = None
    #: a document read for the first time: what the page's ``document_added`` of this run should carry
    facts: dict[str, Any] | None = None

    @property
    def good(self) -> bool:
        return self.outcome.good
