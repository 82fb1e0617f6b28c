"""The real-address web: each municipality's site rebuilt around the real addresses of its international pages.

``benchmarks/data/real_intl_addresses.csv`` holds 203 real addresses on 122
municipalities' sites (role ``primary``: the municipality's main page on
international work; ``secondary``: related pages; parts ``tuned`` and
``heldout``), ``located_addresses.csv`` one address on each of 40 more (part
``located``, the registry's own finds). Here every municipality
gets a site whose pages sit at those real paths and hosts, with titles read
from the slugs and texts written for this web (no live page's prose), plus the
rest of a municipal site in the same CMS style: navigation pages for every
ancestor of a real path, service pages, news items that mention EU or
"internationell", pages on "internationella" subjects that are not the
municipality's international work, an English section, a PDF, sitemaps
(plain, nested indexes, gzipped, missing), sometimes a site search, and on
every page a breadcrumb drawn from the site's page tree (a page's first
linker is its parent, as in a CMS).

Pure and deterministic in the address rows. Choices the data does not make:

* ``www.x.se`` and ``x.se`` are one host (the home page's); http and https are one scheme.
* Other hosts (``start.stockholm``, ``press.skara.se``…) are the municipality's alias hosts.
* An ancestor of a real address that is not itself in the data is a navigation page (a line and its
  links): had it carried content about international work, the harvest would have listed it.
* A page's kind follows its path: a news path is a news item, an ``/en/`` path an English page,
  whatever its role; the category of the site (``page``, ``news``, ``english``) says what the primary is.
"""

from __future__ import annotations

import csv
import random
import re
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from crawler.extract.urls import clean_url
from crawler.simweb.sitewide import MENU_SECTIONS, NEWS_ITEMS, slug
from crawler.simweb_discovery.words import WORDS, segment_words, title_from_segment

FIXTURE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_intl_addresses.csv"
#: The second held-out part: the registry's own finds for municipalities the first file does not cover.
LOCATED_FIXTURE = FIXTURE.with_name("located_addresses.csv")
PARTS = ("tuned", "heldout", "located")
SITEMAP_LAYOUTS = ("plain", "index", "nested_gz", "gz", "unlisted", "missing", "plain", "index")

_NEWS_PATH = re.compile(
    r"/(nyheter|nyhet|nyhetsarkiv|aktuellt|arkiv|press|pressmeddelanden|posts|pressreleases|artiklar|news)(/|$)"
    r"|/20\d\d[-/]\d\d|-20\d\d-\d\d",
    re.IGNORECASE,
)
_ENGLISH_PATH = re.compile(r"(^|/)(en|english|inenglish|in-english[^/]*|other-languages|deutsch)(/|$)", re.IGNORECASE)
_ENGLISH_HOST = re.compile(r"^(eng|en|english|international)\.")

Key = tuple[str, str]  # (host, path with query) as clean_url spells them


@dataclass(frozen=True)
class Address:
    split: str
    code: str
    id: str
    name: str
    home: str
    role: str
    url: str


@dataclass(frozen=True)
class RealPage:
    host: str
    path: str
    title: str
    kind: str  # primary | secondary | nav | filler | home | news | decoy:<kind> | pdf
    paragraphs: tuple[str, ...] = ()
    links: tuple[tuple[str, Key], ...] = ()
    lang: str = "sv"  # the language of the text
    html_lang: str = "sv"  # what <html lang> says (an English text in a Swedish template says "sv")


