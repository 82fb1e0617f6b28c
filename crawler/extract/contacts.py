"""Contacts: people on the page, wherever the markup puts them.

Four places are searched (never the site-wide contact centre, which the
boilerplate pass has already removed): contact cards (class/id "contact",
"kontakt", "person", "vcard"…), the section under a "Kontakt…" heading,
table rows, and runs of short lines around an e-mail or phone number. The
lines of each place are read in order as a stream of events (name, role,
unit, e-mail, phone); a new name, or a second e-mail, starts a new person.
What each line says is decided in :mod:`crawler.extract.lines`, what a piece of text is worth as a
phone, e-mail, name or role in :mod:`crawler.extract.contact_fields`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field

from crawler.extract.contact_fields import area_code, find_numbers, has_role_word
from crawler.extract.lines import (
    CARD_CLASS_RE,
    CONTACT_HEADING_RE,
    is_label_only,
    is_prose,
    line_events,
    may_be_local,
)
from crawler.record import Contact

__all__ = ["CARD_CLASS_RE", "CONTACT_HEADING_RE", "Unit", "merge_contacts", "page_area", "read_contacts"]


@dataclass
class _Draft:
    """A contact being read: filled line by line, a :class:`~crawler.record.Contact` when done."""

    first: int
    name: str | None = None
    roles: list[str] = field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    unit: bool = False  # the name is a unit's ("Internationella enheten"), not a person's
    fallback_role: str | None = None  # a unit line above the name, the role when no other is given
    open_for_roles: bool = True  # roles below the name still belong here (no address on a later line yet)

    def complete(self) -> bool:
        return bool(self.email or self.phone)

    def kept(self) -> bool:
        """A person with a name or an address; a unit only when it can be reached."""
        return bool(self.email or (self.name and (not self.unit or self.phone)))

    def contact(self) -> Contact:
        role = ", ".join(self.roles) or self.fallback_role
        return Contact(name=self.name, role=role, email=self.email, phone=self.phone)


@dataclass(frozen=True)
class Unit:
    """One unit of text as the extractor sees it: its index in document order and its lines."""

    index: int
    lines: tuple[str, ...]


#: A card flattened to one line of bullets ("• Kommunledningen • 451 81 Ort • Anna Ek • …"): one line each.
_BULLETS_RE = re.compile(r"\s*[•·▪◦]\s*")


def _split_card(line: str) -> list[str]:
    """A card flattened to bullets becomes its lines again; a short "Unit · Ort · address" line stays whole."""
    parts = [p for p in _BULLETS_RE.split(line) if p]
    return parts if len(parts) >= 4 else [line]


def page_area(lines: Iterable[str]) -> str | None:
    """The page's area code when all its Swedish landline numbers share one, else None.

    A number printed without its area code ("Telefon: 12 34 56") borrows it; two area codes
    on the page make that a guess, so then it is not read.
    """
    lines = list(lines)
    if not any(may_be_local(line) for line in lines):
        return None  # nothing to complete: spare phonenumbers the parsing
    areas = {code for line in lines for e164, _ in find_numbers(line) if (code := area_code(e164))}
    return areas.pop() if len(areas) == 1 else None


def _locals_of(name: str) -> list[str]:
    """The local parts an address of ``name`` is likely to have ("Anna Ek" -> "anna.ek", "annaek", …)."""
    words = [w.casefold() for w in name.split()]
    first, last = words[0], words[-1]
    return [f"{first}.{last}", f"{first}{last}", f"{first}_{last}", f"{first}-{last}", f"{first[0]}.{last}"]


def _unglue(line: str, name: str | None) -> str:
    """Split an address glued to the words before it ("samordnareanna.ek@x.se") where the
    current person's name shows where the address begins."""
    if not name or "@" not in line:
        return line
    folded = line.casefold()
    for local in sorted(_locals_of(name), key=len, reverse=True):
        at = folded.find(local + "@")
        if at > 0 and folded[at - 1].isalpha():
            return f"{line[:at]} {line[at:]}"
        if at >= 0:
            return line  # the address stands apart already
    return line


def read_contacts(
    units: Sequence[Unit], area: str | None = None, lead: Set[int] = frozenset()
) -> tuple[list[_Draft], set[int]]:
    """People in a run of units, and the indices of units that held only contact lines.

    ``area`` is the page's one area code (:func:`page_area`), for numbers printed without it;
    a person first named in a ``lead`` unit (a short line just before a contact) is one only
    when an address follows.
    """
    reader = _Reader(area)
    for unit in units:
        reader.read(unit)
    return [p for p in reader.drafts if p.kept() and (p.complete() or p.first not in lead)], reader.consumed


