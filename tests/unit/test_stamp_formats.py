"""Review stamps as real municipal pages write them.

One case per phrasing seen on real pages, each inside realistic page markup and read by
``extract_record``; then the markups that put label and date in separate elements, the labels
with no date, the dates that are not a stamp, the rule for pages with several stamps, and
properties over any phrasing, date and wrapper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.diff import diff_records
from crawler.extract import extract_record
from crawler.extract.stamp import is_date_widget, is_stamp_line, read_date, read_stamp, slash_order

URL = "https://www.vaxjo.se/kommun-och-politik/internationellt-arbete.html"
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")  # fmt: skip
SHORT = ("jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")


def page(stamp: str = "", *, top: str = "", side: str = "", lang: str = "sv") -> str:
    """A municipal page: header and menu, the article (``top`` under the heading, ``stamp`` at its foot), a side box."""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Internationellt arbete - Växjö kommun</title></head><body>
<header class="site-header"><a href="/">Växjö kommun</a></header>
<nav class="main-menu"><ul><li><a href="/omsorg/">Omsorg</a></li><li><a href="/politik/">Politik</a></li></ul></nav>
<main id="content"><article>
<h1>Internationellt arbete</h1>
{top}
<p class="lead">Kommunen deltar i EU-projekt och har vänorter i Polen och Tyskland.</p>
<h2>Vänorter</h2>
<p>Vänortssamarbetet handlar om skolutbyten, kultur och näringsliv.</p>
<p>Kontakta internationella samordnaren för frågor om EU-finansiering.</p>
{stamp}
</article></main>
<aside class="sidebar">{side}</aside>
<footer class="site-footer"><p>Växjö kommun, 351 12 Växjö. Telefon 0470-410 00</p></footer>
</body></html>"""


def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def read(html: str) -> tuple[str | None, str | None, list[str]]:
    record = extract_record(html, URL)
    return record.review_date, record.reviewer, [b.text for b in record.blocks]


def assert_no_stamp_text(blocks: list[str], *texts: str) -> None:
    """Neither the stamp's label nor its date reaches the page's content blocks."""
    for text in texts:
        assert not any(text in b for b in blocks), (text, blocks)


