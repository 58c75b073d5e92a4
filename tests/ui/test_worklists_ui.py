"""The work list tabs, the figures tab and the audit browser, driven through the real
services on the background worker; every model through Qt's model tester."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from app.services.audit_log import AuditFilter
from app.services.case_dto import CaseView
from app.services.case_export import ExportFormat
from app.services.case_worklists import WorkItem, WorkList
from app.services.setup import AppServices
from app.ui.audit_browser import AuditBrowser
from app.ui.audit_model import COL_ACTION, COL_CASE, COL_DETAILS, AuditTableModel
from app.ui.case_list_model import (
    COL_CLOSURE_REASON,
    COL_NEXT_DUE,
    COL_NUMBER,
    COL_PERSON,
    COL_STATUS,
    COL_TYPE,
    COL_WORKER,
    ID_ROLE,
    PAGE_SIZE,
    CaseListModel,
    TypeNames,
)
from app.ui.figures_model import MonthFiguresModel, TypeFiguresModel
from app.ui.figures_page import FiguresPage
from app.ui.my_cases_page import MyCasesPage
from app.ui.supervisor_page import SupervisorPage
from app.ui.worker import Worker
from app.ui.workload_model import COL_OVERDUE, WorkloadTableModel
from tests.conftest import TODAY
from tests.services.test_case_figures import branch  # noqa: F401  (fixture used by name)
from tests.services.test_case_worklists import desk, login  # noqa: F401
from tests.ui.conftest import WAIT_MS
from tests.ui.test_arabic_ui import assert_arabic

pytestmark = pytest.mark.gui

Items = list[WorkItem]


def inline(call: Callable[[], Items], done: Callable[[Items], None]) -> None:
    done(call())


def numbers(model: CaseListModel) -> list[str]:
    return [model.index(r, COL_NUMBER).data() for r in range(model.rowCount())]


def names(services: AppServices) -> TypeNames:
    found = TypeNames()
    found.load(services.case_reference.case_types())
    return found


# ---------------------------------------------------------------------------- models


def test_case_list_model_passes_the_model_tester(
    qtmodeltester,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    pending: list[tuple[Callable[[], Items], Callable[[Items], None]]] = []
    model = CaseListModel(lambda c, d: pending.append((c, d)), names(services), lambda: TODAY)
    qtmodeltester.check(model)
    lists = services.case_worklists
    model.set_source(
        lambda limit, offset: lists.my_cases(WorkList.OPEN, limit=limit, offset=offset)
    )
    assert model.loading and model.rowCount() == 0
    call, done = pending.pop()
    done(call())
    assert model.rowCount() == 10 and model.complete
    row = {c: model.index(0, c).data() for c in range(model.columnCount())}
    assert row[COL_NUMBER] == desk["late10"].number
    assert row[COL_TYPE] == "مسن"
    assert row[COL_STATUS] == "التقييم"
    assert row[COL_NEXT_DUE] == "12/11/2026"
    assert model.index(0, COL_NEXT_DUE).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, COL_NEXT_DUE).data(Qt.ItemDataRole.ToolTipRole) == "أيام التأخير: 10"
    assert model.index(0, 0).data(ID_ROLE) == desk["late10"].id
    qtmodeltester.check(model)


def test_case_list_model_pages_and_drops_stale_answers(
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
) -> None:
    asked: list[tuple[int, int]] = []
    lists = services.case_worklists

    def fetch(limit: int, offset: int) -> Items:
        asked.append((limit, offset))
        return lists.my_cases(WorkList.OPEN, limit=limit, offset=offset)

    pending: list[tuple[Callable[[], Items], Callable[[Items], None]]] = []
    model = CaseListModel(lambda c, d: pending.append((c, d)), names(services), lambda: TODAY)
    model.set_source(fetch)
    model.set_source(lambda limit, offset: lists.my_cases(WorkList.OVERDUE, limit=limit))
    newer_call, newer_done = pending.pop()
    newer_done(newer_call())
    old_call, old_done = pending.pop()
    old_done(old_call())  # the first list answers late: ignored
    assert numbers(model) == [desk["late10"].number, desk["late1"].number]
    assert asked == [(PAGE_SIZE, 0)]


def test_masked_names_in_the_supervisors_list(
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
) -> None:
    login(services, "supervisor")
    lists = services.case_worklists
    model = CaseListModel(inline, names(services), lambda: TODAY)
    model.set_source(lambda limit, offset: lists.branch_cases(WorkList.WAITING, limit=limit))
    row = numbers(model).index(desk["sensitive"].number)
    assert model.index(row, COL_PERSON).data() == "•••"
    assert "حساسة" in model.index(row, COL_PERSON).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, COL_WORKER).data() == "أخصائية اجتماعية (تجريبي)"


def test_workload_model(qtmodeltester, services: AppServices, desk) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    login(services, "supervisor")
    workload = WorkloadTableModel()
    qtmodeltester.check(workload)
    workload.set_loads(services.case_worklists.supervision().workers)
    assert workload.rowCount() == 3
    overdue = sorted(workload.index(r, COL_OVERDUE).data() for r in range(3))
    assert overdue == ["0", "1", "2"]


def test_figure_models(qtmodeltester, services: AppServices, branch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    figures = services.case_figures.figures(*services.case_figures.default_period())
    months = MonthFiguresModel()
    qtmodeltester.check(months)
    months.show(figures, None)
    assert months.rowCount() == len(figures.months) + 1  # and the total
    assert months.text(months.rowCount() - 1, 1) == str(figures.total.opened)
    months.show(figures, "elderly")
    assert [months.text(r, 0) for r in range(2)] == ["12/2025", "01/2026"]
    types = TypeFiguresModel(names(services))
    qtmodeltester.check(types)
    types.show(figures)
    assert types.rowCount() == len(figures.by_type) + 1
    assert types.text(types.rowCount() - 1, 0) == "كل الأنواع"
    assert types.text(types.rowCount() - 1, 6) == "40.0%"


def test_audit_model_passes_the_model_tester_and_pages(
    qtmodeltester,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    from app.ui import audit_model

    login(services, "supervisor")
    everything = services.audit_log.browse(AuditFilter(limit=5000))
    audit_model.PAGE_SIZE, before = 7, audit_model.PAGE_SIZE
    try:
        paged = AuditTableModel(services.audit_log.browse, inline)
        paged.set_filter(AuditFilter())
        assert paged.rowCount() == 7 and paged.canFetchMore()
        while paged.canFetchMore():
            paged.fetchMore(QModelIndex())
        assert paged.rowCount() == len(everything) > 14
        assert [paged.entry(r).seq for r in range(paged.rowCount())] == [  # type: ignore[union-attr]
            e.seq for e in everything
        ]
        # The tester watches every page going in; the pages answer later, as from the
        # worker (an inline answer would insert rows inside the tester's reset handler).
        pending: list[tuple[Callable[[], object], Callable[[object], None]]] = []
        model = AuditTableModel(services.audit_log.browse, lambda c, d: pending.append((c, d)))
        qtmodeltester.check(model)
        model.set_filter(AuditFilter())
        while pending:
            call, done = pending.pop(0)
            done(call())
            model.fetchMore(QModelIndex())
        assert model.rowCount() == len(everything)
    finally:
        audit_model.PAGE_SIZE = before
    model = AuditTableModel(services.audit_log.browse, inline)
    model.set_filter(AuditFilter(action_prefix="case.status", entity_id=desk["closing"].id))
    # The closing case went new -> closure requested; ids and the number stay out of details.
    assert model.rowCount() == 1
    assert model.index(0, COL_DETAILS).data() == "من: جديدة · إلى: طلب إغلاق"
    assert model.index(0, COL_ACTION).data() == "تغيير مرحلة حالة"
    assert model.index(0, COL_CASE).data() == desk["closing"].number
    model.set_filter(AuditFilter(action_prefix="case.event", entity_id=desk["closing"].id))
    assert model.index(0, COL_DETAILS).data() == "النوع: زيارة"


# ---------------------------------------------------------------------------- pages


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
    from tests.services.test_case_worklists import open_case, people

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


def test_audit_browser_filters(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    login(services, "supervisor")
    browser = AuditBrowser(services, ui_worker)
    qtbot.addWidget(browser)
    browser.show()
    wait_idle()
    total = browser.model.rowCount()
    assert total == len(services.audit_log.browse(AuditFilter(limit=5000)))
    assert browser.action.findData("case.") > 0
    # By action.
    browser.action.setCurrentIndex(browser.action.findData("case.open"))
    browser.search_button.click()
    wait_idle()
    shown = {browser.model.index(r, COL_ACTION).data() for r in range(browser.model.rowCount())}
    assert shown == {"فتح حالة"} and browser.model.rowCount() == 12
    # By case number, with the action filter still on.
    browser.case_number.setText(desk["late1"].number)
    browser.search_button.click()
    wait_idle()
    assert browser.model.rowCount() == 1
    assert browser.model.index(0, COL_CASE).data() == desk["late1"].number
    # A number that is no case: said next to the field, the list is left as it was.
    browser.case_number.setText("DEMO-2026-99999")
    browser.search_button.click()
    wait_idle()
    assert browser.case_error.isVisibleTo(browser)
    assert browser.case_error.text() == "لم يُعثر على السجل."
    # By user and by date (today's entries only: everything was written today).
    browser.clear_filters()
    wait_idle()
    assert browser.model.rowCount() == total
    browser.user.setCurrentIndex(browser.user.findText("أخصائي اجتماعي ثانٍ (تجريبي)"))
    browser.use_since.setChecked(True)
    browser.since.setDate(datetime.now(UTC).date())  # the log keeps UTC times
    browser.search_button.click()
    wait_idle()
    users = {browser.model.entry(r).user_name for r in range(browser.model.rowCount())}  # type: ignore[union-attr]
    assert users == {"أخصائي اجتماعي ثانٍ (تجريبي)"}
    browser.verify_button.click()
    wait_idle()
    assert browser.chain_label.text().startswith("السجل سليم")
    assert_arabic(browser)


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
