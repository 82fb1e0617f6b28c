"""Page skeletons in the markup of the CMSs Swedish municipalities run, for the independent corpus.

Written from the public templates of each system (Sitevision portlets, Optimizely/Episerver content
areas, Drupal 10 Olivero fields, WordPress classic and block themes, Umbraco grids, Polopoly, the
Municipio WordPress theme), not from what the extractor looks for. A page is the case's fields
(title, lead, top, body, foot, side: HTML fragments in that CMS's markup) placed in the skeleton of
its family, with the site furniture around it: menus, a cookie bar, breadcrumbs, a rotating banner,
a news list, a current-date widget, a footer with the switchboard. ``night`` rotates the furniture
(banner, news, date widget, tracking parameters, ids and tokens); ``theme`` changes the wrappers and
classes the way a theme upgrade does (0: as first seen, 1: new wrappers and classes, 2: the same
markup re-serialised with entities and other quoting). All names, prose and numbers are invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from typing import Any

Page = dict[str, Any]

_WEEKDAYS = ("Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag", "Lördag", "Söndag")
_MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]

_BANNERS = (
    "Eldningsförbud råder i hela kommunen från och med i dag.",
    "Driftstörning: e-tjänsterna kan vara otillgängliga under kvällen.",
    "Vattenläcka på Storgatan – räkna med lågt tryck under förmiddagen.",
    "Biblioteket har ändrade öppettider under helgerna.",
    "Vinterväghållning: halkbekämpning pågår på gång- och cykelvägar.",
)

_NEWS = (
    ("Nu öppnar ansökan till sommarjobb för unga", "2024-11-04"),
    ("Pressmeddelande 2024-11-06: Ny förskola invigs i Norrby", "2024-11-06"),
    ("Kommunfullmäktige sammanträder i stadshuset", "2024-11-08"),
    ("Trafikomläggning vid resecentrum under två veckor", "2024-11-11"),
    ("Tyck till om den nya cykelplanen", "2024-11-13"),
    ("Julmarknad på torget den första advent", "2024-11-15"),
    ("Ny återvinningscentral öppnar i vår", "2024-11-18"),
)


def _token(*parts: object, n: int = 16) -> str:
    """A stable hex id that differs per night: the ids, nonces and cache keys CMSs rotate."""
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:n]


def today_widget(night: int) -> str:
    """The current-date header ("Onsdag 19 december 2018") a few sites print: it moves every night."""
    day = dt.date(2024, 11, 18) + dt.timedelta(days=night)
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def banner(night: int) -> str:
    return _BANNERS[night % len(_BANNERS)]


def news(night: int, count: int = 3) -> list[tuple[str, str]]:
    start = night % len(_NEWS)
    return [_NEWS[(start + i) % len(_NEWS)] for i in range(count)]


def track(night: int) -> str:
    """Query parameters a newsletter or analytics tool adds to links; they change between fetches."""
    return f"?utm_source=nyhetsbrev&utm_medium=epost&utm_campaign=v{47 + night}"


def _fill(text: str, night: int) -> str:
    """Case fields may say ``{track}``, ``{today}`` or ``{banner}`` where the night's furniture goes."""
    return (
        text.replace("{track}", track(night)).replace("{today}", today_widget(night)).replace("{banner}", banner(night))
    )


_ENTITIES = {
    "å": "&aring;",
    "ä": "&auml;",
    "ö": "&ouml;",
    "Å": "&Aring;",
    "Ä": "&Auml;",
    "Ö": "&Ouml;",
    "é": "&eacute;",
}


def reserialise(html: str) -> str:
    """The same document written out by another serialiser: named entities for å/ä/ö outside tags,
    single-quoted attributes, self-closed void elements, no indentation."""
    parts = re.split(r"(<[^>]+>)", html)
    out = []
    for part in parts:
        if part.startswith("<"):
            part = re.sub(r'(\s[\w:-]+)="([^"\']*)"', r"\1='\2'", part)
            part = re.sub(r"<(br|hr|img|meta|link|input)([^>]*?)\s*/?>", r"<\1\2 />", part)
        else:
            for ch, ent in _ENTITIES.items():
                part = part.replace(ch, ent)
            part = re.sub(r"\n[ \t]+", "\n", part)
        out.append(part)
    return "".join(out)


