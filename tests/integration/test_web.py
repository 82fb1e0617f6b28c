"""The web app through its ASGI interface, in-process, on a real SQLite file filled by the storage layer.

Who may see what (every route × every role and no session), sessions (CSRF, expiry, throttling),
the pages' content and their JSON twins, triage with its audit trail, and hostile page content
made inert in every view.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html as lxml_html
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from web_support import PASSWORD, PROPOSED_URL, ROLES, SITES, Stored, build_database, csrf_of, write_sites_file

from crawler.cli import main
from crawler.discover.proposals import save_proposals
from crawler.discover.scoring import Proposal
from crawler.registry import OWN_COPY, SiteEntry, bundled_sites_path, load_sites
from crawler.web.app import WebSettings, create_app
from crawler.web.auth import Throttle, app_secret, token_hash
from crawler.web.registry import LiveRegistry, OneLookPerRequest
from storage.db import make_engine, session_factory
from storage.models import ApiToken, Triage, TriageEvent, User
from storage.queries import ChangeFilter, change_as_json, changes


class Clock:
    """A settable clock for sessions and throttling (no test waits for real time)."""

    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Stored:
    return build_database(tmp_path_factory.mktemp("web"), extra_changes=60)


def make_client(stored: Stored, **settings) -> Iterator[TestClient]:
    engine = make_engine(stored.db_url)
    factory = session_factory(engine)
    settings.setdefault("sites", SITES)
    app = create_app(WebSettings(factory=factory, secret=app_secret(factory), engine=engine, **settings))
    with TestClient(app, follow_redirects=False) as client:
        yield client
    engine.dispose()


@pytest.fixture
def client(stored: Stored) -> Iterator[TestClient]:
    yield from make_client(stored)


def login(client: TestClient, role: str, password: str = PASSWORD, next_path: str | None = None):
    form = client.get("/login")
    data = {"csrf": csrf_of(form.text), "email": f"{role}@example.se", "password": password}
    if next_path:
        data["next"] = next_path
    return client.post("/login", data=data)


def logged_in(client: TestClient, role: str) -> TestClient:
    response = login(client, role)
    assert response.status_code == 303 and response.headers["location"] == "/", response.text
    return client


# --- who may see what ---

#: Every page and the least role that may see it.
PAGES = [
    ("/", "viewer"),
    ("/overview", "viewer"),
    ("/changes", "viewer"),
    ("/changes?county=Sk%C3%A5ne+l%C3%A4n&kind=contact_added", "viewer"),
    ("/changes/{change}", "viewer"),
    ("/municipalities", "viewer"),
    ("/municipalities/trollhattan", "viewer"),
    ("/versions/{version}", "viewer"),
    ("/versions/{version}/page", "viewer"),
    ("/diff?from={old}&to={version}", "viewer"),
    ("/runs", "viewer"),
    ("/runs/{run}", "viewer"),
    ("/accounts", "admin"),
    ("/municipalities/trollhattan/edit", "admin"),
    ("/subscription", "viewer"),
    ("/filters", "viewer"),
]
RANK = {None: -1, "viewer": 0, "analyst": 1, "admin": 2}


def _fill(path: str, stored: Stored) -> str:
    old, new = stored.trollhattan_versions
    return path.format(version=new, old=old, run=stored.runs[-1], change=stored.hostile_change)


@pytest.mark.parametrize("role", [None, *ROLES])
@pytest.mark.parametrize(("path", "least"), PAGES)
def test_every_page_for_every_role(client: TestClient, stored: Stored, path: str, least: str, role: str | None) -> None:
    if role:
        logged_in(client, role)
    url = _fill(path, stored)
    response = client.get(url)
    if role is None:
        assert response.status_code == 303
        target = urlsplit(response.headers["location"])
        assert target.path == "/login" and parse_qs(target.query)["next"] == [url]
    elif RANK[role] < RANK[least]:
        assert response.status_code == 403
    else:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/html")
    if not url.endswith("/page"):  # the stored page is a document of its own; every JSON twin answers alike
        json_url = url.replace("?", ".json?", 1) if "?" in url else (url.rstrip("/") or "/overview") + ".json"
        twin = client.get(json_url)
        expected = {None: 401}.get(role, 403 if RANK[role] < RANK[least] else 200)
        assert twin.status_code == expected, (json_url, twin.text)
        assert twin.headers["content-type"] == "application/json"


@pytest.mark.parametrize("role", [None, *ROLES])
def test_triage_form_for_every_role(client: TestClient, stored: Stored, role: str | None) -> None:
    csrf = ""
    if role:
        logged_in(client, role)
        csrf = csrf_of(client.get("/changes").text)
    response = client.post(
        f"/changes/{stored.hostile_change}/triage", data={"csrf": csrf, "state": "reviewed", "next": "/changes"}
    )
    if role is None:
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
    elif role == "viewer":
        assert response.status_code == 403
    else:
        assert response.status_code == 303 and response.headers["location"] == "/changes"


def test_health_needs_no_login_and_every_answer_has_the_security_headers(client: TestClient) -> None:
    for response in (client.get("/healthz"), client.get("/login"), client.get("/nowhere"), client.get("/changes")):
        headers = response.headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
    assert client.get("/healthz").status_code == 200 and client.get("/healthz").text == "ok"


@pytest.mark.parametrize("role", [None, *ROLES])
def test_proposal_decisions_for_every_role(tmp_path: Path, role: str | None) -> None:
    stored = build_database(tmp_path)
    for client in make_client(stored):
        csrf = ""
        if role:
            logged_in(client, role)
            csrf = csrf_of(client.get("/municipalities/amal").text)
        response = client.post("/municipalities/amal/proposal", data={"csrf": csrf, "action": "reject"})
        if role is None:
            assert response.status_code == 303 and response.headers["location"].startswith("/login")
        elif role != "admin":
            assert response.status_code == 403
        else:
            assert response.status_code == 303 and response.headers["location"] == "/municipalities/amal"
        statuses = [p["status"] for p in client.get("/municipalities/amal.json").json()["proposals"]] if role else []
        assert statuses == ([] if role is None else ["rejected"] if role == "admin" else ["proposed"])


def test_an_admin_accepts_a_proposal_into_the_sites_file_and_everyone_sees_it(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    stored = build_database(tmp_path)
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    for client in make_client(stored, sites_file=str(sites_file)):
        logged_in(client, "admin")
        assert [s["site"] for s in client.get("/overview.json").json()["not_located"]] == ["amal"]
        page = client.get("/municipalities/amal").text
        assert 'value="accept"' in page and 'value="reject"' in page
        no_token = client.post("/municipalities/amal/proposal", data={"action": "accept"})
        assert no_token.status_code == 403 and PROPOSED_URL not in sites_file.read_text(encoding="utf-8")
        response = client.post("/municipalities/amal/proposal", data={"csrf": csrf_of(page), "action": "accept"})
        assert response.status_code == 303
        assert PROPOSED_URL in sites_file.read_text(encoding="utf-8")
        assert client.get("/overview.json").json()["not_located"] == []  # the app read the file again
        view = client.get("/municipalities/amal.json").json()
        assert view["site"]["url"] == PROPOSED_URL and view["proposals"][0]["status"] == "accepted"
        again = client.post("/municipalities/amal/proposal", data={"csrf": csrf_of(page), "action": "accept"})
        assert again.status_code == 409  # nothing open any more
    assert main(["sites", "--sites", str(sites_file), "--db", stored.db_url, "--format", "json"]) == 0
    listed = {s["id"]: s for s in json.loads(capfd.readouterr().out)}
    assert listed["amal"]["url"] == PROPOSED_URL  # the CLI sees the same registry


def test_a_page_the_crawls_discovery_watches_is_shown_as_the_crawl_fetches_it(tmp_path: Path) -> None:
    stored = build_database(tmp_path)
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    factory = session_factory(make_engine(stored.db_url))
    watched_url = "https://www.amal.se/kommun-och-politik/internationellt-arbete/"
    found = Proposal("amal", watched_url, 0.9, True, ("title 'internationellt arbete'",), ())
    for client in make_client(stored, sites_file=str(sites_file)):
        logged_in(client, "analyst")
        assert [s["site"] for s in client.get("/overview.json").json()["not_located"]] == ["amal"]
        sites = [site for site in SITES if site.id == "amal"]
        save_proposals(factory, [found], sites, datetime(2026, 11, 20, 3, 0, tzinfo=UTC), watched={"amal"})
        assert client.get("/overview.json").json()["not_located"] == []  # no restart, no file change
        view = client.get("/municipalities/amal.json").json()
        assert view["site"]["url"] == watched_url
        assert "bevakas (hittad vid genomsökningen)" in client.get("/municipalities/amal").text
    assert watched_url not in sites_file.read_text(encoding="utf-8")  # the analyst's file is left alone


def test_a_request_looks_at_the_registry_once_however_often_a_page_asks() -> None:
    """The overlay (two queries and a rebuilt view) runs once per request, and afresh for the next request."""
    looks: list[int] = []

    def overlay(sites: Sequence[SiteEntry]) -> list[SiteEntry]:
        looks.append(1)
        return list(sites)

    registry = LiveRegistry([SiteEntry("alpha", "Alpha", home="https://alpha.se/")], overlay=overlay)

    def page(request: Request) -> PlainTextResponse:  # a sync endpoint: Starlette runs it in its thread pool
        views = [registry.now() for _ in range(3)] + [registry.now() for _ in registry.now().sites]
        return PlainTextResponse(str(len({id(view) for view in views})))

    app = Starlette(routes=[Route("/", page)])
    app.add_middleware(OneLookPerRequest)
    with TestClient(app) as client:
        assert client.get("/").text == "1" and len(looks) == 1
        assert client.get("/").text == "1" and len(looks) == 2


def test_accepting_on_the_bundled_registry_writes_the_own_copy_and_the_app_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled registry is never written: the first accept copies it into the working folder, the app reads
    the copy from then on, and a second edit goes to the same copy."""
    monkeypatch.chdir(tmp_path)
    stored = build_database(tmp_path)
    bundled = load_sites(None)
    before = bundled_sites_path().read_bytes()
    proposed = "https://www.upplandsvasby.se/kommun-och-politik/internationellt-arbete/"
    factory = session_factory(make_engine(stored.db_url))
    found = Proposal("upplands-vasby", proposed, 0.6, False, ("title 'internationellt arbete'",), ())
    save_proposals(factory, [found], bundled, datetime(2026, 11, 20, 3, 0, tzinfo=UTC))
    for client in make_client(stored, sites=bundled):
        logged_in(client, "admin")
        assert client.get("/municipalities/upplands-vasby.json").json()["site"]["url"] is None
        csrf = csrf_of(client.get("/municipalities/upplands-vasby").text)
        response = client.post("/municipalities/upplands-vasby/proposal", data={"csrf": csrf, "action": "accept"})
        assert response.status_code == 303, response.text
        assert client.get("/municipalities/upplands-vasby.json").json()["site"]["url"] == proposed
        edited = "https://www.vallentuna.se/kommun-och-politik/internationellt/"
        csrf = csrf_of(client.get("/municipalities/vallentuna/edit").text)
        response = client.post("/municipalities/vallentuna/edit", data={"csrf": csrf, "url": edited})
        assert response.status_code == 303, response.text
        assert client.get("/municipalities/vallentuna.json").json()["site"]["url"] == edited
    own = {s.id: s for s in load_sites(tmp_path / OWN_COPY)}
    assert own["upplands-vasby"].url == proposed and own["vallentuna"].url == edited
    assert len(own) == len(bundled)  # a copy of the whole registry, not only the edited entries
    assert bundled_sites_path().read_bytes() == before  # the installed package is never written


