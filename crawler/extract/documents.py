"""Linked documents (PDF, Word, Excel, OpenDocument) with clean titles and stable URLs.

A link is a document when its path names a file type, or, without one (a CMS download address), when it
announces a file (:func:`announces_document`).
"""

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
    r"|\s*[,–-]\s*(?:pdf|word|excel|docx?|odt)-?(?:dokument|fil)"  # "Plan – Word-dokument"
    rf"|[,.]?\s*\(?(?:{_NEW_WINDOW})\)?"
    r"|(?<=[a-zåäö0-9])(?:PDF|Pdf|DOCX?|Docx?|XLSX?|ODT)"  # the type glued to the title: "avtalsdokumentPDF"
    r"|\s*[.,:;]"  # what is left of a hint's punctuation: "… Pdf, 54.8 kB."
    r")\s*$",
    re.IGNORECASE,
)
#: "pdf: Vänortsavtal …", "PDF – Strategi": the type before the title
_KIND_PREFIX_RE = re.compile(rf"^\s*{_KIND}\s*[:–-]\s*", re.IGNORECASE)
_HINT_PREFIX_RE = re.compile(rf"\s*{_BRACKETED_HINT}", re.IGNORECASE)
_INLINE_HINT_TAGS = frozenset({"span", "small", "em", "i", "abbr", "sup"})
_HINT_ONLY_RE = re.compile(
    rf"^\s*(?:{_BRACKETED_HINT}|\(?\s*{_KIND}?[\s,:]*{_SIZE}\s*\)?|\(?{_KIND}\)?)\s*[.,]?\s*$", re.IGNORECASE
)


def is_document_href(href: str) -> bool:
    path = urlsplit(href.strip()).path
    return bool(DOC_EXT_RE.search(path)) or "/download/" in path.lower() and "." in path.rsplit("/", 1)[-1]


#: A file type a link may announce: "pdf", "Word-dokument", "PDF-fil", "docx" ...
_ANNOUNCED = r"(?:pdf|docx?|odt|rtf|xlsx?|ods|pptx?|word|excel)(?:-?(?:dokument|document|fil|file))?"
#: A link text (or the text right after the link) that announces a file: "(pdf, 193 kB)", "[PDF]",
#: "PDF 606 KB", "… - Word-dokument", "pdf: Vänortsavtal". A type word alone after a space ("Skapa en
#: tillgänglig pdf") is not enough: that is how an article about the format is named.
_ANNOUNCES_RE = re.compile(
    rf"[(\[]\s*{_ANNOUNCED}\b[^)\]]{{0,40}}[)\]]"
    rf"|\b{_ANNOUNCED}[\s,:]*{_SIZE}"
    rf"|[,–-]\s*{_ANNOUNCED}\s*[.]?\s*$"
    rf"|^\s*{_ANNOUNCED}\s*[:–-]",
    re.IGNORECASE,
)
#: ``type`` attributes of links to the files kommunvakt lists as documents
_FILE_TYPES = re.compile(
    r"^application/(?:pdf|x-pdf|msword|rtf|vnd\.openxmlformats-officedocument\.|vnd\.oasis\.opendocument\."
    r"|vnd\.ms-)",
    re.IGNORECASE,
)


def announces_document(link: Tag) -> bool:
    """Whether a link without a document suffix (``/download/18.5b3c/1612345678``, ``/dokument/4711``) says it
    is a file: a ``download`` attribute, a document ``type``, or a type hint in its text, its ``title``, or the
    text right after it. The crawl then tells by the body (crawler/documents/recognise.py); a web page behind
    such a link is silently no document.

    >>> from bs4 import BeautifulSoup
    >>> def a(html):
    ...     return BeautifulSoup(html, "lxml").a
    >>> announces_document(a('<a href="/dokument/4711">Riktlinje (pdf, 193 kB)</a>'))
    True
    >>> announces_document(a('<p><a href="/download/18.5b/1612345678">Riktlinje</a> PDF 606 KB</p>'))
    True
    >>> announces_document(a('<a href="/dokument/4711" type="application/pdf">Riktlinje</a>'))
    True
    >>> announces_document(a('<a href="/om-pdf">Skapa en tillgänglig pdf</a>'))
    False
    """
    if link.has_attr("download"):
        return True
    kind = link.get("type")
    if isinstance(kind, str) and _FILE_TYPES.match(kind.strip()):
        return True
    texts = [link.get_text(" "), str(link.get("title") or ""), str(link.get("aria-label") or "")]
    if any(_ANNOUNCES_RE.search(text) for text in texts):
        return True
    return _hint_after(link)


def _hint_after(link: Tag) -> bool:
    """The text right after the link (a text node, or a small inline element) is a type hint."""
    node: Tag = link
    while node.parent is not None and node.parent.name in _INLINE_HINT_TAGS and len(node.parent.find_all("a")) == 1:
        node = node.parent
    after = node.next_sibling
    while isinstance(after, NavigableString) and not after.strip():
        after = after.next_sibling
    if isinstance(after, NavigableString):
        text = str(after)[:60]
    elif isinstance(after, Tag) and after.name in _INLINE_HINT_TAGS:
        text = after.get_text(" ")[:60]
    else:
        return False
    if _ANNOUNCES_RE.match(text.lstrip()):
        return True
    return is_hint_only(text) and _KIND_WORD_RE.search(text) is not None


_KIND_WORD_RE = re.compile(rf"\b{_ANNOUNCED}\b", re.IGNORECASE)


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
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    if not is_document_href(href) and not announces_document(link):
        return None
    url = clean_url(href, base)
    title = strip_size_hint(clean(link.get_text()))
    if not title:
        title = clean(str(link.get("title") or link.get("aria-label") or ""))
        title = strip_size_hint(title) or unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return Document(url=url, title=title)


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
    """Remove a size hint that follows a document link as plain text ("… (pdf 606 KB) more", "… PDF 606 KB").

    >>> strip_hint_prefix(" (pdf 606 KB) mer"), strip_hint_prefix(" PDF 606 KB"), strip_hint_prefix(" pdf")
    (' mer', '', '')
    """
    m = _HINT_PREFIX_RE.match(text) or _KIND_SIZE_PREFIX_RE.match(text)
    if m:
        return text[m.end() :]
    return "" if is_hint_only(text) else text


_KIND_SIZE_PREFIX_RE = re.compile(rf"\s*[,–-]?\s*{_KIND}[\s,:]*{_SIZE}[.,]?", re.IGNORECASE)
