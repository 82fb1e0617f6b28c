# ruff: noqa: E501  (markup literals: a skeleton reads better one element per line than wrapped mid-tag)
"""Page skeletons for the eighth held-out part (tests/corpus/heldout8), modelled on REAL Swedish municipal
pages rather than on CMS demo templates: the furniture, the order of the parts and the nightly noise of pages
read through the search tool's stored public copies (which keep a page's text, not its markup), written into
the markup their CMSs emit:

- ``sv-muni-classic``: an older Sitevision municipal theme (Svenljunga, Lindesberg and Mjölby: numbered
  ``/22/…html`` addresses, a "Translate site" link above the page, "länk till annan webbplats, öppnas i nytt
  fönster" glued after external links, the stamp and a "Sidansvarig" line at the foot, a footer contact box
  with the switchboard as "… vx" and an "E-post" link); portlets ``sv-text-portlet`` with their anchor div
  and ``sv-text-portlet-content``, ``svid12_`` ids, an ``sv-channel`` news list in the right column;
- ``sv-muni-modern``: a Sitevision 2020s theme with Envision classes (Vetlanda and Sollentuna: "Huvudmeny"
  and "Lyssna" buttons at the top, a contact card from the staff directory with the name printed twice (the
  photo's caption and the heading), a unit line, comma-separated landline and mobile, a bare e-mail, "Senast
  uppdaterad" then a "Synpunkt <ort>" link at the foot); an events portlet in the main column;
- ``sv-muni-portal``: a Sitevision theme whose page starts with a rotating header photo and its caption and
  prints "Publicerad" under the heading (Orust and SKR: ``.4.<id>.html`` addresses, "Visa kontaktuppgifter"
  and "Återställ" toggles, a long logo alt text, "Hjälpte informationen dig?" with a thank-you text in the
  markup, "(PDF) Pdf, 1 MB." document links);
- ``epi-muni``: an Optimizely (Episerver) municipal theme (Sigtuna and Region Östergötland: "Dela på" with
  four share links, tabs "Synpunkter & felanmälan" and "Kontaktinformation" whose form carries the validation
  texts "Ett fel inträffade" and "De markerade fälten måste fyllas i", "Relaterad information" in the
  sidebar, contact blocks "Bild på <namn>", name, role, phones and an "e-post" link); block areas with
  ``block``/``*-block`` classes, an antiforgery token, an "Aktuellt" block inside the content area;
- ``wp-muni``: a WordPress municipal theme (kfsk.se and the Municipio-based sites: a stamp label printed
  with no date on some pages, "Sidansvarig" under it, a GTranslate picker, ``?ver=`` assets, a Contact Form 7
  feedback form with a nonce, a "Läs också" related-posts box inside the entry content that picks other posts
  every night);
- ``drupal-muni``: a Drupal 9/10 municipal theme (Malmö's Brussels-office page and Nynäshamn: English
  contact lines with "+32-(0)…" and two e-mail addresses, "Sidan senast ändrad:" twice with no date on some
  pages, leaked template placeholders "$left $middle"); fields with ``field__label``/``field__item``, views
  blocks whose ``js-view-dom-id-<hash>`` changes on every request, ``form_build_id`` tokens, an events view
  inside the main region.

The case fields are those of :mod:`corpus.cms` (title, lead, top, body, foot, side). ``night`` (any integer,
negative too) rotates the furniture as the observed sites do: on every night CSP nonces, form tokens, view ids,
cache-busting asset keys, news and event lists; only on some nights a crisis banner, a campaign puff, an extra
event, the header photo's subject, the related posts. ``theme`` 1 changes what a theme upgrade or a republish
changes (portlet ids regenerated, sidebars moved before the content, blocks wrapped, classes renamed); theme 2
re-serialises the same markup (:func:`corpus.cms4.reserialise4`). All names, prose and numbers are invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .cms import Page, _fill, _head, _token, news, today_widget
from .cms2 import _slug, mega_menu
from .cms3 import most_read, seasonal_link
from .cms4 import reserialise4

_MENU = ("Barn och utbildning", "Omsorg och stöd", "Bygga, bo och miljö", "Uppleva och göra", "Kommun och politik")
_MONTHS = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")

#: Events a municipality lists under "Evenemang" / "Kommande evenemang", each some days after the night's date.
_EVENTS = (
    ("Öppet hus på kulturskolan", 2, "17.00"),
    ("Föreläsning: släktforskning för nybörjare", 4, "18.30"),
    ("Medborgardialog om den nya simhallen", 5, "18.00"),
    ("Sagostund på biblioteket", 6, "10.30"),
    ("Julkonsert i stadskyrkan", 9, "19.00"),
    ("Företagsfrukost med näringslivsenheten", 11, "07.30"),
    ("Prova på skridskor på isbanan", 12, "13.00"),
)

#: Crisis and service messages that only some nights carry (None: no banner that night).
_CRISIS = (
    None,
    ("Viktigt meddelande", "Kokningsrekommendation gäller för Norrby och Västra Ed tills vidare."),
    None,
    ("Driftinformation", "Telefonin till kontaktcenter är störd. Använd e-post eller kom till stadshuset."),
    None,
    None,
    ("Viktigt meddelande", "Storm väntas i natt – följ krisinformation.se och lyssna på Sveriges Radio P4."),
)

#: Header photos a theme picks at random for each page load, with their captions.
_PHOTOS = (
    ("hamnen", "Hamnen i morgonljus, foto."),
    ("badplats", "Badplatsen vid Långsjön, foto."),
    ("torget", "Torget en höstdag, foto."),
    ("skogen", "Stigen genom Bokskogen, foto."),
    ("kyrkan", "Gamla kyrkan i vinterskrud, foto."),
)

#: Posts a related-posts plugin chooses from, another few each night.
_RELATED = (
    "Så söker du bidrag ur kulturfonden",
    "Ungdomsrådet välkomnar nya ledamöter",
    "Feriepraktik i sommar – så fungerar det",
    "Föreningsstöd och lokalbokning",
    "Kommunens klimatlöften följs upp",
    "Trygghetsvandring i centrum",
)

#: Campaign puffs the editors switch on for a few nights at a time.
_CAMPAIGNS = (
    ("Lämna synpunkter på översiktsplanen", "/bygga-bo-och-miljo/oversiktsplan/"),
    None,
    None,
    ("Sök kulturstipendium senast 15 januari", "/uppleva-och-gora/kulturstipendium/"),
    None,
)


def _day(night: int, offset: int = 0) -> dt.date:
    return dt.date(2024, 11, 18) + dt.timedelta(days=night + offset)


def events(night: int, count: int = 3) -> list[tuple[str, dt.date, str]]:
    """The next events from the night's date, soonest first; on every third night one is cancelled and drops out."""
    start = night % len(_EVENTS)
    picks = [_EVENTS[(start + i) % len(_EVENTS)] for i in range(count + 1)]
    if night % 3 == 0:
        picks = picks[:1] + picks[2:]
    return sorted(((t, _day(night, off), time) for t, off, time in picks[:count]), key=lambda e: e[1])


