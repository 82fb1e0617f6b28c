"""``kommunvakt users``: the web app's accounts (add, list) and their API tokens."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

from crawler.cli.common import EXIT_BAD_INPUT, App, CliError, app_options, emit_rows
from storage.models import ROLES

#: ``app_options(creates_database=True)`` with a type (crawler/cli/common.py returns Any).
_writes_database: Callable[[Callable[..., Any]], Callable[..., Any]] = app_options(creates_database=True)
PASSWORD_ENV = "KOMMUNVAKT_PASSWORD"


@click.group("users")
def users() -> None:
    """Accounts of the web app (`kommunvakt web`): roles admin, analyst, viewer."""


def _password() -> str:
    """From a prompt on a terminal (asked twice), else from KOMMUNVAKT_PASSWORD."""
    if sys.stdin.isatty():
        return str(click.prompt("password", hide_input=True, confirmation_prompt=True))
    value = os.environ.get(PASSWORD_ENV)
    if not value:
        raise CliError(f"{PASSWORD_ENV}: not set (no terminal to ask for the password)", EXIT_BAD_INPUT)
    return value


@users.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the account may do.")
@_writes_database
def add(app: App, email: str, role: str) -> None:
    """Add an account; the password is read from a prompt, or from KOMMUNVAKT_PASSWORD without a terminal."""
    from crawler.web.auth import AccountError, add_user, normalise_email

    try:
        normalise_email(email)  # a bad address is reported before a password is asked for
    except AccountError as exc:
        raise CliError(f"EMAIL: {exc}", EXIT_BAD_INPUT) from exc
    factory = app.factory  # a bad, missing or unreachable database is said before a password is asked for
    password = _password()
    try:
        with factory() as session, session.begin():
            user = add_user(session, email, role, password)
    except AccountError as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from exc
    click.echo(f"added {user.email} ({user.role})")


@users.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@app_options
def list_users(app: App, fmt: str) -> None:
    """The accounts: email, role, created (UTC), disabled."""
    from sqlalchemy import select

    from storage.models import User
    from storage.queries import as_utc

    with app.factory() as session:
        rows = [
            {
                "email": u.email,
                "role": u.role,
                "created": as_utc(u.created_at).isoformat(timespec="seconds"),
                "disabled": u.disabled,
            }
            for u in session.scalars(select(User).order_by(User.email))
        ]
    emit_rows(rows, fmt, ["email", "role", "created", "disabled"])


@users.command("token")
@click.argument("email")
@app_options
def token(app: App, email: str) -> None:
    """Print a new API token for an account (only its hash is stored: keep the printed token)."""
    from crawler.web.auth import find_user, issue_token

    with app.factory() as session, session.begin():
        user = find_user(session, email)
        if user is None:
            raise CliError(f"EMAIL: no account for {email!r} (see `kommunvakt users list`)", EXIT_BAD_INPUT)
        click.echo(issue_token(session, user))


def _change(app: App, email: str, change: str) -> str:
    """Disable, enable or re-password an account; every change but enable ends its sessions."""
    from sqlalchemy import delete

    from crawler.web.auth import find_user, hash_password
    from storage.models import ApiToken

    factory = app.factory  # a missing or unreachable database is said before a password is asked for
    password = _password() if change == "password" else None
    with factory() as session, session.begin():
        user = find_user(session, email)
        if user is None:
            raise CliError(f"EMAIL: no account for {email!r} (see `kommunvakt users list`)", EXIT_BAD_INPUT)
        if change == "enable":
            user.disabled = False
            return user.email
        user.session_epoch += 1  # every signed session cookie of the account stops working
        if change == "disable":
            user.disabled = True
            session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
        else:
            assert password is not None
            user.password_hash = hash_password(password)
        return user.email


@users.command("disable")
@click.argument("email")
@app_options
def disable(app: App, email: str) -> None:
    """Stop an account: no login, its sessions end and its API tokens are deleted."""
    click.echo(f"disabled {_change(app, email, 'disable')}")


@users.command("enable")
@click.argument("email")
@app_options
def enable(app: App, email: str) -> None:
    """Let a disabled account log in again (it needs a new API token)."""
    click.echo(f"enabled {_change(app, email, 'enable')}")


@users.command("password")
@click.argument("email")
@app_options
def password(app: App, email: str) -> None:
    """Set a new password (prompt, or KOMMUNVAKT_PASSWORD); the account's sessions end."""
    click.echo(f"new password for {_change(app, email, 'password')}")


commands = [users]
