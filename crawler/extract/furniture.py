"""What a site repeats: boxes of its home page, as fingerprints that mark the same boxes on its other pages.

Class names and words are guesses about what furniture looks like; a site's own home page says
what it is. Its menus, footers, contact-centre boxes and cookie banners carry the same words on
every page, so a box of a page whose words (whitespace and case aside) are those of a box of the
home page is furniture, whatever it is called. :func:`site_furniture` reads the home page once
(pure: HTML in, fingerprints out); :func:`is_repeated` answers for one box of a page.

Only boxes with a few words count (a lone "Kontakt" heading repeats everywhere and proves
nothing), and inside the page's main box a repeated box goes only when it holds a heading and
more: a home-page teaser that quotes the page's lead paragraph must not take the lead with it.
"""

from __future__ import annotations

import hashlib

from lxml.html import HtmlElement

from crawler.extract.text import clean
from crawler.extract.tree import parse_html

#: elements that are boxes of a page's layout (what a site repeats is a box, not a word)
BOX_TAGS = ("div", "section", "aside", "ul", "ol", "dl", "form", "details", "footer", "header", "nav", "table")
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_MIN_WORDS = 4
_MAX_CHARS = 4000
_SKIP = ("script", "style", "noscript", "template")

#: fingerprints of a home page's boxes
Furniture = frozenset[str]


def fingerprint(el: HtmlElement) -> str | None:
    """The box's words as a short hash (None for a box too small or too big to say anything)."""
    text = clean(el.text_content()).lower()
    if len(text) > _MAX_CHARS or text.count(" ") + 1 < _MIN_WORDS:
        return None
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def site_furniture(home_html: str) -> Furniture:
    """Fingerprints of every box of a site's home page (scripts and styles not counted)."""
    root = parse_html(home_html)
    for el in list(root.iter(*_SKIP)):
        el.drop_tree()
    prints = (fingerprint(el) for el in root.iter(*BOX_TAGS))
    return frozenset(p for p in prints if p is not None)


def is_repeated(el: HtmlElement, furniture: Furniture, *, in_main: bool) -> bool:
    """Whether box ``el`` of a page is one the home page carries too (see the module notes on the main box)."""
    if not furniture:
        return False
    found = fingerprint(el)
    if found is None or found not in furniture:
        return False
    if not in_main:
        return True
    heading = next(el.iter(*_HEADINGS), None)
    return heading is not None and len(clean(heading.text_content())) < len(clean(el.text_content()))
