"""Indexes that let a pull batch read only its own rows: each part of the pull query (central_pull.py)
is an index range scan on the sequence column that stops after the batch's rows, instead of a scan and
sort of everything the branch may see. (branch, last_seq) replaces the plain branch index of cases and
staff: it serves every query the old one did.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

Built inside the migration's transaction (CREATE INDEX, not CONCURRENTLY): writes to these tables wait
while the indexes are built, so run it when the branches are not syncing, as every migration.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (index, table, columns)
INDEXES = (
    ("ix_customers_last_seq", "customers", ["last_seq"]),
    ("ix_cases_branch_last_seq", "cases", ["branch", "last_seq"]),
    ("ix_case_events_last_seq", "case_events", ["last_seq"]),
    ("ix_customer_changes_last_seq", "customer_changes", ["last_seq"]),
    ("ix_audit_log_branch_last_seq", "audit_log", ["branch", "last_seq"]),
    ("ix_staff_branch_last_seq", "staff", ["branch", "last_seq"]),
    ("ix_conflicts_branch_winner_seq", "conflicts", ["branch", "winner_seq"]),
)
# Prefixes of the new (branch, last_seq) indexes.
REPLACED = (("ix_cases_branch", "cases", ["branch"]), ("ix_staff_branch", "staff", ["branch"]))


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
