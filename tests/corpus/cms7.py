# ruff: noqa: E501  (markup literals: a skeleton reads better one element per line than wrapped mid-tag)
"""Page skeletons for the seventh held-out part (tests/corpus/heldout7), in CMSs and site generators that
:mod:`corpus.cms` .. :mod:`corpus.cms6` do not have, written anew from the author's knowledge of their output:

- ``aem-core``: Adobe Experience Manager with the core components (``cmp-*`` BEM classes inside
  ``aem-Grid``/``aem-GridColumn`` responsive grids, ``data-cmp-data-layer`` JSON, ``/content/dam/`` assets,
  ``/etc.clientlibs/…lc-<hash>-lc.min.css`` client libraries; a disruption experience fragment and a dated
  news list component INSIDE the page's grid);
- ``sitefinity``: Progress Sitefinity with MVC widgets (``sf_colsOut``/``sf_colsIn`` layout columns,
  ``sfContentBlock``, ``/docs/default-source/…?sfvrsn=`` documents; a news widget and a feedback form with
  ``__RequestVerificationToken`` in the content placeholder);
- ``wp-generatepress``: WordPress with GeneratePress and GenerateBlocks (``site-content``/``content-area``/
  ``inside-article``/``entry-content``, ``gb-container-<id>``; a query loop of news and a Contact Form 7 form
  with a nonce inside the entry);
- ``drupal-paragraphs``: Drupal 10 with Paragraphs (``field--name-field-paragraphs`` >
  ``paragraph--type--*``, ``file--mime-application-pdf`` links; an events view with a per-request
  ``js-view-dom-id``, a webform with ``form_build_id`` and a read counter inside the node);
- ``hugo``: a Hugo static site rebuilt every night (fingerprinted assets with ``integrity``, a build time in
  the footer, and in the article a table of contents, a reading time, related pages and previous/next links);
- ``hubspot``: HubSpot CMS drag-and-drop pages (``body-container-wrapper``, ``dnd-section``,
  ``row-fluid``, ``hs_cos_wrapper`` modules, ``/hubfs/`` files, ``?hsLang=`` links; a CTA whose A/B variant
  alternates, a blog listing and a countdown inside the page's modules).

Case fields are those of :mod:`corpus.cms`. ``night`` (any integer, negative too) rotates furniture the way
real sites do (some every night, some only some nights); ``theme`` 1 changes wrappers, classes and ids and
moves sidebars; theme 2 re-serialises (:func:`corpus.cms4.reserialise4`). All names, prose and numbers are
invented.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .cms import _MONTHS, Page, _fill, _head, _token, banner, news, today_widget
from .cms2 import FEEDBACK, _slug, footer_columns, mega_menu
from .cms3 import most_read, seasonal_link
from .cms4 import reserialise4

_MENU = ("Skola och förskola", "Omsorg och hjälp", "Bygga och bo", "Kultur och fritid", "Kommun och politik")
_DISRUPTIONS = (
    "Vattenavstängning på Kyrkvägen",
    "Störningar i telefonin till kontaktcenter",
    "Avstängd gång- och cykelväg vid Åbron",
)
_EVENTS = (
    ("2024-11-21", "Föreläsning: Att studera utomlands"),
    ("2024-11-26", "Öppet hus på Europa Direkt"),
    ("2024-12-03", "Julkonsert med vänortskören"),
    ("2024-12-10", "Nobeldagen på biblioteket"),
    ("2025-01-15", "Informationsträff om sommarjobb"),
)
_BLOG = (
    ("Så lyckades Lindgrens Plåt på den tyska marknaden", "11 nov 2024"),
    ("Fem frågor till nya näringslivschefen", "6 nov 2024"),
    ("Företagarfrukost: rekordmånga anmälda", "30 okt 2024"),
    ("Nu öppnar exportcheckarna för 2025", "24 okt 2024"),
)
_CTA = ("Boka ett möte med en företagslots", "Prata med oss om din etablering")
_RELATED = (
    "Vänorter",
    "Studera utomlands",
    "EU-projekt",
    "Europa Direkt",
    "Praktik i Europa",
    "Mottagning av delegationer",
)


def _day(night: int) -> dt.date:
    return dt.date(2024, 11, 18) + dt.timedelta(days=night)


def _cookie(night: int, cls: str, text: str) -> str:
    return (
        f'<div class="{cls}" role="region" aria-label="Kakor" data-v="{_token("ck7", night, n=8)}">'
        f"<p>{text}</p>"
        '<button type="button">Tillåt alla kakor</button><button type="button">Endast nödvändiga</button></div>\n'
    )


def _menu(a_class: str = "", query: str = "") -> str:
    cls = f' class="{a_class}"' if a_class else ""
    return "".join(f'<li><a{cls} href="/{_slug(t)}/{query}">{t}</a></li>' for t in _MENU)


def _events(night: int, count: int = 3) -> list[tuple[str, str]]:
    """Upcoming events from the night's date on: the list loses its first item as days pass."""
    today = _day(night).isoformat()
    upcoming = [e for e in _EVENTS if e[0] >= today] or list(_EVENTS[-1:])
    return upcoming[:count]