def crisis(night: int) -> tuple[str, str] | None:
    return _CRISIS[night % len(_CRISIS)]


def photo(night: int) -> tuple[str, str]:
    return _PHOTOS[(night * 2) % len(_PHOTOS)]


def related(night: int, count: int = 3) -> list[str]:
    start = (night * 5) % len(_RELATED)
    return [_RELATED[(start + i) % len(_RELATED)] for i in range(count)]


def campaign(night: int) -> tuple[str, str] | None:
    return _CAMPAIGNS[night % len(_CAMPAIGNS)]


def _short(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]}"


# ---------------------------------------------------------------- Sitevision, an older municipal theme


def sv_muni_classic(p: Page, site: str, night: int, theme: int) -> str:
    nonce = _token("csp", night, n=22)

    def sid(name: str) -> str:
        # ids are stable on this site; a republish (theme 1) gives every portlet a new one
        return f"svid12_{_token('svc', name, theme, n=10)}{_token('svc2', name, n=8)}"

    def portlet(anchor: str, inner: str) -> str:
        margins = "sv-use-margins" if theme != 1 else "sv-use-margins sv-skip-spacer"
        return f'<div class="sv-text-portlet {margins}" id="{sid(anchor)}"><div id="{anchor}"><!-- {anchor} --></div><div class="sv-text-portlet-content">{inner}</div></div>'

    tools = (
        f'<div class="sv-html-portlet sv-portlet" id="{sid("verktyg")}"><ul class="verktyg">'
        f'<li><a class="rs_skip" href="//app-eu.readspeaker.example/cgi-bin/rsent?customerid=4711&amp;lang=sv_se&amp;readid=svid10_main&amp;url=">Lyssna</a></li>'
        '<li><a href="javascript:window.print()">Skriv ut</a></li><li><a href="/tipsa">Tipsa en vän</a></li></ul></div>'
    )
    main = tools + portlet(
        "Rubrik", f'<h1 class="heading" id="h-{_slug(p["title"]).replace("-", "")}">{p["title"]}</h1>'
    )
    if p.get("lead"):
        main += portlet("Ingress", f'<p class="ingress">{p["lead"]}</p>')
    if p.get("top"):
        main += portlet("Datum", p["top"])
    main += portlet("Innehall", p["body"])
    main += f'<script nonce="{nonce}">svDocReady(function(){{sv.initPortlet("{sid("Innehall")}", {{"ts":{1732000000 + night * 86400}}})}});</script>'
    if p.get("foot"):
        main += portlet("Sidfot", p["foot"])
    if night % 3:
        # an "Aktuellt" channel the editors put under the text: the latest two news, on the nights it has any
        items = "".join(
            f'<li class="sv-channel-item"><a href="/nyheter/{_token(t, n=6)}.html">{t}</a> <span class="datum">{d}</span></li>'
            for t, d in news(night + 2, 2)
        )
        main += f'<div class="sv-channel-portlet sv-portlet" id="{sid("aktuellt")}"><h2 class="subheading">Aktuellt</h2><ul class="sv-channel sv-defaultlist">{items}</ul></div>'
    side = (
        f'<div class="sv-text-portlet sv-use-margins" id="{sid("Kontakt")}"><div class="sv-text-portlet-content">{p["side"]}</div></div>'
        if p.get("side")
        else ""
    )
    side += (
        f'<div class="sv-channel-portlet sv-portlet" id="{sid("nyheter")}"><h2 class="subheading">Nyheter</h2><ul class="sv-channel">'
        + "".join(
            f'<li class="sv-channel-item"><a href="/nyheter/{_token(t, n=6)}.html"><span class="rubrik">{t}</span></a><time datetime="{d}">{d}</time></li>'
            for t, d in news(night)
        )
        + "</ul></div>"
    )
    main_col = f'<div class="sv-layout sv-column-9" id="svid10_main">{main}</div>'
    side_col = f'<div class="sv-layout sv-column-3 hoger" id="svid10_right">{side}</div>'
    cols = main_col + side_col if theme != 1 else side_col + main_col
    alert = crisis(night)
    alert_html = (
        f'<div class="sv-html-portlet sv-portlet krisinfo" id="{sid("kris")}"><p><strong>{alert[0]}:</strong> {alert[1]}</p></div>\n'
        if alert
        else ""
    )
    menu = "".join(f'<li><a href="/22/{_slug(t)}.html">{t}</a></li>' for t in _MENU)
    return (
        '<!DOCTYPE html>\n<html lang="sv" class="sv-no-js">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/sitevision/{_token("svcss", night // 4, n=10)}/css/sv-template.css">\n',
        )
        + f'<body class="sv-responsive"><script nonce="{nonce}">document.body.className+=" sv-js";</script>\n'
        '<div class="sv-layout" id="svid10_page">\n'
        f'<div class="sv-layout topp" id="{sid("topp")}"><a href="#innehall" class="skip">Till innehållet</a> <a href="/translate.html" class="translate">Translate site</a>'
        f' <a href="/"><img src="/images/18.{_token("logo", n=18)}/logo.png" alt="{site}"></a>'
        f'<form action="/22/sok.html" class="sv-searchform-portlet"><label for="q">Sök</label><input id="q" name="query"></form>'
        f'<ul class="huvudmeny">{menu}{seasonal_link(night)}</ul><div class="mega">{mega_menu()}</div></div>\n'
        + alert_html
        + f'<div class="sv-layout brodsmulor">Du är här: <a href="/">Startsida</a> / <a href="/22/kommun-och-politik.html">Kommun och politik</a> / {p["title"]}</div>\n'
        f'<div class="sv-layout sv-row" id="innehall">{cols}</div>\n'
        f'<div class="sv-layout sidfot" id="{sid("sidfot")}"><div class="sv-text-portlet"><div class="sv-text-portlet-content"><h2>Kontakt</h2><p>0325-180 00 vx</p>'
        f'<p>{site}<br>Storgatan 1<br>512 80 Kyrkbyn</p><p><a href="/kontakt.html">E-post</a></p></div></div>'
        f'<div class="sv-text-portlet"><div class="sv-text-portlet-content"><h2>Mest besökta</h2><ul>{most_read(night)}</ul></div></div></div>\n'
        "</div>\n"
        f'<script nonce="{nonce}" src="/sitevision/{_token("svjs", night // 4, n=10)}/js/sv-bundle.js"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Sitevision with Envision, a 2020s theme


