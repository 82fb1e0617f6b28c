# ruff: noqa: E501  (markup literals: a skeleton reads better one element per line than wrapped mid-tag)
"""Page skeletons for the fifth held-out part (tests/corpus/heldout5), in CMSs and page builders that
:mod:`corpus.cms` .. :mod:`corpus.cms4` do not have, written anew from what their public templates emit:

- ``wp-elementor``: WordPress with the Elementor page builder (a ``data-elementor-type`` root, every
  block a ``elementor-section`` > ``elementor-container`` > ``elementor-column`` > ``elementor-widget-wrap``
  > ``elementor-widget`` > ``elementor-widget-container`` stack with generated ``elementor-element-<hash>``
  classes and ``data-id`` attributes; theme 1 is the flexbox-container output, ``e-con``/``e-con-inner``);
- ``wp-divi``: WordPress with the Divi theme and builder (``et-main-area``, ``et_pb_section_N`` >
  ``et_pb_row_N`` > ``et_pb_column_N`` > ``et_pb_module et_pb_text_N`` > ``et_pb_text_inner``, numbered
  classes that shift when a module is added above, ``#main-footer`` and ``#footer-bottom``);
- ``wagtail``: a Wagtail site in the bakerydemo/CodeRed manner (StreamField blocks each in a
  ``block-<name>`` div, Bootstrap rows, ``csrfmiddlewaretoken`` in the search and feedback forms,
  renditions with ``.fill-…`` and ``.max-…`` names);
- ``kentico-portal``: Kentico 12 Portal Engine (one WebForms ``form``, ``p_lt_ctl0N_…`` ids from the
  layout tree, editable-text web parts, ``__VIEWSTATE`` and ``/getattachment/<guid>/<name>.aspx`` files);
- ``contao``: Contao 4 (``#wrapper``/``#header``/``#container``/``#main``/``#right``/``#footer`` each with an
  ``inside`` div, ``mod_article`` holding ``ce_text``/``ce_downloads block`` elements, ``REQUEST_TOKEN``, and
  the ``<base href>`` its page template writes, given by the case's ``base`` field, that relative
  ``files/…`` links resolve against);
- ``joomla3``: Joomla 3 with Protostar (``item-page`` with schema.org microdata, an ``article-info`` dl whose
  dates sit in ``dd`` elements and whose hit counter, ``{hits}`` in a case field, rises every night,
  ``span9``/``span3`` columns, a form token whose NAME is the hash);
- ``craft-tailwind``: Craft CMS with a Tailwind front end (Matrix blocks as ``<section>`` with utility
  classes that the next build rearranges, ``CRAFT_CSRF_TOKEN``, a hashed ``/dist/`` bundle).

The case fields are those of :mod:`corpus.cms` (title, lead, top, body, foot, side). ``night`` rotates the
furniture (cookie dialogs, alert banners, news lists with dates, "most read" lists, seasonal menu links, a
current-date header, tokens and cache-busting asset URLs). ``theme`` 1 changes wrappers, classes and ids the
way a theme or builder upgrade does (extra wrappers, ``div`` become ``section``, the sidebar moves before the
content, generated class names change); theme 2 re-serialises the same markup (:func:`corpus.cms4.reserialise4`).
All names, prose and numbers are invented.
"""

from __future__ import annotations

from collections.abc import Callable

from .cms import Page, _fill, _head, _token, banner, news, today_widget
from .cms2 import FEEDBACK, _slug, footer_columns, mega_menu
from .cms3 import most_read, seasonal_link
from .cms4 import reserialise4

_MENU = ("Barn och utbildning", "Omsorg och stöd", "Bo, bygga och miljö", "Kultur och fritid", "Kommun och politik")


def _cookie(night: int, cls: str) -> str:
    return (
        f'<div class="{cls}" role="dialog" aria-label="Kakor" data-consent="{_token("ck", night, n=10)}">'
        "<p>Vi använder kakor för att förbättra webbplatsen. Läs mer om hur vi hanterar kakor.</p>"
        '<button type="button">Godkänn alla</button><button type="button">Bara nödvändiga</button></div>\n'
    )


# ---------------------------------------------------------------- WordPress + Elementor


def _el_widget(kind: str, inner: str, salt: str, night: int) -> str:
    eid = _token("elw", salt, n=7)
    return (
        f'<div class="elementor-element elementor-element-{eid} elementor-widget elementor-widget-{kind}" '
        f'data-id="{eid}" data-element_type="widget" data-widget_type="{kind}.default">'
        f'<div class="elementor-widget-container">{inner}</div></div>'
    )


