"""What one line of text says about a contact: the events the contact parser reads.

A line is a label and its value ("Tfn: 0520-49 60 94", "Telefon/Phone: …",
"Telefon Internationella enheten: …"), a name, a role, a unit ("Internationella
enheten"), a one-line card ("Näringslivsenheten Anna Ek 0522-69 60 00"), a sentence
that names someone ("Kontaktperson är Anna Ek telefon …"), or the text a hidden address
leaves behind ("E-post till Anna Ek", "Skicka e-post"): that is noise, never an address.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.extract.contact_fields import (
    BARE_LOCAL_RE,
    EMAIL_RE,
    LOCAL_RE,
    find_emails,
    find_numbers,
    has_role_word,
    local_number,
    looks_like_name,
    looks_like_role,
    looks_like_unit,
)

Event = tuple[str, str]  # ("name"|"role"|"role_above"|"unit"|"email"|"phone"|"noise", value)

CARD_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:contact|contacts|kontakt|kontakter|kontaktkort|kontaktperson|contactcard|person|"
    r"persons|vcard|h-card|employee|medarbetare|profile)(?:$|[\s_-])",
    re.IGNORECASE,
)
CONTACT_HEADING_RE = re.compile(
    r"^(?:kontakt|kontakta oss|kontaktperson(?:er)?|kontaktinformation|kontaktuppgifter|frågor)\b", re.IGNORECASE
)
_PHONE_LABEL = r"telefon(?:nummer)?|tel|tfn|mobil(?:telefon|nummer)?|mob|direkt(?:nummer)?|växel|fax|phone|mobile|cell"
_EMAIL_LABEL = r"e-?post(?:adress)?|e-?mail|mejl|mail"
_NAME_LABEL = r"kontakt(?:person(?:er)?)?|namn|name|sidansvarig|contact(?:\s+person)?"
_ROLE_LABEL = r"titel|roll|befattning|funktion|title|role"
#: A phone or e-mail label (maybe bilingual, maybe naming a unit before its colon) or a name/role label.
_LABEL_RE = re.compile(
    rf"^(?:(?P<value>{_PHONE_LABEL}|{_EMAIL_LABEL})(?:\s*/\s*(?:{_PHONE_LABEL}|{_EMAIL_LABEL}))?\b"
    rf"(?P<what>[^:\d@+]{{0,40}}:)?|(?P<named>{_NAME_LABEL}|{_ROLE_LABEL})\s*:)\s*[:.]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ROLE_LABEL_RE = re.compile(rf"^(?:{_ROLE_LABEL})$", re.IGNORECASE)
#: What a hidden or image address leaves as text: a link label, never an address.
_NOISE_RE = re.compile(
    r"^(?:(?:skicka\s+)?(?:e-?post|e-?mail|mejl|mail)(?:\s+(?:e-?post|till\s+.{1,60}))?|skicka\s+(?:ett\s+)?"
    r"(?:e-?post|mejl|e-?mail|meddelande)(?:\s+till\s+.{1,60})?|this\s+(?:e-?mail\s+address|is\s+an\s+e-?mail).*|"
    r"detta\s+är\s+en\s+e-?post.*|\[?e-?mail\s+protected\]?|ingen\s+giltig\s+användare\s+vald\.?|"
    r"(?:visa|dölj)\s+kontaktuppgifter)$",
    re.IGNORECASE,
)
#: A postal or visiting address, part of a card but nobody's name or role.
_ADDRESS_RE = re.compile(
    r"^(?:(?:besöks|post|leverans)?adress\b.*|box\s+\d+.*|\d{3}\s?\d{2}\s+[A-ZÅÄÖ][\w -]{1,30}|"
    r"[A-ZÅÄÖ][\wåäö-]*(?:gatan|vägen|torget|gränd|plan|allén|backen|stigen|leden)\s+\d+\s?[A-Za-z]?(?:,.*)?)$",
    re.IGNORECASE,
)
_MAX_LINE = 120
_NAME_CHUNK_RE = re.compile(
    r"[A-ZÅÄÖÉÜØÆ][\w'’-]+(?:\s+(?:(?:von|van|af|de|der|den|da|di|la|le|du|el|al)\s+)?[A-ZÅÄÖÉÜØÆ][\w'’-]+){1,3}"
)
#: Where a sentence names its contact: "Kontaktperson är …", "kontakta …", "Ring EU-byrån på …".
_SENTENCE_RE = re.compile(
    r"(?:\bkontaktperson(?:en)?\s+(?:är|var)|\bkontakta|\bvänd\s+dig\s+till|\bkontakt\s+med|\bbesvaras\s+av|"
    r"\bring|\bkontakt(?:person)?\s+på|\bcontact)\s+(?P<who>.+)$",
    re.IGNORECASE,
)
_SENTENCE_STOP_RE = re.compile(r"\s*(?:[,;(]|\s(?:på|via|tel\w*|tfn|e-?post\w*|mejl|mail|eller|och)\b)", re.IGNORECASE)
#: Text left of a contact line once addresses and numbers go: separators, labels, number runs.
_NUMBER_RUN_RE = re.compile(r"\+?\(?\d[\d\s()\-\u2010-\u2013.]*\d|\b\d\b")
_LABEL_WORDS_RE = re.compile(
    rf"\b(?:{_PHONE_LABEL}|{_EMAIL_LABEL}|vx|org\.?\s*nr|orgnr)\b\.?\s*:?(?:\s*/\s*(?:{_PHONE_LABEL}|{_EMAIL_LABEL})\b:?)?",
    re.IGNORECASE,
)
_PARTS_RE = re.compile(r"\s*(?:[,;|•·()]|\s[-–]\s|:)\s*")
_RESIDUE_DROP_RE = re.compile(
    r"\S*@\S*|\S*[\[(](?:at|snabel-?a|dot|punkt)[\])]\S*|\b(?:at|snabel-?a|punkt|dot)\b|[\d()+\-–.,:/]+",
    re.IGNORECASE,
)


def _residue_parts(line: str) -> list[str]:
    """The words of a contact line between its addresses, numbers and labels, split at separators."""
    text = EMAIL_RE.sub(" ", line)
    text = _NUMBER_RUN_RE.sub(" ", text)
    text = _LABEL_WORDS_RE.sub(" ", text)
    return [p for p in (p.strip(" .") for p in _PARTS_RE.split(text)) if any(ch.isalpha() for ch in p)]


def _who(parts: list[str]) -> tuple[list[Event], bool]:
    """Names, units and roles in the words of a line that also holds an address or number, and whether
    every part was a name, a unit, or a role after a name (then the line is a contact line, not prose)."""
    events: list[Event] = []
    named = True
    for part in parts:
        if looks_like_name(part):
            events.append(("name", part))
        elif looks_like_unit(part):
            events.append(("unit", part))
        elif (split := _trailing_name(part)) is not None:
            before, name = split
            events += [("role_above", before), ("name", name)]
        elif looks_like_role(part, lower=bool(events)):
            named = named and bool(events)
            events.append(("role", part))  # after a name on the line, or the current person's
        else:
            named = False
    return events, named and bool(events)


def _trailing_name(text: str) -> tuple[str, str] | None:
    """A one-line card's "<enhet> <namn>": a unit or a job title, then a name in its last two or three words."""
    words = text.split()
    for n in (3, 2):
        if n < len(words) <= n + 4:
            before, name = " ".join(words[:-n]), " ".join(words[-n:])
            if looks_like_name(name) and (
                looks_like_unit(before) or (looks_like_role(before) and has_role_word(before))
            ):
                return before, name
    return None


