"""The compact column types of the fetch rows (storage/types.py): every outcome has a code of its own, and a
moment stored on SQLite as integer microseconds comes back as the same moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import DateTime
from sqlalchemy.dialects import postgresql, sqlite

from crawler.vocab import Outcome
from storage.types import OUTCOME_CODES, Moment, OutcomeCode


def test_every_outcome_has_its_own_code_and_nothing_else_does() -> None:
    assert set(OUTCOME_CODES) == set(Outcome)
    assert len(set(OUTCOME_CODES.values())) == len(Outcome)
    assert OUTCOME_CODES[Outcome.NOT_MODIFIED] in (0, 1) and OUTCOME_CODES[Outcome.UNCHANGED] in (0, 1)
    codes = OutcomeCode()
    for outcome in Outcome:
        assert (
            codes.process_result_value(codes.process_bind_param(outcome, sqlite.dialect()), sqlite.dialect()) == outcome
        )
    with pytest.raises(ValueError, match="not a fetch outcome"):
        codes.process_bind_param("exploded", sqlite.dialect())


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)))
def test_a_moment_comes_back_to_the_microsecond_as_naive_utc_on_sqlite(at: datetime) -> None:
    moment, dialect = Moment(), sqlite.dialect()
    stored = moment.process_bind_param(at, dialect)
    assert isinstance(stored, int)
    assert moment.process_result_value(stored, dialect) == at.replace(tzinfo=None)


def test_a_moment_in_another_zone_is_stored_as_its_utc_and_postgresql_keeps_its_own_type() -> None:
    moment = Moment()
    stockholm = datetime(2026, 12, 3, 3, 5, 0, 7, tzinfo=timezone(timedelta(hours=1)))
    back = moment.process_result_value(moment.process_bind_param(stockholm, sqlite.dialect()), sqlite.dialect())
    assert back == datetime(2026, 12, 3, 2, 5, 0, 7)
    assert moment.process_bind_param(stockholm, postgresql.dialect()) is stockholm
    impl = moment.load_dialect_impl(postgresql.dialect())
    assert isinstance(impl, DateTime) and impl.timezone  # timestamptz: already 8 bytes
