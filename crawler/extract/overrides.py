"""Per-site ``main`` / ``ignore`` overrides, read by soupsieve: the engine the sites loader validates with.

A selector must mean on the page what it meant when the loader accepted it, so
it is matched by soupsieve on a BeautifulSoup tree of the whole page, never on a
cut-out region (``main .sv-text-portlet`` or ``body > div:nth-child(3)`` need the
page around them). A full soup of a 150 KB page costs about 22 ms, most of it the
mega-menu and inline scripts; so the soup is built from a *hollow* copy of the
page: elements the boilerplate pass removes anyway (``nav``, ``script``,
``svg``…, unless they hold the ``<h1>`` or ``<main>``) keep their tag and
attributes but lose their contents. Structure, attributes, ``:nth-child`` and the
content of everything that can still count are unchanged; what is lost is only a
match *inside* a hollowed element (``nav li``, ``:has(nav a)``), which could never
name content anyway: a ``main: "ul"`` now takes the first list outside the menu,
where matching the full page took the mega-menu's.

Matches are mapped back to the lxml tree through a ``data-kv-i`` index attribute,
so the boilerplate pass works on the same tree as without overrides; afterwards
the soup is pruned to what that pass left (:func:`prune_soup`) and becomes the
content region, so a page with overrides is still parsed by BeautifulSoup once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import soupsieve
from bs4 import BeautifulSoup, Tag
from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.boilerplate import DROP_TAGS, drop, protected_set
from crawler.extract.main_box import CONTENT_MARK, MAIN_MARK
from crawler.extract.text import tags_under

_INDEX = "data-kv-i"


@lru_cache(maxsize=256)
def compile_selector(selector: str) -> soupsieve.SoupSieve:
    """A compiled soupsieve selector; ValueError naming the selector when it is invalid."""
    try:
        return soupsieve.compile(selector)
    except soupsieve.SelectorSyntaxError as exc:
        raise ValueError(f"invalid CSS selector {selector!r}: {str(exc).splitlines()[0]}") from exc


def validate_selector(selector: str) -> None:
    """Raise ValueError if ``selector`` cannot be used as a ``main``/``ignore`` override.

    >>> validate_selector("main .sv-text-portlet:not(:has(> h2))")
    >>> validate_selector("main >>> p[")
    Traceback (most recent call last):
    ...
    ValueError: invalid CSS selector 'main >>> p[': The combinator '>' at position 6, must have a selector before it
    """
    compile_selector(selector)


def hollow(root: HtmlElement) -> None:
    """Empty the elements the boilerplate pass will drop anyway (tag, attributes and tail stay)."""
    keep = protected_set(root)
    for el in root.iter(*DROP_TAGS):
        if el not in keep:
            el.text = None
            del el[:]


def apply_overrides(root: HtmlElement, main: str | None, ignore: Sequence[str]) -> BeautifulSoup | None:
    """Remove what ``ignore`` names and mark what ``main`` names (``data-kv-main``), in place.

    Returns the soup the selectors ran on (every element carries its ``data-kv-i``
    index, as the lxml tree does), for :func:`prune_soup` to turn into the content
    region once the boilerplate pass is done; None when no selector compiled. A
    selector that does not compile matches nothing: the generic rules then apply
    (the sites loader has already refused such selectors with a clear message).
    """
    ignore_patterns = _ignore_patterns(tuple(ignore))
    main_pattern = _compiled(main) if main else None
    if main_pattern is None and not ignore_patterns:
        return None
    hollow(root)
    nodes = list(root.iter(etree.Element))
    for i, el in enumerate(nodes):
        el.set(_INDEX, str(i))
    soup = BeautifulSoup(etree.tostring(root, encoding="unicode", method="html"), "lxml", multi_valued_attributes=None)

    def matches(pattern: soupsieve.SoupSieve) -> list[tuple[Tag, HtmlElement]]:
        found = []
        for tag in pattern.select(soup):
            index = tag.get(_INDEX)
            if isinstance(index, str) and index.isdigit() and int(index) < len(nodes):
                found.append((tag, nodes[int(index)]))
        return found

    for pattern in ignore_patterns:
        for _, el in matches(pattern):
            drop(el)  # its tail text belongs to the parent and stays
    if main_pattern is not None:
        for tag, el in matches(main_pattern):
            el.set(MAIN_MARK, "1")
            tag[MAIN_MARK] = "1"
    return soup


def prune_soup(soup: BeautifulSoup, root: HtmlElement, content: HtmlElement) -> Tag:
    """The soup of :func:`apply_overrides` cut down to what is left of the lxml tree ``root``,
    its main content box (``content`` there) marked as in the tree.

    Saves parsing the content region a second time. Removal follows
    :func:`~crawler.extract.boilerplate.drop`: an element goes, the text after it stays.
    """
    alive = {el.get(_INDEX) for el in root.iter(etree.Element)}
    main_index = content.get(_INDEX)
    for tag in tags_under(soup):
        index = tag.attrs.pop(_INDEX, None)
        if index is None or index in alive:
            if index is not None and index == main_index:
                tag[CONTENT_MARK] = "1"
            continue
        tag.extract()
    return soup.body or soup


@lru_cache(maxsize=256)
def _ignore_patterns(ignore: tuple[str, ...]) -> tuple[soupsieve.SoupSieve, ...]:
    """The ``ignore`` selectors that compile, as one selector list when they can be:
    one pass over the soup instead of one per selector."""
    valid = [sel for sel in ignore if _compiled(sel) is not None]
    joined = _compiled(", ".join(valid)) if len(valid) > 1 else None
    if joined is not None:
        return (joined,)
    return tuple(compile_selector(sel) for sel in valid)


def _compiled(selector: str) -> soupsieve.SoupSieve | None:
    try:
        return compile_selector(selector)
    except ValueError:
        return None