def sv_muni_modern(p: Page, site: str, night: int, theme: int) -> str:
    nonce = _token("csp8", night, n=22)

    def sid(name: str) -> str:
        return f"svid12_{_token('svm', name, theme, n=9)}{_token('svm2', name, n=9)}"

    def portlet(anchor: str, inner: str, extra: str = "") -> str:
        return f'<div class="sv-text-portlet sv-use-margins{extra}" id="{sid(anchor)}"><div id="{anchor}"></div><div class="sv-text-portlet-content">{inner}</div></div>'

    text_cls = "env-text" if theme != 1 else "env-text env-text--normal"
    main = portlet("Rubrik", f'<h1 class="env-ui-text-heading-1 heading">{p["title"]}</h1>')
    main += (
        f'<div class="sv-custom-module rs-lyssna" id="{sid("lyssna")}"><button class="env-button env-button--ghost rs_skip" type="button" '
        f'data-rs="{_token("rsid", night, n=12)}" aria-controls="svid10_content">Lyssna</button></div>'
    )
    if p.get("lead"):
        main += portlet("Ingress", f'<p class="env-text-lead lead">{p["lead"]}</p>')
    if p.get("top"):
        main += portlet("Meta", f'<div class="env-ui-text-caption">{p["top"]}</div>')
    main += portlet("Text", f'<div class="{text_cls}">{p["body"]}</div>')
    ev = "".join(
        f'<li class="env-list__item"><time class="env-badge" datetime="{d.isoformat()}T{t.replace(".", ":")}">{_short(d)}</time> '
        f'<a class="env-link" href="/evenemang/{_token(name, n=6)}.html">{name}</a> <span class="env-ui-text-caption">kl. {t}</span></li>'
        for name, d, t in events(night)
    )
    main += f'<div class="sv-custom-module sv-marketplace-events" id="{sid("evenemang")}" data-app-state="{_token("app", night, n=16)}"><h2 class="env-ui-text-heading-3">Evenemang</h2><ul class="env-list">{ev}</ul></div>'
    if p.get("foot"):
        main += portlet("Sidinfo", f'<div class="env-ui-text-caption">{p["foot"]}</div>', " sv-decoration-sidinfo")
    main += f'<div class="sv-html-portlet"><p><a class="env-link" href="/synpunkt.html">Synpunkt {site.split()[0]}</a></p></div>'
    main += f'<script nonce="{nonce}">AppRegistry.registerInitialState("{sid("evenemang")}",{{"requestId":"{_token("req", night, n=12)}","items":3}});</script>'
    side = ""
    if p.get("side"):
        side = f'<aside class="sv-layout sv-column-4 sv-decoration-kontakt" id="{sid("aside")}"><div class="env-card env-p-around--medium">{portlet("Kontakt", p["side"])}</div>'
        camp = campaign(night)
        if camp:
            side += f'<div class="env-card env-card--puff"><a class="env-link" href="{camp[1]}">{camp[0]}</a></div>'
        side += "</aside>"
    main_col = f'<div class="sv-layout sv-column-8" id="svid10_content">{main}</div>'
    row = main_col + side if theme != 1 else f'<div class="sv-layout sv-decoration-wrap">{side}{main_col}</div>'
    alert = crisis(night)
    alert_html = (
        f'<div class="sv-custom-module env-alert env-alert--warning" role="alert" data-id="{_token("al", night, n=8)}"><p class="env-ui-text-heading-4">{alert[0]}</p><p>{alert[1]}</p></div>\n'
        if alert
        else ""
    )
    menu = "".join(
        f'<li class="env-nav__item"><a class="env-nav__link" href="/{_slug(t)}.html">{t}</a></li>' for t in _MENU
    )
    puffs = "".join(
        f'<li class="env-list__item"><a class="env-link" href="/nyheter/{_token(t, n=6)}.html">{t}</a> <time datetime="{d}">{d}</time></li>'
        for t, d in news(night, 4)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv" class="sv-no-js sv-template-standardsida">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/webapp-files/envision/{_token("envcss", night // 2, n=8)}/envision.css">\n',
        )
        + f'<body class="sv-responsive env-m-around--0" data-csrf="{_token("csrf", night, n=32)}">\n'
        f'<div class="sv-layout" id="{sid("root")}">\n'
        f'<header class="sv-layout sv-decoration-header" id="{sid("header")}"><a href="/"><img src="/images/18.{_token("lg", n=20)}/logo.svg" alt="{site}, till startsidan"></a>'
        '<button class="env-button" aria-expanded="false" aria-controls="huvudmeny">Huvudmeny</button>'
        f'<nav id="huvudmeny" class="env-nav" aria-label="Huvudmeny"><ul class="env-nav__list">{menu}{seasonal_link(night, "li", "env-nav__link")}</ul>{mega_menu("ul", "li", "env-link")}</nav>'
        f'<form class="sv-searchform-portlet" action="/sok.html"><input name="query" aria-label="Sök"><input type="hidden" name="sv.csrf" value="{_token("svcsrf", night, n=24)}"></form></header>\n'
        + alert_html
        + '<nav class="sv-layout env-breadcrumb" aria-label="Brödsmulor"><a href="/">Start</a> <a href="/kommun-och-politik.html">Kommun och politik</a></nav>\n'
        f'<main class="sv-layout sv-row" id="{sid("main")}">{row}</main>\n'
        f'<section class="sv-layout sv-decoration-nyheter" id="{sid("nyh")}"><h2>Nyheter</h2><ul class="env-list">{puffs}</ul></section>\n'
        f'<footer class="sv-layout sv-decoration-footer" id="{sid("footer")}"><div><h2>{site}</h2><p>Kommunhuset, Torggatan 3<br>574 80 Åsby</p><p>Telefon: 0383-940 00</p>'
        '<p><a href="mailto:kommun@asby.example">kommun@asby.example</a></p></div>'
        f'<div><h2>Genvägar</h2><ul>{most_read(night, 3)}</ul></div><p class="env-ui-text-caption">Webbplatsen uppdateras löpande. {today_widget(night)}</p></footer>\n'
        "</div>\n"
        f'<script nonce="{nonce}" src="/sitevision/system-resource/{_token("sysres", night, n=32)}/js/sv-bundle.js"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Sitevision, a portal theme with a header photo


