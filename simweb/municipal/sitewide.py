"""Site-wide material every municipal page carries: menus, news, config JSON.

Real municipal pages are 100–150 KB, mostly navigation and inline
configuration, so padding grows exactly those (a deeper mega-menu, a bigger
inline JSON blob) instead of adding junk. Everything is deterministic in
(site, night) so a page only changes when asked to.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import lru_cache

from simweb.municipal.noise import night_token

MENU_SECTIONS: dict[str, tuple[str, ...]] = {
    "Barn och utbildning": (
        "Förskola",
        "Grundskola",
        "Gymnasieskola",
        "Vuxenutbildning",
        "Fritidshem",
        "Skolskjuts",
        "Elevhälsa",
        "Modersmål",
    ),
    "Omsorg och stöd": (
        "Äldreomsorg",
        "Hemtjänst",
        "Funktionsnedsättning",
        "Ekonomiskt bistånd",
        "Missbruk och beroende",
        "Våld i nära relationer",
        "Färdtjänst",
    ),
    "Bygga, bo och miljö": (
        "Bygglov",
        "Detaljplaner",
        "Avfall och återvinning",
        "Vatten och avlopp",
        "Miljö och hälsoskydd",
        "Energi och klimat",
        "Lantmäteri och kartor",
    ),
    "Kultur och fritid": (
        "Bibliotek",
        "Idrott och motion",
        "Föreningsliv",
        "Kulturskola",
        "Museer",
        "Friluftsliv",
        "Evenemang",
    ),
    "Näringsliv och arbete": (
        "Starta företag",
        "Tillstånd",
        "Upphandling",
        "Lediga jobb",
        "Feriejobb",
        "Etablering",
    ),
    "Kommun och politik": (
        "Kommunfullmäktige",
        "Kommunstyrelsen",
        "Nämnder",
        "Styrdokument",
        "Internationellt arbete",
        "Statistik",
        "Allmänna handlingar",
        "Val",
    ),
    "Trafik och infrastruktur": (
        "Gator och vägar",
        "Parkering",
        "Kollektivtrafik",
        "Cykel",
        "Snöröjning",
    ),
}

MENU_LEAVES = (
    "Ansökan",
    "Avgifter",
    "Regler och riktlinjer",
    "Blanketter",
    "Frågor och svar",
    "Kontakt",
    "Öppettider",
    "Nyheter",
    "Lagar",
    "Synpunkter",
)

NEWS_ITEMS = (
    "Nu öppnar ansökan till sommarjobb för ungdomar",
    "Vattenavstängning i centrum på tisdag",
    "Kommunfullmäktige sammanträder i stadshuset",
    "Ny lekplats invigd i Norra parken",
    "Biblioteket har nya öppettider i sommar",
    "Tyck till om den nya översiktsplanen",
    "Snöröjningen är i full gång",
    "Välkommen på öppet hus på kulturskolan",
    "Vägarbete på Storgatan under tre veckor",
    "Resultat från medborgarundersökningen",
    "Nu kan du söka föreningsbidrag",
    "Trafikomläggning vid resecentrum",
    "Ny förskola planeras i västra delen av kommunen",
    "Kommunen får pris för sitt klimatarbete",
)


@dataclass(frozen=True)
class MenuItem:
    title: str
    href: str
    children: tuple[MenuItem, ...] = ()


def slug(text: str) -> str:
    """A URL path segment: "Kommun och politik" -> "kommun-och-politik"."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", ",": "", "–": ""})
    return "-".join(text.lower().translate(table).split())


def build_menu(extra_leaves: int = 0) -> tuple[MenuItem, ...]:
    """The mega-menu; ``extra_leaves`` adds third-level links (spread over sections) for padding."""
    sections: list[MenuItem] = []
    subs_total = sum(len(v) for v in MENU_SECTIONS.values())
    per_sub = extra_leaves // subs_total
    rest = extra_leaves % subs_total
    n = 0
    for section, subs in MENU_SECTIONS.items():
        base = f"/{slug(section)}/"
        children = []
        for sub in subs:
            count = per_sub + (1 if n < rest else 0)
            n += 1
            sub_href = f"{base}{slug(sub)}/"
            leaves = tuple(
                MenuItem(
                    f"{MENU_LEAVES[i % len(MENU_LEAVES)]}"
                    + (f" {i // len(MENU_LEAVES) + 1}" if i >= len(MENU_LEAVES) else ""),
                    f"{sub_href}{slug(MENU_LEAVES[i % len(MENU_LEAVES)])}-{i}/",
                )
                for i in range(count)
            )
            children.append(MenuItem(sub, sub_href, leaves))
        sections.append(MenuItem(section, base, tuple(children)))
    return tuple(sections)


def news_for_night(site_id: str, night: int, rotate: bool, count: int = 4) -> list[tuple[str, str, str]]:
    """(date text, title, href) of the news list; rotates by night when ``rotate``."""
    rng = random.Random(f"{site_id}:{night if rotate else 0}")
    picks = rng.sample(range(len(NEWS_ITEMS)), count)
    day0 = 1 + (night if rotate else 0) % 20
    return [
        (f"{day0 + i}/{3 + i % 9}", NEWS_ITEMS[p], f"/aktuellt/nyheter/{slug(NEWS_ITEMS[p])}/")
        for i, p in enumerate(picks)
    ]


@lru_cache(maxsize=1)
def _index_entries(count: int = 4000) -> tuple[str, ...]:
    """Serialized search-index entries, made once: the bulk of a padded page's inline JSON."""
    sections = list(MENU_SECTIONS)
    entries = []
    for i in range(count):
        section = sections[i % len(sections)]
        sub = MENU_SECTIONS[section][i % len(MENU_SECTIONS[section])]
        entry = {
            "id": f"4.{1000 + i}",
            "title": f"{sub} – {MENU_LEAVES[i % len(MENU_LEAVES)]}",
            "uri": f"/{slug(section)}/{slug(sub)}/{i}",
            "keywords": f"{sub.lower()} {section.lower()}",
        }
        entries.append(json.dumps(entry, ensure_ascii=False))
    return tuple(entries)


def config_json(site_id: str, night: int, size: int) -> str:
    """An inline config blob of about ``size`` bytes, like Sitevision's/React's state."""
    head = {
        "siteId": site_id,
        "portletVersion": night_token(site_id, 0, "portlet"),
        "locale": "sv",
        "features": {"search": True, "readspeaker": True, "cookieConsent": True},
    }
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "searchIndex": ['
    parts: list[str] = []
    total = len(text.encode("utf-8")) + 2
    for entry in _index_entries():
        if total >= size:
            break
        parts.append(entry)
        total += len(entry.encode("utf-8")) + 2
    return (text + ", ".join(parts) + "]}").replace("</", "<\\/")
