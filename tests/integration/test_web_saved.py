"""Saved filters and their Atom feeds, and every form of the app for every role.

The filters through the app's ASGI interface on a real SQLite file; the feed through a real `kommunvakt web`
on a loopback port, read by a real HTTP client (httpx) without a session and checked as Atom (RFC 4287) with
lxml. A wrong feed key, another account's key and a filter that does not exist get the same 404.
"""

from __future__ import annotations

import re
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from lxml import etree
from sqlalchemy import select
from starlette.testclient import TestClient
from web_support import PASSWORD, ROLES, SITES, Stored, build_database, csrf_of, write_sites_file

from crawler.web.app import WebSettings, create_app
from crawler.web.auth import app_secret
from storage.db import make_engine, session_factory
from storage.models import SavedFilter, User

from support import start_cli, wait_for

ATOM = "{http://www.w3.org/2005/Atom}"
SKANE_CONTACTS = "county=Sk%C3%A5ne+l%C3%A4n&kind=contact_added"
RANK = {None: -1, "viewer": 0, "analyst": 1, "admin": 2}


def _client(stored: Stored, sites_file: Path | None = None) -> Iterator[TestClient]:
    engine = make_engine(stored.db_url)
    factory = session_factory(engine)
    settings = WebSettings(
        factory=factory, sites=SITES, secret=app_secret(factory), engine=engine,
        sites_file=str(sites_file) if sites_file else None,
    )  # fmt: skip
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield client
    engine.dispose()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Stored:
    return build_database(tmp_path_factory.mktemp("saved"))


@pytest.fixture
def client(stored: Stored) -> Iterator[TestClient]:
    yield from _client(stored)


def _log_in(client: TestClient | httpx.Client, role: str) -> None:
    form = client.get("/login")
    data = {"csrf": csrf_of(form.text), "email": f"{role}@example.se", "password": PASSWORD}
    response = client.post("/login", data=data)
    assert response.status_code == 303, response.text


def _save(client: TestClient | httpx.Client, name: str, query: str, csrf: str | None = None):  # type: ignore[no-untyped-def]
    if csrf is None:
        csrf = csrf_of(client.get("/filters").text)
    return client.post("/filters", data={"csrf": csrf, "name": name, "query": query})


def test_an_account_saves_lists_replaces_and_deletes_its_own_filters(client: TestClient) -> None:
    _log_in(client, "analyst")
    page = client.get(f"/changes?{SKANE_CONTACTS}&page=1&lang=en&to=")
    kept = re.search(r'name="query" value="([^"]*)"', page.text)
    assert kept and kept.group(1).replace("&amp;", "&") == SKANE_CONTACTS  # no page, language or empty field
    assert _save(client, "  Skåne,   nya kontakter ", SKANE_CONTACTS).status_code == 303
    assert _save(client, "Allt", "").status_code == 303
    listed = client.get("/filters.json").json()["filters"]
    assert [(f["name"], f["query"], f["changes"]) for f in listed] == [
        ("Allt", "", "/changes"),
        ("Skåne, nya kontakter", SKANE_CONTACTS, f"/changes?{SKANE_CONTACTS}"),
    ]
    assert listed[1]["criteria"]["county"] == "Skåne län" and listed[1]["criteria"]["kinds"] == ["contact_added"]
    html = client.get("/filters?lang=sv").text  # the changes page above was asked for in English
    assert "Skåne, nya kontakter" in html and "Län: Skåne län" in html and "Ny kontaktperson" in html
    # the same name again replaces the query; the list does not grow
    assert _save(client, "Allt", "triage=none").status_code == 303
    listed = client.get("/filters.json").json()["filters"]
    assert len(listed) == 2 and listed[0]["query"] == "triage=none"
    assert client.get(listed[1]["changes"]).status_code == 200
    # another account sees none of them and cannot delete them
    other = next(_client_of(client))
    _log_in(other, "viewer")
    assert other.get("/filters.json").json()["filters"] == []
    csrf = csrf_of(other.get("/filters").text)
    assert other.post(f"/filters/{listed[0]['id']}/delete", data={"csrf": csrf}).status_code == 404
    assert len(client.get("/filters.json").json()["filters"]) == 2
    csrf = csrf_of(client.get("/filters").text)
    assert client.post(f"/filters/{listed[0]['id']}/delete", data={"csrf": "wrong"}).status_code == 403
    assert client.post(f"/filters/{listed[0]['id']}/delete", data={"csrf": csrf}).status_code == 303
    assert [f["name"] for f in client.get("/filters.json").json()["filters"]] == ["Skåne, nya kontakter"]