# ---------------------------------------------------------------- one case per real phrasing
# (id naming the phrasing, the stamp's markup at the foot of the article, date, reviewer)
PHRASINGS = [
    ("senast-uppdaterad-colon-D-manad-YYYY", "<p>Senast uppdaterad: 27 april 2017</p>", "2017-04-27", None),
    ("senast-uppdaterad-colon-iso", '<p class="lastmodified">Senast uppdaterad: 2021-03-04</p>', "2021-03-04", None),
    ("senast-uppdaterad-iso", "<div>Senast uppdaterad 2021-03-04</div>", "2021-03-04", None),
    ("senast-uppdaterad-D-manad-YYYY", "<p><small>Senast uppdaterad 3 mars 2021</small></p>", "2021-03-03", None),
    ("senast-uppdaterad-den-D-manad-YYYY", "<p>Senast uppdaterad den 3 mars 2021</p>", "2021-03-03", None),
    ("senast-uppdaterad-newline-D-manad-YYYY", "<p>Senast uppdaterad<br>3 mars 2021</p>", "2021-03-03", None),
    ("senast-uppdaterad-colon-iso-HH:MM:SS", "<p>Senast uppdaterad: 2021-03-04 13:45:12</p>", "2021-03-04", None),
    ("senast-uppdaterad-colon-no-space-iso", "<p>Senast uppdaterad:2021-03-04</p>", "2021-03-04", None),
    ("bullet-senast-uppdaterad-D-abbrev-YYYY", "<ul><li>• Senast uppdaterad 12 aug 2019</li></ul>", "2019-08-12", None),
    ("uppdaterad-D-manad-YYYY", "<p>Uppdaterad 12 augusti 2019</p>", "2019-08-12", None),
    ("uppdaterad-colon-D-manad-YYYY", "<p>Uppdaterad: 12 augusti 2019</p>", "2019-08-12", None),
    ("uppdaterad-colon-iso", "<p>Uppdaterad: 2019-08-12</p>", "2019-08-12", None),
    ("uppdaterad-iso", '<span class="date">Uppdaterad 2019-08-12</span>', "2019-08-12", None),
    ("uppdaterad-iso-av-avdelning", "<p>Uppdaterad 2019-08-12 av Kommunledningskontoret</p>", "2019-08-12",
     "Kommunledningskontoret"),
    ("uppdaterad-av-colon-namn-iso-HH.MM", "<p>Uppdaterad av: Karin Lund 2019-08-12 08.22</p>", "2019-08-12",
     "Karin Lund"),
    ("sidan-uppdaterad-colon-iso", "<p>Sidan uppdaterad: 2020-06-01</p>", "2020-06-01", None),
    ("sidan-uppdaterad-iso", "<p>Sidan uppdaterad 2020-06-01</p>", "2020-06-01", None),
    ("sidan-uppdaterad-colon-two-lines-apart", "<p>Sidan uppdaterad:<br><br>2020-06-01</p>", "2020-06-01", None),
    ("sida-uppdaterad-iso", "<p>Sida uppdaterad 2020-06-01</p>", "2020-06-01", None),
    ("sidan-uppdaterades-iso", "<p>Sidan uppdaterades 2022-10-24</p>", "2022-10-24", None),
    ("sidan-uppdaterades-den-D-manad-YYYY", "<p>Sidan uppdaterades den 24 oktober 2022</p>", "2022-10-24", None),
    ("sidan-uppdaterades-D-manad-YYYY", "<p>Sidan uppdaterades 24 oktober 2022</p>", "2022-10-24", None),
    ("sidan-senast-uppdaterad-colon-iso-HH.MM", "<p>Sidan senast uppdaterad: 2022-10-24 08.22</p>", "2022-10-24",
     None),
    ("sidan-senast-uppdaterad-colon-iso", "<p>Sidan senast uppdaterad: 2022-10-24</p>", "2022-10-24", None),
    ("sidan-granskad-iso", "<p>Sidan granskad 2023-01-09</p>", "2023-01-09", None),
    ("sidan-granskad-den-D-manad-YYYY", "<p>Sidan granskad den 9 januari 2023</p>", "2023-01-09", None),
    ("granskad-iso-newline-av-namn", "<p>Granskad 2023-01-09<br>av Per Ek</p>", "2023-01-09", "Per Ek"),
    ("senast-granskad-iso-av-namn", "<p>Senast granskad 2024-05-17 av ANDGLE</p>", "2024-05-17", "ANDGLE"),
    ("informationen-granskades-colon-iso", "<p>Informationen granskades: 2023-01-09</p>", "2023-01-09", None),
    ("sidan-har-granskats-iso", "<p>Sidan har granskats 2023-01-09</p>", "2023-01-09", None),
    ("sidan-kontrollerad-colon-US-seconds-AM", "<p>Sidan kontrollerad: 3/17/2015 9:12:45 AM</p>", "2015-03-17",
     None),
    ("last-controlled-colon-iso-dot", "<p>Last controlled: 2023-02-01.</p>", "2023-02-01", None),
    ("updated-colon-iso", "<p>Updated: 2023-02-01</p>", "2023-02-01", None),
    ("aktualisiert-colon-iso", "<p>Aktualisiert: 2023-02-01</p>", "2023-02-01", None),
    ("publicerad-colon-iso", "<p>Publicerad: 2021-05-05</p>", "2021-05-05", None),
    ("publicerad-iso-kl-HH:MM-newline-sidansvarig", "<p>Publicerad 2021-05-05 kl 13:45<br>Sidansvarig: Eva Berg</p>",
     "2021-05-05", None),
    ("senast-publicerad-colon-iso", "<p>Senast publicerad: 2021-05-05</p>", "2021-05-05", None),
    ("senast-andrad-iso-kl-HH:MM", "<p>Senast ändrad 2021-05-05 kl. 13:45</p>", "2021-05-05", None),
    # beyond the 207 pages: forms the same labels take elsewhere
    ("swedish-D/M-YYYY", "<p>Senast uppdaterad 17/5 2024</p>", "2024-05-17", None),
    ("weekday-and-kl", "<p>Uppdaterad fredag 17 maj 2024 kl. 13.45</p>", "2024-05-17", None),
    ("iso-8601-time", "<p>Uppdaterad 2024-05-17T10:22:00+02:00</p>", "2024-05-17", None),
    ("senaste-uppdatering-colon-iso", "<p>Senaste uppdatering: 2024-05-17</p>", "2024-05-17", None),
    ("english-month-first", '<p lang="en">Last updated: May 17, 2024</p>', "2024-05-17", None),
    ("german-D.-Monat-YYYY", '<p lang="de">Zuletzt aktualisiert am 17. Mai 2024</p>', "2024-05-17", None),
    ("abbreviation-dateparser-lacks", "<p>Senast granskad 17 febr. 2024</p>", "2024-02-17", None),
    ("label-and-date-spans-glued", '<p><span class="label">Senast uppdaterad</span><span>2024-05-17</span></p>',
     "2024-05-17", None),
    ("beside-sidansvarig-one-line", "<p>Sidansvarig: Eva Berg | Senast uppdaterad: 2024-05-17</p>", "2024-05-17", None),
]  # fmt: skip