@dataclass
class RealSite:
    index: int
    id: str
    name: str
    code: str
    split: str
    home_host: str
    hosts: list[str] = field(default_factory=list)  # home host first, then aliases
    pages: dict[Key, RealPage] = field(default_factory=dict)
    primary: Key = ("", "")
    secondaries: list[Key] = field(default_factory=list)
    category: str = "page"  # what the primary is: page | news | english
    style: str = "episerver"  # sitevision | episerver | plain | numeric
    sitemap: str = "plain"
    search: str | None = None  # "sitevision" (/sok?query=) or "generic" (/search?q=), None: no site search
    search_disallowed: bool = False
    decoys: dict[str, Key] = field(default_factory=dict)
    parents: dict[Key, Key] = field(default_factory=dict)  # the page tree: a page's first linker is its parent

    @property
    def aliases(self) -> list[str]:
        return self.hosts[1:]

    def add(self, page: RealPage) -> RealPage:
        key = (page.host, page.path)
        self.pages.setdefault(key, page)
        return self.pages[key]

    def link(self, parent: Key, text: str, child: Key) -> None:
        page = self.pages[parent]
        if child != parent and (text, child) not in page.links and all(k != child for _, k in page.links):
            self.pages[parent] = replace(page, links=(*page.links, (text, child)))
            if child not in self.parents and parent not in self.trail(child):
                self.parents[child] = parent

    def trail(self, key: Key) -> list[Key]:
        """The breadcrumb above a page, home first: its parents in the page tree, as a CMS prints them."""
        found: list[Key] = []
        while key in self.parents and len(found) < 12:
            key = self.parents[key]
            if key in found:
                break
            found.insert(0, key)
        return found

    def unlink(self, child: Key) -> None:
        """No page links ``child`` any more (it stays served, and listed in sitemaps and search answers)."""
        for key, page in self.pages.items():
            if any(k == child for _, k in page.links):
                self.pages[key] = replace(page, links=tuple((t, k) for t, k in page.links if k != child))


def load_addresses(path: Path | None = None) -> list[Address]:
    """The rows of ``path``, or of both data files (every part) when None."""
    rows: list[Address] = []
    for file in [path] if path else [FIXTURE, LOCATED_FIXTURE]:
        with file.open(encoding="utf-8", newline="") as fh:
            rows += [Address(**row) for row in csv.DictReader(fh)]
    return rows


def split_key(url: str) -> Key:
    """(host, path?query) of a URL as clean_url spells it (host lower-case, query sorted, no fragment)."""
    parts = urlsplit(clean_url(url))
    return parts.netloc, parts.path + (f"?{parts.query}" if parts.query else "")


def twin(host: str, other: str) -> bool:
    """``www.x.se`` and ``x.se``: one host in this web (real sites redirect one to the other)."""
    return host.removeprefix("www.") == other.removeprefix("www.")


def kind_of_path(host: str, path: str) -> str:
    if _ENGLISH_PATH.search(path) or _ENGLISH_HOST.match(host):
        return "english"
    if _NEWS_PATH.search(path):
        return "news"
    return "page"


def style_of(path: str) -> str:
    if re.search(r"\.4\.[0-9a-f]+\.html$", path):
        return "sitevision"
    if re.search(r"^/\d+(\.html)?$", path) or "?" in path:
        return "numeric"
    if path.endswith(".html"):
        return "sitevision"
    return "episerver" if path.endswith("/") else "plain"


def styled(style: str, slugs: list[str], rng: random.Random) -> str:
    """A path for a page named by ``slugs`` in the site's CMS style."""
    if style == "numeric":
        return f"/{rng.randrange(1000, 60000)}.html"
    joined = "/".join(slugs)
    if style == "sitevision":
        return f"/{joined}.html" if rng.random() < 0.7 else f"/{joined}.4.{rng.getrandbits(56):x}.html"
    return f"/{joined}/" if style == "episerver" else f"/{joined}"