def _head(title: str, site: str, night: int, extra: str = "") -> str:
    return (
        f'<head>\n<meta charset="utf-8">\n<title>{title} - {site}</title>\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<link rel="stylesheet" href="/static/main.css?v={_token("css", night, n=8)}">\n'
        f'<script>window.__analytics={{"sid":"{_token("sid", night)}"}};</script>\n{extra}</head>\n'
    )


def _news_items(night: int, fmt: Callable[[str, str], str]) -> str:
    return "\n".join(fmt(title, date) for title, date in news(night))


# ---------------------------------------------------------------- Sitevision


def sitevision(p: Page, site: str, night: int, theme: int) -> str:
    sv = lambda n: f"svid12_{_token('sv', n, night)}"  # noqa: E731 - portlet ids are regenerated on republish
    font = "sv-font-brodtext" if theme != 1 else "env-text sv-font-brodtext-2024"
    lead = f'<p class="sv-font-ingress">{p["lead"]}</p>' if p.get("lead") else ""
    top = (
        f'<div class="sv-text-portlet sv-use-margins" id="{sv("top")}"><div class="sv-text-portlet-content">'
        f"{p['top']}</div></div>"
        if p.get("top")
        else ""
    )
    foot = (
        f'<div class="sv-layout sv-skip-spacer" id="{sv("footl")}"><div class="sv-text-portlet sv-use-margins" '
        f'id="{sv("foot")}"><div class="sv-text-portlet-content">{p["foot"]}</div></div></div>'
        if p.get("foot")
        else ""
    )
    side = (
        f'<div class="sv-layout sv-column-4 pagecontent-aside" id="{sv("side")}">'
        '<div class="sv-text-portlet sv-use-margins"><div '
        f'class="sv-text-portlet-content">{p["side"]}</div></div></div>'
        if p.get("side")
        else ""
    )
    items = _news_items(
        night,
        lambda t, d: (
            f'<li class="sv-channel-item"><a href="/nyheter/{_token(t, n=6)}.html"><span>{t}</span></a>'
            f'<p class="sv-font-liten">{d}</p></li>'
        ),
    )
    body = (
        f'<div class="sv-text-portlet sv-use-margins" id="{sv("body")}"><div class="sv-text-portlet-content">'
        f'<div class="{font}">{p["body"]}</div></div></div>'
    )
    if theme == 1:
        body = f'<div class="sv-layout sv-skip-spacer sv-decoration-content" id="{sv("wrap")}">{body}</div>'
    html = (
        '<!DOCTYPE html>\n<html lang="sv" class="sv-no-js">\n'
        + _head(p["title"], site, night)
        + f'<body class="sv-responsive">\n<div class="sv-layout sv-skip-spacer sv-template-layout" id="{sv("root")}">\n'
        f'<div class="sv-html-portlet sv-portlet cookie-bar"><p>Vi använder kakor för att förbättra webbplatsen. '
        f'<a href="/om-webbplatsen/kakor.html">Läs mer om kakor</a></p><button>Jag förstår</button></div>\n'
        f'<header class="sv-layout header"><div class="sv-image-portlet"><a href="/"><img alt="{site}" '
        f'src="/images/18.{_token("logo", n=10)}/logo.svg"></a></div>\n'
        f'<nav class="sv-layout sv-menu-portlet"><ul><li><a href="/omsorg-och-stod.html">Omsorg och stöd</a></li>'
        f'<li><a href="/kommun-och-politik.html">Kommun och politik</a></li><li><a href="/uppleva-och-gora.html">'
        f"Uppleva och göra</a></li></ul></nav>\n"
        f'<div class="sv-html-portlet sv-portlet"><form action="/sok.html"><label>Sök</label><input name="query">'
        f'<input type="hidden" name="sv.csrf" value="{_token("csrf", night, n=24)}"></form></div>\n'
        f'<div class="sv-text-portlet date-widget"><p>{today_widget(night)}</p></div></header>\n'
        '<div class="sv-layout important-message"><div '
        f'class="sv-text-portlet-content"><p>{banner(night)}</p></div></div>\n'
        f'<nav class="sv-layout breadcrumbs"><a href="/">Startsida</a> / <a href="/kommun-och-politik.html">'
        f"Kommun och politik</a> / {p['title']}</nav>\n"
        f'<main class="sv-layout sv-template-portlet pagecontent" id="{sv("main")}">\n'
        f'<div class="sv-layout sv-column-8" id="{sv("col")}">\n'
        f'<div class="sv-text-portlet sv-use-margins" id="{sv("h1")}"><div id="Rubrik"></div>'
        f'<div class="sv-text-portlet-content"><h1 class="heading">{p["title"]}</h1></div></div>\n'
        f'<div class="sv-text-portlet sv-use-margins" id="{sv("lead")}"><div id="Ingress"></div>'
        f'<div class="sv-text-portlet-content">{lead}</div></div>\n{top}\n{body}\n{foot}\n</div>\n{side}\n</main>\n'
        '<aside class="sv-layout news-list"><h2 class="subheading">'
        f'Nyheter</h2><ul class="sv-channel">{items}</ul></aside>\n'
        f'<footer class="sv-layout footer"><div class="sv-text-portlet-content"><p>{site}, 123 45 Exempelstad</p>'
        f"<p>Telefon växel: 0123-45 00 00</p><p>Organisationsnummer: 212000-0000</p></div></footer>\n"
        f"</div>\n</body>\n</html>\n"
    )
    return html


