"""The result list model obeys Qt's model contract, empty, filled, and after refreshes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain import CustomerSummary, IdType
from ui.customers.panel import CustomerPanel
from ui.customers.results_model import ID_ROLE, CustomerResultsModel
from ui.ops import OpRunner

ROWS = [
    CustomerSummary(f"id-{n}", IdType.RESIDENT_ID, "张**", "1****************X", "139****5678")
    for n in range(3)
] + [CustomerSummary("id-org", IdType.USCC, "某******", "9****************A", "138****0000")]


def test_model_contract_through_resets(qtmodeltester: ModelTester) -> None:
    model = CustomerResultsModel()
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_rows(ROWS[:1])
    model.clear()
    qtmodeltester.check(model)


def test_model_shows_masked_values_and_keeps_ids_out_of_sight() -> None:
    model = CustomerResultsModel()
    model.set_rows(ROWS)
    assert model.rowCount() == 4 and model.columnCount() == 4
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    last = [model.index(3, column).data() for column in range(4)]
    assert last[0] == "某******" and last[2] == "9****************A"
    assert model.index(3, 0).data(ID_ROLE) == "id-org"
    assert all("id-" not in str(value) for value in last)
    assert model.row_of("id-2") == 2 and model.row_of("nope") == -1
    assert model.data(QModelIndex()) is None
    assert model.headerData(9, Qt.Orientation.Horizontal) is None


def test_panel_model_with_real_data(
    qtbot: QtBot, qtmodeltester: ModelTester, known_customer: str, panel: CustomerPanel, runner: OpRunner
) -> None:
    assert panel.model.rowCount() == 1
    assert panel.model.summary(0) is not None
    qtmodeltester.check(panel.model)
