"""A pull reads only its branch's rows however many branches share the central database.

Before, timeline events and change history had no branch of their own: a pull scanned them in sequence
order across every branch and kept its own, and row-level security tested each row with a subquery over
everything the branch may see, which PostgreSQL runs as a linear search once that set outgrows work_mem.
A first pull of one branch's 100,000 rows beside 50 other branches' took 124 s as a branch role (one
batch 65 s), 11 s as the DBA (bench/sync_pull.py --other-branches).

- case_events.branch (its case's branch) and customer_changes.branch (its customer's branch) are set by
  triggers from the row they belong to, whatever the inserting statement says, so a workstation cannot
  file a row under another branch: its policy then admits only rows of the caller's branch (or, for the
  history, of a customer the caller may see). The trigger functions run as their owner: the lookup by key
  is not filtered again by row-level security, which would cost a branch lookup for every row pushed.
  Neither a case's nor a customer's branch changes (0003's policies and customers_keep_branch).
- (branch, last_seq) indexes on customers, case_events and customer_changes replace the sequence-only
  ones (and the plain customers.branch index, a prefix of the new one): every part of a pull is a range
  scan of its own branch's rows; customers of other branches that the branch's cases refer to, and
  their history, are found through those cases.
- The policies that asked "is the customer (or case) visible?" with `IN (SELECT id FROM ...)` ask it with
  EXISTS for the one row, an index lookup whatever the number of rows visible.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

The backfill rewrites both tables once: run it when the branches are not syncing, as every migration. A
client of this version needs this migration (its pull reads the new columns); the schema check stops
older central databases with a clear message first.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

GROUP = "branchdesk_sync"
_BRANCH = "(SELECT branchdesk_current_branch())"  # as 0003: evaluated once per query

# (table, the column naming the row it belongs to, that row's table): it takes that row's branch.
_OWNED = (("case_events", "case_id", "cases"), ("customer_changes", "customer_id", "customers"))

# The rows a branch may see of a visible customer: the customer's own row is checked by its policy.
_CUSTOMER_VISIBLE = "EXISTS (SELECT 1 FROM customers cu WHERE cu.id = {table}.{column})"
_VISIBLE_CUSTOMER = f"""
    branch = {_BRANCH}
    OR EXISTS (SELECT 1 FROM cases c WHERE c.customer_id = customers.id)
    OR id IN (SELECT unnest(customer_ids) FROM access_log WHERE branch = {_BRANCH} AND fetched = 'history')
"""
# (table, policy, command, USING, WITH CHECK): 0003's policies of these names, asked row by row.
POLICIES = (
    ("customers", "customers_visible", "ALL", _VISIBLE_CUSTOMER, None),
    (
        "customer_lookup", "lookup_of_visible", "ALL",
        _CUSTOMER_VISIBLE.format(table="customer_lookup", column="customer_id"), None,
    ),
    (
        "customer_changes", "changes_of_visible", "ALL",
        f"branch = {_BRANCH} OR {_CUSTOMER_VISIBLE.format(table='customer_changes', column='customer_id')}",
        None,
    ),
    ("case_events", "events_of_branch", "ALL", f"branch = {_BRANCH}", None),  # the trigger: the case's
    (
        "conflicts", "conflicts_on_visible_customers", "INSERT", None,
        f"entity = 'customer' AND {_CUSTOMER_VISIBLE.format(table='conflicts', column='entity_id')}",
    ),
)  # fmt: skip
# 0003's, to go back to.
_OLD_VISIBLE_CUSTOMER = f"""
    branch = {_BRANCH}
    OR id IN (SELECT customer_id FROM cases WHERE branch = {_BRANCH} AND customer_id IS NOT NULL)
    OR id IN (SELECT unnest(customer_ids) FROM access_log WHERE branch = {_BRANCH} AND fetched = 'history')
"""
OLD_POLICIES = (
    ("customers", "customers_visible", "ALL", _OLD_VISIBLE_CUSTOMER, None),
    ("customer_lookup", "lookup_of_visible", "ALL", "customer_id IN (SELECT id FROM customers)", None),
    ("customer_changes", "changes_of_visible", "ALL", "customer_id IN (SELECT id FROM customers)", None),
    ("case_events", "events_of_branch", "ALL", "case_id IN (SELECT id FROM cases)", None),
    (
        "conflicts", "conflicts_on_visible_customers", "INSERT", None,
        "entity = 'customer' AND entity_id IN (SELECT id FROM customers)",
    ),
)  # fmt: skip

# (index, table, columns) added, and the ones they replace.
INDEXES = (
    ("ix_customers_branch_last_seq", "customers", ["branch", "last_seq"]),
    ("ix_case_events_branch_last_seq", "case_events", ["branch", "last_seq"]),
    ("ix_customer_changes_branch_last_seq", "customer_changes", ["branch", "last_seq"]),
)
REPLACED = (
    ("ix_customers_branch", "customers", ["branch"]),
    ("ix_customers_last_seq", "customers", ["last_seq"]),
    ("ix_case_events_last_seq", "case_events", ["last_seq"]),
    ("ix_customer_changes_last_seq", "customer_changes", ["last_seq"]),
)


def _branch_trigger(schema: str, table: str, column: str, parent: str) -> list[str]:
    # SECURITY DEFINER with a fixed search_path (pg_temp last), as 0003's functions: it only reads the
    # parent's branch by key.
    function = f"{table}_take_branch"
    return [
        f"""
        CREATE FUNCTION {function}() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        BEGIN
            NEW.branch := (SELECT p.branch FROM {parent} p WHERE p.id = NEW.{column});
            RETURN NEW;
        END
        $$
        """,
        f"REVOKE ALL ON FUNCTION {function}() FROM PUBLIC",  # a trigger needs no EXECUTE to fire
        f"CREATE TRIGGER {function} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def _schema() -> str:
    return op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()


def _replace_policies(policies: tuple[tuple[str, str, str, str | None, str | None], ...]) -> None:
    for table, name, command, using, check in policies:
        op.execute(f"DROP POLICY {name} ON {table}")
        clauses = [f"USING ({using})"] if using else []
        if command != "SELECT":  # as 0003: WITH CHECK is the USING expression unless given
            clauses.append(f"WITH CHECK ({check or using})")
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {GROUP} {' '.join(clauses)}")


def upgrade() -> None:
    for table, column, parent in _OWNED:
        op.add_column(table, sa.Column("branch", sa.String(16), nullable=True))
        op.execute(f"UPDATE {table} t SET branch = p.branch FROM {parent} p WHERE p.id = t.{column}")
        # A row whose case or customer never arrived (only the DBA's role could push one): the branch
        # that pushed it.
        op.execute(f"UPDATE {table} SET branch = payload->>'origin_branch' WHERE branch IS NULL")
        op.alter_column(table, "branch", nullable=False)
        for statement in _branch_trigger(_schema(), table, column, parent):
            op.execute(statement)
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)
    _replace_policies(POLICIES)


def downgrade() -> None:
    _replace_policies(OLD_POLICIES)
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    for table, _, _ in reversed(_OWNED):
        op.execute(f"DROP TRIGGER {table}_take_branch ON {table}")
        op.execute(f"DROP FUNCTION {table}_take_branch()")
        op.drop_column(table, "branch")