@pytest.mark.parametrize(("markup", "date", "who"), [p[1:] for p in PHRASINGS], ids=[p[0] for p in PHRASINGS])
def test_real_phrasing_reads(markup: str, date: str, who: str | None) -> None:
    review_date, reviewer, blocks = read(page(markup))
    assert (review_date, reviewer) == (date, who)
    assert_no_stamp_text(blocks, date[:4])


def test_stamp_at_the_top_after_published() -> None:
    """ "Uppdaterad YYYY-MM-DD HH:MM" at the top, after "Publicerad YYYY-MM-DD": the update is the stamp."""
    top = '<div class="meta"><p>Publicerad 2018-01-10</p><p>Uppdaterad 2019-08-12 13:45</p></div>'
    review_date, _, blocks = read(page(top=top))
    assert review_date == "2019-08-12"
    assert_no_stamp_text(blocks, "2018-01-10", "2019-08-12")


def test_stamp_two_lines_apart_printed_twice() -> None:
    stamp = "<p>Sidan uppdaterad:</p><p>&nbsp;</p><p>2020-06-01</p>"
    review_date, _, blocks = read(page(stamp, top=stamp))
    assert review_date == "2020-06-01"
    assert_no_stamp_text(blocks, "Sidan uppdaterad", "2020-06-01")


def test_us_order_proven_by_another_date_on_the_page() -> None:
    """ "Senast ändrad M/D/YYYY h:mm AM" after "Publicerad M/D/YYYY h:mm AM": 3/17/2015 proves month first."""
    stamp = '<div class="info"><p>Publicerad 3/17/2015 9:02 AM</p><p>Senast ändrad 10/5/2017 10:22 AM</p></div>'
    review_date, _, blocks = read(page(stamp))
    assert review_date == "2017-10-05"
    assert_no_stamp_text(blocks, "10/5/2017", "3/17/2015")


def test_day_first_proven_by_another_date_on_the_page() -> None:
    stamp = "<p>Publicerad 17/3/2015</p><p>Senast ändrad 10/5/2017</p>"
    assert read(page(stamp))[0] == "2017-05-10"


def test_unproven_slash_order_is_no_date_and_stays_content() -> None:
    """Nothing on the page settles "10/5/2017": no review date (not a guess), and the line stays content,
    so a change of it still shows as changed text."""
    review_date, _, blocks = read(page("<p>Sidan kontrollerad: 10/5/2017 10:22:41 AM</p>"))
    assert review_date is None
    assert "Sidan kontrollerad: 10/5/2017 10:22:41 AM" in blocks
    # the same page with a date that proves the order
    proven = page("<p>Sidan kontrollerad: 10/5/2017 10:22:41 AM</p>", side="<p>Publicerad 1/28/2016</p>")
    assert read(proven)[0] == "2017-10-05"


def test_unproven_slash_date_does_not_let_a_weaker_label_stand_in() -> None:
    stamp = "<p>Publicerad 2015-03-17</p><p>Senast ändrad 10/5/2017</p>"
    assert read(page(stamp))[0] is None


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [("10/5/2017", "MDY", "2017-10-05"), ("10/5/2017", "DMY", "2017-05-10"), ("5/5/2017", None, "2017-05-05"),
     ("13/5/2017", "MDY", "2017-05-13"), ("5/13/2017", "DMY", "2017-05-13"), ("10.5.2017", "MDY", "2017-05-10"),
     ("31/2/2017", None, None), ("17 febr. 2024", None, "2024-02-17"), ("May 17, 2024", None, "2024-05-17")],
)  # fmt: skip
def test_date_fragments(text: str, order: str | None, expected: str | None) -> None:
    """A date that settles its own order beats the page's; dots are always day first."""
    assert read_date(text, order=order) == expected


