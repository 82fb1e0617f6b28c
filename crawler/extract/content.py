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
from bs4.element import NavigableString, PageElement

from crawler.extract.contact_fields import decode_cfemail, find_emails, looks_like_name
from crawler.extract.documents import document_of, drop_trailing_hint, strip_hint_prefix
from crawler.extract.main_box import CONTENT_MARK
from crawler.extract.stamp import is_stamp_line
from crawler.extract.text import INLINE_TAGS, clean, is_text, tags_under, text_of
from crawler.record import Document

_HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
#: where the flow a heading labels ends, whatever comes next: the title, a sidebar, a footer
_SECTION_ENDS = frozenset({"h1", "aside", "footer"})
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
    labels: dict[int, Tag] = {}
    for a in tags_under(root):
        if a.name != "a" or "href" not in a.attrs:
            continue
        doc = document_of(a, base)
        if doc is None:
            continue
        docs.setdefault(doc.url, doc)
        heading = a.find_previous(_HEADINGS)
        if heading is not None:
            labels.setdefault(id(heading), heading)
        drop_trailing_hint(a)
        after = a.next_sibling
        if is_text(after):
            rest = strip_hint_prefix(str(after))
            if rest.strip():
                after.replace_with(NavigableString(rest))
            else:
                after.extract()  # whitespace alone after a removed link goes with it
        a.extract()
    for heading in labels.values():
        if _labels_nothing(heading):
            heading.extract()
    return tuple(docs.values())


def _labels_nothing(heading: Tag) -> bool:
    """Whether nothing but whitespace follows the heading up to the next heading of its level or above (or the
    end of the page): it was the label of the document links that left, and labels nothing now.

    Read in document order, not by the box the heading sits in, so a wrapper a theme puts round the
    heading and its list, or leaves out, does not change the answer.
    """
    level = int(heading.name[1])
    last: PageElement = heading
    while isinstance(last, Tag) and last.contents:
        last = last.contents[-1]  # what follows the heading starts after its own words
    for el in last.next_elements:
        if isinstance(el, Tag):
            if el.name in _HEADINGS and int(el.name[1]) <= level or el.name in _SECTION_ENDS:
                return True
        elif is_text(el) and str(el).strip() and not _in_stamp(el):
            return False
    return True


def _in_stamp(text: NavigableString) -> bool:
    """Whether the text is (part of) a review stamp line: the page's foot, not what a heading labels."""
    block = text.parent
    while block is not None and block.name in INLINE_TAGS:
        block = block.parent
    return block is not None and is_stamp_line(clean(text_of(block)))


def find_main(body: Tag) -> Tag:
    """The main content box the lxml cut found (:mod:`crawler.extract.main_box`); the body if none is marked."""
    for el in tags_under(body):
        if CONTENT_MARK in el.attrs:
            return el
    return body
