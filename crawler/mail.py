"""E-mail for reports: a message builder and a small SMTP transport, kept apart (spidermon style).

The SMTP URL (``KOMMUNVAKT_SMTP_URL``) may carry a password; it is parsed
here and never leaves this module unredacted: every error raised is a
``MailError`` whose text has the password (and its encodings) scrubbed.

TLS (``smtp+starttls://``, ``smtps://``) always verifies the server's
certificate and host name against the system's CAs. ``KOMMUNVAKT_SMTP_CAFILE``
adds a CA (a PEM file: an in-house mail relay's CA, or a test's) to those; there
is no switch that turns verification off. ``smtp+starttls://`` never falls back
to plain text when the server does not offer STARTTLS.
"""

from __future__ import annotations

import base64
import logging
import os
import smtplib
import ssl
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import quote, unquote, urlsplit

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)

SCHEMES = {"smtp": ("plain", 25), "smtp+starttls": ("starttls", 587), "smtps": ("ssl", 465)}
CAFILE_ENV = "KOMMUNVAKT_SMTP_CAFILE"


class MailError(Exception):
    """Building or sending mail failed; the message is safe to print (no secrets)."""


class UnconfirmedDelivery(MailError):
    """The connection failed after the message was handed over and before the server confirmed it.

    The server may or may not have accepted it: whether it is sent again is the delivery policy's
    call (``[mail] delivery``), never this module's.
    """


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "plain" | "starttls" | "ssl"
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str | None) -> SmtpSettings:
        if not url:
            raise MailError("no SMTP server configured: set KOMMUNVAKT_SMTP_URL (smtp://user:pass@host:port)")
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
            username, password = parts.username, parts.password
        except ValueError as exc:
            raise MailError(
                f"KOMMUNVAKT_SMTP_URL is not a valid URL: {redact(url)} "
                "(percent-encode # / ? @ : in the user name and password)"
            ) from exc
        if parts.scheme not in SCHEMES:
            raise MailError(f"KOMMUNVAKT_SMTP_URL: scheme must be one of {', '.join(SCHEMES)} (got {redact(url)})")
        if not host:
            raise MailError(f"KOMMUNVAKT_SMTP_URL has no host: {redact(url)}")
        security, default_port = SCHEMES[parts.scheme]
        return cls(
            host=host,
            port=port or default_port,
            security=security,
            username=unquote(username) if username else None,
            password=unquote(password) if password is not None else None,
        )

    def describe(self) -> str:
        who = f"{self.username}:***@" if self.username else ""
        scheme = {v[0]: k for k, v in SCHEMES.items()}[self.security]
        return f"{scheme}://{who}{self.host}:{self.port}"

    def scrub(self, text: str) -> str:
        """Remove the password and its usual encodings (URL-quoted, base64 of AUTH PLAIN/LOGIN) from text."""
        if not self.password:
            return text
        secrets = {self.password, quote(self.password, safe="")}
        secrets.add(base64.b64encode(self.password.encode()).decode())
        plain = f"\0{self.username or ''}\0{self.password}".encode()
        secrets.add(base64.b64encode(plain).decode())
        for secret in sorted(secrets, key=len, reverse=True):
            text = text.replace(secret, "***")
        return text


def redact(url: str) -> str:
    """The URL with any password replaced by ``***`` (safe for messages and logs).

    The user part is taken as everything between ``://`` and the *last* ``@``, not as
    :func:`urllib.parse.urlsplit` sees it: a password with an unencoded ``#``, ``/`` or ``?``
    ends urlsplit's netloc early and would otherwise be printed whole.

    >>> redact("smtp://kv:Hemligt#123@mail.example.se:2525")
    'smtp://kv:***@mail.example.se:2525'
    """
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url if "@" not in url else "<unparsable URL>"
    userinfo, _, host = rest.rpartition("@")
    user, colon, _ = userinfo.partition(":")
    return f"{scheme}://{user}{':***' if colon else ''}@{host}"