def _client_of(client: TestClient) -> Iterator[TestClient]:
    """A second browser on the same app (its own cookies)."""
    with TestClient(client.app, follow_redirects=False) as other:
        yield other


@pytest.mark.parametrize(
    ("name", "query", "named"),
    [
        ("", SKANE_CONTACTS, "namn"),
        ("x" * 201, SKANE_CONTACTS, "namn"),
        ("Okänt län", "county=Atlantis", "län: det finns inget län som heter atlantis."),
        ("Okänt slag", "kind=nothing_changed", "slag: okänt slag av ändring: nothing_changed."),
        ("Fel datum", "from=2026-13-45", "från: 2026-13-45 är inte ett datum (åååå-mm-dd)."),
    ],
)
def test_a_filter_that_could_not_be_shown_is_not_saved(client: TestClient, name: str, query: str, named: str) -> None:
    _log_in(client, "viewer")
    response = _save(client, name, query)
    assert response.status_code == 400 and named in response.text.lower()
    assert all(f["name"] != name for f in client.get("/filters.json").json()["filters"])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _serving(tmp_path: Path) -> Iterator[tuple[str, Stored, subprocess.Popen[str]]]:
    """The real `kommunvakt web` on a free loopback port, its output captured."""
    stored = build_database(tmp_path)
    write_sites_file(tmp_path / "sites.yaml")
    port = _free_port()
    process = start_cli("web", "--db", stored.db_url, "--sites", "sites.yaml", "--port", str(port), cwd=tmp_path)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return httpx.get(base + "/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(lambda: process.poll() is not None or answers(), 30, "kommunvakt web to answer")
        assert process.poll() is None, process.communicate()[1]
        yield base, stored, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Stored]]:
    with _serving(tmp_path) as (base, stored, _):
        yield base, stored


def _check_atom(body: bytes) -> etree._Element:
    """The structure RFC 4287 requires of a feed and its entries; the document itself."""
    root = etree.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for element in (root, *root.findall(f"{ATOM}entry")):
        for name in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{name}")) == 1, (element.tag, name)
        assert urlsplit(element.findtext(f"{ATOM}id") or "").scheme in ("http", "https")  # an absolute IRI
        datetime.fromisoformat(element.findtext(f"{ATOM}updated") or "")  # an RFC 3339 date-time
        assert (element.findtext(f"{ATOM}updated") or "")[19:] in ("Z", "+00:00")
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    assert [link.get("rel") for link in root.findall(f"{ATOM}link")] == ["self"]
    for entry in root.findall(f"{ATOM}entry"):
        (link,) = entry.findall(f"{ATOM}link")
        assert link.get("rel") == "alternate" and urlsplit(link.get("href", "")).scheme == "http"
        assert entry.find(f"{ATOM}summary").get("type") == "text"  # type: ignore[union-attr]
    assert all(str(el.tag).startswith(ATOM) for el in root.iter() if isinstance(el.tag, str))
    return root


