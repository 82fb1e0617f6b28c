"""Which of a page's document links a crawl follows: the municipality's own PDF, DOCX and ODT files.

Pure. A link is followed when it points to one of the municipality's own hosts (see
:meth:`crawler.registry.SiteEntry.is_own_address`, or the page's own host) and its path names a PDF, DOCX or
ODT file, or no document type at all (a CMS download address such as ``/download/18.1a2b/1700000000/``):
those are told by their ``Content-Type`` and by sniffing the body once fetched
(:mod:`crawler.documents.recognise`). A link whose path names a type kommunvakt does not read (a spreadsheet,
an old ``.doc``) is not fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from crawler.extract.urls import DOC_EXT_RE
from crawler.record import Document

#: The suffixes of the formats read (crawler/documents/result.py DocumentKind), as a path ends.
READ_SUFFIXES = (".pdf", ".docx", ".odt")


def worth_fetching(url: str) -> bool:
    """Whether a document link's path could be a PDF, DOCX or ODT file.

    >>> worth_fetching("https://www.amal.se/strategi.pdf"), worth_fetching("https://a.se/budget.xlsx")
    (True, False)
    >>> worth_fetching("https://www.amal.se/download/18.1a2b/1700000000/Strategi")
    True
    """
    path = urlsplit(url).path.lower()
    if path.endswith(READ_SUFFIXES):
        return True
    return not DOC_EXT_RE.search(path)


def same_host(url: str, other: str) -> bool:
    """Whether two URLs are on one host, ``www.`` aside."""
    a, b = urlsplit(url).hostname or "", urlsplit(other).hostname or ""
    return bool(a) and a.removeprefix("www.") == b.removeprefix("www.")


def select_documents(
    documents: Iterable[Document], *, page_url: str, owns: Callable[[str], bool], limit: int
) -> list[Document]:
    """The page's documents to fetch, in link order, each URL once, at most ``limit``.

    >>> docs = [Document("https://amal.se/a.pdf", "A"), Document("https://evil.example/b.pdf", "B"),
    ...         Document("https://amal.se/c.xlsx", "C"), Document("https://amal.se/a.pdf", "A igen")]
    >>> [d.title for d in select_documents(docs, page_url="https://www.amal.se/int/", owns=lambda u: False, limit=5)]
    ['A']
    """
    chosen: dict[str, Document] = {}
    for document in documents:
        if len(chosen) >= limit:
            break
        url = document.url
        if url in chosen or urlsplit(url).scheme not in ("http", "https") or not worth_fetching(url):
            continue
        if owns(url) or same_host(url, page_url):
            chosen[url] = document
    return list(chosen.values())
