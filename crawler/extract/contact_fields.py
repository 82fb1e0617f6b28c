"""The fields of a contact, found and normalised: phone numbers, e-mail addresses, names and roles.

:mod:`crawler.extract.contacts` decides which lines make one contact; this module only says what a
piece of text is worth as one of its fields.

No library decodes Swedish e-mail obfuscations ("namn[at]kommun.se",
"(at)", "punkt") or Cloudflare's ``data-cfemail``, so that is done here;
email-validator then validates the result and phonenumbers (region SE)
finds and normalises phones to E.164; around its matcher this module only
types each number by its label (fax, switchboard, organisation number are no
one's phone), parts two numbers printed with a bare space between them, drops
opening hours, and completes a number printed without its area code when the
page has one area code.
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


#: Where one number ends and the next begins with only a space between ("0520-49 60 94 070-123 45 67").
_NEXT_NUMBER_RE = re.compile(r"(?<=\d)\s+(?=(?:\+\d|0[1-9]\d{0,2}\s?-\s?\d))")
_HYPHENS_RE = re.compile(
    r"[\u2010\u2011\u2012]|(?<=\d)\u2013(?=\d)|(?<=\b0\d)\s?\u2013\s?(?=\d)|(?<=\b0\d\d)\s?\u2013\s?(?=\d)|(?<=\b0\d\d\d)\s?\u2013\s?(?=\d)"
)
#: What a label just before a number (or "vx" just after it) says the number is.
_KIND_BEFORE_RE = re.compile(
    r"(?P<fax>\bfax\w*|\btelefax)|(?P<org>\borg(?:anisations)?\.?\s*(?:nr|nummer)\b|\bvat\b|\bbankgiro|\bplusgiro)|"
    r"(?P<switchboard>\bväxel(?:n|nummer)?\b|\bvx\b)|(?P<phone>\btel\w*|\btfn\b|\bmob\w*|\bphone\b|\bdirekt\w*|\bring\b)",
    re.IGNORECASE,
)
_TIME_RANGE_RE = re.compile(r"\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}")
_SWITCHBOARD_AFTER_RE = re.compile(r"^\s*\(?\s*(?:vx|växel)\b", re.IGNORECASE)


def _number_kind(before: str, after: str) -> str:
    """ "phone", "fax", "org" or "switchboard": the last label before the number decides, "vx" after it too."""
    if _SWITCHBOARD_AFTER_RE.match(after):
        return "switchboard"
    kind = "phone"
    for m in _KIND_BEFORE_RE.finditer(before):
        kind = m.lastgroup or kind
    return kind


@lru_cache(maxsize=4096)
def find_numbers(text: str) -> tuple[tuple[str, str], ...]:
    """Valid phone numbers in free text as ``(E.164, kind)``, kind "phone", "fax", "org" or "switchboard".

    phonenumbers finds them (Leniency.VALID: no dates, postcodes or organisation numbers);
    a number with only a space before the next one is split from it first, since the matcher
    would read the two as one invalid number. Foreign numbers keep their own country code.

    >>> find_numbers("Tel 0520-49 60 94, fax 0520-49 60 95")
    (('+46520496094', 'phone'), ('+46520496095', 'fax'))
    """
    if len(_DIGITS_RE.findall(text)) < 6:
        return ()
    text = _NEXT_NUMBER_RE.sub("; ", _HYPHENS_RE.sub("-", text))
    found: list[tuple[str, str]] = []
    last = 0
    for m in phonenumbers.PhoneNumberMatcher(text, "SE", leniency=phonenumbers.Leniency.VALID):
        if _TIME_RANGE_RE.search(m.raw_string):
            continue  # opening hours "08.00-16.30" read as a Stockholm number
        e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        kind = _number_kind(text[last : m.start], text[m.end : m.end + 8])
        last = m.end
        if all(e164 != known for known, _ in found):
            found.append((e164, kind))
    return tuple(found)


def find_phones(text: str) -> tuple[str, ...]:
    """The phone numbers of ``text`` a person or unit answers: fax, switchboard and organisation numbers left out."""
    return tuple(e164 for e164, kind in find_numbers(text) if kind == "phone")


#: A number printed without its area code after a phone label: "12 34 56", "123 45", "12-34-56" (5-7 digits).
LOCAL_RE = re.compile(r"^(?=(?:\D*\d){5})\d{2,3}(?:[ -]?\d{2}){1,2}$")
#: The same with no label: only the paired shape "12 34 56" ("451 81" is a postcode, "2024" a year).
BARE_LOCAL_RE = re.compile(r"^\d{2,3} \d{2} \d{2}$")


def local_number(text: str, area: str | None, *, labelled: bool = True) -> str | None:
    """A number written without its area code ("12 34 56") in E.164, given the page's one area code.

    >>> local_number("49 60 94", "520")
    '+46520496094'
    """
    text = text.strip()
    if area is None or not (LOCAL_RE if labelled else BARE_LOCAL_RE).match(text):
        return None
    return normalise_phone(f"0{area}{text.replace(' ', '').replace('-', '')}")


@lru_cache(maxsize=1024)
def area_code(e164: str) -> str | None:
    """The Swedish area code of a landline number ("+46520496094" -> "520"); None for mobiles and foreign numbers."""
    if not e164.startswith("+46"):
        return None
    number = phonenumbers.parse(e164)
    length = phonenumbers.length_of_geographical_area_code(number)
    return phonenumbers.national_significant_number(number)[:length] if length else None


_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÈÜØÆ][a-zåäöéèüøæáíóúñ'’]+(?:-[A-ZÅÄÖÉÜa-zåäö][a-zåäöéèüøæ'’]+)?$")
_ROLE_HINT = re.compile(
    r"(?:are|ör|chef|strateg|ledare|handläggare|sekreterare|ansvarig|koordinator|assistent|konsult|"
    r"rådgivare|utvecklare|samordnare|direktör|tjänsteman|expert|specialist|officer|manager|coordinator|"
    r"administratör|controller|analytiker|redaktör|kommunikatör|ordförande)$",
    re.IGNORECASE,
)
#: The last word of a unit's name: "Internationella enheten", "EU-byrån", "Kommunledningskontoret".
#: Not "center", "direkt" or "service": "Kontaktcenter", "Eskilstuna direkt" name the site-wide contact
#: centre, which is page furniture, never the page's contact.
_UNIT_WORD = re.compile(
    r"(?:enhet|enheten|kontor|kontoret|förvaltning|förvaltningen|avdelning|avdelningen|byrå|byrån|kansli|kansliet|"
    r"sektion|sektionen|stab|staben|ledning|ledningen|nämnd|nämnden|office|unit|"
    r"department|secretariat|sekretariat|sekretariatet|gruppen|verksamhet|verksamheten|kundtjänst|"
    r"reception|receptionen|kommun|stad|region|regionen|kommune|kunta|kaupunki|municipality)$",
    re.IGNORECASE,
)
_UNIT_LINKS = frozenset({"för", "i", "in", "på", "vid", "of"})  # "Enheten för …", "Europakontoret i Bryssel"
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
        w in _PARTICLES
        or (
            _NAME_WORD.match(w)
            and w.lower() not in _NOT_NAME_WORDS
            and not _ROLE_HINT.search(w)
            and not _UNIT_WORD.search(w)
        )
        for w in words
    )


def looks_like_unit(text: str) -> bool:
    """The name of a unit, office or service ("Internationella enheten", "EU-byrån", "Enheten för
    internationella frågor", "Vänortskontoret i Hamar"): short, capitalised, its last word an office word
    or an office word followed by "för", "i", "på"….

    >>> looks_like_unit("Internationella enheten"), looks_like_unit("Anna Ek")
    (True, False)
    """
    words = text.split()
    return (
        1 <= len(words) <= 5
        and len(text) <= 60
        and text[0].isupper()
        and not any(ch.isdigit() or ch in "@:" for ch in text)
        and (
            bool(_UNIT_WORD.search(words[-1]))
            or any(_UNIT_WORD.search(w) and nxt in _UNIT_LINKS for w, nxt in zip(words, words[1:-1], strict=False))
        )
    )


def has_role_word(text: str) -> bool:
    """Whether a line names a job ("Bitr kommundirektör", "EU-samordnare"), not just a place or topic."""
    return any(len(w) > 4 and _ROLE_HINT.search(w) for w in text.replace(",", " ").split())  # not "för"


def looks_like_role(text: str, *, lower: bool = False) -> bool:
    """A short descriptive line that can be a job title: no digits, no sentence, no label.

    ``lower``: a role after a comma ("Anna Ek, internationell samordnare") may start in lower case.
    """
    if not text or len(text) > 80 or len(text.split()) > 8:
        return False
    if any(ch.isdigit() for ch in text) or "@" in text or ":" in text:
        return False
    return text[-1] not in "?!." and (lower or text[0].isupper()) and not looks_like_name(text)