# ---------------------------------------------------------------- label and date in separate elements
def _plain(label: str, date: str) -> str:
    return f"<p>{label} {date}</p>"


def _br(label: str, date: str) -> str:
    return f"<p>{label}<br>{date}</p>"


def _two_paragraphs(label: str, date: str) -> str:
    return f"<p>{label}</p><p>{date}</p>"


def _dl(label: str, date: str) -> str:
    return f'<dl class="page-info"><dt>{label}</dt><dd>{date}</dd><dt>Sidansvarig</dt><dd>Eva Berg</dd></dl>'


def _divs(label: str, date: str) -> str:
    return f'<div class="page-meta"><div class="label">{label}</div><div class="value">{date}</div></div>'


def _table(label: str, date: str) -> str:
    return f'<table class="meta"><tr><th scope="row">{label}</th><td>{date}</td></tr></table>'


def _time(label: str, date: str) -> str:
    return f'<p>{label} <time datetime="2000-01-01">{date}</time></p>'  # visible text is what the reader sees


WRAPPERS: dict[str, Callable[[str, str], str]] = {
    "plain-p": _plain, "br-split": _br, "two-paragraphs": _two_paragraphs, "dt-dd": _dl, "label-item-divs": _divs,
    "table-th-td": _table, "time-element": _time,
}  # fmt: skip


@pytest.mark.parametrize("wrap", WRAPPERS.values(), ids=WRAPPERS.keys())
@pytest.mark.parametrize("label", ["Senast uppdaterad:", "Sidan granskad", "Publicerad:", "Last updated:"])
def test_label_and_date_in_any_markup(wrap: Callable[[str, str], str], label: str) -> None:
    review_date, _, blocks = read(page(wrap(label, "3 mars 2021" if label[0] != "L" else "2021-03-03")))
    assert review_date == "2021-03-03"
    assert_no_stamp_text(blocks, label.rstrip(":"), "2021")


def drupal_field(date: dt.date, visible: str | None = None) -> str:
    """Drupal's field markup: label and item divs, the date in a ``<time datetime>``."""
    text = visible if visible is not None else long_date(date)
    return f"""<div class="field field--name-field-last-reviewed field--type-datetime field--label-inline">
  <div class="field__label">Senast granskad</div>
  <div class="field__item"><time datetime="{date.isoformat()}T12:00:00Z" class="datetime">{text}</time></div>
</div>"""


def test_drupal_field_is_a_review_date_change_not_a_text_change() -> None:
    old = extract_record(page(drupal_field(dt.date(2024, 5, 17))), URL)
    new = extract_record(page(drupal_field(dt.date(2024, 9, 2))), URL)
    assert (old.review_date, new.review_date) == ("2024-05-17", "2024-09-02")
    assert [(c.kind, c.old, c.new) for c in diff_records(old, new)] == [
        ("review_date_changed", "2024-05-17", "2024-09-02")
    ]


def test_drupal_field_time_datetime_settles_an_ambiguous_visible_date() -> None:
    """Drupal's default medium format is month first ("fre, 10/05/2017 - 10:22"): the datetime settles it."""
    html = page(drupal_field(dt.date(2017, 10, 5), visible="tors, 10/05/2017 - 10:22"))
    assert read(html)[0] == "2017-10-05"


def test_time_datetime_when_the_visible_text_has_no_date() -> None:
    html = page('<p>Senast uppdaterad: <time datetime="2023-04-02T09:30:00+02:00"></time></p>')
    assert read(html)[0] == "2023-04-02"


def test_header_row_over_values_pairs_in_order() -> None:
    table = """<table class="meta"><tr><th>Publicerad</th><th>Uppdaterad</th></tr>
    <tr><td>2020-01-10</td><td>2021-03-03</td></tr></table>"""
    review_date, _, blocks = read(page(table))
    assert review_date == "2021-03-03"
    assert_no_stamp_text(blocks, "2020-01-10", "2021-03-03")