# ---------------------------------------------------------------- Optimizely / Episerver


def episerver(p: Page, site: str, night: int, theme: int) -> str:
    block = "block textblock col-12" if theme != 1 else "block text-block epi-block--full"
    lead = f'<p class="introduction">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="page-meta">{p["top"]}</div>' if p.get("top") else ""
    foot = (
        f'<div class="{block} page-footer-block"><div class="block-content">{p["foot"]}</div></div>'
        if p.get("foot")
        else ""
    )
    side = (
        f'<aside class="col-lg-4 sidebar"><div class="contact-block">{p["side"]}</div></aside>' if p.get("side") else ""
    )
    items = _news_items(
        night, lambda t, d: f'<li class="news-item"><a href="/nyheter/{_token(t, n=6)}/"><time>{d}</time> {t}</a></li>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night, f'<meta name="epi-page-id" content="{_token("id", n=5)}">\n')
        + "<body>\n"
        f'<a class="skip-link" href="#main-content">Till innehållet</a>\n'
        f'<div id="cookie-consent" class="cookie-consent"><p>Vi använder kakor (cookies).</p>'
        f'<button data-nonce="{_token("n", night)}">Godkänn</button></div>\n'
        f'<header class="site-header"><div class="container"><a class="logo" href="/">{site}</a>'
        f'<nav class="main-nav"><ul><li><a href="/bo-och-leva/">Bo och leva</a></li><li>'
        f'<a href="/naringsliv-och-arbete/">Näringsliv och arbete</a></li><li><a href="/kommun-och-politik/">'
        f"Kommun och politik</a></li></ul></nav></div></header>\n"
        f'<div class="alert-banner" role="alert"><p>{banner(night)}</p></div>\n'
        f'<nav class="breadcrumb" aria-label="Brödsmulor"><ol><li><a href="/">Start</a></li>'
        '<li><a href="/kommun-och-politik/">Kommun och politik</a>'
        f'</li><li aria-current="page">{p["title"]}</li></ol></nav>\n'
        f'<main id="main-content" class="container"><div class="row">\n'
        f'<article class="col-lg-8 article-page"><h1>{p["title"]}</h1>\n{lead}\n{top}\n'
        f'<div class="main-body editorial">{p["body"]}</div>\n'
        f'<div class="content-area">{foot}</div>\n</article>\n{side}\n</div></main>\n'
        f'<section class="news-block"><h2>Aktuellt</h2><ul>{items}</ul></section>\n'
        f'<footer class="site-footer"><p>{site} · 123 80 Exempelstad · Växel 0123-45 10 00</p>'
        f'<p><a href="/om-webbplatsen/">Om webbplatsen</a> | <a href="/kontakt/">Kontakta oss</a></p></footer>\n'
        f'<script src="/Util/Find/epi-util/find.js?v={_token("js", night, n=8)}"></script>\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------- Drupal 10 (Olivero)


def drupal(p: Page, site: str, night: int, theme: int) -> str:
    node = _token("node", p["title"], n=3)
    wrap = "region region--content grid-full layout--pass--content-medium" if theme != 1 else "region region--content"
    lead = (
        f'<div class="field field--name-field-ingress field--type-string-long field--label-hidden field__item">'
        f"{p['lead']}</div>"
        if p.get("lead")
        else ""
    )
    top = f'<div class="node__meta">{p["top"]}</div>' if p.get("top") else ""
    foot = p.get("foot") or ""
    side = (
        f'<aside class="region region--sidebar"><div class="block block-views">{p["side"]}</div></aside>'
        if p.get("side")
        else ""
    )
    items = _news_items(
        night,
        lambda t, d: (
            f'<div class="views-row"><span class="field field--name-title">'
            f'<a href="/nyheter/{_token(t, n=6)}">{t}</a></span> <time datetime="{d}T08:00:00Z">{d}</time></div>'
        ),
    )
    body = (
        f'<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden '
        f'field__item">{p["body"]}</div>'
    )
    if theme == 1:
        body = (
            '<div class="node__content"><div class="layout layout--onecol">'
            f'<div class="layout__region">{body}</div></div></div>'
        )
    else:
        body = f'<div class="node__content">{body}</div>'
    settings = f'{{"path":{{"baseUrl":"\\/"}},"ajaxPageState":{{"libraries":"{_token("lib", night, n=40)}"}}}}'
    return (
        '<!DOCTYPE html>\n<html lang="sv" dir="ltr">\n'
        + _head(p["title"], site, night, '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">\n')
        + '<body class="path-node page-node-type-page">\n'
        '<a href="#main-content" class="visually-hidden focusable skip-link">Hoppa till huvudinnehåll</a>\n'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>\n'
        '<div id="page-wrapper" class="page-wrapper"><div id="page">\n'
        f'<header id="header" class="site-header" data-drupal-selector="site-header" role="banner">'
        f'<div class="site-branding"><a href="/" rel="home" class="site-branding__name">{site}</a></div>'
        f'<div class="region region--primary-menu"><nav class="primary-nav"><ul class="menu primary-nav__menu">'
        f'<li class="primary-nav__menu-item"><a href="/uppleva-och-gora">Uppleva och göra</a></li>'
        f'<li class="primary-nav__menu-item"><a href="/kommun-och-politik">Kommun och politik</a></li></ul></nav></div>'
        f'<div class="header-date">{today_widget(night)}</div></header>\n'
        f'<div class="region region--highlighted"><div data-drupal-messages-fallback class="hidden"></div>'
        f'<div class="block block-announcement"><p>{banner(night)}</p></div></div>\n'
        f'<div class="region region--breadcrumb"><nav class="breadcrumb" role="navigation"><ol>'
        f'<li class="breadcrumb__item"><a href="/">Hem</a></li><li class="breadcrumb__item">'
        f'<a href="/kommun-och-politik">Kommun och politik</a></li></ol></nav></div>\n'
        f'<div id="main-wrapper" class="layout-main-wrapper layout-container">\n'
        f'<div id="main" class="layout-main"><div class="main-content">\n<a id="main-content" tabindex="-1"></a>\n'
        f'<div class="main-content__container container">\n'
        f'<div class="region region--content-above"><div class="block block-page-title-block">'
        f'<h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">'
        f"{p['title']}</span></h1></div></div>\n"
        f'<main role="main"><div class="{wrap}" id="content">\n'
        f'<div id="block-olivero-content" class="block block-system block-system-main-block">\n'
        f'<article data-history-node-id="{node}" class="node node--type-page node--view-mode-full">\n'
        f"{top}\n{lead}\n{body}\n{foot}\n</article>\n</div>\n"
        f'<div class="block block-views block-views-blocknyheter-block-1"><h2 class="block__title">Senaste nytt</h2>'
        f'<div class="view-content">{items}</div></div>\n'
        f"</div></main>\n{side}\n</div></div></div></div>\n"
        '<footer class="site-footer"><div class="region '
        f'region--footer-bottom"><p>{site} | Box 100 | 123 21 Exempelstad | '
        f"Tel 0123-19 000 | Org.nr 212000-0001</p></div></footer>\n"
        f"</div></div></div>\n"
        f'<script type="application/json" data-drupal-selector="drupal-settings-json">{settings}</script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress (classic theme and block theme)


def wordpress_classic(p: Page, site: str, night: int, theme: int) -> str:
    post = _token("post", p["title"], n=3)
    lead = f'<p class="lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="entry-meta">{p["top"]}</div>' if p.get("top") else ""
    foot = (
        f'<footer class="entry-footer">{p["foot"]}</footer>'
        if p.get("foot")
        else '<footer class="entry-footer"></footer>'
    )
    side = p.get("side") or ""
    content = f'<div class="entry-content">\n{lead}{p["body"]}\n</div><!-- .entry-content -->'
    if theme == 1:
        content = (
            '<div class="entry-content-wrapper"><div class="entry-content clear" itemprop="text">'
            f"{lead}{p['body']}</div></div>"
        )
    items = _news_items(
        night,
        lambda t, d: (
            f'<li><a href="/{d.replace("-", "/")}/{_token(t, n=6)}/">{t}</a> <span class="post-date">{d}</span></li>'
        ),
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<script>var wpApiSettings = {{"nonce":"{_token("nonce", night, n=10)}"}};</script>\n'
            "<link rel='stylesheet' id='theme-css' "
            f"href='/wp-content/themes/kommun/style.css?ver={night + 3}.2' media='all' />\n",
        )
        + f'<body class="page-template-default page page-id-{post} wp-embed-responsive">\n'
        '<div id="page" class="site">\n<a class="skip-link '
        'screen-reader-text" href="#primary">Hoppa till innehåll</a>\n'
        f'<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title">'
        f'<a href="/" rel="home">{site}</a></p></div>'
        f'<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">'
        f'<li class="menu-item"><a href="/barn-och-utbildning/">Barn och utbildning</a></li>'
        f'<li class="menu-item"><a href="/kommun-och-politik/">Kommun och politik</a></li></ul></nav></header>\n'
        f'<div class="notice-bar"><p>{banner(night)}</p></div>\n'
        '<div id="content" class="site-content"><div id="primary" '
        'class="content-area"><main id="main" class="site-main">\n'
        f'<article id="post-{post}" class="post-{post} page type-page status-publish hentry">\n'
        f'<header class="entry-header"><h1 class="entry-title">{p["title"]}</h1>{top}</header><!-- .entry-header -->\n'
        f"{content}\n{foot}\n</article><!-- #post-{post} -->\n"
        f"</main></div>\n"
        f'<aside id="secondary" class="widget-area"><section class="widget widget_text">{side}</section>'
        '<section class="widget widget_recent_entries"><h2 '
        f'class="widget-title">Senaste nyheterna</h2><ul>{items}</ul></section>'
        f"</aside></div>\n"
        f'<footer id="colophon" class="site-footer"><div class="site-info">{site} · Kommunhuset · 123 30 Exempelstad · '
        f"0123-49 00 00</div></footer>\n</div>\n"
        f"<script src='/wp-includes/js/wp-emoji-release.min.js?ver=6.{night % 3}.1'></script>\n</body>\n</html>\n"
    )


def wordpress_block(p: Page, site: str, night: int, theme: int) -> str:
    layout = "is-layout-constrained wp-block-group-is-layout-constrained" if theme != 1 else "is-layout-flow"
    cid = 10 + (night * 7) % 13  # wp-container-core-group-is-layout-N ids are renumbered on every render
    lead = f'<p class="has-large-font-size">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="wp-block-group post-meta {layout}">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="wp-block-group {layout}">{p["foot"]}</div>' if p.get("foot") else ""
    items = _news_items(
        night,
        lambda t, d: (
            f'<li class="wp-block-post"><h3 class="wp-block-post-title"><a href="/nyhet/{_token(t, n=6)}/">{t}</a>'
            f'</h3><div class="wp-block-post-date"><time datetime="{d}T09:00:00+01:00">{d}</time></div></li>'
        ),
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<style id='wp-block-library-inline-css'>.wp-container-{cid}{{gap:1rem}}</style>\n",
        )
        + '<body class="page-template-default page wp-custom-logo wp-embed-responsive">\n<div class="wp-site-blocks">\n'
        f'<header class="wp-block-template-part"><div class="wp-block-group alignfull has-base-background-color '
        f'wp-container-core-group-is-layout-{cid}"><p class="wp-block-site-title"><a href="/" rel="home">{site}</a></p>'
        '<nav class="wp-block-navigation"><ul class="wp-block-navigation__container">'
        '<li class="wp-block-navigation-item">'
        '<a class="wp-block-navigation-item__content" '
        'href="/trafik-och-infrastruktur/">Trafik och infrastruktur</a></li>'
        '<li class="wp-block-navigation-item"><a '
        'class="wp-block-navigation-item__content" href="/kommun-och-politik/">'
        f"Kommun och politik</a></li></ul></nav></div></header>\n"
        f'<div class="wp-block-group alert {layout}"><p class="has-small-font-size">{banner(night)}</p></div>\n'
        f'<main class="wp-block-group {layout} wp-container-core-group-is-layout-{cid + 1}">\n'
        f'<h1 class="wp-block-post-title">{p["title"]}</h1>\n{top}\n'
        f'<div class="entry-content wp-block-post-content has-global-padding {layout}">{lead}{p["body"]}</div>\n'
        f"{foot}\n</main>\n"
        f'<div class="wp-block-group news {layout}"><h2 class="wp-block-heading">Nyheter</h2>'
        f'<ul class="wp-block-post-template">{items}</ul></div>\n'
        f'<footer class="wp-block-template-part"><div class="wp-block-group has-contrast-background-color">'
        f"<p>{site}</p><p>Besöksadress: Rådhusgatan 1</p><p>Telefon: 0123-45 60 00</p></div></footer>\n"
        "</div>\n</body>\n</html>\n"
    )


