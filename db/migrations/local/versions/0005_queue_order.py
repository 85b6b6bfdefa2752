"""A sortable deadline column and index so the case queue is ordered and filtered by an index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("deadline_sort", sa.String(40), nullable=False, server_default="~"))
    op.execute("UPDATE cases SET deadline_sort = COALESCE(next_due_at, '~')")
    op.create_index(
        "ix_cases_branch_deadline_sort",
        "cases",
        ["branch", "deadline_sort", sa.text("received_at DESC"), "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_cases_branch_deadline_sort", "cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("deadline_sort")
