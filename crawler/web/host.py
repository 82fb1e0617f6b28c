"""What the app's route holder (``_Web`` in crawler/web/app.py) gives the mixins that hold its forms.

For the type checker only: at run time ``RouteHost`` is ``object`` and ``_Web`` supplies every member.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.datastructures import QueryParams
    from starlette.requests import Request
    from starlette.responses import Response

    from crawler.registry import SiteEntry
    from crawler.web import queries as q
    from crawler.web.app import WebSettings
    from crawler.web.auth import SessionData
    from crawler.web.http import HttpProblem
    from crawler.web.registry import LiveRegistry
    from storage.models import User

    class RouteHost:
        s: WebSettings
        registry: LiveRegistry

        @property
        def sites(self) -> dict[str, SiteEntry]: ...
        @property
        def all_sites(self) -> Sequence[SiteEntry]: ...
        @property
        def counties(self) -> list[str]: ...
        def session_of(self, request: Request) -> tuple[SessionData, User] | None: ...
        def lang(self, request: Request) -> str: ...
        def render(
            self, request: Request, template: str, view: dict[str, Any], status: int = 200, **extra: Any
        ) -> Response: ...
        def problem(self, request: Request, status: int, message: str, current: Any = None) -> Response: ...
        def refuse(self, request: Request, problem: HttpProblem, current: Any = None) -> Response: ...
        async def _form(self, request: Request, role: str) -> tuple[tuple[SessionData, User], Any] | Response: ...
        def _change_filter(self, params: QueryParams) -> tuple[q.ChangeQuery, int, dict[str, Any]]: ...

else:
    RouteHost = object
