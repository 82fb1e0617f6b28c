# ruff: noqa: E501  (markup literals: a skeleton reads better one element per line than wrapped mid-tag)
"""Page skeletons for the third held-out part (tests/corpus/heldout3), in CMSs and themes that
:mod:`corpus.cms` and :mod:`corpus.cms2` do not have, written anew from what their public templates emit:

- ``wp-sundsvall``: a municipal WordPress theme (the layout of Sundsvall's open theme: a help-menu column
  *before* the content, a "Senast ändrad :" line under the heading, page contacts after the text with the
  role in a ``<small>`` inside the name's heading and "e-mail / phone" on one line);
- ``municipio3``: Municipio 3 (Helsingborg's WordPress theme) with its component-library markup: notice
  banners, a three-column grid, ``c-article`` with a signature (published/updated) below the text and
  Modularity contact cards in the right sidebar;
- ``alloy``: the Episerver/Optimizely Alloy templates (Bootstrap 2 ``span`` grid, ``introduction`` lead,
  main body in a row, a content area of blocks with a contact block and a rotating teaser);
- ``liferay``: a Liferay 7 classic-theme portal page: ``#wrapper``/``#banner``/``#content``, portlet
  columns, the article in a Journal Content portlet, the contact in a second portlet with a portlet title,
  an Asset Publisher news list *in the same column* under the article, rotating auth tokens;
- ``wordpress-tt5``: WordPress Twenty Twenty-Five (post terms above and below the content, spacer blocks,
  a "more posts" query loop inside ``main``, an overlay navigation);
- ``umbraco-clean``: the Clean starter kit for Umbraco 13 (Start Bootstrap "Clean Blog": the heading and
  lead inside a masthead with a cache-busted background image, the text in a block list, post previews
  with "Publicerad av … den …" meta lines);
- ``drupal-localgov``: the LocalGov Drupal base theme on Drupal 11 (``lgd-`` containers, the page title
  block with its lede in the content-top region *outside* ``<main>``, an alert banner with a dismiss token, a
  two-thirds/one-third row, a "was this page useful" block, a rotating form build id).

The case fields are those of :mod:`corpus.cms` (title, lead, top, body, foot, side) and ``night``/``theme``
mean the same (theme 0: as first seen, 1: new wrappers and classes, 2: re-serialised). The furniture also
changes its menus between nights (a seasonal link comes and goes, a "most read" list rotates), as real
sites do. All names, prose and numbers are invented.
"""

from __future__ import annotations

from collections.abc import Callable

from .cms import Page, _fill, _head, _token, banner, news, reserialise, today_widget
from .cms2 import _slug, footer_columns, mega_menu

#: Links that come and go in a site's menus from one night to the next (campaigns, seasons).
_SEASONAL = (
    ("Julmarknad på torget", "/uppleva-och-gora/julmarknad/"),
    None,
    ("Sportlov – aktiviteter för unga", "/uppleva-och-gora/sportlov/"),
    None,
    ("Ansök om feriearbete", "/arbete/feriearbete/"),
)

_MOST_READ = (
    "Lediga jobb",
    "Förskola",
    "Bygglov",
    "Sophämtning",
    "Skolmat",
    "Parkering",
    "Badhus och simhallar",
)


def seasonal_link(night: int, li: str = "li", a_class: str = "") -> str:
    """A menu item that is there on some nights and gone on others."""
    item = _SEASONAL[night % len(_SEASONAL)]
    if item is None:
        return ""
    cls = f' class="{a_class}"' if a_class else ""
    return f'<{li}><a{cls} href="{item[1]}">{item[0]}</a></{li}>'


def most_read(night: int, count: int = 4) -> str:
    """A "most read" link list whose order and content follow the night's statistics."""
    start = (night * 3) % len(_MOST_READ)
    picks = [_MOST_READ[(start + i) % len(_MOST_READ)] for i in range(count)]
    return "".join(f'<li><a href="/{_slug(t)}/">{t}</a></li>' for t in picks)


# ---------------------------------------------------------------- a municipal WordPress theme (Sundsvall's layout)


