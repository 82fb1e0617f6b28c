"""The read-only JSON API (/api/v1/): token authentication, its OpenAPI document, and answers that match it.

Every answer is checked against the document's own schemas (jsonschema), and schemathesis generates
requests from the document: no 5xx, every answer as the document says.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.testclient import TestClient
from web_support import SITES, Stored, build_database

from crawler.web.api import openapi_document
from crawler.web.app import WebSettings, create_app
from crawler.web.auth import app_secret, find_user, issue_token
from storage.db import make_engine, session_factory
from storage.queries import ChangeFilter, change_as_json, changes

DOCUMENT = openapi_document(SITES)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Stored:
    return build_database(tmp_path_factory.mktemp("api"), extra_changes=30)


@pytest.fixture(scope="module")
def served(stored: Stored) -> Iterator[tuple[TestClient, str]]:
    engine = make_engine(stored.db_url)
    factory = session_factory(engine)
    with factory() as session, session.begin():
        user = find_user(session, "viewer@example.se")
        assert user is not None
        token = issue_token(session, user)
    app = create_app(WebSettings(factory=factory, sites=SITES, secret=app_secret(factory), engine=engine))
    with TestClient(app, follow_redirects=False) as client:
        yield client, token
    engine.dispose()


def _validator(schema_name: str) -> Draft202012Validator:
    resource = Resource.from_contents(DOCUMENT, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:kommunvakt-api", resource)
    return Draft202012Validator({"$ref": f"urn:kommunvakt-api#/components/schemas/{schema_name}"}, registry=registry)


def _check(payload: object, schema_name: str) -> None:
    errors = sorted(_validator(schema_name).iter_errors(payload), key=str)
    assert not errors, errors[0]


@pytest.mark.parametrize(
    "path", ["/api/v1/changes", "/api/v1/municipalities", "/api/v1/runs", "/api/v1/openapi.json", "/api/v1/versions/1"]
)
@pytest.mark.parametrize("authorization", [None, "Bearer ", "Bearer wrong-token", "Basic dmlld2VyOng="])
def test_no_valid_token_no_answer(served: tuple[TestClient, str], path: str, authorization: str | None) -> None:
    client, _ = served
    headers = {"authorization": authorization} if authorization else {}
    response = client.get(path, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")
    _check(response.json(), "Error")


def test_changes_carry_the_cli_fields_and_match_the_schema(served: tuple[TestClient, str], stored: Stored) -> None:
    client, token = served
    auth = {"authorization": f"Bearer {token}"}
    answer = client.get("/api/v1/changes?site=trollhattan", headers=auth).json()
    _check(answer, "ChangePage")
    engine = make_engine(stored.db_url)
    with session_factory(engine)() as session:
        cli = [change_as_json(r) for r in changes(session, ChangeFilter(site_ids=["trollhattan"]))]
    engine.dispose()
    assert sorted((c["kind"], c["detected_at"], c["run"]) for c in answer["items"]) == sorted(
        (c["kind"], c["detected_at"], c["run"]) for c in cli
    )
    for item in answer["items"]:
        assert {k: item[k] for k in cli[0]} in cli


def test_lists_are_paginated(served: tuple[TestClient, str]) -> None:
    client, token = served
    auth = {"authorization": f"Bearer {token}"}
    first = client.get("/api/v1/changes?site=hylte&per_page=20", headers=auth).json()
    third = client.get("/api/v1/changes?site=hylte&per_page=20&page=2", headers=auth).json()
    assert first["total"] == 30 and first["pages"] == 2 and len(first["items"]) == 20 and len(third["items"]) == 10
    assert not {c["id"] for c in first["items"]} & {c["id"] for c in third["items"]}
    assert client.get("/api/v1/changes?per_page=501", headers=auth).status_code == 400
    municipalities = client.get("/api/v1/municipalities?per_page=2&page=2", headers=auth).json()
    _check(municipalities, "MunicipalityPage")
    assert [m["id"] for m in municipalities["items"]] == [s.id for s in SITES[2:4]]


def test_each_resource_matches_its_schema(served: tuple[TestClient, str], stored: Stored) -> None:
    client, token = served
    auth = {"authorization": f"Bearer {token}"}
    _check(client.get("/api/v1/runs", headers=auth).json(), "RunPage")
    _check(client.get("/api/v1/municipalities/hostile", headers=auth).json(), "MunicipalityDetail")
    version = client.get(f"/api/v1/versions/{stored.trollhattan_versions[1]}", headers=auth).json()
    _check(version, "Version")
    assert "Sara Lindberg" in version["text"]
    missing = client.get("/api/v1/versions/999999", headers=auth)
    assert missing.status_code == 404
    _check(missing.json(), "Error")
    document = client.get("/api/v1/openapi.json", headers=auth).json()
    assert document == DOCUMENT and document["openapi"].startswith("3.1")


def test_the_session_cookie_also_opens_the_api(served: tuple[TestClient, str]) -> None:
    client, _ = served
    form = client.get("/login").text
    from web_support import PASSWORD, csrf_of

    client.post("/login", data={"csrf": csrf_of(form), "email": "viewer@example.se", "password": PASSWORD})
    try:
        assert client.get("/api/v1/runs").status_code == 200
    finally:
        client.cookies.clear()


schemathesis = pytest.importorskip("schemathesis")


@pytest.fixture(scope="module")
def api_schema(served: tuple[TestClient, str]):  # type: ignore[no-untyped-def]
    """The document as the app serves it, with the app as the transport (in-process ASGI)."""
    client, token = served
    schema = schemathesis.openapi.from_asgi(
        "/api/v1/openapi.json", client.app, headers={"authorization": f"Bearer {token}"}
    )
    # the token is sent with every case (below); generated cases vary everything else, valid and invalid
    schema.config.generation.update(with_security_parameters=False)
    return schema


LAZY = schemathesis.pytest.from_fixture("api_schema")


@LAZY.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_never_break_the_api(case, served: tuple[TestClient, str]) -> None:  # type: ignore[no-untyped-def]
    _, token = served
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
