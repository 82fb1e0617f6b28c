"""One Python child process that answers over its stdin and stdout: started when first needed, stopped after a
crash or a timeout, started afresh for the next request, closed once.

The readers keep their untrusted parsing in a child: the page reader (crawler/page_reader.py) so the crawl
uses the second core, the document reader (crawler/documents/reader.py) so a hostile file can exhaust only a
process of its own. The protocol and the retries are theirs; the process's life is this module's.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Callable, Sequence


class ChildRunner:
    """The child of one reader. ``lock`` serialises the reader's calls; :meth:`running` and :meth:`stop` are
    called with it held."""

    def __init__(self, command: Sequence[str] | Callable[[], Sequence[str]]) -> None:
        self.command = command  # a callable is asked at each start (the interpreter's path is read then)
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self.closed = False

    def running(self) -> subprocess.Popen[bytes]:
        """The child, started now when there is none (its stderr is ours, so its warnings reach our log)."""
        if self.closed:
            raise RuntimeError("the reader is closed")
        if self.process is None:
            command = self.command() if callable(self.command) else self.command
            self.process = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self.process

    def stop(self, *, kill: bool) -> None:
        """End the child: closing its input lets it finish; ``kill`` when it may be stuck or broken."""
        child, self.process = self.process, None
        if child is None:
            return
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        if kill:
            child.kill()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()

    def close(self) -> None:
        """Let the child finish and reap it; no child starts after this."""
        with self.lock:
            self.closed = True
            self.stop(kill=False)
