"""What the app's routes share about requests: the error they answer with, and checks of query values."""

from __future__ import annotations

from datetime import datetime, timedelta


class HttpProblem(Exception):
    """A request the app answers with an error: ``message`` for JSON answers (the parameter's name first),
    and, when ``words`` names one of crawler/web/i18n.py's texts, that text for a person's page."""

    def __init__(self, status: int, message: str, words: str | None = None, **values: str):
        super().__init__(message)
        self.status = status
        self.message = message
        self.words = words
        self.values = values

    def localised(self, t: dict[str, str]) -> str:
        """The message in the page's language (a ``label`` value is a text's key: the field's name there)."""
        if self.words is None or self.words not in t:
            return self.message
        values = dict(self.values)
        if "label" in values:
            values["label"] = t.get(values["label"], values["label"])
        return t[self.words].format(**values)


def day_after(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    try:
        return moment + timedelta(days=1)
    except OverflowError:
        return None  # the last day there is: no upper bound


def positive(raw: str, name: str) -> int:
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 9:
        raise HttpProblem(400, f"{name}: not a positive whole number: {raw!r}", "bad_number", label=name, value=raw)
    return int(raw)


def local_path(value: str | None) -> str | None:
    """Only a path on this site may be a redirect target (``//host`` and ``/\\host`` are other sites)."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")) or any(c in value for c in "\r\n"):
        return None
    return value
