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
so the rest of the cut works on the same tree as without overrides.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import soupsieve
from bs4 import BeautifulSoup
from lxml import etree
from lxml import html as lxml_html

from crawler.extract.boilerplate import DROP_TAGS, MAIN_MARK, drop, protected_set

HtmlElement = lxml_html.HtmlElement

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


def apply_overrides(root: HtmlElement, main: str | None, ignore: Sequence[str]) -> None:
    """Remove what ``ignore`` names and mark what ``main`` names (``data-kv-main``), in place.

    A selector that does not compile matches nothing: the generic rules then apply
    (the sites loader has already refused such selectors with a clear message).
    """
    patterns = [(sel, _compiled(sel)) for sel in ignore]
    main_pattern = _compiled(main) if main else None
    if main_pattern is None and not any(p for _, p in patterns):
        return
    hollow(root)
    nodes = list(root.iter(etree.Element))
    for i, el in enumerate(nodes):
        el.set(_INDEX, str(i))
    soup = BeautifulSoup(etree.tostring(root, encoding="unicode", method="html"), "lxml", multi_valued_attributes=None)
    etree.strip_attributes(root, _INDEX)

    def matches(pattern: soupsieve.SoupSieve) -> list[HtmlElement]:
        found = []
        for tag in pattern.select(soup):
            index = tag.get(_INDEX)
            if isinstance(index, str) and index.isdigit() and int(index) < len(nodes):
                found.append(nodes[int(index)])
        return found

    for _, pattern in patterns:
        if pattern is not None:
            for el in matches(pattern):
                drop(el)  # its tail text belongs to the parent and stays
    if main_pattern is not None:
        for el in matches(main_pattern):
            el.set(MAIN_MARK, "1")


def _compiled(selector: str) -> soupsieve.SoupSieve | None:
    try:
        return compile_selector(selector)
    except ValueError:
        return None
