"""The structured view of one fetched page, and the changes between two of them.

These types are the contract between extraction (``crawler.extract``), the diff
(``crawler.diff``), storage and the report. They are plain frozen dataclasses
that round-trip through JSON, so a stored record can be compared again later
(``kommunvakt reprocess``) without fetching.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from crawler.vocab import ChangeKind


@dataclass(frozen=True)
class Block:
    """One unit of main content: a heading (``h``), paragraph (``p``) or list item (``li``)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Contact:
    """A person to contact. Phone in E.164, e-mail lower-case; any field may be missing."""

    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None

    def as_json(self) -> dict[str, str | None]:
        return {"name": self.name, "role": self.role, "email": self.email, "phone": self.phone}


@dataclass(frozen=True)
class Document:
    """A linked PDF/Word/Excel file; ``title`` has size hints like "(pdf 606 KB)" removed."""

    url: str
    title: str

    def as_json(self) -> dict[str, str]:
        return {"url": self.url, "title": self.title}


@dataclass(frozen=True)
class PageRecord:
    """What an analyst cares about on a page, with site-wide boilerplate removed."""

    url: str
    title: str = ""
    blocks: tuple[Block, ...] = ()
    review_date: str | None = None  # ISO date of the "Senast granskad …" stamp
    reviewer: str | None = None
    contacts: tuple[Contact, ...] = ()
    documents: tuple[Document, ...] = ()

    def to_json(self) -> str:
        # Built by hand: dataclasses.asdict deep-copies every field and costs more than the dump itself.
        data = {
            "blocks": [{"kind": b.kind, "text": b.text} for b in self.blocks],
            "contacts": [c.as_json() for c in self.contacts],
            "documents": [d.as_json() for d in self.documents],
            "review_date": self.review_date,
            "reviewer": self.reviewer,
            "title": self.title,
            "url": self.url,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | dict[str, Any]) -> PageRecord:
        data = json.loads(raw) if isinstance(raw, str) else raw
        return cls(
            url=data["url"],
            title=data.get("title", ""),
            blocks=tuple(Block(**b) for b in data.get("blocks", ())),
            review_date=data.get("review_date"),
            reviewer=data.get("reviewer"),
            contacts=tuple(Contact(**c) for c in data.get("contacts", ())),
            documents=tuple(Document(**d) for d in data.get("documents", ())),
        )

    def normalised_text(self) -> str:
        """The record as stable plain text: what is stored, shown and hashed."""
        return self._normalised

    def content_hash(self) -> str:
        return self._hash

    # Computed once per record: the crawl compares, stores and hashes the same text (a frozen
    # dataclass still has an instance __dict__, which is where cached_property keeps the value).
    @cached_property
    def _hash(self) -> str:
        return hashlib.sha256(self._normalised.encode("utf-8")).hexdigest()

    @cached_property
    def _normalised(self) -> str:
        """The record as stable plain text (see normalised_text).

        The URL is left out on purpose: a page that moved but kept its content
        has not changed its content.
        """
        lines = [f"# {self.title}", ""]
        lines += [_block_line(b) for b in self.blocks]
        if self.review_date:
            stamp = f"Granskad: {self.review_date}"
            lines += ["", stamp + (f" av {self.reviewer}" if self.reviewer else "")]
        for c in self.contacts:
            parts = [c.name, c.role, c.email, c.phone]
            lines.append("Kontakt: " + " | ".join(p or "-" for p in parts))
        for d in self.documents:
            lines.append(f"Dokument: {d.title} <{d.url}>")
        return "\n".join(lines).strip() + "\n"


def _block_line(block: Block) -> str:
    if block.kind == "h":
        return f"## {block.text}"
    if block.kind == "li":
        return f"- {block.text}"
    return block.text


@dataclass(frozen=True)
class Change:
    """One change in an analyst's terms (``old``/``new`` per kind group: see crawler/vocab.py KindGroup).

    ``detail`` carries display-only data, e.g. the word-level diff of a
    ``text_changed`` as a list of ``[op, text]`` pairs (op: ``=``, ``-``, ``+``).
    """

    kind: ChangeKind
    old: Any = None
    new: Any = None
    detail: Any = field(default=None, compare=False)
