"""Helpers for the report and mail tests: a real SMTP server on loopback and a seeded database.

(Named test_report_* so it belongs with the report tests; it holds no tests itself.)
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from storage.db import make_engine, session_factory, transaction
from storage.migrate import upgrade
from storage.models import ChangeRow, CrawlRun, Fetch, Page, SiteRow

NIGHT = datetime(2026, 11, 22, 2, 30, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None, f"no text/{subtype} part"
        return body.get_content()


@dataclass
class SmtpSink:
    """aiosmtpd handler: keeps every message; ``refuse`` makes DATA fail for chosen recipients."""

    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse & set(envelope.rcpt_tos):
            return "451 4.3.0 temporary failure, try later"
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]


class Authenticator:
    def __init__(self, user: str, password: str):
        self.user, self.password = user, password

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == self.user and auth_data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)


@contextmanager
def serve_smtp(**controller: Any) -> Iterator[tuple[SmtpSink, int]]:
    """aiosmtpd on a free loopback port, keeping what it receives; stopped afterwards.

    ``controller``: more ``Controller`` arguments (an authenticator, TLS contexts).
    A free port is picked first because ``Controller(port=0)`` does not work.
    """
    sink = SmtpSink()
    server = Controller(sink, hostname="127.0.0.1", port=free_port(), **controller)
    server.start()
    try:
        yield sink, server.port
    finally:
        server.stop()


def login_required(authenticator: Authenticator) -> dict[str, Any]:
    """``serve_smtp`` arguments for a server that requires this login, over plain text too."""
    return {"authenticator": authenticator, "auth_require_tls": False, "auth_required": True}


SITES = [
    # id, name, county, home
    ("trollhattan", "Trollhättans stad", "Västra Götalands län", "https://www.trollhattan.se/"),
    ("amal", "Åmåls kommun", "Västra Götalands län", "https://www.amal.se/"),
    ("hylte", "Hylte kommun", "Hallands län", "https://www.hylte.se/"),
    ("ljungby", "Ljungby kommun", "Kronobergs län", "https://www.ljungby.se/"),
    ("eskilstuna", "Eskilstuna kommun", "Södermanlands län", "https://www.eskilstuna.se/"),
]


def page_url(site_id: str) -> str:
    return f"https://www.{site_id}.se/internationellt"


def seeded(url: str, sites: list[tuple[str, str, str, str]] = SITES) -> sessionmaker[Session]:
    """A migrated database with sites and pages (no runs yet)."""
    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    with transaction(factory) as session:
        for sid, name, county, home in sites:
            session.add(SiteRow(id=sid, name=name, county=county, home=home, url=page_url(sid)))
            session.flush()
            session.add(Page(site_id=sid, registry_url=page_url(sid), url=page_url(sid), missing_count=0, gone=False))
    return factory


def engine_of(factory: sessionmaker[Session]) -> Engine:
    """The engine a test's session factory is bound to (``send_reports`` takes the engine itself)."""
    with factory() as session:
        bind = session.get_bind()
    assert isinstance(bind, Engine)
    return bind


def add_run(
    factory: sessionmaker[Session],
    changes: list[tuple[str, str, Any, Any, Any]],
    *,
    status: str = "completed",
    at: datetime = NIGHT,
    failed: dict[str, str] | None = None,
    good: list[str] | None = None,
) -> int:
    """One crawl run: ``changes`` as (site, kind, old, new, detail); ``failed`` site -> error; ``good`` fetched OK."""
    failed = failed or {}
    with transaction(factory) as session:
        run = CrawlRun(started_at=at, finished_at=at + timedelta(minutes=5), status=status, trigger="test")
        session.add(run)
        session.flush()
        pages = {p.site_id: p for p in session.query(Page)}
        for sid, kind, old, new, detail in changes:
            session.add(
                ChangeRow(
                    run_id=run.id,
                    site_id=sid,
                    page_id=pages[sid].id,
                    url=page_url(sid),
                    kind=kind,
                    old=old,
                    new=new,
                    detail=detail,
                    detected_at=at + timedelta(minutes=1),
                )
            )
        for sid in set(good or []) | {c[0] for c in changes}:
            if sid in failed:
                continue
            session.add(Fetch(run_id=run.id, page_id=pages[sid].id, fetched_at=at, outcome="unchanged", status=200))
            pages[sid].failing_since, pages[sid].last_error = None, None
        for sid, error in failed.items():
            session.add(Fetch(run_id=run.id, page_id=pages[sid].id, fetched_at=at, outcome="failed", error=error))
            pages[sid].failing_since = pages[sid].failing_since or at
            pages[sid].last_error = error
        return run.id


def contact(name: str, email_address: str, phone: str = "+46520496094", role: str = "Samordnare") -> dict[str, str]:
    return {"name": name, "role": role, "email": email_address, "phone": phone}
