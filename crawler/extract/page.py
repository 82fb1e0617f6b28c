"""extract_record: one HTML page -> PageRecord (pure: no I/O, no clock).

Order of work: lxml cuts the content region out of the page (overrides by
soupsieve, then boilerplate; :mod:`crawler.extract.region`), BeautifulSoup
(parser "lxml") builds a tree of that region only, e-mails are unmasked and
documents pulled out of it (so their link texts are not also prose), every
text unit is read once, and title, stamp, contacts and blocks are picked from
those units.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bs4 import Tag
from lxml.html import HtmlElement

from crawler.extract.contacts import Unit, merge_contacts, page_area, read_contacts
from crawler.extract.content import find_main, pull_documents, unmask_emails
from crawler.extract.furniture import Furniture
from crawler.extract.region import cut_region
from crawler.extract.scopes import Units, contact_labels, contact_scopes, row_label, table_headers
from crawler.extract.stamp import is_date_widget, read_stamp
from crawler.extract.text import INLINE_TAGS, clean, iter_units, text_of
from crawler.extract.urls import link_base
from crawler.record import Block, PageRecord

_TITLE_SPLIT_RE = re.compile(r"\s+[-–|•]\s+")


def _page_title(h1: Tag | None, raw_title: str) -> str:
    """The ``<h1>`` (what the reader sees), else ``<title>`` without its " - Site name" suffix."""
    text = clean(text_of(h1)) if h1 is not None else ""
    return text or _TITLE_SPLIT_RE.split(clean(raw_title))[0]


def _time_value(el: Tag, whole: str | None) -> str | None:
    """The ``datetime`` of the first ``<time>`` in the unit's own text (not in a block nested in it), and
    with ``whole`` (the unit's text) only if the ``<time>`` is all of it. The stamp reader asks only where
    the visible date is missing or ambiguous."""
    for time in el.find_all("time", attrs={"datetime": True}):
        parent = time.parent
        while parent is not None and parent is not el and parent.name in INLINE_TAGS:
            parent = parent.parent
        if parent is el and (whole is None or clean(time.get_text()) == clean(whole)):
            value = time.get("datetime")
            return value if isinstance(value, str) else None
    return None


def extract_record(
    html: str | HtmlElement,
    url: str,
    *,
    main: str | None = None,
    ignore: Sequence[str] = (),
    site_furniture: Furniture = frozenset(),
) -> PageRecord:
    """Extract the record of one page.

    ``main`` (a CSS selector) names the main content and ``ignore`` selectors
    drop content that never counts; both come from the sites file, are read by
    soupsieve as the loader validated them, and win over the generic rules,
    which work without them. ``site_furniture`` (fingerprints of the site's home page,
    :func:`crawler.extract.furniture.site_furniture`) removes the boxes the site repeats.
    ``html`` may be a tree from :func:`parse_html`
    (it is then consumed).
    """
    region = cut_region(html, main=main, ignore=ignore, furniture=site_furniture)
    body = region.body()
    unmask_emails(body)
    documents = pull_documents(body, link_base(url, region.base_href))
    main_box = find_main(body)
    main_id = id(main_box)
    side = {id(el) for el in main_box.find_all("aside")}  # a sidebar inside <main> is not the main flow
    units = Units(list(iter_units(body)))
    items, lines = units.items, units.lines
    in_main = [main_id in chain and side.isdisjoint(chain) for chain in units.chains]

    h1 = next((el for i, (el, _, _) in enumerate(items) if el.name == "h1" and in_main[i]), None)
    h1 = h1 if h1 is not None else next((el for el, _, _ in items if el.name == "h1"), None)
    title = _page_title(h1, region.raw_title)

    stamp = read_stamp(lines, in_main, lambda i, whole: _time_value(items[i][0], items[i][2] if whole else None))

    groups, consumed = [], set()
    scopes, lead = contact_scopes(units, in_main)
    area = page_area(ln for scope in scopes for i in scope for ln in lines[i])
    # a stamp's lines (a label with no date too: "Sidan senast ändrad:" over "Sidansvarig: …") are nobody's role
    own = {i: tuple(rest.split("\n")) if rest else () for i, rest in stamp.rest.items()}
    for scope in scopes:
        found, used = read_contacts(
            [
                Unit(i, own.get(i, lines[i]))
                for i in scope
                if i not in consumed and own.get(i, True) and not row_label(items[i][0])
            ],
            area,
            lead,
        )
        groups.append(found)
        consumed |= used
    contacts = merge_contacts(groups, in_main)
    consumed |= table_headers(units, consumed)
    skip = consumed | {i for i, rest in stamp.rest.items() if not rest}
    skip |= {i for i, unit_lines in enumerate(lines) if len(unit_lines) == 1 and is_date_widget(unit_lines[0])}
    skip |= contact_labels(units, skip, in_main)  # after the stamp: a foot's stamp line under "Kontakt" is not labelled

    blocks = tuple(
        Block(kind, clean(stamp.rest.get(i, text)))
        for i, (el, kind, text) in enumerate(items)
        if in_main[i] and el is not h1 and i not in skip
    )
    return PageRecord(
        url=url,
        title=title,
        blocks=blocks,
        review_date=stamp.date,
        reviewer=stamp.reviewer,
        contacts=contacts,
        documents=documents,
    )
