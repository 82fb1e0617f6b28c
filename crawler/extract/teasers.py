"""Teasers of dated items (news, posts, events): what a page lists, not what it says.

CMSs fill a column, a block area or the foot of a page with teasers of their newest items: Optimizely's
teaser block, Liferay's Asset Publisher, WordPress's query loop ("Fler inlägg"), Drupal's views rows,
Sitevision's news portlet. They rotate every night as items are published, so read as content they cry
wolf on quiet nights; their class names say anything or nothing ("block", "asset-abstract",
"wp-block-post", "views-row"), so they are recognised by their shape instead, which every such teaser
keeps whatever its theme calls it:

- **a headed teaser**: a heading that is wholly a link to another page (the item's title), in the
  smallest box that holds anything besides it, where that box holds no other heading and little else
  (a date line, a short excerpt), and that little says exactly one date (the item's publication date);
- **a dated card**: a picture, a heading and one date, and nothing else in the box (Sitecore SXA's promo,
  Sitevision's and Optimizely's puffs, whose link a theme may put on a script or leave out): what a card
  says is an item's title and its date, and a page's own sections say more than that;
- **a list of dated links**: two or more sibling rows (list items, views rows, cells), each one link to
  another page plus exactly one date and at most a label ("Publicerad", brackets).

A page's own text does not take either shape: its headings are not links, and a line that is a link
and a date is a news row, not prose. Links to documents (their dates are often a version date), to
e-mail or phone, and within the page are no teasers; a date range (a project period, a mandate) is not
an item's date. The ``<h1>``'s box and its ancestors are never removed.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from crawler.extract.main_box import visible_len
from crawler.extract.stamp import item_date_spans
from crawler.extract.text import clean
from crawler.extract.urls import DOC_EXT_RE

_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_ALL_HEADINGS = frozenset(("h1", *_HEADINGS))
_INLINE = frozenset({"a", "span", "strong", "b", "em", "i", "small", "time", "mark"})
#: boxes a teaser may be; anything bigger holds more than one item or the page itself
_TEASER_TAGS = frozenset({"div", "li", "article", "section", "td", "p", "dd", "header"})
_ROW_TAGS = frozenset({"div", "li", "article", "tr", "td", "p", "dd"})
#: what a headed teaser may hold besides its title: a date line and a short excerpt
_MAX_REST = 300
#: what a row of a list of dated links may say besides its link and its date ("Publicerad", "( )")
_MAX_ROW_LABEL = 25


def _away(link: HtmlElement) -> bool:
    """A link to another page (not a document, an address, or a place on this page)."""
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return False
    return not DOC_EXT_RE.search(href.split("?", 1)[0].split("#", 1)[0])


def _tag(el: HtmlElement) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _whole_link(heading: HtmlElement) -> HtmlElement | None:
    """The link to another page that holds all of ``heading``'s words (inside it or around it), else None."""
    words = visible_len(heading)
    if not words:
        return None
    for link in heading.iter("a"):
        if visible_len(link) == words:
            return link if _away(link) else None
    for up in heading.iterancestors():
        if _tag(up) == "a":
            return up if _away(up) and visible_len(up) == words else None
        if _tag(up) not in _INLINE:
            return None
    return None


def _headed_teaser(heading: HtmlElement, keep: set[HtmlElement]) -> HtmlElement | None:
    """The teaser box whose title is ``heading``, if it is one."""
    link = _whole_link(heading)
    if link is None:
        return None
    anchor = link if heading in set(link.iterdescendants()) else heading
    size = visible_len(anchor)
    box = anchor.getparent()
    while box is not None and box not in keep and visible_len(box) <= size:
        box = box.getparent()
    if box is None or box in keep or _tag(box) not in _TEASER_TAGS:
        return None
    if sum(1 for el in box.iter() if _tag(el) in _ALL_HEADINGS) != 1:
        return None
    rest = clean(box.text_content()).replace(clean(anchor.text_content()), " ", 1)
    if len(rest) > _MAX_REST:
        return None
    return box if len(item_date_spans(rest)) == 1 else None


def _dated_card(heading: HtmlElement, keep: set[HtmlElement]) -> HtmlElement | None:
    """The card whose title is ``heading``, if it is one: the outermost box holding no more text than the
    smallest box around the heading that holds anything else, where that else is one date (and at most a
    label) and the box shows a picture."""
    size = visible_len(heading)
    box = heading.getparent()
    while box is not None and box not in keep and visible_len(box) <= size:
        box = box.getparent()
    if box is None or box in keep or not size:
        return None
    card = box
    while (up := card.getparent()) is not None and up not in keep and visible_len(up) == visible_len(box):
        card = up
    if _tag(card) not in _TEASER_TAGS or next(card.iter("img"), None) is None:
        return None
    if sum(1 for el in card.iter() if _tag(el) in _ALL_HEADINGS) != 1:
        return None
    rest = clean(card.text_content()).replace(clean(heading.text_content()), " ", 1)
    dates = item_date_spans(rest)
    if len(dates) != 1:
        return None
    ((a, b),) = dates
    return card if len("".join((rest[:a] + rest[b:]).split())) <= _MAX_ROW_LABEL else None


def _dated_row(row: HtmlElement) -> bool:
    """One link to another page, one date, and at most a label: a row of a news list."""
    links = [a for a in row.iter("a") if a.get("href") is not None]
    if len(links) != 1 or not _away(links[0]) or any(_tag(el) in _ALL_HEADINGS for el in row.iter()):
        return False
    text = clean(row.text_content())
    if len(text) > _MAX_REST:
        return False
    outside = text.replace(clean(links[0].text_content()), " ", 1)
    dates = item_date_spans(outside)  # the item's date beside its link ("Pressmeddelande 2024-11-06: …" may
    if not dates and len(item_date_spans(text)) != 1 or len(dates) > 1:  # carry another in its title)
        return False
    for a, b in reversed(dates):
        outside = outside[:a] + outside[b:]
    return len("".join(outside.split())) <= _MAX_ROW_LABEL


def _row_of(link: HtmlElement) -> HtmlElement:
    """The row a link sits in: its nearest block ancestor (or the link itself, when it is the block)."""
    parent = link.getparent()
    while parent is not None and _tag(parent) in _INLINE:
        link, parent = parent, parent.getparent()
    return parent if parent is not None and _tag(parent) in _ROW_TAGS else link


def strip_teasers(root: HtmlElement, keep: set[HtmlElement], drop: Callable[[HtmlElement], None]) -> None:
    """Remove headed teasers and lists of dated links from ``root``, in place (``drop`` removes one element)."""
    for heading in list(root.iter(*_HEADINGS)):
        if heading.getparent() is None:
            continue
        box = _headed_teaser(heading, keep)
        if box is None:
            box = _dated_card(heading, keep)
        if box is not None and box.getparent() is not None:
            drop(box)
    parents: dict[HtmlElement, None] = {}
    for link in root.iter("a"):
        row = _row_of(link)
        parent = row.getparent()
        if parent is not None and row not in keep:
            parents[parent] = None
        if link.getparent() is not None:  # cards that are links themselves ("<a class=news-card>")
            parents[link.getparent()] = None
    for parent in parents:
        dated = [el for el in parent if _tag(el) in _ROW_TAGS | {"a"} and el not in keep and _dated_row(el)]
        if len(dated) >= 2:
            for el in dated:
                drop(el)
