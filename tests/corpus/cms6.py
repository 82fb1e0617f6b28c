# ruff: noqa: E501  (markup literals: a skeleton reads better one element per line than wrapped mid-tag)
"""Page skeletons for the sixth held-out part (tests/corpus/heldout6), in CMSs and themes that
:mod:`corpus.cms` .. :mod:`corpus.cms5` do not have, written anew from the author's knowledge of their output:

- ``wp-kadence``: WordPress with Gutenberg blocks and the Kadence theme (``site-container``,
  ``content-wrap``, ``entry-content single-content``, ``wp-block-kadence-*`` wrappers with ``kb-row-layout-id``
  classes that change per build; a related-pages box and a share bar with counters INSIDE the entry);
- ``wp-wpbakery``: WordPress with WPBakery (``vc_row wpb_row`` > ``wpb_column vc_column_container`` >
  ``vc_column-inner`` > ``wpb_wrapper`` > ``wpb_text_column wpb_content_element``, ``vc_custom_<id>`` classes;
  a "Senaste nytt" column inside the content row);
- ``umbraco-grid``: Umbraco 7/8 with the grid layout (``umb-grid`` > ``grid-section`` > ``row`` > ``column``
  > ``umb-grid-controls`` rendered as Bootstrap ``col-md-N``; a rotating quote control in the grid);
- ``magnolia``: Magnolia CMS (``main-container``/``main-content``, components as ``<div class="component
  text-image">`` with ``cms:`` comments around areas, ``/dam/jcr:<uuid>/<name>.pdf`` assets, and a page-view
  counter "Sidan visades N gånger" under the article);
- ``squiz-matrix``: Squiz Matrix (``#main-content``, ``asset-listing`` lists, ``./?a=<id>`` links,
  ``__data/assets/pdf_file/…`` documents, an event calendar box inside the content column).

Case fields are those of :mod:`corpus.cms`. ``night`` rotates furniture; ``theme`` 1 changes wrappers,
classes and ids and moves sidebars; theme 2 re-serialises (:func:`corpus.cms4.reserialise4`).
All names, prose and numbers are invented.
"""

from __future__ import annotations

from collections.abc import Callable

from .cms import Page, _fill, _head, _token, banner, news, today_widget
from .cms2 import FEEDBACK, _slug, footer_columns, mega_menu
from .cms3 import most_read, seasonal_link
from .cms4 import reserialise4

_MENU = ("Förskola och skola", "Stöd och omsorg", "Miljö och trafik", "Fritid och kultur", "Kommun och politik")
_RELATED = ("Vänorter", "EU-projekt", "Praktik utomlands", "Europa Direkt", "Ungdomsutbyten", "Internationella dagen")
_QUOTES = (
    "”Utbytet gav oss nya idéer om skolmat.” – rektor i Norrby",
    "”Vi lärde oss mycket om cirkulär ekonomi.” – projektledare",
    "”Praktiken i Tartu blev en vändpunkt.” – elev på Hagaskolan",
)
_EVENTS = (
    ("12 dec", "Julmarknad på torget"),
    ("14 dec", "Luciakonsert i kyrkan"),
    ("9 jan", "Öppet hus på gymnasiet"),
    ("21 jan", "Informationsmöte om bygglov"),
)


def _cookie(night: int, cls: str) -> str:
    return (
        f'<div class="{cls}" role="dialog" aria-label="Kakor" data-ts="{_token("ck6", night, n=10)}">'
        "<p>Webbplatsen använder kakor. Du kan välja vilka kakor du godkänner.</p>"
        '<button type="button">Acceptera</button><button type="button">Inställningar</button></div>\n'
    )


def related(night: int) -> str:
    """A related-pages box whose picks follow the night's statistics: inside the article."""
    picks = [_RELATED[(night + i) % len(_RELATED)] for i in range(3)]
    return "".join(f'<li><a href="/{_slug(t)}/">{t}</a></li>' for t in picks)


