"""The app's forms: triage, proposals and ignore suggestions, a municipality's watch settings, subscriptions.

Each posts the session's CSRF token and needs a role (``_form``); the work runs in a thread (the database
is synchronous) and ends in a redirect, or an error page naming what was wrong.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from crawler.clock import local_moment, utcnow
from crawler.vocab import CHANGE_KINDS, ChangeKind
from crawler.web import auth
from crawler.web import queries as q
from crawler.web.host import RouteHost
from crawler.web.http import HttpProblem
from crawler.web.http import local_path as _local_path
from crawler.web.i18n import texts
from storage.models import TRIAGE_STATES, Triage, TriageEvent, User

log = logging.getLogger(__name__)

#: Longest note kept with a triage decision (characters).
NOTE_LIMIT = 2000


class Actions(RouteHost):
    """Mixed into the app's route holder, whose settings (``s``), registry and rendering these use."""

    def edit_form(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        site = self.sites.get(request.path_params["site_id"])
        if site is None:
            raise HttpProblem(404, texts(self.lang(request))["not_found"])
        return "edit.html", self._edit_view(site.id, site.url, site.main, list(site.ignore), None)

    def _edit_view(self, site_id: str, url: Any, main: Any, ignore: list[str], error: str | None) -> dict[str, Any]:
        site = self.sites[site_id]
        return {"site": site.as_json(), "form": {"url": url, "main": main, "ignore": ignore}, "error": error}

    async def edit_site(self, request: Request) -> Response:
        """An admin sets the watched url, ``main`` and ``ignore``, validated as the sites file is."""
        checked = await self._form(request, "admin")
        if isinstance(checked, Response):
            return checked
        current, form = checked
        site_id = request.path_params["site_id"]
        if site_id not in self.sites:
            return self.problem(request, 404, texts(self.lang(request))["not_found"], current)
        url = str(form.get("url", "")).strip()
        main = str(form.get("main", "")).strip()
        ignore = [line.strip() for line in str(form.get("ignore", "")).splitlines() if line.strip()]
        from crawler.registry import SitesFileError
        from crawler.web.sitesedit import edit_site, form_field, registry_problem

        try:
            await run_in_threadpool(lambda: edit_site(self._writable_file(), site_id, url, main, ignore))
        except SitesFileError as exc:
            refused = registry_problem(400, exc)
            view = self._edit_view(site_id, url, main, ignore, refused.localised(texts(self.lang(request))))
            view["error_field"] = form_field(exc)
            return self.render(request, "edit.html", view, 400, current=current)
        return RedirectResponse(f"/municipalities/{site_id}", status_code=303)

    def subscription(self, request: Request, session: Session) -> tuple[str, dict[str, Any]]:
        current = self.session_of(request)
        assert current is not None  # page() let only a session through
        from storage.models import Subscription

        row = session.get(Subscription, current[1].id)
        return "subscription.html", self._subscription_view(row, None)

    def _subscription_view(self, row: Any, error: str | None) -> dict[str, Any]:
        return {
            "subscription": {
                "active": bool(row and row.active),
                "counties": list(row.counties or []) if row else [],
                "sites": list(row.sites or []) if row else [],
                "kinds": list(row.kinds or []) if row else [],
                "daily_note": bool(row and row.daily_note),
            },
            "choices": {
                "counties": self.counties,
                "sites": [{"id": s.id, "name": s.name} for s in self.all_sites],
                "kinds": list(CHANGE_KINDS),
            },
            "error": error,
        }

    async def save_subscription(self, request: Request) -> Response:
        """Each account edits its own report filter (empty lists: everything), checked against the registry."""
        checked = await self._form(request, "viewer")
        if isinstance(checked, Response):
            return checked
        current, form = checked
        counties, sites, kinds = form.getlist("county"), form.getlist("site"), form.getlist("kind")
        bad = (
            next((HttpProblem(400, f"county: unknown {c!r}", "bad_county", value=c) for c in counties
                  if c not in self.counties), None)
            or next((HttpProblem(400, f"site: unknown {x!r}", "bad_site", value=x) for x in sites
                     if x not in self.sites), None)
            or next((HttpProblem(400, f"kind: unknown {k!r}", "bad_kind", value=k) for k in kinds
                     if k not in CHANGE_KINDS), None)
        )  # fmt: skip
        if bad:
            return self.refuse(request, bad, current)
        values = {
            "active": form.get("active") == "on",
            "counties": [str(c) for c in counties],
            "sites": [str(x) for x in sites],
            "kinds": [str(k) for k in kinds],
            "daily_note": form.get("daily_note") == "on",
        }
        await run_in_threadpool(self._store_subscription, current[1].id, values)
        return RedirectResponse("/subscription", status_code=303)

    def _store_subscription(self, user_id: int, values: dict[str, Any]) -> None:
        from storage.models import Subscription

        with self.s.factory() as session, session.begin():
            row = session.get(Subscription, user_id) or Subscription(user_id=user_id)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = utcnow()
            session.add(row)

    # --- triage (a form: analyst or admin, with the session's CSRF token) ---

    async def _form(self, request: Request, role: str) -> tuple[tuple[auth.SessionData, User], Any] | Response:
        """The session and the posted form, or the answer for a missing session, a low role or a bad CSRF token."""
        current = self.session_of(request)
        t = texts(self.lang(request))
        if current is None:
            return RedirectResponse("/login", status_code=303)
        if not auth.role_at_least(current[1].role, role):
            return self.problem(request, 403, t["forbidden"], current)
        form = await request.form()
        if not auth.same(str(form.get("csrf", "")), current[0].csrf):
            return self.problem(request, 403, t["form_expired"], current)
        return current, form

    async def triage(self, request: Request) -> Response:
        checked = await self._form(request, "analyst")
        if isinstance(checked, Response):
            return checked
        current, form = checked
        state = str(form.get("state", ""))
        if state not in TRIAGE_STATES:
            return self.refuse(
                request, HttpProblem(400, f"state: one of {', '.join(TRIAGE_STATES)}", "bad_state"), current
            )
        note = str(form.get("note", "")).strip()[:NOTE_LIMIT] or None
        found = await run_in_threadpool(self._save_triage, request.path_params["change_id"], state, note, current[1])
        if not found:
            return self.problem(request, 404, texts(self.lang(request))["not_found"], current)
        return RedirectResponse(_local_path(str(form.get("next", ""))) or "/changes", status_code=303)

    async def decide_proposal(self, request: Request) -> Response:
        """An admin accepts (writes the url into the sites file, as `discover --accept` does) or rejects a proposal."""
        checked = await self._form(request, "admin")
        if isinstance(checked, Response):
            return checked
        current, form = checked
        site_id = request.path_params["site_id"]
        action = str(form.get("action", ""))
        if site_id not in self.sites:
            return self.problem(request, 404, texts(self.lang(request))["not_found"], current)
        if action not in ("accept", "reject"):
            return self.refuse(request, HttpProblem(400, "action: accept or reject", "bad_action"), current)
        refused = await run_in_threadpool(self._decide, site_id, action)
        if refused:
            return self.refuse(request, refused, current)
        return RedirectResponse(f"/municipalities/{site_id}", status_code=303)

    def _writable_file(self) -> str:
        """The sites file an edit goes to. On the bundled registry (never written) that is the own copy, made on
        the first edit: from then on the app reads it (SitesFileError when it cannot be made)."""
        from crawler.discover.sitesfile import writable_sites_file

        file, copied = writable_sites_file(self.s.sites_file)
        if copied or self.s.sites_file is None:
            log.warning("the bundled registry is never written: edits go to %s, read from now on", file)
            self.s.sites_file = str(file)
            self.registry.follow(file)
        return str(file)

    def _decide(self, site_id: str, action: str) -> HttpProblem | None:
        from crawler.discover.proposals import latest_proposals, mark
        from crawler.discover.sitesfile import accept_urls
        from crawler.registry import SitesFileError
        from crawler.web.sitesedit import registry_problem

        latest = latest_proposals(self.s.factory, [site_id]).get(site_id)
        if not latest or not latest["url"] or latest["status"] != "proposed":
            return HttpProblem(409, f"{site_id}: no open proposal", "no_open_proposal", site=site_id)
        if action == "reject":
            mark(self.s.factory, [site_id], "rejected")
            return None
        try:
            today = local_moment(utcnow(), self.s.timezone).date()  # the date on the "# discovered" mark
            result = accept_urls(self._writable_file(), {site_id: latest["url"]}, today)
        except SitesFileError as exc:
            return registry_problem(409, exc)
        mark(self.s.factory, list(result.written), "accepted")
        if site_id in result.kept_by_hand:
            return HttpProblem(409, f"{site_id}: the url was set by hand and is kept", "kept_by_hand", site=site_id)
        if site_id in result.unknown:
            file = str(self.s.sites_file)
            return HttpProblem(409, f"{site_id}: not in {file}", "not_in_file", site=site_id, file=file)
        return None

    def _save_triage(self, change_id: int, state: str, note: str | None, user: User) -> bool:
        from storage.models import ChangeRow

        now = utcnow()
        with self.s.factory() as session, session.begin():
            change = session.get(ChangeRow, change_id)
            if change is None:
                return False
            row = session.get(Triage, change_id) or Triage(change_id=change_id)
            row.state, row.note, row.user_id, row.at = state, note, user.id, now
            session.add(row)
            session.add(
                TriageEvent(change_id=change_id, state=state, note=note, user_id=user.id, user_email=user.email, at=now)
            )
            if state == "not_relevant" and change.kind == ChangeKind.TEXT_CHANGED:
                self._suggest_ignore(session, change, user, now)
        return True

    def _suggest_ignore(self, session: Session, change: Any, user: User, now: datetime) -> None:
        """Not relevant text: suggest an ``ignore`` selector for the element that holds it, for an admin."""
        from crawler.web.security import stored_html
        from crawler.web.suggest import suggest_ignore
        from storage.models import IgnoreSuggestion

        snap = q.snapshot(session, change.new_snapshot_id, with_html=True) if change.new_snapshot_id else None
        site = self.sites.get(change.site_id)
        if snap is None or not isinstance(change.new, str) or site is None:
            return
        selector = suggest_ignore(stored_html(snap.html_z, snap.content_type), change.new)
        if selector is None or selector in site.ignore or q.open_suggestion(session, change.site_id, selector):
            return
        session.add(
            IgnoreSuggestion(
                site_id=change.site_id, change_id=change.id, selector=selector, status="proposed",
                suggested_by=user.email, created_at=now,
            )
        )  # fmt: skip

    async def decide_ignore(self, request: Request) -> Response:
        """An admin accepts (adds the selector to the site's ``ignore`` in the sites file) or rejects a suggestion."""
        checked = await self._form(request, "admin")
        if isinstance(checked, Response):
            return checked
        current, form = checked
        site_id, action = request.path_params["site_id"], str(form.get("action", ""))
        if action not in ("accept", "reject"):
            return self.refuse(request, HttpProblem(400, "action: accept or reject", "bad_action"), current)
        refused = await run_in_threadpool(
            self._decide_ignore, site_id, request.path_params["suggestion_id"], action, current[1]
        )
        if refused:
            return self.refuse(request, refused, current)
        return RedirectResponse(f"/municipalities/{site_id}", status_code=303)

    def _decide_ignore(self, site_id: str, suggestion_id: int, action: str, user: User) -> HttpProblem | None:
        from crawler.registry import SitesFileError
        from crawler.web.sitesedit import edit_site, registry_problem
        from storage.models import IgnoreSuggestion

        site = self.sites.get(site_id)
        with self.s.factory() as session, session.begin():
            row = session.get(IgnoreSuggestion, suggestion_id)
            if site is None or row is None or row.site_id != site_id or row.status != "proposed":
                return HttpProblem(409, "no open suggestion", "no_open_suggestion")
            if action == "accept":
                try:
                    edit_site(self._writable_file(), site_id, site.url, site.main, [*site.ignore, row.selector])
                except SitesFileError as exc:
                    return registry_problem(409, exc)
            row.status = "accepted" if action == "accept" else "rejected"
            row.decided_by, row.decided_at = user.email, utcnow()
        return None
