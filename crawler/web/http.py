"""What the app's routes share about requests: the error they answer with, and checks of query values."""

from __future__ import annotations

from datetime import datetime, timedelta


class HttpProblem(Exception):
    """A request the app answers with an error page (status and a message in the page's language)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def day_after(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    try:
        return moment + timedelta(days=1)
    except OverflowError:
        return None  # the last day there is: no upper bound


def positive(raw: str, name: str) -> int:
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 9:
        raise HttpProblem(400, f"{name}: not a positive whole number: {raw!r}")
    return int(raw)


def local_path(value: str | None) -> str | None:
    """Only a path on this site may be a redirect target (``//host`` and ``/\\host`` are other sites)."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or any(c in value for c in "\r\n"):
        return None
    return value
