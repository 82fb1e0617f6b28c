"""Linked documents (PDF, Word, Excel, OpenDocument) with clean titles and stable URLs."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from bs4 import Tag

from crawler.extract.text import clean
from crawler.extract.urls import clean_url
from crawler.record import Document

DOC_EXT_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|xlsm|odt|ods|rtf|pptx?)$", re.IGNORECASE)
_UNITS = r"(?:[kmg]i?b|bytes?|byte|kilobyte|megabyte)"
_KIND = r"(?:pdf|word|excel|docx?|xlsx?|odt|ods|rtf|pptx?|dokument|fil)"
#: "(pdf 606 KB)", "[PDF, 1,2 MB]", "(pdf)": a hint in brackets
_BRACKETED_HINT = rf"[(\[]\s*{_KIND}?[\s,.:-]*(?:\d+(?:[.,]\d+)?\s*{_UNITS})?\s*[)\]]"
#: a bracketed hint, "pdf, 606 kB", "– 606 KB", a bare trailing "pdf"
SIZE_HINT_RE = re.compile(
    rf"\s*(?:{_BRACKETED_HINT}"
    rf"|[,–-]?\s*{_KIND}[\s,:]*\d+(?:[.,]\d+)?\s*{_UNITS}"
    rf"|[,–-]?\s*\d+(?:[.,]\d+)?\s*{_UNITS}"
    r"|\s+(?:pdf|docx?|xlsx?|odt|ods|rtf)"
    r"|,?\s*\(?öppnas i (?:ett )?nytt fönster\)?)\s*$",
    re.IGNORECASE,
)
_HINT_PREFIX_RE = re.compile(rf"\s*{_BRACKETED_HINT}", re.IGNORECASE)


def is_document_href(href: str) -> bool:
    path = urlsplit(href.strip()).path
    return bool(DOC_EXT_RE.search(path)) or "/download/" in path.lower() and "." in path.rsplit("/", 1)[-1]


def strip_size_hint(title: str) -> str:
    """Remove size and type hints from a link text.

    >>> strip_size_hint("Internationell strategi för Åmåls kommun pdf (pdf 606 KB)")
    'Internationell strategi för Åmåls kommun'
    """
    previous = None
    while previous != title:
        previous = title
        title = SIZE_HINT_RE.sub("", title).strip()
    return title


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


def strip_hint_prefix(text: str) -> str:
    """Remove a size hint that follows a document link as plain text ("… (pdf 606 KB) more")."""
    m = _HINT_PREFIX_RE.match(text)
    return text[m.end() :] if m else text
