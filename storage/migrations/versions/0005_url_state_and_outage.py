"""pages.url_state (confirmed / candidate / verified / invalid); crawl_runs.invalid, unreached, outage

Revision ID: 0005_url_state_and_outage
Revises: 0004_pages_snapshot_fk
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_url_state_and_outage"
down_revision = "0004_pages_snapshot_fk"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Pages watched before this revision came from the sites file as it was then: confirmed addresses.
    with op.batch_alter_table("pages") as batch:
        batch.add_column(sa.Column("url_state", sa.String(length=12), nullable=False, server_default="confirmed"))
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("invalid", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("unreached", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("outage", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("outage")
        batch.drop_column("unreached")
        batch.drop_column("invalid")
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("url_state")
