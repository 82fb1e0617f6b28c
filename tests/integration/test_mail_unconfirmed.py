"""A delivery the SMTP server never confirmed: sent again (at-least-once) or not (at-most-once), by config.

The server is a real one on loopback, speaking just enough SMTP to take a message and then, on the
nights the test says so, hang up after the message instead of answering "250": the one moment in
which a client cannot know whether the mail went out.
"""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Iterator
from email.message import Message

import pytest
from report_support import NIGHT, add_run, contact, engine_of, seeded

from crawler.config import Config, Subscriber
from crawler.mail import SmtpSettings, SmtpTransport
from crawler.report.deliver import send_reports
from storage.models import Delivery

CIA = Subscriber("cia@example.se")
NIGHT_CHANGES = [("trollhattan", "contact_added", None, contact("Anna Berg", "anna.berg@trollhattan.se"), None)]


class HangingUpServer:
    """Takes whole messages; while ``hang_up`` is set it closes the connection where "250" should come."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.hang_up = True
        self.received: list[Message] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as lines:
                self._session(conn, lines)

    def _session(self, conn: socket.socket, lines) -> None:  # type: ignore[no-untyped-def]
        conn.sendall(b"220 loopback ESMTP\r\n")
        for raw in lines:
            verb = raw.decode("ascii", "replace").strip().upper()
            if verb.startswith(("EHLO", "HELO")):
                conn.sendall(b"250 loopback\r\n")
            elif verb.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                conn.sendall(b"250 ok\r\n")
            elif verb == "DATA":
                conn.sendall(b"354 go on\r\n")
                body = []
                for line in lines:
                    if line == b".\r\n":
                        break
                    body.append(line[1:] if line.startswith(b"..") else line)
                self.received.append(email.message_from_bytes(b"".join(body)))
                if self.hang_up:
                    return  # the message is here, the client never hears so
                conn.sendall(b"250 queued\r\n")
            elif verb == "QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"502 not here\r\n")

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def server() -> Iterator[HangingUpServer]:
    running = HangingUpServer()
    yield running
    running.close()


@pytest.mark.parametrize("policy", ["at-least-once", "at-most-once"])
def test_an_unconfirmed_report_follows_the_delivery_policy(
    policy: str, server: HangingUpServer, sqlite_url: str
) -> None:
    transport = SmtpTransport(SmtpSettings("127.0.0.1", server.port, "plain"), timeout=5)
    config = Config(subscribers=(CIA,), mail_from="kommunvakt@example.se", mail_delivery=policy)
    factory = seeded(sqlite_url)
    run = add_run(factory, NIGHT_CHANGES)

    first = send_reports(engine_of(factory), config, run_id=run, transport=transport, now=NIGHT)
    assert len(server.received) == 1  # the server has it; kommunvakt cannot know that
    server.hang_up = False
    second = send_reports(engine_of(factory), config, run_id=run, transport=transport, now=NIGHT)
    with factory() as session:
        recorded = session.query(Delivery).count()

    if policy == "at-least-once":
        assert not first.ok and "unconfirmed" in (first.subscribers[0].error or "")
        assert second.ok and second.sent == 1
        assert len(server.received) == 2
        ids = {m["Message-ID"] for m in server.received}
        assert len(ids) == 1, "the copy carries the same Message-ID, so a mail client shows one message"
    else:
        assert first.ok and first.sent == 1
        assert second.sent == 0 and len(server.received) == 1
    assert recorded == 1
    third = send_reports(engine_of(factory), config, run_id=run, transport=transport, now=NIGHT)
    assert third.sent == 0  # once confirmed or recorded, never again


def test_a_failure_before_the_message_is_not_unconfirmed(sqlite_url: str) -> None:
    """Nobody listening: certainly not delivered, so it is sent next time whatever the policy."""
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    transport = SmtpTransport(SmtpSettings("127.0.0.1", port, "plain"), timeout=5)
    config = Config(subscribers=(CIA,), mail_from="kommunvakt@example.se", mail_delivery="at-most-once")
    factory = seeded(sqlite_url)
    run = add_run(factory, NIGHT_CHANGES)
    result = send_reports(engine_of(factory), config, run_id=run, transport=transport, now=NIGHT)
    assert not result.ok and "unconfirmed" not in (result.subscribers[0].error or "")
    with factory() as session:
        assert session.query(Delivery).count() == 0