def _sentence(line: str) -> list[Event]:
    """The person or unit a sentence names, with the role after a comma ("kontakta Anna Ek, ordförande i …")."""
    m = _SENTENCE_RE.search(line)
    if m is None:
        return []
    who = m["who"]
    chunk = _NAME_CHUNK_RE.match(who)
    words = chunk[0].split() if chunk else []
    name = next((" ".join(words[:n]) for n in range(len(words), 1, -1) if looks_like_name(" ".join(words[:n]))), "")
    if name:
        events: list[Event] = [("name", name)]
        rest = who[len(name) :]
        if rest.startswith(","):
            clause = re.split(r"[,;]|\s(?:e-?post\w*|tel\w*|tfn|mejl|på)\b", rest[1:], maxsplit=1)[0].strip()
            if clause and looks_like_role(clause, lower=True) and not find_emails(clause):
                events.append(("role", clause))
        return events
    stop = _SENTENCE_STOP_RE.search(who)
    unit = who[: stop.start()] if stop else who
    return [("unit", unit)] if looks_like_unit(unit) else []


@lru_cache(maxsize=4096)
def line_events(line: str, area: str | None = None) -> tuple[Event, ...]:
    """What one line says about a contact, in order.

    >>> line_events("Tfn: 0520-49 60 94")
    (('phone', '+46520496094'),)
    >>> line_events("Internationella enheten, 0520-49 60 94")
    (('unit', 'Internationella enheten'), ('phone', '+46520496094'))
    """
    if _NOISE_RE.match(line) or _ADDRESS_RE.match(line):
        return (("noise", ""),)
    emails = find_emails(line)
    numbers = find_numbers(line)
    phones = [e164 for e164, kind in numbers if kind == "phone"]
    address = [("email", e) for e in emails] + [("phone", p) for p in phones[:1]]
    if len(line) > _MAX_LINE:
        return tuple(_sentence(line) + address) if address else ()
    m = _LABEL_RE.match(line)
    rest = m["rest"].strip() if m else line
    if m and m["named"] and _ROLE_LABEL_RE.match(m["named"]):
        return (("role", rest),) if looks_like_role(rest, lower=True) else ()
    if m and m["value"] and not rest:
        return (("noise", ""),)  # a label with no value
    if not address and m and m["value"] and not numbers and (local := local_number(rest, area)):
        return (("phone", local),)
    if not address and not m and (local := local_number(line, area, labelled=False)):
        return (("phone", local),)
    if address:
        said = _sentence(line) if _SENTENCE_RE.search(line) else []
        if not said and not is_prose(line):  # a sentence's names are not read, only its addresses
            words = line if m is None else rest if m["named"] else (m["what"] or "")[:-1]
            said = _who(_residue_parts(words))[0]
        return tuple(said + address)
    if numbers:
        return ()  # only fax, switchboard or organisation numbers: a unit's line, nobody's phone
    if m and m["value"]:
        return ()
    if m and m["named"].lower() == "sidansvarig":
        return ()  # the page's editor is a contact only with a number or address beside the name
    return tuple(_plain(rest, named=bool(m)))