def _el_column(widgets: str, salt: str, width: int, theme: int) -> str:
    cid = _token("elc", salt, theme, n=7)
    if theme == 1:
        return f'<div class="elementor-element elementor-element-{cid} e-con-full e-flex e-con e-child" data-id="{cid}" data-element_type="container">{widgets}</div>'
    return (
        f'<div class="elementor-column elementor-col-{width} elementor-top-column elementor-element elementor-element-{cid}" '
        f'data-id="{cid}" data-element_type="column"><div class="elementor-widget-wrap elementor-element-populated">{widgets}</div></div>'
    )


def _el_section(columns: str, salt: str, theme: int) -> str:
    sid = _token("els", salt, theme, n=7)
    if theme == 1:
        return (
            f'<div class="elementor-element elementor-element-{sid} e-flex e-con-boxed e-con e-parent" data-id="{sid}" '
            f'data-element_type="container"><div class="e-con-inner">{columns}</div></div>'
        )
    return (
        f'<section class="elementor-section elementor-top-section elementor-element elementor-element-{sid} elementor-section-boxed '
        f'elementor-section-height-default" data-id="{sid}" data-element_type="section">'
        f'<div class="elementor-container elementor-column-gap-default">{columns}</div></section>'
    )


def wp_elementor(p: Page, site: str, night: int, theme: int) -> str:
    post = 1187
    main_widgets = _el_widget(
        "heading", f'<h1 class="elementor-heading-title elementor-size-default">{p["title"]}</h1>', "h", night
    )
    if p.get("lead"):
        main_widgets += _el_widget("text-editor", f'<p class="ingress"><strong>{p["lead"]}</strong></p>', "lead", night)
    if p.get("top"):
        main_widgets += _el_widget("text-editor", p["top"], "top", night)
    main_widgets += _el_widget("text-editor", p["body"], "body", night)
    if p.get("foot"):
        main_widgets += _el_widget("text-editor", p["foot"], "foot", night)
    main_widgets += _el_widget(
        "share-buttons",
        '<div class="elementor-grid"><div class="elementor-grid-item"><div class="elementor-share-btn elementor-share-btn_facebook" role="button" tabindex="0" aria-label="Dela på facebook">'
        '<span class="elementor-share-btn__text"><span class="elementor-share-btn__title">Dela</span></span></div></div>'
        '<div class="elementor-grid-item"><div class="elementor-share-btn elementor-share-btn_print" role="button" tabindex="0"><span class="elementor-share-btn__title">Skriv ut</span></div></div></div>',
        "share",
        night,
    )
    side_widgets = _el_widget("text-editor", p["side"], "side", night) if p.get("side") else ""
    side_widgets += _el_widget(
        "html",
        f'<div class="puff-nyheter"><h3>Senaste nytt</h3><ul>{"".join(f"<li><a href=/nyheter/{_token(t, n=6)}/>{t}</a> <span class=datum>{d}</span></li>" for t, d in news(night))}</ul></div>',
        "newsw",
        night,
    )
    main_col, side_col = _el_column(main_widgets, "mc", 66, theme), _el_column(side_widgets, "sc", 33, theme)
    cols = main_col + side_col if theme != 1 else side_col + main_col
    content = _el_section(cols, "row1", theme)
    content += _el_section(
        _el_column(
            _el_widget(
                "form", FEEDBACK.replace("<form ", f"<form data-nonce='{_token('wpn', night, n=10)}' "), "fb", night
            ),
            "fbc",
            100,
            theme,
        ),
        "row2",
        theme,
    )
    menu = "".join(
        f'<li id="menu-item-{40 + i}" class="menu-item menu-item-type-post_type menu-item-object-page menu-item-{40 + i}"><a href="/{_slug(t)}/" class="elementor-item">{t}</a></li>'
        for i, t in enumerate(_MENU)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<link rel='stylesheet' id='elementor-post-{post}-css' href='/wp-content/uploads/elementor/css/post-{post}.css?ver={1700000000 + night * 86400}' media='all' />\n"
            f"<link rel='stylesheet' id='elementor-frontend-css' href='/wp-content/plugins/elementor/assets/css/frontend.min.css?ver=3.2{theme}.{night % 4}' media='all' />\n",
        )
        + f'<body class="page-template-default page page-id-{post} wp-custom-logo elementor-default elementor-kit-6 elementor-page elementor-page-{post}">\n'
        + _cookie(night, "cmplz-cookiebanner cmplz-show banner-1 optin")
        + '<a class="skip-link screen-reader-text" href="#content">Hoppa till innehåll</a>\n'
        '<div data-elementor-type="header" data-elementor-id="22" class="elementor elementor-22 elementor-location-header">'
        + _el_section(
            _el_column(
                _el_widget(
                    "theme-site-logo",
                    f'<a href="/"><img src="/wp-content/uploads/2023/05/logo.svg" alt="{site}"></a>',
                    "logo",
                    night,
                )
                + _el_widget("html", f'<div class="dagens-datum">{today_widget(night)}</div>', "date", night)
                + _el_widget(
                    "nav-menu",
                    f'<nav class="elementor-nav-menu--main elementor-nav-menu__container"><ul id="menu-1-{_token("m", night, n=5)}" class="elementor-nav-menu">{menu}{seasonal_link(night)}</ul></nav>'
                    f'<nav class="elementor-nav-menu--dropdown" aria-hidden="true">{mega_menu()}</nav>',
                    "nav",
                    night,
                ),
                "hc",
                100,
                theme,
            ),
            "hdr",
            theme,
        )
        + "</div>\n"
        f'<div class="driftinfo-banner"><p>{banner(night)}</p></div>\n'
        f'<main id="content" class="site-main post-{post} page type-page status-publish hentry">\n'
        f'<div class="page-content"><div data-elementor-type="wp-page" data-elementor-id="{post}" class="elementor elementor-{post}">{content}</div></div>\n'
        "</main>\n"
        '<div data-elementor-type="footer" data-elementor-id="31" class="elementor elementor-31 elementor-location-footer">'
        + _el_section(
            _el_column(
                _el_widget(
                    "html", f'<div class="mest-last"><h3>Mest läst</h3><ul>{most_read(night)}</ul></div>', "mr", night
                )
                + _el_widget("html", footer_columns(site, "0511-79 40 00"), "fcols", night),
                "fc",
                100,
                theme,
            ),
            "ftr",
            theme,
        )
        + "</div>\n"
        f"<script src='/wp-content/plugins/elementor-pro/assets/js/frontend.min.js?ver=3.2{theme}.{night % 4}' id='elementor-pro-frontend-js'></script>\n"
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress + Divi


