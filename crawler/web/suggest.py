"""An ``ignore`` selector for text an analyst called not relevant (pure: stored HTML and text in, selector out).

The element holding the new text is found in the stored page; the nearest enclosing element with an id
(``#id``), or else with classes (``tag.class``), becomes the suggestion, provided it picks out at most a
few elements and not the page's content as a whole. No suggestion is better than one that would hide the
page: an admin still decides.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

_SPACE = re.compile(r"\s+")
#: Elements that are the page itself, never something to ignore.
_TOO_WIDE = {"html", "body", "main", "article", "form"}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")  # ids and classes usable in a selector without escaping


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def suggest_ignore(html: str, added_text: str, *, max_share: float = 0.5, max_matches: int = 3) -> str | None:
    """A CSS selector for the element that holds ``added_text`` in ``html``, or None when none is safe."""
    needle = _norm(next((part for part in added_text.split("\n\n") if part.strip()), ""))[:200]
    if len(needle) < 8:
        return None
    soup = BeautifulSoup(html, "lxml")
    for dropped in soup(["script", "style", "noscript", "template"]):
        dropped.decompose()
    body = soup.body or soup
    whole = len(_norm(body.get_text(" ")))
    holders = [el for el in body.find_all(True) if needle in _norm(el.get_text(" "))]
    if not holders or not whole:
        return None
    element: Tag | None = holders[-1]  # the deepest: document order puts descendants after their ancestors
    while element is not None and element.name not in _TOO_WIDE:
        selector = _selector_of(element)
        if selector is not None:
            matches = soup.select(selector)
            share = max(len(_norm(m.get_text(" "))) for m in matches) / whole
            if len(matches) <= max_matches and share <= max_share:
                return selector
            return None  # the nearest named element is too wide or too common: better nothing
        element = element.parent if isinstance(element.parent, Tag) else None
    return None


def _selector_of(element: Tag) -> str | None:
    ident = element.get("id")
    if isinstance(ident, str) and _NAME.match(ident):
        return f"#{ident}"
    classes = [c for c in element.get("class") or [] if _NAME.match(c)]
    if classes:
        return element.name + "".join(f".{c}" for c in classes[:2])
    return None
