"""The work list tabs and the figures tab, driven through the real services on the background
worker."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.audit_log import AuditFilter
from app.services.case_dto import CaseView
from app.services.case_export import ExportFormat
from app.services.case_worklists import WorkList
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.worklists.case_list_model import (
    COL_CLOSURE_REASON,
    COL_TYPE,
    COL_WORKER,
    TypeNames,
)
from app.ui.worklists.figures_page import FiguresPage
from app.ui.worklists.my_cases_page import MyCasesPage
from app.ui.worklists.supervisor_page import SupervisorPage
from app.ui.worklists.workload_model import COL_OVERDUE
from tests.services.case_desk import desk, login  # noqa: F401
from tests.services.test_case_figures import branch  # noqa: F401  (fixture used by name)
from tests.ui.arabic_checks import assert_arabic
from tests.ui.conftest import WAIT_MS
from tests.ui.worklists.list_helpers import numbers

pytestmark = pytest.mark.gui


def test_my_cases_tab(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    page = MyCasesPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    wait_idle()
    assert page.lists.current() == WorkList.OVERDUE.value
    assert numbers(page.model) == [desk["late10"].number, desk["late1"].number]
    assert page.lists.buttons["overdue"].text() == "متابعات متأخرة (2)"
    assert page.lists.buttons["waiting"].text() == "بانتظار إجراء (4)"
    assert page.status_chips["follow_up"].text().endswith("4")
    assert page.model.index(0, COL_TYPE).data() == "مسن"  # the reference data's name
    assert page.table.isColumnHidden(COL_WORKER)
    page.lists.buttons["waiting"].click()
    wait_idle()
    assert numbers(page.model)[0] == desk["new_idle"].number
    page.lists.buttons["open"].click()
    wait_idle()
    assert len(numbers(page.model)) == 10
    assert page.count_label.text() == "عدد الحالات: 10"
    assert_arabic(page)
    # Enter on a row asks to open that case.
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(2, 0))
    with qtbot.waitSignal(page.open_case_requested, timeout=WAIT_MS) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [desk["today"].id]


def test_my_cases_tab_opens_on_the_first_list_with_work(
    qtbot: QtBot,
    services: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    from tests.services.case_desk import open_case, people

    (person,) = people(services, 1)
    case = open_case(services, person, date(2026, 11, 20))
    page = MyCasesPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.refresh()
    wait_idle()
    assert page.lists.current() == WorkList.WAITING.value
    assert numbers(page.model) == [case.number]


def test_supervision_tab(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    login(services, "supervisor")
    page = SupervisorPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1150, 700)
    page.show()
    page.refresh()
    wait_idle()
    assert page.workload.rowCount() == 3
    assert numbers(page.model) == [desk[k].number for k in ("other", "late10", "late1")]
    assert page.lists.buttons["overdue"].text() == "متأخرة (3)"
    # Choosing a worker in the table narrows the lists to their cases.
    row = next(
        r
        for r in range(page.workload.rowCount())
        if page.workload.load(r).worker_id == desk["other"].assigned_to  # type: ignore[union-attr]
    )
    assert page.workload.index(row, COL_OVERDUE).data() == "1"
    page.workload_table.clicked.emit(page.workload.index(row, 0))
    wait_idle()
    assert numbers(page.model) == [desk["other"].number]
    assert page.filter_label.text() == "حالات أخصائي اجتماعي ثانٍ (تجريبي)"
    assert page.table.isColumnHidden(COL_WORKER)
    page.lists.buttons["pending_closure"].click()
    wait_idle()
    assert numbers(page.model) == []
    page.all_workers_button.click()
    wait_idle()
    assert numbers(page.model) == [desk["closing"].number]
    assert page.model.index(0, COL_CLOSURE_REASON).data() == "تحققت الأهداف"
    assert not page.table.isColumnHidden(COL_CLOSURE_REASON)
    assert_arabic(page)


def test_figures_tab_and_export(
    qtbot: QtBot,
    services: AppServices,
    branch: dict[str, str],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = FiguresPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1150, 650)
    page.show()
    page.refresh()
    wait_idle()
    assert page.months.rowCount() == 13
    assert page.opened_chip.text().endswith("7")
    assert "40.0%" in page.overdue_chip.text()
    index = page.type_combo.findData("elderly")
    assert page.type_combo.itemText(index) == "مسن"
    page.type_combo.setCurrentIndex(index)
    assert page.months.text(9, 0) == "09/2026" and page.months.text(9, 1) == "2"
    page.set_period(date(2026, 10, 1), date(2026, 11, 1))
    page.show_button.click()
    wait_idle()
    assert page.months.rowCount() == 3
    assert page.type_combo.currentData() == "elderly"  # kept across refreshes
    assert_arabic(page)

    target = tmp_path / "figures.csv"
    monkeypatch.setattr(page, "ask_export_path", lambda fmt: target)
    with qtbot.waitSignal(page.exported, timeout=WAIT_MS):
        page.csv_button.click()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["إحصاءات الحالات", "الفرع", "DEMO"]
    assert rows[1] == ["الفترة", "01/10/2026", "30/11/2026"]
    assert ["مسن", "1", "1", "30.0", "3", "1", "33.3"] in rows
    assert (
        services.audit_log.browse(AuditFilter(action_prefix="export."))[0].details["format"]
        == ExportFormat.CSV.value
    )
    assert page.status_label.text().startswith("حُفظ في ")


def test_figures_export_to_a_folder_that_is_gone(
    qtbot: QtBot,
    services: AppServices,
    branch: dict[str, str],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    page = FiguresPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    monkeypatch.setattr(page, "ask_export_path", lambda fmt: tmp_path / "gone" / "f.xlsx")
    page.export(ExportFormat.XLSX)
    wait_idle()
    assert len(warned) == 1 and warned[0].startswith("تعذّرت كتابة الملف")
    assert page.xlsx_button.isEnabled()


def test_a_refusal_is_said_in_the_tab_not_in_a_box(
    qtbot: QtBot,
    services: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    login(services, "worker")
    page = MyCasesPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    services.accounts.logout()  # e.g. the session ended while the tab was loading
    unexpected: list[object] = []
    page.error.connect(unexpected.append)
    page.refresh()
    wait_idle()
    assert page.problem.isVisibleTo(page)
    assert page.problem.text() == "ليست لديك صلاحية للقيام بهذا."
    assert unexpected == [] and page.refresh_button.isEnabled()
    login(services, "worker")
    page.refresh()
    wait_idle()
    assert not page.problem.isVisibleTo(page)