def wp_divi(p: Page, site: str, night: int, theme: int) -> str:
    counter = iter(range(50))

    def text(inner: str) -> str:
        n = next(counter)
        cls = f"et_pb_module et_pb_text et_pb_text_{n} et_pb_text_align_left et_pb_bg_layout_light"
        return f'<div class="{cls}"><div class="et_pb_text_inner">{inner}</div></div>'

    modules = f'<div class="et_pb_module et_pb_post_title et_pb_post_title_0 et_pb_bg_layout_light"><div class="et_pb_title_container"><h1 class="entry-title">{p["title"]}</h1></div></div>'
    if theme == 1:
        # a divider module the editor added above shifts every numbered text class by one
        next(counter)
        modules += '<div class="et_pb_module et_pb_divider et_pb_divider_0 et_pb_divider_position_ et_pb_space"><div class="et_pb_divider_internal"></div></div>'
    if p.get("lead"):
        modules += text(f'<p class="ingress">{p["lead"]}</p>')
    if p.get("top"):
        modules += text(p["top"])
    modules += text(p["body"])
    if p.get("foot"):
        modules += text(p["foot"])
    side = text(p["side"]) if p.get("side") else ""
    side += text(
        f"<h4>Nyheter</h4><ul>{''.join(f'<li><a href=/{_slug(t)}/>{t}</a><br><small>{d}</small></li>' for t, d in news(night))}</ul>"
    )
    col_main = f'<div class="et_pb_column et_pb_column_2_3 et_pb_column_0 et_pb_css_mix_blend_mode_passthrough">{modules}</div>'
    col_side = f'<div class="et_pb_column et_pb_column_1_3 et_pb_column_1 et_pb_css_mix_blend_mode_passthrough et-last-child">{side}</div>'
    row = f'<div class="et_pb_row et_pb_row_0">{col_main}{col_side}</div>'
    if theme == 1:
        row = f'<div class="et_pb_row et_pb_row_0 et_pb_row--with-menu"><div class="et_pb_row_inner">{col_side}{col_main}</div></div>'
    menu = "".join(
        f'<li class="menu-item menu-item-type-post_type menu-item-{200 + i}"><a href="/{_slug(t)}/">{t}</a></li>'
        for i, t in enumerate(_MENU)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<link rel='stylesheet' id='divi-style-css' href='/wp-content/themes/Divi/style-static.min.css?ver=4.2{night % 5}.{theme}' type='text/css' media='all' />\n",
        )
        + '<body class="page-template-default page page-id-512 et_pb_button_helper_class et_fixed_nav et_show_nav et_primary_nav_dropdown_animation_fade et_pb_gutters3 et_divi_theme et-db">\n'
        + _cookie(night, "cky-consent-container cky-box-bottom-left")
        + '<div id="page-container">\n'
        f'<div id="top-header"><div class="container clearfix"><div id="et-info"><span id="et-info-phone">0570-810 00</span> <span class="datum">{today_widget(night)}</span></div></div></div>\n'
        f'<header id="main-header" data-height-onload="66"><div class="container clearfix et_menu_container"><div class="logo_container"><a href="/"><img src="/wp-content/uploads/logo.png" alt="{site}" id="logo"></a></div>'
        f'<div id="et-top-navigation"><nav id="top-menu-nav"><ul id="top-menu" class="nav">{menu}{seasonal_link(night)}</ul></nav></div></div>'
        f'<div class="et_search_outer"><form role="search" method="get" class="et-search-form" action="/"><input type="search" class="et-search-field" placeholder="Sök …" name="s"></form></div></header>\n'
        '<div id="et-main-area">\n'
        f'<div class="varningsbanner"><p>{banner(night)}</p></div>\n'
        '<div id="main-content">\n'
        '<article id="post-512" class="post-512 page type-page status-publish hentry">\n'
        '<div class="entry-content"><div class="et-l et-l--post"><div class="et_builder_inner_content et_pb_gutters3">\n'
        f'<div class="et_pb_section et_pb_section_0 et_section_regular">{row}</div>\n'
        f'<div class="et_pb_section et_pb_section_1 et_section_regular"><div class="et_pb_row et_pb_row_1"><div class="et_pb_column et_pb_column_4_4 et_pb_column_2 et-last-child">'
        f'<div class="et_pb_module et_pb_code et_pb_code_0"><div class="et_pb_code_inner">{FEEDBACK}</div></div></div></div></div>\n'
        "</div></div></div>\n</article>\n</div>\n"
        '<footer id="main-footer"><div class="container"><div id="footer-widgets" class="clearfix">'
        f'<div class="footer-widget"><div class="widget_text fwidget et_pb_widget"><h4 class="title">Mest besökt</h4><ul>{most_read(night)}</ul></div></div>'
        f'<div class="footer-widget">{footer_columns(site, "0570-810 00")}</div></div></div>'
        f'<div id="footer-bottom"><div class="container clearfix"><div id="footer-info">© {site} {2024 + night // 40}</div></div></div></footer>\n'
        "</div>\n</div>\n"
        f'<script type=\'text/javascript\' id=\'divi-custom-script-js-extra\'>var et_pb_custom = {{"ajaxurl":"/wp-admin/admin-ajax.php","et_frontend_nonce":"{_token("etn", night, n=10)}"}};</script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Wagtail


