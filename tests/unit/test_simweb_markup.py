"""The simulated web's content model and renderers, without a server."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from simweb.municipal import CMS_NAMES, SEED_IDS, Noise, SiteProfile, load_seed, render_bytes, render_page
from simweb.municipal import content as ed
from simweb.municipal.content import DocLink, Person, to_record
from simweb.municipal.markup import format_email, format_phone

SEED_TEXTS = Path("/work/shared/seeds")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _profile(seed_id: str, cms: str, **kw: object) -> SiteProfile:
    s = load_seed(seed_id)
    return SiteProfile(
        id=s.id,
        name=s.name,
        short=s.short,
        domain=s.domain,
        cms=cms,
        page_path=s.path,
        contact_style=kw.pop("contact_style", s.contact_style),  # type: ignore[arg-type]
        boilerplate=s.boilerplate,
        **kw,  # type: ignore[arg-type]
    )


def _text(html: str) -> str:
    return _norm(BeautifulSoup(html, "lxml").get_text(" "))


def test_edits_return_new_content_and_change_the_truth() -> None:
    base = load_seed("trollhattan").content
    url = "http://127.0.0.2:8000/kommun-och-politik/internationellt-arbete/"
    assert to_record(base, url).review_date == "2024-05-17"
    assert to_record(base, url).contacts[0].phone == "+46520496094"

    new = ed.bump_stamp(base, days=3, reviewer="ANNLUN")
    new = ed.replace_contact(new, "Isak Johansson", Person("Sara Ek", ("Samordnare",), "Sara.Ek@Trollhattan.se"))
    new = ed.add_document(new, DocLink("Strategi", "/download/strategi.pdf", "pdf 1 MB"))
    new = ed.rewrite_paragraph(new, 0, "Ny text.")
    new = ed.change_title(new, "Internationellt")
    rec = to_record(new, url)
    assert rec.review_date == "2024-05-20" and rec.reviewer == "ANNLUN"
    assert [c.email for c in rec.contacts] == ["sara.ek@trollhattan.se"]
    assert rec.documents[0].url == "http://127.0.0.2:8000/download/strategi.pdf"
    assert rec.blocks[1].text == "Ny text." and rec.title == "Internationellt"
    assert base.stamp is not None and base.stamp.date == dt.date(2024, 5, 17)  # the original is untouched
    assert ed.remove_document(new, "Strategi").documents == ()
    assert ed.remove_contact(new, 0).contacts == ()


def test_stamp_wordings_cover_the_real_and_the_generated_ones() -> None:
    day = dt.date(2024, 5, 17)
    texts = {w: ed.Stamp(w, day, "ANDGLE" if w == "senast_granskad" else None).text() for w in ed.STAMP_WORDINGS}
    assert texts["senast_granskad"] == "Senast granskad 2024-05-17 av ANDGLE"
    assert texts["sidan_uppdaterades"] == "Sidan uppdaterades 2024-05-17"
    assert texts["senast_uppdaterad"] == "Senast uppdaterad: 17 maj 2024"
    assert texts["publicerad"] == "Publicerad 17 maj 2024"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("as_written", "0520 49 60 94"),
        ("spaces", "0520 49 60 94"),
        ("dash", "0520-49 60 94"),
        ("intl", "+46 (0)520-49 60 94"),
    ],
)
def test_phone_formats(style: str, expected: str) -> None:
    assert format_phone("0520 49 60 94", style) == expected


def test_email_obfuscations() -> None:
    assert format_email("a.b@amal.se", "brackets") == ("a.b[at]amal.se", None)
    assert format_email("a.b@amal.se", "parens") == ("a.b(at)amal.se", None)
    assert format_email("a.b@amal.se", "plain", case=1) == ("A.B@Amal.se", "mailto:A.B@Amal.se")


@pytest.mark.parametrize("cms", CMS_NAMES)
@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_every_markup_carries_the_main_text_and_the_boilerplate(seed_id: str, cms: str) -> None:
    seed = load_seed(seed_id)
    html = render_page(seed.content, _profile(seed_id, cms), Noise.quiet())
    text = _text(html)
    c = seed.content
    for piece in [c.title, c.lead, *(b.text for b in c.blocks), c.contact_heading, c.contact_intro]:
        if piece:
            assert _norm(piece) in text
    for p in c.contacts:
        assert p.name in text
    if c.stamp:
        assert c.stamp.text() in text
    for boiler in ("Hoppa till innehåll", "Aktuellt", "kakor", "Öppettider", "Tillgänglighetsredogörelse"):
        assert boiler in text
    marker = {"sitevision": "sv-text-portlet", "episerver": 'id="main-content"', "wordpress": "entry-content"}[cms]
    assert marker in html


@pytest.mark.skipif(not SEED_TEXTS.exists(), reason="needs /work/shared/seeds")
@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_rendered_pages_contain_every_line_of_the_real_page_text(seed_id: str) -> None:
    seed = load_seed(seed_id)
    text = _text(render_page(seed.content, _profile(seed_id, "sitevision"), Noise.quiet()))
    lines = [_norm(line).lstrip("• ") for line in (SEED_TEXTS / f"{seed_id}.txt").read_text("utf-8").splitlines()]
    for line in filter(None, lines):
        if "(pdf 606 KB)" in line:  # the file portlet's repeated title: title and size are both there
            assert "Internationell strategi för Åmåls kommun" in text and "(pdf 606 KB)" in text
            continue
        assert line in text, line


@pytest.mark.parametrize("style", ["card", "section", "plain", "table"])
def test_contact_styles_show_name_phone_and_email(style: str) -> None:
    seed = load_seed("amal")
    text = _text(render_page(seed.content, _profile("amal", "wordpress", contact_style=style), Noise.quiet()))
    assert "Kristin Björk" in text and "0532-170 20" in text and "kristin.bjork@amal.se" in text
    assert "Internationell strateg" in text


@pytest.mark.parametrize("cms", CMS_NAMES)
def test_padding_reaches_the_target_with_menus_and_json(cms: str) -> None:
    seed = load_seed("hylte")
    plain = render_page(seed.content, _profile("hylte", cms), Noise.quiet())
    body, _ = render_bytes(seed.content, _profile("hylte", cms, page_kb=120), Noise.quiet())
    assert len(plain.encode()) < 40_000
    assert 0.95 * 120 * 1024 <= len(body) <= 1.05 * 120 * 1024
    html = body.decode("utf-8")
    assert "<!--" not in html
    assert html.count('class="menu-item level-3"') > 200
    assert _norm(seed.content.blocks[0].text) in _text(html)


def test_quiet_noise_is_byte_identical_across_nights() -> None:
    seed = load_seed("trollhattan")
    prof = _profile("trollhattan", "sitevision")
    assert render_bytes(seed.content, prof, Noise.quiet(), 0) == render_bytes(seed.content, prof, Noise.quiet(), 5)


def test_noise_changes_markup_but_not_the_main_text() -> None:
    seed = load_seed("trollhattan")
    prof = _profile("trollhattan", "episerver")
    noise = Noise(news=True, tracking=True, attribute_order=True, indentation=True, tag_variants=True, wrappers=True)
    night0, night1 = render_page(seed.content, prof, noise, 0), render_page(seed.content, prof, noise, 1)
    assert night0 != night1
    assert "utm_campaign=" in night1 and "<b>" in night1 and "<strong>" in night0
    main0 = BeautifulSoup(night0, "lxml").select_one("article")
    main1 = BeautifulSoup(night1, "lxml").select_one("article")
    assert main0 is not None and main1 is not None
    assert _norm(main0.get_text(" ")) == _norm(main1.get_text(" "))


def test_phone_and_email_noise_rewrites_them() -> None:
    seed = load_seed("trollhattan")
    prof = _profile("trollhattan", "wordpress")
    noise = Noise.quiet()
    noisy = Noise(news=False, cache_bust=False, csrf=False, phone_format=True, email_case=True)
    assert "0520-49 60 94" in render_page(seed.content, prof, noisy, 2)
    assert "ISAK.JOHANSSON@TROLLHATTAN.SE" in render_page(seed.content, prof, noisy, 2)
    assert "0520 49 60 94" in render_page(seed.content, prof, noise, 2)


@pytest.mark.parametrize(
    ("encoding", "content_type", "declared"),
    [("cp1252", "text/html; charset=windows-1252", True), ("cp1252-undeclared", "text/html", False)],
)
def test_cp1252_pages(encoding: str, content_type: str, declared: bool) -> None:
    seed = load_seed("amal")
    body, ctype = render_bytes(seed.content, _profile("amal", "sitevision"), Noise(encoding=encoding))
    assert ctype == content_type
    assert ("Åmåls kommun".encode("cp1252") in body) and "Åmål".encode() not in body
    assert (b'charset="windows-1252"' in body) is declared
    assert b"charset" not in body[:400] or declared
