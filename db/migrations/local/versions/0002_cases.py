"""Cases, their append-only timeline, and the per-day case number sequence.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("number", sa.String(48), nullable=False, unique=True),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("workstation", sa.String(32), nullable=False),
        sa.Column("customer_id", sa.String(36), sa.ForeignKey("customers.id"), nullable=True),
        sa.Column("key_scope", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("category_code", sa.String(32), nullable=False),
        sa.Column("internal_type", sa.String(16), nullable=True),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("content_ct", sa.LargeBinary, nullable=False),
        sa.Column("received_at", UtcDateTime, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("department", sa.String(32), nullable=False),
        sa.Column("first_handler", sa.String(64), nullable=False),
        sa.Column("escalated", sa.Boolean, nullable=False),
        sa.Column("reopen_count", sa.Integer, nullable=False),
        sa.Column("decision_days", sa.Integer, nullable=False),
        sa.Column("next_clock", sa.String(32), nullable=True),
        sa.Column("next_due_at", UtcDateTime, nullable=True),
        sa.Column("next_warn_at", UtcDateTime, nullable=True),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("closed_at", UtcDateTime, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_cases_status_next_due_at", "cases", ["status", "next_due_at"])
    op.create_index("ix_cases_next_due_at", "cases", ["next_due_at"])
    op.create_index("ix_cases_customer_id_category_code", "cases", ["customer_id", "category_code"])
    op.create_index("ix_cases_received_at", "cases", ["received_at"])
    op.create_index("ix_cases_owner", "cases", ["owner"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("status_from", sa.String(16), nullable=True),
        sa.Column("status_to", sa.String(16), nullable=True),
        sa.Column("data", sa.String(1024), nullable=False),
        sa.Column("text_ct", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_case_events_case_id_seq", "case_events", ["case_id", "seq"], unique=True)
    op.create_table(
        "case_numbers",
        sa.Column("day", sa.String(8), primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("case_numbers", "case_events", "cases"):
        op.drop_table(table)
