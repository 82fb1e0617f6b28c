"""Saved filters: each account keeps changes filters under a name, each with an Atom feed of its own.

A saved filter is the changes page's query string, checked when it is saved and read again whenever it is
used (a filter naming a county that has left the registry says so instead of showing nothing). Its feed's
address carries the account's feed key (crawler/web/feed.py) in the path; a wrong key, another account's
filter and a filter that does not exist all get the same 404, so an address reveals nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from crawler.clock import utcnow
from crawler.web import feed, views
from crawler.web import queries as q
from crawler.web.host import RouteHost
from crawler.web.http import HttpProblem
from crawler.web.i18n import texts
from storage.models import SavedFilter

#: The changes page's filter parameters, the only ones a saved filter keeps (not the page or the language).
FILTER_PARAMETERS = ("county", "site", "kind", "from", "to", "triage", "run")
NAME_LIMIT = 200
#: Saved filters per account: plenty for a person, a bound for a script.
MAX_FILTERS = 200

log = logging.getLogger(__name__)


def filter_query(params: QueryParams) -> str:
    """The filter part of a changes URL's query, empty values dropped, in a stable order."""
    kept = [(name, value) for name in FILTER_PARAMETERS for value in params.getlist(name) if value.strip()]
    return urlencode(kept)


class SavedFilters(RouteHost):
    """Mixed into the app's route holder: the saved filters page, its forms and the feeds."""

    def saved_filters(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        current = self.session_of(request)
        assert current is not None  # page() let only a session through
        user = current[1]
        key = feed.current_key(session, self.s.secret, user)
        base = str(request.base_url).rstrip("/")
        names = {s.id: s.name for s in self.all_sites}
        rows = session.scalars(select(SavedFilter).where(SavedFilter.user_id == user.id).order_by(SavedFilter.name))
        return "saved.html", {
            "filters": [
                {
                    "id": row.id,
                    "name": row.name,
                    "query": row.query,
                    "criteria": _criteria(QueryParams(row.query), names),
                    "changes": f"/changes?{row.query}" if row.query else "/changes",
                    "feed": f"{base}/feeds/{key}/{row.id}.atom",
                    "created_at": views.iso(row.created_at),
                }
                for row in rows
            ]
        }

    async def save_filter(self, request: Request) -> Response:
        """Keep the posted changes query under a name; the same name again replaces that filter's query."""
        checked = await self._form(request, "viewer")
        if isinstance(checked, Response):
            return checked
        current, form = checked
        t = texts(self.lang(request))
        name = " ".join(str(form.get("name", "")).split())
        if not name or len(name) > NAME_LIMIT:
            return self.problem(request, 400, t["filter_name_missing"], current)
        query = filter_query(QueryParams(str(form.get("query", ""))))
        try:
            self._change_filter(QueryParams(query))  # a filter that could not be shown is not saved
        except HttpProblem as exc:
            return self.problem(request, exc.status, exc.localised(t), current)
        if not await run_in_threadpool(_store, self.s.factory, current[1].id, name, query):
            return self.problem(request, 409, t["too_many_filters"].format(count=MAX_FILTERS), current)
        return RedirectResponse("/filters", status_code=303)

    async def delete_filter(self, request: Request) -> Response:
        checked = await self._form(request, "viewer")
        if isinstance(checked, Response):
            return checked
        current, _ = checked
        filter_id = request.path_params["filter_id"]
        if not await run_in_threadpool(_delete, self.s.factory, current[1].id, filter_id):
            return self.problem(request, 404, texts(self.lang(request))["not_found"], current)
        return RedirectResponse("/filters", status_code=303)

    async def renew_feed_key(self, request: Request) -> Response:
        """A new feed key: every feed address the account handed out stops working."""
        checked = await self._form(request, "viewer")
        if isinstance(checked, Response):
            return checked
        current, _ = checked
        await run_in_threadpool(_in_transaction, self.s.factory, lambda session: feed.renew(session, current[1].id))
        return RedirectResponse("/filters", status_code=303)

    def saved_feed(self, request: Request) -> Response:
        """A saved filter as Atom, opened by its owner's feed key; anything wrong is the same 404."""
        filter_id = request.path_params["filter_id"]
        with self.s.factory() as session:
            user = feed.user_of(session, self.s.secret, request.path_params["key"])
            row = session.get(SavedFilter, filter_id) if user is not None and filter_id < 2**31 else None
            t = texts(self.s.language)  # a feed reader carries no language: the app's
            if user is None or row is None or row.user_id != user.id:
                _refused(request)
                return PlainTextResponse(t["feed_not_found"], status_code=404)
            try:
                where, _, _ = self._change_filter(QueryParams(row.query))
            except HttpProblem as exc:  # the registry changed under the filter: say what no longer exists
                stale = t["feed_filter_stale"].format(name=row.name, problem=exc.localised(t))
                return PlainTextResponse(stale, status_code=409)
            return self._atom(request, session, where, f"kommunvakt: {row.name}", f"/feeds/filters/{row.id}")

    def feed(self, request: Request) -> Response:
        """The changes page's filter as Atom, opened by the user's feed key (``key=``) instead of a session."""
        with self.s.factory() as session:
            t = texts(self.lang(request))
            if feed.user_of(session, self.s.secret, request.query_params.get("key", "")) is None:
                _refused(request)
                return PlainTextResponse(t["feed_key_refused"], status_code=403)
            try:
                where, _, _ = self._change_filter(request.query_params)
            except HttpProblem as exc:
                return PlainTextResponse(exc.localised(t), status_code=exc.status)
            title = f"kommunvakt: {texts(self.lang(request))['changes_title']}"
            return self._atom(request, session, where, title, "")

    def _atom(self, request: Request, session: Session, where: q.ChangeQuery, title: str, feed_id: str) -> Response:
        """The first page of changes matching ``where`` as an Atom document (the key stays out of its ids)."""
        view = views.changes(session, self.all_sites, where, 1, {}, count=False)
        base = str(request.base_url).rstrip("/")
        body = feed.atom(
            view["changes"],
            title=title,
            base=base,
            self_url=str(request.url),
            lang=self.lang(request),
            updated=views.iso(utcnow()) or "",
            feed_id=base + feed_id if feed_id else "",
        )
        return Response(body, media_type="application/atom+xml")


def _criteria(params: QueryParams, site_names: dict[str, str]) -> dict[str, Any]:
    """What a saved query selects, for the page to put in words (site ids as names)."""
    return {
        "county": params.get("county"),
        "sites": [site_names.get(s, s) for s in params.getlist("site")],
        "kinds": params.getlist("kind"),
        "from": params.get("from"),
        "to": params.get("to"),
        "triage": params.get("triage"),
        "run": params.get("run"),
    }


def _in_transaction(factory: sessionmaker[Session], work: Callable[[Session], Any]) -> Any:
    with factory() as session, session.begin():
        return work(session)


def _store(factory: sessionmaker[Session], user_id: int, name: str, query: str) -> bool:
    """Save (or replace by name) one filter; False when the account has MAX_FILTERS already."""
    with factory() as session, session.begin():
        row = session.scalars(
            select(SavedFilter).where(SavedFilter.user_id == user_id, SavedFilter.name == name)
        ).first()
        if row is None:
            count = session.scalar(select(func.count()).where(SavedFilter.user_id == user_id)) or 0
            if count >= MAX_FILTERS:
                return False
            row = SavedFilter(user_id=user_id, name=name, query=query, created_at=utcnow())
            session.add(row)
        row.query = query
        return True


def _delete(factory: sessionmaker[Session], user_id: int, filter_id: int) -> bool:
    with factory() as session, session.begin():
        row = session.get(SavedFilter, filter_id) if filter_id < 2**31 else None
        if row is None or row.user_id != user_id:
            return False
        session.delete(row)
        return True


def _refused(request: Request) -> None:
    """A refused feed address, for whoever watches for guessing (the key in it is redacted by crawler/web/logs.py)."""
    where = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    client = request.client.host if request.client else "?"
    log.info("feed refused: unknown, expired or foreign key from %s: %s", client, where)
