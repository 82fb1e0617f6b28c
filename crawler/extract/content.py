"""First passes over the BeautifulSoup tree of the content region: e-mails, documents, the main box.

They change the tree before text is read: hidden e-mails become visible text,
document links leave the prose (their text is the document's title, not
content), and the main content box is found where the page or the sites file
says it is.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from bs4 import NavigableString, Tag

from crawler.extract.boilerplate import MAIN_MARK
from crawler.extract.documents import document_of, drop_trailing_hint, strip_hint_prefix
from crawler.extract.people import decode_cfemail, find_emails, looks_like_name
from crawler.extract.text import clean, is_text, tags_under, text_of
from crawler.record import Document

_MAIN_IDS = frozenset({"content", "main", "main-content", "maincontent", "innehall"})
_MAIN_CLASSES = frozenset({"main-content", "page-content"})
_MAIN_SHARE = 0.7
_HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
_MAILTO_RE = re.compile(r"^mailto:|/cdn-cgi/l/email-protection#")


def unmask_emails(root: Tag) -> None:
    """Cloudflare-protected and mailto-only e-mails become visible text, as a reader sees them."""
    elements = tags_under(root)
    for el in elements:
        if "data-cfemail" in el.attrs and (email := decode_cfemail(str(el["data-cfemail"]))):
            el.string = email
    for a in elements:
        href = a.get("href") if a.name == "a" else None
        if not isinstance(href, str) or not _MAILTO_RE.search(href):
            continue
        if "email-protection#" in href:
            email = decode_cfemail(href.rsplit("#", 1)[-1]) or ""
        elif href.startswith("mailto:"):
            email = unquote(href[7:].split("?", 1)[0])
        else:
            continue
        text = clean(a.get_text())
        if email and not find_emails(text):
            # a linked name keeps its name: "Anna Lind" becomes "Anna Lind anna.lind@…", not the address alone
            a.string = f"{text} {email}" if looks_like_name(text) else email


def pull_documents(root: Tag, base: str) -> tuple[Document, ...]:
    """The linked documents, in page order; their links leave the tree (a size hint after one goes too)."""
    docs: dict[str, Document] = {}
    boxes: dict[int, Tag] = {}
    for a in tags_under(root):
        if a.name != "a" or "href" not in a.attrs:
            continue
        doc = document_of(a, base)
        if doc is None:
            continue
        docs.setdefault(doc.url, doc)
        drop_trailing_hint(a)
        parent = a.parent
        after = a.next_sibling
        if is_text(after):
            rest = strip_hint_prefix(str(after))
            if rest.strip():
                after.replace_with(NavigableString(rest))
            else:
                after.extract()  # whitespace alone after a removed link goes with it
        a.extract()
        if parent is not None:
            box = parent.find_parent(["section", "div", "aside"])
            if box is not None:
                boxes.setdefault(id(box), box)
    for box in boxes.values():
        _drop_heading_only(box)
    return tuple(docs.values())


def _drop_heading_only(box: Tag) -> None:
    """A box left holding only a heading had nothing but document links: the heading was their label."""
    heads = box.find_all(_HEADINGS, limit=2)
    if len(heads) == 1 and box.parent is not None and clean(text_of(box)) == clean(text_of(heads[0])):
        box.extract()


def find_main(body: Tag) -> Tag:
    """The main content box: the sites file's ``main``, ``<main>``, ``role=main``, the longest
    ``<article>``, a well-known id or class; else the smallest box around the ``<h1>`` that holds
    most of the text."""
    marked = main = role = ident = klass = None
    articles: list[Tag] = []
    for el in [body, *tags_under(body)]:
        attrs = el.attrs
        if marked is None and MAIN_MARK in attrs:
            marked = el
        if main is None and el.name == "main":
            main = el
        if role is None and attrs.get("role") == "main":
            role = el
        if el.name == "article":
            articles.append(el)
        if ident is None and attrs.get("id") in _MAIN_IDS:
            ident = el
        if klass is None and "class" in attrs and not _MAIN_CLASSES.isdisjoint(str(attrs["class"]).split()):
            klass = el
    for found in (marked, main, role):
        if found is not None:
            return found
    if articles:
        return max(articles, key=lambda e: len(text_of(e)))
    for found in (ident, klass):
        if found is not None:
            return found
    h1 = body.find("h1")
    if h1 is None:
        return body
    total = len(clean(text_of(body)))
    for box in h1.parents:
        if box is body or len(clean(text_of(box))) >= _MAIN_SHARE * total:
            return box
    return body
