"""Workstations may only sync: a group role, branch-scoped row-level security, cross-branch history through
SECURITY DEFINER functions that log each access centrally.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Who is who: the DBA runs the migrations and owns every object; row-level security does not bind a table's
owner (nor a superuser), so the DBA and the owner's own tools see everything, as before. Each workstation
connects as a LOGIN role of its branch (branchdesk-admin central grant-branch), a member of the NOLOGIN
group role `branchdesk_sync`, which holds exactly the privileges a sync needs and nothing else; the
policies bind that group and read the caller's branch from `branch_roles` through
branchdesk_current_branch(). RLS is enabled, not forced: forcing would subject the owner to policies
written for branch roles (it would see no rows), and the branch roles own nothing, so it adds no protection.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

GROUP = "branchdesk_sync"
_BRANCH = "(SELECT branchdesk_current_branch())"  # a sub-select: evaluated once per query, not per row

# What a sync does, table by table (app/sync/central_apply.py, central_pull.py): nothing more is granted.
GRANTS = {
    "changes": "SELECT, INSERT",  # INSERT ... ON CONFLICT DO NOTHING RETURNING server_seq
    "customers": "SELECT, INSERT, UPDATE",  # SELECT ... FOR UPDATE, then insert or update
    "customer_lookup": "SELECT, INSERT, DELETE",  # a customer's digests are replaced on every write
    "cases": "SELECT, INSERT, UPDATE",
    "case_events": "SELECT, INSERT",
    "customer_changes": "SELECT, INSERT",
    "audit_log": "SELECT, INSERT",  # append-only: no UPDATE or DELETE (the triggers refuse them too)
    "conflicts": "SELECT, INSERT",
    "staff": "SELECT, INSERT, UPDATE",
    "sync_clients": "SELECT, INSERT, UPDATE",  # INSERT ... ON CONFLICT DO UPDATE
    "access_log": "SELECT",  # its own branch's rows, read by the customers policy below
    "alembic_version": "SELECT",  # a workstation checks the schema version before it syncs
}

# The customers a branch may see and write: its own, those its cases refer to (from any branch), and
# those it fetched by blind index through branchdesk_customer_history (logged in access_log): a teller
# may edit such a customer before any case of the branch refers to it.
_VISIBLE_CUSTOMER = f"""
    branch = {_BRANCH}
    OR id IN (SELECT customer_id FROM cases WHERE branch = {_BRANCH} AND customer_id IS NOT NULL)
    OR id IN (SELECT unnest(customer_ids) FROM access_log WHERE branch = {_BRANCH} AND fetched = 'history')
