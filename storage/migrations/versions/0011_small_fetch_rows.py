"""Smaller fetch rows (issue 17): fetches.outcome as a small integer code and, on SQLite, fetches.fetched_at as
integer microseconds; snapshots.body_size and body_sha256, so "same bytes as the stored version" needs no zlib

Revision ID: 0011_small_fetch_rows
Revises: 0010_document_failures
"""

from __future__ import annotations

import hashlib
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0011_small_fetch_rows"
down_revision = "0010_document_failures"
branch_labels = None
depends_on = None

#: storage/types.py OUTCOME_CODES as of this revision (codes never change; a later outcome gets a later code).
CODES = {
    "not_modified": 0,
    "unchanged": 1,
    "new": 2,
    "changed": 3,
    "failed": 4,
    "missing": 5,
    "invalid": 6,
    "unreached": 7,
}

#: SQLAlchemy's SQLite text form of a moment ('YYYY-MM-DD HH:MM:SS.ffffff'; written by hand, maybe with an
#: offset after it) as integer microseconds since 1970, and back.
TEXT_TO_MICROS = (
    "CAST(strftime('%s', fetched_at) AS INTEGER) * 1000000"
    " + CASE WHEN substr(fetched_at, 20, 1) = '.' THEN CAST(substr(fetched_at, 21, 6) AS INTEGER) ELSE 0 END"
)
MICROS_TO_TEXT = (
    "strftime('%Y-%m-%d %H:%M:%S', fetched_at / 1000000, 'unixepoch') || '.' || printf('%06d', fetched_at % 1000000)"
)


def _case(pairs: list[tuple[str, str]]) -> str:
    """CASE outcome WHEN ... THEN ... END; an unknown value becomes NULL, which NOT NULL refuses."""
    return "CASE outcome " + " ".join(f"WHEN {when} THEN {then}" for when, then in pairs) + " END"


TO_CODES = _case([(f"'{name}'", str(code)) for name, code in CODES.items()])
FROM_CODES = _case([(str(code), f"'{name}'") for name, code in CODES.items()])
#: After SQLite's copy into a VARCHAR column the codes are text ('0'): compared as text.
FROM_CODE_TEXT = _case([(f"'{code}'", f"'{name}'") for name, code in CODES.items()])


def upgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:
        batch.add_column(sa.Column("body_size", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("body_sha256", sa.String(length=64), nullable=True))
    _fill_body_digests()
    if op.get_bind().dialect.name == "sqlite":
        # Values first (SQLite keeps any value in any column), then the declared types: the table is rebuilt
        # once, and the copy turns the codes' text into integers by the new column's affinity.
        op.execute(f"UPDATE fetches SET outcome = {TO_CODES}")
        op.execute(f"UPDATE fetches SET fetched_at = {TEXT_TO_MICROS}")
        with op.batch_alter_table("fetches") as batch:
            batch.alter_column("outcome", existing_type=sa.String(length=12), type_=sa.SmallInteger())
            batch.alter_column("fetched_at", existing_type=sa.DateTime(timezone=True), type_=sa.BigInteger())
    else:
        op.alter_column(
            "fetches",
            "outcome",
            existing_type=sa.String(length=12),
            type_=sa.SmallInteger(),
            postgresql_using=TO_CODES,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("fetches") as batch:
            batch.alter_column("outcome", existing_type=sa.SmallInteger(), type_=sa.String(length=12))
            batch.alter_column("fetched_at", existing_type=sa.BigInteger(), type_=sa.DateTime(timezone=True))
        op.execute(f"UPDATE fetches SET outcome = {FROM_CODE_TEXT}")
        op.execute(f"UPDATE fetches SET fetched_at = {MICROS_TO_TEXT} WHERE typeof(fetched_at) = 'integer'")
    else:
        op.alter_column(
            "fetches",
            "outcome",
            existing_type=sa.SmallInteger(),
            type_=sa.String(length=12),
            postgresql_using=FROM_CODES,
        )
    with op.batch_alter_table("snapshots") as batch:
        batch.drop_column("body_sha256")
        batch.drop_column("body_size")


def _fill_body_digests(chunk: int = 200) -> None:
    """Each stored version's length and SHA-256, from its compressed body, a chunk of versions at a time."""
    bind = op.get_bind()
    snapshots = sa.table(
        "snapshots",
        sa.column("id", sa.Integer()),
        sa.column("html_z", sa.LargeBinary()),
        sa.column("body_size", sa.Integer()),
        sa.column("body_sha256", sa.String()),
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.select(snapshots.c.id, snapshots.c.html_z)
            .where(snapshots.c.id > last)
            .order_by(snapshots.c.id)
            .limit(chunk)
        ).all()
        if not rows:
            return
        for snapshot_id, html_z in rows:
            try:
                body = zlib.decompress(html_z)
            except zlib.error:  # left NULL: such a version is never taken for "the same bytes" (it is read)
                continue
            bind.execute(
                sa.update(snapshots)
                .where(snapshots.c.id == snapshot_id)
                .values(body_size=len(body), body_sha256=hashlib.sha256(body).hexdigest())
            )
        last = rows[-1][0]
