"""Render a :class:`PageContent` to a full HTML page in one of three CMS markups.

``render_page`` is a pure function of (content, site profile, noise, night):
the same arguments give the same string, which keeps ETags honest and lets
the server cache a night's page. Per-request values (CSRF token, session id)
are left as markers for :func:`personalise`.

CMS markups: ``sitevision`` (sv-portlet, sv-text-portlet, sv-contact cards),
``episerver`` (``<main id="main-content">``, .contact-card, .page-meta) and
``wordpress`` (``<article>`` / ``.entry-content``, contacts as paragraphs or a table).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import phonenumbers
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from simweb.municipal import sitewide
from simweb.municipal.content import PageContent, Person
from simweb.municipal.noise import (
    CSRF_MARKER,
    SESSION_MARKER,
    Noise,
    charset_meta,
    encode_page,
    night_encoding,
    night_token,
    reindent,
    shuffle_attributes,
)

CMS_NAMES = ("sitevision", "episerver", "wordpress")
CONTACT_STYLES = ("card", "section", "plain", "table")
EMAIL_STYLES = ("plain", "brackets", "parens")
PHONE_STYLES = ("as_written", "spaces", "dash", "intl")

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=False,
    lstrip_blocks=False,
)

_CONFIG_MARKER = "__SIMWEB_CONFIG_JSON__"
_LEAF_BYTES = 120  # rough size of one third-level menu entry, for the first padding guess


def default_contact_centre(short: str) -> dict[str, Any]:
    return {
        "heading": "Kontaktcenter",
        "hours_heading": "Öppettider",
        "hours": ["Måndag–torsdag 8.00–16.30", "Fredag 8.00–15.00"],
        "question": "Vad kan kontaktcenter hjälpa mig med?",
        "visit_heading": "Besöksadress",
        "address": f"Stadshuset, {short}",
    }


@dataclass(frozen=True)
class SiteProfile:
    """How one site looks: CMS, how it writes contacts, its boilerplate and page size."""

    id: str
    name: str
    short: str
    domain: str
    cms: str = "sitevision"
    page_path: str = "/kommun-och-politik/internationellt-arbete/"
    contact_style: str = "card"
    email_style: str = "plain"
    phone_style: str = "as_written"
    page_kb: int = 0  # 0: natural size (about 15–25 KB); else pad to about this many KB
    boilerplate: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        for value, allowed in (
            (self.cms, CMS_NAMES),
            (self.contact_style, CONTACT_STYLES),
            (self.email_style, EMAIL_STYLES),
            (self.phone_style, PHONE_STYLES),
        ):
            if value not in allowed:
                raise ValueError(f"{value!r} is not one of {allowed}")

    @property
    def page_id(self) -> int:
        return int(hashlib.sha1(self.id.encode()).hexdigest()[:6], 16)

    @property
    def contact_centre(self) -> dict[str, Any]:
        return self.boilerplate.get("contact_centre") or default_contact_centre(self.short)


# --------------------------------------------------------------------------- contacts


def format_phone(phone: str, style: str) -> str:
    """Write a Swedish number as sites do: "0520 49 60 94", "0520-49 60 94", "+46 (0)520-49 60 94"."""
    if style == "as_written":
        return phone
    try:
        national = phonenumbers.format_number(phonenumbers.parse(phone, "SE"), phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        return phone
    if style == "spaces":
        return national.replace("-", " ")
    if style == "dash":
        return national
    return "+46 (0)" + national[1:]


def format_email(email: str, style: str, case: int = 0) -> tuple[str, str | None]:
    """(text shown, mailto href or None) for an address, obfuscated and re-cased as asked."""
    if case == 1:
        local, _, domain = email.partition("@")
        email = ".".join(p.capitalize() for p in local.split(".")) + "@" + domain.capitalize()
    elif case == 2:
        email = email.upper()
    if style == "brackets":
        return email.replace("@", "[at]"), None
    if style == "parens":
        return email.replace("@", "(at)"), None
    return email, f"mailto:{email}"


def _person_view(p: Person, profile: SiteProfile, noise: Noise, night: int) -> dict[str, Any]:
    phone_style = profile.phone_style
    if noise.phone_format:
        phone_style = PHONE_STYLES[(PHONE_STYLES.index(phone_style) + night) % len(PHONE_STYLES)]
    email_text, email_href = (None, None)
    if p.email:
        email_text, email_href = format_email(p.email, profile.email_style, night % 3 if noise.email_case else 0)
    phone_text = format_phone(p.phone, phone_style) if p.phone else None
    phone_href = None
    if p.phone:
        digits = re.sub(r"\D", "", p.phone)
        phone_href = "tel:+46" + digits.lstrip("0") if not p.phone.startswith("+") else "tel:+" + digits
    return {
        "name": p.name or "",
        "roles": list(p.roles),
        "email_text": email_text,
        "email_href": email_href,
        "phone_text": phone_text,
        "phone_href": phone_href,
    }


def group_blocks(content: PageContent) -> list[dict[str, Any]]:
    """Blocks as the template wants them: adjacent list items joined into one list."""
    groups: list[dict[str, Any]] = []
    for b in content.blocks:
        if b.kind == "li":
            if groups and groups[-1]["kind"] == "ul":
                groups[-1]["items"].append(b.text)
            else:
                groups.append({"kind": "ul", "items": [b.text]})
        else:
            groups.append({"kind": b.kind, "text": b.text})
    return groups


# --------------------------------------------------------------------------- rendering


def _link_query(profile: SiteProfile, noise: Noise, night: int) -> str:
    """The tracking query put on site links ("" without tracking noise)."""
    if not noise.tracking:
        return ""
    return urlencode(
        {"utm_source": "webb", "utm_medium": "meny", "utm_campaign": night_token(profile.id, night, "utm")}
    )


def _linker(profile: SiteProfile, noise: Noise, night: int) -> Callable[[str], str]:
    query = _link_query(profile, noise, night)
    if not query:
        return lambda href: href
    return lambda href: f"{href}{'&' if '?' in href else '?'}{query}"


@lru_cache(maxsize=256)
def _menu_html(extra_leaves: int, cls: str, query: str) -> Markup:
    """The mega-menu, rendered once per (size, class, tracking query): most of a padded page's bytes."""
    link = (lambda href: f"{href}?{query}") if query else (lambda href: href)
    macro = _ENV.get_template("_parts.j2").module.megamenu  # type: ignore[attr-defined]
    return Markup(macro(sitewide.build_menu(extra_leaves), link, cls))


