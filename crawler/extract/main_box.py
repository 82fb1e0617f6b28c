"""Where a page's main content is, found on the lxml tree before any class name may remove something.

The main box decides two things: which units are blocks, and where class names stop counting as
evidence of furniture (:mod:`crawler.extract.boilerplate`). So it is found from what a re-themed
page keeps: the sites file's ``main``, ``<main>``, ``role=main``, an ``<article>`` that holds the
``<h1>``, else the longest one no class name calls furniture (news teasers are articles too).
These are elements, not names. An id or class that says "content" is believed only if its box
holds the page's ``<h1>`` and a fair part of the text after it (on a page without one: most of its
text), so a theme's ``page-content`` round the title row alone cannot shut the text out, and a stray
``page-content`` on a news teaser or a contact card cannot become the main content; and it only bounds the search
that follows. That search gives the smallest box around the ``<h1>`` that holds most of the text
(of the named box, else of the page), not counting boxes whose class names call them furniture
(they may not own the page's text, but they may not shift where its main content is either).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from crawler.extract.contact_fields import find_emails, find_numbers
from crawler.extract.stamp import STAMP_RE

#: attribute that marks the element a site's ``main`` selector names
MAIN_MARK = "data-kv-main"
#: attribute that marks the main box found here, for the BeautifulSoup side to read
CONTENT_MARK = "data-kv-content"

_MAIN_IDS = frozenset({"content", "main", "main-content", "maincontent", "innehall"})
_MAIN_CLASSES = frozenset({"main-content", "page-content"})
_MAIN_SHARE = 0.7
#: what an article's foot left outside the main box may hold (a stamp, a page owner, a print link)
_MAX_FOOT = 300
#: what a box named as the main content must hold of the text after the title (see :func:`_holds_the_text`)
_NAMED_SHARE = 0.3


def visible_len(el: HtmlElement) -> int:
    """Characters of text under ``el``, whitespace not counted (re-serialisation changes only that)."""
    return len("".join(el.text_content().split()))


def reading_len(el: HtmlElement) -> int:
    """Characters of text under ``el`` that are read rather than clicked: link text does not count.

    Menus, news lists and link columns are mostly link text, an article mostly prose; so a table-layout
    page's menu cell and news row (whose class names say nothing) do not outweigh a short article.
    """
    size = visible_len(el)
    if size:
        size -= sum(visible_len(a) for a in el.iter("a") if a.get("href") is not None)
    return size


def find_content(
    root: HtmlElement, is_furniture: Callable[[HtmlElement], bool], *, main_marked: bool = True
) -> HtmlElement:
    """The main content box of ``root`` (a page whose tags-only boilerplate is already gone); ``main_marked``
    says whether a sites-file ``main`` may have marked an element (else none is looked for)."""
    body = root.find("body")
    body = body if body is not None else root
    named_main = body.xpath(f"(//*[@{MAIN_MARK}])[1]") if main_marked else []
    if named_main:
        return named_main[0]
    main = next(body.iter("main"), None)
    if main is not None:
        return main
    role = [attr.getparent() for attr in body.xpath("//@role") if attr == "main"]
    if role:
        return role[0]
    h1 = next(body.iter("h1"), None)
    chain = set(h1.iterancestors()) if h1 is not None else set()
    articles = list(body.iter("article"))
    around = [a for a in articles if a in chain]
    if around:
        return around[0]
    articles = [a for a in articles if not any(map(is_furniture, (a, *a.iterancestors())))]
    if articles:
        return max(articles, key=visible_len)
    # Boxes beside the <h1> (in its parent) are never away: every candidate holds them anyway, so a furniture
    # name on one (a theme's "banner-below" on the body text) would only push the main box outwards.
    home = h1.getparent() if h1 is not None else None
    away = _outermost(
        [el for el in body.iter() if is_furniture(el) and el not in chain and home not in set(el.iterancestors())],
        reading_len(body),
    )
    named = _named_main(body, chain, h1 is None)
    if h1 is None:
        return named if named is not None and _share(named, away) >= _MAIN_SHARE * _share(body, away) else body
    if named is not None and not _holds_the_text(named, body, h1, away):
        named = None
    return _with_foot(
        _box_around(named if named is not None else body, h1, {**away, **_contact_cards(body, away)}), body
    )


def _with_foot(box: HtmlElement, body: HtmlElement) -> HtmlElement:
    """``box`` with the article's foot a theme left beside it: while its parent adds only a short box that
    holds a dated stamp ("Senast uppdaterad: …", often beside "Sidansvarig: …"), the parent is the main box.

    Stamps sit at the foot of the article (real-page-formats.md); a theme that wraps the title and the text
    but not the foot would otherwise leave the page's stamp and owner outside, where a "page-footer" name
    reads as the site's.
    """
    found, parent = box, box.getparent()
    while parent is not None and parent is not body:
        rest = [sib for sib in parent if sib is not box and isinstance(sib.tag, str) and visible_len(sib)]
        text = " ".join(sib.text_content() for sib in rest) + (parent.text or "")
        if len(text) > _MAX_FOOT:
            break
        if rest and STAMP_RE.search(" ".join(text.split())):
            found = parent  # a wrapper that adds nothing is climbed through, but becomes the box only with the foot
        elif rest:
            break
        box, parent = parent, parent.getparent()
    return found


def _holds_the_text(named: HtmlElement, body: HtmlElement, h1: HtmlElement, away: dict[HtmlElement, int]) -> bool:
    """Whether a box named as the main content holds a fair part of what the page says after its title.

    A theme's wrapper round the title row alone (``page-content`` round the ``<h1>``, the text in the next
    row) says "content" too; believed, it would shut the text out of the page. Text before the title is
    not counted (menus, banners), nor text in furniture boxes.
    """
    chain = list(h1.iterancestors())
    if named not in chain or body not in chain:
        return True
    before = _before_h1(h1, chain, away)
    title = visible_len(h1)
    inside = _share(named, away) - before[named] - title
    return inside >= _NAMED_SHARE * (_share(body, away) - before[body] - title)


def _named_main(body: HtmlElement, chain: set[HtmlElement], no_h1: bool) -> HtmlElement | None:
    """The outermost box with a main-content id (else class) that holds the ``<h1>``."""
    for attr, names in (("id", _MAIN_IDS), ("class", _MAIN_CLASSES)):
        for el in body.xpath(f"//*[@{attr}]"):
            value = el.get(attr, "")
            hit = value in names if attr == "id" else not names.isdisjoint(value.split())
            if hit and (no_h1 or el in chain):
                return el
    return None


def _outermost(furniture: list[HtmlElement], total: int) -> dict[HtmlElement, int]:
    """The furniture boxes no other one holds (document order: an ancestor comes first), with their text.

    A box holding half the page's text or more is not furniture, whatever its name: a theme's
    ``banner-below`` wrapper round the body text must not push the main box out to the whole page.
    """
    seen: set[HtmlElement] = set()
    outer = {}
    for el in furniture:
        size = reading_len(el)
        if 2 * size >= total:
            continue
        if not seen.intersection(el.iterancestors()):
            outer[el] = size
        seen.add(el)
    return outer


_BLOCKS = frozenset({"p", "li", "td", "dd", "div", "address"})
#: what a card's lines may be marked up with; a block holding anything else holds more than a card
_LINE_TAGS = frozenset({"br", "a", "span", "strong", "b", "em", "i", "small", "img", "time"})


def _contact_cards(body: HtmlElement, away: dict[HtmlElement, int]) -> dict[HtmlElement, int]:
    """The blocks written as lines (the nearest block round a ``<br>``) outside ``away`` that hold an e-mail
    address or a phone number, with their text: contact cards. Contacts are read wherever they stand, so a
    side column's cards, which come and go with the people, never decide where the article is; a sentence
    of the article that gives a phone number is not written as lines, and counts."""
    outside = set(away)
    cards: dict[HtmlElement, int] = {}
    for br in body.iter("br"):
        block = next((up for up in br.iterancestors() if up.tag in _BLOCKS), None)
        if block is None or block in cards or outside.intersection(block.iterancestors()):
            continue
        if any(isinstance(el.tag, str) and el.tag not in _LINE_TAGS for el in block.iterdescendants()):
            continue  # a box of blocks (the article round a stray <br>), not a card
        text = block.text_content()
        if find_emails(text) or find_numbers(text):
            cards[block] = reading_len(block)
    return cards


def _share(box: HtmlElement, away: dict[HtmlElement, int]) -> int:
    """Text under ``box`` that is not in the furniture boxes ``away``."""
    return reading_len(box) - sum(n for el, n in away.items() if box in el.iterancestors())


def _before_h1(h1: HtmlElement, chain: list[HtmlElement], away: dict[HtmlElement, int]) -> dict[HtmlElement, int]:
    """For each box of ``chain`` (the ancestors of ``h1``, innermost first), the text under it that comes
    before the ``<h1>`` in document order and is not in a furniture box of ``away``.

    A page's title opens its main content: what a reader passes on the way to it (a site header, a
    current-date line, a crisis banner, a top menu a theme did not name) is furniture far more often
    than content, and on a short page it is enough to make the article look like a minority of the page.
    """
    rank = {box: i for i, box in enumerate(chain)}
    at = [0] * len(chain)
    for text in h1.xpath("preceding::text()"):
        n = len("".join(text.split()))
        if not n:
            continue
        node = text.getparent()
        if text.is_tail:
            node = node.getparent()
        link = False
        while node is not None and node not in rank and node not in away:
            link |= node.tag == "a" and node.get("href") is not None
            node = node.getparent()
        if node is not None and node in rank and not link:
            at[rank[node]] += n
    before, running = {}, 0
    for box, n in zip(chain, at, strict=True):
        running += n
        before[box] = running
    return before


def _box_around(outer: HtmlElement, h1: HtmlElement, away: dict[HtmlElement, int]) -> HtmlElement:
    """The smallest box around ``h1`` holding most of the text in ``outer`` that is not furniture and does not
    come before the ``<h1>`` (see :func:`_before_h1`).

    A name is not trusted further than that: a ``main-content`` wrapper round the whole page
    (menus, sidebar, footer and all) bounds the search, it does not make the menus content.
    """
    chain = list(h1.iterancestors())
    before = _before_h1(h1, chain, away)
    total = _share(outer, away) - before.get(outer, 0)
    for box in chain:
        if box is outer or _share(box, away) - before[box] >= _MAIN_SHARE * total:
            return box
    return outer