def wagtail(p: Page, site: str, night: int, theme: int) -> str:
    csrf = _token("csrf", night, n=64)
    blocks = f'<div class="block-heading"><h1>{p["title"]}</h1></div>'
    if p.get("lead"):
        blocks += f'<div class="block-intro"><p class="intro">{p["lead"]}</p></div>'
    if p.get("top"):
        blocks += f'<div class="block-rich_text">{p["top"]}</div>'
    blocks += f'<div class="block-rich_text">{p["body"]}</div>'
    if p.get("foot"):
        blocks += f'<div class="block-page_meta">{p["foot"]}</div>'
    if theme == 1:
        blocks = blocks.replace('<div class="block-', '<div class="streamfield-block block-')
    side = (
        f'<div class="block-contact_card card"><div class="card-body">{p["side"]}</div></div>' if p.get("side") else ""
    )
    side += (
        '<div class="card related-news"><div class="card-body"><h2 class="h5">Aktuellt</h2><ul class="list-unstyled">'
        + "".join(
            f'<li><a href="/aktuellt/{_slug(t)}/">{t}</a><br><span class="text-muted small">{d}</span></li>'
            for t, d in news(night)
        )
        + "</ul></div></div>"
    )
    main = f'<div class="col-lg-8"><article class="page-content">{blocks}</article></div>'
    aside = f'<aside class="col-lg-4 sidebar">{side}</aside>'
    row = main + aside if theme != 1 else aside + main
    menu = "".join(f'<li class="nav-item"><a class="nav-link" href="/{_slug(t)}/">{t}</a></li>' for t in _MENU)
    hero = f"/media/images/hero_{_token('img', n=6)}.2e16d0ba.fill-1600x400-c{60 + night % 3}.jpg"
    return (
        '<!DOCTYPE html>\n<html class="no-js" lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/static/css/main.{_token("wcss", night // 2, n=8)}.css">\n',
        )
        + f'<body class="template-standardpage{" theme-2025" if theme == 1 else ""}">\n'
        + _cookie(night, "cookie-consent alert alert-dark")
        + '<nav class="navbar navbar-expand-lg navbar-light bg-light"><div class="container">'
        f'<a class="navbar-brand" href="/"><img src="/static/img/logo.svg" alt="{site}"></a>'
        f'<ul class="navbar-nav">{menu}{seasonal_link(night, a_class="nav-link")}</ul>'
        f'<form class="form-inline" action="/sok/" method="get"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}"><input class="form-control" type="search" name="query" placeholder="Sök"></form>'
        f'<div class="megamenu d-none">{mega_menu()}</div></div></nav>\n'
        f'<div class="alert alert-warning site-alert" role="alert">{banner(night)}</div>\n'
        f'<div class="hero" style="background-image:url({hero})"></div>\n'
        '<nav aria-label="breadcrumb"><ol class="breadcrumb container"><li class="breadcrumb-item"><a href="/">Hem</a></li>'
        f'<li class="breadcrumb-item"><a href="/kommun-och-politik/">Kommun och politik</a></li><li class="breadcrumb-item active">{p["title"]}</li></ol></nav>\n'
        f'<main id="main-content"><div class="container"><div class="row">{row}</div>\n'
        f'<div class="row"><div class="col-12 feedback">{FEEDBACK.replace("<form ", f"<form data-csrf={csrf} ")}</div></div></div></main>\n'
        f'<footer class="footer"><div class="container"><div class="row"><div class="col-md-4"><h2 class="h6">Populärt just nu</h2><ul>{most_read(night)}</ul></div>'
        f'<div class="col-md-8">{footer_columns(site, "036-10 50 00")}</div></div></div></footer>\n'
        f'<script src="/static/js/main.{_token("wjs", night // 2, n=8)}.js"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Kentico 12 Portal Engine


