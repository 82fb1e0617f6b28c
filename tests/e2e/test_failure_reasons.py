"""Every way a download fails is recorded in words: one real `kommunvakt crawl` against a loopback server
that misbehaves in each of those ways (one site per way), and the words checked in the stored fetches."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from twisted.internet.error import DNSLookupError

from crawler.fetch import (
    CLOSED_MID_RESPONSE,
    CLOSED_WITHOUT_ANSWER,
    DNS_FAILED,
    REFUSED,
    RESET,
    TLS_FAILED,
    TRUNCATED,
    describe_error,
    timed_out,
)
from simweb.municipal.builders import dump_sites
from storage.models import Fetch, Page

from support import engine_for, run_cli, write_config

pytestmark = pytest.mark.slow

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
PAGE = "<html><body><main><h1>Internationellt arbete</h1><p>Kommunen arbetar med vänorter.</p></main></body></html>"


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and not data.startswith(b"\x16"):  # 0x16: a TLS handshake record
        try:
            chunk = conn.recv(4096)
        except OSError:  # the crawler gave up (a timeout) and reset the connection
            break
        if not chunk:
            break
        data += chunk
    return data


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST


BEHAVIOURS: dict[str, Callable[[socket.socket], None]] = {
    "close": lambda conn: None,  # read the request, close without a byte
    "half-headers": lambda conn: conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Ty"),
    "truncated": lambda conn: conn.sendall(HEAD + b"Content-Length: 5000\r\n\r\n" + PAGE.encode()),
    "reset": _reset,
    "timeout": lambda conn: time.sleep(4),
}


class MisbehavingServer:
    """A raw TCP server on 127.0.0.1: answers ``/robots.txt`` with a 404, and each page path with the
    behaviour it names; anything that is not an HTTP request (a TLS ClientHello) gets plain text back."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.port = self.sock.getsockname()[1]
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            while True:
                request = _read_request(conn)
                if not request.startswith(b"GET "):
                    if request:
                        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                    return
                path = request.split()[1].decode()
                if path == "/robots.txt":
                    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                    continue  # keep-alive: the page may come on this connection
                BEHAVIOURS[path.strip("/")](conn)
                return

    def stop(self) -> None:
        self.stopped = True
        self.sock.close()


@pytest.fixture
def server() -> Iterator[MisbehavingServer]:
    running = MisbehavingServer()
    yield running
    running.stop()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens once it is closed


def test_each_failure_is_recorded_in_words(server: MisbehavingServer, tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{server.port}"
    urls = {name: f"{base}/{name}" for name in BEHAVIOURS}
    urls["refused"] = f"http://127.0.0.1:{_closed_port()}/sida"
    urls["tls"] = f"https://127.0.0.1:{server.port}/tls"  # a TLS client talking to a plain-text server
    entries = [{"id": name, "name": name.title(), "home": url, "url": url} for name, url in urls.items()]
    dump_sites(tmp_path / "sites.yaml", entries, "misbehaving servers")
    write_config(tmp_path, '[crawl]\ncontact = "test@example.se"\ntimeout = 1.5\nretries = 0\n')

    result = run_cli("crawl", "--sites", "sites.yaml", "--db", "k.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    engine = engine_for(f"sqlite:///{tmp_path / 'k.db'}")
    with engine.connect() as connection:
        rows = dict(connection.execute(select(Page.site_id, Fetch.error).join(Fetch)).all())
        outcomes = set(connection.execute(select(Fetch.outcome)).scalars())
    engine.dispose()
    assert outcomes == {"failed"}
    assert rows == {
        "close": CLOSED_WITHOUT_ANSWER,
        "half-headers": CLOSED_MID_RESPONSE,
        "truncated": TRUNCATED,
        "reset": RESET,
        "timeout": timed_out(1.5),
        "refused": REFUSED,
        "tls": TLS_FAILED,
    }
    assert rows["timeout"] == "timed out after 1.5 s"


def test_a_dns_failure_is_named() -> None:
    # A name that does not resolve cannot be provoked here without asking a resolver beyond loopback.
    assert describe_error(DNSLookupError("no-such-host.se")) == DNS_FAILED


def test_reasons_are_words_never_reprs() -> None:
    class OddTwistedThing(Exception):
        def __str__(self) -> str:
            return "[<twisted.python.failure.Failure builtins.OSError: >]"

    reason = describe_error(OddTwistedThing())
    assert reason == "download failed: odd twisted thing"
    assert "<" not in reason and "Failure" not in reason
