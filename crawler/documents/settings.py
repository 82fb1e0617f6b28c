"""The ``[documents]`` settings: how many linked documents a page may bring, and the limits a reader obeys.

A frozen dataclass that validates itself, so a bad value fails when the config is loaded, not in the middle
of a night. :func:`from_table` reads the TOML table; :mod:`crawler.config` is where the lead wires it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

MB = 1_000_000


class DocumentSettingsError(ValueError):
    """A bad ``[documents]`` value; the message names the field, as :class:`crawler.config.ConfigError` does."""


@dataclass(frozen=True)
class DocumentSettings:
    """Limits for watching linked documents (PDF, DOCX, ODT).

    ``enabled``: watch linked documents at all; ``max_per_page``: documents followed from one page (0 turns
    documents off too); ``max_bytes``: a document's
    size cap, separate from the page cap; ``max_pages``: pages read from one document (the rest is left
    unread, and the result says so); ``timeout``: seconds one document may take to read; ``max_memory``:
    megabytes of address space of the reader process; ``keep_files``: store the file itself beside its text.
    """

    enabled: bool = True
    max_per_page: int = 20
    max_bytes: int = 30 * MB
    max_pages: int = 300
    timeout: float = 60.0
    max_memory: int = 768
    keep_files: bool = False

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            expected = bool if spec.type == "bool" else float if spec.type == "float" else int
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, spec.name, float(value))
                value = float(value)
            if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
                raise DocumentSettingsError(
                    f"field 'documents.{spec.name}': must be {expected.__name__} (got {value!r})"
                )
        for name, low, what in _LIMITS:
            if getattr(self, name) < low:
                raise DocumentSettingsError(f"field 'documents.{name}': must be {what} (got {getattr(self, name)!r})")
        if self.timeout <= 0:
            raise DocumentSettingsError(
                f"field 'documents.timeout': must be more than 0 seconds (got {self.timeout!r})"
            )

    @property
    def active(self) -> bool:
        """Whether a crawl follows any document link at all."""
        return self.enabled and self.max_per_page > 0

    @property
    def memory_bytes(self) -> int:
        return self.max_memory * 1024 * 1024


#: Lower bounds: a reader process needs ~70 MB of address space for Python and the parsers alone.
_LIMITS: tuple[tuple[str, float, str], ...] = (
    ("max_per_page", 0, "0 (off) or more"),
    ("max_bytes", 1, "at least 1 byte"),
    ("max_pages", 1, "at least 1 page"),
    ("max_memory", 128, "at least 128 (megabytes)"),
)


def from_table(table: Mapping[str, Any] | None) -> DocumentSettings:
    """The settings a TOML ``[documents]`` table gives; unknown keys are an error, missing keys take defaults.

    >>> from_table({"max_pages": 50, "timeout": 10}).timeout
    10.0
    """
    if table is None:
        return DocumentSettings()
    if not isinstance(table, Mapping):
        raise DocumentSettingsError("field 'documents': must be a table")
    known = {spec.name for spec in fields(DocumentSettings)}
    for key in table:
        if key not in known:
            raise DocumentSettingsError(f"field 'documents.{key}': unknown key (allowed: {', '.join(sorted(known))})")
    return DocumentSettings(**dict(table))
