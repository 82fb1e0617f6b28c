"""documents: which run tried a document last, in which run its failure began, and the failure's kind (issue 15)

The report tells a document's failure once, in the run it began (``failing_run_id``); the crawl summary and the
report's count of failures that go on read ``tried_run_id``; ``failure`` names the failure's kind
(crawler/documents/result.py ``Failure``, or ``missing``/``fetch``) so the report words it in its language.

Revision ID: 0010_document_failures
Revises: 0009_documents
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_document_failures"
down_revision = "0009_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Documents stored before this revision keep NULL: a failure already going on is counted as going on
    # from the next run that tries the document, and never told as news.
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("tried_run_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("failing_run_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("failure", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("failure")
        batch.drop_column("failing_run_id")
        batch.drop_column("tried_run_id")