def kentico_portal(p: Page, site: str, night: int, theme: int) -> str:
    zone = "p_lt_ctl04_pageplaceholder_p_lt" if theme != 1 else "p_lt_ctl05_pageplaceholder_p_lt"
    viewstate = _token("vs", night, n=96)

    def part(zname: str, idx: int, inner: str, cls: str = "") -> str:
        return f'<div id="{zone}_{zname}_ctl0{idx}_EditableText{idx}_ucEditableText_widget{idx}" class="EditableText{(" " + cls) if cls else ""}">{inner}</div>'

    main = part("zoneMain", 0, f"<h1>{p['title']}</h1>")
    if p.get("lead"):
        main += part("zoneMain", 1, f'<p class="preamble">{p["lead"]}</p>', "preamble")
    if p.get("top"):
        main += part("zoneMain", 2, p["top"])
    main += part("zoneMain", 3, p["body"], "maintext")
    if p.get("foot"):
        main += part("zoneMain", 4, p["foot"], "pageinfo")
    side = part("zoneRight", 0, p["side"], "contactbox") if p.get("side") else ""
    side += (
        f'<div id="{zone}_zoneRight_NewsList" class="newslist"><h2>Nyheter</h2>'
        + "".join(
            f'<div class="newsitem"><a href="/Nyheter/{_token(t, n=6)}">{t}</a><span class="NewsDate">{d}</span></div>'
            for t, d in news(night)
        )
        + "</div>"
    )
    main_html = f'<div class="col-md-8 content-main" id="{zone}_zoneMain">{main}</div>'
    side_html = f'<div class="col-md-4 content-right" id="{zone}_zoneRight">{side}</div>'
    area = main_html + side_html if theme != 1 else f'<section class="content-area">{side_html}{main_html}</section>'
    menu = "".join(
        f'<li class="CMSListMenuLI"><a class="CMSListMenuLink" href="/{_slug(t).capitalize()}">{t}</a></li>'
        for t in _MENU
    )
    return (
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link href="/CMSPages/GetResource.ashx?stylesheetname=Kommun&amp;v={_token("ks", night, n=6)}" type="text/css" rel="stylesheet"/>\n',
        )
        + '<body class="LTR Chrome SVSE ContentBody">\n'
        f'<form method="post" action="/Kommun-och-politik/Internationellt/{_slug(p["title"]).capitalize()}" id="form">\n'
        f'<div class="aspNetHidden"><input type="hidden" name="__CMSCsrfToken" id="__CMSCsrfToken" value="{_token("kcsrf", night, n=40)}" />'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate}" /></div>\n'
        + _cookie(night, "CookieConsent")
        + '<div id="p_lt_ctl00_Header" class="header">'
        f'<a href="/" id="p_lt_ctl00_Logo"><img src="/App_Themes/Kommun/Images/logo.png" alt="{site}" /></a>'
        f'<span class="todaydate">{today_widget(night)}</span>'
        f'<div id="p_lt_ctl01_SmartSearchBox_pnlSearch" class="searchBox"><label for="p_lt_ctl01_SmartSearchBox_txtWord">Sök</label><input name="p$lt$ctl01$SmartSearchBox$txtWord" type="text" id="p_lt_ctl01_SmartSearchBox_txtWord" /></div>'
        f'<ul id="menuElem" class="CMSListMenuUL">{menu}{seasonal_link(night, a_class="CMSListMenuLink")}</ul>'
        f'<div class="mega">{mega_menu()}</div></div>\n'
        f'<div id="p_lt_ctl02_Alert" class="alertbox"><p>{banner(night)}</p></div>\n'
        f'<div id="p_lt_ctl03_Breadcrumbs" class="breadcrumbs"><a href="/" class="CMSBreadCrumbsLink">Start</a> &gt; <a href="/Kommun-och-politik" class="CMSBreadCrumbsLink">Kommun och politik</a> &gt; <span class="CMSBreadCrumbsCurrentItem">{p["title"]}</span></div>\n'
        f'<div class="container"><div class="row">{area}</div></div>\n'
        f'<div id="p_lt_ctl06_Feedback" class="feedback">{FEEDBACK}</div>\n'
        f'<div id="p_lt_ctl07_Footer" class="footer"><div class="mostread"><h2>Mest läst</h2><ul>{most_read(night)}</ul></div>{footer_columns(site, "0500-49 70 00")}</div>\n'
        f'<script type="text/javascript" src="/CMSPages/GetResource.ashx?scriptfile=%7e%2fCMSScripts%2fjquery%2fjquery-core.js&amp;v={_token("kj", night, n=6)}"></script>\n'
        "</form>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Contao 4


