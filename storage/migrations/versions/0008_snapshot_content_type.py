"""snapshots.content_type: the Content-Type a version was served with, so reprocessing decodes it as the crawl did

Revision ID: 0008_snapshot_content_type
Revises: 0007_saved_filters
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_snapshot_content_type"
down_revision = "0007_saved_filters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Versions stored before this revision keep NULL: their header is lost, and they are decoded as before
    # (from the bytes and their <meta> declaration alone).
    with op.batch_alter_table("snapshots") as batch:
        batch.add_column(sa.Column("content_type", sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:
        batch.drop_column("content_type")