# --- sessions ---


def test_the_session_cookie_is_signed_httponly_and_samesite(client: TestClient) -> None:
    response = login(client, "viewer")
    cookie = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and v.startswith("kv_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=" in cookie
    assert "Secure" not in cookie  # plain http here; https marks it Secure (see the next test)
    client.cookies.set("kv_session", client.cookies["kv_session"][:-2] + "xx")  # a forged signature
    assert client.get("/changes").status_code == 303


def test_over_https_the_cookies_are_secure(stored: Stored) -> None:
    engine = make_engine(stored.db_url)
    factory = session_factory(engine)
    app = create_app(WebSettings(factory=factory, sites=SITES, secret=app_secret(factory)))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        response = login(client, "viewer")
        cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
        assert any(c.startswith("kv_session=") and "Secure" in c for c in cookies)
    engine.dispose()


def test_an_expired_session_is_refused(stored: Stored) -> None:
    clock = Clock()
    for client in make_client(stored, clock=clock, session_lifetime=3600):
        logged_in(client, "analyst")
        clock.now += 3599
        assert client.get("/changes").status_code == 200
        clock.now += 2
        response = client.get("/changes")
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_raising_the_session_epoch_ends_every_session_of_the_account(client: TestClient, stored: Stored) -> None:
    logged_in(client, "viewer")
    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session, session.begin():
        user = session.scalars(select(User).where(User.email == "viewer@example.se")).one()
        user.session_epoch += 1
    try:
        assert client.get("/changes").status_code == 303
    finally:
        with session_factory(engine)() as session, session.begin():
            session.scalars(select(User).where(User.email == "viewer@example.se")).one().session_epoch -= 1
        engine.dispose()


def test_forms_without_their_csrf_token_are_refused(client: TestClient, stored: Stored) -> None:
    form = client.get("/login")
    refused = client.post("/login", data={"email": "analyst@example.se", "password": PASSWORD})
    assert refused.status_code == 403 and "kv_session" not in refused.cookies
    wrong = client.post(
        "/login", data={"csrf": csrf_of(form.text)[::-1], "email": "analyst@example.se", "password": PASSWORD}
    )
    assert wrong.status_code == 403
    logged_in(client, "analyst")
    change = stored.hostile_change
    for data in ({"state": "important"}, {"state": "important", "csrf": "not-the-token"}):
        assert client.post(f"/changes/{change}/triage", data=data).status_code == 403
    assert client.post("/logout", data={}).status_code == 403
    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session:
        assert not any(e.state == "important" for e in session.scalars(select(TriageEvent)))
    engine.dispose()
    assert client.get("/changes").status_code == 200  # still logged in: the refused logout did nothing


def test_logout_ends_the_session(client: TestClient) -> None:
    logged_in(client, "viewer")
    csrf = csrf_of(client.get("/").text)
    assert client.post("/logout", data={"csrf": csrf}).status_code == 303
    assert client.get("/").status_code == 303


def test_login_throttling_per_account_and_per_address(stored: Stored) -> None:
    clock = Clock()
    throttle = Throttle(per_account=3, per_address=5, window=600, clock=clock)
    for client in make_client(stored, throttle=throttle):
        for _ in range(3):
            assert login(client, "viewer", "fel").status_code == 401
        blocked = login(client, "viewer")  # the right password, but the account is throttled
        assert blocked.status_code == 429 and "kv_session" not in blocked.cookies
        assert login(client, "analyst").status_code == 303  # another account from the same address
        assert login(client, "admin", "fel").status_code == 401
        assert login(client, "admin", "fel").status_code == 401  # the address now has 5 failures
        assert login(client, "analyst").status_code == 429
        clock.now += 601
        assert login(client, "viewer").status_code == 303


def test_the_throttle_forgets_old_failures_so_random_accounts_cannot_fill_memory() -> None:
    clock = Clock()
    throttle = Throttle(per_account=3, per_address=10**9, window=60, clock=clock, max_keys=100)
    for number in range(1000):
        throttle.failed(f"random{number}@example.se", "192.0.2.1")
        clock.now += 1
    assert throttle.remembered() <= 101
    for number in range(1000):  # a flood within one window: still bounded
        throttle.failed(f"flood{number}@example.se", "192.0.2.1")
    assert throttle.remembered() <= 101
    assert throttle.blocked("random999@example.se", "192.0.2.1") is False  # one failure is not a block
    for _ in range(3):
        throttle.failed("target@example.se", "192.0.2.2")
    assert throttle.blocked("target@example.se", "192.0.2.3")


def test_a_wrong_password_and_an_unknown_account_read_the_same(client: TestClient) -> None:
    wrong, unknown = login(client, "viewer", "fel"), login(client, "nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert "Fel e-postadress eller lösenord." in wrong.text and "Fel e-postadress eller lösenord." in unknown.text


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example/"])
def test_login_never_redirects_to_another_site(client: TestClient, target: str) -> None:
    response = login(client, "viewer", next_path=target)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_login_returns_to_the_page_asked_for(client: TestClient) -> None:
    response = login(client, "viewer", next_path="/changes?kind=contact_added")
    assert response.headers["location"] == "/changes?kind=contact_added"


# --- pages and their JSON twins ---


def test_changes_json_carries_the_fields_of_the_cli_json(client: TestClient, stored: Stored) -> None:
    logged_in(client, "viewer")
    view = client.get("/changes.json?site=trollhattan").json()
    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session:
        cli = [change_as_json(row) for row in changes(session, ChangeFilter(site_ids=["trollhattan"]))]
    engine.dispose()
    shown = [{k: c[k] for k in cli[0]} for c in view["changes"]]
    assert sorted(shown, key=json.dumps) == sorted(cli, key=json.dumps) and len(cli) == 2
    assert client.get("/changes?site=trollhattan", headers={"accept": "application/json"}).json() == view


def test_changes_filter_by_county_kind_period_and_triage(client: TestClient, stored: Stored) -> None:
    logged_in(client, "viewer")

    def sites_and_kinds(query: str) -> set[tuple[str, str]]:
        return {(c["site"], c["kind"]) for c in client.get(f"/changes.json?{query}").json()["changes"]}

    assert sites_and_kinds("county=V%C3%A4stra+G%C3%B6talands+l%C3%A4n") == {
        ("trollhattan", "contact_added"),
        ("trollhattan", "contact_removed"),
    }
    assert {k for _, k in sites_and_kinds("county=Sk%C3%A5ne+l%C3%A4n")} == {
        "text_changed",
        "contact_added",
        "document_added",
    }
    assert sites_and_kinds("kind=document_added") == {("hostile", "document_added")}
    january = client.get("/changes.json?from=2026-01-01&to=2026-01-02").json()
    # the extra changes are hourly from 2026-01-01 03:00 UTC; the 2nd of January ends at 23:00 UTC (local midnight)
    assert january["total"] == 44 and {c["site"] for c in january["changes"]} == {"hylte"}
    assert client.get("/changes.json?triage=important").json()["total"] == 0


def test_changes_are_paginated_newest_first(client: TestClient) -> None:
    logged_in(client, "viewer")
    first = client.get("/changes.json?site=hylte").json()
    second = client.get("/changes.json?site=hylte&page=2").json()
    assert first["total"] == 60 and first["pages"] == 2
    assert len(first["changes"]) == 50 and len(second["changes"]) == 10
    moments = [c["detected_at"] for c in first["changes"] + second["changes"]]
    assert moments == sorted(moments, reverse=True)
    html = client.get("/changes?site=hylte").text
    assert 'href="?site=hylte&amp;page=2"' in html


@pytest.mark.parametrize(
    ("query", "named"),
    [("kind=nonsense", "kind"), ("county=Atlantis", "county"), ("site=nowhere", "site"), ("from=2026-13-01", "from"),
     ("page=0", "page"), ("page=x", "page"), ("triage=maybe", "triage"), ("run=-1", "run")],
)  # fmt: skip
def test_a_bad_filter_is_a_400_naming_the_parameter(client: TestClient, query: str, named: str) -> None:
    logged_in(client, "viewer")
    response = client.get(f"/changes.json?{query}")
    assert response.status_code == 400 and response.json()["error"].startswith(f"{named}:")


def test_overview_shows_the_last_run_failing_and_not_located(client: TestClient, stored: Stored) -> None:
    logged_in(client, "viewer")
    view = client.get("/overview.json").json()
    assert view["last_run"]["id"] == stored.runs[-1] and view["last_run"]["status"] == "completed"
    assert view["counts_by_kind"]["contact_added"] == 2  # trollhattan's and the hostile one
    assert [f["site"] for f in view["failing"]] == ["hylte"] and view["failing"][0]["error"] == "HTTP 503"
    assert [s["site"] for s in view["not_located"]] == ["amal"]
    page = client.get("/").text
    assert "Hylte kommun" in page and "HTTP 503" in page and "Åmåls kommun" in page and "Senaste körning" in page


def test_the_municipalities_list_shows_each_state_and_latest_change(client: TestClient) -> None:
    logged_in(client, "viewer")
    rows = {m["site"]: m for m in client.get("/municipalities.json").json()["municipalities"]}
    assert {k: v["state"] for k, v in rows.items()} == {
        "trollhattan": "ok", "hostile": "ok", "hylte": "failing", "amal": "not_located",
    }  # fmt: skip
    assert rows["hylte"]["failing_since"] and rows["trollhattan"]["last_change"] and rows["amal"]["last_change"] is None
    assert "kan inte kontrolleras" in client.get("/municipalities").text


def test_municipality_timeline_and_version_and_diff(client: TestClient, stored: Stored) -> None:
    logged_in(client, "viewer")
    view = client.get("/municipalities/trollhattan.json").json()
    old, new = stored.trollhattan_versions
    assert [v["id"] for v in view["versions"]] == [new, old]
    assert [f["outcome"] for f in view["fetches"]] == ["changed", "new"]
    assert {c["kind"] for c in view["changes"]} == {"contact_added", "contact_removed"}
    version = client.get(f"/versions/{new}.json").json()
    assert version["previous"] == old and "Sara Lindberg" in version["text"]
    diff = client.get(f"/diff.json?from={old}&to={new}").json()
    assert {c["kind"] for c in diff["structured"]} == {"contact_added", "contact_removed"}
    added = "".join(text for op, text in diff["segments"] if op == "+")
    assert "Sara Lindberg" in added
    html = client.get(f"/diff?from={old}&to={new}").text
    assert "<ins>" in html and "Ny kontaktperson" in html


def test_the_stored_page_is_served_under_its_own_sandbox_policy(client: TestClient, stored: Stored) -> None:
    logged_in(client, "viewer")
    response = client.get(f"/versions/{stored.trollhattan_versions[1]}/page")
    policy = response.headers["content-security-policy"]
    assert policy.startswith("sandbox;") and "default-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    assert "Sara Lindberg" in response.text
    version = client.get(f"/versions/{stored.trollhattan_versions[1]}").text
    frame = lxml_html.fromstring(version).xpath("//iframe")[0]
    assert frame.get("sandbox") == "" and frame.get("src").endswith("/page")


def test_english_from_the_query_and_kept_in_a_cookie(client: TestClient) -> None:
    logged_in(client, "viewer")
    assert "Översikt" in client.get("/").text
    english = client.get("/?lang=en").text
    assert "Overview" in english and "New contact" in english
    assert "Overview" in client.get("/").text  # remembered


def test_the_configured_language_is_the_default(stored: Stored) -> None:
    for client in make_client(stored, language="en"):
        assert "Log in" in client.get("/login").text


def test_triage_keeps_who_when_and_an_audit_trail(client: TestClient, stored: Stored) -> None:
    logged_in(client, "analyst")
    change = stored.hostile_change
    for state, note in (("important", "Ny EU-samordnare"), ("not_relevant", "<b>fel</b> kontakt")):
        csrf = csrf_of(client.get("/changes").text)
        client.post(f"/changes/{change}/triage", data={"csrf": csrf, "state": state, "note": note})
    shown = next(c for c in client.get("/changes.json?triage=not_relevant").json()["changes"] if c["id"] == change)
    assert shown["triage"]["state"] == "not_relevant" and shown["triage"]["user"] == "analyst@example.se"
    assert shown["triage"]["note"] == "<b>fel</b> kontakt"
    assert "&lt;b&gt;fel&lt;/b&gt; kontakt" in client.get("/changes?triage=not_relevant").text
    history = client.get(f"/changes/{change}.json").json()["history"]
    assert [(h["state"], h["note"], h["user"]) for h in history[-2:]] == [
        ("important", "Ny EU-samordnare", "analyst@example.se"),
        ("not_relevant", "<b>fel</b> kontakt", "analyst@example.se"),
    ]
    assert "&lt;b&gt;fel&lt;/b&gt; kontakt" in client.get(f"/changes/{change}").text
    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session:
        trail = [
            (e.state, e.user_email) for e in session.scalars(select(TriageEvent).where(TriageEvent.change_id == change))
        ]
        assert trail[-2:] == [("important", "analyst@example.se"), ("not_relevant", "analyst@example.se")]
        assert session.get(Triage, change).state == "not_relevant"
    engine.dispose()


def test_a_missing_version_is_404_and_a_bad_diff_is_400(client: TestClient) -> None:
    logged_in(client, "viewer")
    assert client.get("/versions/999999").status_code == 404
    assert client.get("/municipalities/nowhere").status_code == 404
    assert client.get("/diff?from=1").status_code == 400


# --- hostile content ---


def _inert(document: str, where: str) -> None:
    """No script, no event handler, no javascript:/data: address, no frame but the app's own stored page."""
    tree = lxml_html.fromstring(document)
    assert not tree.xpath("//script | //object | //embed | //svg | //math | //img"), where
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (where, element.tag, name)
            if name.lower() in ("href", "src", "action", "formaction", "data", "srcdoc"):
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (where, value)
        if element.tag == "iframe":
            assert element.get("sandbox") == "" and element.get("src", "").startswith("/versions/"), where
        if element.tag == "meta":
            assert element.get("http-equiv") is None, where


def test_a_hostile_page_is_inert_in_every_view(client: TestClient, stored: Stored) -> None:
    logged_in(client, "analyst")
    old, new = stored.hostile_versions
    views = [
        "/", "/changes", "/changes?county=Sk%C3%A5ne+l%C3%A4n", "/municipalities", "/municipalities/hostile",
        f"/versions/{old}",
        f"/versions/{new}", f"/versions/{old}/page", f"/versions/{new}/page", f"/diff?from={old}&to={new}",
        f"/runs/{stored.runs[-1]}", "/runs", f"/changes/{stored.hostile_change}",
    ]  # fmt: skip
    seen_payload = False
    for path in views:
        response = client.get(path)
        assert response.status_code == 200, path
        _inert(response.text, path)
        seen_payload |= "alert(" in response.text  # the payloads are there, as text
    assert seen_payload
    stored_page = client.get(f"/versions/{new}/page").text
    assert "evil.example" not in stored_page  # the stylesheet, pixel, object and form addresses are gone
    version = client.get(f"/versions/{new}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in version  # shown, escaped
    for path in ("/changes.json", "/municipalities/hostile.json", f"/versions/{new}.json"):
        response = client.get(path)
        assert response.headers["content-type"] == "application/json" and response.json()  # JSON, never HTML


# --- the `users` command ---


def test_users_add_list_and_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("KOMMUNVAKT_DB", "KOMMUNVAKT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("KOMMUNVAKT_PASSWORD", raising=False)
    assert main(["users", "add", "ida@example.se", "--role", "analyst"]) == 2
    assert "KOMMUNVAKT_PASSWORD: not set" in capfd.readouterr().err
    monkeypatch.setenv("KOMMUNVAKT_PASSWORD", "hemligt lösenord")
    assert main(["users", "add", "Ida@Example.se", "--role", "analyst"]) == 0
    assert main(["users", "add", "ida@example.se", "--role", "admin"]) == 2
    assert main(["users", "add", "inte-en-adress", "--role", "admin"]) == 2
    assert main(["users", "add", "bo@example.se", "--role", "chef"]) == 2
    capfd.readouterr()
    assert main(["users", "list", "--format", "json"]) == 0
    (row,) = json.loads(capfd.readouterr().out)
    assert row["email"] == "ida@example.se" and row["role"] == "analyst"
    assert main(["users", "token", "ida@example.se"]) == 0
    token = capfd.readouterr().out.strip()
    assert len(token) >= 40
    engine = make_engine(str(tmp_path / "kommunvakt.db"))
    with session_factory(engine)() as session:
        stored_hashes = list(session.scalars(select(ApiToken.token_hash)))
        user = session.scalars(select(User)).one()
        assert stored_hashes == [token_hash(token)] and token not in stored_hashes
        assert user.password_hash.startswith("$argon2") and "hemligt" not in user.password_hash
    engine.dispose()
    assert main(["users", "token", "nobody@example.se"]) == 2


# --- the same pages on every supported database ---


def test_the_pages_read_the_same_on_sqlite_and_postgresql(tmp_path: Path, db_url: str) -> None:
    stored = build_database(tmp_path, extra_changes=3, db_url=db_url)
    for client in make_client(stored):
        logged_in(client, "analyst")
        overview = client.get("/overview.json").json()
        assert [f["site"] for f in overview["failing"]] == ["hylte"]
        skane = client.get("/changes.json?county=Sk%C3%A5ne+l%C3%A4n&kind=contact_added").json()
        assert [c["site"] for c in skane["changes"]] == ["hostile"]
        csrf = csrf_of(client.get("/changes").text)
        change = skane["changes"][0]["id"]
        client.post(f"/changes/{change}/triage", data={"csrf": csrf, "state": "important"})
        assert client.get("/changes.json?triage=important").json()["changes"][0]["id"] == change
        assert client.get("/changes.json?triage=none").json()["total"] == skane["total"] + 6
        old, new = stored.trollhattan_versions
        assert client.get(f"/diff.json?from={old}&to={new}").json()["structured"]
        for path in (
            "/",
            "/changes",
            "/municipalities/trollhattan",
            f"/versions/{new}",
            f"/versions/{new}/page",
            "/runs",
        ):
            assert client.get(path).status_code == 200, path


# --- the `web` command ---


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["web", "--port", "70000"], "--port"),
        (["web", "--db", "/no/such/folder/k.db"], "--db"),
        (["web", "--sites", "missing.yaml"], "missing.yaml"),
    ],
)
def test_web_refuses_bad_input_in_one_line(
    argv: list[str], named: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("KOMMUNVAKT_DB", "KOMMUNVAKT_CONFIG", "KOMMUNVAKT_SITES"):
        monkeypatch.delenv(name, raising=False)
    assert main(argv) == 2
    _, err = capfd.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], err
    assert not list(tmp_path.iterdir())  # nothing written


def test_disabling_an_account_ends_its_sessions_and_tokens(
    stored: Stored, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    for name in ("KOMMUNVAKT_CONFIG",):
        monkeypatch.delenv(name, raising=False)
    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session, session.begin():
        session.add(User(email="temp@example.se", role="analyst", password_hash="", created_at=datetime.now(UTC)))
    monkeypatch.setenv("KOMMUNVAKT_PASSWORD", "tillfälligt lösenord")
    assert main(["users", "password", "temp@example.se", "--db", stored.db_url]) == 0
    assert main(["users", "token", "temp@example.se", "--db", stored.db_url]) == 0
    token = capfd.readouterr().out.splitlines()[-1]
    for client in make_client(stored):
        assert login(client, "temp", "tillfälligt lösenord").status_code == 303
        assert client.get("/changes").status_code == 200
        assert main(["users", "disable", "temp@example.se", "--db", stored.db_url]) == 0
        assert client.get("/changes").status_code == 303  # the session ended
        assert login(client, "temp", "tillfälligt lösenord").status_code == 401
        client.cookies.clear()
        assert client.get("/api/v1/runs", headers={"authorization": f"Bearer {token}"}).status_code == 401
        assert main(["users", "enable", "temp@example.se", "--db", stored.db_url]) == 0
        assert login(client, "temp", "tillfälligt lösenord").status_code == 303
    with session_factory(engine)() as session, session.begin():
        session.delete(session.scalars(select(User).where(User.email == "temp@example.se")).one())
    engine.dispose()
    assert main(["users", "disable", "nobody@example.se", "--db", stored.db_url]) == 2


# --- Atom feeds ---

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_of_a_filter_opens_with_its_key_and_ends_with_the_epoch(client: TestClient, stored: Stored) -> None:
    from xml.etree import ElementTree

    logged_in(client, "viewer")
    page = lxml_html.fromstring(client.get("/changes?county=Sk%C3%A5ne+l%C3%A4n&kind=contact_added").text)
    (href,) = page.xpath("//a[@class='feed']/@href")
    assert "county=Sk" in href and "kind=contact_added" in href
    client.cookies.clear()  # a feed reader has no session
    response = client.get(href)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # well-formed, whatever the page carried
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    title = entries[0].findtext(f"{ATOM}title") or ""
    assert title.startswith("Ond kommun <script>") and title.endswith("Ny kontaktperson")  # text, not markup
    assert all(el.tag.startswith(ATOM) for el in root.iter())  # no element from the payloads
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and link.get("href", "").startswith("http://testserver/diff?from=")
    assert client.get(href.replace("key=", "key=9")).status_code == 403
    assert client.get("/feeds/changes.atom").status_code == 403
    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session, session.begin():
        session.scalars(select(User).where(User.email == "viewer@example.se")).one().session_epoch += 1
    try:
        assert client.get(href).status_code == 403  # a new password or a disabled account ends the key
    finally:
        with session_factory(engine)() as session, session.begin():
            session.scalars(select(User).where(User.email == "viewer@example.se")).one().session_epoch -= 1
        engine.dispose()
    assert client.get(href).status_code == 200


# --- access: every form control has a label, every page a language and a title ---


@pytest.mark.parametrize("role", ROLES)
def test_every_form_control_is_labelled(client: TestClient, stored: Stored, role: str) -> None:
    logged_in(client, role)
    old, new = stored.trollhattan_versions
    for path in ("/", "/changes", "/municipalities/amal", "/municipalities/trollhattan", f"/versions/{new}",
                 f"/diff?from={old}&to={new}", "/runs", f"/runs/{stored.runs[-1]}", "/login", "/filters",
                 "/subscription"):  # fmt: skip
        tree = lxml_html.fromstring(client.get(path).text)
        assert tree.get("lang") in ("sv", "en") and (tree.findtext(".//title") or "").strip(), path
        labelled = {label.get("for") for label in tree.xpath("//label[@for]")}
        for control in tree.xpath("//input[not(@type='hidden')] | //select | //textarea"):
            assert control.get("id") in labelled or control.get("aria-label"), (path, lxml_html.tostring(control))
        for button in tree.xpath("//button"):
            assert (button.text_content() or "").strip(), (path, "a button without a name")
        assert len(tree.xpath("//h1")) == 1, path


# --- the registry in the browser ---


def _edit_error(page: str) -> tuple[str, str | None]:
    """The edit form's error and the one field marked invalid (and described by that error)."""
    tree = lxml_html.fromstring(page)
    (error,) = tree.xpath("//p[@role='alert']")
    invalid = tree.xpath("//*[@aria-invalid='true']")
    assert len(invalid) <= 1 and all(f.get("aria-describedby") == error.get("id") for f in invalid)
    return " ".join(error.text_content().split()), invalid[0].get("name") if invalid else None


def test_a_url_set_in_the_app_drops_what_the_file_said_of_the_old_one(tmp_path: Path) -> None:
    """State, source and seen described the old address: a new one set by a person is confirmed, and
    an edit that keeps the address keeps them."""
    from crawler.registry import load_sites
    from crawler.web.sitesedit import edit_site

    sites_file = tmp_path / "sites.yaml"
    sites_file.write_text(
        "- id: hylte\n  name: Hylte kommun\n  home: https://www.hylte.se/\n"
        "  url: https://www.hylte.se/eu  # discovered 2026-11-30\n  state: candidate\n"
        "  source: stored public copy\n  seen: '2024-05'\n",
        encoding="utf-8",
    )
    edit_site(sites_file, "hylte", "https://www.hylte.se/eu", None, [".nyheter"])
    (kept,) = load_sites(sites_file)
    assert (kept.state, kept.source, kept.seen, kept.ignore) == (
        "candidate",
        "stored public copy",
        "2024-05",
        (".nyheter",),
    )
    assert "# discovered 2026-11-30" in sites_file.read_text(encoding="utf-8")
    edit_site(sites_file, "hylte", "https://www.hylte.se/internationellt", None, [".nyheter"])
    (moved,) = load_sites(sites_file)
    assert (moved.url, moved.state, moved.source, moved.seen) == (
        "https://www.hylte.se/internationellt",
        "confirmed",
        None,
        None,
    )
    assert "discovered" not in sites_file.read_text(encoding="utf-8")


def test_failure_reasons_and_who_started_a_run_read_in_the_pages_language(tmp_path: Path) -> None:
    """Stored in English (the logs' and the database's words), shown in Swedish on a Swedish page."""
    from dataclasses import replace

    from web_support import _fetch

    from storage.repository import begin_run, finish_run

    from support import store_fetch

    stored = build_database(tmp_path)
    engine = make_engine(stored.db_url)
    factory = session_factory(engine)
    run = begin_run(factory, trigger="scheduled")
    hylte = SITES[2]
    timed_out = replace(_fetch("hylte", hylte.url or "", b"", status=0), status=None, error="timed out after 30 s")
    store_fetch(factory, run, hylte, timed_out)
    finish_run(factory, run, "completed", not_located=1)
    engine.dispose()
    for client in make_client(stored):
        logged_in(client, "viewer")
        for path in ("/", "/municipalities/hylte", f"/runs/{run}"):
            assert "inget svar inom 30 s" in client.get(path).text, path
            assert "timed out after 30 s" in client.get(path + "?lang=en").text, path
            client.get("/?lang=sv")
        assert "schemaläggaren" in client.get(f"/runs/{run}").text and "schemaläggaren" in client.get("/runs").text
        assert "the scheduler" in client.get("/runs?lang=en").text


def test_every_refusal_a_person_reads_is_in_both_languages() -> None:
    """Statically, over crawler/web: an error a page shows names a text that Swedish and English both have,
    or is such a text already; a literal message (English) is left only to the JSON API, which talks to programs."""
    import ast

    import crawler.web
    from crawler.registry import REASONS
    from crawler.web.i18n import APP_WORDS

    both = set(APP_WORDS["sv"]) & set(APP_WORDS["en"])
    assert set(APP_WORDS["sv"]) == set(APP_WORDS["en"])
    assert {f"registry_{reason}" for reason in REASONS} | {"registry_field", "registry_unusable"} <= both
    literal = (ast.Constant, ast.JoinedStr)
    checked = 0
    for path in sorted(Path(crawler.web.__file__).parent.glob("*.py")):
        if path.name == "api.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            where = f"{path.name}:{node.lineno}"
            if name == "HttpProblem":
                checked += 1
                words = node.args[2] if len(node.args) > 2 else None
                if isinstance(words, ast.Constant):
                    assert words.value in both, where
                elif words is None:
                    assert not isinstance(node.args[1], literal), f"{where}: a message without words"
            elif name in ("problem", "PlainTextResponse") and node.args:
                message = node.args[2] if name == "problem" else node.args[0]
                exempt = isinstance(message, ast.Constant) and message.value == "ok"  # /healthz, for machines
                assert exempt or not isinstance(message, literal), f"{where}: a literal message"
    assert checked > 10


def test_an_admin_edits_url_main_and_ignore_validated_as_the_sites_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    stored = build_database(tmp_path)
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    for client in make_client(stored, sites_file=str(sites_file)):
        logged_in(client, "analyst")
        assert client.post("/municipalities/hylte/edit", data={"url": "https://x.se/"}).status_code == 403
        client.cookies.clear()
        logged_in(client, "admin")
        form = client.get("/municipalities/hylte/edit").text
        csrf = csrf_of(form)
        before = sites_file.read_text(encoding="utf-8")
        assert client.post("/municipalities/hylte/edit", data={"url": "https://x.se/"}).status_code == 403  # no token
        bad = client.post(
            "/municipalities/hylte/edit", data={"csrf": csrf, "url": "https://hylte.se/i", "ignore": "div[[["}
        )
        assert bad.status_code == 400 and 'value="https://hylte.se/i"' in bad.text  # the form keeps what was typed
        assert _edit_error(bad.text) == ("Ignorera: ”div[[[” är ingen giltig CSS-väljare.", "ignore")
        not_http = client.post("/municipalities/hylte/edit", data={"csrf": csrf, "url": "javascript:alert(1)"})
        assert not_http.status_code == 400
        assert _edit_error(not_http.text) == (
            "Bevakad adress: ”javascript:alert(1)” är ingen adress som går att hämta. Skriv hela adressen, med"
            " http:// eller https:// först och utan mellanslag.",
            "url",
        )
        no_selector = client.post(
            "/municipalities/hylte/edit?lang=en", data={"csrf": csrf, "url": "https://hylte.se/i", "main": "p >"}
        )
        assert _edit_error(no_selector.text) == ("Main content: “p >” is not a valid CSS selector.", "main")
        client.get("/?lang=sv")
        # Hylte has no home page in the file: its watched address is its only one
        emptied = client.post("/municipalities/hylte/edit", data={"csrf": csrf, "url": ""})
        assert _edit_error(emptied.text) == (
            "Bevakad adress: adressen kan inte tas bort, eftersom kommunen inte har någon startsida i registret.",
            "url",
        )
        assert sites_file.read_text(encoding="utf-8") == before  # nothing written
        good = client.post(
            "/municipalities/hylte/edit",
            data={"csrf": csrf, "url": "https://www.hylte.se/internationellt", "main": "main",
                  "ignore": ".cookie-banner\n#news  "},
        )  # fmt: skip
        assert good.status_code == 303
        site = client.get("/municipalities/hylte.json").json()["site"]
        assert site["url"] == "https://www.hylte.se/internationellt" and site["main"] == "main"
        assert site["ignore"] == [".cookie-banner", "#news"]
        assert "# web app tests" in sites_file.read_text(encoding="utf-8")  # the file's comment kept
    assert main(["sites", "--sites", str(sites_file), "--db", stored.db_url, "--format", "json"]) == 0
    listed = {s["id"]: s for s in json.loads(capfd.readouterr().out)}
    assert listed["hylte"]["url"] == "https://www.hylte.se/internationellt"


# --- the real server: proxy headers only from a configured proxy ---


@pytest.mark.parametrize("trusted", [False, True])
def test_forwarded_https_counts_only_from_a_trusted_proxy(tmp_path: Path, stored: Stored, trusted: bool) -> None:
    import http.client
    import socket

    from support import start_cli, wait_for

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    extra = ["--trust-proxy", "127.0.0.1"] if trusted else []
    process = start_cli(
        "web", "--db", stored.db_url, "--sites", str(sites_file), "--port", str(port), *extra, cwd=tmp_path, env={}
    )

    def login_cookie() -> str | None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request(
                "GET", "/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
            )
            response = connection.getresponse()
            response.read()
            return response.getheader("set-cookie")
        except OSError:
            return None

    try:
        wait_for(lambda: process.poll() is not None or login_cookie() is not None, 30, "kommunvakt web to answer")
        assert process.poll() is None, process.communicate()[1]
        cookie = login_cookie() or ""
        assert cookie.startswith("kv_login=")
        assert ("Secure" in cookie) is trusted
    finally:
        process.terminate()
        process.wait(timeout=10)


# --- "not relevant" text suggests an ignore selector ---


def _hylte_page(news: str) -> bytes:
    return (
        "<html><head><title>Internationellt arbete</title></head><body><main><h1>Internationellt arbete</h1>"
        "<p>Hylte kommun arbetar med EU-projekt och vänorter sedan många år, tillsammans med föreningar.</p>"
        "<p>Kommunen deltar i nätverk för landsbygdsutveckling och tar emot studiebesök från Europa.</p>"
        f'<div class="besok"><h2>Besök</h2><p>{news}</p></div></main></body></html>'
    ).encode()


def test_not_relevant_text_suggests_an_ignore_selector_an_admin_accepts(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from web_support import _fetch

    from storage.repository import begin_run, finish_run

    from support import store_fetch

    stored = build_database(tmp_path)
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    engine = make_engine(stored.db_url)
    factory = session_factory(engine)
    run = begin_run(factory)
    hylte = SITES[2]
    store_fetch(
        factory, run, hylte, _fetch("hylte", hylte.url or "", _hylte_page("Ny lekplats invigd i Hyltebruk i veckan."))
    )
    verdict = store_fetch(
        factory, run, hylte, _fetch("hylte", hylte.url or "", _hylte_page("Simhallen stänger för renovering i sommar."))
    )
    finish_run(factory, run, "completed", not_located=1)
    engine.dispose()
    assert [c.kind for c in verdict.changes] == ["text_changed"]
    for client in make_client(stored, sites_file=str(sites_file)):
        logged_in(client, "analyst")
        (change,) = client.get("/changes.json?site=hylte&kind=text_changed").json()["changes"]
        csrf = csrf_of(client.get("/changes").text)
        client.post(f"/changes/{change['id']}/triage", data={"csrf": csrf, "state": "not_relevant", "note": "nyheter"})
        (suggestion,) = client.get("/municipalities/hylte.json").json()["ignore_suggestions"]
        assert suggestion["selector"] == "div.besok" and suggestion["suggested_by"] == "analyst@example.se"
        assert 'value="accept"' not in client.get("/municipalities/hylte").text  # only an admin decides
        refused = client.post(
            f"/municipalities/hylte/ignore/{suggestion['id']}", data={"csrf": csrf, "action": "accept"}
        )
        assert refused.status_code == 403
        client.post(f"/changes/{change['id']}/triage", data={"csrf": csrf, "state": "not_relevant"})
        assert len(client.get("/municipalities/hylte.json").json()["ignore_suggestions"]) == 1  # not twice
        client.cookies.clear()
        logged_in(client, "admin")
        csrf = csrf_of(client.get("/municipalities/hylte").text)
        accepted = client.post(
            f"/municipalities/hylte/ignore/{suggestion['id']}", data={"csrf": csrf, "action": "accept"}
        )
        assert accepted.status_code == 303
        view = client.get("/municipalities/hylte.json").json()
        assert view["site"]["ignore"] == ["div.besok"]
        assert view["ignore_suggestions"][0]["status"] == "accepted"
        assert view["ignore_suggestions"][0]["decided_by"] == "admin@example.se"
    assert main(["sites", "--sites", str(sites_file), "--db", stored.db_url, "--format", "json"]) == 0
    assert {s["id"]: s for s in json.loads(capfd.readouterr().out)}["hylte"]["ignore"] == ["div.besok"]


#: Hylte's page with a Sámi box, served as iso-8859-10 with the charset named only in the HTTP header: read
#: without the header, "đ" and "š" become "¹" and "º" (cp1252), "Dieđut" is not found and the view garbles it.
def _nordic_page(news: str) -> bytes:
    return (
        "<html><head><title>Internationellt arbete</title></head><body><main><h1>Internationellt arbete</h1>"
        "<p>Hylte kommun arbetar med EU-projekt och vänorter sedan många år, tillsammans med föreningar.</p>"
        "<p>Kommunen deltar i nätverk för landsbygdsutveckling och tar emot studiebesök från Europa.</p>"
        f'<div class="sapmi"><h2>Sámegiella</h2><p>{news}</p></div></main></body></html>'
    ).encode("iso8859-10")


def test_the_stored_page_and_a_suggestion_decode_with_the_stored_content_type(tmp_path: Path) -> None:
    """The stored view and the ignore suggestion read a version's bytes as the crawl did (its Content-Type)."""
    from dataclasses import replace

    from sqlalchemy import func
    from web_support import _fetch

    from crawler.extract.encoding import decode_html
    from storage.models import Snapshot
    from storage.repository import begin_run, finish_run

    from support import store_fetch

    stored = build_database(tmp_path)
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    engine = make_engine(stored.db_url)
    factory = session_factory(engine)
    run = begin_run(factory)
    hylte, served_as = SITES[2], "text/html; charset=iso-8859-10"
    old, new = (
        _nordic_page("Dieđut sámegillii boahtá maŋŋel."),
        _nordic_page("Dieđut ođđa riikkaidgaskasaš šiehtadusa birra."),
    )
    assert "Dieđut" not in decode_html(new, None), "without its header the page must read differently"
    for body in (old, new):
        verdict = store_fetch(
            factory, run, hylte, replace(_fetch("hylte", hylte.url or "", body), content_type=served_as)
        )
    finish_run(factory, run, "completed", not_located=1)
    with factory() as session:
        version = session.scalar(select(func.max(Snapshot.id)))
    engine.dispose()
    assert [c.kind for c in verdict.changes] == ["text_changed"]
    for client in make_client(stored, sites_file=str(sites_file)):
        logged_in(client, "analyst")
        (change,) = client.get("/changes.json?site=hylte&kind=text_changed").json()["changes"]
        page = client.get(f"/versions/{version}/page")
        assert page.status_code == 200 and "Dieđut ođđa riikkaidgaskasaš šiehtadusa birra." in page.text
        csrf = csrf_of(client.get("/changes").text)
        client.post(f"/changes/{change['id']}/triage", data={"csrf": csrf, "state": "not_relevant"})
        (suggestion,) = client.get("/municipalities/hylte.json").json()["ignore_suggestions"]
        assert suggestion["selector"] == "div.sapmi"


@pytest.mark.parametrize(
    ("html", "text", "expected"),
    [
        ('<body><main><p>Långt stycke om EU-projekt.</p><div id="puffar"><p>Nyhet om simhallen</p></div></main></body>',
         "Nyhet om simhallen", "#puffar"),
        ("<body><main><p>Nyhet om simhallen i kommunen</p></main></body>", "Nyhet om simhallen", None),  # the page
        ('<body><div class="content"><p>Nyhet om simhallen i kommunen</p></div></body>', "Nyhet om simhallen", None),
        ('<body><div class="x"><p>Kort</p></div></body>', "Kort", None),  # too little text to place
        ('<body><p class="a">Nyhet om simhallen</p><p class="a">x</p><p class="a">y</p><p class="a">z</p>'
         "<p>mer text här så att andelen blir liten nog för att kunna föreslås</p></body>", "Nyhet om simhallen", None),
    ],
)  # fmt: skip
def test_a_suggestion_never_hides_the_page(html: str, text: str, expected: str | None) -> None:
    from crawler.web.suggest import suggest_ignore

    assert suggest_ignore(html, text) == expected


# --- subscriptions ---


def test_an_analyst_subscribes_and_the_report_goes_to_them_beside_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from crawler.config import load_config
    from crawler.web.subscriptions import with_account_subscriptions

    stored = build_database(tmp_path)
    for client in make_client(stored):
        logged_in(client, "analyst")
        csrf = csrf_of(client.get("/subscription").text)
        assert (
            client.post("/subscription", data={"active": "on", "county": "Atlantis", "csrf": csrf}).status_code == 400
        )
        assert client.post("/subscription", data={"active": "on", "kind": "contact_added"}).status_code == 403
        saved = client.post(
            "/subscription",
            data={"csrf": csrf, "active": "on", "county": "Skåne län", "kind": ["contact_added", "document_added"]},
        )
        assert saved.status_code == 303
        page = lxml_html.fromstring(client.get("/subscription").text)
        assert page.xpath("//select[@name='county']/option[@selected]/@value") == ["Skåne län"]
        assert page.xpath("//input[@name='active']/@checked") and not page.xpath("//input[@name='daily_note']/@checked")
    config_file = tmp_path / "kommunvakt.toml"
    config_file.write_text('[[subscribers]]\nemail = "admin@example.se"\nkinds = ["page_gone"]\n', encoding="utf-8")
    engine = make_engine(stored.db_url)
    merged = with_account_subscriptions(load_config(config_file), session_factory(engine))
    engine.dispose()
    by_email = {s.email: s for s in merged.subscribers}
    assert set(by_email) == {"admin@example.se", "analyst@example.se"}
    assert by_email["analyst@example.se"].counties == ("Skåne län",)
    assert by_email["analyst@example.se"].kinds == ("contact_added", "document_added")
    monkeypatch.chdir(tmp_path)
    for name in ("KOMMUNVAKT_DB", "KOMMUNVAKT_CONFIG", "KOMMUNVAKT_SITES"):
        monkeypatch.delenv(name, raising=False)
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    code = main(["report", "--send", "--dry-run", "--run", str(stored.runs[-1]), "--db", stored.db_url,
                 "--sites", str(sites_file), "--config", str(config_file)])  # fmt: skip
    out, err = capfd.readouterr()
    assert code == 0, err
    assert "would send to analyst@example.se: 2 changes" in err  # the hostile contact and document, in Skåne
    assert "admin@example.se" in err  # the config's subscriber still gets its own


def _luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_stylesheet_colours_have_wcag_aa_contrast() -> None:
    import re

    from crawler.web.app import HERE

    css = (HERE / "static" / "app.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    header = re.search(r"header \{ background: (#[0-9a-f]{6})", css)
    assert header, "the header background is declared"
    pairs = {
        "text": (colours["ink"], "#ffffff"),
        "muted text": (colours["muted"], "#ffffff"),
        "links": (colours["link"], "#ffffff"),
        "deleted words": (colours["del"], colours["del-bg"]),
        "inserted words": (colours["ins"], colours["ins-bg"]),
        "header": ("#ffffff", header.group(1)),
    }
    for name, (fore, back) in pairs.items():
        light, dark = sorted((_luminance(fore), _luminance(back)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, name


def test_every_outcome_run_state_and_triage_state_has_words_in_both_languages() -> None:
    from crawler.vocab import OUTCOMES
    from crawler.web.i18n import APP_WORDS
    from storage.models import RUN_STATES, TRIAGE_STATES, URL_STATES

    assert set(APP_WORDS["sv"]) == set(APP_WORDS["en"])
    for words in APP_WORDS.values():
        assert all(f"outcome_{o}" in words for o in OUTCOMES)
        assert all(f"run_{r}" in words for r in RUN_STATES)
        assert all(state in words for state in TRIAGE_STATES)
        assert all(f"address_{state}" in words for state in URL_STATES)