def _context(content: PageContent, profile: SiteProfile, noise: Noise, night: int, extra_leaves: int) -> dict[str, Any]:
    bp = profile.boilerplate
    version = night_token(profile.id, night if noise.cache_bust else 0, "assets")
    tag_night = night % 2 if noise.tag_variants else 0
    return {
        "site": {
            "id": profile.id,
            "name": profile.name,
            "short": profile.short,
            "domain": profile.domain,
            "bp": bp,
            "page_id": profile.page_id,
        },
        "c": content,
        "charset": charset_meta(night_encoding(noise, night)),
        "asset_v": f"?v={version}",
        "csrf": CSRF_MARKER if noise.csrf else night_token(profile.id, 0, "csrf"),
        "session": SESSION_MARKER if noise.csrf else night_token(profile.id, 0, "session"),
        "link": _linker(profile, noise, night),
        "menu_html": lambda cls: _menu_html(extra_leaves, cls, _link_query(profile, noise, night)),
        "news": sitewide.news_for_night(profile.id, night, noise.news),
        "cc": profile.contact_centre,
        "cc_after_lead": bool(bp.get("contact_centre_after_lead")),
        "groups": group_blocks(content),
        "people": [_person_view(p, profile, noise, night) for p in content.contacts],
        "contact_style": profile.contact_style,
        "contact_heading": content.contact_heading,
        "contact_intro": content.contact_intro,
        "docs": content.documents,
        "stamp_text": content.stamp.text() if content.stamp else None,
        "strong": ("strong", "b")[tag_night],
        "em": ("em", "i")[tag_night],
        "wraps": night % 3 if noise.wrappers else 0,
        "config_json": _CONFIG_MARKER,
        "page_path": profile.page_path,
    }


def _postprocess(html: str, profile: SiteProfile, noise: Noise, night: int) -> str:
    if noise.attribute_order and night:
        html = shuffle_attributes(html, int(night_token(profile.id, night, "attrs"), 16))
    if noise.indentation:
        html = reindent(html, night)
    return html


def render_page(content: PageContent, profile: SiteProfile, noise: Noise | None = None, night: int = 0) -> str:
    """The full HTML page (a str) for ``content`` on ``profile``'s site on ``night``.

    With ``profile.page_kb`` set, the mega-menu and the inline config JSON grow
    until the encoded page is within a few per cent of that size.
    """
    noise = noise or Noise()
    template = _ENV.get_template(f"{profile.cms}.html.j2")
    html = _postprocess(template.render(_context(content, profile, noise, night, 0)), profile, noise, night)
    config_size = 1500
    if profile.page_kb:
        target = profile.page_kb * 1024
        deficit = target - len(html.encode("utf-8")) - config_size
        if deficit > 0:
            leaves = int(deficit * 0.6 / _LEAF_BYTES) // 50 * 50  # round: the menu render is cached by size
            html = template.render(_context(content, profile, noise, night, leaves))
            html = _postprocess(html, profile, noise, night)
            config_size = max(config_size, target - len(html.encode("utf-8")) + len(_CONFIG_MARKER))
    return html.replace(_CONFIG_MARKER, sitewide.config_json(profile.id, night, config_size))


def personalise(html: str, request_no: int, site_id: str = "") -> str:
    """Fill the per-request markers (CSRF token, session id) for request number ``request_no``."""
    token = hashlib.sha256(f"{site_id}:{request_no}:csrf".encode()).hexdigest()[:32]
    session = hashlib.sha256(f"{site_id}:{request_no}:sid".encode()).hexdigest()[:24]
    return html.replace(CSRF_MARKER, token).replace(SESSION_MARKER, session)


def render_bytes(
    content: PageContent, profile: SiteProfile, noise: Noise | None = None, night: int = 0, request_no: int = 0
) -> tuple[bytes, str]:
    """Convenience for fixtures: rendered, personalised and encoded -> (body, Content-Type)."""
    noise = noise or Noise()
    html = personalise(render_page(content, profile, noise, night), request_no, profile.id)
    return encode_page(html, night_encoding(noise, night))


def render_simple(
    profile: SiteProfile,
    heading: str,
    paragraphs: list[str] | tuple[str, ...] = (),
    links: list[tuple[str, str]] | tuple[tuple[str, str], ...] = (),
    *,
    body_class: str = "page",
    with_menu: bool = True,
    news: bool = False,
) -> str:
    """A small page in the site's chrome: home page, 404, soft 404, maintenance."""
    return _ENV.get_template("simple.html.j2").render(
        site={"id": profile.id, "name": profile.name, "short": profile.short, "bp": profile.boilerplate},
        heading=heading,
        paragraphs=list(paragraphs),
        links=list(links),
        body_class=body_class,
        menu=sitewide.build_menu(0) if with_menu else None,
        link=lambda href: href,
        news=sitewide.news_for_night(profile.id, 0, False) if news else None,
        page_path=profile.page_path,
    )