# -------------------------------------------- Municipio (a WordPress theme several municipalities share)


def municipio(p: Page, site: str, night: int, theme: int) -> str:
    grid = "o-grid" if theme != 1 else "o-grid o-grid--no-gutter"
    lead = f'<p class="lead c-typography__variant--lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="c-article__meta">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="c-article__footer u-margin__top--4">{p["foot"]}</div>' if p.get("foot") else ""
    side = f'<div class="{grid}-12@md c-card c-card--panel">{p["side"]}</div>' if p.get("side") else ""
    items = _news_items(
        night,
        lambda t, d: (
            f'<a class="c-card c-card--news" href="/nyheter/{_token(t, n=6)}/"><span class="c-card__heading">'
            f'{t}</span><span class="c-date">{d}</span></a>'
        ),
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night)
        + '<body class="page-template-default municipio">\n'
        '<div class="c-notice c-notice--warning" '
        f'data-id="{_token("notice", night, n=6)}"><span class="c-notice__message">'
        f"{banner(night)}</span></div>\n"
        f'<header class="c-header c-header--business"><a class="c-brand" href="/">{site}</a>'
        f'<nav class="c-nav c-nav--horizontal"><a class="c-nav__link" href="/omsorg/">Omsorg</a>'
        f'<a class="c-nav__link" href="/kommun-och-politik/">Kommun och politik</a></nav></header>\n'
        f'<div class="c-breadcrumb"><a href="/">Hem</a> › <a href="/kommun-och-politik/">Kommun och politik</a> › '
        f"{p['title']}</div>\n"
        f'<main id="main-content" class="o-container"><div class="{grid}">\n'
        f'<div class="{grid}-12@md"><article class="c-article c-article--readable-width s-article" id="article">\n'
        f'<h1 class="c-typography c-typography__variant--h1">{p["title"]}</h1>\n{top}\n{lead}\n'
        f'<div class="s-article__content">{p["body"]}</div>\n{foot}\n</article></div>\n{side}\n</div></main>\n'
        f'<section class="o-section news"><h2>Aktuellt</h2><div class="{grid}">{items}</div></section>\n'
        f'<footer class="c-footer"><p>{site}, 123 86 Exempelstad. Kontaktcenter: 0123-10 50 00</p></footer>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Umbraco (grid layout)


