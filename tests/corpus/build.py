"""Turn the declarative corpus (cases.yaml, html/) into page pairs and expected changes.

A case names a seed page, a CMS markup and site options, the edits that make
version 1 and version 2 (v2's edits apply on top of v1's), the noise that
rotates between them (v1 is rendered on its ``night``, v2 on its own), and
the expected changes (kind, old, new). The HTML comes from the simulated
web's renderers, encoded as the night's encoding and decoded again by
:func:`crawler.extract.decode_html`, so encoding noise is exercised too.
Hand-written pages in ``html/`` cover markups the renderers do not produce. The independent and
held-out parts (``independent/``, ``heldout/`` .. ``heldout8/``) place case fields in CMS skeletons
(:mod:`corpus.cms`, :mod:`corpus.cms2`, :mod:`corpus.cms3`, :mod:`corpus.cms4`, :mod:`corpus.cms5`, :mod:`corpus.cms6`,
:mod:`corpus.cms7`, :mod:`corpus.cms8`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from crawler.extract import decode_html
from simweb.municipal import content as cm
from simweb.municipal.markup import SiteProfile, render_bytes
from simweb.municipal.noise import Noise
from simweb.municipal.seeds import load_seed

from . import cms, cms2, cms3, cms4, cms5, cms6, cms7, cms8

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "cases.yaml"
HTML_CASES_FILE = HERE / "html_cases.yaml"
#: Pages in the markup of real CMS templates (tests/corpus/cms.py), not written beside the extractor.
#: ``independent`` joins the test suite; ``heldout`` is scored only by benchmarks/quality.py.
INDEPENDENT_FILE = HERE / "independent" / "cases.yaml"
HELDOUT_FILE = HERE / "heldout" / "cases.yaml"
#: A second part in other CMS themes (tests/corpus/cms2.py): held out until 2026-12-03, a development part since.
HELDOUT2_FILE = HERE / "heldout2" / "cases.yaml"
#: A third held-out part in still other CMSs and themes (tests/corpus/cms3.py), scored only by the benchmark.
HELDOUT3_FILE = HERE / "heldout3" / "cases.yaml"
#: A fourth held-out part in still other CMSs and front ends (tests/corpus/cms4.py), scored only by the benchmark.
HELDOUT4_FILE = HERE / "heldout4" / "cases.yaml"
#: A fifth held-out part in page builders and CMSs the others lack (tests/corpus/cms5.py), scored only by the benchmark.
HELDOUT5_FILE = HERE / "heldout5" / "cases.yaml"
#: A sixth held-out part in themes, builders and CMSs the others lack (tests/corpus/cms6.py), scored only by
#: the benchmark.
HELDOUT6_FILE = HERE / "heldout6" / "cases.yaml"
#: A seventh held-out part in CMSs and site generators the others lack (tests/corpus/cms7.py: AEM, Sitefinity,
#: GeneratePress, Drupal Paragraphs, Hugo, HubSpot), scored only by the benchmark.
HELDOUT7_FILE = HERE / "heldout7" / "cases.yaml"
#: An eighth held-out part modelled on real Swedish municipal pages rather than CMS demo templates
#: (tests/corpus/cms8.py: three Sitevision municipal themes, Optimizely, WordPress and Drupal), scored only by the
#: benchmark.
HELDOUT8_FILE = HERE / "heldout8" / "cases.yaml"

#: How many nights before v1's the generated parts render v1 on, as the page's history.
HISTORY_NIGHTS = 3

NOISE_PRESETS: dict[str, Callable[[], Noise]] = {
    "quiet": Noise.quiet,
    "default": Noise,
    "everything": Noise.everything,
}


@dataclass(frozen=True)
class Pair:
    """Two versions of one page and what changed between them."""

    id: str
    url: str
    html_old: str
    html_new: str
    expected: list[dict[str, Any]]
    main: str | None = None
    ignore: tuple[str, ...] = ()
    #: the site's home page on each side's night and theme (None where the part has no skeleton to render it)
    home_old: str | None = None
    home_new: str | None = None
    #: the page as v1 has it on the HISTORY_NIGHTS nights before v1's, oldest first: the versions the crawl
    #: would have stored before (its window, crawler.volatile); empty where a part cannot render other nights
    history: tuple[str, ...] = ()

    @property
    def noise_only(self) -> bool:
        return not self.expected


def _person(data: dict[str, Any]) -> cm.Person:
    return cm.Person(
        name=data.get("name"),
        roles=tuple(data.get("roles", ())),
        email=data.get("email"),
        phone=str(data["phone"]) if data.get("phone") else None,
    )


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _update_contact(content: cm.PageContent, args: dict[str, Any]) -> cm.PageContent:
    which = args.pop("which")
    if "roles" in args:
        args["roles"] = tuple(args["roles"])
    if args.get("phone") is not None:
        args["phone"] = str(args["phone"])
    return cm.update_contact(content, which, **args)


def _bump_stamp(content: cm.PageContent, args: dict[str, Any]) -> cm.PageContent:
    date = _date(args["date"]) if "date" in args else None
    return cm.bump_stamp(
        content, days=args.get("days", 1), date=date, reviewer=args.get("reviewer"), wording=args.get("wording")
    )


#: The YAML's edit names, each with how its arguments reach the content model's helper.
_EDITS: dict[str, Callable[[cm.PageContent, dict[str, Any]], cm.PageContent]] = {
    "change_title": lambda c, a: cm.change_title(c, a["title"]),
    "change_lead": lambda c, a: cm.change_lead(c, a.get("lead")),
    "rewrite_paragraph": lambda c, a: cm.rewrite_paragraph(c, a["index"], a["text"]),
    "add_paragraph": lambda c, a: cm.add_paragraph(c, a["text"], at=a.get("at"), kind=a.get("kind", "p")),
    "remove_block": lambda c, a: cm.remove_block(c, a["index"]),
    "replace_contact": lambda c, a: cm.replace_contact(c, a["which"], _person(a["person"])),
    "update_contact": _update_contact,
    "add_contact": lambda c, a: cm.add_contact(c, _person(a)),
    "remove_contact": lambda c, a: cm.remove_contact(c, a["which"]),
    "add_document": lambda c, a: cm.add_document(c, cm.DocLink(a["title"], a["href"], a.get("size_text"))),
    "remove_document": lambda c, a: cm.remove_document(c, a["which"]),
    "bump_stamp": _bump_stamp,
    "remove_stamp": lambda c, a: cm.remove_stamp(c),
}


def _apply(content: cm.PageContent, edit: dict[str, Any]) -> cm.PageContent:
    """One edit from the YAML (``{name: args}``) applied through the content model's helpers."""
    ((name, args),) = edit.items()
    if name not in _EDITS:
        raise ValueError(f"unknown edit {name!r}")
    return _EDITS[name](content, dict(args or {}))


