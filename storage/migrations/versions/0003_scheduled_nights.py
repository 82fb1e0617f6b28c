"""scheduled nights: the scheduler's once-per-night guard (one row per local night, claimed before the crawl)

Revision ID: 0003_scheduled_nights
Revises: 0002_report_notices
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_scheduled_nights"
down_revision = "0002_report_notices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scheduled_nights",
        sa.Column("night", sa.String(length=32), nullable=False),
        sa.Column("fire_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("night"),
    )


def downgrade() -> None:
    op.drop_table("scheduled_nights")