def build_message(
    *,
    subject: str,
    sender: str,
    recipients: Sequence[str],
    text: str,
    html: str | None = None,
    message_key: str | None = None,
) -> EmailMessage:
    """A ``multipart/alternative`` message: plain text first, HTML second (clients show the last they can).

    ``message_key`` makes the Message-ID stable: the same key gives the same ID, so a report sent
    again after an unconfirmed delivery is one message to a mail client, not two.
    """
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = (
        f"<kommunvakt.{message_key}@{_domain(sender)}>" if message_key else make_msgid(domain=_domain(sender))
    )
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    message.set_content(text, subtype="plain", charset="utf-8")
    if html is not None:
        message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def _domain(sender: str) -> str:
    try:
        return Address(addr_spec=sender).domain or "localhost"
    except (ValueError, IndexError):
        return sender.rpartition("@")[2] or "localhost"


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SmtpTransport:
    """One connection per message: a report goes to a handful of analysts, and a fresh
    connection makes a failure mid-way affect only the message being sent."""

    def __init__(
        self,
        settings: SmtpSettings,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
        cafile: str | None = None,
    ):
        self.settings = settings
        self.timeout = timeout
        self.ssl_context = ssl_context or tls_context(cafile)

    @classmethod
    def from_url(cls, url: str | None, **kwargs: Any) -> SmtpTransport:
        """A transport for ``url``; the extra CA comes from ``KOMMUNVAKT_SMTP_CAFILE`` unless ``cafile`` is given."""
        kwargs.setdefault("cafile", os.environ.get(CAFILE_ENV) or None)
        return cls(SmtpSettings.from_url(url), **kwargs)

    def send(self, message: EmailMessage) -> None:
        s = self.settings
        client: _TrackedSMTP | _TrackedSMTPSSL | None = None
        try:
            if s.security == "ssl":
                client = _TrackedSMTPSSL(s.host, s.port, timeout=self.timeout, context=self.ssl_context)
            else:
                client = _TrackedSMTP(s.host, s.port, timeout=self.timeout)
            with client:
                if s.security == "starttls":
                    client.starttls(context=self.ssl_context)
                if s.username:
                    client.login(s.username, s.password or "")
                client.send_message(message)
        except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
            detail = s.scrub(f"{type(exc).__name__}: {exc}")
            log.warning("sending to %s via %s failed: %s", message["To"], s.describe(), detail)
            handed_over = client is not None and client.data_sent and not isinstance(exc, smtplib.SMTPDataError)
            if handed_over:  # the server refused with a code (SMTPDataError): not delivered, for certain
                raise UnconfirmedDelivery(f"SMTP {s.describe()}: {detail} (after the message was sent)") from None
            raise MailError(f"SMTP {s.describe()}: {detail}") from None


class _TrackedSMTP(smtplib.SMTP):
    """Remembers whether the DATA command began, i.e. whether the server may have the message."""

    data_sent = False

    def data(self, msg: ReadableBuffer | str) -> tuple[int, bytes]:
        self.data_sent = True
        return super().data(msg)


class _TrackedSMTPSSL(_TrackedSMTP, smtplib.SMTP_SSL):
    """The same over implicit TLS (``smtps://``)."""


def tls_context(cafile: str | None = None) -> ssl.SSLContext:
    """The system's CAs plus ``cafile``; certificate and host name checks stay on (the library default)."""
    context = ssl.create_default_context()
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise MailError(f"{CAFILE_ENV}={cafile}: cannot load CA certificates: {exc}") from None
    return context


class PrintTransport:
    """``--dry-run``: write each message as it would be sent, send nothing."""

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream or sys.stdout
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)
        self.stream.write(readable(message))
        self.stream.write("\n")


def readable(message: EmailMessage) -> str:
    """A message as a person checks it: decoded headers, then each text part decoded (no base64, no =?utf-8?=).

    >>> print(readable(build_message(subject="Två ändringar", sender="k@a.se", recipients=["b@a.se"], text="Hej")))
    ... # doctest: +ELLIPSIS
    From: k@a.se
    To: b@a.se
    Subject: Två ändringar
    ...
    --- text/plain ---
    Hej
    <BLANKLINE>
    """
    headers = [f"{name}: {message[name]}" for name in ("From", "To", "Subject", "Date", "Message-ID") if message[name]]
    headers.append(f"Content-Type: {message.get_content_type()}")
    parts = [part for part in message.walk() if part.get_content_maintype() == "text"]
    body = [f"--- {part.get_content_type()} ---\n{part.get_content()}" for part in parts]
    return "\n".join(headers) + "\n\n" + "\n".join(body)
