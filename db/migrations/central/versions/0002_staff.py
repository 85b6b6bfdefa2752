"""Staff accounts, managed centrally and synced to every PC of their branch.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ENTITIES_BEFORE = "entity IN ('customer', 'customer_change', 'case', 'case_event', 'audit')"
_ENTITIES_AFTER = "entity IN ('customer', 'customer_change', 'case', 'case_event', 'audit', 'staff')"


def upgrade() -> None:
    op.drop_constraint(op.f("ck_changes_entity"), "changes", type_="check")
    op.create_check_constraint(op.f("ck_changes_entity"), "changes", _ENTITIES_AFTER)
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("origin_workstation", sa.String(32), nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
    )
    op.create_index("ix_staff_branch", "staff", ["branch"])


def downgrade() -> None:
    op.drop_table("staff")
    op.drop_constraint(op.f("ck_changes_entity"), "changes", type_="check")
    op.create_check_constraint(op.f("ck_changes_entity"), "changes", _ENTITIES_BEFORE)