def umbraco(p: Page, site: str, night: int, theme: int) -> str:
    col = "col-md-8 column" if theme != 1 else "col-md-8 col-sm-12 column umb-column"
    lead = f'<p class="preamble">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="page-info">{p["top"]}</div>' if p.get("top") else ""
    foot = (
        '<div class="row clearfix"><div class="col-md-12 column">'
        f'<div class="page-footer">{p["foot"]}</div></div></div>'
        if p.get("foot")
        else ""
    )
    side = f'<div class="col-md-4 column"><div class="sidebar-box">{p["side"]}</div></div>' if p.get("side") else ""
    items = _news_items(night, lambda t, d: f'<li><a href="/aktuellt/{_token(t, n=6)}/">{t}</a><small>{d}</small></li>')
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<input name="__RequestVerificationToken" type="hidden" value="{_token("rvt", night, n=30)}">\n',
        )
        + "<body>\n"
        f'<header class="header"><div class="container"><a href="/" class="brand">{site}</a>'
        f'<ul class="nav"><li><a href="/stod-och-omsorg/">Stöd och omsorg</a></li><li><a href="/kommun-och-politik/">'
        f'Kommun och politik</a></li></ul><span class="todays-date">{today_widget(night)}</span></div></header>\n'
        f'<div class="crisis-info"><div class="container"><p>{banner(night)}</p></div></div>\n'
        f'<div class="container main"><div class="umb-grid"><div class="grid-section">\n'
        '<div class="row clearfix"><div class="col-md-12 column"><h1 '
        f'class="page-heading">{p["title"]}</h1>{lead}{top}</div></div>\n'
        f'<div class="row clearfix"><div class="{col}"><div class="rte">{p["body"]}</div></div>{side}</div>\n'
        f"{foot}\n</div></div></div>\n"
        f'<div class="container news-puffs"><h2>Nyheter</h2><ul>{items}</ul></div>\n'
        f'<footer class="footer"><div class="container"><p>{site} | Torget 1 | 123 44 Exempelstad</p>'
        f"<p>Växel: 0123-45 70 00 | Fax: 0123-45 70 99</p></div></footer>\n"
        f'<script src="/bundles/site.js?v={_token("js", night, n=12)}"></script>\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------- Polopoly


