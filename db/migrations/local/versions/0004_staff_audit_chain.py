"""Staff accounts for sign-in; the operation log's hash chain.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(64), nullable=False),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_phc", sa.String(256), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked_until", UtcDateTime, nullable=True),
    )
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("prev_mac", sa.LargeBinary, nullable=True))
        batch.add_column(sa.Column("mac", sa.LargeBinary, nullable=True))
    op.create_index("ix_audit_log_workstation_seq", "audit_log", ["workstation", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_workstation_seq", "audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("mac")
        batch.drop_column("prev_mac")
    op.drop_table("staff")
