"""The web app: routes, who may see what, and the HTML / JSON form of each page.

Every page but ``/login``, ``/healthz`` and ``/static`` needs a session. A page's JSON twin is the same
view at the same address with ``.json`` appended (or asked for with ``Accept: application/json``).
Roles: a viewer reads, an analyst also triages, an admin also sees the accounts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from crawler.clock import DEFAULT_TIMEZONE, zone
from crawler.discover.proposals import with_discovered
from crawler.display import local_text, value_text
from crawler.registry import SiteEntry
from crawler.report.i18n import reason_text
from crawler.report.safe import safe_href
from crawler.vocab import CHANGE_KINDS
from crawler.web import api, auth, feed, views
from crawler.web import queries as q
from crawler.web.actions import Actions
from crawler.web.http import HttpProblem
from crawler.web.http import day_after as _day_after
from crawler.web.http import local_path as _local_path
from crawler.web.http import positive as _positive
from crawler.web.i18n import LANGUAGES, kind_label, texts
from crawler.web.registry import LiveRegistry, OneLookPerRequest
from crawler.web.saved import SavedFilters, filter_query
from crawler.web.security import STORED_PAGE_CSP, SecurityHeaders, inert_page
from storage.models import ROLES, TRIAGE_STATES, CrawlRun, User

HERE = Path(__file__).parent
LANG_COOKIE = "kv_lang"
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class WebSettings:
    """What the app serves: the CLI's database and registry, and how it shows times and words."""

    factory: sessionmaker[Session]
    sites: Sequence[SiteEntry]
    secret: str
    timezone: str = DEFAULT_TIMEZONE
    language: str = "sv"
    engine: Engine | None = None  # for the scheduler's next run (its job table)
    sites_file: str | None = None  # read again when it changes; None: the bundled registry (read-only)
    session_lifetime: int = auth.SESSION_LIFETIME
    throttle: auth.Throttle = field(default_factory=auth.Throttle)
    clock: Callable[[], float] | None = None  # the session clock (tests make sessions expire)


