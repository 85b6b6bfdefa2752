"""The case's business category (JR/T 0169-2018 投诉业务类别: debit cards, loans, payments ...), the
product dimension of the supervision figures; nullable, since cases taken before it was asked have none.
The period figures' covering index is rebuilt with it, so they stay index-only.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Listed here rather than imported from the schema, so this migration keeps its meaning.
PERIOD_FIGURE_COLUMNS = (
    "received_at",
    "branch",
    "owner",
    "kind",
    "category_code",
    "channel",
    "internal_type",
    "first_response_at",
    "first_resolved_at",
    "reopen_count",
    "called_back",
    "satisfaction",
)


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("business_code", sa.String(32), nullable=True))
    # IF EXISTS: a store made by a pre-release build of 0007 has the figures index under no such name.
    op.execute("DROP INDEX IF EXISTS ix_cases_period_figures")
    op.create_index("ix_cases_period_figures", "cases", [*PERIOD_FIGURE_COLUMNS, "business_code"])


def downgrade() -> None:
    op.drop_index("ix_cases_period_figures", "cases")
    op.create_index("ix_cases_period_figures", "cases", list(PERIOD_FIGURE_COLUMNS))
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("business_code")
