"""First passes over the BeautifulSoup tree of the content region: e-mails, documents, the main box.

They change the tree before text is read: hidden e-mails become visible text,
document links leave the prose (their text is the document's title, not
content), and the main content box is found where the page or the sites file
says it is.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from bs4 import Tag
from bs4.element import NavigableString

from crawler.extract.contact_fields import decode_cfemail, find_emails, looks_like_name
from crawler.extract.documents import document_of, drop_trailing_hint, strip_hint_prefix
from crawler.extract.main_box import CONTENT_MARK
from crawler.extract.text import clean, is_text, tags_under, text_of
from crawler.record import Document

_HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
_BOXES = frozenset({"section", "div", "aside", "article"})
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
            boxes.setdefault(id(parent), parent)
    for box in boxes.values():
        _drop_heading_only(box)
    return tuple(docs.values())


def _drop_heading_only(parent: Tag) -> None:
    """A box left holding only a heading had nothing but document links: the heading was their label.

    The box is the first one up from the links' place that still has words: wrappers a theme puts
    around the list (left empty) do not hide the heading from it.
    """
    for box in (parent, *parent.parents):
        if box.name in ("body", "html", "[document]") or box.parent is None:
            return
        text = clean(text_of(box))
        if not text:
            continue
        if box.name not in _BOXES:
            return
        heads = box.find_all(_HEADINGS, limit=2)
        if len(heads) == 1 and text == clean(text_of(heads[0])):
            box.extract()
        return


def find_main(body: Tag) -> Tag:
    """The main content box the lxml cut found (:mod:`crawler.extract.main_box`); the body if none is marked."""
    for el in tags_under(body):
        if CONTENT_MARK in el.attrs:
            return el
    return body
