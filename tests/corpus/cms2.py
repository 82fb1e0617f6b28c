# ruff: noqa: E501  (markup literals: a skeleton reads better one element per line than wrapped mid-tag)
"""More page skeletons, for the second held-out part (tests/corpus/heldout2): other themes and versions of
the CMSs Swedish municipalities run than :mod:`corpus.cms` has, written anew from what their public
templates emit (Sitevision with an Envision theme, Optimizely CMS 12 content areas, Drupal 10 Olivero with
labelled fields and a sidebar region, WordPress Twenty Twenty-Four and a classic theme with entry meta,
Umbraco block lists, an old table-layout Polopoly site, Joomla 4 Cassiopeia).

These skeletons lean on what makes real pages hard: much furniture beside little content (mega menus,
link-heavy footers, feedback and share widgets, a "listen" button), cookie dialogs, crisis banners and
current-date headers that change every night. The case fields are those of :mod:`corpus.cms` (title,
lead, top, body, foot, side), and ``night``/``theme`` mean the same. All names, prose and numbers are
invented.
"""

from __future__ import annotations

from collections.abc import Callable

from .cms import Page, _fill, _head, _token, banner, news, reserialise, today_widget

_SECTIONS = (
    ("Barn och utbildning", ("Förskola", "Grundskola", "Gymnasium", "Vuxenutbildning", "Skolskjuts")),
    ("Omsorg och stöd", ("Äldreomsorg", "Funktionsnedsättning", "Ekonomiskt bistånd", "Stöd till anhöriga")),
    ("Bygga, bo och miljö", ("Bygglov", "Avfall och återvinning", "Vatten och avlopp", "Miljö och hälsa")),
    ("Uppleva och göra", ("Bibliotek", "Idrott och friluftsliv", "Kultur", "Föreningsliv")),
    ("Kommun och politik", ("Politik och demokrati", "Internationellt arbete", "Organisation", "Ekonomi")),
)


def _slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", " ": "-", ",": ""})
    return text.lower().translate(table)


def mega_menu(ul: str = "ul", li: str = "li", a_class: str = "") -> str:
    """A two-level site menu: about 25 links, the bulk of a short page's text."""
    cls = f' class="{a_class}"' if a_class else ""
    parts = []
    for top, subs in _SECTIONS:
        items = "".join(f'<{li}><a{cls} href="/{_slug(top)}/{_slug(s)}/">{s}</a></{li}>' for s in subs)
        parts.append(f'<{li}><a{cls} href="/{_slug(top)}/">{top}</a><{ul}>{items}</{ul}></{li}>')
    return f"<{ul}>{''.join(parts)}</{ul}>"


def footer_columns(site: str, phone: str) -> str:
    """A footer with the switchboard, opening hours, an organisation number and link columns."""
    return (
        f"<div><h2>Kontakta oss</h2><p>{site}<br>Stadshuset, Storgatan 12<br>123 99 Exempelstad</p>"
        f"<p>Växel: {phone}<br>Kontaktcenter öppet vardagar 8–16</p><p>Org.nr: 212000-9999</p></div>"
        "<div><h2>Genvägar</h2><ul><li><a href='/lediga-jobb/'>Lediga jobb</a></li><li><a href='/e-tjanster/'>"
        "E-tjänster och blanketter</a></li><li><a href='/press/'>Press</a></li><li><a href='/diarium/'>Sök i diariet"
        "</a></li></ul></div>"
        "<div><h2>Om webbplatsen</h2><ul><li><a href='/tillganglighet/'>Tillgänglighetsredogörelse</a></li>"
        "<li><a href='/kakor/'>Kakor</a></li><li><a href='/personuppgifter/'>Behandling av personuppgifter</a></li>"
        "</ul></div>"
        "<div><h2>Följ oss</h2><ul><li><a href='https://facebook.example/kommun'>Facebook</a></li>"
        "<li><a href='https://instagram.example/kommun'>Instagram</a></li></ul></div>"
    )


