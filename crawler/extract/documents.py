"""Linked documents (PDF, Word, Excel, OpenDocument) with clean titles and stable URLs."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from bs4 import Tag
from bs4.element import NavigableString

from crawler.extract.text import clean
from crawler.extract.urls import DOC_EXT_RE, clean_url
from crawler.record import Document

_UNITS = r"(?:[kmg]i?b|bytes?|byte|kilobyte|megabyte)"
_KIND = r"(?:pdf|word|excel|docx?|xlsx?|odt|ods|rtf|pptx?|dokument|fil)"
_SIZE = rf"\d+(?:[.,]\d+)?\s*{_UNITS}"
_NEW_WINDOW = rf"öppnas i (?:ett )?nytt fönster(?:\s+som\s+{_KIND})?|opens in a new (?:window|tab)"
#: "(pdf 606 KB)", "[PDF, 1,2 MB]", "(pdf)", "(öppnas i nytt fönster som pdf.)": a hint in brackets
_BRACKETED_HINT = rf"[(\[]\s*(?:{_KIND}?[\s,.:-]*(?:{_SIZE})?|{_NEW_WINDOW})[\s.]*[)\]]"
#: one hint at the end of a link text; removed repeatedly, so "Pdf, 69.8 kB, öppnas i nytt fönster." goes whole
SIZE_HINT_RE = re.compile(
    rf"\s*(?:{_BRACKETED_HINT}"
    rf"|[,.–-]?\s*{_KIND}[\s,:]*{_SIZE}"
    rf"|[,.–-]?\s*{_SIZE}"
    r"|[,.]?\s+(?:pdf|docx?|xlsx?|odt|ods|rtf)"
    rf"|[,.]?\s*\(?(?:{_NEW_WINDOW})\)?"
    r"|(?<=[a-zåäö0-9])(?:PDF|Pdf|DOCX?|Docx?|XLSX?|ODT)"  # the type glued to the title: "avtalsdokumentPDF"
    r"|\s*[.,:;]"  # what is left of a hint's punctuation: "… Pdf, 54.8 kB."
    r")\s*$",
    re.IGNORECASE,
)
#: "pdf: Vänortsavtal …", "PDF – Strategi": the type before the title
_KIND_PREFIX_RE = re.compile(rf"^\s*{_KIND}\s*[:–-]\s*", re.IGNORECASE)
_HINT_PREFIX_RE = re.compile(rf"\s*{_BRACKETED_HINT}", re.IGNORECASE)
_HINT_ONLY_RE = re.compile(
    rf"^\s*(?:{_BRACKETED_HINT}|\(?\s*{_KIND}?[\s,:]*{_SIZE}\s*\)?|\(?{_KIND}\)?)\s*[.,]?\s*$", re.IGNORECASE
)


def is_document_href(href: str) -> bool:
    path = urlsplit(href.strip()).path
    return bool(DOC_EXT_RE.search(path)) or "/download/" in path.lower() and "." in path.rsplit("/", 1)[-1]


def strip_size_hint(title: str) -> str:
    """Remove size, type and new-window hints from a link text, and a title the link prints twice.

    >>> strip_size_hint("Internationell strategi för Åmåls kommun pdf (pdf 606 KB)")
    'Internationell strategi för Åmåls kommun'
    >>> strip_size_hint("pdf: Vänortsavtal Nybro Pdf, 69.8 kB, öppnas i nytt fönster.")
    'Vänortsavtal Nybro'
    >>> strip_size_hint("Slutrapport Erasmus+ Slutrapport Erasmus+")
    'Slutrapport Erasmus+'
    """
    previous = None
    while previous != title:
        previous = title
        title = SIZE_HINT_RE.sub("", title).strip()
        title = _KIND_PREFIX_RE.sub("", title)
    return _undoubled(title)


def _undoubled(title: str) -> str:
    """A link text that is its title twice ("Plan 2025 Plan 2025": a visible and a screen-reader copy) once."""
    words = title.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return title


def is_hint_only(text: str) -> bool:
    """Text that is nothing but a document hint ("(31 KB)", "pdf, 606 kB", "(pdf)"): it belongs to the link.

    >>> is_hint_only(" (31 KB) "), is_hint_only("PDF, 1,2 MB."), is_hint_only("Läs mer (pdf)")
    (True, True, False)
    """
    return bool(text.strip()) and bool(_HINT_ONLY_RE.match(text))


def document_of(link: Tag, base: str) -> Document | None:
    """The document a link (a BeautifulSoup ``<a>``) points to, or None for ordinary links.

    >>> from bs4 import BeautifulSoup
    >>> a = BeautifulSoup('<a href="/s.pdf?utm_source=x">Strategi (pdf 606 KB)</a>', "lxml").a
    >>> document_of(a, "https://www.amal.se/k/")
    Document(url='https://www.amal.se/s.pdf', title='Strategi')
    """
    href = link.get("href") or ""
    if not isinstance(href, str):
        href = " ".join(href)
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")) or not is_document_href(href):
        return None
    url = clean_url(href, base)
    title = strip_size_hint(clean(link.get_text()))
    if not title:
        title = clean(str(link.get("title") or link.get("aria-label") or ""))
        title = strip_size_hint(title) or unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return Document(url=url, title=title)


_INLINE_HINT_TAGS = frozenset({"span", "small", "em", "i", "abbr", "sup"})


def drop_trailing_hint(link: Tag) -> None:
    """Remove a size hint the markup prints beside a document link as an element of its own.

    Drupal's file field prints ``<span class="file__size">(31 KB)</span>`` after the link, and themes wrap
    the link in a span first; left in the tree, "(31 KB)" would become a line of content, and a new
    version of the file a "text change".
    """
    node: Tag = link
    while node.parent is not None and node.parent.name in _INLINE_HINT_TAGS and len(node.parent.find_all("a")) == 1:
        node = node.parent  # the link's own inline wrapper
    after = node.next_sibling
    while isinstance(after, NavigableString) and not after.strip():
        after = after.next_sibling
    if isinstance(after, Tag) and after.name in _INLINE_HINT_TAGS and is_hint_only(after.get_text()):
        after.extract()


def strip_hint_prefix(text: str) -> str:
    """Remove a size hint that follows a document link as plain text ("… (pdf 606 KB) more")."""
    m = _HINT_PREFIX_RE.match(text)
    return text[m.end() :] if m else text
