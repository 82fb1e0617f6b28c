"""extract_record: one HTML page -> PageRecord (pure: no I/O, no clock).

Order of work: parse with lxml (about 1 ms for a 150 KB page), drop the
per-site ``ignore`` selectors and generic boilerplate, pull documents out of
the tree (so their link texts are not also prose), read every text unit once,
then pick title, stamp, contacts and blocks from those units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lxml import etree
from lxml import html as lxml_html
from lxml.cssselect import CSSSelector, SelectorError

from crawler.extract.boilerplate import strip_boilerplate
from crawler.extract.contacts import CARD_CLASS_RE, CONTACT_HEADING_RE, Unit, merge_people, parse_people
from crawler.extract.documents import document_of, strip_hint_prefix
from crawler.extract.people import decode_cfemail, find_emails, find_phones, looks_like_name, looks_like_role
from crawler.extract.stamp import find_stamp, is_stamp_line
from crawler.extract.text import clean, iter_units, tag_of
from crawler.record import Block, Document, PageRecord

HtmlElement = lxml_html.HtmlElement

_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_MAIN_MARK = "data-kv-main"
_MAIN_XPATHS = (
    f"//*[@{_MAIN_MARK}]",
    "//main",
    "//*[@role='main']",
    "//article",
    "//*[@id='content' or @id='main' or @id='main-content' or @id='maincontent' or @id='innehall']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' main-content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' page-content ')]",
)
_TITLE_SPLIT_RE = re.compile(r"\s+[-–|•]\s+")
_SECTION_SCAN = 40
_MAIN_SHARE = 0.7
_TABLE_HEAD_RE = re.compile(r"^(?:namn|name|kontakt(?:person)?|e-?post|telefon)$")
_NAME_LABEL_RE = re.compile(r"^(?:kontakt|kontaktperson|namn)\s*:", re.IGNORECASE)


@lru_cache(maxsize=256)
def compile_selector(selector: str) -> CSSSelector:
    """A compiled CSS selector (lxml/cssselect); ValueError naming the selector when it is invalid."""
    try:
        return CSSSelector(selector, translator="html")
    except (SelectorError, etree.XPathError, ValueError) as exc:
        raise ValueError(f"invalid CSS selector {selector!r}: {exc}") from exc


def _select(root: HtmlElement, selector: str) -> list[HtmlElement]:
    """Elements matching an override; a selector this engine cannot read (a soupsieve-only
    extension the sites loader accepted) matches nothing, so the generic rules apply."""
    try:
        return compile_selector(selector)(root)
    except ValueError:
        return []


def validate_selector(selector: str) -> None:
    """Raise ValueError if ``selector`` cannot be used as a ``main``/``ignore`` override."""
    compile_selector(selector)


def parse_html(html: str) -> HtmlElement:
    html = _XML_DECL_RE.sub("", html, count=1)
    if not html.strip():
        html = "<html><body></body></html>"
    return lxml_html.document_fromstring(html, parser=_PARSER)


def _unmask_emails(root: HtmlElement) -> None:
    """Cloudflare-protected and mailto-only e-mails become visible text, as a reader sees them."""
    for el in root.xpath("//*[@data-cfemail]"):
        email = decode_cfemail(el.get("data-cfemail", ""))
        if email:
            for child in list(el):
                el.remove(child)
            el.text = email
    for a in root.xpath("//a[starts-with(@href, 'mailto:') or contains(@href, '/cdn-cgi/l/email-protection#')]"):
        href = a.get("href", "")
        if "email-protection#" in href:
            email = decode_cfemail(href.rsplit("#", 1)[-1]) or ""
        else:
            email = href[7:].split("?", 1)[0]
        if email and not find_emails(a.text_content()):
            for child in list(a):
                a.remove(child)
            a.text = email


def _pull_documents(root: HtmlElement, base: str) -> tuple[Document, ...]:
    docs: dict[str, Document] = {}
    boxes: set[HtmlElement] = set()
    for a in root.xpath("//a[@href]"):
        doc = document_of(a, base)
        if doc is None:
            continue
        docs.setdefault(doc.url, doc)
        tail = strip_hint_prefix(a.tail or "")
        a.tail = None
        parent = a.getparent()
        if parent is not None:
            prev = a.getprevious()
            if tail.strip():
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            parent.remove(a)
            box = next(parent.iterancestors("section", "div", "aside"), None)
            if box is not None:
                boxes.add(box)
    for box in boxes:
        _drop_heading_only(box)
    return tuple(docs.values())


def _drop_heading_only(box: HtmlElement) -> None:
    """A box left holding only a heading had nothing but document links: the heading was their label."""
    heads = list(box.iter("h2", "h3", "h4", "h5", "h6"))
    parent = box.getparent()
    if len(heads) == 1 and parent is not None and clean(box.text_content()) == clean(heads[0].text_content()):
        parent.remove(box)


def _find_main(root: HtmlElement) -> HtmlElement:
    for xp in _MAIN_XPATHS:
        found = root.xpath(xp)
        if found:
            return max(found, key=lambda e: len(e.text_content())) if xp == "//article" else found[0]
    body = root.find("body")
    body = body if body is not None else root
    h1 = next(body.iter("h1"), None)
    if h1 is None:
        return body
    # no semantic main: the smallest box around the <h1> that holds most of what boilerplate left
    total = len(clean(body.text_content()))
    for box in h1.iterancestors():
        if box is body or len(clean(box.text_content())) >= _MAIN_SHARE * total:
            return box
    return body


def _page_title(h1: HtmlElement | None, raw_title: str) -> str:
    """The ``<h1>`` (what the reader sees), else ``<title>`` without its " - Site name" suffix."""
    text = clean(h1.text_content()) if h1 is not None else ""
    return text or _TITLE_SPLIT_RE.split(clean(raw_title))[0]


def extract_record(html: str, url: str, *, main: str | None = None, ignore: Sequence[str] = ()) -> PageRecord:
    """Extract the record of one page.

    ``main`` (a CSS selector) names the main content and ``ignore`` selectors
    drop content that never counts; both come from the sites file and win over
    the generic rules, which work without them.
    """
    root = parse_html(html)
    title_el = root.find(".//title")
    raw_title = title_el.text_content() if title_el is not None else ""
    for head in root.findall("head"):
        root.remove(head)  # nothing in <head> is content
    for selector in ignore:
        for el in _select(root, selector):
            if el.getparent() is not None:
                el.getparent().remove(el)
    if main:
        for el in _select(root, main):
            el.set(_MAIN_MARK, "1")
    strip_boilerplate(root)
    _unmask_emails(root)
    documents = _pull_documents(root, url)
    main_el = _find_main(root)
    main_els = set(main_el.iter())  # elements, not id()s: lxml proxies are recreated
    body = root.find("body")
    units = list(iter_units(body if body is not None else root))

    h1 = next((el for el, kind, _ in units if tag_of(el) == "h1" and el in main_els), None)
    h1 = h1 if h1 is not None else next((el for el, _, _ in units if tag_of(el) == "h1"), None)
    title = _page_title(h1, raw_title)

    lines = [tuple(text.split("\n")) for _, _, text in units]
    stamp_units = {i for i, ls in enumerate(lines) if any(is_stamp_line(ln) for ln in ls)}
    main_stamp = [ln for i in sorted(stamp_units) if units[i][0] in main_els for ln in lines[i]]
    any_stamp = [ln for i in sorted(stamp_units) for ln in lines[i]]
    review_date, reviewer = find_stamp(main_stamp or any_stamp)

    groups, consumed = [], set()
    for scope in _contact_scopes(units, lines, main_els):
        people, used = parse_people([Unit(i, lines[i]) for i in scope if i not in consumed])
        groups.append(people)
        consumed |= used
    contacts = merge_people(groups)
    consumed |= _table_headers(units, consumed)

    blocks = tuple(
        Block(kind, clean(text))
        for i, (el, kind, text) in enumerate(units)
        if el in main_els and el is not h1 and i not in consumed and i not in stamp_units
    )
    return PageRecord(
        url=url,
        title=title,
        blocks=blocks,
        review_date=review_date,
        reviewer=reviewer,
        contacts=contacts,
        documents=documents,
    )


def _contact_scopes(
    units: list[tuple[HtmlElement, str, str]], lines: list[tuple[str, ...]], main_els: set[HtmlElement]
) -> list[list[int]]:
    """Runs of unit indices where contacts live: cards, "Kontakt" sections, lines with e-mail/phone."""
    scopes: list[list[int]] = []
    seen_cards: set[HtmlElement] = set()
    for i, (el, _, _) in enumerate(units):
        node = el
        card = None
        while node is not None and tag_of(node) not in ("body", "html"):
            names = f"{node.get('class', '')} {node.get('id', '')}"
            if names.strip() and CARD_CLASS_RE.search(names):
                card = node
            node = node.getparent()
        if card is not None and card not in seen_cards:
            seen_cards.add(card)
            members = set(card.iter())
            scopes.append([j for j in range(i, len(units)) if units[j][0] in members])
    for i, (el, kind, text) in enumerate(units):
        is_heading = kind == "h" or (len(text) <= 30 and "\n" not in text)  # div "headings" too
        if is_heading and CONTACT_HEADING_RE.match(text) and not _NAME_LABEL_RE.match(text):
            level = int(tag_of(el)[1]) if kind == "h" and tag_of(el)[1:].isdigit() else 7
            scope = []
            parent = el.getparent()
            members = set(parent.iter()) if parent is not None else set()
            for j in range(i + 1, min(len(units), i + 1 + _SECTION_SCAN)):
                other = units[j][0]
                if other not in members:
                    break
                if units[j][1] == "h" and tag_of(other)[1:].isdigit() and int(tag_of(other)[1]) <= level:
                    break
                scope.append(j)
            scopes.append(scope)
    for table in {t for el, _, _ in units if tag_of(el) == "th" for t in el.iterancestors("table")}:
        members = set(table.iter())
        heads = [clean(units[i][2]).casefold() for i, (el, _, _) in enumerate(units) if el in members]
        if any(_TABLE_HEAD_RE.match(h) for h in heads):
            scopes.append([i for i, (el, _, _) in enumerate(units) if el in members])
    plain_run = False
    for i, ls in enumerate(lines):
        if units[i][0] not in main_els:
            plain_run = False
            continue  # plain text outside the main content is site chrome (footers, top bars)
        if (
            any("@" in ln or find_emails(ln) or find_phones(ln) for ln in ls)
            or _NAME_LABEL_RE.match(ls[0])
            or (len(ls) >= 2 and looks_like_name(ls[0]) and looks_like_role(ls[1]))
        ):
            if scopes and scopes[-1] and scopes[-1][-1] == i - 1 and plain_run:
                scopes[-1].append(i)  # consecutive lines of one contact split over paragraphs
            else:
                scopes.append([i])
            plain_run = True
            continue
        plain_run = False
    return scopes


def _table_headers(units: list[tuple[HtmlElement, str, str]], consumed: set[int]) -> set[int]:
    """Header cells of tables whose rows were contacts: they are part of the contact list."""
    tables = {t for i in consumed for t in units[i][0].iterancestors("table")}
    return {
        i
        for i, (el, _, _) in enumerate(units)
        if tag_of(el) == "th" and any(t in tables for t in el.iterancestors("table"))
    }