def share_bar(night: int) -> str:
    return (
        f'<div class="share"><span>Dela sidan</span> <a href="#fb">Facebook <span class="count">{17 + night * 3}</span></a> '
        f'<a href="#li">LinkedIn <span class="count">{4 + night}</span></a> <a href="#mail">E-post</a></div>'
    )


def quote(night: int) -> str:
    return _QUOTES[night % len(_QUOTES)]


def events(night: int) -> str:
    picks = [_EVENTS[(night + i) % len(_EVENTS)] for i in range(2)]
    return "".join(f'<li><span class="date">{d}</span> <a href="/kalender/{_slug(t)}/">{t}</a></li>' for d, t in picks)


def _news_list(night: int) -> str:
    return "".join(f'<li><a href="/nyheter/{_token(t, n=6)}/">{t}</a> <time>{d}</time></li>' for t, d in news(night))


def _feedback(attr: str, night: int) -> str:
    """The feedback form with a token attribute that changes every night."""
    return FEEDBACK.replace("<form ", f'<form {attr}="{_token(attr, night, n=12)}" ')


def _menu(a_class: str = "") -> str:
    cls = f' class="{a_class}"' if a_class else ""
    return "".join(f'<li><a{cls} href="/{_slug(t)}/">{t}</a></li>' for t in _MENU)


# ---------------------------------------------------------------- WordPress + Gutenberg + Kadence


def wp_kadence(p: Page, site: str, night: int, theme: int) -> str:
    row = _token("kbrow", theme, n=6)
    wrap = "section" if theme == 1 else "div"
    entry = (
        f'<header class="entry-header page-title title-align-inherit"><h1 class="entry-title">{p["title"]}</h1></header>\n'
        f'<div class="entry-content single-content">\n'
        + (f'<p class="has-large-font-size ingress">{p["lead"]}</p>\n' if p.get("lead") else "")
        + (f'<div class="wp-block-group is-layout-flow">{p["top"]}</div>\n' if p.get("top") else "")
        + f'<{wrap} class="wp-block-kadence-rowlayout alignnone"><div class="kb-row-layout-wrap kb-row-layout-id{row}_{_token("a", theme, n=4)}">'
        f'<div class="kt-row-column-wrap kt-has-1-columns"><div class="wp-block-kadence-column kadence-column{row}"><div class="kt-inside-inner-col">\n'
        f"{p['body']}\n</div></div></div></div></{wrap}>\n"
        f'<aside class="wp-block-group relaterat"><h2 class="wp-block-heading">Relaterade sidor</h2><ul>{related(night)}</ul></aside>\n'
        + (f'<div class="wp-block-group sidfot-artikel">{p["foot"]}</div>\n' if p.get("foot") else "")
        + share_bar(night)
        + "\n</div>\n"
    )
    side = (
        f'<aside id="secondary" role="complementary" class="primary-sidebar widget-area sidebar-slug-sidebar-primary">'
        f'<div class="sidebar-inner-wrap"><section class="widget widget_block">{p.get("side", "")}</section>'
        f'<section class="widget widget_recent_entries"><h2 class="widget-title">Senaste nytt</h2><ul>{_news_list(night)}</ul></section></div></aside>\n'
    )
    article = f'<article id="post-{412}" class="entry content-bg single-entry post-412 page type-page status-publish"><div class="entry-content-wrap">{entry}</div></article>\n'
    inner = side + article if theme == 1 else article + side
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE" class="no-js">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<link rel='stylesheet' id='kadence-global-css' href='/wp-content/themes/kadence/assets/css/global.min.css?ver=1.{night}.{theme}' media='all' />\n",
        )
        + '<body class="page-template-default page wp-embed-responsive footer-on-bottom hide-focus-outline link-style-standard has-sidebar content-title-style-normal">\n'
        + _cookie(night, "cky-consent-container cky-classic-bottom")
        + '<div id="wrapper" class="site wp-site-blocks">\n<a class="skip-link screen-reader-text scroll-ignore" href="#main">Hoppa till innehåll</a>\n'
        f'<header id="masthead" class="site-header" role="banner"><div class="site-header-wrap"><div class="site-top-header-wrap"><span class="datum">{today_widget(night)}</span></div>'
        f'<div class="site-branding"><a class="brand has-logo-image" href="/"><img src="/wp-content/uploads/2024/01/logga.svg" alt="{site}"></a></div>'
        f'<nav id="site-navigation" class="main-navigation header-navigation nav--toggle-sub header-navigation-style-standard"><div class="primary-menu-container header-menu-container"><ul id="primary-menu" class="menu">{_menu()}{seasonal_link(night)}</ul></div></nav>'
        f'<div id="mobile-drawer" class="popup-drawer">{mega_menu()}</div></div></header>\n'
        f'<div class="kadence-notice varningsbanner"><p>{banner(night)}</p></div>\n'
        f'<div id="inner-wrap" class="wrap hfeed kt-clear"><div id="primary" class="content-area"><div class="content-container site-container"><main id="main" class="site-main" role="main"><div class="content-wrap">\n{inner}</div></main></div></div></div>\n'
        f'<div class="feedback-wrap">{_feedback("data-nonce", night)}</div>\n'
        f'<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-footer-wrap"><div class="mest-last"><h2>Mest besökt</h2><ul>{most_read(night)}</ul></div>'
        f"{footer_columns(site, '0159-66 70 00')}</div></footer>\n</div>\n"
        f"<script src='/wp-content/themes/kadence/assets/js/navigation.min.js?ver=1.{night}.{theme}' id='kadence-navigation-js'></script>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress + WPBakery


