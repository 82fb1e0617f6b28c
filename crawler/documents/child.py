"""The reader process: ``python -m crawler.documents.child MEMORY_BYTES``, one document at a time.

It caps its own address space (``RLIMIT_AS``) once the parsers are loaded, so a decompression bomb or a
zip bomb that gets past the parsers' own limits ends in a :class:`MemoryError` here, reported as that
document's failure, and not in the OOM killer choosing a process. After a :class:`MemoryError` it answers
and exits, so the next document gets a fresh process. Time is limited by the parent
(crawler/documents/reader.py), which kills a process that does not answer in time.
"""

from __future__ import annotations

import logging
import resource
import sys

from crawler.documents.read import read_document
from crawler.documents.result import Failure, Unreadable
from crawler.documents.wire import receive, send


def main(argv: list[str]) -> int:
    memory = int(argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)  # pypdf warns about every odd file
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing a library prints may corrupt the replies
    while True:
        try:
            body, sha256, url, content_type, settings = receive(requests)
        except EOFError:
            return 0
        started = _cpu_seconds()
        try:
            reading = read_document(body, settings, url=url, content_type=content_type, sha256=sha256)
        except MemoryError:
            del body
            reason = f"needed more than the {memory // (1024 * 1024)} MB of memory a document may use"
            send(replies, (Unreadable(Failure.MEMORY, reason, sha256), _peak_kb(), _cpu_seconds() - started))
            return 0
        send(replies, (reading, _peak_kb(), _cpu_seconds() - started))


def _peak_kb() -> int:
    """This process's peak resident memory in kilobytes: VmHWM, which starts anew with the exec (Linux's
    ``ru_maxrss`` carries the parent's peak at the fork over the exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main(sys.argv))