def test_a_saved_filters_feed_is_atom_for_a_real_http_client_and_a_wrong_key_reveals_nothing(
    served: tuple[str, Stored],
) -> None:
    base, stored = served
    with httpx.Client(base_url=base, follow_redirects=False) as analyst, httpx.Client(base_url=base) as viewer:
        _log_in(analyst, "analyst")
        _log_in(viewer, "viewer")
        assert _save(analyst, "Skåne, nya kontakter", SKANE_CONTACTS).status_code == 303
        assert _save(viewer, "Mitt", "").status_code == 303
        (saved,) = analyst.get("/filters.json").json()["filters"]
        (theirs,) = viewer.get("/filters.json").json()["filters"]
        feed_url = saved["feed"]
        assert feed_url.startswith(base + "/feeds/") and feed_url.endswith(f"/{saved['id']}.atom")

        response = httpx.get(feed_url)  # a feed reader: no session, only the address
        assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
        root = _check_atom(response.content)
        assert root.findtext(f"{ATOM}title") == "kommunvakt: Skåne, nya kontakter"
        assert root.find(f"{ATOM}link").get("href") == feed_url  # type: ignore[union-attr]
        (entry,) = root.findall(f"{ATOM}entry")  # the hostile municipality's new contact, as text
        assert entry.findtext(f"{ATOM}title", "").startswith("Ond kommun <script>")
        assert entry.findtext(f"{ATOM}id") == f"{base}/changes/{stored.hostile_change}"
        key = urlsplit(feed_url).path.split("/")[2]
        assert key not in response.text.replace(feed_url, "")  # the key only in the feed's own address

        their_key = urlsplit(theirs["feed"]).path.split("/")[2]
        wrong = [
            feed_url.replace(key, key[:-1] + ("0" if key[-1] != "0" else "1")),  # a wrong key
            f"{base}/feeds/{their_key}/{saved['id']}.atom",  # another account's key, this filter
            f"{base}/feeds/{key}/{saved['id'] + 1000}.atom",  # the right key, no such filter
            f"{base}/feeds/{key}/{theirs['id']}.atom",  # the right key, another account's filter
            f"{base}/feeds/nonsense/{saved['id']}.atom",
            f"{base}/feeds/{key}/99999999999999999999.atom",
        ]
        answers = [httpx.get(url) for url in wrong]
        assert [a.status_code for a in answers] == [404] * len(wrong)
        assert len({a.text for a in answers}) == 1  # the same answer whatever was wrong

        csrf = csrf_of(analyst.get("/filters").text)
        assert analyst.post("/filters/key", data={"csrf": csrf}).status_code == 303
        assert httpx.get(feed_url).status_code == 404  # the renewed key ends the old address
        (renewed,) = analyst.get("/filters.json").json()["filters"]
        assert renewed["feed"] != feed_url and httpx.get(renewed["feed"]).status_code == 200
        assert httpx.get(theirs["feed"]).status_code == 200  # another account's key is untouched

    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session, session.begin():
        session.scalars(select(User).where(User.email == "analyst@example.se")).one().disabled = True
    assert httpx.get(renewed["feed"]).status_code == 404  # a disabled account's feeds end
    with session_factory(engine)() as session, session.begin():
        user = session.scalars(select(User).where(User.email == "analyst@example.se")).one()
        session.delete(user)
    with session_factory(engine)() as session:
        assert session.scalars(select(SavedFilter).where(SavedFilter.id == saved["id"])).first() is None
    engine.dispose()


def test_feed_keys_never_reach_the_servers_logs(tmp_path: Path) -> None:
    """uvicorn's access log and the app's own log lines, as the real server writes them, carry no feed key."""
    with _serving(tmp_path) as (base, _, process):
        with httpx.Client(base_url=base, follow_redirects=False) as analyst:
            _log_in(analyst, "analyst")
            assert _save(analyst, "Skåne, nya kontakter", SKANE_CONTACTS).status_code == 303
            (saved,) = analyst.get("/filters.json").json()["filters"]
            changes_feed = analyst.get("/changes.json?kind=contact_added").json()["feed"]
        key = urlsplit(saved["feed"]).path.split("/")[2]
        wrong = key[:-1] + ("0" if key[-1] != "0" else "1")
        asked = [
            (saved["feed"], 200),
            (f"{base}{changes_feed}", 200),
            (f"{base}/feeds/{wrong}/{saved['id']}.atom", 404),  # refused: the app logs it too
            (f"{base}/feeds/changes.atom?kind=contact_added&key={wrong}", 403),
            (f"{base}/login?next=%2Ffeeds%2F{key}%2F{saved['id']}.atom", 200),  # percent-encoded in a parameter
        ]
        assert [httpx.get(url).status_code for url, _ in asked] == [status for _, status in asked]
        process.terminate()
        out, err = process.communicate(timeout=10)
    logged = out + err
    assert key not in logged and wrong not in logged and key.split(".")[1][:12] not in logged
    access = [line for line in out.splitlines() if "/feeds/" in line or "%2Ffeeds%2F" in line]
    assert len(access) == len(asked), out  # every feed request was logged, each with its key replaced
    assert sum(f"/feeds/[redacted]/{saved['id']}.atom" in line for line in access) == 2
    assert sum("key=[redacted]" in line for line in access) == 2
    assert f"%2Ffeeds%2F[redacted]%2F{saved['id']}.atom" in out
    refusals = [line for line in err.splitlines() if "feed refused" in line]
    assert len(refusals) == 2 and all("[redacted]" in line for line in refusals), err