# ---------------------------------------------------------------- labels with no date
NO_DATE = [
    ("senast-uppdaterad", "<p>Senast uppdaterad</p>"),
    ("senast-uppdaterad-colon", "<p>Senast uppdaterad:</p>"),
    ("uppdaterad-colon", '<p class="updated">Uppdaterad:</p>'),
    ("uppdaterad-den", "<p>Uppdaterad den</p>"),
    ("sidan-uppdaterades-colon", "<div>Sidan uppdaterades:</div>"),
    ("denna-sida-uppdaterades", "<p>Denna sida uppdaterades</p>"),
    ("sidan-senast-andrad-colon-twice", "<p>Sidan senast ändrad:</p><p>Sidan senast ändrad:</p>"),
    ("senast-andrad-colon-then-andrad-av-colon", "<dl><dt>Senast ändrad:</dt><dd></dd><dt>Ändrad av:</dt></dl>"),
    ("publicerad-colon", "<p>Publicerad:</p>"),
    ("publicerad-colon-junk-letters", "<p>Publicerad: xqzv</p>"),
    ("sidan-uppdaterad-colon-av", "<p>Sidan uppdaterad: av</p>"),
    ("label-after-content-br", "<p>Läs mer om vänorterna i broschyren.<br>Senast uppdaterad:</p>"),
]


@pytest.mark.parametrize("markup", [m for _, m in NO_DATE], ids=[i for i, _ in NO_DATE])
def test_label_without_date_is_no_date_and_no_content(markup: str) -> None:
    review_date, reviewer, blocks = read(page(markup))
    assert (review_date, reviewer) == (None, None)
    assert not any(b.startswith(("Senast", "Uppdaterad", "Sidan", "Denna", "Publicerad", "Ändrad")) for b in blocks)
    assert blocks[-1] == (
        "Läs mer om vänorterna i broschyren." if "Läs mer" in markup else
        "Kontakta internationella samordnaren för frågor om EU-finansiering."
    )  # fmt: skip


def test_label_without_date_does_not_take_an_unrelated_next_date() -> None:
    markup = "<p>Senast uppdaterad:</p><p>Mandatperiod 2023-01-01 - 2026-12-31</p>"
    review_date, _, blocks = read(page(markup))
    assert review_date is None
    assert "Mandatperiod 2023-01-01 - 2026-12-31" in blocks


# ---------------------------------------------------------------- dates that are not the stamp
NOT_STAMPS = [
    ("decision-reference", "<p>Policyn antogs av Kommunstyrelsen 2022-03-21, § 75.</p>"),
    ("decision-reference-den", "<p>Beslutad den 17 april 2023 (KF § 54/23)</p>"),
    ("decision-granskad-paragraph", "<p>Granskad av kommunstyrelsen 2022-03-21 § 75</p>"),
    ("mandate-period", "<p>2023-01-01 - 2026-12-31</p>"),
    ("mandate-period-labelled", "<p>Uppdaterad 2023-01-01 - 2026-12-31</p>"),
    ("current-date-widget", '<div class="today">Onsdag 19 december 2018</div>'),
    ("headline-date", "<h2>Pressmeddelande 2024-05-17: Ny vänort i Polen</h2>"),
    ("headline-date-glued", "<p>2024-05-17 13:45Pressmeddelande om vänorten</p>"),
    ("headline-glued-after-label", "<p>Publicerad 2024-05-17 13:45Pressmeddelande om vänorten</p>"),
    ("headline-colon-after-label", "<h2>Uppdaterad 2024-05-17: nya regler för utbyten</h2>"),
    ("date-in-url", '<p><a href="/nyheter/2024-05-17-uppdaterad-strategi">Läs strategin</a></p>'),
    ("year-range", "<p>Mål 2020-2021</p>"),
    ("mid-sentence", "<p>Planen uppdaterades 2024-01-10 och gäller till 2026.</p>"),
    ("prose-opening-with-label-and-date", "<p>Uppdaterad 2024-01-10 beslutade fullmäktige att anta planen.</p>"),
    ("news-list-dates", '<ul class="listing"><li>Vänortsbesök<br>Publicerad 2024-05-17</li>'
                        "<li>EU-dag<br>Publicerad 2024-04-02</li></ul>"),
    ("bare-date-under-menu", '<div class="date">2024-05-17</div>'),
]  # fmt: skip


@pytest.mark.parametrize("markup", [m for _, m in NOT_STAMPS], ids=[i for i, _ in NOT_STAMPS])
def test_dates_that_are_not_the_stamp(markup: str) -> None:
    assert read(page(top=markup))[0] is None
    assert read(page(markup))[0] is None


def test_news_banner_date_above_the_real_stamp() -> None:
    stamp = '<div class="notice"><p>2024-11-03 Vattenavstängning i centrum</p></div><p>Senast granskad 2023-06-12</p>'
    assert read(page(stamp))[0] == "2023-06-12"


