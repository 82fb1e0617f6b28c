"""Site-wide boilerplate: what every page of a site carries and no analyst wants diffed.

Three kinds of evidence, cheapest first: the element (``nav``, site ``header``
/``footer``, hidden elements), its words ("Hjälpte informationen på den här
sidan dig?", "Öppettider"…) and its class/id/role ("breadcrumb", "cookie",
"news", "kontaktcenter"…). Class names are the weakest: a theme renames them,
and the same word names furniture on one site and a part of the content on the
next (``entry-footer``, ``has-sidebar``). So they count only outside the main
content box (:mod:`crawler.extract.main_box`, found before they are read), and
there only for a box of blocks, links or forms, as furniture is (not a single line).
Inside the main box only a small widget whose words are all links or inline
(share buttons, breadcrumbs, screen-reader hints) goes by its class. An element
that holds the page's ``<h1>``, ``<main>`` or main box is never removed.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from crawler.extract.counters import strip_counters
from crawler.extract.furniture import BOX_TAGS, Furniture, is_repeated
from crawler.extract.main_box import CONTENT_MARK, MAIN_MARK, find_content, visible_len
from crawler.extract.teasers import strip_teasers
from crawler.extract.text import HEADING_TAGS, clean


def tag_of(el: HtmlElement) -> str:
    """Lower-case tag name; "" for comments and processing instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "nav", "button",
    "select", "textarea", "input", "figcaption", "dialog",
)  # fmt: skip
#: a form's words are its interface (a feedback form's question, a search box's hint), never the page's content;
#: a form with more text than this wraps content (ASP.NET WebForms puts one round the whole page)
_MAX_FORM_TEXT = 400
_ATTR_XPATH = "//*[@class or @id or @hidden or @aria-hidden or @role or @style]"
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alert", "alertdialog"})
_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: class/id words of boilerplate containers (a word is what lies between -, _ or whitespace)
BOILER_CLASS_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "meny", "mainmenu", "megamenu", "submenu", "breadcrumb", "breadcrumbs",
    "brodsmulor", "skip", "skiplink", "skiplinks", "skipnav", "cookie", "cookies", "cookiebanner", "consent",
    "gdpr", "footer", "sidfot", "share", "sharing", "social", "dela", "feedback", "rating", "pagerating", "comment",
    "comments", "kommentera", "kommentarer", "synpunkter", "news", "newslist", "nyheter", "nyhetslista", "aktuellt",
    "opening", "openinghours", "oppettider", "öppettider", "kontaktcenter", "contactcenter", "contactcentre",
    "servicecenter", "kundcenter", "sr", "visually", "visuallyhidden", "readspeaker", "lyssna", "toolbar", "search",
    "sok", "sök", "pagination", "related", "banner", "alert", "popup", "modal", "translate", "tools", "verktyg",
    "crisis", "kris", "krisinfo", "krisinformation", "notice", "driftinfo", "driftinformation", "driftstorning",
    "driftstörning"
})  # fmt: skip
_CC_CLASS_RE = re.compile(r"contact-?cent|kontakt-?center", re.IGNORECASE)
#: class/id words of small widgets that may sit inside the main content (and go there too, when all
#: their words are links or inline text: a wrapper of paragraphs is never such a widget)
WIDGET_CLASS_WORDS = frozenset({
    "breadcrumb", "breadcrumbs", "brodsmulor", "skip", "skiplink", "skiplinks", "skipnav", "share", "sharing",
    "social", "dela", "readspeaker", "lyssna", "sr", "visually", "visuallyhidden", "cookie", "cookies",
    "cookiebanner", "consent", "gdpr", "pagination", "rating", "pagerating"
})  # fmt: skip
_WORD_SPLIT_RE = re.compile(r"[\s_-]+")
#: words that make a furniture word in a class name a state of the layout, or its owner something else
_STATE_PREFIXES = frozenset({"has", "with", "is", "no", "without"})
_NOT_FURNITURE_HEADS = frozenset({
    "open", "opened", "closed", "active", "ready", "offset", "below", "above", "highlight", "highlighted",
    "visible", "right", "left", "article", "artikel", "content", "body", "text"
})  # fmt: skip
_PART_WORDS = frozenset({"footer", "header", "sidfot"})
_OWNER_WORDS = frozenset({"article", "artikel", "entry", "post", "card", "block", "portlet", "content"})
_WIDGET_MAX_TEXT = 200
#: a block inside, a link (an e-mail address on a site footer's one line is enough), or a form
_LINKS_AWAY = (
    "descendant-or-self::a[@href] | descendant-or-self::form | descendant::p | descendant::div | descendant::li"
    " | descendant::section | descendant::h2 | descendant::h3 | descendant::h4 | descendant::table | descendant::dl"
)
_LINK_TAGS = frozenset({"a", "button", "label"})
#: a cell of a layout table is a box of the layout whatever it holds ("<td class="sidfot">" with one line of
#: address is the site footer of a table-layout site, as ``<footer>`` is of a newer one)
_CELL_TAGS = frozenset({"td", "th"})
_INLINE_ONLY = frozenset({"a", "abbr", "b", "br", "button", "em", "i", "img", "label", "small", "span", "strong"})

