"""An editable model of one municipality's "international work" page.

The simulated web renders pages from this model, and tests change a page by
editing the model (never the HTML), so every version has a known truth:
:func:`to_record` says what a perfect extractor should return for it.

All types are frozen; the edit helpers return a new :class:`PageContent`, so a
site's history is a list of values that can be compared and replayed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin

import phonenumbers

from crawler.record import Block, Contact, Document, PageRecord

BLOCK_KINDS = ("h", "p", "li")

SWEDISH_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def _long_date(d: dt.date) -> str:
    return f"{d.day} {SWEDISH_MONTHS[d.month - 1]} {d.year}"


#: Stamp wordings seen on municipal sites; ``{iso}``/``{long}`` is the date, ``{by}`` the reviewer suffix.
STAMP_WORDINGS: dict[str, str] = {
    "senast_granskad": "Senast granskad {iso}{by}",
    "sidan_uppdaterades": "Sidan uppdaterades {iso}",
    "senast_uppdaterad": "Senast uppdaterad: {long}",
    "uppdaterad": "Uppdaterad {long}",
    "granskad": "Granskad {iso}",
    "publicerad": "Publicerad {long}",
}


@dataclass(frozen=True)
class TextBlock:
    """A heading (``h``), paragraph (``p``) or list item (``li``); adjacent items form one list."""

    kind: str
    text: str

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"block kind must be one of {BLOCK_KINDS}, not {self.kind!r}")


@dataclass(frozen=True)
class Person:
    """A contact person as the page writes them (phone and e-mail not normalised)."""

    name: str | None
    roles: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class DocLink:
    """A linked file; ``size_text`` is the hint shown after the title, e.g. ``"pdf 606 KB"``."""

    title: str
    href: str
    size_text: str | None = None


@dataclass(frozen=True)
class Stamp:
    """The "last reviewed" line; ``wording`` is a key of :data:`STAMP_WORDINGS`."""

    wording: str
    date: dt.date
    reviewer: str | None = None

    def __post_init__(self) -> None:
        if self.wording not in STAMP_WORDINGS:
            raise ValueError(f"unknown stamp wording {self.wording!r}; known: {sorted(STAMP_WORDINGS)}")

    def text(self) -> str:
        by = f" av {self.reviewer}" if self.reviewer else ""
        return STAMP_WORDINGS[self.wording].format(iso=self.date.isoformat(), long=_long_date(self.date), by=by)


@dataclass(frozen=True)
class PageContent:
    """The main content of one page, without any site-wide boilerplate.

    ``lead`` is the introductory paragraph (rendered with a "lead" class by
    most CMSs); ``contact_heading``/``contact_intro`` introduce the contact
    section, which may exist with no contacts under it (as on real pages).
    """

    title: str
    lead: str | None = None
    blocks: tuple[TextBlock, ...] = ()
    contacts: tuple[Person, ...] = ()
    documents: tuple[DocLink, ...] = ()
    stamp: Stamp | None = None
    image_caption: str | None = None
    contact_heading: str | None = "Kontakt"
    contact_intro: str | None = None


# --------------------------------------------------------------------------- edits


def change_title(content: PageContent, title: str) -> PageContent:
    return replace(content, title=title)


def change_lead(content: PageContent, lead: str | None) -> PageContent:
    return replace(content, lead=lead)


def _paragraph_positions(content: PageContent) -> list[int]:
    return [i for i, b in enumerate(content.blocks) if b.kind == "p"]


def rewrite_paragraph(content: PageContent, index: int, text: str) -> PageContent:
    """Replace the text of the ``index``-th paragraph (``p`` blocks only, lead excluded)."""
    pos = _paragraph_positions(content)[index]
    blocks = list(content.blocks)
    blocks[pos] = TextBlock("p", text)
    return replace(content, blocks=tuple(blocks))


def add_paragraph(content: PageContent, text: str, *, at: int | None = None, kind: str = "p") -> PageContent:
    """Insert a block at block position ``at`` (default: after the last block)."""
    blocks = list(content.blocks)
    blocks.insert(len(blocks) if at is None else at, TextBlock(kind, text))
    return replace(content, blocks=tuple(blocks))


def remove_block(content: PageContent, index: int) -> PageContent:
    blocks = list(content.blocks)
    del blocks[index]
    return replace(content, blocks=tuple(blocks))


def _find(items: Sequence[object], key: int | str, attr: str) -> int:
    if isinstance(key, int):
        return key
    for i, item in enumerate(items):
        if getattr(item, attr) == key:
            return i
    raise KeyError(key)


def replace_contact(content: PageContent, which: int | str, new: Person) -> PageContent:
    """Replace a contact, chosen by position or by name."""
    contacts = list(content.contacts)
    contacts[_find(contacts, which, "name")] = new
    return replace(content, contacts=tuple(contacts))


def update_contact(content: PageContent, which: int | str, **changes: Any) -> PageContent:
    """Change some fields of one contact (e.g. ``phone=...``), keeping the rest."""
    contacts = list(content.contacts)
    i = _find(contacts, which, "name")
    contacts[i] = replace(contacts[i], **changes)
    return replace(content, contacts=tuple(contacts))


def add_contact(content: PageContent, person: Person) -> PageContent:
    return replace(content, contacts=(*content.contacts, person))


def remove_contact(content: PageContent, which: int | str) -> PageContent:
    contacts = list(content.contacts)
    del contacts[_find(contacts, which, "name")]
    return replace(content, contacts=tuple(contacts))


def add_document(content: PageContent, doc: DocLink) -> PageContent:
    return replace(content, documents=(*content.documents, doc))


def remove_document(content: PageContent, which: int | str) -> PageContent:
    """Remove a document, chosen by position or by title."""
    docs = list(content.documents)
    del docs[_find(docs, which, "title")]
    return replace(content, documents=tuple(docs))


def bump_stamp(
    content: PageContent,
    *,
    days: int = 1,
    date: dt.date | None = None,
    reviewer: str | None = None,
    wording: str | None = None,
) -> PageContent:
    """Move the stamp's date (by ``days`` or to ``date``); adds a stamp if the page had none."""
    old = content.stamp or Stamp("senast_granskad", dt.date(2024, 1, 1))
    new_date = date or old.date + dt.timedelta(days=days)
    stamp = Stamp(wording or old.wording, new_date, reviewer if reviewer is not None else old.reviewer)
    return replace(content, stamp=stamp)


