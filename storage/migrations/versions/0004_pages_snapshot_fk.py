"""pages.last_snapshot_id references snapshots (0001 declared it but Alembic skipped the use_alter key)

Revision ID: 0004_pages_snapshot_fk
Revises: 0003_scheduled_nights
"""

from __future__ import annotations

from alembic import op

revision = "0004_pages_snapshot_fk"
down_revision = "0003_scheduled_nights"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: on SQLite the table is rebuilt with the key (env.py turns foreign keys off meanwhile);
    # elsewhere it is a plain ALTER TABLE.
    with op.batch_alter_table("pages") as batch:
        batch.create_foreign_key(
            "fk_pages_last_snapshot", "snapshots", ["last_snapshot_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("pages") as batch:
        batch.drop_constraint("fk_pages_last_snapshot", type_="foreignkey")
