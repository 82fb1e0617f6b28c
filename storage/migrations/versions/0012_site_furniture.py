"""site_furniture and snapshots.furniture: what each site's home page repeats, and which of it a version was read with

Revision ID: 0012_site_furniture
Revises: 0011_small_fetch_rows
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_site_furniture"
down_revision = "0011_small_fetch_rows"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_furniture",
        sa.Column("site_id", sa.String(length=64), nullable=False),
        sa.Column("home_url", sa.String(length=2000), nullable=False),
        sa.Column("prints", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=True),
        sa.Column("etag", sa.String(length=300), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("site_id"),
    )
    # Versions stored before this revision keep NULL: they were read without a home page's furniture.
    with op.batch_alter_table("snapshots") as batch:
        batch.add_column(sa.Column("furniture", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:
        batch.drop_column("furniture")
    op.drop_table("site_furniture")
