"""Like with like (issue 11, item 3): whatever a site's home page carries on two nights, a page that did not
change is judged unchanged, because the stored version is read again with tonight's furniture first.

The judge's own steps (:func:`crawler.verdict.needs_reread`, :func:`crawler.verdict.reread_state`,
:func:`crawler.verdict.evaluate`) on the simulated web's pages, read in this process by the crawl's read path.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from crawler.extract.furniture import site_furniture
from crawler.extract.reading import read_body, read_fetch
from crawler.fetch import FetchResult
from crawler.home import furniture_digest
from crawler.judgement import PageState
from crawler.record import PageRecord
from crawler.verdict import evaluate, needs_reread, reread_state
from crawler.vocab import Outcome
from simweb.municipal import SimulatedWeb
from simweb.municipal.markup import personalise
from simweb.municipal.noise import encode_page

#: boxes a site may repeat, under class names that do not say furniture
BOXES = (
    '<div class="text-block"><h2>Kontaktcenter</h2><p>Ring Kontaktcenter på 0520-49 50 00, vardagar klockan '
    "8–17, eller skriv till kontaktcenter@kommun.se.</p></div>",
    '<section class="content-section"><h2>Populära sidor</h2><ul><li><a href="/a/">Barn och utbildning</a></li>'
    '<li><a href="/b/">Lediga jobb</a></li><li><a href="/c/">Bygga, bo och miljö</a></li></ul></section>',
    '<div class="col-md-4"><h3>Följ oss</h3><ul><li><a href="/fb">Facebook</a></li><li><a href="/ig">Instagram'
    '</a></li><li><a href="/li">Linkedin</a></li></ul></div>',
    '<div class="block"><h2>Felanmälan dygnet runt</h2><p>Vatten, avlopp och gator: ring 0520-49 70 00 när som '
    "helst på dygnet.</p></div>",
)
WEB = SimulatedWeb.from_seeds()
URL = "https://kommun.example.se/internationellt/"


def page_fetch(site_id: str, boxes: tuple[str, ...], night: int) -> FetchResult:
    site = WEB.site(site_id)
    site.article_boxes = boxes
    site.go_to_night(night)
    rendered = site.rendered()
    body, content_type = encode_page(personalise(rendered.html, night + 1, site_id), rendered.encoding)
    return FetchResult(site_id, URL, datetime.now(UTC), 200, body, content_type, final_url=URL)


def home_furniture(boxes: tuple[str, ...]) -> frozenset[str]:
    return site_furniture("<html><body><header><h1>Kommunen</h1></header>" + "".join(boxes) + "</body></html>")


subsets = st.lists(st.sampled_from(BOXES), unique=True).map(tuple)


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    site_id=st.sampled_from(WEB.site_ids),
    article=subsets,
    home_before=subsets,
    home_after=subsets,
    night=st.integers(min_value=0, max_value=5),
)
def test_an_unchanged_page_is_unchanged_whatever_its_home_page_did(
    site_id: str, article: tuple[str, ...], home_before: tuple[str, ...], home_after: tuple[str, ...], night: int
) -> None:
    before, after = home_furniture(home_before), home_furniture(home_after)
    first = page_fetch(site_id, article, night)
    stored = read_fetch(first, home_url=None, furniture=before)
    assert isinstance(stored, PageRecord)
    state = PageState(
        url=URL,
        last_record=stored,
        last_hash=stored.content_hash(),
        last_snapshot_id=1,
        last_furniture=furniture_digest(before),
    )
    second = page_fetch(site_id, article, night + 1)  # another night's noise: not the same bytes
    tonight = read_fetch(second, home_url=None, furniture=after)
    if needs_reread(state, furniture_digest(after)):
        again = reread_state(state, read_body(first.body, first.content_type, URL, furniture=after))
        assert isinstance(again, PageState)
        state = again
    verdict = evaluate(second, state, tonight)
    assert verdict.outcome is Outcome.UNCHANGED and verdict.changes == []
