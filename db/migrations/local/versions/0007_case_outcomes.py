"""What the supervision figures need, kept when a case is written instead of derived from timelines at
report time: first response, first resolution, callback reached and latest score on the case, and each
deadline clock's outcome in case_clocks; covering indexes for the period's figures and the open-case
snapshot, so the figures read index entries rather than case rows.

The columns on the case are filled here from the timelines (the definitions of
app/services/case_marks.py, copied so this migration keeps its meaning). The clock outcomes need the
deadline engine, its policies and the working-day calendar, which the database layer does not have: the
migration marks the store and the application fills them once, before the first figures are computed
(app/services/case_records.backfill_if_pending).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UtcDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

PENDING_KEY = "clock_outcomes_pending"
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
CLOCK_KEY = ("clock", "outcome", "received_at", "case_id", "position")
OPEN_DEADLINE_COLUMNS = ("branch", "status", "deadline_sort", "next_warn_at", "owner", "kind")

_FIRST_RESPONSE = """(SELECT min(e.at) FROM case_events e WHERE e.case_id = cases.id AND (
    (e.kind = 'status' AND e.status_to != 'withdrawn') OR e.kind IN ('answer', 'transferred')
    OR (e.kind = 'note' AND json_extract(e.data, '$.customer_contact') = 1)))"""
_FIRST_RESOLVED = """(SELECT min(e.at) FROM case_events e WHERE e.case_id = cases.id
    AND e.kind = 'status' AND e.status_to = 'resolved')"""
_REACHED = "e.case_id = cases.id AND e.kind = 'callback' AND json_extract(e.data, '$.reached') = 1"
_CALLED_BACK = f"EXISTS (SELECT 1 FROM case_events e WHERE {_REACHED})"
_SATISFACTION = f"""(SELECT CAST(json_extract(e.data, '$.satisfaction') AS INTEGER) FROM case_events e
    WHERE {_REACHED} AND json_extract(e.data, '$.satisfaction') IS NOT NULL
    ORDER BY e.at DESC, e.seq DESC LIMIT 1)"""


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("first_response_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("first_resolved_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("called_back", sa.Boolean(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("satisfaction", sa.Integer(), nullable=True))
    op.execute(
        f"UPDATE cases SET first_response_at = {_FIRST_RESPONSE}, first_resolved_at = {_FIRST_RESOLVED},"
        f" called_back = {_CALLED_BACK}, satisfaction = {_SATISFACTION}"
    )
    op.create_index("ix_cases_period_figures", "cases", list(PERIOD_FIGURE_COLUMNS))
    op.create_index("ix_cases_open_deadlines", "cases", list(OPEN_DEADLINE_COLUMNS))
    op.create_table(
        "case_clocks",
        sa.Column("clock", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("branch", sa.String(16), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint(
            "clock", "outcome", "received_at", "case_id", "position", name="pk_case_clocks"
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_case_clocks_case_id", "case_clocks", ["case_id"])
    op.execute(
        f"INSERT INTO meta (key, value) SELECT '{PENDING_KEY}', '1' WHERE EXISTS (SELECT 1 FROM cases)"
    )


def downgrade() -> None:
    op.execute(f"DELETE FROM meta WHERE key = '{PENDING_KEY}'")
    op.drop_index("ix_case_clocks_case_id", "case_clocks")
    op.drop_table("case_clocks")
    op.drop_index("ix_cases_open_deadlines", "cases")
    op.drop_index("ix_cases_period_figures", "cases")
    with op.batch_alter_table("cases") as batch:
        for column in ("satisfaction", "called_back", "first_resolved_at", "first_response_at"):
            batch.drop_column(column)
