"""Where contacts live on a page: runs of text units to read people from.

Four kinds of place: contact cards (class/id "contact", "kontakt", "vcard"…),
the section under a "Kontakt…" heading, tables headed "Namn/Telefon/E-post",
and runs of units in the main content around one that holds an e-mail, a phone
or a named contact: the name, role and unit lines just before it in the same box
belong to it, so a contact reads the same in one ``<br>``-broken paragraph or in
one paragraph per line. A table with a name in each column of its first row is
read column by column. The site-wide contact centre never reaches this point
(boilerplate).

Units are the ``(element, kind, text)`` triples of :func:`crawler.extract.text.iter_units`.
Membership in a box is tested with :class:`Units.inside`, by ``id()``: BeautifulSoup
tags compare and hash by their markup, so sets of tags would be slow and wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bs4 import Tag

from crawler.extract.contact_fields import looks_like_name, looks_like_role
from crawler.extract.lines import CARD_CLASS_RE, CONTACT_HEADING_RE, is_label_only
from crawler.extract.lines import strength as line_strength
from crawler.extract.text import UnitTuple, clean

_SECTION_SCAN = 40
_LEAD = 4  # weak units (name, role, unit lines) read before a contact's first address
_TABLE_HEAD_RE = re.compile(r"^(?:namn|name|kontakt(?:person)?|e-?post|telefon)$")
NAME_LABEL_RE = re.compile(r"^(?:kontakt|kontaktperson|namn)\s*:", re.IGNORECASE)


@dataclass
class Units:
    """The page's text units with, for each, the ids of its element and all its ancestors."""

    items: Sequence[UnitTuple]
    lines: list[tuple[str, ...]] = field(init=False)
    chains: list[frozenset[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = [tuple(text.split("\n")) for _, _, text in self.items]
        self.chains = [frozenset([id(el), *map(id, el.parents)]) for el, _, _ in self.items]

    def inside(self, i: int, box: Tag) -> bool:
        """Whether unit ``i`` sits in ``box`` (or is ``box`` itself)."""
        return id(box) in self.chains[i]


def _name_of(el: Tag) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _level(el: Tag, kind: str) -> int:
    return int(el.name[1]) if kind == "h" and el.name[1:].isdigit() else 7


def contact_scopes(units: Units, in_main: Sequence[bool]) -> tuple[list[list[int]], set[int]]:
    """Runs of unit indices where contacts live (cards, "Kontakt" sections, tables, lines around an
    e-mail or phone), and the units that only lead into a contact: a person they start needs an address."""
    items, lines = units.items, units.lines
    scopes = [*_card_scopes(units), *_section_scopes(units), *_table_scopes(units)]
    levels = [strength(ls) if in_main[i] else 0 for i, ls in enumerate(lines)]
    boxes = [_box(el) if level else 0 for (el, _, _), level in zip(items, levels, strict=True)]
    runs, lead = _runs(levels, boxes, [kind == "h" for _, kind, _ in items])
    lead -= {i for scope in scopes for i in scope}  # a card or "Kontakt" section may name someone alone
    return [_in_columns(units, scope) for scope in scopes + runs], lead


def _card_scopes(units: Units) -> list[list[int]]:
    """One scope per card-like box (the outermost, as the old walk up to <body> found)."""
    items = units.items
    scopes: list[list[int]] = []
    seen_cards: set[int] = set()
    is_card: dict[int, bool] = {}  # by id(): units share their ancestors, so each box's names are read once
    for i, (el, _, _) in enumerate(items):
        card = None
        for node in (el, *el.parents):
            if node.name in ("body", "html", "[document]"):
                break
            hit = is_card.get(id(node))
            if hit is None:
                names = _name_of(node)
                hit = is_card[id(node)] = bool(names.strip() and CARD_CLASS_RE.search(names))
            if hit:
                card = node
        if card is not None and id(card) not in seen_cards:
            seen_cards.add(id(card))
            scopes.append([j for j in range(i, len(items)) if units.inside(j, card)])
    return scopes


def _section_scopes(units: Units) -> list[list[int]]:
    """One scope per "Kontakt" heading: the units after it, up to a heading of its level or the box's end."""
    return list(_sections(units).values())


def _sections(units: Units) -> dict[int, list[int]]:
    """Each "Kontakt" heading (by unit index) with the units it labels."""
    items = units.items
    sections: dict[int, list[int]] = {}
    for i, (el, kind, text) in enumerate(items):
        is_heading = kind == "h" or (len(text) <= 30 and "\n" not in text)  # div "headings" too
        if is_heading and CONTACT_HEADING_RE.match(text) and not NAME_LABEL_RE.match(text):
            level = _level(el, kind)
            scope = []
            parent = _heading_box(units, i)
            for j in range(i + 1, min(len(items), i + 1 + _SECTION_SCAN)):
                if parent is None or not units.inside(j, parent):
                    break
                if items[j][1] == "h" and _level(items[j][0], "h") <= level:
                    break
                scope.append(j)
            sections[i] = scope
    return sections


def contact_labels(units: Units, consumed: set[int], in_main: Sequence[bool]) -> set[int]:
    """Headings ("Kontakt", "Kontaktinformation") that label only contacts, or nothing (the box a template
    prints before anyone is named in it): every unit they label was read as a contact (or is the page's
    stamp). They are the contacts' label, not prose (as a heading that labelled only documents is not), so
    whether a theme's layout puts the contact box inside the main content or beside it, and whether its first
    contact is there yet, changes nothing but the contacts.

    What a heading labels is read in document order, up to the next heading of its level or above, the edge of
    the main content, or :data:`_SECTION_SCAN` units, never by the box it sits in: a theme's wrapper round the
    heading and its table, or its absence, does not change the answer.
    """
    items = units.items
    found = set()
    for i, (el, kind, text) in enumerate(items):
        if kind != "h" or not CONTACT_HEADING_RE.match(text) or NAME_LABEL_RE.match(text):
            continue
        level = _level(el, kind)
        labelled = True
        for j in range(i + 1, min(len(items), i + 1 + _SECTION_SCAN)):
            if in_main[j] != in_main[i] or items[j][1] == "h" and _level(items[j][0], "h") <= level:
                break
            if j not in consumed:
                labelled = False
                break
        if labelled:
            found.add(i)
    return found


def _heading_box(units: Units, i: int) -> Tag | None:
    """The box a heading (unit ``i``) labels: its parent, or, when a theme wrapped the heading alone
    (``<section><h3>Kontakt</h3></section>``, a portlet's title bar), the nearest box that holds more."""
    items = units.items
    parent = items[i][0].parent
    while (
        parent is not None
        and parent.name not in ("body", "html", "[document]")
        and i + 1 < len(items)
        and not units.inside(i + 1, parent)
        and not (i and units.inside(i - 1, parent))
    ):
        parent = parent.parent
    return parent


def _table_scopes(units: Units) -> list[list[int]]:
    """One scope per table of people: its header names contact fields (Namn, Telefon, E-post …), or, with no
    header, two or more of its rows each hold a name and an address (a staff table, one person a row, as a
    content element in a side column prints it)."""
    items = units.items
    tables: dict[int, Tag] = {}
    for el, _, _ in items:
        if el.name in ("th", "td"):  # a header names its tables; a row of people, the table it sits in
            tables.update((id(t), t) for t in el.find_parents("table", limit=None if el.name == "th" else 1))
    scopes: list[list[int]] = []
    for table in tables.values():
        members = [i for i in range(len(items)) if units.inside(i, table)]
        if any(_TABLE_HEAD_RE.match(clean(items[i][2]).casefold()) for i in members) or _people_rows(units, members):
            scopes.append(members)
    return scopes


def _people_rows(units: Units, members: list[int]) -> bool:
    """Whether two or more rows of a table (its units ``members``) each hold a name cell and an address cell."""
    rows: dict[int, list[int]] = {}
    for i in members:
        el = units.items[i][0]
        if el.name in ("td", "th") and el.parent is not None:
            rows.setdefault(id(el.parent), []).append(i)
    people = 0
    for cells in rows.values():
        lines = [units.lines[i] for i in cells]
        if any(looks_like_name(ls[0]) for ls in lines) and any(line_strength(ln) == 2 for ls in lines for ln in ls):
            people += 1
    return people >= 2


def _in_columns(units: Units, scope: list[int]) -> list[int]:
    """A table whose first row holds two or more names has one person per column ("Anna Ek | Bo Ek",
    then their roles, then their phones): its cells are read column by column."""
    rows: dict[int, list[int]] = {}
    for i in scope:
        el = units.items[i][0]
        if el.name in ("td", "th") and el.parent is not None:
            rows.setdefault(id(el.parent), []).append(i)
    if len(rows) < 2:
        return scope
    first = next(iter(rows.values()))
    if sum(looks_like_name(units.lines[i][0]) for i in first) < 2:
        return scope
    place: dict[int, tuple[int, int]] = {}
    for r, cells in enumerate(rows.values()):
        for c, i in enumerate(cells):
            place[i] = (c, r)
    ordered = iter(sorted(place, key=place.__getitem__))
    return [next(ordered) if i in place else i for i in scope]


def strength(lines: Sequence[str]) -> int:
    """A unit's strongest line (:func:`crawler.extract.lines.strength`); a unit of name and role lines
    together is as strong as an address ("Birgitta Berg" / "Internationell samordnare")."""
    best = max(line_strength(ln) for ln in lines)
    if (
        best < 2
        and len(lines) >= 2
        and looks_like_name(lines[0])
        and looks_like_role(lines[1])
        and not is_label_only(lines[1])
    ):
        return 2
    return best


def _box(el: Tag) -> int:
    """The box a unit's lines belong to: its list or table, else its parent element. A run of contact
    lines stays in one box, so a list of names ("Saint Paul", "Rauma") is not read into the phone
    number printed under it."""
    for node in el.parents:
        if node.name in ("table", "ul", "ol", "dl"):
            return id(node)
        if node.name in ("body", "[document]"):
            break
    return id(el.parent)


def _runs(
    strengths: Sequence[int], boxes: Sequence[int], headings: Sequence[bool] | None = None
) -> tuple[list[list[int]], set[int]]:
    """Runs of consecutive contact units around the strong ones, and the weak units they hold.

    A run is a strong unit (an address, a named contact) with up to :data:`_LEAD` weak units (names,
    roles, units, labels) of the same box just before it, and the units between two strong ones; a
    unit that is content, or another box, ends a run, and a heading starts a new one. So a contact reads
    the same whether its lines are ``<br>``-separated in one paragraph or one paragraph each."""
    runs: list[list[int]] = []
    lead: set[int] = set()
    weak: list[int] = []
    open_run = False
    for i, level in enumerate(strengths):
        if i and boxes[i] != boxes[i - 1]:
            weak, open_run = [], False
        if level == 0:
            weak, open_run = [], False
        elif level == 1:
            if headings is not None and headings[i]:
                open_run = False  # a heading opens a section: what follows is not the run before it
            weak.append(i)
        else:
            if open_run and len(weak) <= _LEAD:
                runs[-1] += [*weak, i]
            else:
                runs.append([*weak[-_LEAD:], i])
            lead.update(weak[-_LEAD:])
            weak, open_run = [], True
    return runs, lead


def row_label(el: Tag) -> bool:
    """A header cell that labels its row's data cells ("<th>Befattning</th><td>Projektledare</td>"): it
    names the field the row's cells hold, so it is not a person's role or unit. A row header that is a name
    ("<th scope=row>Anna Ek</th><td>Projektledare</td>", a staff table) is the row's person and stays."""
    row = el.parent
    return (
        el.name == "th"
        and row is not None
        and row.name == "tr"
        and row.find("td", recursive=False) is not None
        and not looks_like_name(clean(el.get_text()))
    )


def table_headers(units: Units, consumed: set[int]) -> set[int]:
    """Header cells of tables whose rows were contacts: they are part of the contact list."""
    if not consumed or not any(el.name == "th" for el, _, _ in units.items):
        return set()  # no header cell on the page: no table's parents need looking up
    tables = {id(t) for i in consumed for t in units.items[i][0].find_parents("table")}
    return {
        i
        for i, (el, _, _) in enumerate(units.items)
        if el.name == "th" and any(id(t) in tables for t in el.find_parents("table"))
    }