def sv_muni_portal(p: Page, site: str, night: int, theme: int) -> str:
    nonce = _token("cspp", night, n=22)
    key = _token("svp", theme, n=6)

    def sid(name: str) -> str:
        return f"svid12_{key}{_token('svp', name, n=12)}"

    def portlet(anchor: str, inner: str) -> str:
        return f'<div class="sv-text-portlet sv-use-margins" id="{sid(anchor)}"><div id="{anchor}"></div><div class="sv-text-portlet-content">{inner}</div></div>'

    pic, caption = photo(night)
    hero = (
        f'<div class="sv-image-portlet sv-portlet toppbild" id="{sid("toppbild")}"><img src="/images/18.{_token(pic, n=16)}/{pic}.jpg" alt="">'
        f'<div class="sv-portlet-image-caption">{caption}</div></div>'
    )
    main = hero + f'<p class="sv-font-omrade">{_MENU[4]}</p>'
    main += '<div class="kontaktvaxel"><button type="button" class="sv-font-knapp">Visa kontaktuppgifter</button> <button type="button" class="sv-font-knapp">Återställ</button></div>'
    main += portlet("Rubrik", f'<h1 class="heading">{p["title"]}</h1>')
    if p.get("top"):
        main += portlet("Publicerad", f'<div class="sv-font-datum">{p["top"]}</div>')
    if p.get("lead"):
        main += portlet("Ingress", f'<p class="sv-font-ingress">{p["lead"]}</p>')
    body = portlet("Innehall", p["body"])
    if theme == 1:
        body = f'<div class="sv-layout sv-decoration-innehall" id="{sid("dekor")}">{body}</div>'
    main += body
    if p.get("foot"):
        main += portlet("Sidfot", p["foot"])
    main += (
        f'<div class="sv-custom-module sv-feedback" id="{sid("fb")}"><form method="post" action="/feedback"><input type="hidden" name="sv.csrf" value="{_token("fbcsrf", night, n=28)}">'
        '<h2 class="subheading">Hjälpte informationen dig?</h2><button name="svar" value="ja">Ja</button><button name="svar" value="nej">Nej</button>'
        '<div class="sv-feedback-thanks" hidden><p>Tack för din hjälp!</p></div></form></div>'
        f'<div class="sv-custom-module sv-share" id="{sid("dela")}"><p>Dela: <a href="https://www.facebook.example/sharer.php?u={_token("sh", n=8)}">Facebook</a> <a href="https://www.linkedin.example/share?u={_token("sh", n=8)}">LinkedIn</a> <a href="mailto:?subject={p["title"]}">E-post</a></p></div>'
    )
    side = (
        f'<div class="sv-layout sv-column-4 kontaktkolumn" id="{sid("kolumn")}">{portlet("Kontakt", p["side"])}</div>'
        if p.get("side")
        else ""
    )
    main_col = f'<div class="sv-layout sv-column-8" id="{sid("huvud")}">{main}</div>'
    cols = main_col + side if theme != 1 else side + main_col
    langs = '<ul class="sprak"><li><a href="/english.4.1a2b3c.html" lang="en">In English</a></li><li><a href="/lattlast.4.1a2b3d.html">Lättläst</a></li><li><a href="/teckensprak.4.1a2b3e.html">Teckenspråk</a></li></ul>'
    alert = crisis(night + 3)
    alert_html = f'<div class="sv-layout kris"><p><strong>{alert[0]}</strong> {alert[1]}</p></div>\n' if alert else ""
    ev = "".join(
        f"<li><a href='/evenemang/{_token(n_, n=6)}.html'>{n_}</a> {_short(d)} kl. {t}</li>"
        for n_, d, t in events(night, 2)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/sitevision/{_token("pcss", night // 3, n=12)}/css/portlets.css">\n',
        )
        + f'<body class="sv-responsive"><script nonce="{nonce}">sv.PageContext={{"pageId":"4.{_token("pid", n=20)}","session":"{_token("sess", night, n=16)}"}};</script>\n'
        f'<div class="sv-layout" id="{sid("sida")}">\n'
        f'<div class="sv-layout sidhuvud"><a href="/"><img src="/images/18.{_token("logo", n=12)}/logo.svg" alt="{site} logotyp, vapen med tre gula fiskar på blå botten."></a>{langs}'
        f'<form action="/sok.4.9f8e7d.html"><input name="query"></form><nav aria-label="Huvudmeny"><ul>{"".join(f"<li><a href=/amnesomrade/{_slug(t)}.4.{_token(t, n=6)}.html>{t}</a></li>" for t in _MENU)}{seasonal_link(night)}</ul></nav></div>\n'
        + alert_html
        + f'<div class="sv-layout sv-row innehall" id="{sid("rad")}">{cols}</div>\n'
        f'<div class="sv-layout sidfot"><div><h2>Kommande</h2><ul>{ev}</ul></div><div><h2>Mest läst</h2><ul>{most_read(night + 1)}</ul></div>'
        f"<div><h2>Kontakta oss</h2><p>Telefon: 0304-33 40 00 (växel)</p><p>Org.nr 212000-1900</p></div></div>\n"
        "</div>\n"
        f'<script nonce="{nonce}" src="/sitevision/{_token("pjs", night // 3, n=12)}/js/portlets.js"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Optimizely (Episerver) municipal theme


def epi_muni(p: Page, site: str, night: int, theme: int) -> str:
    token = _token("rvt", night, n=92)
    block = "block" if theme != 1 else "block block--v2"
    content = f'<div class="{block} textblock" data-block-type="TextBlock">{p["body"]}</div>'
    if p.get("foot"):
        content += f'<div class="{block} pageinfo-block">{p["foot"]}</div>'
    news_items = "".join(
        f'<li class="newslist__item"><span class="newslist__date">{d}</span> <a href="/nyheter/{_slug(t)[:40]}/">{t}</a></li>'
        for t, d in news(night + 1, 2 + (night % 2))
    )
    content += f'<div class="{block} newsblock"><h2 class="newsblock__heading">Aktuellt</h2><ul class="newslist">{news_items}</ul></div>'
    if theme == 1:
        content = f'<div class="content-area content-area--main">{content}</div>'
    else:
        content = f'<div class="block-area">{content}</div>'
    article = (
        f'<article class="article"><header class="article__header"><h1 class="article__heading">{p["title"]}</h1>'
        + (f'<p class="article__preamble">{p["lead"]}</p>' if p.get("lead") else "")
        + (f'<div class="article__meta">{p["top"]}</div>' if p.get("top") else "")
        + "</header>"
        + f'<div class="article__body">{content}</div>'
        + '<div class="share"><span class="share__label">Dela på</span><ul class="share__list">'
        '<li><a href="https://www.facebook.example/sharer/sharer.php">Dela till Facebook</a></li><li><a href="https://twitter.example/intent/tweet">Dela till Twitter</a></li>'
        '<li><a href="https://www.linkedin.example/shareArticle">Dela till LinkedIn</a></li><li><a href="mailto:?body=">Dela med e-post</a></li></ul></div>'
        '<div class="tabs" data-module="tabs"><ul class="tabs__nav" role="tablist"><li role="tab" aria-selected="true">Synpunkter &amp; felanmälan</li><li role="tab">Kontaktinformation</li></ul>'
        f'<div class="tabs__panel" role="tabpanel"><form action="/api/feedback" method="post" novalidate><input name="__RequestVerificationToken" type="hidden" value="{token}">'
        '<div class="form__error" aria-live="polite" hidden><p>Ett fel inträffade</p><p>De markerade fälten måste fyllas i</p></div>'
        '<label for="fb-text">Din synpunkt</label><textarea id="fb-text" name="text"></textarea><button type="submit">Skicka</button></form></div>'
        '<div class="tabs__panel" role="tabpanel" hidden><p>Kontaktcenter: 08-591 260 00</p></div></div>'
        "</article>"
    )
    related_links = "".join(
        f'<li><a href="/{_slug(t)}/">{t}</a></li>'
        for t in ("Internationellt arbete", "Politik och demokrati", "Kommunens organisation")
    )
    aside = '<aside class="sidebar">'
    if p.get("side"):
        aside += f'<div class="block contactblock"><h2 class="contactblock__heading">Kontakt</h2>{p["side"]}</div>'
    aside += f'<div class="block linkblock"><h2>Relaterad information</h2><ul>{related_links}</ul></div></aside>'
    layout = article + aside if theme != 1 else aside + article
    alert = crisis(night + 1)
    alert_html = (
        f'<div class="alert alert--important" role="alert" data-alert-id="{_token("alert", night, n=6)}"><strong>{alert[0]}</strong><p>{alert[1]}</p><button>Stäng</button></div>\n'
        if alert
        else ""
    )
    menu = "".join(f'<li class="mainnav__item"><a href="/sv/{_slug(t)}/">{t}</a></li>' for t in _MENU)
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" href="/dist/css/main.css?v={_token("epicss", night // 5, n=10)}">\n'
            f'<script id="Cookiebot" src="https://consent.cookiebot.example/uc.js" data-cbid="{_token("cb", n=8)}-{_token("cb2", n=4)}"></script>\n',
        )
        + f'<body class="page-standard" data-epi-page="{_token("epi", n=5)}">\n'
        '<a class="skip-link" href="#main-content">Gå direkt till innehållet</a>\n'
        f'<header class="header"><a class="header__logo" href="/sv/"><img src="/globalassets/logo.svg" alt="{site}"></a>'
        '<div class="header__tools"><a href="#" class="rs_skip readspeaker">Lyssna</a> <a href="/sv/languages/">Languages</a> <a href="/sv/lattlast/">Lättläst</a></div>'
        f'<form class="header__search" action="/sv/sok/"><input name="q" placeholder="Vad letar du efter?"><input type="hidden" name="__RequestVerificationToken" value="{token}"></form>'
        f'<nav class="mainnav"><ul>{menu}{seasonal_link(night, "li", "mainnav__link")}</ul>{mega_menu()}</nav></header>\n'
        + alert_html
        + f'<nav class="breadcrumbs" aria-label="Brödsmulor"><ol><li><a href="/sv/">Start</a></li><li><a href="/sv/om-kommunen/">Om kommunen</a></li><li>{p["title"]}</li></ol></nav>\n'
        f'<main id="main-content" class="page-content"><div class="layout layout--sidebar">{layout}</div></main>\n'
        f'<footer class="footer"><div class="footer__col"><h2>{site}</h2><p>195 85 Märsta-Ekby<br>Besöksadress: Torget 1</p><p>Telefon: 08-591 260 00</p></div>'
        f'<div class="footer__col"><h2>Mest besökta</h2><ul>{most_read(night, 5)}</ul></div>'
        '<div class="footer__col"><ul><li><a href="/sv/om-webbplatsen/kakor/">Kakor</a></li><li><a href="/sv/om-webbplatsen/tillganglighet/">Tillgänglighet</a></li></ul></div></footer>\n'
        f'<script src="/dist/js/main.js?v={_token("epijs", night // 5, n=10)}"></script>\n'
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- WordPress municipal theme


def wp_muni(p: Page, site: str, night: int, theme: int) -> str:
    ver = f"{6 + theme}.{night % 7}.{(night // 7) % 3}"
    nonce = _token("wpn", night, n=10)
    entry = ""
    if p.get("lead"):
        entry += f'<p class="lead has-large-font-size">{p["lead"]}</p>'
    if p.get("top"):
        entry += p["top"]
    entry += p["body"]
    picks = "".join(f'<li><a href="/{_slug(t)}/" rel="bookmark">{t}</a></li>' for t in related(night))
    entry += f'<div class="yarpp yarpp-related yarpp-template-list"><h3>Läs också</h3><ol>{picks}</ol></div>'
    entry += (
        f'<div class="wpcf7 js" id="wpcf7-f{880 + theme}-p512-o1" lang="sv-SE" dir="ltr"><form action="/kommun-och-politik/#wpcf7-f880-p512-o1" method="post" class="wpcf7-form init" novalidate="novalidate">'
        f'<div style="display: none;"><input type="hidden" name="_wpcf7" value="880"><input type="hidden" name="_wpcf7_unit_tag" value="wpcf7-f880-p512-o1"><input type="hidden" name="_wpnonce" value="{nonce}"></div>'
        '<p>Hjälpte sidan dig? <span class="wpcf7-form-control-wrap"><span class="wpcf7-radio"><label><input type="radio" name="hjalp" value="Ja"> Ja</label> <label><input type="radio" name="hjalp" value="Nej"> Nej</label></span></span></p>'
        '<p><input class="wpcf7-submit" type="submit" value="Skicka"></p><div class="wpcf7-response-output" aria-hidden="true"></div></form></div>'
    )
    if p.get("foot"):
        entry += f'<footer class="entry-footer page-meta">{p["foot"]}</footer>'
    entry_cls = "entry-content" if theme != 1 else "entry-content wp-block-post-content is-layout-constrained"
    article = (
        f'<article id="post-512" class="post-512 page type-page status-publish hentry"><header class="entry-header"><h1 class="entry-title">{p["title"]}</h1>'
        '<div class="gtranslate_wrapper" id="gt-wrapper-51"><select class="gt_selector notranslate" aria-label="Välj språk"><option value="sv|sv">Svenska</option><option value="sv|en">English</option><option value="sv|ar">العربية</option><option value="sv|fi">Suomi</option></select></div>'
        f'</header><div class="{entry_cls}">{entry}</div></article>'
    )
    widgets = f'<section class="widget widget_text kontakt">{p["side"]}</section>' if p.get("side") else ""
    widgets += (
        '<section class="widget widget_recent_entries"><h2 class="widget-title">Senaste nyheterna</h2><ul>'
        + "".join(
            f'<li><a href="/{_slug(t)[:30]}/">{t}</a> <span class="post-date">{d}</span></li>'
            for t, d in news(night, 3)
        )
        + "</ul></section>"
    )
    sidebar = f'<aside id="secondary" class="widget-area">{widgets}</aside>'
    primary = f'<main id="primary" class="site-main">{article}</main>'
    cols = primary + sidebar if theme != 1 else sidebar + primary
    alert = crisis(night + 5)
    alert_html = (
        f'<div class="notice notice--warning municipio-notice"><p><strong>{alert[0]}:</strong> {alert[1]}</p></div>\n'
        if alert
        else ""
    )
    menu = "".join(f'<li class="menu-item menu-item-type-post_type"><a href="/{_slug(t)}/">{t}</a></li>' for t in _MENU)
    return (
        '<!DOCTYPE html>\n<html lang="sv-SE">\n'
        + _head(
            p["title"],
            site,
            night,
            f"<link rel='stylesheet' id='kommun-style-css' href='/wp-content/themes/kommun/style.css?ver={ver}' media='all' />\n"
            f'<script id=\'wpcf7-js-extra\'>var wpcf7 = {{"api":{{"root":"\\/wp-json\\/","namespace":"contact-form-7\\/v1"}},"nonce":"{nonce}"}};</script>\n',
        )
        + f'<body class="page-template-default page page-id-512 {"theme-kommun" if theme != 1 else "theme-kommun-2"}">\n'
        '<div id="page" class="site"><a class="skip-link screen-reader-text" href="#primary">Hoppa till innehåll</a>\n'
        f'<header id="masthead" class="site-header"><div class="site-branding"><a href="/" rel="home"><img src="/wp-content/uploads/2022/03/logo.svg" alt="{site}"></a></div>'
        f'<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{menu}{seasonal_link(night)}</ul></nav>'
        f'<div class="mega-menu">{mega_menu()}</div><form role="search" class="search-form" action="/"><input type="search" name="s" placeholder="Sök …"></form></header>\n'
        + alert_html
        + f'<div id="content" class="site-content">{cols}</div>\n'
        f'<footer id="colophon" class="site-footer"><div class="footer-widgets"><section class="widget"><h2>{site}</h2><p>Box 24, 310 20 Lagaholm</p><p>Växel 0430-150 00</p></section>'
        f'<section class="widget"><h2>Populärt just nu</h2><ul>{most_read(night + 2)}</ul></section></div></footer>\n'
        "</div>\n"
        f"<script src='/wp-includes/js/jquery/jquery.min.js?ver={ver}' id='jquery-core-js'></script>\n"
        "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- Drupal municipal theme


def drupal_muni(p: Page, site: str, night: int, theme: int) -> str:
    dom_id = _token("vdom", night, n=64)
    build = f"form-{_token('fb', night, n=43)}"
    field = "field" if theme != 1 else "field field--display-default"
    node = f'<h1 class="page-title"><span class="field field--name-title field--type-string">{p["title"]}</span></h1>'
    if p.get("lead"):
        node += f'<div class="{field} field--name-field-ingress field--type-text-long field--label-hidden field__item"><p>{p["lead"]}</p></div>'
    if p.get("top"):
        node += f'<div class="{field} field--name-field-meta field--label-inline">{p["top"]}</div>'
    node += f'<div class="clearfix text-formatted {field} field--name-body field--type-text-with-summary field--label-hidden field__item">{p["body"]}</div>'
    if p.get("foot"):
        node += f'<div class="{field} field--name-field-sidinfo">{p["foot"]}</div>'
    article = f'<article data-history-node-id="312" class="node node--type-page node--view-mode-full"><div class="node__content">{node}</div></article>'
    ev = "".join(
        f'<div class="views-row"><div class="views-field views-field-field-datum"><time datetime="{d.isoformat()}T12:00:00Z">{_short(d)} kl. {t}</time></div>'
        f'<div class="views-field views-field-title"><a href="/evenemang/{_token(n_, n=6)}">{n_}</a></div></div>'
        for n_, d, t in events(night + 4, 2 + (night % 2))
    )
    view = (
        f'<div class="views-element-container block block-views block-views-blockevenemang-block-1"><h2>Kommande evenemang</h2>'
        f'<div class="view view-evenemang view-id-evenemang view-display-id-block_1 js-view-dom-id-{dom_id}"><div class="view-content">{ev}</div></div></div>'
    )
    region = f'<div class="region region-content"><div id="block-kommun-content" class="block block-system block-system-main-block">{article}</div>{view}</div>'
    if theme == 1:
        region = f'<div class="layout-content">{region}</div>'
    side = f'<div class="block block-block-content block-kontakt">{p["side"]}</div>' if p.get("side") else ""
    side += (
        '<div class="block block-views block-views-blocknyheter-block-1"><h2>Nyheter</h2>'
        f'<div class="view view-nyheter js-view-dom-id-{_token("vdom2", night, n=64)}">'
        + "".join(
            f'<div class="views-row"><a href="/nyheter/{_token(t, n=6)}">{t}</a> <span class="date">{d}</span></div>'
            for t, d in news(night)
        )
        + "</div></div>"
    )
    sidebar = f'<aside class="layout-sidebar-second" role="complementary"><div class="region region-sidebar-second">{side}</div></aside>'
    main = f'<main role="main"><a id="main-content" tabindex="-1"></a>{region}</main>'
    layout = main + sidebar if theme != 1 else sidebar + main
    alert = crisis(night + 2)
    alert_html = (
        f'<div class="region region-highlighted"><div class="block block-kommun-alert" data-drupal-messages><div role="alert"><h2>{alert[0]}</h2><p>{alert[1]}</p></div></div></div>\n'
        if alert
        else ""
    )
    menu = "".join(
        f'<li class="menu-item"><a href="/{_slug(t)}" data-drupal-link-system-path="node/{40 + i}">{t}</a></li>'
        for i, t in enumerate(_MENU)
    )
    return (
        '<!DOCTYPE html>\n<html lang="sv" dir="ltr">\n'
        + _head(
            p["title"],
            site,
            night,
            f'<link rel="stylesheet" media="all" href="/sites/default/files/css/css_{_token("dcss", night // 2, n=43)}.css?delta=0&amp;language=sv&amp;theme=kommun&amp;include={_token("inc", n=30)}">\n'
            f'<script type="application/json" data-drupal-selector="drupal-settings-json">{{"path":{{"baseUrl":"\\/","currentPath":"node\\/312"}},"ajaxPageState":{{"theme":"kommun","libraries":"{_token("lib", night, n=40)}"}},"user":{{"uid":0,"permissionsHash":"{_token("ph", n=40)}"}}}}</script>\n',
        )
        + '<body class="path-node page-node-type-page">\n'
        '<a href="#main-content" class="visually-hidden focusable skip-link">Hoppa till huvudinnehåll</a>\n'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>\n'
        f'<header role="banner"><div class="region region-header"><a href="/" rel="home" class="site-logo"><img src="/themes/custom/kommun/logo.svg" alt="{site}"></a>'
        f'<form class="search-block-form" action="/sok" method="get"><input type="search" name="keys"><input type="hidden" name="form_build_id" value="{build}"></form></div>'
        f'<div class="region region-primary-menu"><nav role="navigation" aria-labelledby="block-huvudmeny-menu"><h2 class="visually-hidden" id="block-huvudmeny-menu">Huvudmeny</h2><ul class="menu">{menu}{seasonal_link(night, "li", "menu-item")}</ul></nav>{mega_menu()}</div></header>\n'
        + alert_html
        + f'<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation"><ol><li><a href="/">Hem</a></li><li><a href="/kommun-och-politik">Kommun och politik</a></li></ol></nav></div>\n'
        f'<div class="layout-container">{layout}</div>\n'
        f'<footer role="contentinfo"><div class="region region-footer"><div class="block"><h2>Kontakta oss</h2><p>{site}, 205 80 Hamnstad</p><p>Kontaktcenter 040-34 10 00</p></div>'
        f'<div class="block"><h2>Mest läst</h2><ul>{most_read(night + 3)}</ul></div></div></footer>\n'
        "</div>\n"
        f'<script src="/sites/default/files/js/js_{_token("djs", night // 2, n=43)}.js?scope=footer&amp;delta=0&amp;language=sv"></script>\n'
        "</body>\n</html>\n"
    )


FAMILIES: dict[str, Callable[[Page, str, int, int], str]] = {
    "sv-muni-classic": sv_muni_classic,
    "sv-muni-modern": sv_muni_modern,
    "sv-muni-portal": sv_muni_portal,
    "epi-muni": epi_muni,
    "wp-muni": wp_muni,
    "drupal-muni": drupal_muni,
}


def render(family: str, page: Page, site: str, night: int, theme: int) -> str:
    """One page version: the case's fields (with the night's furniture filled in) in the family's skeleton."""
    filled = {k: _fill(v, night) if isinstance(v, str) else v for k, v in page.items()}
    html = FAMILIES[family](filled, site, night, theme)
    return reserialise4(html) if theme == 2 else html
