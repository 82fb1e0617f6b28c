"""Normalising the parts of a contact: phone numbers, e-mail addresses, names and roles.

No library decodes Swedish e-mail obfuscations ("namn[at]kommun.se",
"(at)", "punkt") or Cloudflare's ``data-cfemail``, so that is done here;
email-validator then validates the result and phonenumbers (region SE)
normalises phones to E.164.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from email_validator import EmailNotValidError, validate_email

_AT = r"(?:@|\s*[\[({]\s*(?:at|snabel-?a|@)\s*[\])}]\s*|\s+(?:at|snabel-?a)\s+)"
_DOT = r"(?:\.|\s*[\[({]\s*(?:dot|punkt)\s*[\])}]\s*|\s+(?:dot|punkt)\s+)"
_PART = r"[A-Za-z0-9_%+\-åäöÅÄÖéÉüÜ]+"
EMAIL_RE = re.compile(rf"(?<![\w.@-])({_PART}(?:{_DOT}{_PART})*){_AT}({_PART}(?:{_DOT}{_PART})+)", re.IGNORECASE)
_DOT_RE = re.compile(_DOT, re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d")


@lru_cache(maxsize=4096)
def normalise_email(local: str, domain: str) -> str | None:
    """Join de-obfuscated parts and validate; lower-case result or None."""
    candidate = f"{_DOT_RE.sub('.', local)}@{_DOT_RE.sub('.', domain)}".lower()
    try:
        return validate_email(candidate, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def find_emails(text: str) -> list[str]:
    """Every e-mail address in ``text``, de-obfuscated, validated, lower-cased, in order.

    >>> find_emails("E-post: Kristin.Bjork[at]amal punkt se")
    ['kristin.bjork@amal.se']
    """
    if "@" not in text and not re.search(r"\b(?:at|snabel-?a)\b", text, re.IGNORECASE):
        return []
    found: list[str] = []
    for m in EMAIL_RE.finditer(text):
        email = normalise_email(m[1], m[2])
        if email and email not in found:
            found.append(email)
    return found


def decode_cfemail(hexstr: str) -> str | None:
    """Cloudflare's e-mail protection: the first byte is an XOR key for the rest.

    >>> decode_cfemail("5a333e3b1a3b373b3674293f")
    'ida@amal.se'
    """
    try:
        data = bytes.fromhex(hexstr.strip())
    except ValueError:
        return None
    if len(data) < 2:
        return None
    key = data[0]
    try:
        return bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=4096)
def normalise_phone(text: str) -> str | None:
    """A phone number as written -> E.164 (region SE), or None when it is not a valid number.

    >>> normalise_phone("+46 (0)520-49 60 94")
    '+46520496094'
    """
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=4096)
def find_phones(text: str) -> tuple[str, ...]:
    """Valid phone numbers in free text, E.164, in order (Leniency.VALID: no org numbers or dates)."""
    if len(_DIGITS_RE.findall(text)) < 6:
        return ()
    found: list[str] = []
    for m in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID):
        e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        if e164 not in found:
            found.append(e164)
    return tuple(found)


_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÈÜØÆ][a-zåäöéèüøæáíóúñ'’]+(?:-[A-ZÅÄÖÉÜa-zåäö][a-zåäöéèüøæ'’]+)?$")
_ROLE_HINT = re.compile(
    r"(?:are|ör|chef|strateg|ledare|handläggare|sekreterare|ansvarig|koordinator|assistent|konsult|"
    r"rådgivare|utvecklare|samordnare|direktör|tjänsteman|expert|specialist|officer|manager|coordinator|"
    r"administratör|controller|analytiker|redaktör|kommunikatör|ordförande)$",
    re.IGNORECASE,
)
_NOT_NAME_WORDS = frozenset(
    {
        "kommun", "kommuns", "stad", "stads", "staden", "region", "regionen", "direkt", "kontakt", "kontakta",
        "kontaktcenter", "kontaktperson", "internationell", "internationellt", "internationella", "enhet",
        "enheten", "förvaltning", "avdelning", "kontor", "center", "centrum", "europa", "sverige", "eu",
        "telefon", "mobil", "e-post", "epost", "mejl", "växel", "besöksadress", "adress", "öppettider",
        "mer", "information", "läs", "hem", "sida", "sidan", "om", "och", "för", "med", "till", "ring",
    }
)  # fmt: skip


_PARTICLES = frozenset({"von", "van", "af", "de", "der", "den", "da", "di", "la", "le", "du", "el", "al", "bin"})


def looks_like_name(text: str) -> bool:
    """A person's name: two to four capitalised words, none of them a role or an office word.

    >>> looks_like_name("Isak Johansson"), looks_like_name("Projektledare Europa Direkt Fyrbodal")
    (True, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 60:
        return False
    if words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    return all(
        w in _PARTICLES or (_NAME_WORD.match(w) and w.lower() not in _NOT_NAME_WORDS and not _ROLE_HINT.search(w))
        for w in words
    )


def looks_like_role(text: str) -> bool:
    """A short descriptive line that can be a job title: no digits, no sentence, no label."""
    if not text or len(text) > 80 or len(text.split()) > 8:
        return False
    if any(ch.isdigit() for ch in text) or "@" in text or ":" in text:
        return False
    return text[-1] not in "?!." and text[0].isupper() and not looks_like_name(text)