def remove_stamp(content: PageContent) -> PageContent:
    return replace(content, stamp=None)


def chain(*edits: Callable[[PageContent], PageContent]) -> Callable[[PageContent], PageContent]:
    """Compose edits left to right, e.g. ``chain(lambda c: bump_stamp(c), ...)``."""

    def run(content: PageContent) -> PageContent:
        for edit in edits:
            content = edit(content)
        return content

    return run


# --------------------------------------------------------------------------- truth


def e164(phone: str | None) -> str | None:
    """A Swedish phone number as written -> E.164, or None when it does not parse."""
    if not phone:
        return None
    try:
        parsed = phonenumbers.parse(phone, "SE")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


_SPACES = re.compile(r"\s+")


def to_record(content: PageContent, url: str) -> PageRecord:
    """What a perfect extractor returns for ``content`` served at ``url``.

    Conventions (documented so the extraction corpus can rely on them): the
    lead is the first ``p`` block; the contact intro is a block (main content), and
    so is the contact heading when an intro follows it: a heading that labels only
    the contacts (or nothing yet) is their label, not prose; the stamp line, contact
    lines and document links are not blocks; a contact's roles are joined with ", "; document titles
    carry no size hint and URLs are absolute.
    """
    blocks: list[Block] = []
    if content.lead:
        blocks.append(Block("p", content.lead))
    blocks += [Block(b.kind, _SPACES.sub(" ", b.text).strip()) for b in content.blocks]
    if content.contact_heading and content.contact_intro:
        blocks.append(Block("h", content.contact_heading))
    if content.contact_intro:
        blocks.append(Block("p", content.contact_intro))
    contacts = tuple(
        Contact(
            name=p.name,
            role=", ".join(p.roles) or None,
            email=p.email.lower() if p.email else None,
            phone=e164(p.phone),
        )
        for p in content.contacts
    )
    documents = tuple(Document(url=urljoin(url, d.href), title=d.title) for d in content.documents)
    stamp = content.stamp
    return PageRecord(
        url=url,
        title=content.title,
        blocks=tuple(blocks),
        review_date=stamp.date.isoformat() if stamp else None,
        reviewer=stamp.reviewer if stamp else None,
        contacts=contacts,
        documents=documents,
    )
