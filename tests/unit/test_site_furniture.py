"""What a site repeats on its home page is furniture, whatever it is called (crawler.extract.furniture)."""

from __future__ import annotations

import pytest

from crawler.extract import extract_record
from crawler.extract.furniture import site_furniture
from crawler.record import Block
from simweb.municipal.content import PageContent, TextBlock
from simweb.municipal.markup import CMS_NAMES, SiteProfile, render_page
from simweb.municipal.noise import Noise
from simweb.municipal.seeds import SEED_IDS, load_seed

URL = "https://www.kommun.se/internationellt"

_BOX = """<div class="box-7"><h2>Medborgarservice</h2><p>Vardagar 8–17</p><p>Ring 0771-25 25 25</p></div>"""
_LEAD = "Kommunen arbetar med EU-projekt, vänorter och internationella nätverk."
_PAGE = f"""<html><head><title>Internationellt</title></head><body>
<div class="top"><a href="/">Kommunen</a></div>
<div class="mitt"><h1>Internationellt arbete</h1><p>{_LEAD}</p>{_BOX}
<p>Vi har tre vänorter: Skive, Hamar och Nokia.</p></div></body></html>"""
_HOME = f"""<html><head><title>Kommunen</title></head><body>
<div class="top"><a href="/">Kommunen</a></div>
<div class="mitt"><h1>Välkommen till kommunen</h1>
<div class="puff"><h2>Internationellt arbete</h2><p>{_LEAD}</p></div>
<div class="puff"><p>{_LEAD}</p></div>
{_BOX}</div></body></html>"""


def test_a_box_the_home_page_repeats_goes_whatever_it_is_called() -> None:
    """A service box with no telling class or words is content to the generic rules, furniture to the site's."""
    plain = extract_record(_PAGE, URL)
    assert Block("h", "Medborgarservice") in plain.blocks
    record = extract_record(_PAGE, URL, site_furniture=site_furniture(_HOME))
    assert record.blocks == (Block("p", _LEAD), Block("p", "Vi har tre vänorter: Skive, Hamar och Nokia."))


def test_a_home_page_teaser_quoting_the_lead_does_not_take_it() -> None:
    """The home page quotes the page's lead in a teaser; a box of the page holding only that lead stays."""
    page = _PAGE.replace(f"<p>{_LEAD}</p>", f'<div class="ingress"><p>{_LEAD}</p></div>')
    record = extract_record(page, URL, site_furniture=site_furniture(_HOME))
    assert Block("p", _LEAD) in record.blocks


def test_no_fingerprints_change_nothing() -> None:
    assert extract_record(_PAGE, URL, site_furniture=frozenset()) == extract_record(_PAGE, URL)
    assert site_furniture("") == frozenset()


@pytest.mark.parametrize("cms", CMS_NAMES)
@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_a_sites_own_home_page_never_removes_content(seed_id: str, cms: str) -> None:
    """On every seed in every CMS markup the home page (the same chrome around other content) removes
    no block, contact, document or stamp: what it shares with the page is only what is furniture."""
    seed = load_seed(seed_id)
    profile = SiteProfile(
        id=seed.id,
        name=seed.name,
        short=seed.short,
        domain=seed.domain,
        cms=cms,
        page_path=seed.path,
        contact_style=seed.contact_style,
        boilerplate=seed.boilerplate,
    )
    home_content = PageContent(
        title=f"Välkommen till {seed.name}",
        lead="Här finns information om kommunens service.",
        blocks=(TextBlock("p", "Läs om skola, omsorg och fritid."),),
        contact_heading=None,
    )
    page = render_page(seed.content, profile, Noise.quiet(), 0)
    home = render_page(home_content, profile, Noise.quiet(), 0)
    url = f"https://www.{seed.domain}{seed.path}"
    furniture = site_furniture(home)
    assert furniture, "the home page has boxes"
    assert extract_record(page, url, site_furniture=furniture) == extract_record(page, url)