# ---------------------------------------------------------------- which stamp wins
@pytest.mark.parametrize(
    ("markup", "date"),
    [
        ("<p>Senast uppdaterad 2024-03-01</p><p>Senast granskad 2023-01-10</p>", "2023-01-10"),
        ("<p>Senast ändrad 2024-03-01</p><p>Uppdaterad 2023-01-10</p>", "2024-03-01"),
        ("<p>Senast uppdaterad 2023-01-10</p><p>Senast uppdaterad 2024-03-01</p>", "2024-03-01"),
        ("<p>Publicerad 2020-03-03, uppdaterad 2024-03-01</p>", "2024-03-01"),
        ("<p>Uppdaterad 2024-03-01</p><p>Publicerad 2025-01-01</p>", "2024-03-01"),
        ("<p>Publicerad 2021-05-05</p><p>Publicerad 2021-05-05</p>", "2021-05-05"),
        ("<p>Publicerad 2021-05-05</p><p>Publicerad 2022-01-01</p>", None),
    ],
    ids=["granskad-beats-uppdaterad", "same-strength-latest", "printed-twice-two-dates-latest",
         "publicerad-then-uppdaterad-one-line", "publicerad-only-when-nothing-better", "publicerad-twice-same",
         "publicerad-listing-no-stamp"],
)  # fmt: skip
def test_which_stamp_wins(markup: str, date: str | None) -> None:
    assert read(page(markup))[0] == date


def test_main_content_stamp_beats_side_box() -> None:
    html = page("<p>Senast uppdaterad 2023-01-10</p>", side="<p>Senast granskad 2024-05-17</p>")
    assert read(html)[0] == "2023-01-10"
    assert read(page(side="<p>Senast granskad 2024-05-17</p>"))[0] == "2024-05-17"


def test_slash_order_needs_consistent_evidence() -> None:
    assert slash_order(["17/3/2015", "3/17/2015"]) is None
    assert slash_order(["10/5/2017"]) is None
    assert slash_order(["17/3/2015 och 10/5/2017"]) == "DMY"


def test_stored_no_date_labels_count_as_stamp_lines_for_the_diff() -> None:
    assert is_stamp_line("Senast uppdaterad:") and is_stamp_line("Sidan granskad 2023-01-09")
    assert not is_stamp_line("Sidan kontrollerad: 10/5/2017 10:22 AM")  # unreadable alone: stays content
    assert not is_stamp_line("Uppdaterad information om bygglov")


def test_content_lines_beside_a_stamp_stay_content() -> None:
    """A ``<br>``-split paragraph that ends in a stamp keeps its other lines as content."""
    found = read_stamp([("Ring oss om vänorterna.", "Senast uppdaterad 2021-03-04")])
    assert (found.date, found.rest) == ("2021-03-04", {0: "Ring oss om vänorterna."})


# ---------------------------------------------------------------- properties
LABELS = [
    "Senast uppdaterad", "Senast uppdaterad:", "Uppdaterad", "Uppdaterad:", "Sidan uppdaterad:", "Sidan uppdaterades",
    "Sidan senast uppdaterad:", "Sida uppdaterad", "Denna sida uppdaterades", "Senast granskad", "Sidan granskad",
    "Granskad", "Sidan har granskats", "Informationen granskades:", "Sidan kontrollerad:", "Senast ändrad",
    "Publicerad", "Senast publicerad:", "• Senast uppdaterad", "Last updated:", "Last controlled:", "Updated:",
    "Aktualisiert:",
]  # fmt: skip
DATE_FORMS: dict[str, Callable[[dt.date], str]] = {
    "iso": dt.date.isoformat,
    "long": long_date,
    "den-long": lambda d: f"den {long_date(d)}",
    "abbrev": lambda d: f"{d.day} {SHORT[d.month - 1]} {d.year}",
    "dotted": lambda d: f"{d.day}.{d.month}.{d.year}",
    "iso-time": lambda d: f"{d.isoformat()} 08.22",
    "iso-kl": lambda d: f"{d.isoformat()} kl 13:45",
    "iso-seconds": lambda d: f"{d.isoformat()} 13:45:12",
}
MONTH_NAMES = ("long", "den-long", "abbrev")
dates = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 12, 31))
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(
    label=st.sampled_from(LABELS),
    date=dates,
    form=st.sampled_from(list(DATE_FORMS)),
    wrap=st.sampled_from(list(WRAPPERS)),
    where=st.sampled_from(["foot", "top"]),
    who=st.sampled_from([None, "ANDGLE", "Anna-Karin Ek", "Kommunledningskontoret"]),
)
def test_any_phrasing_any_date_any_markup_reads_that_date(
    label: str, date: dt.date, form: str, wrap: str, where: str, who: str | None
) -> None:
    if label in ("Last updated:", "Last controlled:", "Updated:", "Aktualisiert:") and form in MONTH_NAMES:
        date_text = date.isoformat()  # English and German pages: their stamps are ISO dates
    else:
        date_text = DATE_FORMS[form](date)
    markup = WRAPPERS[wrap](escape(label), date_text)
    if who:
        markup = (
            markup.replace(date_text, f"{date_text} av {who}")
            if wrap != "time-element"
            else markup.replace("</time>", f"</time> av {who}")
        )
    html = page(markup) if where == "foot" else page(top=markup)
    review_date, reviewer, blocks = read(html)
    assert (review_date, reviewer) == (date.isoformat(), who)
    assert_no_stamp_text(blocks, label.strip("• :"), str(date.year), *([who] if who else []))