FEEDBACK = (
    "<h2>Hjälpte informationen dig?</h2><form action='/feedback' method='post'><button name='svar' value='ja'>Ja"
    "</button><button name='svar' value='nej'>Nej</button><label>Vad kan vi göra bättre?<textarea name='text'>"
    "</textarea></label><p>Vi svarar inte på frågor här. Har du en fråga, kontakta kontaktcenter.</p></form>"
)


# ---------------------------------------------------------------- Sitevision with an Envision theme


def sitevision_envision(p: Page, site: str, night: int, theme: int) -> str:
    pid = lambda n: f"svid10_{_token('env', n, night, n=12)}"  # noqa: E731 - portlet ids change on republish
    card = "env-card env-p-around--medium" if theme != 1 else "env-card env-card--inline env-p-around--small"
    lead = f'<p class="env-text-lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = (
        f'<div class="sv-text-portlet" id="{pid("top")}"><div class="env-text-meta">{p["top"]}</div></div>'
        if p.get("top")
        else ""
    )
    foot = (
        f'<div class="sv-text-portlet" id="{pid("foot")}"><div class="env-text-meta">{p["foot"]}</div></div>'
        if p.get("foot")
        else ""
    )
    side = f'<div class="sv-layout sv-column-4"><div class="{card}">{p["side"]}</div></div>' if p.get("side") else ""
    items = "".join(
        f'<li class="env-list__item"><a href="/nyheter/{_token(t, n=6)}.html">{t}</a> <time>{d}</time></li>'
        for t, d in news(night, 4)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night)
        + '<body class="sv-responsive env-theme">\n'
        f'<div class="env-modal-dialog sv-cookie-consent" role="dialog" aria-label="Kakor"><p>Vi använder kakor '
        "för att webbplatsen ska fungera och för statistik.</p><button>Acceptera alla</button>"
        "<button>Bara nödvändiga</button></div>\n"
        f'<header class="sv-layout header" id="{pid("hdr")}"><a class="logo" href="/">{site}</a>'
        f'<div class="sv-script-portlet rs_skip"><a class="readspeaker-button" href="//app.rs.example/cgi-bin/rsent?'
        f'customerid={_token("rs", n=5)}">Lyssna</a></div>'
        f'<nav class="sv-layout sv-megamenu" aria-label="Huvudmeny">{mega_menu("ul", "li", "env-link")}</nav>'
        f'<div class="sv-text-portlet env-date"><p>{today_widget(night)}</p></div></header>\n'
        f'<div class="sv-layout env-alert env-alert--warning" role="alert"><p><strong>Viktigt meddelande:</strong> '
        f"{banner(night)}</p></div>\n"
        f'<nav class="sv-layout breadcrumb"><ol><li><a href="/">Start</a></li><li><a href="/kommun-och-politik.html">'
        f"Kommun och politik</a></li><li>{p['title']}</li></ol></nav>\n"
        f'<main class="sv-layout" id="{pid("main")}"><div class="sv-layout sv-column-8">\n'
        f'<div class="sv-text-portlet" id="{pid("h1")}"><h1 class="env-text-h1">{p["title"]}</h1></div>\n'
        f'<div class="sv-text-portlet" id="{pid("lead")}">{lead}</div>\n{top}\n'
        f'<div class="sv-text-portlet" id="{pid("body")}"><div class="sv-text-portlet-content env-text">'
        f"{p['body']}</div></div>\n{foot}\n"
        f'<div class="sv-layout env-share"><a href="https://facebook.example/share?u={_token("u", n=6)}">Dela på '
        "Facebook</a> <a href='javascript:print()'>Skriv ut</a></div>\n"
        f'<div class="sv-layout sv-feedback-portlet">{FEEDBACK}</div>\n</div>\n{side}\n</main>\n'
        f'<aside class="sv-layout env-news"><h2>Nyheter</h2><ul class="env-list">{items}</ul></aside>\n'
        f'<footer class="sv-layout footer env-footer">{footer_columns(site, "0123-77 10 00")}</footer>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Optimizely CMS 12 (content areas, blocks)


