"""Central database: change log with server sequence, current-state tables, conflicts, sync clients.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIMESTAMPTZ = sa.DateTime(timezone=True)
UUID = sa.Uuid(as_uuid=False)


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("server_seq", sa.BigInteger, autoincrement=True, nullable=False),  # BIGSERIAL
        sa.Column("change_id", UUID, nullable=False),
        sa.Column("origin_branch", sa.String(16), nullable=False),
        sa.Column("origin_workstation", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(24), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("received_at", TIMESTAMPTZ, nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("server_seq", name="pk_changes"),
        sa.UniqueConstraint("change_id", name="uq_changes_change_id"),
        sa.CheckConstraint(
            "entity IN ('customer', 'customer_change', 'case', 'case_event', 'audit')",
            name=op.f("ck_changes_entity"),  # final: the naming convention must not prefix it again
        ),
    )
    op.create_index("ix_changes_origin_branch_server_seq", "changes", ["origin_branch", "server_seq"])
    op.create_index("ix_changes_entity_entity_id", "changes", ["entity", "entity_id"])

    op.create_table(
        "customers",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", TIMESTAMPTZ, nullable=False),
        sa.Column("origin_workstation", sa.String(32), nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
    )
    op.create_index("ix_customers_branch", "customers", ["branch"])

    op.create_table(
        "customer_lookup",
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("digest", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("customer_id", "kind", "digest", name="pk_customer_lookup"),
    )
    op.create_index("ix_customer_lookup_kind_digest", "customer_lookup", ["kind", "digest"])

    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", TIMESTAMPTZ, nullable=False),
        sa.Column("origin_workstation", sa.String(32), nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
    )
    op.create_index("ix_cases_branch", "cases", ["branch"])
    op.create_index("ix_cases_customer_id", "cases", ["customer_id"])

    op.create_table(
        "case_events",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_case_events"),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])

    op.create_table(
        "customer_changes",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customer_changes"),
    )
    op.create_index("ix_customer_changes_customer_id", "customer_changes", ["customer_id"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("workstation", sa.String(64), nullable=False),
        sa.Column("at", TIMESTAMPTZ, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_branch_at", "audit_log", ["branch", "at"])
    # The operation log is append-only. Triggers, not rules or REVOKE: a rule (DO INSTEAD NOTHING)
    # would drop the statement silently and let the caller believe it worked, and REVOKE does not bind
    # the table's owner, which the application role usually is. The row trigger raises on every UPDATE
    # or DELETE; row triggers do not fire for TRUNCATE, so a statement trigger refuses that too.
    # (A superuser can still disable triggers; that is an audited DBA action, outside the app's reach.)
    op.execute(
        """
        CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()"
    )

    op.create_table(
        "conflicts",
        sa.Column("id", UUID, nullable=False),
        sa.Column("entity", sa.String(24), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("winner_seq", sa.BigInteger, nullable=True),
        sa.Column("losing_change_id", UUID, nullable=False),
        sa.Column("losing_version", sa.Integer, nullable=False),
        sa.Column("losing_payload", JSONB, nullable=False),
        sa.Column("losing_workstation", sa.String(32), nullable=False),
        sa.Column("detected_at", TIMESTAMPTZ, nullable=False, server_default=sa.func.now()),
        sa.Column("resolved_at", TIMESTAMPTZ, nullable=True),
        sa.Column("resolved_by", sa.String(64), nullable=True),
        sa.Column("resolution", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_conflicts"),
    )
    op.create_index("ix_conflicts_branch_resolved_at", "conflicts", ["branch", "resolved_at"])
    op.create_index("ix_conflicts_entity_entity_id", "conflicts", ["entity", "entity_id"])

    op.create_table(
        "sync_clients",
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("workstation", sa.String(32), nullable=False),
        sa.Column("last_push_at", TIMESTAMPTZ, nullable=True),
        sa.Column("last_pull_at", TIMESTAMPTZ, nullable=True),
        sa.Column("last_seq", sa.BigInteger, nullable=True),
        sa.PrimaryKeyConstraint("branch", "workstation", name="pk_sync_clients"),
    )


def downgrade() -> None:
    for table in ("sync_clients", "conflicts", "audit_log"):
        op.drop_table(table)
    op.execute("DROP FUNCTION audit_log_refuse_change()")
    for table in ("customer_changes", "case_events", "cases", "customer_lookup", "customers", "changes"):
        op.drop_table(table)