def contao(p: Page, site: str, night: int, theme: int) -> str:
    token = _token("rt", night, n=43)
    art = f'<div class="ce_text first block" id="ce-{400}"><h1>{p["title"]}</h1>'
    art += f'<p class="teaser">{p["lead"]}</p></div>' if p.get("lead") else "</div>"
    if p.get("top"):
        art += f'<div class="ce_text block">{p["top"]}</div>'
    art += f'<div class="ce_text block">{p["body"]}</div>'
    if p.get("foot"):
        art += f'<div class="ce_text last block">{p["foot"]}</div>'
    if theme == 1:
        art = art.replace('<div class="ce_text', '<div class="content-text ce_text').replace(
            ' block"', ' block clearfix"'
        )
    article = f'<div class="mod_article first last block" id="article-{57 if theme != 1 else 61}">{art}</div>'
    right = (f'<div class="mod_article block" id="article-58">{p["side"]}</div>' if p.get("side") else "") + (
        '<div class="mod_newslist block"><h2>Aktuellt</h2>'
        + "".join(
            f'<div class="layout_simple arc_1 block"><time datetime="{d}">{d}</time> <a href="/nyheter/{_slug(t)}.html">{t}</a></div>'
            for t, d in news(night)
        )
        + "</div>"
    )
    main = f'<main id="main"><div class="inside">{article}</div></main>'
    aside = f'<aside id="right"><div class="inside">{right}</div></aside>'
    container = main + aside if theme != 1 else aside + main
    nav = "".join(f'<li class="sibling"><a href="/{_slug(t)}.html" class="sibling">{t}</a></li>' for t in _MENU)
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            (f'<base href="{p["base"]}">\n' if p.get("base") else "")
            + f'<link rel="stylesheet" href="/assets/css/layout.min.css,responsive.min.css-{_token("cc", night, n=8)}.css">\n',
        )
        + f'<body id="top" class="{"mac chrome" if night % 2 else "win firefox"} ">\n'
        + _cookie(night, "mod_cookiebar")
        + '<div id="wrapper">\n'
        f'<header id="header"><div class="inside"><a href="/" class="logo"><img src="/files/layout/logo.svg" alt="{site}"></a>'
        f'<span class="datum">{today_widget(night)}</span>'
        f'<nav class="mod_navigation block"><a href="#skipNavigation1" class="invisible">Hoppa över navigering</a><ul class="level_1">{nav}{seasonal_link(night)}</ul><span id="skipNavigation1" class="invisible"></span></nav>'
        f'<div class="mod_search block"><form action="/sok.html" method="get"><input type="search" name="keywords" class="text"><input type="hidden" name="REQUEST_TOKEN" value="{token}"></form></div>'
        f'<nav class="mod_customnav mega">{mega_menu()}</nav></div></header>\n'
        f'<div class="mod_article hinweis block"><p>{banner(night)}</p></div>\n'
        f'<div id="container">{container}</div>\n'
        f'<div class="mod_form feedback block">{FEEDBACK.replace("</form>", f"<input type=hidden name=REQUEST_TOKEN value={token}></form>")}</div>\n'
        f'<footer id="footer"><div class="inside"><div class="mod_newslist mostread"><h2>Mest läst</h2><ul>{most_read(night)}</ul></div>{footer_columns(site, "0522-69 70 00")}</div></footer>\n'
        "</div>\n"
        f'<script src="/assets/js/jquery.min.js,colorbox.min.js-{_token("cj", night, n=8)}.js"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Joomla 3 Protostar


