"""Length-prefixed pickles over a pipe, with a deadline on the receiving side.

Both ends are kommunvakt's own code (crawler/documents/reader.py and crawler/documents/child.py), so
pickle carries only the dataclasses of crawler/documents/result.py and bytes. The deadline is what lets the
parent give up on a document that takes too long, without a thread.
"""

from __future__ import annotations

import os
import pickle
import select
import time
from typing import IO, Any

_HEADER = 8  # bytes of big-endian frame length


class Timeout(Exception):
    """No whole reply before the deadline."""


def send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_HEADER, "big"))
    stream.write(data)
    stream.flush()


def receive(stream: IO[bytes]) -> Any:
    """One message; EOFError when the other end closed its side."""
    size = int.from_bytes(_exactly(stream, _HEADER), "big")
    return pickle.loads(_exactly(stream, size))


def receive_within(fd: int, seconds: float) -> Any:
    """One message from a raw file descriptor, or :class:`Timeout` after ``seconds``."""
    deadline = time.monotonic() + seconds
    header = _read_until(fd, _HEADER, deadline)
    return pickle.loads(_read_until(fd, int.from_bytes(header, "big"), deadline))


def _exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) < size:
        raise EOFError("the other end closed the pipe")
    return data


def _read_until(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise Timeout
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the reader process closed the pipe")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
