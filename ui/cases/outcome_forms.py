"""The dialogs that conclude a case: the written answer, the callback, close, reopen and withdraw."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from app.case_domain import AnswerDraft, CallbackDraft, CaseDetail
from app.domain import CaseKind, CaseStatus, CustomerOption
from ui.cases.action_dialog import ActionDialog, LocalProblem, line_edit, ref_of, text_edit
from ui.cases.labels import option_label
from ui.ops import OpRunner
from ui.services import callbacks as callback_service
from ui.services import case_actions as actions


def answer_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Record the written answer"),
        QCoreApplication.translate(
            "CaseActions",
            "The answer states the verification result, its basis and reasons, any remedies, "
            "and the complainant's options if they disagree.",
        ),
        QCoreApplication.translate("CaseActions", "Record"),
        parent,
    )
    dialog.add_row(
        "verification_result",
        QCoreApplication.translate("CaseActions", "Verification result"),
        text_edit(3),
        required=True,
    )
    dialog.add_row(
        "basis_and_reasons",
        QCoreApplication.translate("CaseActions", "Basis and reasons"),
        text_edit(3),
        required=True,
    )
    dialog.add_row("remedies", QCoreApplication.translate("CaseActions", "Remedies"), text_edit(2))
    for option in CustomerOption:
        check = QCheckBox(option_label(option))
        check.setChecked(True)
        dialog.add_row(
            f"option_{option.value}",
            QCoreApplication.translate("CaseActions", "Options") if option is CustomerOption.REVIEW else "",
            check,
        )

    def arguments() -> tuple[AnswerDraft]:
        options = frozenset(o for o in CustomerOption if dialog.value(f"option_{o.value}"))
        draft = AnswerDraft(
            verification_result=dialog.value("verification_result"),
            basis_and_reasons=dialog.value("basis_and_reasons"),
            remedies=dialog.value("remedies"),
            options=options,
        )
        return (draft,)

    return dialog.run(actions.record_answer, arguments)


def callback_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Record callback"),
        ok_text=QCoreApplication.translate("CaseActions", "Record"),
        parent=parent,
    )
    reached = QCheckBox(QCoreApplication.translate("CaseActions", "The customer was reached"))
    accepts = QComboBox()
    accepts.addItem(QCoreApplication.translate("CaseActions", "— choose —"), None)
    accepts.addItem(QCoreApplication.translate("CaseActions", "Yes, accepts the result"), True)
    accepts.addItem(QCoreApplication.translate("CaseActions", "No, does not accept it"), False)
    satisfaction = QComboBox()
    satisfaction.addItem(QCoreApplication.translate("CaseActions", "— choose —"), None)
    for score, words in (
        (5, QCoreApplication.translate("CaseActions", "very satisfied")),
        (4, QCoreApplication.translate("CaseActions", "satisfied")),
        (3, QCoreApplication.translate("CaseActions", "neutral")),
        (2, QCoreApplication.translate("CaseActions", "dissatisfied")),
        (1, QCoreApplication.translate("CaseActions", "very dissatisfied")),
    ):
        satisfaction.addItem(f"{score} — {words}", score)
    dialog.add_row("reached", "", reached)
    dialog.add_row("accepts_result", QCoreApplication.translate("CaseActions", "Accepts the result"), accepts)
    dialog.add_row("satisfaction", QCoreApplication.translate("CaseActions", "Satisfaction"), satisfaction)
    dialog.add_row("comment", QCoreApplication.translate("CaseActions", "Comment"), text_edit(3))

    def reached_changed(on: bool) -> None:
        accepts.setEnabled(on)
        satisfaction.setEnabled(on)

    reached.toggled.connect(reached_changed)
    reached_changed(False)

    def arguments() -> tuple[CallbackDraft]:
        if not reached.isChecked():
            return (CallbackDraft(reached=False, comment=dialog.value("comment")),)
        if accepts.currentData() is None:
            raise LocalProblem(
                "accepts_result",
                QCoreApplication.translate("CaseActions", "Choose whether the customer accepts the result."),
            )
        if satisfaction.currentData() is None:
            raise LocalProblem(
                "satisfaction",
                QCoreApplication.translate("CaseActions", "Choose the customer's satisfaction score."),
            )
        return (
            CallbackDraft(
                reached=True,
                accepts_result=bool(accepts.currentData()),
                satisfaction=int(satisfaction.currentData()),
                comment=dialog.value("comment"),
            ),
        )

    return dialog.run(callback_service.record_callback, arguments)


def needs_override(detail: CaseDetail) -> bool:
    return detail.kind is CaseKind.COMPLAINT and detail.status is not CaseStatus.CALLED_BACK


def close_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    override = needs_override(detail)
    intro = (
        QCoreApplication.translate(
            "CaseActions",
            "This complaint has had no successful callback. Only a supervisor may close it now, "
            "giving the reason; otherwise record the callback first.",
        )
        if override
        else QCoreApplication.translate(
            "CaseActions", "The case and its timeline are archived; it can be reopened with a reason."
        )
    )
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Close case"),
        intro,
        QCoreApplication.translate("CaseActions", "Close case"),
        parent,
    )
    if override:
        dialog.add_row(
            "override",
            QCoreApplication.translate("CaseActions", "Reason for closing without a callback"),
            line_edit(),
            required=True,
        )
    return dialog.run(actions.close_case, lambda: (dialog.value("override") if override else "",))


def reopen_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Reopen case"),
        ok_text=QCoreApplication.translate("CaseActions", "Reopen"),
        parent=parent,
    )
    dialog.add_row("reason", QCoreApplication.translate("CaseActions", "Reason"), line_edit(), required=True)
    return dialog.run(actions.reopen_case, lambda: (dialog.value("reason"),))


def withdraw_dialog(runner: OpRunner, detail: CaseDetail, parent: QWidget) -> ActionDialog:
    dialog = ActionDialog(
        runner,
        ref_of(detail),
        QCoreApplication.translate("CaseActions", "Withdraw case"),
        QCoreApplication.translate(
            "CaseActions", "The customer withdrew the request; the case stops and stays on record."
        ),
        QCoreApplication.translate("CaseActions", "Withdraw"),
        parent,
    )
    dialog.add_row("reason", QCoreApplication.translate("CaseActions", "Reason"), line_edit(), required=True)
    return dialog.run(actions.withdraw_case, lambda: (dialog.value("reason"),))
