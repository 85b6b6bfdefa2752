"""The action buttons of the case detail: which apply to the case now, and the dialog each opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.case_domain import CaseDetail
from app.domain import OPEN_STATUSES, CaseEventKind, CaseKind, CaseStatus
from app.errors import StaleVersion
from ui.cases import action_forms as forms
from ui.cases import outcome_forms as outcomes
from ui.cases.action_dialog import ActionDialog
from ui.cases.reference import CaseReference
from ui.drafts import DraftKeeper
from ui.ops import OpRunner

FINISHED = frozenset({CaseStatus.CLOSED, CaseStatus.WITHDRAWN})
CALLBACK_DUE = frozenset({CaseStatus.RESOLVED, CaseStatus.CALLED_BACK})
REOPENABLE = frozenset({CaseStatus.RESOLVED, CaseStatus.CALLED_BACK, CaseStatus.CLOSED})
LONGEST_DECISION_DAYS = 60

DialogFactory = Callable[[OpRunner, CaseDetail, QWidget], ActionDialog]


def is_paused(detail: CaseDetail) -> bool:
    """The latest appraisal event is a pause (the timeline may come newest or oldest first)."""
    pauses = sorted(
        (entry for entry in detail.timeline if entry.kind in (CaseEventKind.PAUSED, CaseEventKind.RESUMED)),
        key=lambda entry: entry.at,
    )
    return bool(pauses) and pauses[-1].kind is CaseEventKind.PAUSED


def applicable(detail: CaseDetail) -> dict[str, bool]:
    """Which actions make sense now; the services still decide (and say why when they refuse)."""
    status = detail.status
    live = status not in FINISHED
    complaint = detail.kind is CaseKind.COMPLAINT
    paused = is_paused(detail)
    return {
        "note": True,
        "status": bool(forms.status_choices(detail)),
        "transfer": live,
        "escalate": live and not detail.escalated,
        "extend": live and complaint and detail.decision_days < LONGEST_DECISION_DAYS,
        "pause": live and complaint and not paused,
        "resume": live and paused,
        "remedy": live,
        "answer": live,
        "callback": status in CALLBACK_DUE,
        "close": status in CALLBACK_DUE,
        "reopen": status in REOPENABLE,
        "withdraw": status in OPEN_STATUSES,
    }


class CaseActions(QWidget):
    """A column of buttons; each opens a small dialog that runs one service action."""

    acted = Signal(object)  # CaseRef after a successful action
    stale = Signal()  # someone else changed the case: it must be reloaded

    def __init__(self, runner: OpRunner, reference: CaseReference, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reference = reference
        self.detail: CaseDetail | None = None
        self.dialog: ActionDialog | None = None
        self.drafts = DraftKeeper(self)  # what was typed survives an Esc pressed by mistake
        transfer: DialogFactory = lambda r, d, p: forms.transfer_dialog(r, d, self.reference, p)  # noqa: E731
        specs: list[tuple[str, str, DialogFactory]] = [
            ("note", self.tr("Add &note…"), forms.note_dialog),
            ("status", self.tr("Change &status…"), forms.status_dialog),
            ("transfer", self.tr("&Transfer…"), transfer),
            ("escalate", self.tr("&Escalate…"), forms.escalate_dialog),
            ("extend", self.tr("E&xtend decision period…"), forms.extend_dialog),
            ("pause", self.tr("&Pause for appraisal…"), forms.pause_dialog),
            ("resume", self.tr("Res&ume after appraisal…"), forms.resume_dialog),
            ("remedy", self.tr("Record &remedy…"), forms.remedy_dialog),
            ("answer", self.tr("Written &answer…"), outcomes.answer_dialog),
            ("callback", self.tr("Record call&back…"), outcomes.callback_dialog),
            ("close", self.tr("C&lose case…"), outcomes.close_dialog),
            ("reopen", self.tr("Re&open…"), outcomes.reopen_dialog),
            ("withdraw", self.tr("&Withdraw…"), outcomes.withdraw_dialog),
        ]
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, text, factory in specs:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, f=factory: self.open_dialog(f))
            self.buttons[key] = button
            layout.addWidget(button)
            if key in ("status", "escalate", "resume", "answer", "close"):
                layout.addSpacing(8)
        layout.addStretch(1)
        self.show_detail(None)

    def show_detail(self, detail: CaseDetail | None) -> None:
        self.detail = detail
        enabled = applicable(detail) if detail is not None else {}
        for key, button in self.buttons.items():
            button.setEnabled(enabled.get(key, False))

    def open_dialog(self, factory: DialogFactory) -> ActionDialog | None:
        if self.detail is None:
            return None
        dialog = factory(self.runner, self.detail, self.window())
        self.drafts.watch(dialog, f"{getattr(factory, '__name__', 'action')}:{self.detail.id}")
        dialog.done.connect(self.acted)
        dialog.failed.connect(lambda exc: self.stale.emit() if isinstance(exc, StaleVersion) else None)
        self.dialog = dialog

        def finished(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def trigger(self, key: str) -> ActionDialog | None:
        """Open an action's dialog as its button would (keyboard paths and tests)."""
        button = self.buttons[key]
        if not button.isEnabled():
            return None
        button.click()
        return self.dialog
