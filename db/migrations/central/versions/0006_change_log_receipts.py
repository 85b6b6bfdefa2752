"""The change log keeps each change's receipt (id, order, origin, record, version), no longer a second
copy of its payload: the data is kept once, in the table made for it (current rows, timeline events,
change history, operation log), and kept conflicts hold the losing edits whole. An erasure keeps its
payload: branchdesk_erase_customer reads the time of the erasure from it.

Every change pays for each index of the log, so it keeps only those a query needs: the primary key
(pull cursor, erasure lookup) and the change id (idempotency). The (origin_branch, server_seq) index
served the pull before 0004 moved it to the current-state tables; the (entity, entity_id) index is
needed only by the erasure scrub, which looks only at rows that still hold a payload, so it becomes a
partial index over those.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

Rows written before this migration keep their payloads (the erasure scrub still cleans them). A client
of this version needs this migration: it sends changes without payloads (the schema check stops older
central databases with a clear message first).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_ERASURE_HAS_PAYLOAD = "entity <> 'erasure' OR payload IS NOT NULL"


def upgrade() -> None:
    op.alter_column("changes", "payload", nullable=True)
    op.create_check_constraint(op.f("ck_changes_erasure_payload"), "changes", _ERASURE_HAS_PAYLOAD)
    op.drop_index("ix_changes_origin_branch_server_seq", table_name="changes")
    op.drop_index("ix_changes_entity_entity_id", table_name="changes")
    op.create_index(
        "ix_changes_entity_entity_id", "changes", ["entity", "entity_id"],
        postgresql_where=sa.text("payload IS NOT NULL"),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_changes_entity_entity_id", table_name="changes")
    op.create_index("ix_changes_entity_entity_id", "changes", ["entity", "entity_id"])
    op.create_index("ix_changes_origin_branch_server_seq", "changes", ["origin_branch", "server_seq"])
    op.drop_constraint(op.f("ck_changes_erasure_payload"), "changes", type_="check")
    # Receipts written since have no payload to give back; an empty object keeps NOT NULL true.
    op.execute("UPDATE changes SET payload = '{}'::jsonb WHERE payload IS NULL")
    op.alter_column("changes", "payload", nullable=False)