def optimizely(p: Page, site: str, night: int, theme: int) -> str:
    area = "content-area" if theme != 1 else "content-area content-area--main epi-content-area"

    def blk(kind: str, inner: str) -> str:
        """Every block in a content area gets a rendering wrapper with the block's id."""
        return f'<div class="block {kind}" data-epi-block-id="{_token(kind, inner[:20], n=4)}">{inner}</div>'

    lead = f'<p class="preamble">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="article-meta">{p["top"]}</div>' if p.get("top") else ""
    foot = blk("pagefooterblock", p["foot"]) if p.get("foot") else ""
    side = (
        f'<aside class="col-md-4 page-sidebar"><div class="{area}">{blk("contactblock", p["side"])}</div></aside>'
        if p.get("side")
        else ""
    )
    items = "".join(
        f'<article class="news-teaser"><a href="/aktuellt/{_token(t, n=6)}/"><h3>{t}</h3></a><p class="date">{d}</p></article>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night, f'<meta name="pageid" content="{_token("pid", p["title"], n=4)}">\n')
        + "<body>\n"
        f'<div class="crisis-banner" data-updated="{night}"><div class="container"><h2>Krisinformation</h2>'
        f"<p>{banner(night)}</p></div></div>\n"
        f'<div id="cookieconsent" class="cookie"><p>Den här webbplatsen använder kakor.</p><a href="/kakor/">'
        "Läs mer</a><button>OK</button></div>\n"
        f'<header class="header"><div class="container"><a class="header__logo" href="/">{site}</a>'
        f'<form class="header__search" action="/sok/"><input name="q"><button>Sök</button></form>'
        f'<nav class="header__nav mega-nav">{mega_menu()}</nav></div></header>\n'
        f'<div class="container"><nav class="breadcrumbs"><a href="/">Startsida</a> &gt; <a href="/kommun-och-politik/">'
        f"Kommun och politik</a> &gt; <span>{p['title']}</span></nav>\n"
        f'<div class="row"><main class="col-md-8" id="main">\n'
        f'<h1 class="page-title">{p["title"]}</h1>\n{lead}\n{top}\n'
        f'<div class="{area}">{blk("textblock", p["body"])}</div>\n'
        f'<div class="{area}">{foot}</div>\n'
        f'<div class="page-tools"><a href="#" class="print">Skriv ut</a> <a href="#" class="listen">Lyssna</a> '
        '<a href="/tipsa/" class="share">Tipsa en vän</a></div>\n'
        f"</main>\n{side}\n</div></div>\n"
        f'<section class="news-section"><div class="container"><h2>Aktuellt</h2>{items}</div></section>\n'
        f'<footer class="footer"><div class="container footer__columns">{footer_columns(site, "0123-20 00 00")}</div>'
        "</footer>\n"
        f'<script src="/dist/main.js?v={_token("v", night, n=10)}"></script>\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------- Drupal 10 Olivero with labelled fields and a sidebar


def drupal_olivero(p: Page, site: str, night: int, theme: int) -> str:
    node = _token("n", p["title"], n=4)
    lead = (
        '<div class="field field--name-field-summary field--type-text-long field--label-hidden field__item">'
        f"<p>{p['lead']}</p></div>"
        if p.get("lead")
        else ""
    )
    top = f'<div class="node__meta"><div class="node__submitted">{p["top"]}</div></div>' if p.get("top") else ""
    foot = (
        f'<div class="field field--name-field-page-footer field--type-text-long field--label-hidden">{p["foot"]}</div>'
        if p.get("foot")
        else ""
    )
    side = (
        '<aside class="region region--sidebar"><div class="block block-block-content">'
        f'<div class="block__content">{p["side"]}</div></div></aside>'
        if p.get("side")
        else ""
    )
    body_cls = (
        "text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item"
    )
    body = f'<div class="{body_cls}">{p["body"]}</div>'
    if theme == 1:
        body = (
            f'<div class="layout layout--onecol"><div class="layout__region layout__region--content">{body}</div></div>'
        )
    items = "".join(
        f'<div class="views-row"><a href="/nyheter/{_token(t, n=6)}">{t}</a> <time datetime="{d}">{d}</time></div>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv" dir="ltr">\n'
        + _head(p["title"], site, night, '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">\n')
        + '<body class="path-node page-node-type-page">\n'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas><div id="page-wrapper" class="page-wrapper">\n'
        f'<div id="sliding-popup" class="eu-cookie-compliance-banner"><div class="eu-cookie-compliance-message">'
        f"<p>Vi använder kakor för att ge dig en bättre upplevelse.</p></div><button>Okej</button></div>\n"
        f'<header id="header" class="site-header"><div class="site-branding"><a href="/">{site}</a></div>'
        f'<div class="header-nav"><nav class="primary-nav">{mega_menu("ul", "li", "primary-nav__menu-link")}</nav>'
        f'</div><div class="block block-current-date"><span>{today_widget(night)}</span></div></header>\n'
        f'<div class="region region--highlighted"><div class="block block-views-block-driftinformation">'
        f'<h2 class="block__title">Driftinformation</h2><p>{banner(night)}</p></div></div>\n'
        '<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main" class="layout-main">'
        '<div class="main-content"><a id="main-content" tabindex="-1"></a>\n'
        '<div class="region region--breadcrumb"><nav class="breadcrumb"><ol><li><a href="/">Hem</a></li>'
        '<li><a href="/kommun-och-politik">Kommun och politik</a></li></ol></nav></div>\n'
        '<div class="main-content__container container"><div class="sidebar-grid grid-full">\n'
        '<main role="main" class="site-main"><div class="region region--content grid-full" id="content">\n'
        '<div class="block block-page-title-block"><h1 class="title page-title"><span class="field field--name-title">'
        f"{p['title']}</span></h1></div>\n"
        f'<article data-history-node-id="{node}" class="node node--type-page node--view-mode-full">\n'
        f'{top}\n<div class="node__content">{lead}{body}{foot}</div>\n</article>\n'
        f'<div class="block block-feedback">{FEEDBACK}</div>\n'
        f"</div></main>\n{side}\n</div></div></div></div></div>\n"
        f'<div class="region region--content-below"><div class="block block-views"><h2>Senaste nyheter</h2>{items}</div></div>\n'
        f'<footer class="site-footer"><div class="region region--footer-top">{footer_columns(site, "0123-31 00 00")}'
        "</div></footer>\n</div></div>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress Twenty Twenty-Four (block theme)


def wp_tt4(p: Page, site: str, night: int, theme: int) -> str:
    lay = (
        "is-layout-constrained wp-block-group-is-layout-constrained"
        if theme != 1
        else "is-layout-flow wp-block-group-is-layout-flow"
    )
    cid = 3 + (night * 5) % 11
    lead = f'<p class="has-medium-font-size">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="wp-block-group is-nowrap is-layout-flex">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="wp-block-group {lay}">{p["foot"]}</div>' if p.get("foot") else ""
    side = (
        f'<div class="wp-block-column is-layout-flow" style="flex-basis:33%">{p["side"]}</div>' if p.get("side") else ""
    )
    nav = "".join(
        f'<li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="/{_slug(t)}/">'
        f'<span class="wp-block-navigation-item__label">{t}</span></a></li>'
        for t, _ in _SECTIONS
    )
    items = "".join(
        f'<li class="wp-block-post"><h2 class="wp-block-post-title has-small-font-size"><a href="/{_token(t, n=6)}/">{t}'
        f'</a></h2><div class="wp-block-post-date"><time datetime="{d}T10:00:00+01:00">{d}</time></div></li>'
        for t, d in news(night)
    )
    main = (
        f'<h1 class="wp-block-post-title">{p["title"]}</h1>\n{top}\n'
        f'<div class="entry-content alignfull wp-block-post-content has-global-padding {lay}">{lead}{p["body"]}</div>\n{foot}'
    )
    if side:
        main = (
            f'<div class="wp-block-columns is-layout-flex wp-container-core-columns-is-layout-{cid}">'
            f'<div class="wp-block-column is-layout-flow" style="flex-basis:66%">{main}</div>{side}</div>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<style id='core-block-supports-inline-css'>.wp-container-{cid}{{gap:2rem}}</style>\n",
        )
        + '<body class="page-template-default page wp-embed-responsive">\n<div class="wp-site-blocks">\n'
        f'<div class="wp-block-group alignfull has-accent-background-color {lay}"><p class="has-small-font-size">'
        f"<strong>Aktuellt läge:</strong> {banner(night)}</p></div>\n"
        f'<header class="wp-block-template-part"><div class="wp-block-group alignwide is-layout-flex">'
        f'<p class="wp-block-site-title"><a href="/" rel="home">{site}</a></p><p class="has-small-font-size">'
        f'{today_widget(night)}</p><nav class="wp-block-navigation"><ul class="wp-block-navigation__container">{nav}'
        "</ul></nav></div></header>\n"
        f'<main class="wp-block-group {lay}" id="wp--skip-link--target">\n{main}\n</main>\n'
        f'<div class="wp-block-group alignwide {lay}"><h2 class="wp-block-heading">Senaste nytt</h2>'
        f'<ul class="wp-block-post-template">{items}</ul></div>\n'
        f'<footer class="wp-block-template-part"><div class="wp-block-group alignfull {lay}">'
        f"{footer_columns(site, '0123-40 40 00')}</div></footer>\n</div>\n"
        f'<div class="cmplz-cookiebanner" aria-live="polite"><div class="cmplz-message">Vi använder kakor för statistik.'
        f'</div><button class="cmplz-accept">Acceptera</button></div>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress classic theme with entry meta and widgets


def wp_classic(p: Page, site: str, night: int, theme: int) -> str:
    post = _token("p", p["title"], n=4)
    lead = f'<p class="ingress">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="entry-meta">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<footer class="entry-meta entry-footer">{p["foot"]}</footer>' if p.get("foot") else ""
    side = (
        f'<aside id="text-3" class="widget widget_text"><div class="textwidget">{p["side"]}</div></aside>'
        if p.get("side")
        else ""
    )
    inside = "inside-article" if theme != 1 else "inside-article entry-wrap"
    items = "".join(
        f'<li><a href="/{d[:4]}/{_token(t, n=6)}/">{t}</a> <span class="post-date">{d}</span></li>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(p["title"], site, night, f"<script>var ajax_nonce='{_token('nonce', night, n=10)}';</script>\n")
        + f'<body class="page-template-default page page-id-{post} right-sidebar">\n'
        f'<div class="top-bar"><div class="inside-top-bar"><span class="datum">{today_widget(night)}</span> '
        '<a href="/in-english/">In English</a> <a href="/lattlast/">Lättläst</a></div></div>\n'
        f'<div class="site-alert"><p>{banner(night)}</p></div>\n'
        f'<header class="site-header" id="masthead"><div class="inside-header"><p class="main-title"><a href="/">{site}'
        f'</a></p></div></header>\n<nav id="site-navigation" class="main-navigation">{mega_menu("ul", "li", "")}</nav>\n'
        '<div class="site grid-container container" id="page"><div class="site-content" id="content">\n'
        '<div class="content-area" id="primary"><main class="site-main" id="main">\n'
        f'<article id="post-{post}" class="post-{post} page type-page status-publish"><div class="{inside}">\n'
        f'<header class="entry-header"><h1 class="entry-title">{p["title"]}</h1>{top}</header>\n'
        f'<div class="entry-content">{lead}{p["body"]}</div>\n{foot}\n</div></article>\n'
        "</main></div>\n"
        f'<div class="widget-area sidebar is-right-sidebar" id="right-sidebar"><div class="inside-right-sidebar">{side}'
        f'<aside class="widget widget_recent_entries"><h2 class="widget-title">Nyheter</h2><ul>{items}</ul></aside>'
        '<aside class="widget widget_nav_menu"><h2 class="widget-title">Genvägar</h2><ul><li><a href="/felanmalan/">'
        "Felanmälan</a></li><li><a href='/lediga-jobb/'>Lediga jobb</a></li></ul></aside></div></div>\n"
        "</div></div>\n"
        f'<div class="site-footer"><footer class="site-info">{footer_columns(site, "0123-50 50 00")}</footer></div>\n'
        f'<div id="cookie-notice" role="dialog"><span id="cn-notice-text">Vi använder kakor.</span> '
        f'<a href="#" id="cn-accept-cookie">Ok</a></div>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Umbraco with block lists


def umbraco_blocks(p: Page, site: str, night: int, theme: int) -> str:
    wrap = "umb-block-list" if theme != 1 else "umb-block-list blocks"
    lead = f'<p class="lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="page-dates">{p["top"]}</div>' if p.get("top") else ""
    foot = (
        f'<div class="block block--rte block--pageinfo"><div class="rte">{p["foot"]}</div></div>'
        if p.get("foot")
        else ""
    )
    side = (
        f'<aside class="col-lg-4"><div class="block block--contact">{p["side"]}</div></aside>' if p.get("side") else ""
    )
    items = "".join(
        f'<a class="news-card" href="/nyheter/{_token(t, n=6)}/"><span>{d}</span> {t}</a>' for t, d in news(night, 4)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night, f'<meta name="umb-node" content="{_token("node", p["title"], n=4)}">\n')
        + "<body>\n"
        f'<div class="important-info" id="info-{_token("ii", night, n=6)}"><div class="container"><span class="label">'
        f"Viktig information</span> {banner(night)}</div></div>\n"
        f'<header class="site-header"><div class="container"><a class="brand" href="/">{site}</a>'
        f'<button class="menu-toggle">Meny</button><nav class="mainmenu">{mega_menu()}</nav></div></header>\n'
        f'<main class="main"><div class="container"><div class="row"><div class="col-lg-8">\n'
        f"<h1>{p['title']}</h1>{top}{lead}\n"
        f'<div class="{wrap}"><div class="block block--rte"><div class="rte">{p["body"]}</div></div>\n{foot}</div>\n'
        f"</div>\n{side}\n</div></div></main>\n"
        f'<section class="news-list"><div class="container"><h2>Nyheter</h2>{items}</div></section>\n'
        f'<footer class="site-footer"><div class="container">{footer_columns(site, "0123-60 60 00")}</div></footer>\n'
        f'<div class="cookie-consent" data-token="{_token("ck", night, n=8)}">Vi använder kakor. <button>Stäng</button></div>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Polopoly, an old table-layout site


def polopoly_table(p: Page, site: str, night: int, theme: int) -> str:
    lead = f'<p class="ingress">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="datum">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="sidfot-artikel">{p["foot"]}</div>' if p.get("foot") else ""
    side = f'<td class="hoger" valign="top" width="200">{p["side"]}</td>' if p.get("side") else ""
    menu = "".join(
        f'<tr><td class="vmeny"><a href="/2.{400 + i}.html">{t}</a></td></tr>' for i, (t, _) in enumerate(_SECTIONS)
    )
    items = "".join(
        f'<tr><td class="puff"><a href="/4.{_token(t, n=5)}.html">{t}</a><br />{d}</td></tr>' for t, d in news(night)
    )
    body = f'<div class="brodtext">{p["body"]}</div>'
    if theme == 1:
        body = f'<div class="artikel-wrapper">{body}</div>'
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html lang="sv">\n'
        + _head(p["title"], site, night)
        + '<body bgcolor="#ffffff">\n'
        '<table width="980" cellpadding="0" cellspacing="0" border="0" class="ram">\n'
        f'<tr><td colspan="3" class="topp"><a href="/"><img src="/polopoly_fs/1.{_token("l", n=4)}!/logo.gif" alt="{site}" />'
        f'</a> <span class="dagensdatum">Idag är det {today_widget(night).lower()}</span></td></tr>\n'
        f'<tr><td colspan="3" class="kris"><b>Krisinformation:</b> {banner(night)}</td></tr>\n'
        '<tr><td class="vanster" valign="top" width="180"><table cellpadding="0" cellspacing="0">'
        f"{menu}</table></td>\n"
        '<td class="mitt" valign="top">\n'
        f'<div class="brodsmulor"><a href="/">Startsida</a> &raquo; {p["title"]}</div>\n'
        f"<h1>{p['title']}</h1>\n{top}\n{lead}\n{body}\n{foot}\n"
        f'<p class="tipsa"><a href="/tipsa?id={_token("t", night, n=6)}">Tipsa om sidan</a> | <a href="?print=1">Skriv ut</a></p>\n'
        f"</td>\n{side}\n</tr>\n"
        f'<tr><td colspan="3"><table class="puffar"><tr><td><b>Nyheter</b></td></tr>{items}</table></td></tr>\n'
        f'<tr><td colspan="3" class="sidfot">{site} | Box 500 | 123 70 Exempelstad | Tel 0123-70 000 | '
        "Fax 0123-70 001 | Org.nr 212000-7777</td></tr>\n</table>\n"
        f"<!-- pp {_token('pp', night)} -->\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Joomla 4 (Cassiopeia)


def joomla(p: Page, site: str, night: int, theme: int) -> str:
    lead = f'<p class="lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = (
        f'<dl class="article-info text-muted"><dt class="article-info-term">Detaljer</dt>{p["top"]}</dl>'
        if p.get("top")
        else ""
    )
    foot = f'<div class="article-footer">{p["foot"]}</div>' if p.get("foot") else ""
    side = (
        f'<div class="container-sidebar-right"><div class="sidebar-right card"><div class="card-body">{p["side"]}</div></div></div>'
        if p.get("side")
        else ""
    )
    grid = "site-grid" if theme != 1 else "site-grid site-grid--v2"
    items = "".join(
        f'<li itemscope><a href="/nyheter/{_token(t, n=6)}" itemprop="url">{t}</a> ({d})</li>' for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-se" dir="ltr">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<script type="application/json" class="joomla-script-options new">{{"csrf.token":"{_token("csrf", night, n=32)}"}}</script>\n',
        )
        + '<body class="site com_content wrapper-static view-article layout-blog">\n'
        f'<header class="header container-header full-width"><div class="grid-child"><div class="navbar-brand">'
        f'<a class="brand-logo" href="/">{site}</a></div></div><div class="grid-child container-nav">'
        f'<nav class="navbar navbar-expand-md">{mega_menu("ul", "li", "nav-link")}</nav></div></header>\n'
        f'<div class="{grid}">\n<div class="grid-child container-banner full-width"><div class="moduletable alert alert-warning">'
        f"<p>{banner(night)}</p></div></div>\n"
        f'<div class="grid-child container-top-a"><div class="moduletable"><p>{today_widget(night)}</p></div></div>\n'
        '<div class="grid-child container-component"><nav class="mod-breadcrumbs__wrapper"><ol class="mod-breadcrumbs breadcrumb">'
        '<li class="mod-breadcrumbs__item breadcrumb-item"><a href="/">Hem</a></li></ol></nav>\n'
        '<main><div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article">\n'
        f'<div class="page-header"><h1 itemprop="headline">{p["title"]}</h1></div>\n{top}\n'
        f'<div itemprop="articleBody" class="com-content-article__body">{lead}{p["body"]}</div>\n{foot}\n'
        "</div></main></div>\n"
        f"{side}\n"
        f'<div class="grid-child container-bottom-a"><div class="moduletable"><h3>Senaste nytt</h3><ul class="mod-articleslatest">'
        f"{items}</ul></div></div>\n</div>\n"
        f'<footer class="container-footer footer full-width"><div class="grid-child">{footer_columns(site, "0123-90 90 00")}'
        "</div></footer>\n"
        '<div id="cookiehint" class="cookiehint"><p>Vi använder kakor på den här webbplatsen.</p><a class="btn" href="#">Jag förstår</a></div>\n'
        "</body>\n</html>\n"
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "sitevision-envision": sitevision_envision,
    "optimizely": optimizely,
    "drupal-olivero": drupal_olivero,
    "wordpress-tt4": wp_tt4,
    "wordpress-classic": wp_classic,
    "umbraco-blocks": umbraco_blocks,
    "polopoly-table": polopoly_table,
    "joomla": joomla,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise(html) if theme == 2 else html