def _vc_text(inner: str, salt: str, theme: int) -> str:
    cid = _token("vc", salt, theme, n=13)
    return (
        f'<div class="wpb_text_column wpb_content_element vc_custom_{cid}"><div class="wpb_wrapper">{inner}</div></div>'
    )


def _vc_col(inner: str, width: str, theme: int) -> str:
    extra = " vc_col-has-fill" if theme == 1 else ""
    return f'<div class="wpb_column vc_column_container vc_col-sm-{width}{extra}"><div class="vc_column-inner"><div class="wpb_wrapper">{inner}</div></div></div>'


def wp_wpbakery(p: Page, site: str, night: int, theme: int) -> str:
    main = _vc_text(f'<h1 class="sidrubrik">{p["title"]}</h1>', "h", theme)
    if p.get("lead"):
        main += _vc_text(f'<p class="lead"><strong>{p["lead"]}</strong></p>', "lead", theme)
    if p.get("top"):
        main += _vc_text(p["top"], "top", theme)
    main += _vc_text(p["body"], "body", theme)
    main += '<div class="vc_separator wpb_content_element vc_separator_align_center"><span class="vc_sep_holder"><span class="vc_sep_line"></span></span></div>'
    main += _vc_text(f'<blockquote class="citat">{quote(night)}</blockquote>', "q", theme)
    if p.get("foot"):
        main += _vc_text(p["foot"], "foot", theme)
    side = (_vc_text(p["side"], "side", theme) if p.get("side") else "") + _vc_text(
        f'<h3>Senaste nytt</h3><ul class="nyhetslista">{_news_list(night)}</ul>', "news", theme
    )
    cols = _vc_col(main, "8", theme) + _vc_col(side, "4", theme)
    if theme == 1:
        cols = _vc_col(side, "4", theme) + _vc_col(main, "8", theme)
    row = f'<div class="vc_row wpb_row vc_row-fluid vc_custom_{_token("row", theme, n=13)}">{cols}</div>'
    if theme == 1:
        row = f'<section class="vc_section">{row}</section>'
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<link rel='stylesheet' id='js_composer_front-css' href='/wp-content/plugins/js_composer/assets/css/js_composer.min.css?ver=7.{night}' media='all' />\n",
        )
        + '<body class="page-template-default page wpb-js-composer js-comp-ver-7.5 vc_responsive">\n'
        + _cookie(night, "moove-gdpr-info-bar-container")
        + f'<div id="top-bar"><span>Växel 0370-38 90 00</span> <span class="idag">{today_widget(night)}</span></div>\n'
        f'<header class="site-header"><a href="/" class="logo">{site}</a><nav class="main-nav"><ul>{_menu()}{seasonal_link(night)}</ul></nav><div class="mega">{mega_menu()}</div></header>\n'
        f'<div class="alert-bar" data-id="{_token("al", night, n=6)}">{banner(night)}</div>\n'
        f'<div id="main" class="site-content"><div class="container"><div class="entry-content">{row}</div></div></div>\n'
        f'<div class="sidfeedback">{FEEDBACK}</div>\n'
        f'<footer id="footer" class="site-footer"><div class="widget"><h4>Populärt just nu</h4><ul>{most_read(night)}</ul></div>{footer_columns(site, "0370-38 90 00")}</footer>\n'
        f"<script src='/wp-content/plugins/js_composer/assets/js/dist/js_composer_front.min.js?ver=7.{night}'></script>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Umbraco 7/8 grid layout


