"""Tables of the central PostgreSQL database: the change log (pull cursor) and current state per entity."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# Entities a change can carry; the CHECK constraint on changes.entity lists the same names.
ENTITIES = ("customer", "customer_change", "case", "case_event", "audit", "staff", "erasure")

# The NOLOGIN group role every workstation's login role belongs to (migration 0003 grants it what sync needs).
SYNC_GROUP = "branchdesk_sync"

# Key of the transaction-level advisory lock that serializes appends to `changes` (see append_lock).
CHANGES_APPEND_LOCK = 0x42444348  # "BDCH"

central_metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class AwareTimestamp(TypeDecorator[dt.datetime]):
    """TIMESTAMPTZ that refuses naive datetimes and always hands back UTC, whatever the session zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.astimezone(dt.UTC)


# Client-generated ids travel as strings, as in the local store.
UUID_STR = Uuid(as_uuid=False)

# Every change any workstation pushed, in the order the server received it. server_seq is the pull
# cursor; change_id is the workstation's idempotency key (a re-pushed batch inserts nothing twice).
# Since migration 0006 a change's payload is kept once, in its entity's table; the log keeps it only for
# an erasure (erasure payloads hold ids and times, nothing personal). Payloads anywhere hold only
# already-encrypted values (base64 strings): the central side never sees plaintext.
changes = Table(
    "changes",
    central_metadata,
    Column("server_seq", BigInteger, primary_key=True, autoincrement=True),
    Column("change_id", UUID_STR, nullable=False, unique=True),
    Column("origin_branch", String(16), nullable=False),
    Column("origin_workstation", String(32), nullable=False),
    Column("entity", String(24), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("version", Integer, nullable=False, server_default=text("0")),  # 0 for append-only rows
    Column("payload", JSONB, nullable=True),
    Column("received_at", AwareTimestamp, nullable=False, server_default=func.now()),
    CheckConstraint(f"entity IN ({', '.join(repr(entity) for entity in ENTITIES)})", name="entity"),
    CheckConstraint("entity <> 'erasure' OR payload IS NOT NULL", name="erasure_payload"),
    # Only rows that still hold a payload (erasures, and changes logged before migration 0006) are
    # looked up by record: the erasure scrub. Receipts are found by change id or sequence number.
    Index("ix_changes_entity_entity_id", "entity", "entity_id", postgresql_where=text("payload IS NOT NULL")),
)

# --- current state: the newest accepted version of each row; last_seq (last_change_id) = the change that
# wrote it, kept on the row so that resolving a conflict never reads another branch's change. The
# (branch, last_seq) indexes serve the pull: each batch is a range scan of its branch's rows from the
# cursor, however many branches share the database ---

customers = Table(
    "customers",
    central_metadata,
    Column("id", String(36), primary_key=True),
    Column("branch", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", AwareTimestamp, nullable=False),
    Column("origin_workstation", String(32), nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("last_change_id", UUID_STR, nullable=False),
    Index("ix_customers_branch_last_seq", "branch", "last_seq"),
)

# Blind-index digests (truncated HMACs) for exact lookup across branches without plaintext.
customer_lookup = Table(
    "customer_lookup",
    central_metadata,
    Column("customer_id", String(36), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("digest", Integer, nullable=False),
    PrimaryKeyConstraint("customer_id", "kind", "digest"),
    Index("ix_customer_lookup_kind_digest", "kind", "digest"),
)

cases = Table(
    "cases",
    central_metadata,
    Column("id", String(36), primary_key=True),
    Column("branch", String(16), nullable=False),
    Column("customer_id", String(36), nullable=True),  # a case may have no customer
    Column("version", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("updated_at", AwareTimestamp, nullable=False),
    Column("origin_workstation", String(32), nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("last_change_id", UUID_STR, nullable=False),
    Index("ix_cases_branch_last_seq", "branch", "last_seq"),
    Index("ix_cases_customer_id", "customer_id"),
)

case_events = Table(
    "case_events",
    central_metadata,
    Column("id", String(36), primary_key=True),
    Column("case_id", String(36), nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("branch", String(16), nullable=False),  # the case's: set by a trigger (central migration 0007)
    Index("ix_case_events_case_id", "case_id"),
    Index("ix_case_events_branch_last_seq", "branch", "last_seq"),
)

customer_changes = Table(
    "customer_changes",
    central_metadata,
    Column("id", String(36), primary_key=True),
    Column("customer_id", String(36), nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("branch", String(16), nullable=False),  # the customer's: set by a trigger (migration 0007)
    Index("ix_customer_changes_customer_id", "customer_id"),
    Index("ix_customer_changes_branch_last_seq", "branch", "last_seq"),
)

# Append-only: the migration installs triggers refusing UPDATE, DELETE and TRUNCATE.
audit_log = Table(
    "audit_log",
    central_metadata,
    Column("id", String(36), primary_key=True),
    Column("branch", String(16), nullable=False),
    Column("workstation", String(64), nullable=False),  # as wide as the local audit_log's column
    Column("at", AwareTimestamp, nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Index("ix_audit_log_branch_at", "branch", "at"),
    Index("ix_audit_log_branch_last_seq", "branch", "last_seq"),
)

# Pushed changes that lost to a newer version: kept whole so a supervisor can review and resolve them.
conflicts = Table(
    "conflicts",
    central_metadata,
    Column("id", UUID_STR, primary_key=True),
    Column("entity", String(24), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("branch", String(16), nullable=False),
    Column("winner_seq", BigInteger, nullable=True),
    Column("losing_change_id", UUID_STR, nullable=False),
    Column("losing_version", Integer, nullable=False),
    Column("losing_payload", JSONB, nullable=False),
    Column("losing_workstation", String(32), nullable=False),
    Column("detected_at", AwareTimestamp, nullable=False, server_default=func.now()),
    Column("resolved_at", AwareTimestamp, nullable=True),
    Column("resolved_by", String(64), nullable=True),
    Column("resolution", String(16), nullable=True),
    Index("ix_conflicts_branch_resolved_at", "branch", "resolved_at"),
    Index("ix_conflicts_entity_entity_id", "entity", "entity_id"),
    Index("ix_conflicts_branch_winner_seq", "branch", "winner_seq"),
)

# Staff accounts (password verifiers only, as Argon2id PHC strings); pulled by every PC of the branch.
staff = Table(
    "staff",
    central_metadata,
    Column("id", String(36), primary_key=True),
    Column("branch", String(16), nullable=False),
    Column("username", String(64), nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("updated_at", AwareTimestamp, nullable=False),
    Column("origin_workstation", String(32), nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("last_change_id", UUID_STR, nullable=False),
    Index("ix_staff_branch_last_seq", "branch", "last_seq"),
)

# One row per workstation (workstation ids are unique only within their branch).
sync_clients = Table(
    "sync_clients",
    central_metadata,
    Column("branch", String(16), nullable=False),
    Column("workstation", String(32), nullable=False),
    Column("last_push_at", AwareTimestamp, nullable=True),
    Column("last_pull_at", AwareTimestamp, nullable=True),
    Column("last_seq", BigInteger, nullable=True),
    PrimaryKeyConstraint("branch", "workstation"),
)

# Which login role syncs for which branch; written only by the DBA (branchdesk-admin central grant-branch).
# Row-level security reads the caller's branch from here (branchdesk_current_branch()).
branch_roles = Table(
    "branch_roles",
    central_metadata,
    Column("role_name", String(63), primary_key=True),  # PostgreSQL role names are at most 63 bytes
    Column("branch", String(16), nullable=False),
)

# Every read of other branches' rows (a customer's history fetched by blind index), written by the
# SECURITY DEFINER functions themselves: fetched is "candidates" (step 1) or "history" (step 2).
# branch is NULL when the DBA called them. A branch may see the customers of its "history" rows.
access_log = Table(
    "access_log",
    central_metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("at", AwareTimestamp, nullable=False, server_default=func.now()),
    Column("role_name", String(63), nullable=False),
    Column("branch", String(16), nullable=True),
    Column("fetched", String(16), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("digest", Integer, nullable=False),
    Column("customer_ids", ARRAY(String(36)), nullable=False),
    Index("ix_access_log_branch_at", "branch", "at"),
)


def append_lock(connection: Connection) -> None:
    """Serialize appends to `changes` until this transaction ends; call it before inserting.

    A sequence hands out numbers at INSERT time but rows become visible at COMMIT, so without this a
    puller could see seq 11 before a slower transaction commits seq 10 and move its cursor past 10.
    Holding one advisory lock from the first insert to commit makes commit order equal seq order.
    """
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGES_APPEND_LOCK})
