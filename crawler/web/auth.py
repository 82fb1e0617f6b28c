"""Accounts and sessions: argon2 passwords, signed session cookies with expiry, CSRF tokens, login throttling.

Sessions are stateless signed cookies (itsdangerous) carrying the account id, the account's ``session_epoch``
(raised to end all its sessions), an expiry and the session's CSRF token. API tokens are random strings of
which only the SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crawler.clock import utcnow
from storage.models import ROLES, ApiToken, AppSecret, User

SESSION_COOKIE = "kv_session"
LOGIN_COOKIE = "kv_login"  # the login form's CSRF token, before there is a session
#: How long a session lasts after login (seconds): one working day and a bit.
SESSION_LIFETIME = 12 * 3600

_hasher = PasswordHasher()
#: Verified against when the email is unknown, so an unknown account costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """Bad input for an account (unknown role, malformed email, empty password); the message says which."""


def hash_password(password: str) -> str:
    if not password:
        raise AccountError("the password is empty")
    return _hasher.hash(password)


def check_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def role_at_least(role: str, wanted: str) -> bool:
    return ROLES.index(role) >= ROLES.index(wanted)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (either missing: not the same)."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


# --- accounts (used by `kommunvakt users` and the app) ---


def normalise_email(email: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise AccountError(f"not an email address: {email!r} ({exc})") from exc


def add_user(session: Session, email: str, role: str, password: str) -> User:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    address = normalise_email(email)
    if session.scalars(select(User).where(User.email == address)).first() is not None:
        raise AccountError(f"an account for {address} exists already")
    user = User(email=address, role=role, password_hash=hash_password(password), created_at=utcnow())
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, email: str) -> User | None:
    return session.scalars(select(User).where(User.email == email.strip().lower())).first()


def issue_token(session: Session, user: User) -> str:
    """A new API token for ``user``; the token itself is returned once and only its hash is stored."""
    token = new_token()
    session.add(ApiToken(user_id=user.id, token_hash=token_hash(token), created_at=utcnow()))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    row = session.scalars(select(ApiToken).where(ApiToken.token_hash == token_hash(token))).first()
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    row.last_used_at = utcnow()
    return user


def app_secret(factory: sessionmaker[Session], name: str = "session") -> str:
    """The app's signing key, made once and kept in the database (a restart keeps everyone logged in)."""
    with factory() as session, session.begin():
        row = session.get(AppSecret, name)
        if row is None:
            row = AppSecret(name=name, value=secrets.token_urlsafe(48), created_at=utcnow())
            session.add(row)
        return row.value


# --- sessions ---


@dataclass(frozen=True)
class SessionData:
    user_id: int
    epoch: int
    expires: float
    csrf: str


class SessionCodec:
    """Signs and reads session cookies; a cookie past its expiry or with a bad signature reads as no session."""

    def __init__(self, secret: str, lifetime: int = SESSION_LIFETIME, clock: Callable[[], float] = time.time):
        self._serializer = URLSafeTimedSerializer(secret, salt="kommunvakt.session")
        self._login = URLSafeTimedSerializer(secret, salt="kommunvakt.login")
        self.lifetime = lifetime
        self._clock = clock

    def dump(self, user: User) -> str:
        data = {"u": user.id, "e": user.session_epoch, "x": self._clock() + self.lifetime, "c": new_token()}
        return self._serializer.dumps(data)

    def load(self, raw: str | None) -> SessionData | None:
        if not raw:
            return None
        try:
            data: Any = self._serializer.loads(raw, max_age=self.lifetime)
            session = SessionData(int(data["u"]), int(data["e"]), float(data["x"]), str(data["c"]))
        except (BadSignature, KeyError, TypeError, ValueError):
            return None
        return session if session.expires > self._clock() else None

    def login_token(self) -> tuple[str, str]:
        """A CSRF token for the login form and the signed cookie that vouches for it."""
        token = new_token()
        return token, self._login.dumps(token)

    def login_token_of(self, raw: str | None) -> str | None:
        if not raw:
            return None
        try:
            return str(self._login.loads(raw, max_age=3600))
        except BadSignature:
            return None


# --- login throttling ---


@dataclass
class Throttle:
    """Refuses logins after too many recent failures for one account or from one client address.

    Kept in memory: one app process serves the team, and a restart forgetting failures is acceptable.
    """

    per_account: int = 5
    per_address: int = 20
    window: float = 15 * 60
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, key: str) -> deque[float]:
        moments = self._failures.setdefault(key, deque())
        horizon = self.clock() - self.window
        while moments and moments[0] < horizon:
            moments.popleft()
        return moments

    def blocked(self, email: str, address: str) -> bool:
        return (
            len(self._recent(f"account:{email}")) >= self.per_account
            or len(self._recent(f"address:{address}")) >= self.per_address
        )

    #: Past this many remembered keys, keys with no recent failure are forgotten (random emails cannot fill memory).
    max_keys: int = 10_000

    def failed(self, email: str, address: str) -> None:
        now = self.clock()
        self._recent(f"account:{email}").append(now)
        self._recent(f"address:{address}").append(now)
        if len(self._failures) > self.max_keys:  # amortised: after a prune there is room for max_keys/2 more
            for key in [k for k in self._failures if not self._recent(k)]:
                del self._failures[key]
            for key in list(self._failures)[: max(0, len(self._failures) - self.max_keys // 2)]:
                del self._failures[key]  # the oldest first: a flood of fresh keys cannot grow memory without end

    def remembered(self) -> int:
        return len(self._failures)

    def succeeded(self, email: str) -> None:
        self._failures.pop(f"account:{email}", None)
