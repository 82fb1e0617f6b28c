"""The report's words in Swedish (the default) and English.

Kept as plain dictionaries rather than gettext catalogues: two languages and
some forty strings do not need a build step.
"""

from __future__ import annotations

import re

from crawler import fetch
from crawler.extract import reasons
from crawler.vocab import ChangeKind

#: Each change kind's label, under its ``ChangeKind.label_key`` (crawler/vocab.py); a test checks that every kind
#: has one in every language and that no label is left for a kind that does not exist.
KIND_LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "kind_contact_added": "Ny kontaktperson",
        "kind_contact_removed": "Kontaktperson borttagen",
        "kind_contact_changed": "Ändrade kontaktuppgifter",
        "kind_review_date_changed": "Nytt granskningsdatum",
        "kind_document_added": "Nytt dokument",
        "kind_document_removed": "Dokument borttaget",
        "kind_document_changed": "Ändrat dokument",
        "kind_page_moved": "Sidan har flyttat",
        "kind_page_gone": "Sidan finns inte längre",
        "kind_address_invalid": "Adressen gäller inte längre",
        "kind_page_restored": "Sidan finns igen",
        "kind_title_changed": "Ny rubrik",
        "kind_text_changed": "Ändrad text",
    },
    "en": {
        "kind_contact_added": "New contact",
        "kind_contact_removed": "Contact removed",
        "kind_contact_changed": "Contact details changed",
        "kind_review_date_changed": "New review date",
        "kind_document_added": "New document",
        "kind_document_removed": "Document removed",
        "kind_document_changed": "Document changed",
        "kind_page_moved": "Page moved",
        "kind_page_gone": "Page gone",
        "kind_address_invalid": "Address no longer valid",
        "kind_page_restored": "Page restored",
        "kind_title_changed": "New title",
        "kind_text_changed": "Text changed",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "change": "ändring",
        "changes": "ändringar",
        "municipality": "kommun",
        "municipalities": "kommuner",
        "no_changes": "inga ändringar",
        "interrupted_subject": "avbruten körning",
        "totals": "{changes} {changes_word} i {sites} {sites_word}",
        "interrupted": "Körning {run} avbröts ({started}): alla sidor hann inte kontrolleras.",
        "outage_subject": "webbplatserna kunde inte nås",
        "outage": "Körning {run} nådde inte webbplatserna ({started}): {unreached} av {pages} sidor gick inte att nå, "
        "troligen för att nätverket var nere. Ingen sida räknas därför som borttagen eller trasig; "
        "ändringar från den natten syns vid nästa körning.",
        "catch_up": "{count} ändringar från tidigare körningar skickas nu, eftersom de inte kunde levereras då.",
        "shared": "Samma ändring i flera kommuner",
        "shared_sites": "{count} kommuner",
        "unknown_county": "Okänt län",
        "page": "Sidan",
        "home": "Kommunens webbplats",
        "old": "Före",
        "new": "Efter",
        "none": "(saknas)",
        "not_checked": "Kunde inte kontrolleras",
        "failing_since": "sedan {since}",
        "recovered": "Fungerar igen",
        "recovered_line": "svarar igen {at} (var nere sedan {since})",
        "document_recovered_line": "kan kontrolleras igen {at} (kunde inte kontrolleras sedan {since})",
        "continuing": "{count} sidor kan fortfarande inte kontrolleras (rapporterat tidigare).",
        "documents_failing": "länkade dokument",
        "documents_continuing": "{count} länkade dokument kan fortfarande inte kontrolleras (rapporterat tidigare).",
        "nothing": "Inga ändringar har upptäckts.",
        "nothing_reached": "Inga ändringar har upptäckts på de sidor som gick att nå.",
        "detected": "upptäckt",
        "legend": "Borttagen text [- så -], ny text [+ så +].",
        "footer": "Skickat av kommunvakt. Innehåll från kommunernas sidor citeras som det är.",
        "reason_unknown": "okänt fel",
        "more": "… och {count} till",
        "replacement": "Möjlig ny sida",
        "replacement_score": "poäng {score}",
        "confident": "säker träff",
        "uncertain": "osäker träff, kontrollera",
        "accept_hint": "godkänn med: kommunvakt discover --accept {site}",
        "replacement_news": "Möjliga nya sidor för försvunna sidor",
        "lost_page": "försvunnen sida",
        "compact_note": "Stor rapport: här visas textändringarna förkortade, så att meddelandet inte klipps. "
        "Hela texten finns i meddelandets textdel.",
        "see_text_part": "(se meddelandets textdel)",
        "cut_note": "{count} ändringar till ryms inte här; alla finns i meddelandets textdel.",
        "doc_sections_added": "Nya avsnitt: {names}",
        "doc_sections_removed": "Borttagna avsnitt: {names}",
        "doc_sections_renamed": "Omdöpta avsnitt: {names}",
        "doc_paragraphs": "Stycken: {added} nya, {removed} borttagna, {rewritten} omskrivna",
        "doc_pages": "Sidor: {old} → {new}",
        "doc_no_text": "Dokumentet saknar textlager (inskannat?): jämfört med filens innehåll, inte texten.",
    },
    "en": {
        "change": "change",
        "changes": "changes",
        "municipality": "municipality",
        "municipalities": "municipalities",
        "no_changes": "no changes",
        "interrupted_subject": "interrupted run",
        "totals": "{changes} {changes_word} in {sites} {sites_word}",
        "interrupted": "Run {run} was interrupted ({started}): not every page was checked.",
        "outage_subject": "the sites could not be reached",
        "outage": "Run {run} could not reach the sites ({started}): {unreached} of {pages} pages could not be "
        "reached, most likely because the network was down. No page is counted as gone or failing for it; "
        "changes of that night show in the next run.",
        "catch_up": "{count} changes from earlier runs are sent now, since they could not be delivered then.",
        "shared": "The same change in several municipalities",
        "shared_sites": "{count} municipalities",
        "unknown_county": "Unknown county",
        "page": "Page",
        "home": "Municipality's website",
        "old": "Before",
        "new": "After",
        "none": "(none)",
        "not_checked": "Could not be checked",
        "failing_since": "since {since}",
        "recovered": "Working again",
        "recovered_line": "answers again {at} (down since {since})",
        "document_recovered_line": "can be checked again {at} (could not be checked since {since})",
        "continuing": "{count} pages still cannot be checked (reported before).",
        "documents_failing": "linked documents",
        "documents_continuing": "{count} linked documents still cannot be checked (reported before).",
        "nothing": "No changes were detected.",
        "nothing_reached": "No changes were detected on the pages that could be reached.",
        "detected": "detected",
        "legend": "Removed text [- like this -], new text [+ like this +].",
        "footer": "Sent by kommunvakt. Content from the municipalities' pages is quoted as found.",
        "reason_unknown": "unknown error",
        "more": "… and {count} more",
        "replacement": "Possible new page",
        "replacement_score": "score {score}",
        "confident": "confident match",
        "uncertain": "uncertain match, check it",
        "accept_hint": "accept with: kommunvakt discover --accept {site}",
        "replacement_news": "Possible new pages for pages that went away",
        "lost_page": "page that went away",
        "compact_note": "Large report: text changes are shortened here so that the message is not clipped. "
        "The full text is in the message's plain-text part.",
        "see_text_part": "(see the message's plain-text part)",
        "cut_note": "{count} more changes do not fit here; all of them are in the message's plain-text part.",
        "doc_sections_added": "New sections: {names}",
        "doc_sections_removed": "Sections removed: {names}",
        "doc_sections_renamed": "Sections renamed: {names}",
        "doc_paragraphs": "Paragraphs: {added} added, {removed} removed, {rewritten} rewritten",
        "doc_pages": "Pages: {old} → {new}",
        "doc_no_text": "The document has no text layer (a scan?): compared by the file's content, not its text.",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["sv"])


