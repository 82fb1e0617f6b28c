"""`kommunvakt demo --web`: the demo's database opened in the web app, with a demo account it prints.

The demo's sites file lived in a temporary folder; the registry is read back from the database's
``sites`` table (the crawl mirrors the sites file there), which is all the app needs to show the data.
"""

from __future__ import annotations

import secrets
import socket
from typing import TextIO

from sqlalchemy import select

from crawler.registry import SiteEntry
from crawler.web.auth import add_user, app_secret, find_user, hash_password
from storage.db import make_engine, session_factory
from storage.migrate import upgrade
from storage.models import SiteRow

DEMO_EMAIL = "demo@kommunvakt.example"
#: Where the app is and how to log in; ``kommunvakt demo`` passes it in its own language (crawler/demo.py).
DEMO_LINE = "demo: the web app: http://{host}:{port}/  log in as {email} with password {password}"


def serve_demo(db_url: str, sock: socket.socket, err: TextIO, *, lang: str = "sv", says: str = DEMO_LINE) -> None:
    """Serve the demo's data in ``lang`` (the demo's language) on ``sock`` (``crawler.web.serve.listen``: bound
    before the demo's nights, so a port in use is said at once), saying how to log in (``says``)."""
    from crawler.web.app import WebSettings, create_app
    from crawler.web.logs import log_config
    from crawler.web.serve import serve

    host, port = sock.getsockname()[:2]
    engine = make_engine(db_url)
    upgrade(engine)
    factory = session_factory(engine)
    password = secrets.token_urlsafe(12)
    with factory() as session, session.begin():
        user = find_user(session, DEMO_EMAIL)
        if user is None:
            add_user(session, DEMO_EMAIL, "admin", password)
        else:
            user.password_hash, user.disabled = hash_password(password), False
        sites = [
            SiteEntry(id=r.id, name=r.name, code=r.code, county=r.county, home=r.home, url=r.url)
            for r in session.scalars(select(SiteRow).order_by(SiteRow.id))
        ]
    settings = WebSettings(factory=factory, sites=sites, secret=app_secret(factory), engine=engine, language=lang)
    print(says.format(host=host, port=port, email=DEMO_EMAIL, password=password), file=err)
    err.flush()
    serve(
        create_app(settings), sock, proxy_headers=False, server_header=False, log_level="warning",
        log_config=log_config(),
    )  # fmt: skip