def _umb_control(inner: str, editor: str) -> str:
    return f'<div class="umb-grid-control umb-grid-control--{editor}">{inner}</div>'


def umbraco_grid(p: Page, site: str, night: int, theme: int) -> str:
    controls = _umb_control(f"<h1>{p['title']}</h1>", "headline")
    if p.get("lead"):
        controls += _umb_control(f'<p class="preamble">{p["lead"]}</p>', "rte")
    if p.get("top"):
        controls += _umb_control(p["top"], "rte")
    controls += _umb_control(p["body"], "rte")
    controls += _umb_control(f'<figure class="citat"><blockquote>{quote(night)}</blockquote></figure>', "quote")
    if p.get("foot"):
        controls += _umb_control(p["foot"], "rte")
    side = _umb_control(p.get("side", ""), "rte") + _umb_control(
        f"<h2>Relaterat</h2><ul>{related(night)}</ul>", "macro"
    )
    cls = "column" if theme != 1 else "column grid-col"
    main_col = f'<div class="col-md-8 {cls}"><div class="umb-grid-controls">{controls}</div></div>'
    side_col = f'<div class="col-md-4 {cls}"><div class="umb-grid-controls">{side}</div></div>'
    cols = side_col + main_col if theme == 1 else main_col + side_col
    grid = f'<div class="umb-grid"><div class="grid-section"><div class="container"><div class="row clearfix">{cols}</div></div></div></div>'
    if theme == 1:
        grid = f'<section class="content-grid" id="g{_token("g", theme, n=5)}">{grid}</section>'
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link href="/DependencyHandler.axd?s={_token("dh", night, n=24)}&amp;t=Css&amp;cdv=1{night}" type="text/css" rel="stylesheet"/>\n',
        )
        + '<body class="contentpage">\n'
        + _cookie(night, "cookie-notice")
        + f'<header class="header"><div class="container"><a class="logo" href="/">{site}</a><form action="/sok/" class="search"><input type="hidden" name="__RequestVerificationToken" value="{_token("rvt", night, n=40)}"><input name="q"></form>'
        f'<nav class="nav"><ul>{_menu()}{seasonal_link(night)}</ul></nav><div class="megamenu">{mega_menu()}</div></div></header>\n'
        f'<div class="important-message"><p>{banner(night)}</p></div>\n'
        f'<main id="content" class="main">{grid}</main>\n'
        f'<section class="news-strip"><h2>Nyheter</h2><ul>{_news_list(night)}</ul></section>\n'
        f'<footer class="footer">{footer_columns(site, "0431-46 80 00")}<p class="updated-widget">{today_widget(night)}</p></footer>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Magnolia


