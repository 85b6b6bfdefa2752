"""The sign-in dialog: refusals inline, lockout after five failures, the password never kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import ServiceContext
from app.domain import Actor, Role
from app.errors import SignInRefused
from app.store import OpenedStore
from tests.ui.conftest import activate, wait_idle
from tests.ui.test_auth_fixtures import PASSWORD, WRONG, log_of
from ui.auth.sign_in import SignInDialog
from ui.i18n import current_language
from ui.ops import OpRunner

# teller_id
pytest_plugins = ["tests.ui.test_auth_fixtures"]


@pytest.fixture
def dialog(qtbot: QtBot, runner: OpRunner, ctx: ServiceContext) -> SignInDialog:
    view = SignInDialog(runner, ctx)
    qtbot.addWidget(view)
    view.show()
    activate(qtbot, view)
    return view


def _try(qtbot: QtBot, runner: OpRunner, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    dialog.submit()
    assert dialog.password_edit.text() == ""  # read once, then cleared at once
    wait_idle(qtbot, runner, timeout=10_000)


def _refusal(code: str, **params: object) -> str:
    return SignInRefused(code, **params).render(current_language())


def test_a_wrong_password_is_refused_inline_and_recorded(
    qtbot: QtBot,
    runner: OpRunner,
    dialog: SignInDialog,
    teller_id: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    accepted: list[object] = []
    dialog.signed_in.connect(lambda actor, name: accepted.append(actor))
    _try(qtbot, runner, dialog, "zhang.san", WRONG)

    assert dialog.message.message == _refusal("sign_in_failed")
    assert dialog.isVisible() and accepted == []
    assert dialog.password_edit.hasFocus()
    assert log_of(store, ctx, "auth.sign_in") == [(teller_id, "failed", "")]


def test_an_unknown_user_gets_the_same_answer(
    qtbot: QtBot, runner: OpRunner, dialog: SignInDialog, teller_id: str
) -> None:
    _try(qtbot, runner, dialog, "nobody.here", WRONG)
    assert dialog.message.message == _refusal("sign_in_failed")


def test_five_wrong_passwords_lock_the_account_for_minutes(
    qtbot: QtBot,
    runner: OpRunner,
    dialog: SignInDialog,
    teller_id: str,
    store: OpenedStore,
    ctx: ServiceContext,
) -> None:
    for _attempt in range(4):
        _try(qtbot, runner, dialog, "zhang.san", WRONG)
        assert dialog.message.message == _refusal("sign_in_failed")
    _try(qtbot, runner, dialog, "zhang.san", WRONG)
    minutes = ctx.reference.lockout.minutes
    assert dialog.message.message == _refusal("account_locked", minutes=minutes)
    assert str(minutes) in dialog.message.message and "分钟" in dialog.message.message

    _try(qtbot, runner, dialog, "zhang.san", PASSWORD)  # even the right password waits now
    assert dialog.isVisible()
    assert dialog.message.message == _refusal("account_locked", minutes=minutes)
    assert log_of(store, ctx, "auth.lock_account") == [(teller_id, "ok", "")]


def test_the_right_password_signs_in_with_enter(
    qtbot: QtBot, runner: OpRunner, dialog: SignInDialog, teller_id: str
) -> None:
    qtbot.keyClicks(dialog.username_edit, " Zhang.San ")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        assert dialog.busy and dialog.busy_bar.isVisible()  # the check runs on the db lane
        assert not dialog.password_edit.isEnabled() and dialog.password_edit.text() == ""
    actor, username = signed_in.args
    assert isinstance(actor, Actor)
    assert (actor.staff_id, actor.display_name, actor.role, username) == (
        teller_id,
        "张三",
        Role.TELLER,
        "zhang.san",
    )
    assert not dialog.isVisible() and not dialog.busy
    assert PASSWORD not in repr(vars(dialog))  # nothing of ours kept it


def test_empty_fields_are_asked_for_without_a_check(
    qtbot: QtBot, runner: OpRunner, dialog: SignInDialog
) -> None:
    dialog.submit()
    assert dialog.message.message == dialog.tr("Enter your user name.")
    dialog.username_edit.setText("zhang.san")
    dialog.submit()
    assert dialog.message.message == dialog.tr("Enter your password.")
    assert runner.pending == 0 and not dialog.busy


def test_cancel_waits_while_the_check_runs(
    qtbot: QtBot, runner: OpRunner, dialog: SignInDialog, teller_id: str
) -> None:
    dialog.username_edit.setText("zhang.san")
    dialog.password_edit.setText(WRONG)
    dialog.submit()
    dialog.reject()
    assert dialog.isVisible()  # the attempt is recorded either way; its answer is shown
    wait_idle(qtbot, runner, timeout=10_000)
    dialog.reject()
    assert not dialog.isVisible()
