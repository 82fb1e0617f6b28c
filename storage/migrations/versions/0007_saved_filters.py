"""web app: saved changes filters, the generation of each account's feed key, changes by site and time

Revision ID: 0007_saved_filters
Revises: 0006_web_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_saved_filters"
down_revision = "0006_web_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "name", name="uq_saved_filters_user_name"),
    )
    op.create_table(
        "feed_keys",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("renewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_index("ix_changes_site_detected", "changes", ["site_id", "superseded", "detected_at"])


def downgrade() -> None:
    op.drop_index("ix_changes_site_detected", table_name="changes")
    op.drop_table("feed_keys")
    op.drop_table("saved_filters")