@PROPERTY
@given(month=st.integers(1, 12), day=st.integers(1, 28), year=st.integers(2009, 2024), proof=st.booleans())
def test_us_dates_read_in_the_proven_order_or_not_at_all(month: int, day: int, year: int, proof: bool) -> None:
    side = "<p>Publicerad 3/17/2015 9:02 AM</p>" if proof else ""
    html = page(f"<p>Senast ändrad {month}/{day}/{year} 10:22 AM</p>", side=side)
    settled = proof or day > 12 or day == month
    assert read(html)[0] == (dt.date(year, month, day).isoformat() if settled else None)


NON_STAMP_SENTENCES: list[Callable[[dt.date, dt.date, int], str]] = [
    lambda d, e, n: f"Kommunstyrelsen {d.isoformat()}, § {n}",
    lambda d, e, n: f"Beslutad den {long_date(d)} (KF § {n}/{d.year % 100:02d})",
    lambda d, e, n: f"Mandatperiod {d.isoformat()} - {e.isoformat()}",
    lambda d, e, n: f"{d.isoformat()} - {e.isoformat()}",
    lambda d, e, n: f"{('Måndag', 'Tisdag', 'Onsdag', 'Torsdag', 'Fredag')[n % 5]} {long_date(d)}",
    lambda d, e, n: f"Pressmeddelande {d.isoformat()}: Nytt vänortsavtal",
    lambda d, e, n: f"{d.isoformat()} {n % 24:02d}:{n % 60:02d}Pressmeddelande",
    lambda d, e, n: f"Mål {d.year}-{d.year + 1}",
    lambda d, e, n: f"Strategin uppdaterades {d.isoformat()} av kommunfullmäktige",
    lambda d, e, n: f"Granskad av revisionen {long_date(d)}, § {n}",
    lambda d, e, n: f"Uppdaterad {d.isoformat()}: nya regler för skolutbyten",
    lambda d, e, n: f"Reviderad {long_date(d)} efter beslut i kommunstyrelsen",
    lambda d, e, n: f"Publicerad {d.isoformat()} beslutade fullmäktige att anta strategin",
    lambda d, e, n: f"Se https://www.vaxjo.se/nyheter/{d.isoformat()}-uppdaterad-strategi",
]


@PROPERTY
@given(
    sentence=st.sampled_from(NON_STAMP_SENTENCES),
    d=dates,
    e=dates,
    n=st.integers(1, 300),
    wrap=st.sampled_from(["p", "h2", "li", "div", "td"]),
)
def test_non_stamp_date_sentences_never_yield_a_stamp(
    sentence: Callable[[dt.date, dt.date, int], str], d: dt.date, e: dt.date, n: int, wrap: str
) -> None:
    text = sentence(d, e, n)
    markup = f"<{wrap}>{escape(text)}</{wrap}>"
    if wrap in ("li", "td"):
        markup = f"<ul>{markup}</ul>" if wrap == "li" else f"<table><tr>{markup}</tr></table>"
    review_date, _, blocks = read(page(markup, top=markup))
    assert review_date is None
    # and it stays content, but for a current-date widget ("Tisdag 1 januari 2005"), which is furniture
    assert (text in blocks) is not is_date_widget(text)