def kind_label(kind: str, lang: str) -> str:
    """A change kind's label; a stored kind that is no longer one shows as it is."""
    member = ChangeKind.of(kind)
    if member is None:
        return kind
    return KIND_LABELS.get(lang, KIND_LABELS["sv"]).get(member.label_key, kind)


#: Failure reasons (defined once in crawler.fetch and crawler.extract.reasons, in English, as the logs and
#: the database keep them) in the report's Swedish. A reason not listed is shown as it is.
SWEDISH_REASONS: dict[str, str] = {
    fetch.DNS_FAILED: "namnuppslagningen (DNS) misslyckades",
    fetch.REFUSED: "anslutningen nekades",
    fetch.UNREACHABLE: "servern gick inte att nå (ingen väg dit)",
    fetch.TLS_FAILED: "TLS-handskakningen misslyckades",
    fetch.CLOSED_WITHOUT_ANSWER: "servern stängde anslutningen utan att svara",
    fetch.CLOSED_MID_RESPONSE: "servern stängde anslutningen mitt i svaret",
    fetch.TRUNCATED: "sidan kom inte fram hel: anslutningen stängdes innan allt var skickat",
    fetch.RESET: "anslutningen bröts på vägen",
    fetch.TOO_LARGE: "för stor (över gränsen för nedladdning)",
    fetch.CANCELLED: "nedladdningen avbröts",
    fetch.ROBOTS_DISALLOWS: "robots.txt tillåter inte hämtning",
    fetch.timed_out(None): "inget svar i tid",
    reasons.EMPTY_BODY: "tomt svar",
    reasons.SOFT_404: "sidan finns inte (en felsida som svarar 200)",
    reasons.MAINTENANCE: "underhållssida",
    reasons.PDF_BODY: "inte en webbsida: ett PDF-dokument",
    reasons.IMAGE_BODY: "inte en webbsida: en bild",
    reasons.ARCHIVE_BODY: "inte en webbsida: ett komprimerat arkiv eller ett Office-dokument",
    reasons.MEDIA_BODY: "inte en webbsida: ljud, video eller ett typsnitt",
    reasons.BINARY_BODY: "inte en webbsida: binärdata",
    reasons.JSON_BODY: "inte en webbsida: JSON-data",
    reasons.TEXT_BODY: "inte en webbsida: ren text utan HTML",
}
_TIMED_OUT_RE = re.compile(r"^timed out after ([\d.]+) s$")


