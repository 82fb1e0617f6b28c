"""The read-only JSON API under /api/v1/ and its OpenAPI document.

Authenticated with a user's token (``Authorization: Bearer …``, made by `kommunvakt users token`) or,
for a person trying it in the browser, the session cookie. Changes carry the fields of
`kommunvakt changes --format json`; every list is paginated (``page``, ``per_page``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from crawler.registry import SiteEntry
from crawler.vocab import CHANGE_KINDS
from crawler.web import auth, views
from crawler.web import queries as q
from crawler.web.http import HttpProblem
from crawler.web.http import positive as _positive
from storage.models import TRIAGE_STATES, User

if TYPE_CHECKING:
    from crawler.web.app import _Web

PREFIX = "/api/v1"
MAX_PER_PAGE = 500
PAGE_PARAMETERS = ("page", "per_page")
CHANGE_PARAMETERS = ("county", "site", "kind", "from", "to", "triage", "run")


def routes(web: _Web) -> list[Route]:
    api = _Api(web)
    return [
        Route(f"{PREFIX}/openapi.json", api.guarded(api.openapi)),
        Route(f"{PREFIX}/changes", api.guarded(api.changes, CHANGE_PARAMETERS + PAGE_PARAMETERS)),
        Route(f"{PREFIX}/municipalities", api.guarded(api.municipalities, PAGE_PARAMETERS)),
        Route(f"{PREFIX}/municipalities/{{site_id}}", api.guarded(api.municipality)),
        Route(f"{PREFIX}/versions/{{version_id:int}}", api.guarded(api.version)),
        Route(f"{PREFIX}/runs", api.guarded(api.runs, PAGE_PARAMETERS)),
    ]


class _Api:
    def __init__(self, web: _Web):
        self.web = web

    def user(self, request: Request) -> User | None:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if header:
            if scheme.lower() != "bearer" or not token.strip():
                return None
            with self.web.s.factory() as session, session.begin():
                user = auth.user_for_token(session, token.strip())
                if user is not None:
                    session.expunge(user)
                return user
        current = self.web.session_of(request)
        return current[1] if current else None

    def guarded(self, handler: Any, parameters: Sequence[str] = ()) -> Any:
        """Token (or session) required; a parameter that is unknown or empty is a 400 naming it."""

        def endpoint(request: Request) -> Response:
            if self.user(request) is None:
                return JSONResponse(
                    {"error": "a valid token is required (Authorization: Bearer TOKEN)"},
                    status_code=401,
                    headers={"www-authenticate": 'Bearer realm="kommunvakt"'},
                )
            for name, value in request.query_params.multi_items():
                if name not in parameters:
                    return JSONResponse({"error": f"{name}: unknown parameter"}, status_code=400)
                if not value.strip():  # the browser's forms send empty fields; an API client means something by one
                    return JSONResponse({"error": f"{name}: empty"}, status_code=400)
            try:
                return JSONResponse(handler(request))
            except HttpProblem as exc:
                return JSONResponse({"error": exc.message}, status_code=exc.status)

        return endpoint

    def _paging(self, request: Request) -> tuple[int, int]:
        page = _positive(request.query_params.get("page") or "1", "page")
        per_page = _positive(request.query_params.get("per_page") or str(q.PAGE_SIZE), "per_page")
        if per_page > MAX_PER_PAGE:
            raise HttpProblem(400, f"per_page: at most {MAX_PER_PAGE}")
        return page, per_page

    def changes(self, request: Request) -> dict[str, Any]:
        where, _, filters = self.web._change_filter(request.query_params)
        page, per_page = self._paging(request)
        with self.web.s.factory() as session:
            view = views.changes(session, self.web.all_sites, where, page, filters, page_size=per_page)
        return {
            "items": view["changes"],
            "page": page,
            "per_page": per_page,
            "total": view["total"],
            "pages": view["pages"],
        }

    def _municipality(self, site: Any, page: Any) -> dict[str, Any]:
        state = None
        if page is not None:
            state = {
                "url": page.url,
                "gone": page.gone,
                "failing_since": views.iso(page.failing_since),
                "last_error": page.last_error,
                "last_version": page.last_snapshot_id,
            }
        return {**site.as_json(), "page": state}

    def municipalities(self, request: Request) -> dict[str, Any]:
        page, per_page = self._paging(request)
        sites = list(self.web.all_sites)
        chosen = sites[(page - 1) * per_page : page * per_page]
        with self.web.s.factory() as session:
            pages = q.pages_by_site(session)
        return {
            "items": [self._municipality(site, pages.get(site.id)) for site in chosen],
            "page": page,
            "per_page": per_page,
            "total": len(sites),
            "pages": max(1, -(-len(sites) // per_page)),
        }

    def municipality(self, request: Request) -> dict[str, Any]:
        site = self.web.sites.get(request.path_params["site_id"])
        if site is None:
            raise HttpProblem(404, "no such municipality")
        with self.web.s.factory() as session:
            view = views.municipality(session, site)
        page = view.pop("page")
        parts = ("versions", "fetches", "changes", "proposals", "restless")
        return {**view["site"], "page": page, **{k: view[k] for k in parts}}

    def version(self, request: Request) -> dict[str, Any]:
        version_id = request.path_params["version_id"]
        if version_id > 999_999_999:
            raise HttpProblem(404, "no such version")
        with self.web.s.factory() as session:
            snap = q.snapshot(session, version_id, with_text=True)
            if snap is None:
                raise HttpProblem(404, "no such version")
            from storage.models import Page

            page = session.get(Page, snap.page_id)
            site_id = page.site_id if page else "?"
            return views.version(session, snap, self.web.sites.get(site_id), site_id)

    def runs(self, request: Request) -> dict[str, Any]:
        page, per_page = self._paging(request)
        with self.web.s.factory() as session:
            view = views.runs(session, page, per_page)
        return {
            "items": view["runs"],
            "page": page,
            "per_page": per_page,
            "total": view["total"],
            "pages": view["pages"],
        }

    def openapi(self, request: Request) -> dict[str, Any]:
        return openapi_document(self.web.all_sites)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_STR = {"type": "string"}
_INT = {"type": "integer"}
_TIME = {"type": "string", "format": "date-time"}
_ANY: dict[str, Any] = {}


def _page_of(item: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "page", "per_page", "total", "pages"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
            "page": _INT,
            "per_page": _INT,
            "total": _INT,
            "pages": _INT,
        },
    }


def _param(name: str, schema: dict[str, Any], description: str, *, many: bool = False) -> dict[str, Any]:
    shown = {"type": "array", "items": schema} if many else schema
    return {"name": name, "in": "query", "required": False, "schema": shown, "description": description}


#: What the app takes for a number (a page, a run, a version): positive, at most nine digits.
_ID = {"type": "integer", "minimum": 1, "maximum": 999_999_999}
PAGING = [
    _param("page", _ID, "Page number, from 1."),
    _param("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}, "Items per page."),
]


def _answer(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


ERRORS = {
    "400": _answer("A parameter is wrong; the message names it.", "Error"),
    "401": _answer("No valid token.", "Error"),
}


def _get(summary: str, schema: str, parameters: list[dict[str, Any]], *, not_found: bool = False) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _answer(summary, schema), **ERRORS}
    if not_found:
        responses["404"] = _answer("Not found.", "Error")
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def openapi_document(sites: Sequence[SiteEntry]) -> dict[str, Any]:
    """The API described as OpenAPI 3.1 (its schemas are JSON Schema 2020-12), with this registry's ids and counties."""
    counties = sorted({site.county for site in sites if site.county})
    change_filters = [
        _param("county", {"type": "string", "enum": counties}, "Only municipalities of this county."),
        _param("site", {"type": "string", "enum": [s.id for s in sites]}, "Only these municipalities.", many=True),
        _param("kind", {"type": "string", "enum": list(CHANGE_KINDS)}, "Only these kinds (repeatable).", many=True),
        _param("from", {"type": "string", "format": "date"}, "Detected on or after this local day."),
        _param("to", {"type": "string", "format": "date"}, "Detected on or before this local day."),
        _param("triage", {"type": "string", "enum": ["none", *TRIAGE_STATES]}, "Triage state ('none': not triaged)."),
        _param("run", _ID, "Only changes of this crawl run."),
        *PAGING,
    ]
    triage = _nullable(
        {
            "type": "object",
            "required": ["state", "note", "user", "at"],
            "properties": {
                "state": {"type": "string", "enum": list(TRIAGE_STATES)},
                "note": _nullable(_STR),
                "user": _nullable(_STR),
                "at": _TIME,
            },
        }
    )
    change = {
        "type": "object",
        "required": ["id", "site", "url", "kind", "old", "new", "detected_at", "run", "triage"],
        "properties": {
            "id": _INT,
            "site": _STR,
            "site_name": _STR,
            "county": _nullable(_STR),
            "url": _STR,
            "kind": {"type": "string", "enum": list(CHANGE_KINDS)},
            "old": _ANY,
            "new": _ANY,
            "detected_at": _TIME,
            "run": _nullable(_INT),
            "old_version": _nullable(_INT),
            "new_version": _nullable(_INT),
            "triage": triage,
        },
    }
    page_state = _nullable(
        {
            "type": "object",
            "properties": {
                "url": _STR,
                "gone": {"type": "boolean"},
                "failing_since": _nullable(_TIME),
                "last_error": _nullable(_STR),
            },
        }
    )
    municipality = {
        "type": "object",
        "required": ["id", "name", "located", "page"],
        "properties": {
            "id": _STR,
            "name": _STR,
            "code": _nullable(_STR),
            "county": _nullable(_STR),
            "home": _nullable(_STR),
            "url": _nullable(_STR),
            "located": {"type": "boolean"},
            "page": page_state,
        },
    }
    run = {
        "type": "object",
        "required": ["id", "started_at", "finished_at", "status", "trigger", "figures"],
        "properties": {
            "id": _INT,
            "started_at": _TIME,
            "finished_at": _nullable(_TIME),
            "status": _STR,
            "trigger": _STR,
            "figures": {"type": "object", "additionalProperties": _INT},
            "note": _nullable(_STR),
        },
    }
    version = {
        "type": "object",
        "required": ["id", "site", "url", "taken_at", "text", "record"],
        "properties": {
            "id": _INT,
            "site": _STR,
            "url": _STR,
            "taken_at": _TIME,
            "run": _nullable(_INT),
            "previous": _nullable(_INT),
            "next": _nullable(_INT),
            "text": _STR,
            "record": {"type": "object"},
        },
    }
    detail = {
        "allOf": [
            {"$ref": "#/components/schemas/Municipality"},
            {
                "type": "object",
                "required": ["versions", "fetches", "changes", "proposals", "restless"],
                "properties": {
                    "versions": {"type": "array"},
                    "fetches": {"type": "array"},
                    "changes": {"type": "array", "items": {"$ref": "#/components/schemas/Change"}},
                    "proposals": {"type": "array"},
                    "restless": {
                        "type": "object",
                        "description": "what of the latest version is not reported when it changes again",
                        "required": ["text", "stamp"],
                        "properties": {"text": {"type": "array", "items": _STR}, "stamp": {"type": "boolean"}},
                    },
                },
            },
        ]
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "kommunvakt",
            "version": "1",
            "description": "Read-only access to the changes kommunvakt found on municipalities' pages.",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": {
            f"{PREFIX}/changes": _get("Changes, newest first.", "ChangePage", change_filters),
            f"{PREFIX}/municipalities": _get("The registry with each page's state.", "MunicipalityPage", PAGING),
            f"{PREFIX}/municipalities/{{site_id}}": _get(
                "A municipality with its timeline, changes and proposals.",
                "MunicipalityDetail",
                [{"name": "site_id", "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}],
                not_found=True,
            ),
            f"{PREFIX}/versions/{{version_id}}": _get(
                "A stored version: its text and record.",
                "Version",
                [{"name": "version_id", "in": "path", "required": True, "schema": _ID}],
                not_found=True,
            ),
            f"{PREFIX}/runs": _get("Crawl runs, newest first, with their figures.", "RunPage", PAGING),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": _STR}},
                "Change": change,
                "ChangePage": _page_of("Change"),
                "Municipality": municipality,
                "MunicipalityPage": _page_of("Municipality"),
                "MunicipalityDetail": detail,
                "Run": run,
                "RunPage": _page_of("Run"),
                "Version": version,
            },
        },
    }
