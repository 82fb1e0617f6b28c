"""Run the app under uvicorn on a socket bound first, so an address that cannot be listened on (a port in use,
a host that is not this machine's) is one line before anything starts, not uvicorn's log and exit code 3."""

from __future__ import annotations

import socket
from typing import Any


class CannotListen(OSError):
    """The address cannot be listened on; the message names it and says why."""


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` and listening.

    >>> listen("192.0.2.1", 8080)  # an address of no machine here (TEST-NET-1): no name to look up
    Traceback (most recent call last):
    ...
    crawler.web.serve.CannotListen: cannot listen on 192.0.2.1:8080: Cannot assign requested address
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise CannotListen(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise CannotListen(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def serve(app: Any, sock: socket.socket, **options: Any) -> None:
    """Serve ``app`` on the bound socket until stopped (``options``: uvicorn's, such as ``log_config``)."""
    import uvicorn

    host, port = sock.getsockname()[:2]
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, **options))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
