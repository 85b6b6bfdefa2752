"""Every checked-in store from a past schema version opens, upgrades and keeps its customers readable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.case_domain import CaseFilter, CaseSort
from app.config import Settings
from app.demo_data import generate_customer_drafts
from app.services.cases import case_ids, get_case
from app.services.customers import find_customers
from app.store import build_context, open_store
from app.validation.customer import validate_customer_draft
from db import migrate
from tests.fixtures.make_store_fixture import FIXTURE_CUSTOMERS, FIXTURE_SEED, FOLDER, install_fixture_key

FIXTURES = sorted(FOLDER.glob("*.sqlite"))


def test_there_is_a_fixture_for_the_current_schema() -> None:
    assert FOLDER / f"{migrate.head_revision()}.sqlite" in FIXTURES, (
        "run `python -m tests.fixtures.make_store_fixture` before adding the next migration"
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_fixture_store_opens_at_head_with_its_customers(settings: Settings, fixture: Path) -> None:
    install_fixture_key()
    settings.data_paths.ensure()
    shutil.copyfile(fixture, settings.data_paths.store)
    store = open_store(settings)
    try:
        assert not store.created_key
        ctx = build_context(store, settings)
        expected = [
            validate_customer_draft(d) for d in generate_customer_drafts(FIXTURE_CUSTOMERS, FIXTURE_SEED)
        ]
        with store.transaction() as session:
            for customer in expected[:5]:
                assert len(find_customers(session, ctx, customer.mobile)) >= 1
        with store.transaction() as session:  # every case of a fixture with cases reads back whole
            for case_id in case_ids(session, ctx, CaseFilter(branch_only=False), CaseSort.NEWEST):
                assert get_case(session, ctx, case_id).timeline
        with store.engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert revision == migrate.head_revision()
    finally:
        store.close()


def test_the_recorded_head_is_alembics_head() -> None:
    assert migrate.alembic_head() == migrate.HEAD_REVISION