def joomla3(p: Page, site: str, night: int, theme: int) -> str:
    tokname = _token("jt", night, n=32)
    # the article's hit counter ("Visningar: N") goes up every night
    info = (p.get("top") or "").replace("{hits}", str(1432 + 17 * night))
    article = (
        '<div class="item-page" itemscope itemtype="https://schema.org/Article"><meta itemprop="inLanguage" content="sv-SE" />'
        f'<div class="page-header"><h2 itemprop="headline">{p["title"]}</h2></div>'
        f"{info}"
        '<div class="icons"><div class="btn-group pull-right"><a class="btn dropdown-toggle" href="#">Verktyg</a>'
        f'<ul class="dropdown-menu"><li class="print-icon"><a href="/index.php?option=com_content&amp;view=article&amp;tmpl=component&amp;print=1&amp;id=74&amp;{tokname}=1" rel="nofollow">Skriv ut</a></li></ul></div></div>'
        + (f'<p class="lead">{p["lead"]}</p>' if p.get("lead") else "")
        + f'<div itemprop="articleBody">{p["body"]}</div>'
        + (f'<div class="article-footer">{p["foot"]}</div>' if p.get("foot") else "")
        + '<ul class="pager pagenav"><li class="previous"><a href="/kommun-och-politik/internationellt/vanorter" rel="prev">Föregående</a></li></ul></div>'
    )
    side = (
        f'<div class="well kontakt"><h3 class="page-header">Kontakt</h3>{p["side"]}</div>' if p.get("side") else ""
    ) + (
        '<div class="well "><h3 class="page-header">Senaste nytt</h3><ul class="latestnews mod-list">'
        + "".join(
            f'<li itemscope itemtype="https://schema.org/Article"><a href="/nyheter/{_slug(t)}" itemprop="url"><span itemprop="name">{t}</span></a> {d}</li>'
            for t, d in news(night)
        )
        + "</ul></div>"
    )
    main = f'<main id="content" role="main" class="span9"><div id="system-message-container"></div>{article}</main>'
    aside = f'<div id="aside" class="span3">{side}</div>'
    row = main + aside if theme != 1 else aside + main
    if theme == 1:
        row = f'<div class="row-inner">{row}</div>'
    menu = "".join(f'<li class="item-{101 + i}"><a href="/{_slug(t)}">{t}</a></li>' for i, t in enumerate(_MENU))
    return (
        '<!DOCTYPE html>\n<html lang="sv-se" dir="ltr">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link href="/templates/protostar/css/template.css?{_token("jc", night, n=32)}" rel="stylesheet" />\n',
        )
        + '<body class="site com_content view-article no-layout no-task itemid-174">\n'
        + _cookie(night, "cookiehint")
        + '<div class="body" id="top"><div class="container">\n'
        f'<header class="header" role="banner"><div class="header-inner clearfix"><a class="brand pull-left" href="/"><img src="/images/logo.png" alt="{site}" /></a>'
        f'<div class="header-search pull-right"><form action="/" method="post" class="form-inline"><input name="searchword" maxlength="200" class="inputbox search-query input-medium" type="search" placeholder="Sök ..." /><input type="hidden" name="{tokname}" value="1" /></form></div>'
        f'<div class="datum">{today_widget(night)}</div></div></header>\n'
        f'<nav class="navigation" role="navigation"><div class="navbar pull-left"><a class="btn btn-navbar collapsed">Meny</a></div><div class="nav-collapse"><ul class="nav menu nav-pills mod-list">{menu}{seasonal_link(night)}</ul></div>'
        f'<div class="moduletable mega">{mega_menu()}</div></nav>\n'
        f'<div class="moduletable alert alert-info"><p>{banner(night)}</p></div>\n'
        '<div class="moduletable"><ul itemscope itemtype="https://schema.org/BreadcrumbList" class="breadcrumb"><li>Du är här: &#160;</li>'
        f'<li itemprop="itemListElement"><a itemprop="item" href="/" class="pathway"><span itemprop="name">Hem</span></a></li><li class="active"><span>{p["title"]}</span></li></ul></div>\n'
        f'<div class="row-fluid">{row}</div>\n'
        f'<div class="moduletable feedback">{FEEDBACK}</div>\n'
        "</div></div>\n"
        f'<footer class="footer" role="contentinfo"><div class="container"><hr /><div class="moduletable"><h3>Mest lästa</h3><ul class="mostread mod-list">{most_read(night)}</ul></div>'
        f'{footer_columns(site, "0456-81 60 00")}<p class="pull-right"><a href="#top" id="back-top">Till toppen</a></p><p>&copy; {2024 + night // 40} {site}</p></div></footer>\n'
        f'<script src="/media/jui/js/jquery.min.js?{_token("jj", night, n=32)}"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Craft CMS with a Tailwind front end


