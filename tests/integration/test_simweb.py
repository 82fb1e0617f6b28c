"""The simulated web over real HTTP on loopback: addresses, 304s, nights, faults, request log."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from email.message import Message
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from simweb.discovery import DiscoveryWeb, build_plans
from simweb.municipal import Noise, SimulatedWeb
from simweb.municipal import content as ed

from support import REPO


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict[str, str] | None = None, timeout: float = 5) -> tuple[int, Message, bytes]:
    """GET without following redirects; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@pytest.fixture
def web() -> Iterator[SimulatedWeb]:
    with SimulatedWeb.from_seeds(noise=Noise.quiet()) as w:
        yield w


def test_each_site_has_its_own_loopback_address(web: SimulatedWeb) -> None:
    hosts = {web.address(s) for s in web.site_ids}
    assert hosts == {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"}
    for site_id in web.site_ids:
        status, _, body = fetch(web.page_url(site_id))
        assert status == 200
        assert web.site(site_id).profile.name in body.decode("utf-8")
    assert {r.site_id for r in web.requests()} == set(web.site_ids)


def test_home_links_to_the_page_and_anything_else_is_404(web: SimulatedWeb) -> None:
    status, _, body = fetch(web.home_url("hylte"))
    assert status == 200 and b'href="/kommun-och-politik/internationellt-arbete/"' in body
    status, _, body = fetch(web.home_url("hylte") + "finns-inte/")
    assert status == 404 and "Sidan kunde inte hittas" in body.decode()


def test_robots_and_sitemap(web: SimulatedWeb) -> None:
    web.set_robots("amal", ["/kommun-och-politik/"])
    status, headers, body = fetch(web.home_url("amal") + "robots.txt")
    text = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert "Disallow: /kommun-och-politik/" in text
    assert f"Sitemap: {web.home_url('amal')}sitemap.xml" in text
    status, _, body = fetch(web.home_url("amal") + "sitemap.xml")
    assert status == 200 and f"<loc>{web.page_url('amal')}</loc>" in body.decode()
    assert [r.path for r in web.requests("amal")] == ["/robots.txt", "/sitemap.xml"]


def test_conditional_get_answers_304_until_the_content_changes(web: SimulatedWeb) -> None:
    url = web.page_url("trollhattan")
    status, headers, _ = fetch(url)
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200 and etag and last_modified
    assert fetch(url, {"If-None-Match": etag})[0] == 304
    assert fetch(url, {"If-Modified-Since": last_modified})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200
    assert web.requests("trollhattan")[1].headers["If-None-Match"] == etag

    web.advance()  # quiet noise: a new night alone changes nothing
    assert fetch(url, {"If-None-Match": etag})[0] == 304
    web.edit("trollhattan", lambda c: ed.bump_stamp(c, days=1))
    status, headers, body = fetch(url, {"If-None-Match": etag})
    assert status == 200 and headers["ETag"] != etag and b"2024-05-18" in body
    assert fetch(url, {"If-Modified-Since": last_modified})[0] == 200


def test_validators_can_be_switched_off(web: SimulatedWeb) -> None:
    url = web.page_url("ljungby")
    etag = fetch(url)[1]["ETag"]
    web.set_validators("ljungby", False)
    status, headers, _ = fetch(url, {"If-None-Match": etag})
    assert status == 200 and "ETag" not in headers and "Last-Modified" not in headers


def test_nights_apply_planned_edits_and_rotate_noise() -> None:
    with SimulatedWeb.from_seeds() as web:  # default noise: news, cache busting, csrf
        url = web.page_url("eskilstuna")
        web.edit("eskilstuna", lambda c: ed.add_paragraph(c, "Nytt vänortsavtal med Tammerfors."), night=2)
        first, second = fetch(url)[2], fetch(url)[2]
        assert first != second  # a new CSRF token on every request
        web.advance()
        third = fetch(url)[2]
        assert b"Tammerfors" not in third
        web.night(2)
        assert b"Tammerfors" in fetch(url)[2]
        assert web.current_night == 2
        assert web.expected_record("eskilstuna").blocks[-1].text == "Nytt vänortsavtal med Tammerfors."


@pytest.mark.parametrize("status", [500, 502, 503, 404, 410])
def test_status_faults_and_clearing_them(web: SimulatedWeb, status: int) -> None:
    url = web.page_url("hylte")
    web.fault("hylte", status)
    assert fetch(url)[0] == status
    assert fetch(web.home_url("hylte"))[0] == 200  # the fault hits the watched page only
    web.clear_faults("hylte")
    assert fetch(url)[0] == 200


def test_fail_first_n_then_succeed(web: SimulatedWeb) -> None:
    web.fault("amal", 503, times=2)
    url = web.page_url("amal")
    assert [fetch(url)[0] for _ in range(3)] == [503, 503, 200]


def test_timeout_holds_the_connection_and_stop_does_not_wait() -> None:
    web = SimulatedWeb.from_seeds().start()
    web.fault("amal", "timeout")  # an hour
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        fetch(web.page_url("amal"), timeout=0.3)
    stopping = threading.Thread(target=web.stop)
    stopping.start()
    stopping.join(timeout=60)  # far less than the hour the answer is held: stop() does not wait for it
    assert not stopping.is_alive()
    assert web.requests("amal")[0].status is None


def test_slow_response_and_global_latency(web: SimulatedWeb) -> None:
    web.fault("hylte", "slow", delay=0.3, times=1)
    assert fetch(web.page_url("hylte"))[0] == 200  # a slow answer is still the page
    assert web.requests("hylte")[-1].extra["fault"] == "slow"
    held_back = (TimeoutError, socket.timeout, urllib.error.URLError)
    web.fault("hylte", "slow", delay=3600, times=1)
    with pytest.raises(held_back):  # the client gives up long before the hour is over
        fetch(web.page_url("hylte"), timeout=0.5)
    web.latency = 3600
    with pytest.raises(held_back):
        fetch(web.home_url("amal"), timeout=0.5)
    web.latency = 0
    assert fetch(web.home_url("amal"))[0] == 200


def test_moved_page_redirects_and_is_served_at_its_new_address(web: SimulatedWeb) -> None:
    old = web.page_url("trollhattan")
    web.fault("trollhattan", "moved", to="/kommun-och-politik/eu-och-internationellt/")
    status, headers, _ = fetch(old)
    new = web.page_url("trollhattan")
    assert status == 301 and headers["Location"] == new and new != old
    status, _, body = fetch(new)
    assert status == 200 and "Isak Johansson" in body.decode()
    assert b"eu-och-internationellt" in fetch(web.home_url("trollhattan"))[2]


def test_redirect_home_soft404_maintenance_and_empty(web: SimulatedWeb) -> None:
    url = web.page_url("ljungby")
    web.fault("ljungby", "redirect_home")
    status, headers, _ = fetch(url)
    assert status == 302 and headers["Location"] == web.home_url("ljungby")
    web.fault("ljungby", "soft404")  # the newest fault wins
    status, _, body = fetch(url)
    assert status == 200 and "Sidan kunde inte hittas" in body.decode()
    web.fault("ljungby", "maintenance", status=503)
    status, headers, body = fetch(url)
    assert status == 503 and headers["Retry-After"] and "Vi uppdaterar webbplatsen" in body.decode()
    web.fault("ljungby", "empty")
    status, headers, body = fetch(url)
    assert status == 200 and body == b""


def test_truncated_body(web: SimulatedWeb) -> None:
    web.fault("eskilstuna", "truncated")
    with pytest.raises(http.client.IncompleteRead):
        fetch(web.page_url("eskilstuna"))


def test_cp1252_served_without_charset(web: SimulatedWeb) -> None:
    web.set_noise("amal", Noise(news=False, cache_bust=False, csrf=False, encoding="cp1252-undeclared"))
    status, headers, body = fetch(web.page_url("amal"))
    assert status == 200 and headers["Content-Type"] == "text/html"
    assert "Åmåls kommun".encode("cp1252") in body


def test_request_log_measures_concurrency_per_host(web: SimulatedWeb) -> None:
    web.latency = 0.3
    urls = [web.page_url("hylte")] * 4 + [web.page_url("amal")] * 2
    with ThreadPoolExecutor(6) as pool:
        assert {s for s, _, _ in pool.map(fetch, urls)} == {200}
    assert web.max_concurrency("hylte") == 4
    assert web.max_concurrency("amal") == 2
    assert web.max_concurrency() == 6
    web.clear_requests()
    fetch(web.page_url("hylte"))
    fetch(web.page_url("hylte"))
    assert web.max_concurrency("hylte") == 1
    record = web.requests("hylte")[0]
    assert record.method == "GET" and record.status == 200 and record.ended is not None


def test_sites_file_follows_the_contract(web: SimulatedWeb, tmp_path: Path) -> None:
    path = web.write_sites_file(tmp_path / "sites.yaml")
    entries = YAML(typ="safe").load(path.read_text("utf-8"))
    assert [e["id"] for e in entries] == web.site_ids
    amal = entries[-1]
    assert set(amal) == {"id", "name", "code", "county", "home", "url"}
    assert amal["code"] == "1492" and amal["url"] == web.page_url("amal")
    only = YAML(typ="safe").load(web.write_sites_file(tmp_path / "o.yaml", only=["hylte"], located=False))
    assert only == [
        {"id": "hylte", "name": "Hylte kommun", "code": "1315", "county": "Hallands län", "home": web.home_url("hylte")}
    ]


def test_discovery_web_shares_the_server_its_log_and_the_sites_file_writer(tmp_path: Path) -> None:
    web = DiscoveryWeb(build_plans(2), latency=0.3).start()
    thread = web._thread
    try:
        first, second = web.plans
        entries = YAML(typ="safe").load(web.write_sites_file(tmp_path / "sites.yaml", only=[first]))
        plan = web.plans[first]
        assert entries == [
            {"id": first, "name": plan.name, "code": plan.code, "county": plan.county, "home": web.home_url(first)}
        ]
        with ThreadPoolExecutor(5) as pool:
            urls = [web.home_url(first)] * 3 + [web.home_url(second)] * 2
            assert {s for s, _, _ in pool.map(fetch, urls)} == {200}
        assert web.max_concurrency(web.requests(first)[0].host) == 3
        assert web.max_concurrency_per_host() == 3 and web.max_concurrency() == 5
    finally:
        web.stop()
    assert thread is not None and not thread.is_alive()


def test_more_sites_than_municipalities_take_the_registry_again(tmp_path: Path) -> None:
    """Benchmarks of 1,000 or 3,000 pages (benchmarks/compare.py): the registry again under numbered ids, each
    a valid sites-file entry (ids unique, codes left out: a municipality's code is its own)."""
    from crawler.registry import load_sites

    with SimulatedWeb.municipalities(n=300, page_kb=0, latency=0.0) as web:
        sites = load_sites(web.write_sites_file(tmp_path / "sites.yaml"))
        first = web.site_ids[0]
        assert len(sites) == 300 and len({s.id for s in sites}) == 300
        again = next(s for s in sites if s.id == f"{first}-2")
        assert again.code is None and again.url == web.page_url(again.id)
        status, _, body = fetch(again.url)
        assert status == 200 and again.name in body.decode(errors="replace")


def test_290_municipalities_start_and_stop() -> None:
    """How fast they start and stop is measured in benchmarks/loopback_web.py."""
    web = SimulatedWeb.municipalities(n=290, page_kb=100, latency=0.0).start()
    try:
        assert len(web.site_ids) == 290 and web.address(web.site_ids[-1]).startswith("127.0.1.")
        last = web.site_ids[-1]
        status, _, body = fetch(web.page_url(last))
        assert status == 200 and 90 * 1024 < len(body) < 115 * 1024
        assert web.site(last).profile.name in body.decode(errors="replace")
    finally:
        web.stop()


def test_cli_serves_and_writes_a_sites_file(tmp_path: Path) -> None:
    sites = tmp_path / "sites.yaml"
    proc = subprocess.Popen(
        [sys.executable, "-m", "simweb.municipal", "--sites", "5", "--write-sites", str(sites)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert "serving 5 sites" in line
        entries = YAML(typ="safe").load(sites.read_text("utf-8"))
        assert fetch(entries[0]["url"])[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