def _noise(spec: Any) -> Noise:
    if spec is None:
        return Noise.quiet()
    if isinstance(spec, str):
        return NOISE_PRESETS[spec]()
    base = dict(spec)
    preset = base.pop("preset", "quiet")
    return Noise(**{**NOISE_PRESETS[preset]().__dict__, **base})


def _render(content: cm.PageContent, profile: SiteProfile, noise: Noise, night: int) -> str:
    body, content_type = render_bytes(content, profile, noise, night, request_no=night * 13 + 1)
    return decode_html(body, content_type)


def build_pair(case: dict[str, Any]) -> Pair:
    """Render one generated case into a :class:`Pair`."""
    seed = load_seed(case["seed"])
    site = dict(case.get("site") or {})
    profile = SiteProfile(
        id=seed.id,
        name=seed.name,
        short=seed.short,
        domain=seed.domain,
        cms=case.get("cms", seed.cms),
        page_path=seed.path,
        contact_style=site.pop("contact_style", seed.contact_style),
        boilerplate=seed.boilerplate,
        **site,
    )
    noise = _noise(case.get("noise"))
    v1, v2 = case.get("v1") or {}, case.get("v2") or {}
    content = seed.content
    for edit in v1.get("edits", ()):
        content = _apply(content, edit)
    first = v1.get("night", 0)
    old_html = _render(content, profile, noise, first)
    history = tuple(_render(content, profile, noise, first - back) for back in range(HISTORY_NIGHTS, 0, -1))
    for edit in v2.get("edits", ()):
        content = _apply(content, edit)
    new_html = _render(content, profile, noise, v2.get("night", 1))
    url = f"https://www.{seed.domain}{seed.path}"
    return Pair(case["id"], url, old_html, new_html, list(case.get("expect") or []), history=history)


