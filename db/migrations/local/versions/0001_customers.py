"""Customers with encrypted fields, blind-index lookup, change history, operation log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(256), nullable=False),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("id_type", sa.String(16), nullable=False),
        sa.Column("name_ct", sa.LargeBinary, nullable=False),
        sa.Column("id_number_ct", sa.LargeBinary, nullable=False),
        sa.Column("mobile_ct", sa.LargeBinary, nullable=False),
        sa.Column("address_ct", sa.LargeBinary, nullable=False),
        sa.Column("accounts_ct", sa.LargeBinary, nullable=False),
        sa.Column("risk_level", sa.String(16), nullable=False),
        sa.Column("kyc_status", sa.String(16), nullable=False),
        sa.Column("consent_given", sa.Boolean, nullable=False),
        sa.Column("consent_purpose", sa.String(32), nullable=False),
        sa.Column("consent_at", UtcDateTime, nullable=True),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
    )
    op.create_index("ix_customers_updated_at", "customers", ["updated_at"])
    op.create_table(
        "customer_keys",
        sa.Column("customer_id", sa.String(36), sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
        sa.Column("org_key_id", sa.Integer, nullable=False),
        sa.Column("created_at", UtcDateTime, nullable=False),
    )
    op.create_table(
        "customer_lookup",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(36), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("digest", sa.Integer, nullable=False),
    )
    op.create_index("ix_customer_lookup_kind_digest", "customer_lookup", ["kind", "digest"])
    op.create_index("ix_customer_lookup_customer_id", "customer_lookup", ["customer_id"])
    op.create_table(
        "customer_changes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(36), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("staff_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("fields", sa.String(256), nullable=False),
        sa.Column("reason_ct", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_customer_changes_customer_id_at", "customer_changes", ["customer_id", "at"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("at", UtcDateTime, nullable=False),
        sa.Column("staff_id", sa.String(64), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(32), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("detail", sa.String(256), nullable=False),
        sa.Column("detail_ct", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    for table in (
        "audit_log",
        "customer_changes",
        "customer_lookup",
        "customer_keys",
        "customers",
        "meta",
    ):
        op.drop_table(table)
