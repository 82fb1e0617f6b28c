"""The 290-site web for discovery, as data: every site's pages, sitemaps, robots.txt and the truth.

Pure and deterministic in (site index, registry row): a :class:`SitePlan`
says which paths exist, what each page is (the true international page, a
decoy, a sub-page, filler), how sitemaps are laid out and which redirects the
home page makes. The true page's content comes from the simulated web's seed
pages (``simweb.municipal.builders.adapt_content``), so its text is real text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from simweb.municipal.builders import adapt_content, registry_rows
from simweb.municipal.content import PageContent
from simweb.municipal.seeds import SEED_IDS, load_seed
from simweb.municipal.sitewide import MENU_SECTIONS, NEWS_ITEMS, slug

#: (title, slug) of the true page; the spec's names plus a few real-world ones.
TRUE_NAMES: tuple[tuple[str, str], ...] = (
    ("Internationellt arbete", "internationellt-arbete"),
    ("EU och internationellt", "eu-och-internationellt"),
    ("Internationella samarbeten", "internationella-samarbeten"),
    ("Vänorter", "vanorter"),
    ("Internationellt arbete", "internationellt"),
    ("Internationellt samarbete", "internationellt-samarbete"),
    ("EU och internationellt arbete", "eu-och-internationellt-arbete"),
)
DECOY_KINDS = ("news", "event", "english", "adoption", "school", "pdf")
SITEMAP_LAYOUTS = ("plain", "index", "index_gz", "gz", "unlisted", "missing")
REDIRECTS = ("none", "none", "start", "www", "none")
MIDS = ("samverkan", "styrning-och-utveckling", "sa-arbetar-vi", "kommunens-organisation")
POLITICS = ("kommun-och-politik", "kommun-och-inflytande", "om-kommunen", "kommun-och-politik")


@dataclass(frozen=True)
class PageSpec:
    """One page of a site: ``kind`` is true | decoy:<kind> | sub | filler | section | home | archive | pdf."""

    path: str
    title: str
    kind: str = "filler"
    paragraphs: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (text, path)
    lang: str = "sv"
    content: PageContent | None = None


@dataclass
class SitePlan:
    index: int
    id: str
    name: str
    short: str
    code: str
    county: str
    pages: dict[str, PageSpec] = field(default_factory=dict)
    true_path: str = ""
    decoys: dict[str, str] = field(default_factory=dict)  # kind -> path
    disallow: tuple[str, ...] = ("/sok/",)
    sitemap: str = "plain"
    redirect: str = "none"
    sitevision_urls: bool = False

    def add(self, page: PageSpec) -> PageSpec:
        self.pages.setdefault(page.path, page)
        return self.pages[page.path]

    def link_from(self, parent: str, text: str, path: str) -> None:
        page = self.pages[parent]
        if (text, path) not in page.links:
            self.pages[parent] = replace(page, links=(*page.links, (text, path)))


def build_plans(n: int = 290) -> list[SitePlan]:
    return [build_plan(i, row) for i, row in enumerate(registry_rows()[:n])]


def build_plan(index: int, row: dict[str, str]) -> SitePlan:
    rng = random.Random(f"discover:{row['id']}")
    short = row["name"]
    plan = SitePlan(index, row["id"], f"{short} kommun", short, row["code"], row["county"])
    plan.sitemap = SITEMAP_LAYOUTS[index % len(SITEMAP_LAYOUTS)]
    plan.redirect = REDIRECTS[(index // 2) % len(REDIRECTS)]
    plan.sitevision_urls = index % 7 == 3
    politics = POLITICS[index % len(POLITICS)]
    plan.add(PageSpec("/", f"Startsida - {plan.name}", "home", (f"Välkommen till {plan.name}.",)))
    _filler(plan, rng, politics)
    _true_page(plan, rng, politics)
    kinds = [k for k in DECOY_KINDS if rng.random() < 0.75] or ["news"]
    for kind in kinds:
        _DECOY_BUILDERS[kind](plan, rng)
    if index % 5 == 1:  # an archived copy of the page behind a robots.txt disallow
        plan.disallow = ("/sok/", "/arkiv/")
        old = plan.pages[plan.true_path]
        path = "/arkiv/internationellt-arbete-2019/"
        plan.add(PageSpec(path, old.title, "archive", old.paragraphs, (), "sv", old.content))
        plan.add(PageSpec("/arkiv/", "Arkiv", "section"))
        plan.link_from("/arkiv/", old.title, path)
        plan.link_from("/", "Arkiv", "/arkiv/")
        plan.link_from("/", f"{old.title} (arkiv)", path)
    return plan


def _filler(plan: SitePlan, rng: random.Random, politics: str) -> None:
    """Sections, their pages and sub-pages, and a news archive: hundreds of URLs."""
    for section, subs in MENU_SECTIONS.items():
        base = f"/{politics}/" if section == "Kommun och politik" else f"/{slug(section)}/"
        plan.add(PageSpec(base, section, "section", (f"Här hittar du information om {section.lower()}.",)))
        plan.link_from("/", section, base)
        for sub in subs:
            if sub == "Internationellt arbete":
                continue
            sub_path = f"{base}{slug(sub)}/"
            plan.add(PageSpec(sub_path, sub, "filler", (f"Information om {sub.lower()} i {plan.short}.",)))
            plan.link_from(base, sub, sub_path)
            for leaf in rng.sample(("Ansökan", "Avgifter", "Regler", "Blanketter", "Frågor och svar", "Kontakt"), 4):
                leaf_path = f"{sub_path}{slug(leaf)}/"
                plan.add(PageSpec(leaf_path, f"{sub}: {leaf}", "filler", (f"{leaf} för {sub.lower()}.",)))
                plan.link_from(sub_path, leaf, leaf_path)
    plan.add(PageSpec("/nyheter/", "Nyheter", "section"))
    for i in range(120):
        title = NEWS_ITEMS[i % len(NEWS_ITEMS)]
        path = f"/nyheter/{2020 + i % 5}/{slug(title)}-{i}/"
        plan.add(PageSpec(path, title, "filler", (f"{title}. Läs mer om vad som händer i {plan.short}.",)))
        if i < 6:
            plan.link_from("/", title, path)
        plan.link_from("/nyheter/", title, path)
    plan.link_from("/", "Nyheter", "/nyheter/")


def _true_page(plan: SitePlan, rng: random.Random, politics: str) -> None:
    title, segment = TRUE_NAMES[plan.index % len(TRUE_NAMES)]
    depth = (1, 2, 2, 3, 3, 4)[(plan.index // 3) % 6]
    if plan.sitemap == "missing":
        depth = min(depth, 3)
    if depth == 1:
        parent = "/"
    elif depth == 2:
        parent = f"/{politics}/"
    else:
        mid = MIDS[plan.index % len(MIDS)]
        parent = f"/{politics}/{mid}/"
        plan.add(PageSpec(parent, mid.replace("-", " ").capitalize().replace("Sa ", "Så "), "section"))
        plan.link_from(f"/{politics}/", plan.pages[parent].title, parent)
        if depth == 4:
            grand = f"{parent}samarbeten-och-natverk/"
            plan.add(PageSpec(grand, "Samarbeten och nätverk", "section"))
            plan.link_from(parent, "Samarbeten och nätverk", grand)
            parent = grand
    path = f"{parent}{segment}/"
    seed = load_seed(SEED_IDS[plan.index % len(SEED_IDS)])
    content = adapt_content(seed, plan.index, site_id=plan.id, name=plan.name, short=plan.short)
    paragraphs: tuple[str, ...] = ()
    if segment == "vanorter":
        paragraphs = (
            f"{plan.short} har vänorter i Finland, Norge och Polen. Vänortssamarbetet ger utbyten för skolor, "
            "föreningar och kommunens verksamheter.",
        )
    content = replace(content, title=title)
    plan.add(PageSpec(path, title, "true", paragraphs, (), "sv", content))
    plan.true_path = path
    plan.link_from(parent, title, path)
    if rng.random() < 0.3 or depth == 1:
        plan.link_from("/", title, path)
    if segment != "vanorter" and rng.random() < 0.4:  # sub-pages of the topic page
        for sub_title in ("EU-projekt", "Vänorter"):
            sub_path = f"{path}{slug(sub_title)}/"
            text = f"{sub_title} i {plan.short}: pågående samarbeten inom EU och med våra vänorter."
            plan.add(PageSpec(sub_path, sub_title, "sub", (text,)))
            plan.link_from(path, sub_title, sub_path)


def _news(plan: SitePlan, rng: random.Random) -> None:
    title = rng.choice(
        (
            f"{plan.short} stärker sitt internationella arbete",
            "Nytt EU-projekt och besök från vänorten",
            "Internationellt arbete ger nya samarbeten",
        )
    )
    path = f"/nyheter/{2023 + rng.randrange(2)}/{slug(title)}/"
    text = (
        f"Kommunstyrelsen i {plan.short} har antagit en ny internationell strategi. Den internationella "
        "samordnaren berättar om EU-projekt, vänorter och nätverk i Europa.",
        "Under våren besökte en delegation från vänorten kommunen för att diskutera fortsatt samarbete.",
    )
    plan.add(PageSpec(path, title, "decoy:news", text))
    plan.link_from("/", title, path)
    plan.link_from("/nyheter/", title, path)
    plan.decoys["news"] = path


def _event(plan: SitePlan, rng: random.Random) -> None:
    year = 2024 + rng.randrange(2)
    path = f"/evenemang/internationella-kvinnodagen-{year}/"
    title = f"Internationella kvinnodagen {year}"
    text = (
        "Välkommen till ett internationellt program på biblioteket den 8 mars med föreläsningar och musik.",
        "Arrangeras i samarbete med föreningar och kommunens internationella nätverk.",
    )
    plan.add(PageSpec("/evenemang/", "Evenemang", "section"))
    plan.add(PageSpec(path, title, "decoy:event", text))
    plan.link_from("/evenemang/", title, path)
    plan.link_from("/", title, path)
    plan.decoys["event"] = path


def _english(plan: SitePlan, rng: random.Random) -> None:
    path = "/en/international-cooperation/"
    text = (
        f"{plan.name} works with twin towns (vänorter) in the Nordic countries and takes part in EU projects.",
        "The international coordinator of the municipality is responsible for our cooperation with partners "
        "in Europe and the rest of the world, and for the international strategy of the municipality.",
    )
    plan.add(PageSpec("/en/", "In English", "section", (f"Welcome to {plan.name}.",), (), "en"))
    plan.add(PageSpec(path, "International cooperation", "decoy:english", text, (), "en"))
    plan.link_from("/en/", "International cooperation", path)
    plan.link_from("/", "In English", "/en/")
    plan.decoys["english"] = path


def _adoption(plan: SitePlan, rng: random.Random) -> None:
    path = "/omsorg-och-stod/familj-och-foraldraskap/internationell-adoption/"
    text = (
        "Vill du adoptera ett barn från ett annat land? Socialtjänsten gör en medgivandeutredning.",
        "Internationell adoption förmedlas av auktoriserade adoptionsorganisationer.",
    )
    plan.add(PageSpec("/omsorg-och-stod/familj-och-foraldraskap/", "Familj och föräldraskap", "section"))
    plan.add(PageSpec(path, "Internationell adoption", "decoy:adoption", text))
    plan.link_from("/omsorg-och-stod/familj-och-foraldraskap/", "Internationell adoption", path)
    plan.link_from("/omsorg-och-stod/", "Familj och föräldraskap", "/omsorg-och-stod/familj-och-foraldraskap/")
    plan.decoys["adoption"] = path


def _school(plan: SitePlan, rng: random.Random) -> None:
    school = f"{slug(plan.short)}gymnasiet"
    base = f"/barn-och-utbildning/gymnasieskola/{school}/"
    path = f"{base}internationellt-arbete/"
    title = rng.choice(("Internationellt arbete", f"Internationellt arbete på {plan.short}gymnasiet"))
    text = (
        "Skolan deltar i Erasmus+ och har partnerskolor i Europa. Elever kan göra utbyten och praktik utomlands.",
        "Vårt internationella arbete ger eleverna nätverk och erfarenheter; EU-projekt finansierar utbytena.",
    )
    plan.add(PageSpec(base, f"{plan.short}gymnasiet", "section", ("Välkommen till skolan.",)))
    plan.add(PageSpec(path, title, "decoy:school", text))
    plan.link_from(base, "Internationellt arbete", path)
    plan.link_from("/barn-och-utbildning/gymnasieskola/", f"{plan.short}gymnasiet", base)
    plan.decoys["school"] = path


def _pdf(plan: SitePlan, rng: random.Random) -> None:
    path = f"/download/18.{plan.index}/internationell-strategi.pdf"
    plan.add(PageSpec(path, "Internationell strategi", "decoy:pdf"))
    plan.link_from(plan.true_path, "Internationell strategi (pdf 420 KB)", path)
    plan.decoys["pdf"] = path


_DECOY_BUILDERS = {
    "news": _news,
    "event": _event,
    "english": _english,
    "adoption": _adoption,
    "school": _school,
    "pdf": _pdf,
}
