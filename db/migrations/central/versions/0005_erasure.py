"""Erasure reaches the central database: a change of entity 'erasure' runs branchdesk_erase_customer,
which removes the customer's wrapped key, blind-index digests and personal ciphertext from the current
row, the change log, the change history and kept conflicts, leaving only that an erasure happened.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

Branch roles may not UPDATE the change log or the history (0003), and a shared customer's older changes
may come from another branch; so the scrub is a SECURITY DEFINER function that checks its caller: the
erasure must be a change the caller's branch recorded, of a customer that branch may see.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

GROUP = "branchdesk_sync"
_FUNCTIONS = (
    "branchdesk_scrub_erased(character varying[])",
    "branchdesk_erase_customer(character varying, bigint, uuid)",
)
_BEFORE = "entity IN ('customer', 'customer_change', 'case', 'case_event', 'audit', 'staff')"
_AFTER = "entity IN ('customer', 'customer_change', 'case', 'case_event', 'audit', 'staff', 'erasure')"

# The personal columns of a customer row, as payloads.encode_value writes empty bytes.
_BLANK_ROW = """jsonb_build_object('name_ct', '{"$b64": ""}'::jsonb, 'id_number_ct', '{"$b64": ""}'::jsonb,
    'mobile_ct', '{"$b64": ""}'::jsonb, 'address_ct', '{"$b64": ""}'::jsonb,
    'accounts_ct', '{"$b64": ""}'::jsonb)"""


def _scrubbed(payload: str) -> str:
    """A customer snapshot without its key, digests and personal ciphertext."""
    return (
        f"(({payload}) - 'key' - 'lookup') || jsonb_build_object('key', NULL, 'lookup', '[]'::jsonb, "
        f"'row', (({payload})->'row') || {_BLANK_ROW})"
    )


def _scrub_function(schema: str) -> str:
    # Also run for every pushed batch that carries customers: a workstation that had not yet pulled an
    # erasure may still push the customer's older snapshots, which must not stay in the change log.
    return f"""
    CREATE FUNCTION branchdesk_scrub_erased(p_customer_ids varchar[]) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    DECLARE
        v_ids varchar[];
    BEGIN
        SELECT coalesce(array_agg(id), '{{}}') INTO v_ids FROM customers
         WHERE id = ANY (p_customer_ids) AND (payload->>'erased')::boolean;
        IF cardinality(v_ids) = 0 THEN
            RETURN;
        END IF;
        DELETE FROM customer_lookup WHERE customer_id = ANY (v_ids);
        UPDATE changes SET payload = {_scrubbed("payload")}
         WHERE entity = 'customer' AND entity_id = ANY (v_ids) AND payload->'key' <> 'null'::jsonb;
        UPDATE changes SET payload = jsonb_set(payload, '{{row,reason_ct}}', 'null'::jsonb)
         WHERE entity = 'customer_change' AND payload->'row'->>'customer_id' = ANY (v_ids)
           AND payload->'row'->'reason_ct' <> 'null'::jsonb;
        UPDATE customer_changes SET payload = jsonb_set(payload, '{{row,reason_ct}}', 'null'::jsonb)
         WHERE customer_id = ANY (v_ids) AND payload->'row'->'reason_ct' <> 'null'::jsonb;
        UPDATE conflicts SET losing_payload = {_scrubbed("losing_payload")}
         WHERE entity = 'customer' AND entity_id = ANY (v_ids);
    END
    $$
    """


def _function(schema: str) -> str:
    return f"""
    CREATE FUNCTION branchdesk_erase_customer(p_customer_id varchar, p_seq bigint, p_change_id uuid)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    DECLARE
        v_branch varchar := branchdesk_current_branch();
        v_erased_at jsonb;
    BEGIN
        SELECT c.payload->'erased_at' INTO v_erased_at FROM changes c
         WHERE c.server_seq = p_seq AND c.change_id = p_change_id AND c.entity = 'erasure'
           AND c.entity_id = p_customer_id AND (v_branch IS NULL OR c.origin_branch = v_branch);
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no such erasure recorded by this branch'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF v_branch IS NOT NULL AND EXISTS (SELECT 1 FROM customers WHERE id = p_customer_id)
           AND NOT EXISTS (
               SELECT 1 FROM customers cu WHERE cu.id = p_customer_id AND (
                   cu.branch = v_branch
                   OR cu.id IN (SELECT customer_id FROM cases WHERE branch = v_branch)
                   OR cu.id IN (SELECT unnest(customer_ids) FROM access_log
                                 WHERE branch = v_branch AND fetched = 'history')))
        THEN
            RAISE EXCEPTION 'customer not visible to this branch' USING ERRCODE = 'insufficient_privilege';
        END IF;
        UPDATE customers
           SET payload = {_scrubbed("payload")} || jsonb_build_object(
                   'version', version + 1, 'erased', true,
                   'row', ({_scrubbed("payload")})->'row' || jsonb_build_object(
                       'version', version + 1, 'erased_at', v_erased_at)),
               version = version + 1, last_seq = p_seq, last_change_id = p_change_id
         WHERE id = p_customer_id;
        PERFORM branchdesk_scrub_erased(ARRAY[p_customer_id]);
    END
    $$
    """


def _schema() -> str:
    return op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()


def upgrade() -> None:
    op.drop_constraint(op.f("ck_changes_entity"), "changes", type_="check")
    op.create_check_constraint(op.f("ck_changes_entity"), "changes", _AFTER)
    schema = _schema()
    op.execute(_scrub_function(schema))
    op.execute(_function(schema))
    for function in _FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {function} TO {GROUP}")


def downgrade() -> None:
    for function in reversed(_FUNCTIONS):
        op.execute(f"DROP FUNCTION {function}")
    op.execute("DELETE FROM changes WHERE entity = 'erasure'")
    op.drop_constraint(op.f("ck_changes_entity"), "changes", type_="check")
    op.create_check_constraint(op.f("ck_changes_entity"), "changes", _BEFORE)
