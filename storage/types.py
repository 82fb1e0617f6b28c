"""Column types that keep the one-row-per-page-and-night table small (issue 17): a fetch outcome stored as a
small integer, a moment stored on SQLite as integer microseconds. Python sees the same values as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, SmallInteger, TypeDecorator
from sqlalchemy.types import TypeEngine

from crawler.vocab import Outcome

#: The stored code of each fetch outcome. Codes are forever: add new outcomes at the end, never renumber.
#: The two outcomes of an unchanged night come first, as SQLite stores 0 and 1 in no bytes at all.
OUTCOME_CODES: dict[str, int] = {
    Outcome.NOT_MODIFIED: 0,
    Outcome.UNCHANGED: 1,
    Outcome.NEW: 2,
    Outcome.CHANGED: 3,
    Outcome.FAILED: 4,
    Outcome.MISSING: 5,
    Outcome.INVALID: 6,
    Outcome.UNREACHED: 7,
}
OUTCOME_NAMES: dict[int, str] = {code: str(name) for name, code in OUTCOME_CODES.items()}


class OutcomeCode(TypeDecorator[str]):
    """An :class:`~crawler.vocab.Outcome` in Python and in queries; its code (``OUTCOME_CODES``) in the table."""

    impl = SmallInteger
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        try:
            return OUTCOME_CODES[value]
        except KeyError:
            raise ValueError(f"not a fetch outcome: {value!r}") from None

    def process_result_value(self, value: int | None, dialect: Dialect) -> str | None:
        return None if value is None else OUTCOME_NAMES[value]


EPOCH = datetime(1970, 1, 1)


class Moment(TypeDecorator[datetime]):
    """A UTC moment: ``timestamptz`` on PostgreSQL (8 bytes already); on SQLite integer microseconds since
    1970 (8 bytes, where SQLAlchemy's text form takes 26). Read back as SQLite's datetimes always were: naive
    UTC, to the microsecond."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return (value - EPOCH) // timedelta(microseconds=1)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None or dialect.name != "sqlite":
            return value
        return EPOCH + timedelta(microseconds=value)
