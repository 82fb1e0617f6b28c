"""Ready-made simulated webs: the five real pages, or all 290 municipalities.

Every municipality gets one of the five seed pages, adapted to its name, and
a presentation that rotates through CMS markups, contact layouts, e-mail
obfuscations and phone formats, so a crawl of many sites meets every variant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from crawler.registry import bundled_sites_path
from simweb.municipal.content import DocLink, PageContent, Person, Stamp, TextBlock
from simweb.municipal.markup import CMS_NAMES, CONTACT_STYLES, EMAIL_STYLES, PHONE_STYLES, SiteProfile, render_page
from simweb.municipal.noise import Noise
from simweb.municipal.seeds import SEED_IDS, Seed, load_seed
from simweb.municipal.server import SimulatedWeb

_FIRST = ("Anna", "Erik", "Maria", "Johan", "Sara", "Lars", "Fatima", "Mikael", "Elin", "Ahmed", "Karin", "Per")
_LAST = ("Lindberg", "Nilsson", "Holm", "Ekström", "Sandberg", "Öberg", "Larsson", "Åkesson", "Berg", "Wik")


def _profile(seed: Seed, index: int, *, site_id: str, name: str, short: str, page_kb: int) -> SiteProfile:
    return SiteProfile(
        id=site_id,
        name=name,
        short=short,
        domain=f"{site_id}.se" if site_id != seed.id else seed.domain,
        cms=CMS_NAMES[index % len(CMS_NAMES)],
        page_path=seed.path,
        contact_style=seed.contact_style if site_id == seed.id else CONTACT_STYLES[index % len(CONTACT_STYLES)],
        email_style=EMAIL_STYLES[(index // 2) % len(EMAIL_STYLES)] if site_id != seed.id else "plain",
        phone_style=PHONE_STYLES[(index // 4) % len(PHONE_STYLES)] if site_id != seed.id else "as_written",
        page_kb=page_kb,
        boilerplate=seed.boilerplate,
    )


def from_seeds(
    *, noise: Noise | None = None, latency: float = 0.0, page_kb: int = 0, port: int | None = None
) -> SimulatedWeb:
    """The five real municipalities as written, CMS markups rotating (sitevision, episerver, wordpress)."""
    web = SimulatedWeb(latency=latency, port=port)
    for i, seed_id in enumerate(SEED_IDS):
        seed = load_seed(seed_id)
        profile = _profile(seed, i, site_id=seed.id, name=seed.name, short=seed.short, page_kb=page_kb)
        web.add_site(profile, seed.content, code=seed.code, county=seed.county, noise=noise)
    return web


def sitevision_page(kb: int = 130, night: int = 0, noise: Noise | None = None) -> tuple[str, str]:
    """Trollhättan's real page in Sitevision-like markup padded to ``kb`` KB, and its URL.

    The reference page of the extraction benchmark and of the tests that measure it.
    """
    seed = load_seed("trollhattan")
    profile = SiteProfile(
        id=seed.id,
        name=seed.name,
        short=seed.short,
        domain=seed.domain,
        cms="sitevision",
        page_path=seed.path,
        contact_style="card",
        boilerplate=seed.boilerplate,
        page_kb=kb,
    )
    return render_page(seed.content, profile, noise or Noise(), night), f"https://www.{seed.domain}{seed.path}"


def _genitive(word: str) -> str:
    return word if word[-1:] in "sxz" else word + "s"


def adapt_content(seed: Seed, index: int, *, site_id: str, name: str, short: str) -> PageContent:
    """A seed page rewritten for another municipality, with stamp, contact and documents varied."""
    swaps = [
        (seed.name, name),
        (_genitive(seed.short), _genitive(short)),
        (seed.short, short),
        (f"@{seed.domain}", f"@{site_id}.se"),
    ]

    def sub(text: str | None) -> str | None:
        if text is None:
            return None
        for old, new in swaps:
            text = text.replace(old, new)
        return text

    c = seed.content
    content = replace(
        c,
        title=sub(c.title) or c.title,
        lead=sub(c.lead),
        blocks=tuple(TextBlock(b.kind, sub(b.text) or "") for b in c.blocks),
        contacts=tuple(replace(p, email=sub(p.email)) for p in c.contacts),
        documents=tuple(replace(d, title=sub(d.title) or d.title) for d in c.documents),
        image_caption=sub(c.image_caption),
        contact_intro=sub(c.contact_intro),
    )
    wordings = ("senast_granskad", "sidan_uppdaterades", "senast_uppdaterad", "uppdaterad", "granskad", "publicerad")
    if c.stamp or index % 3 == 0:
        wording = wordings[index % len(wordings)]
        date = dt.date(2023, 1, 2) + dt.timedelta(days=(index * 37) % 700)
        reviewer = short.upper().replace(" ", "")[:3] + "ADM" if wording == "senast_granskad" else None
        content = replace(content, stamp=Stamp(wording, date, reviewer))
    if not content.contacts and index % 2 == 0:
        first, last = _FIRST[index % len(_FIRST)], _LAST[index % len(_LAST)]
        local = f"{first}.{last}".lower().translate(str.maketrans("åäöé", "aaoe"))
        person = Person(
            f"{first} {last}",
            ("Internationell samordnare",),
            f"{local}@{site_id}.se",
            f"0{300 + index} 12 34 {index % 90 + 10}",
        )
        content = replace(content, contacts=(person,), contact_heading=content.contact_heading or "Kontakt")
    if not content.documents and index % 4 == 0:
        doc = DocLink(
            f"Internationell strategi för {name}",
            f"/download/18.{index}/internationell-strategi.pdf",
            f"pdf {200 + index * 3} KB",
        )
        content = replace(content, documents=(doc,))
    return content


def registry_rows() -> list[dict[str, str]]:
    """(id, code, name, county) of the 290 municipalities: the bundled registry, else our copy."""
    yaml = YAML(typ="safe")
    registry = bundled_sites_path()
    if registry.exists():
        return [
            {"id": e["id"], "code": str(e["code"]), "name": e["name"], "county": e.get("county", "")}
            for e in yaml.load(registry.read_text(encoding="utf-8"))
        ]
    text = resources.files("simweb.municipal.seeds").joinpath("municipalities.yaml").read_text(encoding="utf-8")
    return [{"id": i, "code": str(c), "name": n, "county": k} for i, c, n, k in yaml.load(text)]


def municipalities(
    n: int = 290,
    page_kb: int = 100,
    latency: float = 0.1,
    *,
    noise: Noise | None = None,
    port: int | None = None,
) -> SimulatedWeb:
    """The first ``n`` municipalities of the registry, each on its own loopback address.

    Beyond the 290 (benchmarks of 1,000 or 10,000 pages), the registry is taken again with a round number:
    ``ale-2`` "Ale 2", without a municipality code (codes are unique in a sites file).
    """
    web = SimulatedWeb(latency=latency, port=port)
    rows = registry_rows()
    for i in range(n):
        row = rows[i % len(rows)]
        if i >= len(rows):
            again = i // len(rows) + 1
            row = {"id": f"{row['id']}-{again}", "code": "", "name": f"{row['name']} {again}", "county": row["county"]}
        if row["id"] in SEED_IDS:
            seed = load_seed(row["id"])
            content, name, short = seed.content, seed.name, seed.short
        else:
            seed = load_seed(SEED_IDS[i % len(SEED_IDS)])
            short = row["name"]
            name = f"{short} kommun"
            content = adapt_content(seed, i, site_id=row["id"], name=name, short=short)
        profile = _profile(seed, i, site_id=row["id"], name=name, short=short, page_kb=page_kb)
        web.add_site(profile, content, code=row["code"], county=row["county"], noise=noise)
    return web


def dump_sites(path: Path, entries: Iterable[Mapping[str, Any]], header: str) -> Path:
    """Write sites-file entries (id, name, code, county, home, url…) as YAML under a ``# header`` comment."""
    rows = [{k: DoubleQuotedScalarString(v) if k == "code" else v for k, v in e.items()} for e in entries]
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"# {header}\n")
        yaml.dump(rows, fh)
    return path


def write_sites_file(web: SimulatedWeb, path: Path, *, only: Iterable[str] | None = None, located: bool = True) -> Path:
    """Write a sites file (the format of README.md's "Sites file") pointing at the simulated addresses."""
    wanted = set(only) if only is not None else None
    entries: list[dict[str, Any]] = []
    for site_id in web.site_ids:
        if wanted is not None and site_id not in wanted:
            continue
        site = web.site(site_id)
        entry: dict[str, Any] = {"id": site_id, "name": site.profile.name}
        if site.code:
            entry["code"] = site.code
        if site.county:
            entry["county"] = site.county
        entry["home"] = web.home_url(site_id)
        if located:
            entry["url"] = web.page_url(site_id)
        entries.append(entry)
    return dump_sites(path, entries, "Simulated municipal web (simweb.municipal); addresses valid while it runs.")