def craft_tailwind(p: Page, site: str, night: int, theme: int) -> str:
    build = _token("craft", theme, night // 3, n=8)
    prose = "prose prose-lg max-w-none" if theme != 1 else "prose max-w-prose lg:prose-xl prose-a:text-blue-700"
    sec = "my-8" if theme != 1 else "mt-6 mb-10 md:my-12"
    blocks = f'<header class="mb-6"><h1 class="text-3xl font-bold tracking-tight md:text-5xl">{p["title"]}</h1>'
    blocks += f'<p class="mt-4 text-xl text-gray-700">{p["lead"]}</p></header>' if p.get("lead") else "</header>"
    if p.get("top"):
        blocks += f'<section class="matrix-block matrix-block--meta text-sm text-gray-600">{p["top"]}</section>'
    blocks += f'<section class="matrix-block matrix-block--text {sec}"><div class="{prose}">{p["body"]}</div></section>'
    if p.get("foot"):
        blocks += f'<section class="matrix-block matrix-block--meta border-t pt-4 text-sm text-gray-600">{p["foot"]}</section>'
    if theme == 1:
        blocks = blocks.replace("<section ", "<div ").replace("</section>", "</div>")
    side = f'<div class="rounded-lg bg-gray-50 p-6 contact-card">{p["side"]}</div>' if p.get("side") else ""
    side += (
        '<div class="mt-8"><h2 class="text-lg font-semibold">Nyheter</h2><ul class="divide-y">'
        + "".join(
            f'<li class="py-2"><a class="hover:underline" href="/nyheter/{_slug(t)}">{t}</a> <time class="block text-xs text-gray-500">{d}</time></li>'
            for t, d in news(night)
        )
        + "</ul></div>"
    )
    main = f'<article class="lg:col-span-8">{blocks}</article>'
    aside = f'<aside class="lg:col-span-4">{side}</aside>'
    grid = main + aside if theme != 1 else aside + main
    menu = "".join(f'<li><a class="px-3 py-2 hover:bg-gray-100" href="/{_slug(t)}">{t}</a></li>' for t in _MENU)
    csrf = _token("ccsrf", night, n=48)
    return (
        '<!DOCTYPE html>\n<html lang="sv" class="h-full">\n'
        + _head(p["title"], site, night, f'<link rel="stylesheet" href="/dist/assets/app-{build}.css">\n')
        + '<body class="h-full bg-white text-gray-900 antialiased">\n'
        + _cookie(night, "fixed inset-x-0 bottom-0 z-50 bg-gray-900 p-4 text-white cookie-consent")
        + f'<div class="bg-yellow-100 px-4 py-2 text-sm" role="status">{banner(night)}</div>\n'
        f'<header class="border-b"><div class="mx-auto max-w-7xl px-4 flex items-center justify-between"><a href="/"><img class="h-10 w-auto" src="/dist/img/logo.svg" alt="{site}"></a>'
        f'<span class="hidden md:block text-sm">{today_widget(night)}</span>'
        f'<nav aria-label="Huvudmeny"><ul class="flex gap-2">{menu}{seasonal_link(night, a_class="px-3 py-2")}</ul></nav>'
        f'<form action="/sok" method="get" class="ml-4"><input type="hidden" name="CRAFT_CSRF_TOKEN" value="{csrf}"><input class="rounded border px-2" type="search" name="q" placeholder="Sök"></form></div>'
        f'<div class="hidden mega">{mega_menu()}</div></header>\n'
        f'<main id="main" class="mx-auto max-w-7xl px-4 py-10"><div class="grid gap-10 lg:grid-cols-12">{grid}</div>\n'
        f'<div class="mt-12 rounded bg-gray-100 p-6 feedback">{FEEDBACK.replace("</form>", f"<input type=hidden name=CRAFT_CSRF_TOKEN value={csrf}></form>")}</div></main>\n'
        f'<footer class="bg-gray-900 text-gray-100"><div class="mx-auto max-w-7xl grid gap-8 px-4 py-12 md:grid-cols-4"><div><h2 class="font-semibold">Mest läst</h2><ul>{most_read(night)}</ul></div>'
        f"{footer_columns(site, '0390-35 90 00')}</div></footer>\n"
        f'<script type="module" src="/dist/assets/app-{build}.js"></script>\n'
        "</body>\n</html>\n"
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "wp-elementor": wp_elementor,
    "wp-divi": wp_divi,
    "wagtail": wagtail,
    "kentico-portal": kentico_portal,
    "contao": contao,
    "joomla3": joomla3,
    "craft-tailwind": craft_tailwind,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise4(html) if theme == 2 else html