def polopoly(p: Page, site: str, night: int, theme: int) -> str:
    cont = "p_article" if theme != 1 else "p_article p_article--v2"
    lead = f'<p class="p_lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="p_meta">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="p_articlefooter">{p["foot"]}</div>' if p.get("foot") else ""
    side = f'<div id="rightcolumn" class="p_right">{p["side"]}</div>' if p.get("side") else ""
    items = _news_items(night, lambda t, d: f'<li><a href="/4.{_token(t, n=5)}.html">{t}</a> ({d})</li>')
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
        '\n<html xmlns="http://www.w3.org/1999/xhtml" lang="sv">\n' + _head(p["title"], site, night) + "<body>\n"
        f'<div id="wrapper"><div id="header"><a href="/"><img src="/polopoly_fs/1.1234!/logo.gif" alt="{site}" /></a>'
        f'<div id="topmenu"><a href="/2.100.html">Invånare</a> | <a href="/2.200.html">Näringsliv</a> | '
        f'<a href="/2.300.html">Kommun och politik</a></div><div id="datum">{today_widget(night)}</div></div>\n'
        f'<div id="crisis"><p>{banner(night)}</p></div>\n'
        f'<div id="leftcolumn" class="p_left"><ul class="p_menu"><li><a href="/2.310.html">Internationellt</a></li>'
        f'<li><a href="/2.320.html">Politik</a></li></ul></div>\n'
        f'<div id="maincolumn" class="p_main"><div class="{cont}">\n<h1>{p["title"]}</h1>\n{top}\n{lead}\n'
        f'<div class="p_body">{p["body"]}</div>\n{foot}\n</div></div>\n{side}\n'
        f'<div id="puffar" class="p_news"><h3>Nyheter</h3><ul>{items}</ul></div>\n'
        f'<div id="footer">{site} | 123 81 Exempelstad | Tfn 0123-83 000 | '
        f'<a href="mailto:kommun@exempel.se">kommun@exempel.se</a></div></div>\n'
        f"<!-- polopoly render {_token('render', night)} -->\n</body>\n</html>\n"
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "sitevision": sitevision,
    "episerver": episerver,
    "drupal": drupal,
    "wordpress": wordpress_classic,
    "wordpress-block": wordpress_block,
    "municipio": municipio,
    "umbraco": umbraco,
    "polopoly": polopoly,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise(html) if theme == 2 else html