def wp_sundsvall(p: Page, site: str, night: int, theme: int) -> str:
    post = _token("sk", p["title"], n=4)
    lead = f'<p class="page-lead">{p["lead"]}</p>' if p.get("lead") else ""
    date = f'<div class="single-post__date">{p["top"]}</div>' if p.get("top") else ""
    contacts = f'<div class="page-contacts">{p["side"]}</div>' if p.get("side") else ""
    foot = f'<div class="single-post__footer">{p["foot"]}</div>' if p.get("foot") else ""
    content_cls = "single-post__content" if theme != 1 else "single-post__content single-post__content--wide"
    inner = (
        f'<h1 class="single-post__title">{p["title"]}</h1>\n{date}\n{lead}\n'
        f'<div class="single-post__body">{p["body"]}</div>\n{contacts}\n{foot}\n'
        '<div class="page-vote"><p class="page-vote__question">Var informationen till hjälp?</p>'
        f'<button data-vote="1" data-nonce="{_token("vote", night, n=10)}">Ja</button>'
        f'<button data-vote="0" data-nonce="{_token("vote", night, n=10)}">Nej</button></div>'
    )
    if theme == 1:
        inner = f'<article class="single-post__article">{inner}</article>'
    items = "".join(
        f'<li class="latest-news__item"><a href="/nyheter/{d[:4]}/{_token(t, n=6)}/">{t}</a> <time>{d}</time></li>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(p["title"], site, night, f"<script>var sk_ajax={{'nonce':'{_token('ajax', night, n=10)}'}};</script>\n")
        + f'<body class="page-template-default page page-id-{post}">\n'
        '<a class="focus-only" href="#post-content">Hoppa till innehåll</a>\n'
        f'<div class="service-status-messages"><div class="alert alert-warning"><span class="icon">!</span> {banner(night)}</div></div>\n'
        f'<header class="site-header"><div class="container-fluid"><a class="site-logo" href="/"><img src="/wp-content/themes/sundsvall/logo.svg" alt="{site}"></a>'
        f'<nav class="site-navbar"><ul class="nav">{seasonal_link(night)}<li><a href="/lediga-jobb/">Lediga jobb</a></li>'
        '<li><a href="/kontakt/">Kontakta oss</a></li></ul></nav>'
        '<form class="searchform" action="/"><label for="s">Sök på webbplatsen</label><input id="s" name="s"><button>Sök</button></form>'
        f'<nav class="site-navigation">{mega_menu()}</nav>'
        '<a class="google-translate-link" href="#translate">Languages</a></div></header>\n'
        '<div class="breadcrumbs-wrapper"><ol class="breadcrumb"><li><a href="/">Hem</a></li>'
        f'<li><a href="/kommun-och-politik/">Kommun och politik</a></li><li class="active">{p["title"]}</li></ol></div>\n'
        '<div class="container-fluid"><div class="single-post__row">\n'
        '<aside class="single-post__sidebar"><a href="#post-content" class="focus-only">Hoppa över sidomeny</a>'
        '<nav class="sk-helpmenu"><h2 class="sk-helpmenu__title">Hjälpmeny</h2><ul><li><a href="javascript:window.print()">Skriv ut</a></li>'
        '<li><a href="#listen" class="rs_skip">Lyssna</a></li><li><a href="/lattlast/">Lättläst</a></li><li><a href="/other-languages/">Other languages</a></li></ul></nav>'
        '<nav class="section-nav"><h2>Internationellt</h2><ul><li><a href="/kommun-och-politik/internationellt/vanorter/">Vänorter</a></li>'
        '<li><a href="/kommun-och-politik/internationellt/eu-projekt/">EU-projekt</a></li>'
        '<li><a href="/kommun-och-politik/internationellt/utbyten/">Utbyten för unga</a></li></ul></nav></aside>\n'
        f'<div class="{content_cls}" id="post-content">\n{inner}\n</div>\n'
        "</div></div>\n"
        f'<section class="latest-news"><h2>Senaste nyheterna</h2><ul>{items}</ul></section>\n'
        f'<footer class="site-footer"><div class="container-fluid">{footer_columns(site, "0157-43 00 00")}</div></footer>\n'
        f'<div class="cookie-notice" data-cookie="{_token("cn", night, n=6)}"><p>Vi använder kakor för att förbättra din upplevelse.</p>'
        "<button>Jag godkänner</button></div>\n"
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Municipio 3 (component library)


def municipio3(p: Page, site: str, night: int, theme: int) -> str:
    grid = "o-grid" if theme != 1 else "o-grid o-grid--half-gutter"
    lead = f'<p class="lead c-typography c-typography__variant--lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="c-article__meta">{p["top"]}</div>' if p.get("top") else ""
    signature = (
        f'<div class="c-signature u-margin__top--4"><div class="c-signature__content">{p["foot"]}</div></div>'
        if p.get("foot")
        else ""
    )
    side = (
        f'<div id="sidebar-right-sidebar" class="o-grid-12 c-sidebar"><div class="modularity-mod-contacts">{p["side"]}</div></div>'
        if p.get("side")
        else ""
    )
    nav = "".join(
        f'<li class="c-nav__item"><a class="c-nav__link" href="/kommun-och-politik/internationellt/{_slug(t)}/">'
        f'<span class="c-nav__text">{t}</span></a></li>'
        for t in ("Vänorter", "EU och internationellt", "Utbyten för unga", "Mottagande av delegationer")
    )
    items = "".join(
        f'<a class="c-card c-card--news" href="/nyheter/{_token(t, n=6)}/"><div class="c-card__body"><h3 class="c-card__heading">{t}</h3>'
        f'<span class="c-card__meta"><time datetime="{d}">{d}</time></span></div></a>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night, f'<meta name="municipio-version" content="3.{60 + night % 3}.0">\n')
        + '<body class="page-template-default page t-municipio municipio-theme--default">\n'
        '<a href="#main-content" class="c-button c-button--skip">Hoppa till huvudinnehåll</a>\n'
        f'<div class="c-notice c-notice--warning c-notice--banner" data-dismissable-id="{_token("notice", night, n=8)}">'
        f'<span class="c-notice__icon">!</span><span class="c-notice__message">{banner(night)}</span>'
        '<button class="c-notice__dismiss">Stäng</button></div>\n'
        f'<header class="c-header c-header--casual site-header"><div class="o-container"><a class="c-logotype" href="/">{site}</a>'
        f'<nav class="c-nav c-nav--horizontal c-header__menu"><ul class="c-nav__list">{seasonal_link(night, "li", "c-nav__link")}'
        '<li class="c-nav__item"><a class="c-nav__link" href="/barn-och-utbildning/">Barn och utbildning</a></li>'
        '<li class="c-nav__item"><a class="c-nav__link" href="/omsorg-och-stod/">Omsorg och stöd</a></li>'
        '<li class="c-nav__item"><a class="c-nav__link" href="/kommun-och-politik/">Kommun och politik</a></li></ul></nav>'
        '<button class="c-button c-button--search" aria-label="Sök">Sök</button></div></header>\n'
        '<nav class="c-breadcrumb" aria-label="Brödsmulor"><ol class="c-breadcrumb__list"><li><a href="/">Hem</a></li>'
        f'<li><a href="/kommun-och-politik/">Kommun och politik</a></li><li aria-current="page">{p["title"]}</li></ol></nav>\n'
        f'<main id="main-content" class="o-container t-page-layout"><div class="{grid}">\n'
        f'<div class="o-grid-12 o-grid-3@md"><nav class="c-nav c-nav--vertical c-nav--sidebar" aria-label="Undermeny"><ul class="c-nav__list">{nav}</ul></nav></div>\n'
        f'<div class="o-grid-12 o-grid-6@md"><article id="article" class="c-article c-article--readable-width s-article u-clearfix">\n'
        '<div class="c-article__header u-display--flex u-align-items--center u-justify-content--space-between">'
        f'<h1 class="c-typography c-typography__variant--h1" id="page-title">{p["title"]}</h1></div>\n'
        f"{lead}\n{top}\n{p['body']}\n{signature}\n</article></div>\n"
        f'<div class="o-grid-12 o-grid-3@md">{side}</div>\n'
        "</div></main>\n"
        f'<section class="o-container c-section news"><h2 class="c-typography">Nyheter</h2><div class="{grid}">{items}</div></section>\n'
        f'<footer class="c-footer"><div class="o-container">{footer_columns(site, "0498-20 10 00")}'
        f'<div class="c-footer__most-read"><h2>Mest besökt</h2><ul>{most_read(night)}</ul></div></div></footer>\n'
        '<div class="c-cookie-consent" role="dialog"><p>Vi använder kakor för statistik och för att webbplatsen ska fungera.</p>'
        "<button>Godkänn alla</button><button>Endast nödvändiga</button></div>\n"
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Episerver / Optimizely Alloy


def alloy(p: Page, site: str, night: int, theme: int) -> str:
    body_span = "span9 clearfix" if theme != 1 else "span9 main-body clearfix"
    lead = f'<p class="introduction">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="page-meta">{p["top"]}</div>' if p.get("top") else ""
    teaser_t, teaser_d = news(night, 1)[0]
    blocks = []
    if p.get("foot"):
        blocks.append(f'<div class="block editorialblock span9"><div class="border">{p["foot"]}</div></div>')
    if p.get("side"):
        blocks.append(f'<div class="block contactblock span4"><div class="border contact">{p["side"]}</div></div>')
    blocks.append(
        f'<div class="block teaserblock span4"><div class="border"><a href="/nyheter/{_token(teaser_t, n=6)}/">'
        f"<h2>{teaser_t}</h2></a><p>Läs mer om det som händer i kommunen just nu ({teaser_d}).</p></div></div>"
    )
    footer_news = "".join(f'<li><a href="/nyheter/{_token(t, n=6)}/">{t}</a></li>' for t, _ in news(night, 4))
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night, f'<meta name="epi-contentlink" content="{_token("cl", p["title"], n=3)}">\n')
        + "<body>\n"
        f'<div class="alert alert-block cookie-info" data-id="{_token("ck", night, n=6)}"><p>Webbplatsen använder kakor. '
        'Genom att fortsätta godkänner du det.</p><a class="btn" href="#">Stäng</a></div>\n'
        '<div class="container">\n'
        f'<div id="header"><div class="row"><div class="span2"><a href="/" class="logo"><img alt="{site}" src="/Static/gfx/logotype.png"></a></div>'
        '<div class="span10"><ul class="nav nav-pills quick-links"><li><a href="/lattlast/">Lättläst</a></li><li><a href="/in-english/">In English</a></li>'
        f"{seasonal_link(night)}</ul>"
        '<form class="navbar-search pull-right" action="/sok/"><input class="search-query" name="q" placeholder="Sök"></form>'
        '<ul class="nav nav-tabs main-menu"><li><a href="/bo-och-bygga/">Bo och bygga</a></li><li><a href="/utbildning/">Utbildning</a></li>'
        '<li class="active"><a href="/kommun-och-politik/">Kommun och politik</a></li><li><a href="/naringsliv/">Näringsliv</a></li></ul></div></div></div>\n'
        f'<div class="alert alert-error important"><strong>Viktigt:</strong> {banner(night)}</div>\n'
        '<ul class="breadcrumb"><li><a href="/">Start</a> <span class="divider">/</span></li>'
        f'<li><a href="/kommun-och-politik/">Kommun och politik</a> <span class="divider">/</span></li><li class="active">{p["title"]}</li></ul>\n'
        '<div class="row">\n'
        '<div class="span3 subnav"><ul class="nav nav-list"><li class="nav-header">Kommun och politik</li>'
        '<li><a href="/kommun-och-politik/eu-samordning/">EU-samordning</a></li><li><a href="/kommun-och-politik/vanorter/">Vänorter</a></li>'
        '<li><a href="/kommun-och-politik/namnder/">Nämnder och styrelser</a></li><li><a href="/kommun-och-politik/budget/">Budget och ekonomi</a></li></ul></div>\n'
        f'<div class="span9">\n<h1>{p["title"]}</h1>\n{lead}\n{top}\n'
        f'<div class="row"><div class="{body_span}">{p["body"]}</div></div>\n'
        f'<div class="row equal-height">{"".join(blocks)}</div>\n'
        "</div>\n</div>\n"
        '<div id="footer"><div class="row">'
        f'<div class="span3"><h3>{site}</h3><p>Stortorget 3<br>123 55 Exempelstad</p><p>Växel 0155-26 40 00</p></div>'
        f'<div class="span3"><h3>Nyheter</h3><ul class="unstyled">{footer_news}</ul></div>'
        '<div class="span3"><h3>Genvägar</h3><ul class="unstyled"><li><a href="/e-tjanster/">E-tjänster</a></li>'
        '<li><a href="/diarium/">Diarium</a></li><li><a href="/press/">Press</a></li></ul></div>'
        f'<div class="span3"><h3>Mest besökt</h3><ul class="unstyled">{most_read(night, 3)}</ul></div></div></div>\n'
        "</div>\n"
        f'<script src="/Static/js/alloy.js?v={_token("alloy", night, n=8)}"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Liferay 7 (classic theme, portlets)


def _portlet(kind: str, instance: str, inner: str, title: str = "", extra: str = "") -> str:
    """A portlet as the classic theme decorates it: a boundary div, an optional title bar, the body."""
    pid = f"com_liferay_{kind}_INSTANCE_{instance}"
    header = (
        '<div class="autofit-float autofit-row portlet-header"><div class="autofit-col autofit-col-expand">'
        f'<h2 class="portlet-title-text">{title}</h2></div></div>'
        if title
        else ""
    )
    return (
        f'<div class="portlet-boundary portlet-boundary_com_liferay_{kind}_ portlet-static portlet-static-end '
        f'portlet-decorate {extra}" id="p_p_id_{pid}_"><span id="p_{pid}"></span>'
        f'<section class="portlet" id="portlet_{pid}"><div class="portlet-content">{header}'
        f'<div class="portlet-content-container"><div class="portlet-body">{inner}</div></div></div></section></div>'
    )


def liferay(p: Page, site: str, night: int, theme: int) -> str:
    column = (
        "col-md-8 portlet-column portlet-column-first"
        if theme != 1
        else "col-lg-8 col-md-12 portlet-column portlet-column-first"
    )
    lead = f'<p class="lead">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="article-meta">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="article-footer">{p["foot"]}</div>' if p.get("foot") else ""
    article = (
        f'<div class="clearfix journal-content-article" data-analytics-asset-id="{_token("art", p["title"], n=5)}" '
        f'data-analytics-asset-title="{p["title"]}" data-analytics-asset-type="web-content">'
        f"<h1>{p['title']}</h1>{lead}{top}{p['body']}{foot}</div>"
    )
    crumbs = (
        '<nav aria-label="Brödsmulor"><ol class="breadcrumb"><li class="breadcrumb-item"><a class="breadcrumb-link" href="/web/guest/start">Start</a></li>'
        '<li class="breadcrumb-item"><a class="breadcrumb-link" href="/web/guest/kommun-och-politik">Kommun och politik</a></li>'
        f'<li class="breadcrumb-item active"><span class="breadcrumb-text-truncate">{p["title"]}</span></li></ol></nav>'
    )
    entries = "".join(
        '<div class="asset-abstract"><h3 class="asset-title"><a href="/web/guest/nyheter/-/asset_publisher/'
        f'{_token("ap", n=4)}/content/{_token(t, n=6)}">{t}</a></h3>'
        f'<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">Publicerad {d}</span></div></div>'
        for t, d in news(night)
    )
    right = []
    if p.get("side"):
        right.append(
            _portlet(
                "journal_content_web_portlet_JournalContentPortlet",
                "kontakt1",
                p["side"],
                "Kontakt",
                "portlet-journal-content",
            )
        )
    right.append(
        _portlet(
            "site_navigation_menu_web_portlet_SiteNavigationMenuPortlet",
            "sidemeny",
            '<ul class="list-unstyled"><li><a href="/web/guest/kommun-och-politik/vanorter">Vänorter</a></li>'
            '<li><a href="/web/guest/kommun-och-politik/eu-fonder">EU-fonder</a></li>'
            '<li><a href="/web/guest/kommun-och-politik/mottagning">Mottagning av besökare</a></li></ul>',
            "Internationellt",
            "portlet-navigation",
        )
    )
    token = _token("auth", night, n=8)
    return (
        '<!DOCTYPE html>\n<html class="ltr" dir="ltr" lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<script>var Liferay={{authToken:'{token}',currentURL:'/web/guest?p_p_id=x&amp;p_p_lifecycle=0&amp;t={night}'}};</script>\n",
        )
        + '<body class="controls-visible guest-site signed-out public-page site">\n'
        '<nav class="quick-access-nav" id="quickAccessNav"><ul><li><a href="#main-content">Hoppa till huvudinnehåll</a></li></ul></nav>\n'
        '<div class="d-flex flex-column min-vh-100"><div class="d-flex flex-column flex-fill" id="wrapper">\n'
        '<header id="banner"><div class="navbar navbar-classic navbar-top py-2 upper-header"><div class="container user-personal-bar">'
        '<div class="autofit-row"><div class="autofit-col language-selector"><a href="/en/web/guest" lang="en">English</a></div>'
        '<div class="autofit-col autofit-col-expand"><form class="navbar-form" action="/web/guest/search"><input name="q" placeholder="Sök..."></form></div>'
        f'<div class="autofit-col header-date">{today_widget(night)}</div></div></div></div>'
        f'<div class="navbar navbar-classic navbar-expand-md navbar-light"><div class="container"><a class="logo custom-logo" href="/web/guest" title="Gå till {site}">'
        f'<img alt="{site}" src="/image/layout_set_logo?img_id={_token("logo", n=6)}"></a>'
        f'<nav id="navigation" role="navigation">{mega_menu("ul", "li", "nav-link")}</nav></div></div></header>\n'
        f'<div class="alert alert-warning crisis-alert" role="alert"><strong>Driftinformation:</strong> {banner(night)}</div>\n'
        '<section class="container-fluid container-fluid-max-xl" id="content">\n'
        f'<h2 class="hide-accessible sr-only" role="heading" aria-level="1">{p["title"]} - {site}</h2>\n'
        '<div class="columns-2-1" id="main-content" role="main"><div class="portlet-layout row">\n'
        f'<div class="{column}" id="column-1"><div class="portlet-dropzone portlet-column-content portlet-column-content-first" id="layout-column_column-1">\n'
        + _portlet(
            "site_navigation_breadcrumb_web_portlet_SiteNavigationBreadcrumbPortlet",
            "brod",
            crumbs,
            "",
            "portlet-breadcrumb",
        )
        + "\n"
        + _portlet(
            "journal_content_web_portlet_JournalContentPortlet", "artikel1", article, "", "portlet-journal-content"
        )
        + "\n"
        + _portlet(
            "asset_publisher_web_portlet_AssetPublisherPortlet",
            "nyheter",
            entries,
            "Nyheter",
            "portlet-asset-publisher",
        )
        + "\n</div></div>\n"
        '<div class="col-md-4 portlet-column portlet-column-last" id="column-2"><div class="portlet-dropzone portlet-column-content" id="layout-column_column-2">\n'
        + "\n".join(right)
        + "\n</div></div>\n</div></div>\n</section>\n"
        f'<footer id="footer" role="contentinfo"><div class="container">{footer_columns(site, "0611-34 80 00")}'
        '<p class="powered-by">Drivs med Liferay</p></div></footer>\n'
        "</div></div>\n"
        '<div class="cookie-banner" id="cookieBanner"><p>Vi använder kakor.</p><button>Acceptera</button><button>Inställningar</button></div>\n'
        f"<script>Liferay.Portlet.ready('{_token('ready', night, n=6)}');</script>\n"
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress Twenty Twenty-Five


def wp_tt5(p: Page, site: str, night: int, theme: int) -> str:
    lay = (
        "is-layout-constrained wp-block-group-is-layout-constrained"
        if theme != 1
        else "is-layout-flow wp-block-group-is-layout-flow"
    )
    cid = 7 + (night * 3) % 17
    lead = f'<p class="has-large-font-size">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="wp-block-group post-meta is-layout-flex">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="wp-block-group page-info {lay}">{p["foot"]}</div>' if p.get("foot") else ""
    side = (
        f'<div class="wp-block-group is-style-section-1 has-global-padding {lay}">{p["side"]}</div>'
        if p.get("side")
        else ""
    )
    nav = "".join(
        f'<li class="wp-block-navigation-item wp-block-navigation-link"><a class="wp-block-navigation-item__content" href="/{_slug(t)}/">'
        f'<span class="wp-block-navigation-item__label">{t}</span></a></li>'
        for t in ("Bo och leva", "Utbildning", "Kommun och politik")
    ) + seasonal_link(night, "li", "wp-block-navigation-item__content")
    posts = "".join(
        f'<li class="wp-block-post post type-post status-publish"><h3 class="wp-block-post-title has-large-font-size"><a href="/{_token(t, n=6)}/">{t}</a></h3>'
        f'<div class="wp-block-post-date has-small-font-size"><time datetime="{d}T09:30:00+01:00">{d}</time></div></li>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<style id='core-block-supports-inline-css'>.wp-container-core-group-is-layout-{cid}{{flex-wrap:nowrap}}</style>\n"
            f"<script id='wp-interactivity-data' type='application/json'>{{\"nonce\":\"{_token('wpi', night, n=10)}\"}}</script>\n",
        )
        + '<body class="page-template-default page wp-embed-responsive">\n<div class="wp-site-blocks">\n'
        '<header class="wp-block-template-part"><div class="wp-block-group alignfull is-layout-flow">'
        f'<div class="wp-block-group has-global-padding {lay}"><div class="wp-block-group alignwide is-content-justification-space-between is-layout-flex wp-container-core-group-is-layout-{cid}">'
        f'<p class="wp-block-site-title"><a href="/" rel="home">{site}</a></p>'
        '<nav class="is-responsive items-justified-right wp-block-navigation is-layout-flex" aria-label="Meny">'
        '<button class="wp-block-navigation__responsive-container-open" aria-haspopup="true">Öppna meny</button>'
        '<div class="wp-block-navigation__responsive-container"><div class="wp-block-navigation__responsive-dialog">'
        '<button class="wp-block-navigation__responsive-container-close">Stäng meny</button>'
        f'<ul class="wp-block-navigation__container">{nav}</ul></div></div></nav></div></div></div></header>\n'
        f'<div class="wp-block-group alignfull has-accent-4-background-color {lay}"><p class="has-text-align-center has-small-font-size">{banner(night)}</p></div>\n'
        f'<main class="wp-block-group {lay}" style="margin-top:var(--wp--preset--spacing--60)">\n'
        f'<div class="wp-block-group alignfull has-global-padding {lay}" style="padding-top:var(--wp--preset--spacing--60)">\n'
        f'<h1 class="wp-block-post-title">{p["title"]}</h1>\n'
        '<div class="taxonomy-category wp-block-post-terms"><a href="/kategori/kommun-och-politik/" rel="tag">Kommun och politik</a></div>\n'
        '<div style="height:var(--wp--preset--spacing--50)" aria-hidden="true" class="wp-block-spacer"></div>\n'
        f"{top}\n"
        f'<div class="entry-content alignfull wp-block-post-content has-global-padding {lay}">{lead}{p["body"]}</div>\n'
        f"{foot}\n{side}\n"
        '<div class="wp-block-group"><div class="is-style-post-terms-1 taxonomy-post_tag wp-block-post-terms">'
        '<a href="/tagg/eu/" rel="tag">EU</a><span class="wp-block-post-terms__separator">  </span><a href="/tagg/internationellt/" rel="tag">internationellt</a></div></div>\n'
        f'<div class="wp-block-group alignwide {lay}"><h2 class="wp-block-heading has-x-large-font-size">Fler inlägg</h2>'
        f'<ul class="wp-block-post-template is-layout-flow">{posts}</ul></div>\n'
        "</div>\n</main>\n"
        f'<footer class="wp-block-template-part"><div class="wp-block-group has-global-padding {lay}">'
        f'<h2 class="wp-block-site-title has-xx-large-font-size">{site}</h2>{footer_columns(site, "0240-66 70 00")}'
        '<p class="has-small-font-size">Drivs med WordPress</p></div></footer>\n'
        "</div>\n"
        '<div class="cky-consent-container" role="region"><div class="cky-notice"><p class="cky-notice-des">Vi använder kakor för att ge dig bästa möjliga upplevelse.</p>'
        '<button class="cky-btn cky-btn-accept">Acceptera alla</button><button class="cky-btn cky-btn-reject">Neka</button></div></div>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Umbraco 13, Clean starter kit


def umbraco_clean(p: Page, site: str, night: int, theme: int) -> str:
    col = "col-md-10 col-lg-8 col-xl-7" if theme != 1 else "col-md-10 col-lg-9 col-xl-8 content-column"
    lead = f'<span class="subheading">{p["lead"]}</span>' if p.get("lead") else ""
    top = f'<span class="meta">{p["top"]}</span>' if p.get("top") else ""
    side = (
        f'<div class="umb-block-list__item contact-card"><div class="rte">{p["side"]}</div></div>'
        if p.get("side")
        else ""
    )
    foot = (
        f'<div class="umb-block-list__item page-info"><div class="rte">{p["foot"]}</div></div>' if p.get("foot") else ""
    )
    previews = "".join(
        f'<div class="post-preview"><a href="/blogg/{_token(t, n=6)}/"><h2 class="post-title">{t}</h2></a>'
        f'<p class="post-meta">Publicerad av Kommunikationsenheten den {d}</p></div><hr class="my-4">'
        for t, d in news(night, 2)
    )
    nav = "".join(
        f'<li class="nav-item"><a class="nav-link px-lg-3 py-3 py-lg-4" href="/{_slug(t)}/">{t}</a></li>'
        for t in ("Start", "Kommun och politik", "Näringsliv", "Kontakt")
    ) + seasonal_link(night, "li", "nav-link px-lg-3 py-3 py-lg-4")
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(p["title"], site, night, f'<meta name="umbraco-key" content="{_token("key", p["title"], n=8)}">\n')
        + "<body>\n"
        f'<div class="alert alert-warning mb-0 text-center site-alert" role="alert">{banner(night)}</div>\n'
        '<nav class="navbar navbar-expand-lg navbar-light" id="mainNav"><div class="container px-4 px-lg-5">'
        f'<a class="navbar-brand" href="/">{site}</a><button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#navbarResponsive">Meny</button>'
        f'<div class="collapse navbar-collapse" id="navbarResponsive"><ul class="navbar-nav ms-auto py-4 py-lg-0">{nav}</ul></div></div></nav>\n'
        f'<header class="masthead" style="background-image: url(\'/media/{_token("img", n=6)}/header.jpg?rmode=max&amp;width=1920&amp;v={night}\')">'
        '<div class="container position-relative px-4 px-lg-5"><div class="row gx-4 gx-lg-5 justify-content-center">'
        f'<div class="{col}"><div class="page-heading"><h1>{p["title"]}</h1>{lead}{top}</div></div></div></div></header>\n'
        '<article class="mb-4"><div class="container px-4 px-lg-5"><div class="row gx-4 gx-lg-5 justify-content-center">'
        f'<div class="{col}"><div class="umb-block-list">\n'
        f'<div class="umb-block-list__item rich-text"><div class="rte">{p["body"]}</div></div>\n{side}\n{foot}\n'
        "</div></div></div></div></article>\n"
        f'<section class="latest-posts"><div class="container px-4 px-lg-5"><div class="row gx-4 gx-lg-5 justify-content-center"><div class="{col}">'
        f'<h2 class="section-heading">Senaste nytt</h2>{previews}'
        '<div class="d-flex justify-content-end mb-4"><a class="btn btn-primary text-uppercase" href="/blogg/">Fler nyheter →</a></div></div></div></div></section>\n'
        '<footer class="border-top"><div class="container px-4 px-lg-5"><div class="row gx-4 gx-lg-5 justify-content-center"><div class="col-md-10 col-lg-8 col-xl-7">'
        '<ul class="list-inline text-center"><li class="list-inline-item"><a href="https://facebook.example/kommun">Facebook</a></li>'
        '<li class="list-inline-item"><a href="https://instagram.example/kommun">Instagram</a></li></ul>'
        f'<div class="small text-center text-muted fst-italic">Copyright © {site} 2024 · Växel 0224-74 51 00</div></div></div></div></footer>\n'
        f'<script src="/js/scripts.js?v={_token("js", night, n=8)}"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- LocalGov Drupal (Drupal 11)


def drupal_localgov(p: Page, site: str, night: int, theme: int) -> str:
    row = "lgd-row" if theme != 1 else "lgd-row lgd-row--gutter"
    # The page header block (title and lede) sits in the content_top region, above and outside <main>.
    lede = f'<div class="lgd-page-title-block__subheader h3">{p["lead"]}</div>' if p.get("lead") else ""
    top = (
        f'<div class="field field--name-localgov-page-dates field--type-text-long field--label-hidden">{p["top"]}</div>'
        if p.get("top")
        else ""
    )
    foot = (
        f'<div class="field field--name-localgov-page-info field--type-text-long field--label-hidden">{p["foot"]}</div>'
        if p.get("foot")
        else ""
    )
    side = (
        f'<div class="block block-localgov-contact"><div class="block__content">{p["side"]}</div></div>'
        if p.get("side")
        else ""
    )
    form_id = f"form-{_token('fb', night, n=22)}"
    items = "".join(
        f'<li class="localgov-news__item"><a href="/nyheter/{_token(t, n=6)}">{t}</a> <time datetime="{d}">{d}</time></li>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv" dir="ltr">\n'
        + _head(p["title"], site, night, '<meta name="Generator" content="Drupal 11 (https://www.drupal.org)">\n')
        + '<body class="path-node page-node-type-localgov-services-page">\n'
        '<a href="#main-content" class="visually-hidden focusable skip-link">Hoppa till huvudinnehåll</a>\n'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas><div class="lgd-page-wrapper">\n'
        '<div class="lgd-region lgd-region--alert-banner"><div class="localgov-alert-banner localgov-alert-banner--minor" role="alert">'
        '<div class="localgov-alert-banner__title">Driftinformation</div>'
        f'<div class="localgov-alert-banner__content"><p>{banner(night)}</p></div>'
        f'<button class="js-localgov-alert-banner__close" data-dismiss-alert-token="{_token("al", night, n=12)}">Stäng</button></div></div>\n'
        '<header class="lgd-header"><div class="lgd-container padding-horizontal"><div class="lgd-header__inner">'
        f'<div class="lgd-header__site-branding"><a href="/" rel="home" class="site-logo">{site}</a></div>'
        f'<div class="lgd-header__search"><form action="/sok" method="get"><input type="search" name="s"><input type="hidden" name="form_build_id" value="{form_id}"><button>Sök</button></form></div>'
        f'<nav class="lgd-header__nav lgd-header__nav--primary" aria-label="Huvudmeny">{mega_menu("ul", "li", "lgd-header__nav-link")}'
        f'<ul class="lgd-header__nav-extra">{seasonal_link(night)}</ul></nav></div></div></header>\n'
        '<div class="lgd-region lgd-region--breadcrumb"><div class="lgd-container padding-horizontal"><nav class="breadcrumb" aria-labelledby="system-breadcrumb">'
        '<ol><li><a href="/">Hem</a></li><li><a href="/kommun-och-politik">Kommun och politik</a></li>'
        f"<li>{p['title']}</li></ol></nav></div></div>\n"
        '<div class="lgd-region lgd-region--content-top"><div class="lgd-container padding-horizontal">'
        f'<div class="lgd-page-title-block"><h1 class="lgd-page-title-block__title">{p["title"]}</h1>{lede}</div></div></div>\n'
        '<div class="lgd-container padding-horizontal"><main id="main-content">\n'
        f'<div class="{row}"><div class="lgd-row__two-thirds">\n'
        '<article class="localgov-services-page node node--type-localgov-services-page node--view-mode-full"><div class="node__content">\n'
        f'{top}\n<div class="field field--name-body field--type-text-with-summary field--label-hidden">{p["body"]}</div>\n{foot}\n'
        "</div></article>\n"
        '<div class="lgd-region lgd-region--content-bottom"><div class="block block-localgov-page-feedback"><h2>Var den här sidan till hjälp?</h2>'
        f'<form><button name="ja">Ja</button><button name="nej">Nej</button><input type="hidden" name="form_build_id" value="{form_id}"></form></div></div>\n'
        '</div>\n<aside class="lgd-row__one-third lgd-sidebar">\n'
        f"{side}\n"
        '<div class="block block-localgov-related-links"><h2>Relaterade länkar</h2><ul><li><a href="https://www.skr.example/internationellt">SKR om internationellt arbete</a></li>'
        '<li><a href="https://eu.example/regionalpolitik">EU:s regionalpolitik</a></li></ul></div>\n'
        "</aside></div>\n</main></div>\n"
        f'<section class="lgd-region lgd-region--content-bottom-full"><div class="lgd-container"><h2>Nyheter</h2><ul class="localgov-news">{items}</ul></div></section>\n'
        f'<footer class="lgd-footer"><div class="lgd-container padding-horizontal">{footer_columns(site, "0523-61 20 00")}</div></footer>\n'
        "</div></div>\n"
        '<div id="sliding-popup" class="eu-cookie-compliance-banner"><div class="eu-cookie-compliance-message"><p>Vi använder kakor för att förbättra webbplatsen.</p></div>'
        '<button class="agree-button">Jag godkänner</button></div>\n'
        "</body>\n</html>\n"
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "wp-sundsvall": wp_sundsvall,
    "municipio3": municipio3,
    "alloy": alloy,
    "liferay": liferay,
    "wordpress-tt5": wp_tt5,
    "umbraco-clean": umbraco_clean,
    "drupal-localgov": drupal_localgov,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise(html) if theme == 2 else html