def magnolia(p: Page, site: str, night: int, theme: int) -> str:
    comp = "component" if theme != 1 else "component mgnl-comp"
    parts = (
        f'<div class="{comp} page-intro"><h1>{p["title"]}</h1>'
        + (f'<p class="intro">{p["lead"]}</p>' if p.get("lead") else "")
        + "</div>\n"
    )
    if p.get("top"):
        parts += f'<div class="{comp} text">{p["top"]}</div>\n'
    parts += f'<!-- cms:area name="main" -->\n<div class="{comp} text-image">{p["body"]}</div>\n<!-- /cms:area -->\n'
    if p.get("foot"):
        parts += f'<div class="{comp} page-info">{p["foot"]}</div>\n'
    parts += (
        f'<div class="{comp} page-views"><p>Sidan visades {1200 + night * 37} gånger den senaste månaden</p></div>\n'
    )
    tag = "section" if theme == 1 else "div"
    main = f'<{tag} class="main-content" id="mc{_token("mc", theme, n=4)}">{parts}</{tag}>'
    side = f'<div class="sidebar"><div class="{comp} contact-box">{p.get("side", "")}</div><div class="{comp} news-teaser"><h2>Senaste nytt</h2><ul>{_news_list(night)}</ul></div></div>'
    body = side + main if theme == 1 else main + side
    return (
        '<!DOCTYPE html>\n<html lang="sv" xml:lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/.resources/kommun-theme/css/styles~{_token("mg", night, n=10)}~.css">\n',
        )
        + '<body class="page-standard">\n'
        + _cookie(night, "cc-window cc-banner")
        + f'<div class="header-wrapper"><header><a href="/" class="logo">{site}</a><div class="todays-date">{today_widget(night)}</div>'
        f'<nav class="main-navigation"><ul>{_menu()}{seasonal_link(night)}</ul></nav><div class="nav-flyout">{mega_menu()}</div></header></div>\n'
        f'<div class="alert-message" role="alert">{banner(night)}</div>\n'
        f'<div class="main-container"><main>{body}</main></div>\n'
        f'<div class="feedback">{_feedback("data-csrf", night)}</div>\n'
        f'<footer class="footer-wrapper"><div class="popular"><h2>Mest läst</h2><ul>{most_read(night)}</ul></div>{footer_columns(site, "0923-65 00 00")}</footer>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Squiz Matrix


def squiz_matrix(p: Page, site: str, night: int, theme: int) -> str:
    body = f'<div id="content-header"><h1>{p["title"]}</h1></div>\n'
    if p.get("lead"):
        body += f'<div class="intro"><p>{p["lead"]}</p></div>\n'
    if p.get("top"):
        body += f'<div class="page-meta">{p["top"]}</div>\n'
    body += f'<div class="content-body" id="content_container_{4000 + theme}">{p["body"]}</div>\n'
    body += f'<div class="event-box"><h2>Kalender</h2><ul class="asset-listing">{events(night)}</ul></div>\n'
    if p.get("foot"):
        body += f'<div class="page-footer-info">{p["foot"]}</div>\n'
    tag = "section" if theme == 1 else "div"
    main = f'<{tag} id="main-content" class="{"col-main" if theme != 1 else "main col-lg-9"}">{body}</{tag}>'
    side = f'<div id="right-col" class="col-side">{p.get("side", "")}<div class="news"><h2>Senaste nytt</h2><ul class="asset-listing">{_news_list(night)}</ul></div></div>'
    cols = side + main if theme == 1 else main + side
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/__data/assets/css_file_folder/0020/1234/main.css?v=0.1.{night}">\n',
        )
        + '<body id="page" class="standard">\n'
        + _cookie(night, "cookie-consent")
        + f'<div id="header"><a href="./?a=1">{site}</a><span class="date">{today_widget(night)}</span><ul id="nav">{_menu()}{seasonal_link(night)}</ul><div id="subnav">{mega_menu()}</div></div>\n'
        f'<div class="notice-banner">{banner(night)}</div>\n'
        f'<div id="wrapper"><div class="row">{cols}</div></div>\n'
        f'<div class="rate-page">{_feedback("data-sq-token", night)}</div>\n'
        f'<div id="footer"><div class="most-read"><h2>Mest läst</h2><ul>{most_read(night)}</ul></div>{footer_columns(site, "0582-68 50 00")}</div>\n'
        f'<script src="/__data/assets/js_file/0011/2222/site.js?v={_token("js", night, n=6)}"></script>\n</body>\n</html>\n'
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "wp-kadence": wp_kadence,
    "wp-wpbakery": wp_wpbakery,
    "umbraco-grid": umbraco_grid,
    "magnolia": magnolia,
    "squiz-matrix": squiz_matrix,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise4(html) if theme == 2 else html