class JsonTwin:
    """ASGI middleware: ``/changes.json`` is ``/changes`` answered as JSON (the API has its own paths)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.endswith(".json") and not path.startswith(("/api/", "/static/")):
                scope = {**scope, "path": path[: -len(".json")] or "/", "raw_path": None, "kv_json": True}
        await self.app(scope, receive, send)


def create_app(settings: WebSettings) -> Starlette:
    """The ASGI application (uvicorn serves it; tests call it in-process)."""
    web = _Web(settings)
    routes = [
        Route("/healthz", web.healthz),
        Route("/login", web.login_form, methods=["GET"]),
        Route("/login", web.login, methods=["POST"]),
        Route("/logout", web.logout, methods=["POST"]),
        Route("/", web.page("viewer", web.overview)),
        Route("/overview", web.page("viewer", web.overview)),
        Route("/changes", web.page("viewer", web.changes)),
        Route("/changes/{change_id:int}", web.page("viewer", web.change)),
        Route("/changes/{change_id:int}/triage", web.triage, methods=["POST"]),
        Route("/municipalities/{site_id}/proposal", web.decide_proposal, methods=["POST"]),
        Route("/municipalities/{site_id}/edit", web.page("admin", web.edit_form)),
        Route("/municipalities/{site_id}/edit", web.edit_site, methods=["POST"]),
        Route("/municipalities/{site_id}/ignore/{suggestion_id:int}", web.decide_ignore, methods=["POST"]),
        Route("/municipalities", web.page("viewer", web.municipalities)),
        Route("/municipalities/{site_id}", web.page("viewer", web.municipality)),
        Route("/versions/{version_id:int}", web.page("viewer", web.version)),
        Route("/versions/{version_id:int}/page", web.page("viewer", web.stored_page)),
        Route("/diff", web.page("viewer", web.diff)),
        Route("/feeds/changes.atom", web.feed),
        Route("/feeds/{key}/{filter_id:int}.atom", web.saved_feed),
        Route("/filters", web.page("viewer", web.saved_filters)),
        Route("/filters", web.save_filter, methods=["POST"]),
        Route("/filters/{filter_id:int}/delete", web.delete_filter, methods=["POST"]),
        Route("/filters/key", web.renew_feed_key, methods=["POST"]),
        Route("/runs", web.page("viewer", web.runs)),
        Route("/runs/{run_id:int}", web.page("viewer", web.run)),
        Route("/accounts", web.page("admin", web.accounts)),
        Route("/subscription", web.page("viewer", web.subscription)),
        Route("/subscription", web.save_subscription, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        *api.routes(web),
    ]
    app = Starlette(routes=routes, exception_handlers={404: web.not_found, 405: web.not_allowed})
    app.add_middleware(JsonTwin)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(OneLookPerRequest)
    return app


class _Web(Actions, SavedFilters):
    """The routes' shared state (settings, registry, templates) and the read-only pages; forms are in Actions."""

    def __init__(self, settings: WebSettings):
        self.s = settings
        self.registry = LiveRegistry(
            settings.sites, settings.sites_file, overlay=partial(with_discovered, settings.factory)
        )
        kwargs = {"clock": settings.clock} if settings.clock else {}
        self.codec = auth.SessionCodec(settings.secret, settings.session_lifetime, **kwargs)
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["local"] = self._local
        self.env.filters["value"] = lambda value: value_text(value)
        self.env.filters["href"] = safe_href
        self.env.filters["reason"] = _reason

    # --- plumbing ---

    @property
    def all_sites(self) -> Sequence[SiteEntry]:
        return self.registry.now().sites

    @property
    def sites(self) -> dict[str, SiteEntry]:
        return self.registry.now().by_id

    @property
    def counties(self) -> list[str]:
        return self.registry.now().counties

    def _local(self, value: str | None) -> str:
        return local_text(datetime.fromisoformat(value), self.s.timezone) if value else ""

    def lang(self, request: Request) -> str:
        asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
        return asked if asked in LANGUAGES else self.s.language

    @staticmethod
    def wants_json(request: Request) -> bool:
        if request.scope.get("kv_json"):
            return True
        accept = request.headers.get("accept", "")
        return "application/json" in accept and "text/html" not in accept

    def session_of(self, request: Request) -> tuple[auth.SessionData, User] | None:
        data = self.codec.load(request.cookies.get(auth.SESSION_COOKIE))
        if data is None:
            return None
        with self.s.factory() as session:
            user = session.get(User, data.user_id)
            if user is None or user.disabled or user.session_epoch != data.epoch:
                return None
            session.expunge(user)
        return data, user

    def render(
        self, request: Request, template: str, view: dict[str, Any], status: int = 200, **extra: Any
    ) -> Response:
        if self.wants_json(request):
            return JSONResponse(view, status_code=status)
        lang = self.lang(request)
        current = extra.pop("current", None)
        context = {
            "view": view,
            "t": texts(lang),
            "lang": lang,
            "kind_label": lambda kind: kind_label(kind, lang),
            "user": current[1] if current else None,
            "csrf": current[0].csrf if current else None,
            "path": request.url.path,
            "query": request.url.query,
            "other_lang": "en" if lang == "sv" else "sv",
            "pager_query": lambda number: urlencode(
                [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "lang")]
                + [("page", number)]
            ),
            **extra,
        }
        response = HTMLResponse(self.env.get_template(template).render(context), status_code=status)
        if request.query_params.get("lang") in LANGUAGES:
            response.set_cookie(
                LANG_COOKIE, lang, max_age=365 * 86400, httponly=True, samesite="lax", secure=self._secure(request)
            )
        return response

    def problem(self, request: Request, status: int, message: str, current: Any = None) -> Response:
        if self.wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        return self.render(request, "error.html", {"error": message}, status, current=current)

    def refuse(self, request: Request, problem: HttpProblem, current: Any = None) -> Response:
        """``problem`` answered: its message (the parameter first) for JSON, its words in the page's language."""
        message = problem.message if self.wants_json(request) else problem.localised(texts(self.lang(request)))
        return self.problem(request, problem.status, message, current)

    def page(
        self, role: str, build: Callable[[Request, Session], tuple[str, dict[str, Any]] | Response]
    ) -> Callable[[Request], Response]:
        """A GET endpoint that needs a session of at least ``role``; ``build`` returns (template, view)."""

        def endpoint(request: Request) -> Response:
            current = self.session_of(request)
            if current is None:
                if self.wants_json(request):
                    return JSONResponse({"error": "login required"}, status_code=401)
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
            t = texts(self.lang(request))
            if not auth.role_at_least(current[1].role, role):
                return self.problem(request, 403, t["forbidden"], current)
            try:
                with self.s.factory() as session:
                    built = build(request, session)
            except HttpProblem as exc:
                return self.refuse(request, exc, current)
            if isinstance(built, Response):
                return built
            template, view = built
            return self.render(request, template, view, current=current)

        return endpoint

    async def not_found(self, request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(api.PREFIX + "/"):
            return JSONResponse({"error": "not found"}, status_code=404)
        return self.problem(request, 404, texts(self.lang(request))["not_found"])

    async def not_allowed(self, request: Request, exc: Exception) -> Response:
        if request.url.path.startswith(api.PREFIX + "/"):
            response: Response = JSONResponse({"error": "method not allowed"}, status_code=405)
        else:
            response = self.refuse(request, HttpProblem(405, "method not allowed", "method_not_allowed"))
        response.headers.update(getattr(exc, "headers", None) or {})  # Allow: the methods there are
        return response

    # --- open routes ---

    def healthz(self, request: Request) -> Response:
        from sqlalchemy import text

        with self.s.factory() as session:
            session.execute(text("SELECT 1"))
        return PlainTextResponse("ok")

    def login_form(self, request: Request, message: str | None = None, status: int = 200) -> Response:
        token, cookie = self.codec.login_token()
        next_path = _local_path(request.query_params.get("next"))
        response = self.render(request, "login.html", {"error": message, "next": next_path}, status, login_csrf=token)
        response.set_cookie(
            auth.LOGIN_COOKIE, cookie, max_age=3600, httponly=True, samesite="lax", secure=self._secure(request)
        )
        return response

    @staticmethod
    def _secure(request: Request) -> bool:
        return request.url.scheme == "https"

    async def login(self, request: Request) -> Response:
        form = await request.form()
        t = texts(self.lang(request))
        expected = self.codec.login_token_of(request.cookies.get(auth.LOGIN_COOKIE))
        if not auth.same(str(form.get("csrf", "")), expected):
            return self.login_form(request, t["form_expired"], 403)
        email = str(form.get("email", "")).strip().lower()
        password = str(form.get("password", ""))
        address = request.client.host if request.client else "unknown"
        if self.s.throttle.blocked(email, address):
            return self.login_form(request, t["login_throttled"], 429)
        user = await run_in_threadpool(self._check_login, email, password)
        if user is None:
            self.s.throttle.failed(email, address)
            return self.login_form(request, t["login_failed"], 401)
        self.s.throttle.succeeded(email)
        response = RedirectResponse(_local_path(str(form.get("next", ""))) or "/", status_code=303)
        response.set_cookie(
            auth.SESSION_COOKIE,
            self.codec.dump(user),
            max_age=self.codec.lifetime,
            httponly=True,
            samesite="lax",
            secure=self._secure(request),
        )
        response.delete_cookie(auth.LOGIN_COOKIE)
        return response

    def _check_login(self, email: str, password: str) -> User | None:
        with self.s.factory() as session, session.begin():
            user = auth.find_user(session, email) if email else None
            ok = auth.check_password(user.password_hash if user else None, password)
            if user is None or not ok or user.disabled:
                return None
            session.expunge(user)
            return user

    async def logout(self, request: Request) -> Response:
        current = self.session_of(request)
        form = await request.form()
        if current is not None and not auth.same(str(form.get("csrf", "")), current[0].csrf):
            return self.problem(request, 403, texts(self.lang(request))["form_expired"], current)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(auth.SESSION_COOKIE)
        return response

    # --- pages ---

    def overview(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        next_run = None
        if self.s.engine is not None:
            from crawler.ops.runs import next_scheduled_run

            next_run = next_scheduled_run(self.s.engine)
        return "overview.html", views.overview(session, self.all_sites, next_run)

    def changes(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        where, page, filters = self._change_filter(request.query_params)
        view = views.changes(session, self.all_sites, where, page, filters)
        current = self.session_of(request)
        view["query"] = filter_query(request.query_params)  # what "save this selection" keeps
        if current is not None:  # the feed of this very filter, opened by the user's feed key
            key = feed.current_key(session, self.s.secret, current[1])
            view["feed"] = "/feeds/changes.atom?" + urlencode([("key", key), *parse_qsl(view["query"])])
        return "changes.html", view | {
            "choices": {
                "counties": self.counties,
                "sites": [{"id": s.id, "name": s.name} for s in self.all_sites],
                "kinds": list(CHANGE_KINDS),
                "triage": ["none", *TRIAGE_STATES],
            }
        }

    def _change_filter(self, params: QueryParams) -> tuple[q.ChangeQuery, int, dict[str, Any]]:
        """The filter from the URL; anything unknown is a 400 naming the parameter (never an empty list)."""
        county = params.get("county") or None
        site_ids = [s for s in params.getlist("site") if s]
        kinds = [k for k in params.getlist("kind") if k]
        triage = params.get("triage") or None
        if county is not None and county not in self.counties:
            raise HttpProblem(400, f"county: unknown county {county!r}", "bad_county", value=county)
        if unknown := [s for s in site_ids if s not in self.sites]:
            listed = ", ".join(unknown)
            raise HttpProblem(400, f"site: unknown site id(s): {listed}", "bad_site", value=listed)
        if unknown := [k for k in kinds if k not in CHANGE_KINDS]:
            listed = ", ".join(unknown)
            raise HttpProblem(400, f"kind: unknown kind(s): {listed}", "bad_kind", value=listed)
        if triage is not None and triage not in ("none", *TRIAGE_STATES):
            raise HttpProblem(400, f"triage: unknown state {triage!r}", "bad_triage", value=triage)
        since = self._day(params.get("from"), "from")
        until = self._day(params.get("to"), "to")
        page = _positive(params.get("page") or "1", "page")
        run_id = _positive(params["run"], "run") if params.get("run") else None
        selected: list[str] | None = None
        if county is not None:
            selected = [s.id for s in self.all_sites if s.county == county]
        if site_ids:
            selected = [s for s in site_ids if selected is None or s in selected]
        where = q.ChangeQuery(
            site_ids=selected,
            kinds=kinds,
            since=since,
            until=_day_after(until),
            triage=triage,
            run_id=run_id,
        )
        filters = {
            "run": run_id,
            "county": county,
            "site": site_ids,
            "kind": kinds,
            "from": params.get("from") or None,
            "to": params.get("to") or None,
            "triage": triage,
        }
        return where, page, filters

    def _day(self, value: str | None, name: str) -> datetime | None:
        """A local calendar day (YYYY-MM-DD) as the UTC moment it starts (far-off years clamp to the ends of time)."""
        if not value:
            return None
        try:
            if not _DAY.fullmatch(value):
                raise ValueError(value)
            day = datetime.fromisoformat(value)
        except ValueError as exc:
            message = f"{name}: not a date (YYYY-MM-DD): {value!r}"
            raise HttpProblem(400, message, "bad_date", label=name, value=value) from exc
        try:
            return day.replace(tzinfo=zone(self.s.timezone)).astimezone(UTC)
        except OverflowError:
            return (datetime.min if day.year < 2000 else datetime.max).replace(tzinfo=UTC)

    def change(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        view = views.change_detail(session, request.path_params["change_id"], self.all_sites)
        if view is None:
            raise HttpProblem(404, texts(self.lang(request))["not_found"])
        return "change.html", view

    def municipalities(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        return "municipalities.html", views.municipalities(session, self.all_sites)

    def municipality(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        site = self.sites.get(request.path_params["site_id"])
        if site is None:
            raise HttpProblem(404, texts(self.lang(request))["not_found"])
        return "municipality.html", views.municipality(session, site)

    def _snapshot(self, request: Request, session: Session, version_id: int, **load: bool) -> Any:
        snap = q.snapshot(session, version_id, **load)
        if snap is None:
            raise HttpProblem(404, texts(self.lang(request))["not_found"])
        from storage.models import Page

        page = session.get(Page, snap.page_id)
        site_id = page.site_id if page else "?"
        return snap, site_id, self.sites.get(site_id)

    def version(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        snap, site_id, site = self._snapshot(request, session, request.path_params["version_id"], with_text=True)
        return "version.html", views.version(session, snap, site, site_id)

    def stored_page(self, request: Request, session: Session) -> Response:
        snap, _, _ = self._snapshot(request, session, request.path_params["version_id"], with_html=True)
        return HTMLResponse(
            inert_page(snap.html_z, snap.url, snap.content_type),
            headers={"content-security-policy": STORED_PAGE_CSP, "x-frame-options": "SAMEORIGIN"},
        )

    def diff(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        ids = []
        for name in ("from", "to"):
            raw = request.query_params.get(name, "")
            if not raw.isdigit():
                raise HttpProblem(400, f"{name}: give a version number (?from=ID&to=ID)", "bad_diff")
            ids.append(int(raw))
        old, site_id, site = self._snapshot(request, session, ids[0], with_text=True)
        new, _, _ = self._snapshot(request, session, ids[1], with_text=True)
        return "diff.html", views.diff(old, new, site_id, site)

    def runs(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        return "runs.html", views.runs(session, _positive(request.query_params.get("page") or "1", "page"))

    def run(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        crawl_run = session.get(CrawlRun, request.path_params["run_id"])
        if crawl_run is None:
            raise HttpProblem(404, texts(self.lang(request))["not_found"])
        return "run.html", views.run(session, crawl_run, self.all_sites)

    def accounts(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        return "accounts.html", views.accounts(session) | {"roles": list(ROLES)}


@pass_context
def _reason(context: Context, reason: str | None) -> str:
    """A stored failure reason (English, as the logs and the database keep it) in the page's language."""
    return reason_text(reason, str(context.get("lang", "sv"))) if reason else ""