"""

# (table, policy, command, USING, WITH CHECK); the subqueries are themselves filtered by their tables'
# policies (cases, customers), so "a visible customer" means the same everywhere.
POLICIES = (
    ("changes", "changes_of_branch", "ALL", f"origin_branch = {_BRANCH}", None),
    ("customers", "customers_visible", "ALL", _VISIBLE_CUSTOMER, None),
    ("customer_lookup", "lookup_of_visible", "ALL", "customer_id IN (SELECT id FROM customers)", None),
    ("customer_changes", "changes_of_visible", "ALL", "customer_id IN (SELECT id FROM customers)", None),
    ("cases", "cases_of_branch", "ALL", f"branch = {_BRANCH}", None),
    ("case_events", "events_of_branch", "ALL", "case_id IN (SELECT id FROM cases)", None),
    ("audit_log", "audit_of_branch", "ALL", f"branch = {_BRANCH}", None),
    ("conflicts", "conflicts_of_branch", "ALL", f"branch = {_BRANCH}", None),
    # A conflict on a shared customer goes to the customer's own branch, whichever branch pushed it.
    (
        "conflicts", "conflicts_on_visible_customers", "INSERT", None,
        "entity = 'customer' AND entity_id IN (SELECT id FROM customers)",
    ),
    ("staff", "staff_of_branch", "ALL", f"branch = {_BRANCH}", None),
    ("sync_clients", "clients_of_branch", "ALL", f"branch = {_BRANCH}", None),
    ("access_log", "accesses_of_branch", "SELECT", f"branch = {_BRANCH}", None),
)  # fmt: skip

# With RLS but no policy and no grant: only the owner reads or writes it.
_OWNER_ONLY = ("branch_roles",)
# Everything but the version number, which every workstation may read whole.
_RLS_TABLES = tuple(table for table in (*GRANTS, *_OWNER_ONLY) if table != "alembic_version")

_FUNCTIONS = (
    "branchdesk_current_branch()",
    "branchdesk_disclosure_branch()",
    "branchdesk_customer_candidates(text, integer)",
    "branchdesk_customer_history(text, integer, character varying[])",
    "customers_keep_branch()",
)
_GRANTED_FUNCTIONS = _FUNCTIONS[0], _FUNCTIONS[2], _FUNCTIONS[3]


def _functions(schema: str) -> list[str]:
    # SECURITY DEFINER functions run as the owner: a fixed search_path (with pg_temp last) keeps a caller
    # from substituting objects of its own.
    path = f"SET search_path = {schema}, pg_temp"
    return [
        f"""
        CREATE FUNCTION branchdesk_current_branch() RETURNS varchar
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT branch FROM branch_roles WHERE role_name = session_user
        $$
        """,
        f"""
        CREATE FUNCTION branchdesk_disclosure_branch() RETURNS varchar
        LANGUAGE plpgsql STABLE SECURITY DEFINER {path} AS $$
        DECLARE
            v_branch varchar := branchdesk_current_branch();
        BEGIN
            -- Without a branch only a caller who can read every row directly anyway (the owner, a
            -- superuser) may fetch; a sync role nobody assigned to a branch may not.
            IF v_branch IS NULL AND NOT pg_has_role(
                session_user, (SELECT relowner FROM pg_class WHERE oid = 'customers'::regclass), 'USAGE'
            ) THEN
                RAISE EXCEPTION 'role % is not assigned to a branch', session_user
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN v_branch;
        END
        $$
        """,
        # Step 1 of a fetch: the customers a blind index points to (about N / 65,536 false candidates
        # among them); the workstation decrypts and compares them exactly.
        f"""
        CREATE FUNCTION branchdesk_customer_candidates(p_kind text, p_digest integer)
        RETURNS TABLE (id varchar, seq bigint, payload jsonb)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
        #variable_conflict use_column
        DECLARE
            v_branch varchar := branchdesk_disclosure_branch();
            v_ids varchar[];
        BEGIN
            SELECT coalesce(array_agg(DISTINCT l.customer_id), '{{}}') INTO v_ids
              FROM customer_lookup l WHERE l.kind = p_kind AND l.digest = p_digest;
            INSERT INTO access_log (role_name, branch, fetched, kind, digest, customer_ids)
                 VALUES (session_user, v_branch, 'candidates', p_kind, p_digest, v_ids);
            RETURN QUERY SELECT cu.id, cu.last_seq, cu.payload FROM customers cu
                          WHERE cu.id = ANY (v_ids) ORDER BY cu.id;
        END
        $$
        """,
        # Step 2: the history of the customers that really matched, no more: only ids the same blind
        # index points to, so a caller cannot name arbitrary customers, and false candidates' cases
        # never leave the server.
        f"""
        CREATE FUNCTION branchdesk_customer_history(p_kind text, p_digest integer, p_customer_ids varchar[])
        RETURNS TABLE (entity text, id varchar, seq bigint, payload jsonb)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
        #variable_conflict use_column
        DECLARE
            v_branch varchar := branchdesk_disclosure_branch();
            v_ids varchar[];
        BEGIN
            SELECT coalesce(array_agg(DISTINCT l.customer_id), '{{}}') INTO v_ids
              FROM customer_lookup l
             WHERE l.kind = p_kind AND l.digest = p_digest AND l.customer_id = ANY (p_customer_ids);
            INSERT INTO access_log (role_name, branch, fetched, kind, digest, customer_ids)
                 VALUES (session_user, v_branch, 'history', p_kind, p_digest, v_ids);
            RETURN QUERY
            SELECT r.entity, r.id, r.seq, r.payload FROM (
                SELECT 0 AS grp, cu.id AS case_key, 0 AS pos, 'customer'::text AS entity, cu.id,
                       cu.last_seq AS seq, cu.payload
                  FROM customers cu WHERE cu.id = ANY (v_ids)
                UNION ALL
                SELECT 1, c.id, 0, 'case', c.id, c.last_seq, c.payload
                  FROM cases c WHERE c.customer_id = ANY (v_ids)
                UNION ALL
                SELECT 1, c.id, 1, 'case_event', e.id, e.last_seq, e.payload
                  FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.customer_id = ANY (v_ids)
            ) AS r
            ORDER BY r.grp, r.case_key, r.pos, r.seq;  -- customers, then each case before its timeline
        END
        $$
        """,
        # A shared customer is visible to several branches; none of them may take it over (or give it
        # away) by rewriting its branch, which would change who sees it.
        f"""
        CREATE FUNCTION customers_keep_branch() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
        BEGIN
            IF branchdesk_current_branch() IS NOT NULL THEN
                RAISE EXCEPTION 'a workstation cannot move a customer to another branch'
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END
        $$
        """,
    ]


def _create_group() -> None:
    # Roles are cluster-wide: another database of the cluster may have created it already.
    op.execute(
        f"""
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GROUP}') THEN
                CREATE ROLE {GROUP} NOLOGIN;
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;  -- created concurrently by a migration of another database
        END
        $$
        """
    )


def _add_last_change_id() -> None:
    # The conflict resolver names the change that wrote the current row; reading it from `changes` would
    # need another branch's change (a shared customer), which a branch role cannot see.
    for table in ("customers", "cases", "staff"):
        op.add_column(table, sa.Column("last_change_id", sa.Uuid(as_uuid=False), nullable=True))
        op.execute(
            f"UPDATE {table} t SET last_change_id = c.change_id "
            "FROM changes c WHERE c.server_seq = t.last_seq"
        )
        op.alter_column(table, "last_change_id", nullable=False)


def _create_tables() -> None:
    op.create_table(
        "branch_roles",
        sa.Column("role_name", sa.String(63), nullable=False),  # NAMEDATALEN - 1
        sa.Column("branch", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("role_name", name="pk_branch_roles"),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.BigInteger, autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("role_name", sa.String(63), nullable=False),
        sa.Column("branch", sa.String(16), nullable=True),
        sa.Column("fetched", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("digest", sa.Integer, nullable=False),
        sa.Column("customer_ids", ARRAY(sa.String(36)), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_access_log"),
    )
    op.create_index("ix_access_log_branch_at", "access_log", ["branch", "at"])


def _revoke_public(schema: str) -> None:
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM PUBLIC")
    # No CREATE on the schema, no TEMP on the database: no DDL at all (ALTER and DROP need ownership).
    # PostgreSQL 15 already withholds CREATE on public; older servers grant it to PUBLIC.
    op.execute(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC")
    op.execute(
        "DO $$ BEGIN "
        "EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); "
        "END $$"
    )
    # A DBA who does not own the schema gets only a warning from REVOKE; the guarantee must not be lost.
    op.execute(
        f"""
        DO $$
        BEGIN
            IF has_schema_privilege('{GROUP}', current_schema(), 'CREATE') THEN
                RAISE EXCEPTION 'workstation roles could create objects in schema %; its owner must '
                                'REVOKE CREATE ON SCHEMA % FROM PUBLIC', current_schema(), current_schema();
            END IF;
        END
        $$
        """
    )


def _grant() -> None:
    op.execute(f"GRANT USAGE ON SCHEMA {_schema()} TO {GROUP}")
    for table, privileges in GRANTS.items():
        op.execute(f"GRANT {privileges} ON {table} TO {GROUP}")
    op.execute(
        f"DO $$ BEGIN EXECUTE format('GRANT USAGE ON SEQUENCE %s TO {GROUP}', "
        "pg_get_serial_sequence('changes', 'server_seq')); END $$"
    )
    for function in _FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    for function in _GRANTED_FUNCTIONS:
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {GROUP}")


def _enable_rls() -> None:
    for table in _RLS_TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for table, name, command, using, check in POLICIES:
        clauses = [f"USING ({using})"] if using else []
        if command != "SELECT":  # what a row must be after INSERT or UPDATE; the same as USING if not given
            clauses.append(f"WITH CHECK ({check or using})")
        op.execute(f"CREATE POLICY {name} ON {table} FOR {command} TO {GROUP} {' '.join(clauses)}")


def _schema() -> str:
    return op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()


def upgrade() -> None:
    schema = _schema()
    _create_group()
    _add_last_change_id()
    _create_tables()
    for statement in _functions(schema):
        op.execute(statement)
    op.execute(
        "CREATE TRIGGER customers_keep_branch BEFORE UPDATE OF branch ON customers FOR EACH ROW "
        "WHEN (OLD.branch IS DISTINCT FROM NEW.branch) EXECUTE FUNCTION customers_keep_branch()"
    )
    _revoke_public(schema)
    _grant()
    _enable_rls()


def downgrade() -> None:
    # The group role stays (other databases of the cluster may use it), and CREATE / TEMP are not handed
    # back to PUBLIC: nothing in BranchDesk needs them.
    for table, name, *_ in POLICIES:
        op.execute(f"DROP POLICY {name} ON {table}")
    for table in _RLS_TABLES:
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for table in GRANTS:
        op.execute(f"REVOKE ALL ON {table} FROM {GROUP}")
    op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_schema()} FROM {GROUP}")
    op.execute(f"REVOKE USAGE ON SCHEMA {_schema()} FROM {GROUP}")
    op.execute("DROP TRIGGER customers_keep_branch ON customers")
    for function in reversed(_FUNCTIONS):
        op.execute(f"DROP FUNCTION {function}")
    op.drop_table("access_log")
    op.drop_table("branch_roles")
    for table in ("customers", "cases", "staff"):
        op.drop_column(table, "last_change_id")