def build_html_pair(case: dict[str, Any]) -> Pair:
    """A hand-written case: two files in ``html/``, read as bytes and decoded like a fetch."""
    old = decode_html((HERE / "html" / case["old"]).read_bytes(), case.get("content_type"))
    new = decode_html((HERE / "html" / case["new"]).read_bytes(), case.get("content_type"))
    return Pair(
        case["id"],
        case["url"],
        old,
        new,
        list(case.get("expect") or []),
        main=case.get("main"),
        ignore=tuple(case.get("ignore", ())),
    )


#: Sections a municipal home page teases; words of no case page, so the home page shares only what the
#: skeleton puts around every page (menus, banners, news, footers), never a page's labelled content.
_HOME_TEASERS = (
    ("Barn och utbildning", "/barn-och-utbildning/", "Förskola, grundskola, gymnasium och vuxenutbildning."),
    ("Bygga, bo och miljö", "/bygga-bo-och-miljo/", "Bygglov, avfall, vatten och avlopp, natur och parker."),
    ("Omsorg och stöd", "/omsorg-och-stod/", "Äldreomsorg, funktionsnedsättning och ekonomiskt bistånd."),
    ("Uppleva och göra", "/uppleva-och-gora/", "Bibliotek, idrott, friluftsliv och evenemang i kommunen."),
)


def home_page(site: str) -> dict[str, Any]:
    """The fields of a site's home page for a CMS skeleton: a welcome, a short lead and teasers of sections."""
    teasers = "\n".join(f'<h2><a href="{href}">{title}</a></h2>\n<p>{text}</p>' for title, href, text in _HOME_TEASERS)
    return {
        "title": f"Välkommen till {site}",
        "lead": f"Här hittar du service, nyheter och information från {site}.",
        "top": "",
        "body": teasers,
        "foot": "",
        "side": "",
    }


def _render_cms(family: str, page: dict[str, Any], site: str, night: int, theme: int) -> str:
    render = next((m.render for m in (cms8, cms7, cms6, cms5, cms4, cms3, cms2) if family in m.FAMILIES), cms.render)
    html = render(family, page, site, night, theme)
    # Served as UTF-8 bytes with a header that says so, decoded as a fetch would.
    return decode_html(html.encode("utf-8"), "text/html; charset=utf-8")


def _fields(case: dict[str, Any], which: str) -> tuple[dict[str, Any], int, str, int]:
    """The fields, night, site and theme of one version of an independent case: v1 is the page as written,
    v2 the page after ``set`` (fields replaced) and ``replace`` (``[old, new]`` substitutions, each of which
    must match)."""
    page = dict(case["page"])
    spec = dict(case.get(which) or {})
    if which == "v2":
        page.update(spec.get("set") or {})
        for old, new in spec.get("replace") or ():
            hits = [k for k, v in page.items() if isinstance(v, str) and old in v]
            if not hits:
                raise ValueError(f"{case['id']}: v2 replace {old!r} matches no field")
            for k in hits:
                page[k] = page[k].replace(old, new)
        for field_name in spec.get("drop") or ():
            page.pop(field_name)
    night = spec.get("night", 0 if which == "v1" else 1)
    return page, night, case.get("site", "Exempelby kommun"), spec.get("theme", 0)


def _version(case: dict[str, Any], which: str) -> tuple[str, str]:
    """One version of an independent case (:func:`_fields`) and its site's home page on the same night and theme."""
    page, night, site, theme = _fields(case, which)
    return (
        _render_cms(case["cms"], page, site, night, theme),
        _render_cms(case["cms"], home_page(site), site, night, theme),
    )


