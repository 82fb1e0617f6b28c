"""Contacts: people on the page, wherever the markup puts them.

Four places are searched (never the site-wide contact centre, which the
boilerplate pass has already removed): contact cards (class/id "contact",
"kontakt", "person", "vcard"…), the section under a "Kontakt…" heading,
table rows, and any short text that holds an e-mail or phone number. The
lines of each place are read in order as a stream of events (name, role,
e-mail, phone); a new name, or a second e-mail, starts a new person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from crawler.extract.people import find_emails, find_phones, looks_like_name, looks_like_role
from crawler.record import Contact

CARD_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:contact|contacts|kontakt|kontakter|kontaktkort|kontaktperson|contactcard|person|"
    r"persons|vcard|h-card|employee|medarbetare|profile)(?:$|[\s_-])",
    re.IGNORECASE,
)
CONTACT_HEADING_RE = re.compile(
    r"^(?:kontakt|kontakta oss|kontaktperson(?:er)?|kontaktinformation|kontaktuppgifter|frågor)\b", re.IGNORECASE
)
_LABEL_RE = re.compile(
    r"^(?P<label>e-?post(?:adress)?|e-?mail|mejl|mail|telefon(?:nummer)?|tel|tfn|mobil(?:telefon)?|mob|"
    r"direkt(?:nummer)?|växel|fax|kontakt(?:person)?|namn|titel|roll|befattning|funktion)\s*(?::|\.)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NAME_LABELS = ("kontakt", "kontaktperson", "namn")
_ROLE_LABELS = ("titel", "roll", "befattning", "funktion")
_SKIP_PHONE_LABELS = ("växel", "fax")
_MAX_CONTACT_LINE = 120


@dataclass
class _Person:
    first: int
    name: str | None = None
    roles: list[str] = field(default_factory=list)
    email: str | None = None
    phone: str | None = None

    def empty(self) -> bool:
        return not (self.name or self.email or self.phone or self.roles)

    def contact(self) -> Contact:
        return Contact(name=self.name, role=", ".join(self.roles) or None, email=self.email, phone=self.phone)


@dataclass(frozen=True)
class Unit:
    """One unit of text as the extractor sees it: its index in document order and its lines."""

    index: int
    lines: tuple[str, ...]


def _events(line: str) -> list[tuple[str, str]]:
    """What one line says about a person: ("name"|"role"|"email"|"phone", value)."""
    if len(line) > _MAX_CONTACT_LINE:
        return [("email", e) for e in find_emails(line)]
    m = _LABEL_RE.match(line)
    label = m["label"].lower() if m else ""
    rest = m["rest"].strip() if m else line
    events: list[tuple[str, str]] = []
    emails = find_emails(rest)
    phones = () if label in _SKIP_PHONE_LABELS else find_phones(rest)
    if label in _ROLE_LABELS and rest:
        return [("role", rest)]
    if not emails and not phones and rest:
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        if parts and looks_like_name(parts[0]):
            events.append(("name", parts[0]))
            events += [("role", p) for p in parts[1:] if looks_like_role(p)]
        elif (not label or label in _NAME_LABELS) and looks_like_role(rest):
            events.append(("role", rest))
        return events
    events += [("email", e) for e in emails]
    events += [("phone", p) for p in phones[:1]]
    return events


def parse_people(units: Sequence[Unit]) -> tuple[list[_Person], set[int]]:
    """People in a run of units, and the indices of units that held only contact lines."""
    people: list[_Person] = []
    cur: _Person | None = None
    consumed: set[int] = set()
    for unit in units:
        used_any = False
        unused = False
        for line in unit.lines:
            events = _events(line)
            used = False
            for kind, value in events:
                if kind == "name":
                    if cur is None or cur.name or cur.email or cur.phone:
                        cur = _Person(unit.index)
                        people.append(cur)
                    cur.name = value
                    used = True
                elif kind == "role":
                    if cur is not None and cur.name and not (cur.email or cur.phone):
                        cur.roles.append(value)
                        used = True
                elif kind == "email":
                    if cur is None or cur.email:
                        cur = _Person(unit.index)
                        people.append(cur)
                    cur.email = value
                    used = True
                elif kind == "phone":
                    if cur is None:
                        cur = _Person(unit.index)
                        people.append(cur)
                    cur.phone = cur.phone or value
                    used = True
            if used and not _is_prose(line):
                used_any = True
            elif not _is_label_only(line):
                unused = True  # prose that mentions an address stays content as well
        if used_any and not unused:
            consumed.add(unit.index)
    return [p for p in people if p.name or p.email], consumed


_RESIDUE_DROP_RE = re.compile(
    r"\S*@\S*|\S*[\[(](?:at|snabel-?a|dot|punkt)[\])]\S*|\b(?:at|snabel-?a|punkt|dot)\b|[\d()+\-–.,:/]+",
    re.IGNORECASE,
)


def _is_prose(line: str) -> bool:
    """A sentence around an address ("Mejla oss på …, vi svarar inom en vecka") rather than a contact line."""
    m = _LABEL_RE.match(line)
    rest = m["rest"] if m else line
    if not (find_emails(rest) or find_phones(rest)):
        return False
    words = [w for w in _RESIDUE_DROP_RE.sub(" ", rest).split() if any(ch.isalpha() for ch in w)]
    return len(words) > 3


def _is_label_only(line: str) -> bool:
    return bool(re.fullmatch(r"(?:kontakt\w*|e-?post|telefon|tel|mobil|namn|roll)\s*:?", line, re.IGNORECASE))


def merge_people(groups: Sequence[list[_Person]]) -> tuple[Contact, ...]:
    """One contact per identity (e-mail, else name), fields filled from every mention, in page order."""
    merged: dict[str, _Person] = {}
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
                known.first = min(known.first, p.first)
            else:
                merged[key] = _Person(p.first, p.name, list(p.roles), p.email, p.phone)
            if p.name:
                by_name[p.name.casefold()] = key
    return tuple(p.contact() for p in sorted(merged.values(), key=lambda p: p.first))
