"""Staff accounts and sign-in: Argon2id verifiers, lockout, disabled accounts, roles enforced in app/."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from app.auth.passwords import Argon2Params
from app.config import Settings
from app.context import ServiceContext
from app.domain import CustomerField, Role
from app.errors import PermissionDenied, SignInRefused, ValidationError
from app.services import audit_log, auth, customers, staff
from app.store import OpenedStore
from db.local_schema import staff as staff_table
from tests.support.cases import MovableClock, at_time
from tests.support.customers import KNOWN, with_role
from ui.admin import main

PASSWORD = "counter2026"
FAST = Argon2Params(memory_kib=8192, iterations=1, lanes=1)  # real Argon2id, test-sized cost


@pytest.fixture
def admin(ctx: ServiceContext) -> ServiceContext:
    reference = dataclasses.replace(ctx.reference, password_params=FAST)
    return dataclasses.replace(with_role(ctx, Role.ADMIN), reference=reference)


@pytest.fixture
def teller_account(store: OpenedStore, admin: ServiceContext) -> str:
    with store.transaction() as session:
        staff.add_staff(session, admin, "li.na", "李娜", Role.TELLER, PASSWORD)
    return "li.na"


def _sign_in(store: OpenedStore, ctx: ServiceContext, password: str, username: str = "li.na"):  # type: ignore[no-untyped-def]
    with store.transaction() as session:
        outcome = auth.sign_in(session, ctx, username, password)
    return outcome.actor_or_raise()  # the refusal is raised after its records committed


def test_the_first_administrator_is_created_by_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    args = ["--data-dir", str(settings.data_paths.root), "--set",
            f"keyring_backend={settings.keyring_backend}", "--set", "argon2_memory_kib=8192"]  # fmt: skip
    code = main([*args, "users", "add", "--username", "wang.it", "--display-name", "王工",
                 "--role", "admin", "--password-stdin"])  # fmt: skip
    assert code == 0
    assert main([*args, "users", "list"]) == 0
    assert "wang.it" in capsys.readouterr().out


def test_sign_in_gives_the_staff_member_as_actor(
    store: OpenedStore, ctx: ServiceContext, teller_account: str
) -> None:
    actor = _sign_in(store, ctx, PASSWORD)
    assert actor.role is Role.TELLER and actor.display_name == "李娜"
    assert (actor.branch, actor.workstation) == (ctx.actor.branch, ctx.actor.workstation)
    with store.transaction() as session:
        phc = session.execute(select(staff_table.c.password_phc)).scalar_one()
    assert phc.startswith("$argon2id$") and PASSWORD not in phc


def test_five_failures_lock_the_account_for_fifteen_minutes(
    store: OpenedStore, ctx: ServiceContext, supervisor_ctx: ServiceContext, teller_account: str
) -> None:
    clock = MovableClock(dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.UTC))
    timed = at_time(ctx, clock)
    for attempt in range(5):
        with pytest.raises(SignInRefused) as raised:
            _sign_in(store, timed, "wrong-password1")
        expected = "account_locked" if attempt == 4 else "sign_in_failed"
        assert raised.value.message.code == expected
    with pytest.raises(SignInRefused) as raised:
        _sign_in(store, timed, PASSWORD)  # even the right password
    assert raised.value.message.code == "account_locked"
    clock.advance(minutes=16)
    assert _sign_in(store, timed, PASSWORD).role is Role.TELLER
    with store.transaction() as session:
        results = [
            e.result for e in audit_log.recent_entries(session, supervisor_ctx) if e.action == "auth.sign_in"
        ]
    assert results.count("failed") == 5 and results.count("locked") == 1 and results.count("ok") == 1


def test_unknown_users_and_disabled_accounts_are_refused(
    store: OpenedStore, ctx: ServiceContext, admin: ServiceContext, teller_account: str
) -> None:
    with pytest.raises(SignInRefused) as raised:
        _sign_in(store, ctx, PASSWORD, username="nobody")
    assert raised.value.message.code == "sign_in_failed"  # same answer as a wrong password
    with store.transaction() as session:
        staff.set_active(session, admin, "li.na", False)
    with pytest.raises(SignInRefused) as raised:
        _sign_in(store, ctx, PASSWORD)
    assert raised.value.message.code == "account_disabled"


def test_weak_passwords_and_bad_user_names_are_refused(store: OpenedStore, admin: ServiceContext) -> None:
    with pytest.raises(ValidationError) as raised, store.transaction() as session:
        staff.add_staff(session, admin, "Bad Name!", "x", Role.TELLER, "short")
    assert set(raised.value.field_errors) == {"username", "password"}


def test_roles_are_enforced_in_the_services_not_only_in_the_ui(
    store: OpenedStore, ctx: ServiceContext, teller_account: str, known_customer: str
) -> None:
    with store.transaction() as session:
        before = session.execute(select(func.count()).select_from(staff_table)).scalar_one()
    with pytest.raises(PermissionDenied), store.transaction() as session:
        staff.add_staff(session, ctx, "zhang.wei", "张伟", Role.ADMIN, PASSWORD)  # ctx: a teller
    with pytest.raises(PermissionDenied), store.transaction() as session:
        audit_log.recent_entries(session, ctx)
    auditor = with_role(ctx, Role.AUDITOR)
    with pytest.raises(PermissionDenied), store.transaction() as session:
        customers.reveal_field(session, auditor, known_customer, CustomerField.MOBILE, "查看号码")
    with pytest.raises(PermissionDenied), store.transaction() as session:
        customers.register_customer(
            session, auditor, dataclasses.replace(KNOWN, id_number="110105194912310038")
        )
    with store.transaction() as session:
        assert session.execute(select(func.count()).select_from(staff_table)).scalar_one() == before


def test_the_last_administrator_cannot_be_disabled(store: OpenedStore, admin: ServiceContext) -> None:
    from app.errors import CaseRuleViolation

    with store.transaction() as session:
        staff.add_staff(session, admin, "wang.it", "王工", Role.ADMIN, PASSWORD)
    with pytest.raises(CaseRuleViolation), store.transaction() as session:
        staff.set_active(session, admin, "wang.it", False)


def test_audit_verify_reports_a_tampered_log(settings: Settings, store: OpenedStore, known_customer: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    from sqlalchemy import update

    from db.local_schema import audit_log as audit_table

    args = [
        "--data-dir",
        str(settings.data_paths.root),
        "--set",
        f"keyring_backend={settings.keyring_backend}",
    ]
    assert main([*args, "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    with store.transaction() as session:
        session.execute(update(audit_table).values(result="changed"))
    assert main([*args, "audit", "verify"]) == 1
    assert "BROKEN" in capsys.readouterr().out