def _plain(text: str, *, named: bool) -> list[Event]:
    """A line with no address or number: a name ("Name, role"), a unit, a role, or a role above a name ("…:")."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        return []
    if looks_like_name(parts[0]):
        return [("name", parts[0])] + [("role", p) for p in parts[1:] if looks_like_role(p, lower=True)]
    if looks_like_unit(parts[0]):
        return [("unit", parts[0])] + [("role", p) for p in parts[1:] if looks_like_role(p, lower=True)]
    if text.endswith(":") and looks_like_role(text[:-1].strip()):
        return [("role_above", text[:-1].strip())]
    if said := _sentence(text):
        return said  # "Vill du veta mer, kontakta Anna Lind" with the number on the next line
    if (split := _trailing_name(text)) is not None:
        return [("role_above", split[0]), ("name", split[1])]
    if looks_like_role(text):
        return [("role", text)]
    if named:
        return _sentence(f"kontakta {text}")  # "Kontaktperson: Anna Ek på Kulturförvaltningen"
    return []


_LABELLED_LOCAL_RE = re.compile(rf"^(?:{_PHONE_LABEL})\b\D{{0,40}}(?P<number>\d[\d -]*)$", re.IGNORECASE)


def may_be_local(line: str) -> bool:
    """Whether a line can be a number printed without its area code, alone or after a phone label."""
    m = _LABELLED_LOCAL_RE.match(line)
    return bool(BARE_LOCAL_RE.match(line) or (m and LOCAL_RE.match(m["number"])))


@lru_cache(maxsize=4096)
def is_prose(line: str) -> bool:
    """A sentence around an address ("Mejla oss på …, vi svarar inom en vecka") or naming a contact
    ("… kontakta Anna Lind") rather than a contact line: it stays content as well."""
    m = _LABEL_RE.match(line)
    rest = m["rest"] if m else line
    if not (find_emails(rest) or find_numbers(rest)):
        return len(rest.split()) > 3 and _SENTENCE_RE.search(rest) is not None
    words = [w for w in _RESIDUE_DROP_RE.sub(" ", rest).split() if any(ch.isalpha() for ch in w)]
    return len(words) > 3 and not _who(_residue_parts(rest))[1]


_LABEL_ONLY_RE = re.compile(rf"(?:kontakt\w*|{_PHONE_LABEL}|{_EMAIL_LABEL}|namn|roll)\s*:?", re.IGNORECASE)


def is_label_only(line: str) -> bool:
    """A heading or label with nothing after it ("Kontakt", "Telefon:")."""
    return bool(_LABEL_ONLY_RE.fullmatch(line))


@lru_cache(maxsize=8192)
def strength(line: str) -> int:
    """How surely a line belongs to a contact: 2 it holds an address or names one, 1 it can be part of
    one (a name, role, unit or label), 0 it is content."""
    if len(line) > _MAX_LINE:
        return 2 if "@" in line or find_emails(line) else 0
    if "@" in line or find_emails(line) or any(kind == "phone" for _, kind in find_numbers(line)):
        return 2
    if BARE_LOCAL_RE.match(line):
        return 2  # "12 34 56": a number without its area code
    m = _LABEL_RE.match(line)
    if (
        m
        and m["rest"]
        and (m["named"] and not _ROLE_LABEL_RE.match(m["named"]) and line_events(line) or LOCAL_RE.match(m["rest"]))
    ):
        return 2
    if _NOISE_RE.match(line) or is_label_only(line):
        return 1
    if len(line) <= 80 and line_events(line):
        return 1
    return 0