class _Reader:
    """The state of :func:`read_contacts` while it reads one run of units, one method per kind of line event."""

    def __init__(self, area: str | None) -> None:
        self.area = area
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None
        self.pending: list[str] = []  # roles printed above the name they belong to
        self.consumed: set[int] = set()

    def start(self, index: int) -> _Draft:
        person = _Draft(index, roles=self.pending)
        self.pending = []
        cur = self.cur
        if cur is not None and cur.unit and not cur.complete() and cur.name:
            person.fallback_role = cur.name
        self.drafts.append(person)
        self.cur = person
        return person

    def read(self, unit: Unit) -> None:
        used_any = False
        unused = False
        for raw in (part for ln in unit.lines for part in _split_card(ln)):
            line = _unglue(raw, self.cur.name if self.cur else None)
            events = line_events(line, self.area)
            named_here = any(kind == "name" for kind, _ in events)
            # a sentence of its own that names whom to call ("Ring EU-byrån på …") after a reachable person
            # in an earlier unit is someone else, not that person's department
            cur = self.cur
            own_sentence = cur is not None and cur.complete() and cur.first != unit.index and is_prose(line)
            used = False
            for kind, value in events:
                used = self._event(kind, value, unit.index, own_sentence) or used
            cur = self.cur
            if cur is not None and cur.complete() and not named_here:
                cur.open_for_roles = False  # "Anna Lind anna@…" then a role: still hers; after "Tel …" it is not
            if used and not is_prose(line):
                used_any = True
            elif not is_label_only(line):
                unused = True  # prose that mentions an address stays content as well
        if used_any and not unused:
            self.consumed.add(unit.index)

    def _event(self, kind: str, value: str, index: int, own_sentence: bool) -> bool:
        """Take one event of a line; whether it was used."""
        if kind == "noise":
            return True
        if kind == "name":
            return self._name(value, index)
        if kind == "unit":
            return self._unit(value, index, own_sentence)
        if kind == "role":
            return self._role(value)
        if kind == "role_above":
            self.pending.append(value)
            return True
        if kind == "email":
            cur = self.cur
            if cur is None or (cur.email and cur.email != value):
                cur = self.start(index)
            cur.email = value
            return True
        if kind == "phone":
            cur = self.cur if self.cur is not None else self.start(index)
            cur.phone = cur.phone or value
            return True
        return False

    def _name(self, value: str, index: int) -> bool:
        cur = self.cur
        if cur is not None and cur.name and cur.name.casefold() == value.casefold() and not cur.unit:
            return True  # the name printed twice
        if cur is None or cur.name or cur.complete():
            cur = self.start(index)
        cur.name = value
        return True

    def _unit(self, value: str, index: int, own_sentence: bool) -> bool:
        cur = self.cur
        if cur is not None and cur.name and not cur.unit and cur.open_for_roles and not own_sentence:
            cur.roles.append(value)  # the person's department, under the name
            return True
        if cur is None or cur.name or cur.complete():
            cur = self.start(index)
        cur.name, cur.unit, cur.fallback_role = value, True, None
        return True

    def _role(self, value: str) -> bool:
        cur = self.cur
        if cur is not None and cur.name and not cur.unit and cur.open_for_roles:
            cur.roles.append(value)
            return True
        if has_role_word(value):
            self.pending.append(value)  # a job title above the name it belongs to
            return True
        return False


def merge_contacts(groups: Sequence[list[_Draft]], in_main: Sequence[bool] | None = None) -> tuple[Contact, ...]:
    """One contact per identity (e-mail, else name), fields filled from every mention: those first met in the
    main content (``in_main``, by unit) first, then the rest, each in page order. So a theme that moves a
    sidebar before or after the article leaves the order of the page's contacts as it was."""
    merged: dict[str, _Draft] = {}
    by_name: dict[str, str] = {}
    for group in groups:
        for p in group:
            key = p.email or (p.name or "").casefold()
            if not p.email and key in by_name:
                key = by_name[key]
            elif p.email and p.name and p.name.casefold() in merged and not merged[p.name.casefold()].email:
                old = merged.pop(p.name.casefold())
                merged[key] = old
            if key in merged:
                known = merged[key]
                known.name = known.name or p.name
                known.email = known.email or p.email
                known.phone = known.phone or p.phone
                known.roles = known.roles or p.roles
                known.fallback_role = known.fallback_role or p.fallback_role
                known.first = min(known.first, p.first)
            else:
                merged[key] = _Draft(p.first, p.name, list(p.roles), p.email, p.phone, p.unit, p.fallback_role)
            if p.name:
                by_name[p.name.casefold()] = key

    def order(p: _Draft) -> tuple[bool, int]:
        return (in_main is not None and not in_main[p.first], p.first)

    return tuple(p.contact() for p in sorted(merged.values(), key=order))