def build_real_sites(addresses: list[Address] | None = None, split: str | None = None) -> list[RealSite]:
    rows = addresses if addresses is not None else load_addresses()
    by_code: dict[str, list[Address]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    sites = [build_site(i, group) for i, group in enumerate(by_code.values())]
    return [s for s in sites if split is None or s.split == split]


def build_site(index: int, rows: list[Address]) -> RealSite:
    first = rows[0]
    rng = random.Random(f"real:{first.code}")
    home_host = urlsplit(clean_url(first.home)).netloc
    site = RealSite(index, first.id, f"{first.name} kommun", first.code, first.split, home_host, [home_host])
    primary = next(r for r in rows if r.role == "primary")
    site.style = style_of(split_key(primary.url)[1])
    site.sitemap = SITEMAP_LAYOUTS[zlib.crc32(first.code.encode()) % len(SITEMAP_LAYOUTS)]
    site.search = rng.choice(("sitevision", "generic", None)) if site.style != "sitevision" else "sitevision"
    site.search_disallowed = rng.random() < 0.2
    site.add(RealPage(home_host, "/", f"Startsida - {site.name}", "home", (f"Välkommen till {site.name}.",)))
    _filler(site, rng)
    writer = _Writer(site, rng)
    for row in sorted(rows, key=lambda r: r.role != "primary"):
        host, path = split_key(row.url)
        if twin(host, home_host):
            host = home_host
        elif host not in site.hosts:
            site.hosts.append(host)
            site.add(RealPage(host, "/", f"{first.name} - {host}", "nav", (f"{site.name} på {host}.",)))
            site.link((home_host, "/"), title_from_segment(host.split(".")[0]) or host, (host, "/"))
        kind = kind_of_path(host, path)
        key = (host, path)
        if row.role == "primary":
            site.primary, site.category = key, kind
        elif key != site.primary and key not in site.secondaries:
            site.secondaries.append(key)
        writer.page(key, row.role, kind)
    for key in [site.primary, *site.secondaries]:
        _attach(site, key)
    _decoys(site, rng)
    _cross_links(site)
    return site


def _filler(site: RealSite, rng: random.Random) -> None:
    """Service sections and their pages, and a news archive, in the site's style."""
    home = (site.home_host, "/")
    for section, subs in MENU_SECTIONS.items():
        base = (site.home_host, styled(site.style, [slug(section)], rng))
        site.add(RealPage(*base, section, "nav", (f"Här hittar du information om {section.lower()}.",)))
        site.link(home, section, base)
        for sub in subs:
            if "internation" in sub.lower():
                continue
            key = (site.home_host, styled(site.style, [slug(section), slug(sub)], rng))
            text = f"Information om {sub.lower()} i {site.name}. Kontakta oss om du har frågor."
            site.add(RealPage(*key, sub, "filler", (text,)))
            site.link(base, sub, key)
    news = (site.home_host, styled(site.style, ["nyheter"], rng))
    site.add(RealPage(*news, "Nyheter", "nav"))
    site.link(home, "Nyheter", news)
    for i in range(40):
        title = NEWS_ITEMS[i % len(NEWS_ITEMS)]
        key = (site.home_host, _news_path(site, rng, title, i))
        site.add(RealPage(*key, title, "news", (f"{title}. Läs mer om vad som händer i kommunen.",)))
        site.link(news, title, key)
        if i < 5:
            site.link(home, title, key)


def _news_path(site: RealSite, rng: random.Random, title: str, i: int) -> str:
    year, month = 2019 + i % 6, 1 + i % 12
    if site.style == "numeric":
        return f"/nyheter/{rng.randrange(10000, 99999)}.html"
    if site.style == "sitevision":
        return f"/nyheter/{year}-{month:02d}-{i + 1:02d}-{slug(title)}.html"
    return f"/nyheter/{year}/{slug(title)}/"


def _ancestors(path: str) -> list[tuple[str, str]]:
    """(path, last segment) of the navigation pages above a real path, in the path's own style."""
    if "?" in path:
        return []
    segments = [s for s in path.split("/") if s]
    suffix = ".html" if path.endswith(".html") else ("/" if path.endswith("/") else "")
    found = []
    for depth in range(1, len(segments)):
        head = segments[:depth]
        if not title_from_segment(head[-1]) or not segment_words(head[-1]):
            break
        trail = "/" if suffix == "/" else suffix
        found.append(("/" + "/".join(head) + trail, head[-1]))
    return found


def _attach(site: RealSite, key: Key) -> None:
    """Link a real address into its site: from its ancestors (navigation pages), or from a section page."""
    host, path = key
    page = site.pages[key]
    parent = (host, "/")
    for anc_path, segment in _ancestors(path):
        anc = (host, anc_path)
        title = title_from_segment(segment)
        site.add(RealPage(host, anc_path, title, "nav", (f"Här hittar du information om {title.lower()}.",)))
        site.link(parent, title, anc)
        parent = anc
    if parent == (host, "/") and host == site.home_host and page.kind != "news":
        section = next(k for k, p in site.pages.items() if p.title == "Kommun och politik")
        parent = section
    if page.kind == "news" and parent == (host, "/"):
        parent = next(k for k, p in site.pages.items() if p.title == "Nyheter" and p.kind == "nav")
    site.link(parent, page.title, key)


def _cross_links(site: RealSite) -> None:
    """The primary links its secondaries and a PDF; secondaries link back."""
    for key in site.secondaries:
        if site.pages[key].kind in ("secondary", "english"):
            site.link(site.primary, site.pages[key].title, key)
            site.link(key, site.pages[site.primary].title, site.primary)
    pdf = (site.home_host, f"/download/18.{site.index:x}{site.code}/internationell-strategi.pdf")
    site.add(RealPage(*pdf, "Internationell strategi", "pdf"))
    site.link(site.primary, "Internationell strategi (pdf, 380 kB)", pdf)
    site.decoys["pdf"] = pdf


class _Writer:
    """Titles and texts of the real addresses (written for this web, varied per municipality)."""

    def __init__(self, site: RealSite, rng: random.Random):
        self.site, self.rng = site, rng
        self.short = site.name.removesuffix(" kommun")
        self.countries = rng.sample(("Finland", "Norge", "Danmark", "Island", "Estland", "Lettland", "Polen"), 3)

    def title(self, path: str, fallback: str) -> str:
        segments = [s for s in re.split(r"[/?&=]", path) if s]
        for segment in reversed(segments):
            found = title_from_segment(segment)
            if found and any(w in WORDS and len(w) > 3 for w in segment_words(segment)):
                return found
        return fallback

    def page(self, key: Key, role: str, kind: str) -> None:
        host, path = key
        fallback = self.rng.choice(
            ("Internationellt arbete", "Vänorter och internationellt samarbete", "EU och internationellt")
        )
        title = self.title(path, fallback if role == "primary" else "Internationella kontakter")
        if kind == "english":
            page = RealPage(host, path, self._english_title(title), "english", self._english(), lang="en")
            page = replace(page, html_lang="en" if self.rng.random() < 0.6 else "sv")
        elif kind == "news":
            page = RealPage(host, path, self._news_title(title), "news", self._news())
        elif role == "primary":
            page = RealPage(host, path, title, "primary", self._main(title))
        else:
            page = RealPage(host, path, title, "secondary", self._related(title))
        self.site.pages[key] = page  # a real address wins over a service page that happened to sit there

    def _main(self, title: str) -> tuple[str, ...]:
        s, (c1, c2, c3) = self.short, self.countries
        pool = [
            f"{s} arbetar internationellt för att utveckla kommunen. Genom samarbeten med kommuner och regioner i "
            "andra länder delar vi kunskap och hittar nya lösningar på gemensamma utmaningar.",
            "Arbetet utgår från kommunens internationella strategi som kommunfullmäktige har antagit. Strategin "
            "pekar ut prioriterade områden: klimat och miljö, integration, ungas möjligheter och kompetensförsörjning.",
            f"Kommunen har vänorter i {c1}, {c2} och {c3}. Vänortssamarbetet bygger på utbyten mellan skolor, "
            "föreningar, kulturliv och förvaltningar, och på besök åt båda hållen.",
            "Vi söker EU-medel för projekt som utvecklar kommunens verksamheter, bland annat inom Interreg, "
            "Erasmus+ och Europeiska socialfonden. Projekten drivs tillsammans med partner i flera länder.",
            f"{s} är medlem i regionala och europeiska nätverk där vi bevakar frågor som är viktiga för kommunen "
            "och påverkar beslut som fattas inom EU.",
            "Har du frågor om kommunens internationella arbete är du välkommen att kontakta kommunens "
            "internationella samordnare på kommunledningsförvaltningen.",
        ]
        if "vänort" in title.lower():  # a page named for the twin towns is mostly about them
            twins = (
                f"Vänortssamarbetet ger utbyten för elever, föreningar och anställda. Vart tredje år hålls ett "
                f"vänortsmöte, senast i {c2}.",
            )
            return (
                pool[2],
                *twins,
                self.rng.choice(pool[3:]),
                f"Senast uppdaterad: 2023-0{self.rng.randrange(1, 10)}-12",
            )
        keep = [pool[0], *self.rng.sample(pool[1:], 3)]
        return (*keep, f"Senast uppdaterad: 2024-{self.rng.randrange(1, 13):02d}-{self.rng.randrange(1, 29):02d}")

    def _related(self, title: str) -> tuple[str, ...]:
        low, c1, c2 = title.lower(), *self.countries[:2]
        if "vänort" in low or "twin" in low or "sister" in low or "partner" in low:
            return (
                f"{self.short} har vänorter i {c1} och {c2}. Samarbetet startade efter andra världskriget och "
                "omfattar i dag utbyten för elever, föreningar och anställda.",
                "Vartannat år hålls ett vänortsmöte där representanter från orterna träffas.",
            )
        if "eu" in low.split() or "projekt" in low or low.startswith("eu"):
            return (
                "Kommunen deltar i flera projekt som finansieras av EU. Här finns en förteckning över pågående och "
                "avslutade projekt med kontaktpersoner.",
                "Vill du veta mer om möjligheterna att söka EU-medel kan du kontakta kommunens EU-samordnare.",
            )
        if "strategi" in low or "policy" in low:
            return (
                "Policyn beskriver varför och hur kommunen arbetar internationellt. Den gäller för alla nämnder "
                "och bolag och följs upp varje år.",
                "Dokumentet antogs av kommunfullmäktige och finns att ladda ner som pdf.",
            )
        return (
            f"{title} i {self.short}: kommunen samarbetar med organisationer och nätverk i Sverige och i Europa.",
            "Samarbetet ger möjligheter till kunskapsutbyte och gemensamma projekt.",
        )

    def _english_title(self, title: str) -> str:
        return self.rng.choice(("International cooperation", "International work", "Twin towns", title))

    def _english(self) -> tuple[str, ...]:
        return (
            f"The municipality of {self.short} works with partners in other countries. We have twin towns in "
            f"{self.countries[0]} and {self.countries[1]} and take part in projects funded by the European Union.",
            "Our international work is guided by a strategy adopted by the municipal council. If you have any "
            "questions about our cooperation, please contact the international coordinator of the municipality.",
        )

    def _news_title(self, title: str) -> str:
        return title if len(title.split()) > 3 else f"Besök från vänorten i {self.countries[0]}"

    def _news(self) -> tuple[str, ...]:
        day = f"{self.rng.randrange(1, 29)} {self.rng.choice(('mars', 'maj', 'juni', 'oktober'))}"
        return (
            f"Publicerad {day} {self.rng.randrange(2014, 2024)}.",
            f"En delegation från vänorten i {self.countries[0]} besökte {self.short} under veckan. Besöket handlade "
            "om det fortsatta samarbetet inom skola, kultur och näringsliv.",
            "Kommunstyrelsens ordförande tog emot gästerna i stadshuset.",
        )


_DECOYS: tuple[tuple[str, list[str], str, tuple[str, ...]], ...] = (
    (
        "adoption",
        ["omsorg-och-stod", "familj-och-foraldraskap", "internationell-adoption"],
        "Internationell adoption",
        (
            "Vill du adoptera ett barn från ett annat land behöver du ett medgivande från socialnämnden.",
            "Internationell adoption förmedlas av auktoriserade adoptionsorganisationer.",
        ),
    ),
    (
        "school",
        ["barn-och-utbildning", "grundskola", "internationella-engelska-skolan"],
        "Internationella Engelska Skolan",
        (
            "Internationella Engelska Skolan är en fristående grundskola i kommunen med undervisning på "
            "svenska och engelska. Skolan har elever från många länder och ett internationellt arbetssätt.",
        ),
    ),
    (
        "ib",
        ["barn-och-utbildning", "gymnasieskola", "internationella-programmet-ib"],
        "International Baccalaureate – IB-programmet",
        (
            "IB är ett internationellt gymnasieprogram med undervisning på engelska. Examen ger behörighet till "
            "universitet i Sverige och i andra länder. Eleverna gör utbyten med partnerskolor i Europa.",
        ),
    ),
    (
        "sfi",
        ["barn-och-utbildning", "vuxenutbildning", "svenska-for-invandrare"],
        "Svenska för invandrare (sfi)",
        (
            "Sfi är en utbildning i svenska för dig som har ett annat modersmål. Våra elever kommer från ett "
            "sextiotal länder och har internationella erfarenheter med sig.",
        ),
    ),
    (
        "event",
        ["kultur-och-fritid", "evenemang", "internationella-kvinnodagen"],
        "Internationella kvinnodagen",
        (
            "Välkommen till biblioteket den 8 mars. Ett internationellt program med föreläsningar och musik.",
            "Arrangeras i samarbete med föreningar och studieförbund.",
        ),
    ),
    (
        "euval",
        ["kommun-och-politik", "val", "val-till-europaparlamentet"],
        "Val till Europaparlamentet",
        (
            "Den 9 juni är det val till Europaparlamentet. Här får du veta hur du röstar i EU-valet, var "
            "vallokalerna finns och när förtidsröstningen öppnar.",
        ),
    ),
    (
        "association",
        ["kultur-och-fritid", "foreningsliv", "vanortsforeningen"],
        "Vänortsföreningen",
        (
            "Vänortsföreningen är en ideell förening som ordnar resor och träffar med våra vänorter. Bli medlem "
            "och följ med på nästa resa! Föreningen får bidrag från kommunen som andra föreningar.",
        ),
    ),
    (
        "export",
        ["naringsliv-och-arbete", "stod-till-foretag", "internationalisering-for-foretag"],
        "Internationalisering för företag",
        (
            "Vill ditt företag börja exportera? Näringslivsenheten hjälper dig att hitta rådgivning om export och "
            "finansiering, bland annat genom Business Sweden och Enterprise Europe Network.",
        ),
    ),
)
_NEWS_DECOYS = (
    ("EU-stöd till ny cykelväg längs ån", "Kommunen har fått pengar från EU:s regionalfond för att bygga en cykelväg."),
    ("Internationell matfestival på torget", "Ett internationellt utbud av mat från hela världen på lördag."),
    ("Unga från kommunen på utbyte i Europa", "Tolv gymnasieelever gjorde praktik i Europa genom Erasmus+."),
    (
        "Kommunfullmäktige antog ny internationell strategi",
        "Strategin ersätter den gamla policyn för internationellt arbete och pekar ut EU-projekt och vänorter "
        "som prioriterade områden. Läs mer på sidan om kommunens internationella arbete.",
    ),
    ("Vänortsmöte med ungdomar från Norden", "Ungdomar från kommunens vänorter träffades i veckan."),
)


_SUB_TITLES = {
    "familj-och-foraldraskap": "Familj och föräldraskap",
    "evenemang": "Evenemang",
    "val": "Val",
    "foreningsliv": "Föreningsliv",
    "stod-till-foretag": "Stöd till företag",
}


def _decoy_parent(site: RealSite, section: Key, slugs: list[str]) -> Key:
    """The page a decoy sits below (``/barn-och-utbildning/gymnasieskola/`` for a school's page): the
    section's own sub-page of that name, else one made for it (its own random source: the site's
    other pages keep their addresses)."""
    if section[1] == "/" or len(slugs) < 3:
        return section
    for _, key in site.pages[section].links:
        if slug(site.pages[key].title) == slugs[-2]:
            return key
    own = random.Random(f"real:{site.code}:{slugs[-2]}")
    sub = (site.home_host, styled(site.style, slugs[:-1], own))
    title = _SUB_TITLES.get(slugs[-2], title_from_segment(slugs[-2]))
    site.add(RealPage(*sub, title, "nav", (f"Här hittar du information om {title.lower()}.",)))
    site.link(section, title, sub)
    return sub


def _decoys(site: RealSite, rng: random.Random) -> None:
    home = (site.home_host, "/")
    for kind, slugs, title, text in _DECOYS:
        if rng.random() < 0.3:
            continue
        key = (site.home_host, styled(site.style, slugs, rng))
        site.add(RealPage(*key, title, f"decoy:{kind}", text))
        section = next((k for k, p in site.pages.items() if p.kind == "nav" and slug(p.title) == slugs[0]), home)
        site.link(_decoy_parent(site, section, slugs), title, key)  # its place in the tree (the breadcrumb)
        site.link(section, title, key)  # and a shortcut on the section page
        site.decoys[kind] = key
    news = next(k for k, p in site.pages.items() if p.title == "Nyheter" and p.kind == "nav")
    for i, (title, line) in enumerate(_NEWS_DECOYS):
        key = (site.home_host, _news_path(site, rng, title, 100 + i))
        site.add(RealPage(*key, title, "decoy:news", (f"Publicerad {3 + i} maj 2024.", line)))
        site.link(news, title, key)
        site.link(home, title, key)
        site.decoys[f"news{i}"] = key
    if not any(site.pages[k].kind == "english" for k in site.secondaries):
        sv = site.style == "sitevision"
        en = (site.home_host, "/english.html" if sv else "/en/")
        page = (site.home_host, "/english/international-cooperation.html" if sv else "/en/international-cooperation/")
        site.add(RealPage(*en, "In English", "nav", (f"Welcome to {site.name}.",), lang="en", html_lang="en"))
        writer = _Writer(site, rng)
        site.add(RealPage(*page, "International cooperation", "decoy:english", writer._english(), (), "en", "sv"))
        site.link(en, "International cooperation", page)
        site.link(home, "In English", en)
        site.decoys["english"] = page
