"""The sync status widget: every state in words and an icon, China time, problems in plain words."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from app.messages import Message
from app.sync.engine import SyncReport
from ui.i18n import current_language
from ui.sync.status import SyncState, SyncStatusWidget, short_time

NOON_UTC = dt.datetime(2026, 11, 22, 4, 5, tzinfo=dt.UTC)  # 12:05 in Beijing


def _status(qtbot: QtBot) -> SyncStatusWidget:
    status = SyncStatusWidget()
    qtbot.addWidget(status)
    return status


def test_times_are_shown_in_china_time_with_the_date_when_not_today() -> None:
    assert short_time(NOON_UTC, now=NOON_UTC) == "12:05"
    assert short_time(NOON_UTC, now=NOON_UTC + dt.timedelta(days=1)) == "11-22 12:05"
    late = dt.datetime(2026, 11, 22, 17, 30, tzinfo=dt.UTC)  # already the 23rd in Beijing
    assert short_time(late, now=late) == "01:30"


def test_every_state_has_its_own_text_and_icon(qtbot: QtBot) -> None:
    status = _status(qtbot)
    texts = {status.state_text(state) for state in SyncState}
    assert len(texts) == len(SyncState)
    for state in SyncState:
        status._set_state(state)
        assert status.state_label.text() == status.state_text(state)
        assert not status.icon_label.pixmap().isNull()
        assert status.icon_label.accessibleName() == status.state_text(state)


def test_a_refused_batch_is_a_problem_not_offline(qtbot: QtBot) -> None:
    status = _status(qtbot)
    refused = Message("central_refused", {"detail": "CheckViolation"})
    status.show_report(SyncReport(pending=3, error=refused))
    assert status.state is SyncState.PROBLEM
    assert status.problem == refused.render(current_language())
    assert "3" in status.pending_text and status.last_success is None


def test_a_successful_round_shows_the_time_and_clears_the_problem(qtbot: QtBot) -> None:
    status = _status(qtbot)
    status.show_report(SyncReport(pending=2, error=Message("central_unreachable")))
    assert status.state is SyncState.OFFLINE and status.problem
    finished = dt.datetime.now(dt.UTC)
    status.show_report(SyncReport(pushed=2, pending=0, finished_at=finished))
    assert status.state is SyncState.ONLINE and status.problem == ""
    assert status.last_success == finished
    assert short_time(finished) in status.last_label.text()
    status.show_report(SyncReport(conflicts=1, finished_at=finished))
    assert "1" in status.problem  # a supervisor has something to review


def test_changes_the_central_database_refused_stay_in_view(qtbot: QtBot) -> None:
    status = _status(qtbot)
    status.show_report(SyncReport(pushed=40, refused=2, conflicts=1))
    # Everything else went through, but IT must know: the refusal outranks the conflicts.
    assert status.state is SyncState.ONLINE
    assert status.problem == Message("central_refused_changes", {"count": 2}).render(current_language())
    status.show_report(SyncReport(refused=2))  # a later quiet round still shows it
    assert "2" in status.problem


def test_an_unexpected_failure_is_a_problem(qtbot: QtBot) -> None:
    status = _status(qtbot)
    status.round_started(True)
    assert status.state is SyncState.SYNCING
    status.show_failure("boom")
    assert status.state is SyncState.PROBLEM and status.problem == "boom"