def _history(case: dict[str, Any]) -> tuple[str, ...]:
    """v1 of an independent case on the HISTORY_NIGHTS nights before its own, in its theme, oldest first."""
    page, night, site, theme = _fields(case, "v1")
    return tuple(_render_cms(case["cms"], page, site, night - back, theme) for back in range(HISTORY_NIGHTS, 0, -1))


def build_cms_pair(case: dict[str, Any]) -> Pair:
    """An independent case: the same page in one CMS family's markup on two nights, with its site's home page
    on each night."""
    (old, home_old), (new, home_new) = _version(case, "v1"), _version(case, "v2")
    return Pair(
        case["id"],
        case["url"],
        old,
        new,
        list(case.get("expect") or []),
        main=case.get("main"),
        ignore=tuple(case.get("ignore", ())),
        home_old=home_old,
        home_new=home_new,
        history=_history(case),
    )


def _load(path: Path) -> list[dict[str, Any]]:
    return list(YAML(typ="safe").load(path.read_text(encoding="utf-8")) or [])


def load_cases() -> list[dict[str, Any]]:
    return _load(CASES_FILE)


def load_html_cases() -> list[dict[str, Any]]:
    return _load(HTML_CASES_FILE)


def load_independent_cases() -> list[dict[str, Any]]:
    return _load(INDEPENDENT_FILE)


def load_heldout_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT_FILE)


def load_heldout2_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT2_FILE)


def load_heldout3_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT3_FILE)


def load_heldout4_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT4_FILE)


def load_heldout5_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT5_FILE)


def load_heldout6_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT6_FILE)


def load_heldout7_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT7_FILE)


def load_heldout8_cases() -> list[dict[str, Any]]:
    return _load(HELDOUT8_FILE)


def all_pairs() -> list[Pair]:
    """The project's own corpus (simulated web and hand-written pages): the one extraction was written beside."""
    return [build_pair(c) for c in load_cases()] + [build_html_pair(c) for c in load_html_cases()]


def independent_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_independent_cases()]


def heldout_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout_cases()]


def heldout2_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout2_cases()]


def heldout3_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout3_cases()]


def heldout4_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout4_cases()]


def heldout5_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout5_cases()]


def heldout6_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout6_cases()]


def heldout7_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout7_cases()]


def heldout8_pairs() -> list[Pair]:
    return [build_cms_pair(c) for c in load_heldout8_cases()]


#: The corpus parts by name, as benchmarks/quality.py reports them.
PARTS: dict[str, Callable[[], list[Pair]]] = {
    "project": all_pairs,
    "independent": independent_pairs,
    "heldout": heldout_pairs,
    "heldout2": heldout2_pairs,
    "heldout3": heldout3_pairs,
    "heldout4": heldout4_pairs,
    "heldout5": heldout5_pairs,
    "heldout6": heldout6_pairs,
    "heldout7": heldout7_pairs,
    "heldout8": heldout8_pairs,
}


#: Parts no test reads beyond their shape: heldout6 was written to be scored once before and once after the
#: sixth round of tuning, heldout7 and heldout8 to be scored by the lead, so not even the label-free property tests may
#: steer the extractor by their pages (heldout2 to heldout5 were scored, their misses read and fixed: development
#: parts since 2026-12-03; see their cases.yaml headers).
SCORE_ONLY: frozenset[str] = frozenset({"heldout6", "heldout7", "heldout8"})


def all_pages() -> Iterator[tuple[str, str, str, str | None, tuple[str, ...]]]:
    """Every page version of every corpus part but the score-only ones as (id, url, html, main, ignore), for
    property tests that must hold on any page (ids are ``<part>/<pair>/old`` and ``…/new``)."""
    for part, pairs in PARTS.items():
        if part in SCORE_ONLY:
            continue
        for pair in pairs():
            yield f"{part}/{pair.id}/old", pair.url, pair.html_old, pair.main, pair.ignore
            yield f"{part}/{pair.id}/new", pair.url, pair.html_new, pair.main, pair.ignore


def change_key(kind: str, old: Any, new: Any) -> tuple[str, str, str]:
    """A hashable form of a change, for comparing expected and found changes."""
    import json

    return (
        kind,
        json.dumps(old, sort_keys=True, ensure_ascii=False),
        json.dumps(new, sort_keys=True, ensure_ascii=False),
    )