#: first words of boilerplate boxes on sites whose markup does not say what they are
BOILER_TEXT_RE = re.compile(
    r"^(?:hjälpte informationen|hjälpte sidan|var (?:den här )?(?:informationen|sidan)|fick du svar|"
    r"kommentera|kommentarer|synpunkter på|tyck till om sidan|tack för ditt svar|dela sidan|dela på|"
    r"hoppa till|gå direkt till|vi använder (?:kakor|cookies)|kakor på|om kakor|aktuellt$|nyheter$|"
    r"senaste nytt|öppettider|besökstid|telefontid|.{0,40}kontaktcenter|kontaktcenter|lyssna$|skriv ut$|"
    r"relaterade sidor$|relaterat$|läs också$|senaste nyheterna)",
    re.IGNORECASE,
)
_BOX_TAGS = frozenset({"div", "section", "aside", "form", "details", "article", "ul", "ol", "dl"})
_MAX_BOX_TEXT = 2500


def drop(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail text in the tree (it belongs to the parent).

    A whitespace-only tail is kept too: it can be the only space between two words
    (``<b>EU</b><span class="sr-only">…</span> <i>medel</i>``).
    """
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def protected_set(root: HtmlElement, *, main_marked: bool = True) -> set[HtmlElement]:
    """The ``<h1>``, ``<main>`` and marked main elements and all their ancestors: never removed.

    Computed once per page; a set lookup replaces an XPath query per candidate. The
    attribute axis (``//@role``) is read instead of ``//*[@role='main']``: the same
    answer at a fifth of the cost on a page with a 1,300-element mega-menu.
    """
    keep: set[HtmlElement] = set()
    found = list(root.iter("h1", "main"))
    found += [attr.getparent() for attr in root.xpath("//@role") if attr == "main"]
    if main_marked:  # only a sites-file ``main`` marks an element: without one, no walk of the page for it
        found += [attr.getparent() for attr in root.xpath(f"//@{MAIN_MARK}")]
    for el in found:
        keep.add(el)
        keep.update(el.iterancestors())
    keep.add(root)
    body = root.find("body")
    if body is not None:
        keep.add(body)
    return keep


def strip_boilerplate(
    root: HtmlElement, furniture: Furniture = frozenset(), *, main_marked: bool = True
) -> HtmlElement:
    """Remove site-wide boilerplate from the tree, in place; return the main content box (marked ``data-kv-content``).

    Tags go first through ``iter(*tags)``, filtered in C: that takes the mega-menu
    (most of a real page's elements) away before any per-element Python check.
    Then words, then view counters (:mod:`crawler.extract.counters`), then teasers of dated items (news,
    posts: :mod:`crawler.extract.teasers`, by their shape, inside the main box too), then the main box is
    found, then class names (outside it), then boxes the site's home page carries too (``furniture``,
    :mod:`crawler.extract.furniture`).
    """
    keep = protected_set(root, main_marked=main_marked)
    for el in list(root.iter(*DROP_TAGS, "header", "footer", "form")):
        tag = tag_of(el)
        if tag in ("header", "footer") and any(tag_of(a) in ("main", "article") for a in el.iterancestors()):
            continue
        if tag == "form" and visible_len(el) > _MAX_FORM_TEXT:
            continue  # a form round the page (ASP.NET WebForms) or a section of it is no widget
        if el not in keep and _in_tree(el, root):
            drop(el)
    strip_by_words(root, keep)
    strip_counters(root, keep, drop)
    strip_teasers(root, keep, drop)
    marked = root.xpath(_ATTR_XPATH)
    named = {el for el in marked if _named_furniture(el)}
    content = find_content(root, named.__contains__, main_marked=main_marked)
    keep.add(content)
    keep.update(content.iterancestors())
    inside = set(content.iter())
    h1 = next(root.iter("h1"), None)
    here = clean(h1.text_content()) if h1 is not None else ""
    for el in marked:
        if el in keep or not _in_tree(el, root):
            continue  # a hit inside an earlier hit left the tree with it
        if _is_hidden(el) or (_is_widget(el, here) if el in inside else el in named):
            drop(el)
    if furniture:
        for el in list(root.iter(*BOX_TAGS)):
            if el not in keep and _in_tree(el, root) and is_repeated(el, furniture, in_main=el in inside):
                drop(el)
    content.set(CONTENT_MARK, "1")
    return content


def _is_hidden(el: HtmlElement) -> bool:
    """Hidden, or an ARIA landmark that is site furniture by definition."""
    get = el.get
    if get("hidden") is not None or get("aria-hidden") == "true" or get("role") in _DROP_ROLES:
        return True
    style = get("style")
    return bool(style and _DISPLAY_NONE_RE.search(style))


def _class_words(el: HtmlElement) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _names_any(names: str, words: frozenset[str]) -> bool:
    """Whether one of the words of ``names`` (split at -, _ and whitespace, any case) is in ``words``:
    a set lookup per word instead of a regex alternation tried at every position."""
    return not words.isdisjoint(_WORD_SPLIT_RE.split(names.lower()))


def _named_furniture(el: HtmlElement) -> bool:
    """Its class or id names site furniture, and it is a box of blocks, links elsewhere or holds a form
    (menus, news lists, footers, breadcrumbs all do): believed outside the main content only. A
    heading or a line of text a theme happened to give a furniture word keeps its words (a table cell is a box
    of the layout, not a line); the contact centre's name is specific enough alone."""
    names = _class_words(el)
    if not names.strip():
        return False
    if _CC_CLASS_RE.search(names):
        return True
    if not any(map(_names_furniture, names.lower().split())):
        return False
    return tag_of(el) in _CELL_TAGS or bool(el.xpath(_LINKS_AWAY))


def _names_furniture(token: str, words: frozenset[str] = BOILER_CLASS_WORDS) -> bool:
    """Whether one class name or id names furniture: a furniture word that is what the name is about, not a
    state or a part of something else. "has-sidebar", "with-menu", "content-with-related" and "menu-open",
    "banner-below", "social-ready" are layout states; "article-footer", "entry-header" are the article's own
    parts; "news-article" is an article. A theme puts such names on wrappers of content."""
    parts = [w for w in _WORD_SPLIT_RE.split(token) if w]
    hits = [i for i, w in enumerate(parts) if w in words]
    if not hits:
        return False
    if any(w in _STATE_PREFIXES for w in parts[: hits[0]]) or parts[-1] in _NOT_FURNITURE_HEADS:
        return False
    return not all(parts[i] in _PART_WORDS and i and parts[i - 1] in _OWNER_WORDS for i in hits)


def _is_widget(el: HtmlElement, here: str = "") -> bool:
    """A small widget inside the content: named so, short, and its words all links or inline text. The page's
    own name (``here``, its ``<h1>``) counts as a link: a breadcrumb trail ends with it, unlinked."""
    names = _class_words(el)
    if not _names_any(names, WIDGET_CLASS_WORDS) or len(el.text_content()) > _WIDGET_MAX_TEXT:
        return False
    if not any(_names_furniture(token, WIDGET_CLASS_WORDS) for token in names.lower().split()):
        return False  # a state of the layout ("social-ready", "has-share"), not a widget
    if tag_of(el) in _INLINE_ONLY and all(tag_of(d) in _INLINE_ONLY for d in el.iterdescendants()):
        return True
    for text in el.xpath(".//text()"):
        if not any(ch.isalnum() for ch in text) or (here and clean(text).strip(" »>›/|") == here):
            continue  # whitespace, the separators between links ("Startsida » Sidan", "Skriv ut | Lyssna")
        node = text.getparent().getparent() if text.is_tail else text.getparent()
        while node is not None and node is not el and tag_of(node) not in _LINK_TAGS:
            node = node.getparent()
        if node is None or node is el:
            return False  # words outside any link: content, whatever the box is called
    return True


def _heading_level(el: HtmlElement) -> int:
    tag = tag_of(el)
    return int(tag[1]) if tag in HEADING_TAGS else 7


def strip_by_words(root: HtmlElement, keep: set[HtmlElement]) -> None:
    """Remove boxes that announce themselves as boilerplate in their first words.

    The smallest enclosing box goes when the phrase opens it (and it is small and holds
    no ``<h1>``); otherwise a matching heading takes its section with it, and any other
    element goes alone (a cookie sentence pasted into the body text takes no more).
    """
    for el in list(root.iter("h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "a", "summary", "legend", "span")):
        if el.getparent() is None or not _in_tree(el, root):
            continue
        text = el.text_content()
        if len(text) > 120 or not BOILER_TEXT_RE.match(clean(text)):
            continue
        box = _enclosing_box(el, keep)
        if box is not None:
            drop(box)
        elif tag_of(el) in HEADING_TAGS:
            _drop_section(el, keep)
        else:
            drop(el)


def _drop_section(heading: HtmlElement, keep: set[HtmlElement]) -> None:
    """Remove a boilerplate heading and its section: what follows it up to a heading of its level or above.

    When a theme's wrapper ends inside the section ("<section>…<h3>Öppettider</h3></section><p>Måndag–fredag
    …</p><h3>Besöksadress</h3>"), the section goes on after the wrapper, but only as far as such a heading
    closes it there: a section the wrapper's box does not close (the text portlet's "Relaterade sidor" before
    the page's stamp) takes nothing beyond the heading's own box.
    """
    level = _heading_level(heading)
    for sib in list(heading.itersiblings()):
        if _heading_level(sib) <= level:
            drop(heading)
            return
        drop(sib)
    node = heading.getparent()
    while node is not None and node not in keep and tag_of(node) in _BOX_TAGS:
        rest: list[HtmlElement] = []
        closed = False
        for sib in node.itersiblings():
            if _heading_level(sib) <= level or _titled_past(sib, heading) or sib in keep:
                closed = True
                break
            rest.append(sib)
        if closed:
            if sum(map(visible_len, rest)) <= _MAX_BOX_TEXT:
                for sib in rest:
                    drop(sib)
            break
        if rest:
            break  # the section runs to its box's end unclosed: nothing after the wrapper is known to be in it
        node = node.getparent()
    drop(heading)


def _in_tree(el: HtmlElement, root: HtmlElement) -> bool:
    return el.getroottree().getroot() is root.getroottree().getroot()


def _titled_past(box: HtmlElement, el: HtmlElement) -> bool:
    """Whether ``box`` holds a heading, other than the phrase ``el``, of its level or above (any heading when
    the phrase is no heading): the box is then a section the phrase merely opens (a wrapper a theme put round
    a leaked cookie line and the "Kontaktpersoner" table after it), not the furniture the phrase names."""
    level = _heading_level(el)
    inside = set(el.iter())
    return any(h not in inside and _heading_level(h) <= level for h in box.iter(*HEADING_TAGS))


def _splits_section(parent: HtmlElement, node: HtmlElement, el: HtmlElement) -> bool:
    """Whether ``parent`` holds, beside ``node``, a subsection of the heading ``el`` (a heading below its level)."""
    if tag_of(el) not in HEADING_TAGS:
        return False
    level, inside = _heading_level(el), set(node.iter())
    return any(h not in inside and _heading_level(h) > level for h in parent.iter(*HEADING_TAGS))


def _enclosing_box(el: HtmlElement, keep: set[HtmlElement]) -> HtmlElement | None:
    node = el.getparent()
    while node is not None and tag_of(node) in ("p", "li", "strong", "b", "a", "span", "summary", "legend"):
        node = node.getparent()
    if node is None or tag_of(node) not in _BOX_TAGS or node in keep:
        return None
    text = node.text_content()
    if len(text) > _MAX_BOX_TEXT or not BOILER_TEXT_RE.match(clean(text)) or _titled_past(node, el):
        return None  # the phrase is one line inside a box of content (a leaked cookie line): only it goes
    # a wrapper a theme put inside the box (around its first few blocks) is not the box: go on up
    # while the next box still opens with the phrase, is small, and adds less than it already holds;
    # a wrapper round the phrase alone (a title bar) is never the box, nor is a wrapper that splits a heading's
    # section (the next box holds the rest of its subsections: headings below the phrase's level)
    opening = clean(el.text_content())
    alone = visible_len(el)
    parent = node.getparent()
    while parent is not None and tag_of(parent) in _BOX_TAGS and parent not in keep:
        text = parent.text_content()
        if len(text) > _MAX_BOX_TEXT or not clean(text).startswith(opening) or _titled_past(parent, el):
            break
        inner = visible_len(node)
        if inner > alone and visible_len(parent) - inner >= inner and not _splits_section(parent, node, el):
            break
        node, parent = parent, parent.getparent()
    if tag_of(el) in HEADING_TAGS and visible_len(node) == alone:
        return None  # a title bar round the heading alone: the heading's section is the box (:func:`_drop_section`)
    return node
