"""View counters: a number that rises with every visit is no content.

CMSs print how often an article was read beside its dates, and mark it up as schema.org's interaction
count: Joomla's article-info ``<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:N">
Träffar: N</dd>`` (Joomla 3 and 4), newer themes an ``itemprop="interactionStatistic"`` InteractionCounter.
Read as text, the line changes every night on a page nobody edited. The microdata says what it is in any
language, so the box it marks goes, whatever its label.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from crawler.extract.main_box import visible_len

_COUNTER_PROPS = frozenset({"interactioncount", "interactionstatistic"})
#: a counter's box is a label and a number ("Antal visningar: 12 345"); a longer one is content that merely
#: holds the microdata (a counter ``<meta>`` straight in the article body), and only the marked element goes
_MAX_COUNTER_TEXT = 40


def strip_counters(root: HtmlElement, keep: set[HtmlElement], drop: Callable[[HtmlElement], None]) -> None:
    """Remove view counters marked with schema.org microdata, in place.

    >>> from lxml.html import fromstring
    >>> root = fromstring('<div><dl><dd>Publicerad: 1 maj 2024</dd><dd class="x"><meta itemprop="interactionCount" '
    ...                   'content="UserPageVisits:12">Visningar: 12</dd></dl><p>Text.</p></div>')
    >>> from crawler.extract.boilerplate import drop
    >>> strip_counters(root, set(), drop)
    >>> root.text_content()
    'Publicerad: 1 maj 2024Text.'
    """
    for el in root.xpath("//*[@itemprop]"):
        # an unquoted last value before "/>" keeps the slash (``<meta itemprop=interactionCount/>``)
        if not _COUNTER_PROPS.intersection(p.rstrip("/") for p in str(el.get("itemprop") or "").casefold().split()):
            continue
        box = el.getparent() if el.tag == "meta" else el
        # the count may sit beside the marked element's wrapper (a theme wrapped the icon and the <meta>):
        # the counter is the smallest box round the mark that shows the number, while it stays that small
        while box is not None and not _shows_number(box):
            up = box.getparent()
            if up is None or visible_len(up) > _MAX_COUNTER_TEXT:
                break
            box = up
        if box is None or box in keep or box.getroottree().getroot() is not root.getroottree().getroot():
            continue
        if visible_len(box) <= _MAX_COUNTER_TEXT and _shows_number(box):
            drop(box)
        elif el is not box:
            drop(el)


def _shows_number(el: HtmlElement) -> bool:
    return any(ch.isdigit() for ch in el.text_content())
