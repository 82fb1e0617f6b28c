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

from crawler.extract.contacts import Unit, merge_people, parse_people
from crawler.extract.content import find_main, pull_documents, unmask_emails
from crawler.extract.region import cut_region
from crawler.extract.scopes import Units, contact_scopes, table_headers
from crawler.extract.stamp import find_stamp, stamp_lines
from crawler.extract.text import clean, iter_units, text_of
from crawler.record import Block, PageRecord

_TITLE_SPLIT_RE = re.compile(r"\s+[-–|•]\s+")


def _page_title(h1: Tag | None, raw_title: str) -> str:
    """The ``<h1>`` (what the reader sees), else ``<title>`` without its " - Site name" suffix."""
    text = clean(text_of(h1)) if h1 is not None else ""
    return text or _TITLE_SPLIT_RE.split(clean(raw_title))[0]


def extract_record(
    html: str | HtmlElement, url: str, *, main: str | None = None, ignore: Sequence[str] = ()
) -> PageRecord:
    """Extract the record of one page.

    ``main`` (a CSS selector) names the main content and ``ignore`` selectors
    drop content that never counts; both come from the sites file, are read by
    soupsieve as the loader validated them, and win over the generic rules,
    which work without them. ``html`` may be a tree from :func:`parse_html`
    (it is then consumed).
    """
    region = cut_region(html, main=main, ignore=ignore)
    body = region.body()
    unmask_emails(body)
    documents = pull_documents(body, url)
    main_id = id(find_main(body))
    units = Units(list(iter_units(body)))
    items, lines = units.items, units.lines
    in_main = [main_id in chain for chain in units.chains]

    h1 = next((el for i, (el, _, _) in enumerate(items) if el.name == "h1" and in_main[i]), None)
    h1 = h1 if h1 is not None else next((el for el, _, _ in items if el.name == "h1"), None)
    title = _page_title(h1, region.raw_title)

    stamps = {i: found for i, ls in enumerate(lines) if (found := stamp_lines(ls))}
    main_stamp = [ln for i, found in stamps.items() if in_main[i] for ln in found]
    any_stamp = [ln for found in stamps.values() for ln in found]
    review_date, reviewer = find_stamp(main_stamp or any_stamp)

    groups, consumed = [], set()
    for scope in contact_scopes(units, in_main):
        people, used = parse_people([Unit(i, lines[i]) for i in scope if i not in consumed])
        groups.append(people)
        consumed |= used
    contacts = merge_people(groups)
    consumed |= table_headers(units, consumed)
    skip = consumed | set(stamps)

    blocks = tuple(
        Block(kind, clean(text))
        for i, (el, kind, text) in enumerate(items)
        if in_main[i] and el is not h1 and i not in skip
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