def reason_text(reason: str, lang: str) -> str:
    """A stored failure reason in the report's language.

    >>> reason_text("timed out after 30 s", "sv"), reason_text("HTTP 503", "sv"), reason_text("soft 404", "en")
    ('inget svar inom 30 s', 'HTTP 503', 'soft 404')
    """
    if lang == "en":
        return reason
    if match := _TIMED_OUT_RE.match(reason):
        return f"inget svar inom {match[1]} s"
    return SWEDISH_REASONS.get(reason, reason)


#: A linked document's failure, by its kind (crawler/documents/judgement.py ``FAILURE_KINDS``), in words; the
#: kinds that carry a fetch's own reason (``fetch``) or a status (``missing``) are worded from that reason.
DOCUMENT_FAILURES: dict[str, dict[str, str]] = {
    "sv": {
        "not_a_document": "inget dokument: adressen svarade med något annat än en PDF-, Word- eller ODF-fil",
        "unsupported": "ett format som inte läses (till exempel en gammal .doc, ett kalkylark eller en presentation)",
        "too_large": "för stort: över storleksgränsen för dokument",
        "encrypted": "krypterat: dokumentet kräver lösenord för att läsas",
        "damaged": "skadat eller avkortat: filen kom inte fram hel eller går inte att läsa",
        "hostile": "går inte att läsa säkert: filen är uppbyggd bortom läsarens gränser (en dekomprimeringsbomb "
        "eller en sidstruktur som pekar på sig själv?)",
        "memory": "behövde mer minne än ett dokument får använda",
        "timeout": "tog för lång tid att läsa",
        "crashed": "läsaren kraschade på filen",
        "missing": "finns inte längre på adressen ({reason})",
    },
    "en": {
        "missing": "not found at its address ({reason})",
    },
}


def document_reason(failure: str | None, reason: str | None, lang: str) -> str | None:
    """Why a linked document could not be checked, in the report's language (English: the stored reason,
    which says it with its detail).

    >>> document_reason("encrypted", "encrypted: the document needs a password to be read", "sv")
    'krypterat: dokumentet kräver lösenord för att läsas'
    >>> document_reason("missing", "HTTP 404", "en"), document_reason("fetch", "timed out after 30 s", "sv")
    ('not found at its address (HTTP 404)', 'inget svar inom 30 s')
    """
    template = DOCUMENT_FAILURES.get(lang, DOCUMENT_FAILURES["sv"]).get(failure or "")
    if template is not None:
        return template.format(reason=reason or "")
    return reason_text(reason, lang) if reason else None
