"""The five real municipal pages as structured data (one YAML file each).

The texts come from the visible text of the real pages (/work/shared/seeds);
main content and site-wide boilerplate (contact-centre box, feedback widget,
skip links...) are kept apart so renderers can place the boilerplate the way
each CMS does. The data lives in the package so a fresh install works.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from simweb.municipal.content import DocLink, PageContent, Person, Stamp, TextBlock

SEED_IDS: tuple[str, ...] = ("trollhattan", "eskilstuna", "ljungby", "hylte", "amal")


@dataclass(frozen=True)
class Seed:
    """One real municipality: who it is, its page content and its site boilerplate."""

    id: str
    name: str
    short: str
    code: str
    county: str
    domain: str
    path: str
    cms: str
    contact_style: str
    content: PageContent
    boilerplate: dict[str, Any] = field(default_factory=dict, compare=False)


def _content(page: dict[str, Any]) -> PageContent:
    blocks = tuple(TextBlock(kind, text) for item in page.get("blocks", []) for kind, text in item.items())
    contacts = tuple(
        Person(
            name=c.get("name"),
            roles=tuple(c.get("roles", ())),
            email=c.get("email"),
            phone=str(c["phone"]) if c.get("phone") else None,
        )
        for c in page.get("contacts", [])
    )
    documents = tuple(DocLink(d["title"], d["href"], d.get("size_text")) for d in page.get("documents", []))
    raw_stamp = page.get("stamp")
    stamp = None
    if raw_stamp:
        date = raw_stamp["date"]
        if not isinstance(date, dt.date):
            date = dt.date.fromisoformat(str(date))
        stamp = Stamp(raw_stamp["wording"], date, raw_stamp.get("reviewer"))
    return PageContent(
        title=page["title"],
        lead=page.get("lead"),
        blocks=blocks,
        contacts=contacts,
        documents=documents,
        stamp=stamp,
        image_caption=page.get("image_caption"),
        contact_heading=page.get("contact_heading"),
        contact_intro=page.get("contact_intro"),
    )


@cache
def load_seed(seed_id: str) -> Seed:
    """Load one seed by id (one of :data:`SEED_IDS`)."""
    if seed_id not in SEED_IDS:
        raise KeyError(f"unknown seed {seed_id!r}; known: {', '.join(SEED_IDS)}")
    text = resources.files(__name__).joinpath(f"{seed_id}.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    page = data["page"]
    return Seed(
        id=data["id"],
        name=data["name"],
        short=data["short"],
        code=str(data["code"]),
        county=data["county"],
        domain=data["domain"],
        path=data["path"],
        cms=data["cms"],
        contact_style=page.get("contact_style", "card"),
        content=_content(page),
        boilerplate=data.get("site") or {},
    )


def load_seeds() -> list[Seed]:
    return [load_seed(s) for s in SEED_IDS]