# --- every form × every role, with and without its CSRF token ---

#: Every form: address, fields, the least role that may post it, and what that role gets.
FORMS = [
    ("/changes/{change}/triage", {"state": "reviewed", "next": "/changes"}, "analyst", 303),
    ("/municipalities/amal/proposal", {"action": "reject"}, "admin", 303),
    ("/municipalities/hylte/edit", {"url": "http://127.0.0.11:8000/i", "main": "main", "ignore": ".x"}, "admin", 303),
    ("/municipalities/hylte/ignore/999", {"action": "reject"}, "admin", 409),  # there is no such suggestion
    ("/subscription", {"active": "on"}, "viewer", 303),
    ("/filters", {"name": "Mitt urval", "query": "kind=contact_added"}, "viewer", 303),
    ("/filters/999/delete", {}, "viewer", 404),  # no such filter of one's own
    ("/filters/key", {}, "viewer", 303),
    ("/logout", {}, "viewer", 303),
]


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_form_for_every_role_and_without_its_csrf_token(tmp_path: Path, role: str | None) -> None:
    stored = build_database(tmp_path)
    sites_file = write_sites_file(tmp_path / "sites.yaml")
    before = sites_file.read_text(encoding="utf-8")
    for client in _client(stored, sites_file):
        if role:
            _log_in(client, role)
        for path, data, least, allowed in FORMS:
            url = path.format(change=stored.hostile_change)
            if role is None:
                response = client.post(url, data=data)
                assert response.status_code == 303 and response.headers["location"].startswith("/login"), url
                continue
            csrf = csrf_of(client.get("/filters").text)
            if RANK[role] < RANK[least]:
                assert client.post(url, data={**data, "csrf": csrf}).status_code == 403, url
                continue
            assert client.post(url, data=data).status_code == 403, url  # no token
            assert client.post(url, data={**data, "csrf": csrf[::-1]}).status_code == 403, url  # a wrong one
            assert client.post(url, data={**data, "csrf": csrf}).status_code == allowed, url
        after = sites_file.read_text(encoding="utf-8")
        assert (after != before) == (role == "admin")  # only an admin's edit reached the sites file


def test_a_hostile_filter_name_stays_text_in_the_page_and_the_feed(client: TestClient) -> None:
    from web_support import JS, XSS

    _log_in(client, "analyst")
    name = f"{XSS} {JS}"
    assert _save(client, name, "kind=contact_added").status_code == 303
    page = client.get("/filters")
    assert XSS not in page.text and "&lt;script&gt;" in page.text
    assert 'href="javascript:' not in page.text
    (saved,) = [f for f in client.get("/filters.json").json()["filters"] if f["name"] == name]
    feed_path = urlsplit(saved["feed"]).path
    client.cookies.clear()
    root = _check_atom(client.get(feed_path).content)
    assert root.findtext(f"{ATOM}title") == f"kommunvakt: {name}"  # the name as text, no element from it


@pytest.mark.parametrize(
    ("query", "swedish", "english"),
    [
        (
            "county=Atlantis",
            "Län: det finns inget län som heter Atlantis.",
            "County: there is no county called Atlantis.",
        ),
        ("site=nowhere", "Kommun: finns inte i registret: nowhere.", "Municipality: not in the registry: nowhere."),
        (
            "to=31-12-2026",
            "Till: 31-12-2026 är inte ett datum (ÅÅÅÅ-MM-DD).",
            "To: 31-12-2026 is not a date (YYYY-MM-DD).",
        ),
        ("page=0", "Sidan: 0 är inte ett positivt heltal.", "Page: 0 is not a positive whole number."),
    ],
)
def test_a_bad_filter_reads_in_the_pages_language_and_names_the_parameter_in_json(
    client: TestClient, query: str, swedish: str, english: str
) -> None:
    from html import unescape

    _log_in(client, "viewer")
    for lang, expected in (("sv", swedish), ("en", english)):
        page = client.get(f"/changes?{query}&lang={lang}")
        assert page.status_code == 400 and f"<h1>{expected}</h1>" in unescape(page.text)
    twin = client.get(f"/changes.json?{query}")
    assert twin.status_code == 400 and twin.json()["error"].startswith(query.split("=")[0] + ":")
