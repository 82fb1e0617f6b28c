"""A page's record survives a theme: the same content in other markup gives the same record.

Every page of the corpus (both versions of every pair of every part, and every hand-written page;
enumerated through :func:`corpus.build.all_pages`, so new pages are picked up) is put through random transformations
that a CMS upgrade or a new theme makes without changing what a reader sees:

- re-serialisation: whitespace between blocks, tag case, attribute order and quoting, entity
  forms (``&amp;``/``&#38;``, ``&aring;``/``&#229;``/``&#xe5;``/raw), ``<br>``/``<br/>``/``<br />``;
- extra wrapper elements (``div``/``section``) around runs of blocks, with class names and ids
  from real CMS themes, including misleading ones (``entry-footer``, ``has-sidebar``,
  ``news-article``) and content-looking ones (``entry-content``, ``main-content``);
- classes and ids added to, removed from and renamed on wrappers; ``div`` <-> ``section``;
- the sidebar moved before or after the main content.

The record must be equal (``PageRecord`` equality) to the record of the untouched page. One
CMS family of the independent parts gets the re-serialisation only for now (see ``SERIALISATION_ONLY``). Pages
with per-site ``main``/``ignore`` selectors only get re-serialised and classes added: their
selectors name the site's structure, which a theme change is free to break (the sites file then
needs updating, and the selector's own check says so).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from corpus.build import HERE as CORPUS_DIR
from corpus.build import all_pages
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from crawler.extract import decode_html, extract_record
from crawler.record import PageRecord

# --------------------------------------------------------------------------- the pages


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str = field(repr=False)
    main: str | None = None
    ignore: tuple[str, ...] = ()

    def record(self, html: str) -> PageRecord:
        return extract_record(html, self.url, main=self.main, ignore=self.ignore)


def corpus_pages() -> list[Page]:
    """Every distinct page of every corpus part (``corpus.build.all_pages``), then hand-written files no pair uses."""
    pages: dict[tuple[str, str | None, tuple[str, ...]], Page] = {}
    for page_id, url, text, main, ignore in all_pages():
        pages.setdefault((text, main, ignore), Page(page_id, url, text, main, ignore))
    seen = {p.html for p in pages.values()}
    for path in sorted((CORPUS_DIR / "html").glob("*.html")):
        text = decode_html(path.read_bytes(), None)
        if text not in seen:
            pages.setdefault((text, None, ()), Page(f"html/{path.name}", f"https://www.example.se/{path.stem}", text))
    return list(pages.values())


PAGES = corpus_pages()

#: Pages whose record a theme still changes (issue 11), each with its cause; XFAIL, non-strict, so a fix shows as
#: XPASS. None left. Fixed: a wrapper round a document list's heading (a heading labels nothing when nothing follows
#: it in document order up to the next heading, a sidebar or a footer); heldout2's furniture word in a wrapper's
#: state or part name ("banner-below", "article-footer"); and Åmål's (amal-sv-noise-table; Ljungby's pages showed
#: it too under more examples): a wrapper round the h1 and the text portlets narrowed the main box, leaving the
#: contact portlet's heading outside it. Since 2026-12-03 (fourth round) a heading that labels only contacts, or
#: nothing yet, is the contacts' label and no block wherever it sits (simweb.municipal.content.to_record agrees).
THEME_FINDINGS: dict[str, str] = {}


@cache
def original_record(page: Page) -> PageRecord:
    return page.record(page.html)


# --------------------------------------------------------------------------- vocabularies

#: Class names real CMS themes put on layout wrappers (Sitevision, WordPress, Optimizely, Drupal, BEM kits),
#: with misleading ones (furniture words on content wrappers) and content-looking ones.
WRAPPER_CLASSES = (
    "sv-layout", "sv-decoration-content", "sv-row", "sv-column-8", "sv-use-margins", "sv-vertical",
    "sv-fluid-grid", "sv-grid-main", "wp-block-group", "wp-block-group__inner-container", "is-layout-constrained",
    "is-layout-flow", "wp-block-columns", "wp-block-column", "alignwide", "block", "block-area", "contentarea",
    "content-area-item", "row", "container", "container-fluid", "col-md-8", "col-lg-9", "region", "region-content",
    "block-system-main-block", "field", "field--name-body", "layout-container", "layout-content", "node",
    "clearfix", "paragraph", "paragraph--type--text", "l-main", "l-container", "o-grid", "o-grid__item",
    "c-article", "c-article__body", "u-mb-2", "page-wrapper", "inner", "wrapper", "grid", "grid__item",
    # misleading: furniture words on wrappers of content
    "entry-footer", "article-footer", "post-footer", "sv-article-footer", "entry-header", "page-header",
    "has-sidebar", "has-sub-nav", "with-menu", "menu-open", "layout--sidebar-right", "content-with-related",
    "news-article", "nyhetsartikel", "toolbar-offset", "search-highlight", "banner-below", "social-ready",
    # content-looking
    "entry-content", "main-content", "page-content", "content", "article-body", "richtext",
)  # fmt: skip
WRAPPER_IDS = ("wrapper", "page", "primary", "main-area", "innehall-wrap", "layout", "svid12_4b2", "block-12")
#: Elements whose whitespace around them is not seen (between blocks), and where a wrapper may go.
FLOW_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "dl", "div", "fieldset", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "section", "table", "ul",
    }
)  # fmt: skip
CONTAINERS = frozenset({"body", "div", "section", "article", "main", "aside", "header", "footer"})
BLOCKISH = FLOW_BLOCKS | {"body", "li", "dd", "dt", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"}
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
RAW_TEXT = frozenset({"script", "style"})
_BARE_VALUE_RE = re.compile(r"^[A-Za-z0-9_.:-]+$")
_NAMED = {cp: name for cp, name in html_lib.entities.codepoint2name.items()}


def tag_of(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def elements(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str)]


def in_pre(el: etree._Element) -> bool:
    return any(tag_of(a) in ("pre", "textarea") for a in (el, *el.iterancestors()))


# --------------------------------------------------------------------------- transformations of the tree


def wrap(data: st.DataObject, root: etree._Element) -> None:
    """Put a run of sibling blocks (whitespace only between them) into a new div/section."""
    parents = [el for el in elements(root) if tag_of(el) in CONTAINERS and any(tag_of(c) in FLOW_BLOCKS for c in el)]
    if not parents:
        return
    parent = data.draw(st.sampled_from(parents), label="wrap parent")
    kids = list(parent)
    start = data.draw(st.integers(0, len(kids) - 1), label="from")
    run = [kids[start]]
    limit = data.draw(st.integers(1, 4), label="length")
    for kid in kids[start + 1 :]:
        if len(run) >= limit or (run[-1].tail or "").strip():
            break
        run.append(kid)
    if not all(tag_of(k) in FLOW_BLOCKS for k in run) or any((k.tail or "").strip() for k in run[:-1]):
        return
    wrapper = etree.Element(data.draw(st.sampled_from(("div", "section")), label="wrapper tag"))
    classes = data.draw(st.lists(st.sampled_from(WRAPPER_CLASSES), max_size=3, unique=True), label="classes")
    if classes:
        wrapper.set("class", " ".join(classes))
    if data.draw(st.booleans(), label="with id"):
        wrapper.set("id", data.draw(st.sampled_from(WRAPPER_IDS), label="id"))
    run[0].addprevious(wrapper)
    wrapper.tail = run[-1].tail
    run[-1].tail = None
    for kid in run:
        wrapper.append(kid)


def _boxes(root: etree._Element) -> list[etree._Element]:
    return [el for el in elements(root) if tag_of(el) in ("div", "section")]


def retag(data: st.DataObject, root: etree._Element) -> None:
    """``div`` becomes ``section`` or the other way round."""
    boxes = _boxes(root)
    if boxes:
        el = data.draw(st.sampled_from(boxes), label="retag")
        el.tag = "section" if tag_of(el) == "div" else "div"


def reclass(data: st.DataObject, root: etree._Element, *, add_only: bool = False) -> None:
    """Add a wrapper class name to a box, or drop or rename one of its wrapper class names (or its id)."""
    boxes = _boxes(root)
    if not boxes:
        return
    el = data.draw(st.sampled_from(boxes), label="reclass")
    classes = (el.get("class") or "").split()
    known = [c for c in classes if c in WRAPPER_CLASSES]
    action = "add" if add_only else data.draw(st.sampled_from(("add", "remove", "rename", "id")), label="action")
    if action == "add" or not known and action != "id":
        classes.append(data.draw(st.sampled_from(WRAPPER_CLASSES), label="new class"))
    elif action in ("remove", "rename"):
        old = data.draw(st.sampled_from(known), label="old class")
        new = [data.draw(st.sampled_from(WRAPPER_CLASSES), label="renamed")] if action == "rename" else []
        classes = [c for c in classes if c != old] + new
    elif el.get("id") in WRAPPER_IDS or el.get("id") is None:
        if el.get("id") is None:
            el.set("id", data.draw(st.sampled_from(WRAPPER_IDS), label="new id"))
        else:
            del el.attrib["id"]
    el.set("class", " ".join(dict.fromkeys(classes)))


def move_aside(data: st.DataObject, root: etree._Element) -> None:
    """Move a sidebar (an ``<aside>``) to just before or just after the sibling that holds the ``<h1>``."""
    asides = [el for el in elements(root) if tag_of(el) == "aside" and el.getparent() is not None]
    if not asides:
        return
    aside = data.draw(st.sampled_from(asides), label="aside")
    parent = aside.getparent()
    h1 = next(root.iter("h1"), None)
    target = next((s for s in parent if h1 is not None and (s is h1 or h1 in s.iterdescendants())), None)
    if target is None or target is aside:
        return
    tail, aside.tail = aside.tail, None
    prev = aside.getprevious()
    if tail and tail.strip():
        return  # text after the sidebar would move with it
    parent.remove(aside)
    if prev is not None:
        prev.tail = (prev.tail or "") + (tail or "")
    if data.draw(st.booleans(), label="before"):
        target.addprevious(aside)
    else:
        target.addnext(aside)
    aside.tail = "\n"


def rewhitespace(data: st.DataObject, root: etree._Element) -> None:
    """Whitespace between blocks (where a browser shows none): removed, or spaces, tabs and newlines."""
    spaces = st.sampled_from(("", " ", "\n", "\n  ", "\n\t\t", "  \n\n    "))
    pick = data.draw(st.lists(spaces, min_size=1, max_size=4), label="whitespace")
    for i, el in enumerate(elements(root)):
        if in_pre(el):
            continue
        parent = el.getparent()
        between = tag_of(el) in FLOW_BLOCKS and parent is not None and tag_of(parent) in BLOCKISH
        if between and not (el.tail or "").strip():
            el.tail = pick[i % len(pick)]
        if tag_of(el) in BLOCKISH and len(el) and tag_of(el[0]) in FLOW_BLOCKS and not (el.text or "").strip():
            el.text = pick[(i + 1) % len(pick)]


# --------------------------------------------------------------------------- serialisation


@dataclass(frozen=True)
class Style:
    """How one re-serialisation writes markup."""

    upper: int  # every n-th element's tag in upper case (0: none)
    quotes: tuple[str, ...]  # cycled per attribute: '"', "'" or "" (bare where the value allows)
    entities: tuple[str, ...]  # cycled per escaped character: raw, named, dec, hex
    void_end: str  # ">", "/>" or " />"
    shuffle: int  # rotation of each element's attributes


styles = st.builds(
    Style,
    upper=st.integers(0, 3),
    quotes=st.lists(st.sampled_from(('"', "'", "")), min_size=1, max_size=3).map(tuple),
    entities=st.lists(st.sampled_from(("raw", "named", "dec", "hex")), min_size=1, max_size=4).map(tuple),
    void_end=st.sampled_from((">", "/>", " />")),
    shuffle=st.integers(0, 3),
)


class Writer:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.n_el = self.n_attr = self.n_char = 0
        self.out: list[str] = []

    def char(self, ch: str, must: bool) -> str:
        """One character, escaped (``must``) or not in one of the entity forms."""
        if not must and ord(ch) < 128:
            return ch
        form = self.style.entities[self.n_char % len(self.style.entities)]
        self.n_char += 1
        if form == "raw" and not must:
            return ch
        if form == "named" and ord(ch) in _NAMED:
            return f"&{_NAMED[ord(ch)]};"
        if form == "hex":
            return f"&#x{ord(ch):x};"
        return f"&#{ord(ch)};"

    def text(self, s: str, quote: str = "") -> str:
        special = "&<>" + quote if quote else "&<>"
        return "".join(self.char(ch, ch in special) for ch in s)

    def attr(self, name: str, value: str) -> str:
        quote = self.style.quotes[self.n_attr % len(self.style.quotes)]
        self.n_attr += 1
        if not quote and not _BARE_VALUE_RE.match(value):
            quote = '"'
        return f" {name}={quote}{self.text(value, quote or '')}{quote}"

    def element(self, el: etree._Element) -> None:
        if not isinstance(el.tag, str):  # a comment or processing instruction: left out, its tail kept
            if el.tail:
                self.out.append(self.text(el.tail))
            return
        name = el.tag.lower()
        self.n_el += 1
        shown = name.upper() if self.style.upper and self.n_el % (self.style.upper + 1) == 0 else name
        attrs = list(el.attrib.items())
        if attrs and self.style.shuffle:
            k = self.style.shuffle % len(attrs)
            attrs = attrs[k:] + attrs[:k]
        self.out.append(f"<{shown}" + "".join(self.attr(k, v) for k, v in attrs))
        if name in VOID:
            self.out.append(self.style.void_end)
        else:
            self.out.append(">")
            if el.text:
                self.out.append(el.text if name in RAW_TEXT else self.text(el.text))
            for child in el:
                self.element(child)
            self.out.append(f"</{shown}>")
        if el.tail:
            self.out.append(self.text(el.tail))


def serialise(root: etree._Element, style: Style) -> str:
    writer = Writer(style)
    writer.element(root)
    return "<!DOCTYPE html>\n" + "".join(writer.out)


# --------------------------------------------------------------------------- the property

STRUCTURAL = (wrap, wrap, retag, reclass, move_aside)
#: Pages that get the re-serialisation only, for now: the independent "pp" (Polopoly-like) family, whose
#: site footer is a bare line of text (``<div id="footer">`` with an address and a mailto link). Under a
#: wrapper that moves the main box's edge, that line can become part of the page, and its address reads
#: as a contact: open work (issue 11 report), not hidden behind a looser assertion.
SERIALISATION_ONLY = ("independent/in-pp-", "heldout/ho-pp-")


def transformed(data: st.DataObject, page: Page) -> str:
    root = lxml_html.document_fromstring(page.html)
    for head in root.findall("head"):
        for meta in head.findall("meta"):
            if meta.get("charset") or (meta.get("http-equiv") or "").lower() == "content-type":
                head.remove(meta)  # the page is text now: its declared charset no longer applies
    if page.id.startswith(SERIALISATION_ONLY):
        pass
    elif page.main or page.ignore:
        for _ in range(data.draw(st.integers(0, 3), label="class additions")):
            reclass(data, root, add_only=True)
    else:
        ops = data.draw(st.lists(st.sampled_from(STRUCTURAL), max_size=6), label="operations")
        for op in ops:
            op(data, root)
    rewhitespace(data, root)
    return serialise(root, data.draw(styles, label="style"))


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(p, marks=pytest.mark.xfail(reason=THEME_FINDINGS[p.id], strict=False))
        if p.id in THEME_FINDINGS
        else p
        for p in PAGES
    ],
    ids=[p.id for p in PAGES],
)
@settings(  # derandomized: the same examples on every run; no shrinking (a failure prints its draws)
    max_examples=5,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_record_survives_a_theme(page: Page, data: st.DataObject) -> None:
    html = transformed(data, page)
    assert page.record(html) == original_record(page)


def test_pages_are_enumerated_through_the_corpus_builder() -> None:
    """Both sides of every pair and every hand-written file are tried, each once."""
    assert len(PAGES) >= 100
    assert len({p.html for p in PAGES}) == len({(p.html, p.main, p.ignore) for p in PAGES})
    assert {Path(p.id.removeprefix("html/")).suffix for p in PAGES if p.id.startswith("html/")} <= {".html"}


_NO_COMMENTS = lxml_html.HTMLParser(remove_comments=True, remove_pis=True)


def _shape(el: etree._Element) -> tuple:
    """An element as data, attribute order and script/style source (never read) aside."""
    text = "" if tag_of(el) in RAW_TEXT else el.text or ""
    return (el.tag, sorted(el.attrib.items()), text, el.tail or "", [_shape(c) for c in el if isinstance(c.tag, str)])


def test_serialiser_loses_nothing() -> None:
    """The writer itself is faithful: every page written in two opposite styles parses to the same tree."""
    styles_tried = (Style(0, ('"',), ("raw",), ">", 0), Style(2, ("'", ""), ("named", "dec", "hex"), " />", 1))
    for page in PAGES[:: max(1, len(PAGES) // 12)]:
        root = lxml_html.document_fromstring(page.html, parser=_NO_COMMENTS)
        for style in styles_tried:
            assert _shape(lxml_html.document_fromstring(serialise(root, style))) == _shape(root), page.id