def test_time_datetime_of_a_nested_news_list_is_not_the_stamp() -> None:
    """A label with no date beside a news list: the list's ``<time datetime>`` belongs to its items."""
    box = """<div class="page-info">Senast uppdaterad:
    <ul class="listing"><li><time datetime="2024-05-17">17 maj</time> Vänortsbesök</li></ul></div>"""
    assert read(page(box))[0] is None


def test_time_datetime_that_is_the_whole_value_element() -> None:
    """dt/dd whose value is a ``<time>`` showing words, not a date: the ``datetime`` is the date."""
    dl = '<dl><dt>Senast granskad</dt><dd><time datetime="2024-05-17T08:00:00Z">i fredags</time></dd></dl>'
    review_date, _, blocks = read(page(dl))
    assert review_date == "2024-05-17"
    assert_no_stamp_text(blocks, "Senast granskad", "i fredags")


NO_DATE_LABELS = [
    "Senast uppdaterad", "Senast uppdaterad:", "Uppdaterad:", "Uppdaterad den", "Sidan uppdaterades:",
    "Denna sida uppdaterades", "Sidan senast ändrad:", "Ändrad av:", "Publicerad:", "Sidan uppdaterad: av",
]  # fmt: skip
#: A bare date right after a bare label is that label's date ("Senast uppdaterad" / "tisdag 1 januari 2005" in two
#: paragraphs); a current-date widget sits in the page header, never right under a stamp label.
BORROWABLE = [s for i, s in enumerate(NON_STAMP_SENTENCES) if i != 4]


@PROPERTY
@given(
    label=st.sampled_from(NO_DATE_LABELS),
    sentence=st.sampled_from(BORROWABLE),
    d=dates,
    e=dates,
    n=st.integers(1, 300),
    split=st.sampled_from(["<p>{}</p><p>{}</p>", "<p>{}<br>{}</p>", "<dl><dt>{}</dt><dd>{}</dd></dl>"]),
)
def test_a_label_with_no_date_never_borrows_a_non_stamp_date(
    label: str, sentence: Callable[[dt.date, dt.date, int], str], d: dt.date, e: dt.date, n: int, split: str
) -> None:
    text = sentence(d, e, n)
    review_date, _, blocks = read(page(split.format(escape(label), escape(text))))
    assert review_date is None
    assert text in blocks or any(b.endswith(text) for b in blocks)


@pytest.mark.parametrize(
    ("line", "is_content", "review_date"),
    [
        ("Onsdag 19 december 2018", False, None),
        ("måndag den 18 november 2024", False, None),
        ("Idag är det fredag 22 november 2024", False, None),
        ("Tuesday 19 November 2024", False, None),
        ("Tisdag 3 december 2024: vänortsmöte i Riga", True, None),
        ("Kommunstyrelsen 2022-03-21, § 75", True, None),
        ("Senast uppdaterad: 19 december 2018", False, "2018-12-19"),
    ],
)
def test_a_current_date_widget_is_neither_content_nor_a_stamp(
    line: str, is_content: bool, review_date: str | None
) -> None:
    html = f"<main><h1>Internationellt</h1><p>{line}</p><p>Kommunen har tre vänorter.</p></main>"
    record = extract_record(html, "https://www.ekby.example/internationellt")
    assert (line in [b.text for b in record.blocks]) is is_content
    assert record.review_date == review_date


@pytest.mark.parametrize("dash", ["—", "–"])
def test_a_byline_of_dash_separated_fields_gives_its_review_date(dash: str) -> None:
    """A byline whose fields are set apart by spaced dashes (Plone's "av <namn> — publicerad … — senast ändrad …")
    is read field by field: the change date is the stamp, and the byline, all furniture, is no content."""
    byline = (
        f'<div class="byline"><span>av <a href="/author/ab">Anna Berg</a></span> {dash} '
        f"<span>publicerad 2019-02-01 10:15</span> {dash} <span>senast ändrad 2024-06-03 14:20</span></div>"
    )
    html = f"<main><h1>Vänorter</h1>{byline}<p>Kommunen har tre vänorter i Norden.</p></main>"
    record = extract_record(html, "https://www.ekby.example/vanorter")
    assert record.review_date == "2024-06-03"
    assert [b.text for b in record.blocks] == ["Kommunen har tre vänorter i Norden."]
