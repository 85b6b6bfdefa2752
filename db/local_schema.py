"""Tables of the local store. Personal values are LargeBinary envelopes; lookups go through blind indexes."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    text,
)

from db.types import UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Store-wide facts: store id, the key check value of the organisation key.
meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(256), nullable=False),
)

customers = Table(
    "customers",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("branch", String(16), nullable=False),
    Column("id_type", String(16), nullable=False),
    Column("name_ct", LargeBinary, nullable=False),
    Column("id_number_ct", LargeBinary, nullable=False),
    Column("mobile_ct", LargeBinary, nullable=False),
    Column("address_ct", LargeBinary, nullable=False),
    Column("accounts_ct", LargeBinary, nullable=False),
    Column("risk_level", String(16), nullable=False),
    Column("kyc_status", String(16), nullable=False),
    Column("consent_given", Boolean, nullable=False),
    Column("consent_purpose", String(32), nullable=False),
    Column("consent_at", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("updated_by", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    # Set when the customer was erased (crypto-shredded): personal columns then hold empty bytes.
    Column("erased_at", UtcDateTime, nullable=True),
    Index("ix_customers_updated_at", "updated_at"),
)

# Kept apart from the customer row so erasing a customer can destroy just the key (crypto-shredding).
customer_keys = Table(
    "customer_keys",
    metadata,
    Column("customer_id", String(36), ForeignKey("customers.id"), primary_key=True),
    Column("wrapped_key", LargeBinary, nullable=False),
    Column("org_key_id", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

# Truncated HMACs of normalised ID, mobile and card numbers: exact lookup without plaintext.
customer_lookup = Table(
    "customer_lookup",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", String(36), ForeignKey("customers.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("digest", Integer, nullable=False),
    Index("ix_customer_lookup_kind_digest", "kind", "digest"),
    Index("ix_customer_lookup_customer_id", "customer_id"),
)

# 变更登记: who changed which fields when and why; values never appear here.
customer_changes = Table(
    "customer_changes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("customer_id", String(36), ForeignKey("customers.id"), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("staff_id", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("fields", String(256), nullable=False),
    Column("reason_ct", LargeBinary, nullable=True),
    Index("ix_customer_changes_customer_id_at", "customer_id", "at"),
)

# Operation log; append-only. Free text that may be personal goes into detail_ct, encrypted.
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("at", UtcDateTime, nullable=False),
    Column("staff_id", String(64), nullable=False),
    Column("workstation", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("object_type", String(32), nullable=False),
    Column("object_id", String(64), nullable=False),
    Column("result", String(16), nullable=False),
    Column("detail", String(256), nullable=False),
    Column("detail_ct", LargeBinary, nullable=True),
    # Hash chain per workstation: mac = HMAC(audit key, entry ‖ prev_mac); any edit, insertion,
    # reordering or deletion inside the chain breaks it (app/audit_chain.py).
    Column("prev_mac", LargeBinary, nullable=True),
    Column("mac", LargeBinary, nullable=True),
    Index("ix_audit_log_at", "at"),
    Index("ix_audit_log_workstation_seq", "workstation", "seq"),
)

# --- cases -----------------------------------------------------------------------------------

# Free text is encrypted with the customer's data key (so erasing the customer shreds it too) or,
# for a case without a customer, with the organisation key; key_scope says which.
cases = Table(
    "cases",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("number", String(48), nullable=False, unique=True),
    Column("branch", String(16), nullable=False),
    Column("workstation", String(32), nullable=False),
    Column("customer_id", String(36), ForeignKey("customers.id"), nullable=True),
    Column("key_scope", String(16), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("category_code", String(32), nullable=False),
    Column("internal_type", String(16), nullable=True),
    Column("business_code", String(32), nullable=True),  # JR/T 0169 business category; None: not asked
    Column("severity", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("content_ct", LargeBinary, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("department", String(32), nullable=False),
    Column("first_handler", String(64), nullable=False),
    Column("escalated", Boolean, nullable=False),
    Column("reopen_count", Integer, nullable=False),
    Column("decision_days", Integer, nullable=False),
    Column("next_clock", String(32), nullable=True),
    Column("next_due_at", UtcDateTime, nullable=True),
    Column("next_warn_at", UtcDateTime, nullable=True),
    # next_due_at as sortable text, NO_DEADLINE when none: one index serves the queue's order
    # (nearest deadline first, cases without one last) and its deadline filters.
    Column("deadline_sort", String(40), nullable=False, server_default="~"),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime, nullable=True),
    Column("version", Integer, nullable=False),
    # Kept from the timeline whenever the deadline is refreshed, for the supervision figures.
    Column("first_response_at", UtcDateTime, nullable=True),
    Column("first_resolved_at", UtcDateTime, nullable=True),
    Column("called_back", Boolean, nullable=False, server_default="0"),  # a callback reached the customer
    Column("satisfaction", Integer, nullable=True),  # score of the latest reached callback with one
    Index("ix_cases_status_next_due_at", "status", "next_due_at"),
    Index("ix_cases_next_due_at", "next_due_at"),
    Index("ix_cases_customer_id_category_code", "customer_id", "category_code"),
    Index("ix_cases_received_at", "received_at"),
    # Covering indexes: the period's figures and the open-case snapshot read index entries, not case rows.
    Index(
        "ix_cases_period_figures",
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
        "business_code",
    ),
    Index("ix_cases_open_deadlines", "branch", "status", "deadline_sort", "next_warn_at", "owner", "kind"),
    Index("ix_cases_owner", "owner"),
    Index("ix_cases_branch_deadline_sort", "branch", "deadline_sort", text("received_at DESC"), "id"),
)

# The append-only timeline. `data` holds non-personal facts as JSON; free text is in text_ct.
case_events = Table(
    "case_events",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("case_id", String(36), ForeignKey("cases.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(24), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("status_from", String(16), nullable=True),
    Column("status_to", String(16), nullable=True),
    Column("data", String(1024), nullable=False),
    Column("text_ct", LargeBinary, nullable=True),
    Index("ix_case_events_case_id_seq", "case_id", "seq", unique=True),
)

# Each deadline clock of a case as the deadline engine (app/sla.py) last evaluated it over the whole
# timeline, rewritten with the case's deadline (so also when the owner changes). outcome: met, late,
# paused (a counted pause is running, so it cannot be past due) or open (past due or not is decided by
# due_at against the time of the question). The case's scope columns are copied and the key starts with
# clock and outcome, so a period's on-time figures are counted from ranges of the key alone.
case_clocks = Table(
    "case_clocks",
    metadata,
    Column("clock", String(32), primary_key=True),
    Column("outcome", String(8), primary_key=True),
    Column("received_at", UtcDateTime, primary_key=True),
    Column("case_id", String(36), ForeignKey("cases.id"), primary_key=True),
    Column("position", Integer, primary_key=True),  # the clock's place among the case's clocks
    Column("branch", String(16), nullable=False),
    Column("owner", String(64), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=True),
    Index("ix_case_clocks_case_id", "case_id"),
    sqlite_with_rowid=False,
)

# Per-day sequence behind human case numbers: branch + workstation + date make them unique offline.
case_numbers = Table(
    "case_numbers",
    metadata,
    Column("day", String(8), primary_key=True),
    Column("last", Integer, nullable=False),
)

# --- sync ------------------------------------------------------------------------------------

# Transactional outbox: written in the same transaction as the change it carries, so an accepted
# write is never lost; sent_at is set only after the central database committed it. refused_at marks a
# change the central database refused for good (a constraint): set aside, kept, never silently dropped.
outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False, unique=True),
    Column("entity", String(24), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime, nullable=True),
    Column("attempts", Integer, nullable=False),
    Column("last_error", String(200), nullable=True),
    Column("refused_at", UtcDateTime, nullable=True),
    Index("ix_outbox_sent_at_seq", "sent_at", "seq"),
    Index("ix_outbox_entity_entity_id", "entity", "entity_id"),
)

# Edits that lost a concurrent-edit conflict at the central database, kept for a supervisor.
sync_conflicts = Table(
    "sync_conflicts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("entity", String(24), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("losing_version", Integer, nullable=False),
    Column("losing_workstation", String(64), nullable=False),
    Column("losing_payload", LargeBinary, nullable=False),
    Column("detected_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime, nullable=True),
    Column("resolved_by", String(64), nullable=True),
    Column("resolution", String(16), nullable=True),
)

# --- staff and sign-in -------------------------------------------------------------------------

# Accounts come down from the central database so staff can sign in at any PC of the branch, also
# offline; failed_attempts and locked_until are this PC's own (never synced).
staff = Table(
    "staff",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(64), nullable=False),
    Column("branch", String(16), nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_phc", String(256), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Column("failed_attempts", Integer, nullable=False),
    Column("locked_until", UtcDateTime, nullable=True),
)

# --- erasure and retention (docs/BACKUP.md) ---------------------------------------------------

# That an erasure happened, and nothing of what was erased: subject, grounds ("request", "retention"),
# who asked and which supervisor approved.
erasures = Table(
    "erasures",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("subject_type", String(16), nullable=False),
    Column("subject_id", String(36), nullable=False),
    Column("grounds", String(16), nullable=False),
    Column("requested_by", String(64), nullable=False),
    Column("approved_by", String(64), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_erasures_subject_id", "subject_id"),
)

# A legal hold (诉讼保全 and the like) on a customer or a case: no purge and no erasure while in force.
legal_holds = Table(
    "legal_holds",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("subject_type", String(16), nullable=False),
    Column("subject_id", String(36), nullable=False),
    Column("reason_ct", LargeBinary, nullable=False),
    Column("placed_by", String(64), nullable=False),
    Column("placed_at", UtcDateTime, nullable=False),
    Column("released_by", String(64), nullable=True),
    Column("released_at", UtcDateTime, nullable=True),
    Index("ix_legal_holds_subject_id", "subject_id"),
)
