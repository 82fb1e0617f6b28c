# ruff: noqa: E501  (markup literals: a skeleton reads better one element per line than wrapped mid-tag)
"""Page skeletons for the fourth held-out part (tests/corpus/heldout4), in CMSs and front ends that
:mod:`corpus.cms`, :mod:`corpus.cms2` and :mod:`corpus.cms3` do not have, written anew from what their
public templates emit:

- ``sitecore-sxa``: Sitecore with SXA (every rendering a ``component <name>`` div holding a
  ``component-content`` div, a column splitter with Bootstrap columns, a search box whose settings sit in
  a JSON ``data-properties`` attribute, media URLs with ``?h=…&hash=…``);
- ``typo3-bootstrap``: TYPO3 with the Bootstrap Package (every content element a ``frame`` div with
  ``frame-type-*``/``frame-layout-*``/``frame-space-*`` classes and a ``c<uid>`` id, ``frame-container``
  and ``frame-inner``, the ``TYPO3SEARCH_begin``/``_end`` comments, a sub-content column);
- ``plone6``: Plone 6 Classic UI with the Barceloneta theme (``portal-column-content`` with
  ``documentFirstHeading``, a byline viewlet, ``documentDescription``, ``parent-fieldname-text``;
  portlets in ``portal-column-two``; ``_authenticator`` tokens);
- ``nextjs``: a headless CMS behind a Next.js front end (CSS-module class names hashed per build, React's
  ``<!-- -->`` text markers, ``/_next/static/<buildId>/`` scripts, and the page's own fields repeated as
  JSON in ``__NEXT_DATA__``);
- ``drupal7``: Drupal 7 (Bartik-like regions, ``block-system-main``, ``field-items``/``field-item even``
  fields with inline labels, RDFa attributes, ``form_build_id`` tokens);
- ``sitevision-2025``: a Sitevision 2024/2025 page (``sv-layout``/``sv-row``/``sv-column-*`` grid,
  ``sv-decoration-*`` wrappers, ``env-*`` Envision classes, portlet ids regenerated on republish, a
  ReadSpeaker "Lyssna", "Dela" and a feedback module);
- ``episerver7``: EPiServer 7 WebForms (one ``aspnetForm`` around the whole page, ``__VIEWSTATE`` and
  ``__EVENTVALIDATION`` that change on every request, ``ctl00_…`` ids from the control tree).

The case fields are those of :mod:`corpus.cms` (title, lead, top, body, foot, side). ``night`` rotates the
furniture (banners, news lists with dates, "most read" lists, seasonal menu links, a current-date header,
tokens and cache-busting asset URLs). ``theme`` 1 changes the wrappers, classes and ids the way a theme or
template upgrade does (extra wrappers, ``div`` become ``section``, the sidebar moves before the content);
theme 2 re-serialises the same markup (:func:`reserialise4`: numeric entities, attributes in another order
and quoting, self-closed void elements, indentation dropped). All names, prose and numbers are invented.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from .cms import Page, _fill, _head, _token, banner, news, today_widget
from .cms2 import FEEDBACK, _slug, footer_columns, mega_menu
from .cms3 import most_read, seasonal_link

_VOID = ("br", "hr", "img", "meta", "link", "input")


def _reorder(tag: str) -> str:
    """One start tag with its attributes in reverse order and single-quoted."""
    m = re.match(r"<([a-zA-Z][\w:-]*)(.*?)(/?)>$", tag, re.S)
    if not m or tag.startswith(("</", "<!")):
        return tag
    name, rest, _ = m.groups()
    attrs = re.findall(r"""\s+([\w:.-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""", rest)
    parts = []
    for key, value in reversed(attrs):
        if not value:
            parts.append(f" {key}")
            continue
        raw = value[1:-1] if value[0] in "\"'" else value
        parts.append(f" {key}='{raw}'" if "'" not in raw else f' {key}="{raw}"')
    end = " /" if name.lower() in _VOID else ""
    return f"<{name}{''.join(parts)}{end}>"


def reserialise4(html: str) -> str:
    """The same document written out by another serialiser: non-ASCII text as numeric character
    references, attributes in reverse order and single-quoted, void elements self-closed, indentation
    and blank lines dropped. Script and style contents are left as they are (a serialiser does not
    entity-encode them)."""
    out = []
    in_raw = False
    for part in re.split(r"(<[^>]+>)", html):
        if part.startswith("<"):
            low = part.lower()
            if low.startswith(("<script", "<style")):
                in_raw = not low.endswith("/>")
            elif low.startswith(("</script", "</style")):
                in_raw = False
            out.append(_reorder(part))
        elif in_raw:
            out.append(part)
        else:
            text = "".join(f"&#{ord(ch)};" if ord(ch) > 127 else ch for ch in part)
            out.append(re.sub(r"\n\s*", "\n", text))
    return "".join(out)


def _build(night: int, theme: int, salt: str) -> str:
    """A short hash that changes with the theme (a new build) and, slowly, with the nights (a redeploy)."""
    return _token(salt, theme, night // 3, n=5)


# ---------------------------------------------------------------- Sitecore SXA


def _sxa(name: str, inner: str, extra: str = "", theme: int = 0) -> str:
    content = f'<div class="component-content">{inner}</div>'
    if theme == 1:
        content = f'<div class="component-content"><div class="component-inner">{inner}</div></div>'
    return f'<div class="component {name}{(" " + extra) if extra else ""}">{content}</div>'


def sitecore_sxa(p: Page, site: str, night: int, theme: int) -> str:
    main_col, side_col = (
        ("col-12 col-lg-8", "col-12 col-lg-4")
        if theme != 1
        else ("col-12 col-md-9 grid-main", "col-12 col-md-3 grid-aside")
    )
    media_hash = _token("mh", night, n=32).upper()
    nav = "".join(
        f'<li class="level1 item{i} {"odd" if i % 2 == 0 else "even"}{" first" if i == 0 else ""} rel-level1">'
        f'<div class="navigation-title field-navigationtitle"><a title="{t}" href="/{_slug(t)}/">{t}</a></div></li>'
        for i, t in enumerate(
            ("Barn och utbildning", "Omsorg och hjälp", "Bo och bygga", "Kultur och fritid", "Kommun och politik")
        )
    )
    promo_t, promo_d = news(night, 1)[0]
    items = "".join(
        f'<li class="item{i}"><div class="field-title"><a href="/nyheter/{_token(t, n=6)}/">{t}</a></div>'
        f'<div class="field-date"><span class="date">{d}</span></div></li>'
        for i, (t, d) in enumerate(news(night))
    )
    lead = _sxa("rich-text introduction", f'<p class="lead">{p["lead"]}</p>', theme=theme) if p.get("lead") else ""
    top = _sxa("rich-text page-meta", p["top"], theme=theme) if p.get("top") else ""
    foot = _sxa("rich-text page-info", p["foot"], theme=theme) if p.get("foot") else ""
    side = _sxa("rich-text contact-box", p["side"], theme=theme) if p.get("side") else ""
    main_col_html = (
        f'<div class="{main_col}">'
        + _sxa("title", f'<h1 class="field-title">{p["title"]}</h1>', theme=theme)
        + lead
        + top
        + _sxa("rich-text", p["body"], theme=theme)
        + foot
        + _sxa(
            "link-list page-tools",
            '<ul><li class="item0"><div class="field-link"><a href="#readspeaker" class="rs_skip">Lyssna</a></div></li>'
            '<li class="item1"><div class="field-link"><a href="javascript:window.print()">Skriv ut</a></div></li>'
            f'<li class="item2"><div class="field-link"><a href="https://facebook.example/sharer?u={_token("u", n=6)}">Dela</a></div></li></ul>',
            theme=theme,
        )
        + _sxa(
            "feedback-form",
            FEEDBACK.replace("<form ", f"<form data-sc-token='{_token('sc', night, n=20)}' "),
            theme=theme,
        )
        + "</div>"
    )
    side_col_html = (
        f'<div class="{side_col}">{side}'
        + _sxa(
            "promo",
            f'<div class="field-promoicon"><img src="/-/media/project/kommun/puffar/puff{night % 3}.jpg?h=240&amp;w=360&amp;hash={media_hash}" alt=""></div>'
            f'<div class="promo-text"><div class="field-promotext"><h3>{promo_t}</h3><p>{promo_d}</p></div></div>',
            theme=theme,
        )
        + _sxa(
            "rich-text contact-center",
            "<h2>Kontaktcenter</h2><p>Vi svarar på frågor om kommunens verksamheter.</p>"
            '<p>Telefon: 0470-58 30 00<br>E-post: <a href="mailto:kontaktcenter@branvik.se">kontaktcenter@branvik.se</a></p>',
            theme=theme,
        )
        + "</div>"
    )
    columns = main_col_html + side_col_html if theme != 1 else side_col_html + main_col_html
    wrap = ("div", "div") if theme != 1 else ("section", "section")
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link href="/-/media/base-themes/main-theme/styles/optimized-min.css?t={_token("t", night, n=14)}" rel="stylesheet">\n',
        )
        + '<body class="default-device bodyclass">\n<div id="wrapper">\n'
        f'<div class="component cookie-warning" data-cookie="{_token("cw", night, n=8)}"><div class="component-content"><div class="cookie-warning-text">'
        'Vi använder kakor för att webbplatsen ska fungera och för att förbättra den.</div><div class="submit"><a href="#">Acceptera</a></div>'
        '<div class="close"><a href="#">Endast nödvändiga</a></div></div></div>\n'
        '<header><div id="header" class="container"><div class="row">\n'
        + _sxa(
            "link-list col-12 top-links",
            '<ul><li class="item0 odd first"><div class="field-link"><a href="/lattlast/">Lättläst</a></div></li>'
            '<li class="item1 even"><div class="field-link"><a href="/teckensprak/">Teckenspråk</a></div></li>'
            '<li class="item2 odd last"><div class="field-link"><a href="/other-languages/">Other languages</a></div></li></ul>',
        )
        + _sxa(
            "image file-type-icon-media-link col-4 logo",
            f'<a title="Till startsidan" href="/"><img src="/-/media/project/kommun/logo.svg?h=60&amp;w=200&amp;hash={media_hash}" alt="{site}"></a>',
        )
        + f'<div class="component search-box col-8" data-properties=\'{{"endpoint":"/sxa/search/results/","itemid":"{{{_token("item", n=8).upper()}}}","v":"{_token("sb", night, n=6)}"}}\'>'
        '<div class="component-content"><label>Sök</label><input class="search-box-input" type="text" name="textBoxSearch" placeholder="Vad letar du efter?"><button class="search-box-button">Sök</button></div></div>\n'
        + _sxa(
            "navigation navigation-main navigation-main-horizontal col-12",
            f'<nav><ul class="clearfix">{seasonal_link(night)}{nav}</ul></nav>',
        )
        + _sxa("plain-html col-12 mega", mega_menu())
        + "\n</div></div></header>\n"
        + _sxa("rich-text alert-banner", f"<p><strong>Driftinformation:</strong> {banner(night)}</p>")
        + '\n<main><div id="content" class="container"><div class="row">\n'
        + _sxa(
            "breadcrumb navigation-title col-12",
            '<nav><ol><li class="breadcrumb-item home"><div class="navigation-title field-navigationtitle"><a title="Hem" href="/">Hem</a></div><div class="separator">›</div></li>'
            '<li class="breadcrumb-item"><div class="navigation-title field-navigationtitle"><a title="Kommun och politik" href="/kommun-och-politik/">Kommun och politik</a></div><div class="separator">›</div></li>'
            f'<li class="breadcrumb-item last"><div class="navigation-title field-navigationtitle"><a href="#">{p["title"]}</a></div></li></ol></nav>',
        )
        + f'\n<{wrap[0]} class="component column-splitter col-12"><div class="row">\n{columns}\n</div></{wrap[1]}>\n'
        "</div></div></main>\n"
        '<footer><div id="footer" class="container"><div class="row">'
        + _sxa("page-list news-list col-12", f'<h2>Senaste nytt</h2><ul class="items">{items}</ul>')
        + _sxa("rich-text col-12 footer-columns", footer_columns(site, "0470-58 30 00"))
        + _sxa("rich-text col-12 copyright", f"<p>© {site} · Org.nr 212000-0743</p>")
        + "</div></div></footer>\n</div>\n"
        f'<script src="/-/media/base-themes/core-libraries/scripts/optimized-min.js?t={_token("js", night, n=14)}"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- TYPO3 with the Bootstrap Package


def _frame(uid: int, ctype: str, inner: str, theme: int, header: str = "") -> str:
    """One content element as the Bootstrap Package's default layout wraps it."""
    if theme == 1:
        cls = f"frame frame-default frame-type-{ctype} frame-layout-default frame-size-default frame-height-default frame-background-none frame-space-before-none frame-space-after-none frame-no-backgroundimage"
        return (
            f'<div id="c{uid + 600}" class="{cls}"><div class="frame-group-container"><div class="frame-group-inner">'
            f'<div class="frame-container frame-container-default"><div class="frame-inner">{header}{inner}</div></div></div></div></div>'
        )
    cls = f"frame frame-default frame-type-{ctype} frame-layout-0 frame-background-none frame-no-backgroundimage frame-space-before-none frame-space-after-none"
    return f'<div id="c{uid}" class="{cls}"><div class="frame-container"><div class="frame-inner">{header}{inner}</div></div></div>'


def typo3_bootstrap(p: Page, site: str, night: int, theme: int) -> str:
    stamp = 1_732_000_000 + night * 86_400
    head = f'<header class="frame-header"><h1 class="element-header"><span>{p["title"]}</span></h1></header>'
    lead = f'<p class="lead">{p["lead"]}</p>' if p.get("lead") else ""
    main = _frame(411, "header", lead, theme, head)
    if p.get("top"):
        main += _frame(412, "text", p["top"], theme)
    main += _frame(413, "text", p["body"], theme)
    if p.get("foot"):
        main += _frame(414, "text", p["foot"], theme)
    sub = (_frame(420, "text", p["side"], theme) if p.get("side") else "") + _frame(
        421,
        "menu_subpages",
        '<ul><li><a href="/kommun-politik/internationellt/vanorter" title="Vänorter"><span>Vänorter</span></a></li>'
        '<li><a href="/kommun-politik/internationellt/eu-projekt" title="EU-projekt"><span>EU-projekt</span></a></li>'
        '<li><a href="/kommun-politik/internationellt/utbyten" title="Utbyten"><span>Utbyten för unga</span></a></li></ul>',
        theme,
        '<header class="frame-header"><h2 class="element-header"><span>Internationellt</span></h2></header>',
    )
    col = "section-column" if theme != 1 else "section-column col-lg"
    nav = mega_menu("ul", "li", "nav-link")
    items = "".join(
        f'<div class="news-list-item"><span class="news-list-date"><time datetime="{d}">{d}</time></span>'
        f'<h3><a href="/nyheter/detalj/{_token(t, n=6)}" title="{t}">{t}</a></h3></div>'
        for t, d in news(night)
    )
    return (
        '<!DOCTYPE html>\n<html dir="ltr" lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<meta name="generator" content="TYPO3 CMS">\n<link rel="stylesheet" href="/typo3temp/assets/bootstrappackage/css/theme-{_token("th", theme, n=32)}.css?{stamp}" media="all">\n',
        )
        + f'<body id="p{87 if theme != 1 else 1087}" class="page-{87 if theme != 1 else 1087} pagelevel-3 language-0 backendlayout-subnavigation_right layout-default">\n'
        '<div id="top"></div><div class="body-bg body-bg-top">\n'
        '<a class="visually-hidden-focusable page-skip-link" href="#page-content"><span>Hoppa till innehållet</span></a>\n'
        '<header id="page-header" class="bp-page-header navbar navbar-mainnavigation navbar-default navbar-has-image navbar-top">'
        f'<div class="container container-mainnavigation"><a class="navbar-brand navbar-brand-image" href="/"><img class="navbar-brand-logo-normal" src="/typo3conf/ext/sitepackage/Resources/Public/Images/logo.svg" alt="{site}" height="52" width="180"></a>'
        '<button class="navbar-toggler collapsed" type="button" data-bs-toggle="collapse" data-bs-target="#mainnavigation" aria-expanded="false"><span class="navbar-toggler-icon"></span></button>'
        f'<nav aria-label="Huvudmeny" id="mainnavigation" class="collapse navbar-collapse">{nav}<ul class="navbar-nav navbar-nav-extra">{seasonal_link(night, "li", "nav-link")}</ul></nav></div></header>\n'
        f'<div class="alert alert-warning emergency-message" role="alert"><p>{banner(night)}</p></div>\n'
        '<nav class="breadcrumb-section" aria-label="Brödsmulor"><div class="container"><p class="visually-hidden" id="breadcrumb">Du är här:</p><ol class="breadcrumb">'
        '<li class="breadcrumb-item"><a class="breadcrumb-link" href="/" title="Start"><span class="breadcrumb-text">Start</span></a></li>'
        '<li class="breadcrumb-item"><a class="breadcrumb-link" href="/kommun-politik" title="Kommun och politik"><span class="breadcrumb-text">Kommun och politik</span></a></li>'
        f'<li class="breadcrumb-item active" aria-current="page"><span class="breadcrumb-text">{p["title"]}</span></li></ol></div></nav>\n'
        '<div id="page-content" class="bp-page-content main-section">\n<!--TYPO3SEARCH_begin-->\n'
        '<div class="section section-default"><div class="container"><div class="section-row">\n'
        f'<main class="{col} maincontent-wrap" role="main">{main}\n'
        '<div class="page-tools"><a href="#" class="rs_skip readspeaker">Lyssna</a> <a href="javascript:window.print()">Skriv ut</a> '
        f'<a href="mailto:?subject={_slug(p["title"])}">Tipsa</a></div></main>\n'
        f'<aside class="{col} subcontent-wrap">{sub}</aside>\n'
        "</div></div></div>\n<!--TYPO3SEARCH_end-->\n</div>\n"
        '<footer id="page-footer" class="bp-page-footer">\n'
        f'<section class="section footer-section footer-section-content"><div class="container"><div class="news-latest"><h2>Nyheter</h2>{items}</div>'
        f'<div class="footer-mostread"><h2>Mest besökt</h2><ul>{most_read(night)}</ul></div>{footer_columns(site, "0430-150 00")}</div></section>\n'
        f'<section class="section footer-section footer-section-meta"><div class="container"><div class="footer-copyright"><p>© {site} {2024}</p></div></div></section>\n'
        "</footer>\n"
        '<a class="scroll-top" title="Till toppen" href="#top"><span class="scroll-top-icon"></span><span class="scroll-top-text">Till toppen</span></a>\n'
        "</div>\n"
        f'<div id="cookieconsent" data-cookieconsent-setting="{_token("cc", night, n=10)}"><span class="cookieconsent-message">Den här webbplatsen använder kakor.</span>'
        '<a class="cookieconsent-accept" href="#">Godkänn</a><a class="cookieconsent-deny" href="#">Neka</a></div>\n'
        f'<script src="/typo3temp/assets/compressed/merged-{_token("mj", night, n=32)}.js?{stamp}"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Plone 6 Classic UI, Barceloneta


def plone6(p: Page, site: str, night: int, theme: int) -> str:
    auth = _token("auth", night, n=40)
    content_cls = "col-xs-12 col-sm-12 col-md-9" if theme != 1 else "col-xs-12 col-sm-12 col-md-6"
    byline = (
        f'<div id="viewlet-below-content-title"><div class="documentByLine" id="plone-document-byline">{p["top"]}</div></div>'
        if p.get("top")
        else ""
    )
    lead = f'<p class="documentDescription">{p["lead"]}</p>' if p.get("lead") else ""
    foot = f'<div class="page-info">{p["foot"]}</div>' if p.get("foot") else ""
    contact = (
        f'<div class="portletWrapper" id="portletwrapper-{_token("pw", "contact", n=24)}" data-portlethash="{_token("ph", "contact", n=24)}">'
        f'<div class="card portlet portletStaticText portlet-static-kontakt"><div class="card-header">Kontakt</div><div class="card-body"><div class="portletContent">{p["side"]}</div></div></div></div>'
        if p.get("side")
        else ""
    )
    news_items = "".join(
        f'<li class="portletItem"><a href="/nyheter/{_token(t, n=6)}" class="tile">{t}</a><span class="portletItemDetails">{d}</span></li>'
        for t, d in news(night)
    )
    news_portlet = (
        f'<div class="portletWrapper" id="portletwrapper-{_token("pw", "news", n=24)}"><div class="card portlet portletNews">'
        f'<div class="card-header"><a href="/nyheter">Nyheter</a></div><div class="card-body"><ul>{news_items}</ul></div></div></div>'
    )
    nav_portlet = (
        '<div class="portletWrapper"><div class="card portlet portletNavigationTree"><div class="card-header"><a href="/kommun-och-politik/internationellt">Internationellt</a></div>'
        '<div class="card-body"><ul class="navTree navTreeLevel0"><li class="navTreeItem"><a href="/kommun-och-politik/internationellt/vanorter" class="state-published">Vänorter</a></li>'
        '<li class="navTreeItem"><a href="/kommun-och-politik/internationellt/eu-projekt" class="state-published">EU-projekt</a></li></ul></div></div></div>'
    )
    nav = "".join(
        f'<li class="{_slug(t)} nav-item"><a href="/{_slug(t)}" class="state-published nav-link">{t}</a></li>'
        for t in ("Start", "Barn och utbildning", "Omsorg och stöd", "Bo och miljö", "Kommun och politik")
    )
    column_one = (
        f'<aside id="portal-column-one" class="col-xs-12 col-sm-12 col-md-3">{nav_portlet}{contact}</aside>'
        if theme == 1
        else ""
    )
    column_two = (
        f'<aside id="portal-column-two" class="col-xs-12 col-sm-12 col-md-3" role="complementary">{contact}{news_portlet}</aside>'
        if theme != 1
        else f'<aside id="portal-column-two" class="col-xs-12 col-sm-12 col-md-3" role="complementary">{news_portlet}</aside>'
    )
    return (
        '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/++theme++barceloneta/css/barceloneta.min.css?t={_token("bc", night, n=10)}">\n'
            f'<meta name="generator" content="Plone - https://plone.org/">\n',
        )
        + f'<body class="frontend icons-on portaltype-document section-kommun-och-politik subsection-internationellt template-document_view thumbs-on userrole-anonymous viewpermission-view" id="visual-portal-wrapper" dir="ltr" data-base-url="https://www.myrbacka.se/" data-pat-plone-modal=\'{{"actionOptions": {{"displayInModal": false}}}}\' data-authenticator="{auth}">\n'
        '<div class="outer-wrapper">\n<header id="content-header"><div id="portal-top" class="container">'
        f'<div id="portal-header"><a id="portal-logo" title="{site}" href="/"><img alt="{site}" src="/@@site-logo/logo.svg"></a>'
        f'<div id="portal-searchbox"><form id="searchGadget_form" action="/@@search" role="search"><label class="hiddenStructure" for="searchGadget">Sök på webbplatsen</label>'
        f'<input id="searchGadget" name="SearchableText" type="text" size="18" placeholder="Sök på webbplatsen" class="searchField form-control me-3"><input type="hidden" name="_authenticator" value="{auth}"><button class="searchButton btn btn-outline-light">Sök</button></form></div>'
        '<div id="portal-anontools"><ul class="list-inline"><li class="list-inline-item"><a href="/login" id="personaltools-login">Logga in</a></li></ul></div></div></div></header>\n'
        '<div id="mainnavigation-wrapper"><div id="mainnavigation"><nav class="navbar navbar-expand-md navbar-dark bg-primary pat-navigationmarker" id="portal-globalnav-wrapper"><div class="container">'
        f'<ul class="navbar-nav me-auto" id="portal-globalnav">{nav}{seasonal_link(night, "li", "nav-link")}</ul></div></nav></div></div>\n'
        '<div id="above-content-wrapper"><div id="above-content"><nav id="portal-breadcrumbs" aria-label="breadcrumb"><div class="container"><ol class="breadcrumb">'
        '<li class="breadcrumb-item"><a href="/">Hem</a></li><li class="breadcrumb-item"><a href="/kommun-och-politik">Kommun och politik</a></li>'
        '<li class="breadcrumb-item"><a href="/kommun-och-politik/internationellt">Internationellt</a></li>'
        f'<li class="breadcrumb-item active" aria-current="page"><a href="#">{p["title"]}</a></li></ol></div></nav></div></div>\n'
        '<div class="container"><div class="row"><aside id="global_statusmessage" class="col-12">'
        f'<div class="portalMessage info" role="status"><strong>Info</strong> {banner(night)}</div></aside></div>\n'
        '<main id="main-container" class="row">\n'
        f'<section id="portal-column-content" class="{content_cls}">\n'
        '<article id="content">\n<header><div id="viewlet-above-content-title"><span id="social-tags-body" style="display: none" itemscope itemtype="http://schema.org/WebPage">'
        f'<span itemprop="name">{p["title"]}</span><span itemprop="url">https://www.myrbacka.se/</span></span></div>\n'
        f'<h1 class="documentFirstHeading">{p["title"]}</h1>\n{byline}\n{lead}\n<div id="viewlet-above-content-body"></div></header>\n'
        f'<div id="content-core"><div id="parent-fieldname-text">{p["body"]}</div></div>\n'
        f'<footer><div id="viewlet-below-content">{foot}<div class="visualClear"></div>'
        '<section id="section-document-actions"><ul class="documentActions"><li id="document-action-print"><a href="javascript:this.print();">Skriv ut</a></li>'
        '<li id="document-action-rss"><a href="/RSS">RSS</a></li><li id="document-action-readspeaker"><a href="#listen">Lyssna</a></li></ul></section>'
        '<div class="feedback"><h2>Hittade du det du sökte?</h2><form method="post" action="@@feedback">'
        f'<button name="ja">Ja</button><button name="nej">Nej</button><input type="hidden" name="_authenticator" value="{auth}"></form></div></div></footer>\n'
        "</article>\n</section>\n"
        f"{column_one}\n{column_two}\n"
        "</main>\n</div>\n</div>\n"
        '<footer id="portal-footer-wrapper"><div class="container" id="portal-footer">'
        f'<div class="doormat row">{footer_columns(site, "0271-570 00")}</div>'
        f'<div class="copyright row"><div class="col-12"><p>© 2024 {site}. Drivs med Plone.</p></div></div>'
        '<div class="site-actions row"><div class="col-12"><ul class="actions-site_actions"><li class="portletItem"><a href="/sitemap">Webbkarta</a></li>'
        '<li class="portletItem"><a href="/accessibility-info">Tillgänglighet</a></li><li class="portletItem"><a href="/contact-info">Kontakt</a></li></ul></div></div></div></footer>\n'
        '<div id="cookie-banner" class="pat-cookietrigger"><p>Vi använder kakor för att mäta besök.</p><button>OK</button></div>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- a headless CMS behind Next.js


def nextjs(p: Page, site: str, night: int, theme: int) -> str:
    build_id = _token("build", theme, night // 3, n=21)

    def css(module: str, name: str) -> str:
        return f"{module}_{name}__{_build(night, theme, module + name)}"

    lead = f'<p class="{css("Article", "lead")}">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="{css("Article", "meta")}">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div class="{css("Article", "footer")}">{p["foot"]}</div>' if p.get("foot") else ""
    side = (
        f'<aside class="{css("Sidebar", "sidebar")}"><div class="{css("ContactCard", "card")}">{p["side"]}</div></aside>'
        if p.get("side")
        else ""
    )
    nav = "".join(
        f'<li class="{css("Nav", "item")}"><a class="{css("Nav", "link")}" href="/{_slug(t)}">{t}</a></li>'
        for t in ("Bo och miljö", "Utbildning", "Omsorg", "Uppleva och göra", "Kommun och politik")
    )
    items = "".join(
        f'<li class="{css("NewsList", "item")}"><a href="/nyheter/{_token(t, n=6)}">{t}</a><span class="{css("NewsList", "date")}">{d}</span></li>'
        for t, d in news(night)
    )
    data = {
        "props": {
            "pageProps": {
                "page": {
                    "id": _token("page", p["title"], n=8),
                    "title": p["title"],
                    "lead": p.get("lead") or None,
                    "top": p.get("top") or None,
                    "body": p["body"],
                    "foot": p.get("foot") or None,
                    "sidebar": p.get("side") or None,
                },
                "alert": banner(night),
                "fetchedAt": f"2024-11-{18 + night % 10:02d}T02:{10 + night:02d}:00.000Z",
            },
            "__N_SSG": True,
        },
        "page": "/[...slug]",
        "query": {"slug": ["kommun-och-politik", _slug(p["title"])]},
        "buildId": build_id,
        "isFallback": False,
        "gsp": True,
        "locale": "sv",
        "scriptLoader": [],
    }
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    article_tag = "article" if theme != 1 else "div"
    main_inner = (
        f'<{article_tag} class="{css("Article", "article")}"><h1 class="{css("Article", "title")}">{p["title"]}</h1>{lead}{top}'
        f'<div class="{css("RichText", "richtext")}">{p["body"]}</div>{foot}'
        f'<div class="{css("PageTools", "tools")}"><button class="{css("PageTools", "listen")}">Lyssna</button><button class="{css("PageTools", "share")}">Dela</button>'
        f'<button class="{css("PageTools", "print")}">Skriv ut</button></div>'
        f'<section class="{css("Feedback", "feedback")}"><h2>Hittade du det du sökte?</h2><button>Ja</button><button>Nej</button></section></{article_tag}>'
    )
    main_inner = main_inner + side if theme != 1 else f'<div class="{css("Layout", "grid")}">{side}{main_inner}</div>'
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/>'
        f'<title>{p["title"]} | {site}</title><meta name="next-head-count" content="4"/>'
        f'<link rel="preload" href="/_next/static/css/{_build(night, theme, "css")}0a1b2c3d.css" as="style"/>'
        f'<link rel="stylesheet" href="/_next/static/css/{_build(night, theme, "css")}0a1b2c3d.css" data-n-g=""/>'
        f'<noscript data-n-css=""></noscript><script defer="" nomodule="" src="/_next/static/chunks/polyfills-{_build(night, theme, "poly")}.js"></script>'
        f'<script src="/_next/static/chunks/webpack-{_build(night, theme, "wp")}.js" defer=""></script>'
        f'<script src="/_next/static/chunks/pages/%5B...slug%5D-{_build(night, theme, "slug")}.js" defer=""></script>'
        f'<script src="/_next/static/{build_id}/_buildManifest.js" defer=""></script><script src="/_next/static/{build_id}/_ssgManifest.js" defer=""></script></head>\n'
        f'<body><div id="__next"><div class="{css("Layout", "root")}">\n'
        f'<div class="{css("CookieBanner", "banner")}" role="dialog"><p>Vi använder kakor för statistik. Du väljer själv om du vill tillåta dem.</p><button>Tillåt alla</button><button>Endast nödvändiga</button></div>\n'
        f'<a class="{css("SkipLink", "skip")}" href="#main">Gå direkt till innehållet</a>\n'
        f'<header class="{css("Header", "header")}"><a class="{css("Header", "logo")}" href="/">{site}</a>'
        f'<p class="{css("Header", "today")}">{today_widget(night)}</p>'
        f'<nav class="{css("Nav", "nav")}" aria-label="Huvudmeny"><ul class="{css("Nav", "list")}">{nav}{seasonal_link(night)}</ul></nav>'
        f'<form class="{css("Search", "form")}" action="/sok"><input name="q" placeholder="Sök"/><button>Sök</button></form></header>\n'
        f'<div class="{css("Alert", "alert")}" role="alert"><strong>Just nu:</strong> <!-- -->{banner(night)}</div>\n'
        f'<nav class="{css("Breadcrumbs", "breadcrumbs")}" aria-label="Brödsmulor"><ol><li><a href="/">Start</a></li><li><a href="/kommun-och-politik">Kommun och politik</a></li><li aria-current="page">{p["title"]}</li></ol></nav>\n'
        f'<main id="main" class="{css("Page", "main")}">{main_inner}</main>\n'
        f'<section class="{css("NewsList", "section")}"><h2>Nyheter</h2><ul>{items}</ul></section>\n'
        f'<footer class="{css("Footer", "footer")}">{footer_columns(site, "0176-71 40 00")}<p>© <!-- -->2024<!-- --> <!-- -->{site}</p></footer>\n'
        "</div></div>\n"
        f'<script id="__NEXT_DATA__" type="application/json">{blob}</script></body></html>\n'
    )


# ---------------------------------------------------------------- Drupal 7


def drupal7(p: Page, site: str, night: int, theme: int) -> str:
    nid = 1734
    form_build = f"form-{_token('fb', night, n=43)}"
    lead = (
        '<div class="field field-name-field-ingress field-type-text-long field-label-hidden"><div class="field-items">'
        f'<div class="field-item even"><p class="ingress">{p["lead"]}</p></div></div></div>'
        if p.get("lead")
        else ""
    )
    top = p.get("top") or ""
    foot = p.get("foot") or ""
    body = (
        '<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items">'
        f'<div class="field-item even" property="content:encoded">{p["body"]}</div></div></div>'
    )
    node = (
        f'<div id="node-{nid}" class="node node-page node-full clearfix" about="/node/{nid}" typeof="foaf:Document">'
        f'<span property="dc:title" content="{p["title"]}" class="rdf-meta element-hidden"></span>'
        f'<div class="content">{lead}{top}{body}{foot}</div>'
        '<ul class="links inline"><li class="print_html first"><a href="/print/'
        + str(nid)
        + '" title="Visa en utskriftsvänlig version av sidan." rel="nofollow">Skriv ut</a></li>'
        '<li class="readspeaker last"><a href="#rs" class="rs_skip">Lyssna</a></li></ul></div>'
    )
    side_block = (
        f'<div id="block-block-{12 if theme != 1 else 31}" class="block block-block kontakt"><h2>Kontakt</h2><div class="content">{p["side"]}</div></div>'
        if p.get("side")
        else ""
    )
    views = "".join(
        f'<div class="views-row views-row-{i + 1} views-row-{"odd" if i % 2 == 0 else "even"}"><div class="views-field views-field-title"><span class="field-content"><a href="/nyheter/{_token(t, n=6)}">{t}</a></span></div>'
        f'<div class="views-field views-field-created"><span class="field-content">{d}</span></div></div>'
        for i, (t, d) in enumerate(news(night))
    )
    news_block = f'<div id="block-views-nyheter-block" class="block block-views"><h2>Nyheter</h2><div class="content"><div class="view view-nyheter view-id-nyheter view-display-id-block view-dom-id-{_token("dom", night, n=32)}"><div class="view-content">{views}</div></div></div></div>'
    contact_center = (
        '<div id="block-block-3" class="block block-block kontaktcenter"><h2>Kontaktcenter</h2><div class="content">'
        "<p>Telefon: 0514-170 00<br>E-post: kommunen@kvarnlosa.se<br>Öppet vardagar 8–16.30</p></div></div>"
    )
    if theme == 1:
        content = (
            '<section id="content" class="column l-content" role="main"><a id="main-content"></a>'
            f'<h1 class="title" id="page-title">{p["title"]}</h1><div class="tabs"></div>'
            f'<div class="l-region l-region--content region region-content"><section id="block-system-main" class="block block-system"><div class="content">{node}</div></section></div></section>'
        )
        sidebar = f'<aside class="l-region l-region--sidebar-second region region-sidebar-second sidebar" role="complementary">{side_block}{contact_center}{news_block}</aside>'
    else:
        content = (
            '<div id="content" class="column"><div class="section"><a id="main-content"></a>'
            f'<h1 class="title" id="page-title">{p["title"]}</h1><div class="tabs"></div>'
            f'<div class="region region-content"><div id="block-system-main" class="block block-system"><div class="content">{node}</div></div></div></div></div>'
        )
        sidebar = f'<div id="sidebar-second" class="column sidebar"><div class="section"><div class="region region-sidebar-second">{side_block}{contact_center}{news_block}</div></div></div>'
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN" "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="sv" version="XHTML+RDFa 1.0" dir="ltr">\n'
        + _head(
            p["title"],
            site,
            night,
            '<meta name="Generator" content="Drupal 7 (http://drupal.org)">\n'
            f'<style type="text/css" media="all">@import url("https://www.kvarnlosa.se/sites/all/themes/kvarnlosa/css/style.css?{_token("q", night, n=6)}");</style>\n'
            f'<script>jQuery.extend(Drupal.settings, {{"basePath":"\\/","pathPrefix":"","ajaxPageState":{{"theme":"kvarnlosa","theme_token":"{_token("tt", night, n=43)}"}}}});</script>\n',
        )
        + f'<body class="html not-front not-logged-in one-sidebar sidebar-second page-node page-node- page-node-{nid} node-type-page i18n-sv">\n'
        '<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">Hoppa till huvudinnehåll</a></div>\n'
        '<div id="page-wrapper"><div id="page">\n'
        f'<div id="header"><div class="section clearfix"><a href="/" title="Hem" rel="home" id="logo"><img src="https://www.kvarnlosa.se/sites/all/themes/kvarnlosa/logo.png" alt="{site}"></a>'
        f'<div id="site-date" class="datum">{today_widget(night)}</div>'
        '<div class="region region-header"><div id="block-search-form" class="block block-search"><div class="content">'
        '<form action="/kommun-och-politik/internationellt-samarbete" method="post" id="search-block-form" accept-charset="UTF-8"><div><div class="container-inline">'
        f'<input title="Ange de ord du vill söka efter." type="text" name="search_block_form" value="" size="15" maxlength="128" class="form-text"><input type="submit" value="Sök" class="form-submit"><input type="hidden" name="form_build_id" value="{form_build}"><input type="hidden" name="form_id" value="search_block_form"></div></div></form></div></div></div></div></div>\n'
        f'<div id="navigation"><div class="section"><div class="nice-menu">{mega_menu("ul", "li", "")}</div><ul class="menu secondary">{seasonal_link(night)}</ul></div></div>\n'
        '<div id="breadcrumb"><h2 class="element-invisible">Du är här</h2><div class="breadcrumb"><a href="/">Hem</a> » <a href="/kommun-och-politik">Kommun och politik</a> » '
        + p["title"]
        + "</div></div>\n"
        f'<div id="messages"><div class="section clearfix"><div class="messages status"><h2 class="element-invisible">Statusmeddelande</h2>{banner(night)}</div></div></div>\n'
        f'<div id="main-wrapper" class="clearfix"><div id="main" class="clearfix">\n{content}\n{sidebar}\n</div></div>\n'
        f'<div id="footer-wrapper"><div class="section"><div id="footer" class="clearfix">{footer_columns(site, "0514-170 00")}'
        f'<div class="mest-last"><h2>Mest läst</h2><ul>{most_read(night)}</ul></div></div></div></div>\n'
        "</div></div>\n"
        '<div id="sliding-popup" class="sliding-popup-bottom"><div class="popup-content info"><div id="popup-text"><p>Vi använder kakor (cookies) för att webbplatsen ska fungera bra för dig.</p></div>'
        '<div id="popup-buttons"><button type="button" class="agree-button">Jag godkänner</button></div></div></div>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Sitevision 2024/2025


def sitevision_2025(p: Page, site: str, night: int, theme: int) -> str:
    def sid(name: str) -> str:
        # Portlet and layout ids are regenerated when the page is republished (every night here).
        return f"svid12_{_token('sv25', name, night, n=9)}{_token('sv25b', name, n=8)}"

    def text_portlet(name: str, inner: str, decoration: str = "") -> str:
        dec = f" sv-decoration-{decoration}" if decoration else ""
        return f'<div class="sv-text-portlet sv-use-margins{dec}" id="{sid(name)}"><div id="{name.capitalize()}"></div><div class="sv-text-portlet-content">{inner}</div></div>'

    main_col = "sv-column-8" if theme != 1 else "sv-column-7 sv-decoration-content"
    body_font = "env-text" if theme != 1 else "env-text env-text--body"
    lead = f'<p class="env-text-lead env-ui-text-lead">{p["lead"]}</p>' if p.get("lead") else ""
    body = text_portlet("text", f'<div class="{body_font}">{p["body"]}</div>')
    if theme == 1:
        body = f'<div class="sv-layout sv-decoration-5" id="{sid("deco")}">{body}</div>'
    main = (
        text_portlet("rubrik", f'<h1 class="env-ui-text-heading-1">{p["title"]}</h1>')
        + (text_portlet("ingress", lead) if lead else "")
        + (text_portlet("meta", f'<div class="env-ui-text-caption">{p["top"]}</div>') if p.get("top") else "")
        + body
        + (
            text_portlet("sidinfo", f'<div class="env-ui-text-caption">{p["foot"]}</div>', "sidinfo")
            if p.get("foot")
            else ""
        )
        + f'<div class="sv-custom-module sv-marketplace-share" id="{sid("share")}"><div class="env-d--flex env-flex--gap-regular">'
        f'<a class="env-button env-button--ghost rs_skip" href="//app-eu.readspeaker.example/cgi-bin/rsent?customerid={_token("rs", n=5)}&amp;lang=sv_se">Lyssna</a>'
        f'<a class="env-button env-button--ghost" href="https://facebook.example/sharer?u={_token("u", n=6)}">Dela</a><a class="env-button env-button--ghost" href="javascript:window.print()">Skriv ut</a></div></div>'
        f'<div class="sv-custom-module sv-marketplace-feedback" id="{sid("fb")}" data-csrf="{_token("csrf", night, n=24)}"><h2 class="env-ui-text-heading-3">Hittade du det du sökte?</h2>'
        '<button class="env-button">Ja</button><button class="env-button">Nej</button></div>'
    )
    side = (
        f'<div class="sv-layout sv-column-4 sv-decoration-sidebar" id="{sid("aside")}"><div class="env-card env-p-around--medium">'
        f"{text_portlet('kontakt', p['side'])}</div>"
        f'<div class="sv-layout env-card env-card--info" id="{sid("kc")}"><h2 class="env-ui-text-heading-4">Kontaktcenter</h2><p>Telefon: 0582-685 00</p>'
        '<p><a href="mailto:kontaktcenter@sormyra.se">kontaktcenter@sormyra.se</a></p></div></div>'
        if p.get("side")
        else ""
    )
    row = f'<div class="sv-layout sv-row" id="{sid("row")}"><div class="sv-layout {main_col}" id="{sid("main")}">{main}</div>{side}</div>'
    if theme == 1:
        row = f'<section class="sv-layout sv-row" id="{sid("row")}">{side}<div class="sv-layout {main_col}" id="{sid("main")}">{main}</div></section>'
    items = "".join(
        f'<li class="env-list__item"><a class="env-link" href="/nyheter/{_token(t, n=6)}.html">{t}</a><span class="env-ui-text-caption">{d}</span></li>'
        for t, d in news(night, 4)
    )
    menu = "".join(
        f'<li class="env-nav__item"><a class="env-nav__link" href="/{_slug(t)}.html">{t}</a></li>'
        for t in (
            "Barn och utbildning",
            "Omsorg och stöd",
            "Bygga, bo och miljö",
            "Uppleva och göra",
            "Kommun och politik",
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv" class="sv-no-js sv-template-sidmall">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/sitevision/system-resource/{_token("sr", night, n=40)}/css/portlets.css">\n'
            f'<link rel="stylesheet" href="/webapp-files/envision/{_token("env", night // 2, n=8)}/envision.css">\n',
        )
        + '<body class="sv-responsive env-m-around--0">\n'
        f'<div class="sv-layout" id="{sid("root")}">\n'
        f'<div class="sv-custom-module sv-marketplace-sitevision-cookie-consent" id="{sid("cookie")}"><div class="env-modal-dialog" role="dialog" aria-label="Kakor">'
        '<p>Vi använder kakor för att webbplatsen ska fungera och för besöksstatistik.</p><button class="env-button env-button--primary">Acceptera alla</button>'
        '<button class="env-button">Endast nödvändiga</button></div></div>\n'
        f'<header class="sv-layout sv-decoration-header" id="{sid("header")}"><div class="sv-layout sv-row"><div class="sv-layout sv-column-3"><a href="/"><img alt="{site}" src="/images/18.{_token("logo", n=22)}/logo.svg"></a></div>'
        f'<div class="sv-layout sv-column-9"><nav class="env-nav env-nav--menubar" aria-label="Huvudmeny"><ul class="env-nav__list">{menu}{seasonal_link(night, "li", "env-nav__link")}</ul></nav>'
        f'<div class="sv-custom-module sv-megamenu">{mega_menu("ul", "li", "env-link")}</div>'
        f'<form class="sv-searchform-portlet" action="/sok.html"><input name="query" placeholder="Sök"><input type="hidden" name="sv.csrf" value="{_token("csrf2", night, n=24)}"><button class="env-button">Sök</button></form></div></div></header>\n'
        f'<div class="sv-layout env-alert env-alert--info" role="alert"><p><strong>Aktuellt:</strong> {banner(night)}</p></div>\n'
        '<nav class="sv-layout sv-decoration-breadcrumbs" aria-label="Du är här"><ol class="env-breadcrumb"><li><a href="/">Startsida</a></li><li><a href="/kommun-och-politik.html">Kommun och politik</a></li>'
        f'<li aria-current="page">{p["title"]}</li></ol></nav>\n'
        f'<main class="sv-layout sv-template-portlet" id="{sid("mainarea")}">\n{row}\n</main>\n'
        f'<div class="sv-layout sv-decoration-news" id="{sid("news")}"><h2 class="env-ui-text-heading-2">Nyheter</h2><ul class="env-list">{items}</ul>'
        f'<h2 class="env-ui-text-heading-2">Mest besökta sidor</h2><ul class="env-list">{most_read(night)}</ul></div>\n'
        f'<footer class="sv-layout sv-decoration-footer" id="{sid("footer")}">{footer_columns(site, "0582-685 00")}</footer>\n'
        "</div>\n"
        f'<script src="/sitevision/system-resource/{_token("sr", night, n=40)}/js/sv-bundle.js"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- EPiServer 7 WebForms


def episerver7(p: Page, site: str, night: int, theme: int) -> str:
    ctl = "ctl00" if theme != 1 else "ctl00_ctl00"
    viewstate = "/wEPDwUK" + _token("vs", night, n=120)
    validation = "/wEdAA" + _token("ev", night, n=60)
    lead = f'<p class="introduction">{p["lead"]}</p>' if p.get("lead") else ""
    top = f'<div class="pageinfo-top">{p["top"]}</div>' if p.get("top") else ""
    foot = f'<div id="{ctl}_MainRegion_PageInfo" class="pageinfo">{p["foot"]}</div>' if p.get("foot") else ""
    side = (
        f'<div id="{ctl}_SecondaryRegion_RightColumn" class="rightcolumn-content">{p["side"]}</div>'
        if p.get("side")
        else ""
    )
    submenu = "".join(
        f'<li><a href="/Kommun-och-politik/Internationellt/{t.replace(" ", "-")}/">{t}</a></li>'
        for t in ("Vänorter", "EU-projekt", "Utbyten")
    )
    menu = "".join(
        f'<li id="{ctl}_MainMenu_MenuList_ctl{i:02d}_Item"><a href="/{t.replace(" ", "-")}/">{t}</a></li>'
        for i, t in enumerate(
            ("Barn och utbildning", "Omsorg och hjälp", "Bygga och bo", "Kultur och fritid", "Kommun och politik")
        )
    )
    items = "".join(
        f'<li><a href="/Nyheter/{_token(t, n=6)}/">{t}</a> <span class="date">{d}</span></li>' for t, d in news(night)
    )
    main = (
        f'<div id="MainBodyArea" class="maincontent{" wide" if theme == 1 else ""}"><h1>{p["title"]}</h1>{lead}{top}'
        f'<div id="{ctl}_MainRegion_MainBody" class="mainbody">{p["body"]}</div>{foot}'
        f'<div class="pagetools"><a id="{ctl}_MainRegion_PrintLink" href="javascript:window.print()">Skriv ut</a> <a href="#rs" class="rs_skip">Lyssna</a> '
        f'<a id="{ctl}_MainRegion_TipLink" href="/Tipsa/?id={_token("tip", n=4)}">Tipsa en vän</a></div></div>'
    )
    secondary = (
        f'<div id="SecondaryBodyArea" class="rightcol">{side}'
        '<div class="contactcenter"><h2>Kontaktcenter</h2><p>Ulvsjö kommun<br>Telefon 0563-185 00<br>kommunen@ulvsjo.se</p></div>'
        f'<div class="mostread"><h2>Mest läst</h2><ul>{most_read(night)}</ul></div></div>'
    )
    area = (
        f'<div id="{ctl}_SubMenu" class="submenu"><ul>{submenu}</ul></div>{main}{secondary}'
        if theme != 1
        else f'<div id="{ctl}_SubMenu" class="submenu"><ul>{submenu}</ul></div>{secondary}<div class="mainwrapper">{main}</div>'
    )
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="sv" lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link href="/Templates/Public/Styles/Default.css?v={_token("css7", night, n=6)}" rel="stylesheet" type="text/css" />\n',
        )
        + f'<body id="{ctl}_Body">\n'
        f'<form name="aspnetForm" method="post" action="/Kommun-och-politik/Internationellt/{_slug(p["title"]).capitalize()}/" id="aspnetForm">\n'
        '<div class="aspNetHidden"><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" /><input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate}" /></div>\n'
        "<script type=\"text/javascript\">\n//<![CDATA[\nvar theForm = document.forms['aspnetForm'];\nfunction __doPostBack(eventTarget, eventArgument) { theForm.__EVENTTARGET.value = eventTarget; theForm.submit(); }\n//]]>\n</script>\n"
        f'<div id="{ctl}_PageWrapper" class="wrapper">\n'
        f'<div id="Header"><a id="{ctl}_LogoLink" href="/"><img src="/Templates/Public/Images/logo.gif" alt="{site}" /></a>'
        f'<div class="datum">{today_widget(night)}</div>'
        f'<div class="quicksearch"><input name="{ctl}$QuickSearch$SearchText" type="text" id="{ctl}_QuickSearch_SearchText" class="quicksearchfield" /><input type="submit" name="{ctl}$QuickSearch$SearchButton" value="Sök" /></div>'
        f'<ul id="{ctl}_MainMenu_MenuList" class="mainmenu">{menu}{seasonal_link(night)}</ul></div>\n'
        f'<div class="importantmessage"><p>{banner(night)}</p></div>\n'
        f'<div id="{ctl}_BreadCrumbs" class="breadcrumbs">Du är här: <a href="/">Startsida</a> &gt; <a href="/Kommun-och-politik/">Kommun och politik</a> &gt; <a href="/Kommun-och-politik/Internationellt/">Internationellt</a> &gt; {p["title"]}</div>\n'
        f'<div id="MainArea">{area}</div>\n'
        f'<div id="Footer"><div class="newslist"><h2>Nyheter</h2><ul>{items}</ul></div>{footer_columns(site, "0563-185 00")}</div>\n'
        "</div>\n"
        f'<div class="aspNetHidden"><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{validation}" /></div></form>\n'
        "</body>\n</html>\n"
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "sitecore-sxa": sitecore_sxa,
    "typo3-bootstrap": typo3_bootstrap,
    "plone6": plone6,
    "nextjs": nextjs,
    "drupal7": drupal7,
    "sitevision-2025": sitevision_2025,
    "episerver7": episerver7,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise4(html) if theme == 2 else html