def _short(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {_MONTHS[d.month - 1][:3]}"


# ---------------------------------------------------------------- Adobe Experience Manager, core components


def _cmp(kind: str, inner: str, cols: str, salt: object, layer: str = "") -> str:
    ident = f"{kind}-{_token(kind, salt, n=10)}"
    data = (
        f' data-cmp-data-layer="{{&#34;{ident}&#34;:{{&#34;@type&#34;:&#34;kommun/components/{kind}&#34;,&#34;repo:modifyDate&#34;:&#34;{layer}&#34;}}}}"'
        if layer
        else ""
    )
    return f'<div class="{kind} aem-GridColumn {cols}"><div id="{ident}" class="cmp-{kind}"{data}>{inner}</div></div>\n'


def _aem_driftinfo(night: int) -> str:
    """A disruption notice, an experience fragment shown on the nights a disruption is on (two of three)."""
    if night % 3 == 1:
        return ""
    day = _day(night)
    text = _DISRUPTIONS[night % len(_DISRUPTIONS)]
    return (
        '<div class="experiencefragment aem-GridColumn aem-GridColumn--default--12"><div class="cmp-experiencefragment cmp-experiencefragment--driftinfo">'
        f'<div class="cmp-container"><div class="teaser"><div class="cmp-teaser"><p class="cmp-teaser__pretitle">Driftinformation</p>'
        f'<h2 class="cmp-teaser__title"><a class="cmp-teaser__title-link" href="/driftinformation/{_slug(text)}.html">{text}</a></h2>'
        f'<p class="cmp-teaser__description">Uppdaterad {day.day} {_MONTHS[day.month - 1]} {day.year} kl. 06.{10 + night % 40:02d}</p></div></div></div></div></div>\n'
    )


def _aem_news(night: int) -> str:
    items = "".join(
        f'<li class="cmp-list__item"><article><a class="cmp-list__item-link" href="/nyheter/{_slug(t[:30])}.html">'
        f'<span class="cmp-list__item-title">{t}</span><span class="cmp-list__item-date">{d}</span></a></article></li>'
        for t, d in news(night)
    )
    return f'<h2 class="cmp-title__text">Aktuellt</h2><ul class="cmp-list">{items}</ul>'


def aem_core(p: Page, site: str, night: int, theme: int) -> str:
    main_cols = "aem-GridColumn--default--8" if theme != 1 else "aem-GridColumn--default--8 aem-GridColumn--phone--12"
    body_layer = f"2024-0{1 + len(p['body']) % 9}-1{len(p['body']) % 10}T08:{len(p['body']) % 60:02d}:00Z"
    grid = _cmp("title", f'<h1 class="cmp-title__text">{p["title"]}</h1>', main_cols, p["title"])
    if p.get("lead"):
        grid += _cmp("text", f'<p class="ingress">{p["lead"]}</p>', main_cols, "lead")
    grid += _aem_driftinfo(night)
    if p.get("top"):
        grid += _cmp("text", p["top"], main_cols, "top")
    grid += _cmp("text", p["body"], main_cols, "body", layer=body_layer)
    grid += _cmp("list", _aem_news(night), main_cols, "news", layer=f"{_day(night).isoformat()}T04:00:12Z")
    if p.get("foot"):
        grid += _cmp("text", p["foot"], main_cols, "foot")
    side = ""
    if p.get("side"):
        side = _cmp("text", p["side"], "aem-GridColumn--default--4", "side")
    wrapper = "cmp-container" if theme != 1 else "cmp-container cmp-container--page"
    inner = side + grid if theme == 1 else grid + side
    lc = _token("lc", theme, night // 4, n=32)
    crumbs = (
        '<nav class="cmp-breadcrumb" aria-label="Brödsmulor"><ol class="cmp-breadcrumb__list">'
        '<li class="cmp-breadcrumb__item"><a class="cmp-breadcrumb__item-link" href="/start.html"><span>Start</span></a></li>'
        '<li class="cmp-breadcrumb__item"><a class="cmp-breadcrumb__item-link" href="/kommun-och-politik.html"><span>Kommun och politik</span></a></li>'
        f'<li class="cmp-breadcrumb__item cmp-breadcrumb__item--active"><span>{p["title"]}</span></li></ol></nav>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/etc.clientlibs/kommun/clientlibs/clientlib-site.lc-{lc}-lc.min.css" type="text/css">\n',
        )
        + '<body class="page basicpage" id="page-'
        + _token("pg", p["title"], n=10)
        + '">\n'
        + _cookie(night, "cmp-cookie-banner", "Vi använder kakor för statistik och för att webbplatsen ska fungera.")
        + '<div class="root container responsivegrid"><div class="cmp-container">\n'
        f'<header class="experiencefragment"><div class="cmp-experiencefragment cmp-experiencefragment--header"><a class="cmp-image__link" href="/start.html"><img class="cmp-image__image" src="/content/dam/kommun/logotyp.svg" alt="{site}"></a>'
        f'<nav class="cmp-navigation"><ul class="cmp-navigation__group">{_menu("cmp-navigation__item-link")}{seasonal_link(night)}</ul></nav>'
        f'<div class="cmp-navigation--mega">{mega_menu()}</div><form class="cmp-search" action="/sok.html"><input class="cmp-search__input" name="q"></form></div></header>\n'
        f'<div class="cmp-alert"><p>{banner(night)}</p></div>\n'
        f'<div class="breadcrumb">{crumbs}</div>\n'
        f'<main class="container responsivegrid"><div id="container-{_token("ct", theme, n=10)}" class="{wrapper}"><div class="aem-Grid aem-Grid--12 aem-Grid--default--12">\n{inner}</div></div></main>\n'
        f'<div class="feedback">{FEEDBACK}</div>\n'
        f'<footer class="experiencefragment"><div class="cmp-experiencefragment cmp-experiencefragment--footer"><div class="popular"><h2>Andra har läst</h2><ul>{most_read(night)}</ul></div>'
        f"{footer_columns(site, '0950-160 00')}</div></footer>\n</div></div>\n"
        f'<script src="/etc.clientlibs/kommun/clientlibs/clientlib-site.lc-{lc}-lc.min.js"></script>\n'
        f'<script>window.adobeDataLayer=window.adobeDataLayer||[];adobeDataLayer.push({{"page":{{"repo:modifyDate":"{_day(night).isoformat()}T03:1{night % 10}:00Z"}}}});</script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Progress Sitefinity (MVC widgets)


def _sf_news(night: int) -> str:
    items = "".join(
        f'<li><h3 class="sfnewsTitle"><a href="/nyheter/{d[:4]}/{d[5:7]}/{d[8:]}/{_slug(t[:24])}">{t}</a></h3><span class="sfnewsDate">{d}</span></li>'
        for t, d in news(night, 2)
    )
    return f'<div class="sf-news-list"><h2>Nyheter</h2><ul class="sfnewsList">{items}</ul></div>'


def _sf_form(night: int) -> str:
    return (
        # Hybrid pages sit inside ASP.NET's one <form>, so the MVC form widget renders as a div.
        '<div class="sf-form" data-sf-role="form-container">'
        f'<input name="__RequestVerificationToken" type="hidden" value="{_token("rvt7", night, n=44)}">'
        f'<input type="hidden" name="FormId" value="{_token("form", n=8)}-2c1a-4b7e-9d3f-{_token("fid", n=12)}">'
        "<fieldset><legend>Fick du svar på din fråga?</legend><label><input type='radio' name='svar' value='ja'> Ja</label>"
        "<label><input type='radio' name='svar' value='nej'> Nej</label></fieldset>"
        "<button type='submit' data-sf-btn-role='submit'>Skicka</button></div>"
    )


def _sf_campaign(night: int) -> str:
    """An image block an editor schedules for some weeks: on the page one night in three."""
    if night % 3:
        return ""
    return (
        '<div class="sf-Image-wrapper kampanj"><a href="/uppleva-och-gora/europaveckan"><img src="/images/default-source/kampanjer/europaveckan.jpg?sfvrsn=9b1c2e44_4" alt="Europaveckan"></a>'
        "<p class='caption'>Europaveckan – program för hela familjen</p></div>"
    )


def sitefinity(p: Page, site: str, night: int, theme: int) -> str:
    block = "sfContentBlock sf-Long-text" if theme != 1 else "sfContentBlock sf-Long-text sf-Long-text--2024"
    main = f'<div class="page-heading"><h1>{p["title"]}</h1></div>\n'
    if p.get("lead"):
        main += f'<div class="{block}"><p class="preamble">{p["lead"]}</p></div>\n'
    if p.get("top"):
        main += f'<div class="{block}">{p["top"]}</div>\n'
    main += f'<div class="{block}">{p["body"]}</div>\n{_sf_campaign(night)}\n'
    if p.get("foot"):
        main += f'<div class="{block}">{p["foot"]}</div>\n'
    main += f"{_sf_news(night)}\n<div class='sf-form-container'>{_sf_form(night)}</div>\n"
    side = f'<div class="{block} kontaktruta">{p.get("side", "")}</div>'
    main_col = f'<div class="sf_colsIn sf_2cols_1in_67" data-sf-element="Column 1" data-placeholder-label="Huvudinnehåll"><div class="content-main">{main}</div></div>'
    side_col = f'<div class="sf_colsIn sf_2cols_2in_33" data-sf-element="Column 2" data-placeholder-label="Högerspalt">{side}</div>'
    cols = side_col + main_col if theme == 1 else main_col + side_col
    layout = f'<div class="sf_colsOut sf_2cols_1_67{" container-fluid" if theme == 1 else ""}" data-sf-element="Row">{cols}</div>'
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link href="/ResourcePackages/Kommun/assets/dist/css/main.min.css?package=Kommun&amp;v={_token("sfv", night // 2, n=12)}" rel="stylesheet" type="text/css" />\n'
            f'<meta name="Generator" content="Sitefinity 14.4.8100.0 DX" />\n',
        )
        + "<body>\n"
        + _cookie(night, "cookie-consent sf-cookie", "Den här webbplatsen använder kakor. Läs mer om kakor.")
        + f'<form method="post" action="./internationellt" id="aspnetForm"><div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wE{_token("vs7", night, n=48)}"></div>\n'
        f'<header class="site-header" data-sf-element="Header"><div class="top-links"><span>{today_widget(night)}</span> <a href="/languages">Other languages</a></div>'
        f'<a class="logo" href="/">{site}</a><nav class="sf-navigation" role="navigation"><ul class="nav navbar-nav">{_menu()}{seasonal_link(night)}</ul></nav>'
        f'<div class="sf-mega">{mega_menu()}</div></header>\n'
        f'<div class="driftinfo-banner" data-sf-element="Alert">{banner(night)}</div>\n'
        '<nav class="breadcrumb-wrapper"><ol class="breadcrumb"><li><a href="/">Startsida</a></li><li><a href="/kommun-och-politik">Kommun och politik</a></li>'
        f'<li class="active">{p["title"]}</li></ol></nav>\n'
        f'<main id="main-content" class="sfPublicWrapper">{layout}</main>\n'
        f'<footer class="site-footer" data-sf-element="Footer"><div class="mostread"><h2>Mest besökta</h2><ul>{most_read(night)}</ul></div>{footer_columns(site, "0521-72 10 00")}</footer>\n'
        f'</form>\n<script src="/ScriptResource.axd?d={_token("sr", night, n=40)}&amp;t=ffffffff{_token("t", night // 2, n=8)}" type="text/javascript"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress + GeneratePress + GenerateBlocks


def _gb_query_loop(night: int) -> str:
    posts = "".join(
        f'<div class="gb-query-loop-item post-{900 + i + night % 7} post type-post status-publish"><div class="gb-container gb-container-a1c{i}">'
        f'<h3 class="gb-headline gb-headline-text"><a href="/{d[:4]}/{d[5:7]}/{_slug(t[:28])}/">{t}</a></h3>'
        f'<p class="gb-headline gb-headline-date"><time class="entry-date published" datetime="{d}T09:00:00+01:00">{d}</time></p></div></div>'
        for i, (t, d) in enumerate(news(night + 2, 3))
    )
    return f'<div class="gb-container gb-container-8e2f0c nyheter-loop"><h2 class="gb-headline">Senaste nytt från kommunen</h2><div class="gb-query-loop-wrapper">{posts}</div></div>'


def _cf7(night: int) -> str:
    return (
        f'<div class="wpcf7 no-js" id="wpcf7-f2211-p{318}-o1" lang="sv-SE" dir="ltr"><form action="/kommun-och-politik/eu-projekt/#wpcf7-f2211-p318-o1" method="post" class="wpcf7-form init" novalidate="novalidate" data-status="init">'
        '<div style="display: none;"><input type="hidden" name="_wpcf7" value="2211"><input type="hidden" name="_wpcf7_version" value="5.9.3">'
        '<input type="hidden" name="_wpcf7_locale" value="sv_SE"><input type="hidden" name="_wpcf7_unit_tag" value="wpcf7-f2211-p318-o1">'
        f'<input type="hidden" name="_wpcf7_container_post" value="318"><input type="hidden" name="_wpnonce" value="{_token("wpn", night, n=10)}"></div>'
        "<p><label>Har du en idé till ett EU-projekt? Berätta kort<br><textarea name='ide' cols='40' rows='4'></textarea></label></p>"
        "<p><input type='submit' value='Skicka' class='wpcf7-submit'></p></form></div>"
    )


def wp_generatepress(p: Page, site: str, night: int, theme: int) -> str:
    gb = _token("gbc", theme, n=6)
    entry = p["body"]
    if p.get("top"):
        entry = p["top"] + "\n" + entry
    if p.get("lead"):
        entry = f'<p class="ingress has-medium-font-size">{p["lead"]}</p>\n' + entry
    entry += "\n" + _gb_query_loop(night)
    if p.get("foot"):
        entry += f'\n<div class="gb-container gb-container-{gb} sidinfo">{p["foot"]}</div>'
    entry += "\n" + _cf7(night)
    article = (
        f'<article id="post-318" class="post-318 page type-page status-publish" itemtype="https://schema.org/CreativeWork" itemscope>'
        f'<div class="inside-article"><header class="entry-header"><h1 class="entry-title" itemprop="headline">{p["title"]}</h1></header>'
        f'<div class="entry-content" itemprop="text">\n{entry}\n</div></div></article>'
    )
    side = (
        '<div class="widget-area sidebar is-right-sidebar" id="right-sidebar"><div class="inside-right-sidebar">'
        f'<aside id="block-7" class="widget inner-padding widget_block">{p.get("side", "")}</aside>'
        f'<aside id="block-9" class="widget inner-padding widget_block"><h2 class="widget-title">Mest läst</h2><ul>{most_read(night, 3)}</ul></aside></div></div>'
    )
    primary = f'<div class="content-area" id="primary"><main class="site-main" id="main">{article}</main></div>'
    inner = side + primary if theme == 1 else primary + side
    container = (
        "site grid-container container hfeed" if theme != 1 else "site grid-container container hfeed grid-parent"
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<link rel='stylesheet' id='generate-style-css' href='/wp-content/themes/generatepress/assets/css/main.min.css?ver=3.4.{theme}' media='all' />\n"
            f"<link rel='stylesheet' id='generateblocks-css' href='/wp-content/uploads/generateblocks/style-318.css?ver={1731900000 + night * 86400}' media='all' />\n",
        )
        + '<body class="page-template-default page page-id-318 wp-embed-responsive right-sidebar nav-below-header separate-containers header-aligned-left dropdown-hover" itemtype="https://schema.org/WebPage" itemscope>\n'
        + _cookie(
            night,
            "cmplz-cookiebanner cmplz-bottom",
            "Vi använder kakor för att ge dig en bättre upplevelse av webbplatsen.",
        )
        + '<a class="screen-reader-text skip-link" href="#content" title="Hoppa till innehåll">Hoppa till innehåll</a>\n'
        f'<div class="top-bar top-bar-align-right"><div class="inside-top-bar grid-container"><aside class="widget inner-padding widget_text">Växel 0290-370 00 · {today_widget(night)}</aside></div></div>\n'
        f'<header class="site-header" id="masthead" itemtype="https://schema.org/WPHeader" itemscope><div class="inside-header grid-container"><div class="site-branding"><p class="main-title" itemprop="headline"><a href="/" rel="home">{site}</a></p></div></div></header>\n'
        f'<nav class="main-navigation sub-menu-right" id="site-navigation"><div class="inside-navigation grid-container"><div id="primary-menu" class="main-nav"><ul id="menu-huvudmeny" class="menu sf-menu">{_menu()}{seasonal_link(night)}</ul></div>{mega_menu()}</div></nav>\n'
        f'<div class="gb-container gb-container-notis"><p>{banner(night)}</p></div>\n'
        f'<div class="{container}" id="page"><div class="site-content" id="content">{inner}</div></div>\n'
        f'<div class="site-footer"><footer class="site-info" itemtype="https://schema.org/WPFooter" itemscope>{footer_columns(site, "0290-370 00")}</footer></div>\n'
        f"<script id='generate-menu-js' src='/wp-content/themes/generatepress/assets/js/menu.min.js?ver=3.4.{theme}'></script>\n"
        f'<script id=\'wpcf7-js-extra\'>var wpcf7 = {{"api":{{"root":"\\/wp-json\\/","namespace":"contact-form-7\\/v1"}},"cached":"{night % 2}"}};</script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Drupal 10 with Paragraphs


def _para(kind: str, inner: str, theme: int) -> str:
    pid = _token("para", kind, inner[:40], n=4)
    cls = f"paragraph paragraph--type--{kind} paragraph--view-mode--default"
    if theme == 1:
        cls += f" paragraph--id--{int(pid, 16) % 900 + 100}"
    return f'<div class="field__item"><div class="{cls}">{inner}</div></div>'


def _drupal_events(night: int) -> str:
    rows = "".join(
        f'<div class="views-row"><article class="node node--type-event node--view-mode-teaser"><time datetime="{d}T18:00:00Z">{_short(d)}</time> '
        f'<h3><a href="/evenemang/{_slug(t[:30])}" hreflang="sv">{t}</a></h3></article></div>'
        for d, t in _events(night)
    )
    return (
        f'<div class="views-element-container"><div class="view view-evenemang view-id-evenemang view-display-id-block_2 js-view-dom-id-{_token("dom", night, n=64)}">'
        f'<h2>Kommande evenemang</h2><div class="view-content">{rows}</div></div></div>'
    )


def _webform(night: int) -> str:
    return (
        '<form class="webform-submission-form webform-submission-add-form webform-submission-sidans-nytta-form js-webform-details-toggle" data-drupal-selector="webform-submission-sidans-nytta-add-form" action="/kommun-och-politik/internationellt" method="post" accept-charset="UTF-8">'
        "<fieldset><legend>Var sidan till hjälp?</legend><label><input type='radio' name='nytta' value='ja'> Ja</label><label><input type='radio' name='nytta' value='nej'> Nej</label></fieldset>"
        f'<input autocomplete="off" data-drupal-selector="form-{_token("fbid", night, n=43)}" type="hidden" name="form_build_id" value="form-{_token("fbid", night, n=43)}">'
        '<input data-drupal-selector="edit-webform-submission-sidans-nytta-add-form" type="hidden" name="form_id" value="webform_submission_sidans_nytta_add_form">'
        '<input type="submit" value="Skicka" class="button js-form-submit form-submit"></form>'
    )


def drupal_paragraphs(p: Page, site: str, night: int, theme: int) -> str:
    paras = _para("text", p["body"], theme)
    if p.get("top"):
        paras = _para("text", p["top"], theme) + paras
    paras += _para("view", _drupal_events(night), theme)
    if p.get("foot"):
        paras += _para("page-info", p["foot"], theme)
    node = (
        f'<article data-history-node-id="{1482}" class="node node--type-page node--view-mode-full">'
        f'<h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{p["title"]}</span></h1>'
        + (
            f'<div class="clearfix text-formatted field field--name-field-ingress field--type-text-long field--label-hidden field__item"><p>{p["lead"]}</p></div>'
            if p.get("lead")
            else ""
        )
        + f'<div class="field field--name-field-paragraphs field--type-entity-reference-revisions field--label-hidden field__items">{paras}</div>'
        f'<ul class="links inline"><li class="statistics-counter">{4120 + night * 23 + (night * night) % 7} läsningar</li></ul>'
        f'<div class="sidans-nytta">{_webform(night)}</div></article>'
    )
    side = (
        '<aside class="layout-sidebar-second" role="complementary"><div class="region region-sidebar-second">'
        f'<div id="block-kontakt" class="block block-block-content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">{p.get("side", "")}</div></div></div></aside>'
    )
    content = (
        f'<main role="main" class="layout-content"><a id="main-content" tabindex="-1"></a><div class="region region-content">'
        f'<div data-drupal-messages-fallback class="hidden"></div><div id="block-kommun-content" class="block block-system block-system-main-block">{node}</div></div></main>'
    )
    inner = side + content if theme == 1 else content + side
    layout = "layout-container" if theme != 1 else "layout-container layout-container--two-col"
    return (
        '<!DOCTYPE html>\n<html lang="sv" dir="ltr">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" media="all" href="/sites/default/files/css/css_{_token("agg", theme, night // 2, n=43)}.css?delta=0&amp;language=sv&amp;theme=kommun&amp;include=eJx{_token("inc", theme, n=20)}">\n'
            '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">\n',
        )
        + '<body class="path-node page-node-type-page">\n<a href="#main-content" class="visually-hidden focusable skip-link">Hoppa till huvudinnehåll</a>\n'
        + _cookie(
            night,
            "eu-cookie-compliance-banner eu-cookie-compliance-banner-info",
            "Vi använder kakor för att förbättra din upplevelse av webbplatsen.",
        )
        + f'<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas><div class="{layout}">\n'
        f'<header role="banner"><div class="region region-header"><a href="/" rel="home" class="site-logo">{site}</a><div class="datum">{today_widget(night)}</div></div>'
        f'<div class="region region-primary-menu"><nav role="navigation" id="block-kommun-main-menu"><ul class="menu">{_menu()}{seasonal_link(night)}</ul>{mega_menu()}</nav></div></header>\n'
        f'<div class="region region-highlighted"><div class="block block-kommun-alert">{banner(night)}</div></div>\n'
        f'<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation"><ol><li><a href="/">Start</a></li><li><a href="/kommun-och-politik">Kommun och politik</a></li><li>{p["title"]}</li></ol></nav></div>\n'
        f"{inner}\n"
        f'<footer role="contentinfo"><div class="region region-footer"><div class="block block-views"><h2>Senaste nytt</h2><ul>{"".join(f"<li>{t} {d}</li>" for t, d in news(night))}</ul></div>{footer_columns(site, "035-13 70 00")}</div></footer>\n'
        '</div></div>\n<script type="application/json" data-drupal-selector="drupal-settings-json">'
        f'{{"path":{{"baseUrl":"\\/","currentPath":"node\\/1482"}},"ajaxTrustedUrl":{{"form_action_p_pvdeGsVG5zNF_XLGPTvYSKCf43t8qZYSwcfZl2uzM":true}},"ajaxPageState":{{"libraries":"eJx{_token("lib", theme, n=24)}","theme_token":"{_token("tt", night, n=43)}"}}}}</script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Hugo, a static site rebuilt every night


def _toc(body: str) -> str:
    """Hugo's table of contents: the article's h2 headings, in order."""
    heads = re.findall(r"<h2[^>]*>(.*?)</h2>", body, re.S)
    if len(heads) < 2:
        return ""
    items = "".join(f'<li><a href="#{_slug(re.sub(r"<[^>]+>", "", h).strip())}">{h}</a></li>' for h in heads)
    return f'<nav id="TableOfContents"><ul>{items}</ul></nav>'


def _reading_time(*fields: str) -> int:
    words = sum(len(re.sub(r"<[^>]+>", " ", f).split()) for f in fields)
    return max(1, (words + 199) // 200)


def hugo(p: Page, site: str, night: int, theme: int) -> str:
    body = re.sub(r"<h2>(.*?)</h2>", lambda m: f'<h2 id="{_slug(m.group(1))}">{m.group(1)}</h2>', p["body"])
    minutes = _reading_time(p.get("lead", ""), p["body"], p.get("top", ""))
    related = [_RELATED[(night // 2 + i) % len(_RELATED)] for i in range(3)]
    related_links = "".join(f'<li><a href="/kommun-och-politik/{_slug(t)}/">{t}</a></li>' for t in related)
    news_links = "".join(f'<li><a href="/nyheter/">{t}</a> {d}</li>' for t, d in news(night, 2))
    prev_next = (
        f'<nav class="pager"><a class="prev" href="/kommun-och-politik/{_slug(_RELATED[night // 3 % len(_RELATED)])}/">← {_RELATED[night // 3 % len(_RELATED)]}</a>'
        f'<a class="next" href="/kommun-och-politik/{_slug(_RELATED[(night // 3 + 2) % len(_RELATED)])}/">{_RELATED[(night // 3 + 2) % len(_RELATED)]} →</a></nav>'
    )
    article = (
        f'<article class="prose page"><header><h1>{p["title"]}</h1><p class="meta">Lästid: {minutes} min</p></header>\n'
        + (f'<p class="lead">{p["lead"]}</p>\n' if p.get("lead") else "")
        + _toc(p["body"])
        + (f'<div class="page-meta">{p["top"]}</div>\n' if p.get("top") else "")
        + f'<div class="content">{body}</div>\n'
        + (f'<footer class="page-footer">{p["foot"]}</footer>\n' if p.get("foot") else "")
        + f'<aside class="related"><h2>Relaterade sidor</h2><ul>{related_links}</ul></aside>\n'
        + prev_next
        + "</article>"
    )
    side = f'<aside class="sidebar contact">{p.get("side", "")}</aside>' if p.get("side") else ""
    inner = (side + article) if theme == 1 else (article + side)
    fp = _token("css", theme, night // 4, n=64)
    built = _day(night)
    tag = "div" if theme != 1 else "section"
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + f'<head>\n<meta charset="utf-8">\n<meta name="generator" content="Hugo 0.13{theme}.1">\n'
        + f"<title>{p['title']} | {site}</title>\n"
        f'<link rel="stylesheet" href="/css/main.min.{fp}.css" integrity="sha256-{_token("sri", theme, night // 4, n=43)}=" crossorigin="anonymous">\n'
        f'<script defer src="/js/bundle.min.{_token("js", theme, night // 4, n=64)}.js"></script>\n</head>\n'
        '<body class="page-kind-page">\n'
        + _cookie(night, "cookie-notice", "Vi använder bara nödvändiga kakor och anonym besöksstatistik.")
        + f'<header class="site-header"><a class="logo" href="/">{site}</a><nav class="nav-main" aria-label="Huvudmeny"><ul>{_menu()}{seasonal_link(night)}</ul></nav>'
        f'<nav class="nav-all">{mega_menu()}</nav></header>\n'
        f'<div class="alert" role="status">{banner(night)}</div>\n'
        '<nav aria-label="Brödsmulor" class="breadcrumbs"><ol><li><a href="/">Hem</a></li><li><a href="/kommun-och-politik/">Kommun och politik</a></li>'
        f'<li aria-current="page">{p["title"]}</li></ol></nav>\n'
        f'<main id="main-content"><{tag} class="container">{inner}</{tag}></main>\n'
        f'<footer class="site-footer">{footer_columns(site, "0455-30 30 00")}<div class="news"><h2>Nyheter</h2><ul>{news_links}</ul></div>'
        f'<p class="build">Webbplatsen byggdes {built.isoformat()} 02:{(night * 7) % 60:02d}</p></footer>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- HubSpot CMS, drag-and-drop pages


def _hs_module(name: str, inner: str, salt: str, mtype: str = "rich_text") -> str:
    mid = f"module_{1700000000000 + int(_token('hsm', salt, n=6), 16) % 99999999}"
    return (
        f'<div class="hs_cos_wrapper hs_cos_wrapper_widget hs_cos_wrapper_type_module widget-type-{mtype}" id="hs_cos_wrapper_{mid}" data-hs-cos-general-type="widget" data-hs-cos-type="module">'
        f'<span id="hs_cos_wrapper_{mid}_" class="hs_cos_wrapper hs_cos_wrapper_widget hs_cos_wrapper_type_{mtype}" data-hs-cos-general-type="widget" data-hs-cos-type="{mtype}">{inner}</span></div>'
    )


def _hs_row(cells: str, n: int) -> str:
    return f'<div class="row-fluid-wrapper row-depth-1 row-number-{n} dnd-section"><div class="row-fluid">{cells}</div></div>'


def _hs_cell(inner: str, span: int, n: int) -> str:
    return f'<div class="span{span} widget-span widget-type-cell dnd-column" data-widget-type="cell" data-x="{n}" data-w="{span}">{inner}</div>'


def _hs_cta(night: int) -> str:
    guid = f"{_token('cta', n=8)}-4d21-4a0e-8f5b-{_token('ctag', n=12)}"
    return (
        f'<span class="hs-cta-wrapper" id="hs-cta-wrapper-{guid}"><span class="hs-cta-node hs-cta-{guid}" id="hs-cta-{guid}">'
        f'<a href="https://cta-redirect.hubspot.com/cta/redirect/4433221/{guid}" class="cta_button" data-variant="{night % 2}">{_CTA[night % 2]}</a></span></span>'
    )


def _hs_blog(night: int) -> str:
    start = night % len(_BLOG)
    posts = [_BLOG[(start + i) % len(_BLOG)] for i in range(3)]
    return (
        "<h2>Från Näringslivsbloggen</h2><ul class='blog-listing'>"
        + "".join(
            f'<li><a href="/blogg/{_slug(t[:30])}?hsLang=sv">{t}</a> <span class="blog-date">{d}</span></li>'
            for t, d in posts
        )
        + "</ul>"
    )


def _hs_countdown(night: int) -> str:
    days = (dt.date(2025, 1, 31) - _day(night)).days
    return f'<div class="countdown" data-end="2025-01-31"><p>Ansökan till exportcheckarna stänger om <strong>{days} dagar</strong>.</p></div>'


def hubspot(p: Page, site: str, night: int, theme: int) -> str:
    head_mod = _hs_module(
        "title", f"<h1>{p['title']}</h1>" + (f'<p class="ingress">{p["lead"]}</p>' if p.get("lead") else ""), "h"
    )
    body_mod = (_hs_module("top", p["top"], "top") if p.get("top") else "") + _hs_module("body", p["body"], "body")
    body_mod += _hs_module("countdown", _hs_countdown(night), "cd", "module")
    body_mod += _hs_module("cta", _hs_cta(night), "cta", "cta")
    if p.get("foot"):
        body_mod += _hs_module("foot", p["foot"], "foot")
    side_mod = (_hs_module("side", p["side"], "side") if p.get("side") else "") + _hs_module(
        "blog", _hs_blog(night), "blog", "post_listing"
    )
    main_cell, side_cell = _hs_cell(body_mod, 8, 0), _hs_cell(side_mod, 4, 8)
    cells = side_cell + main_cell if theme == 1 else main_cell + side_cell
    rows = _hs_row(_hs_cell(head_mod, 12, 0), 1) + _hs_row(cells, 2)
    area = f'<div class="container-fluid body-container body-container--page"><div class="row-fluid-wrapper"><div class="row-fluid"><div class="span12 widget-span widget-type-cell" data-widget-type="cell" data-x="0" data-w="12">{rows}</div></div></div></div>'
    if theme == 1:
        area = f'<div class="dnd-area" id="dnd_area-{_token("dnd", theme, n=6)}">{area}</div>'
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="//{4433221}.fs1.hubspotusercontent-eu1.net/hubfs/4433221/hub_generated/template_assets/1/{98000000000 + theme}/{1731900000000 + night * 86400000}/template_main.min.css">\n'
            f'<meta name="generator" content="HubSpot">\n',
        )
        + '<body><div class="body-wrapper hs-content-id-88231004412 hs-site-page page">\n'
        + _cookie(
            night,
            "hs-cookie-notification-position-bottom",
            "Vi använder kakor för att anpassa innehåll och mäta trafiken på webbplatsen.",
        )
        + f'<div data-global-resource-path="kommun-theme/templates/partials/header.html"><header class="header"><a class="header__logo" href="/?hsLang=sv">{site}</a>'
        f'<nav class="menu menu--desktop"><ul class="menu__wrapper no-list">{_menu("menu__link", "?hsLang=sv")}{seasonal_link(night)}</ul></nav><div class="menu--mobile">{mega_menu()}</div>'
        f'<div class="header__date">{today_widget(night)}</div></header></div>\n'
        f'<div class="alert-bar">{banner(night)}</div>\n'
        f'<main id="main-content" class="body-container-wrapper">{area}</main>\n'
        f'<div data-global-resource-path="kommun-theme/templates/partials/footer.html"><footer class="footer"><div class="mest-last"><h2>Mest läst</h2><ul>{most_read(night)}</ul></div>{footer_columns(site, "0591-640 00")}</footer></div>\n'
        f'</div>\n<script type="text/javascript" id="hs-script-loader" async defer src="/hs/scriptloader/4433221.js?businessUnitId=0&amp;t={_token("hsl", night, n=8)}"></script>\n'
        f'<script>var _hsq = _hsq || []; _hsq.push(["setContentType", "standard-page"]); _hsq.push(["setCanonicalUrl", ""]); _hsq.push(["setPageId", "88231004412"]); var hsVars = {{render_id: "{_token("rid", night, n=8)}-{_token("rid2", night, n=4)}-4a2c-9e10-{_token("rid3", night, n=12)}", ticks: {1731900000000 + night * 86400000 + 3131}}};</script>\n'
        "</body>\n</html>\n"
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "aem-core": aem_core,
    "sitefinity": sitefinity,
    "wp-generatepress": wp_generatepress,
    "drupal-paragraphs": drupal_paragraphs,
    "hugo": hugo,
    "hubspot": hubspot,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise4(html) if theme == 2 else html
