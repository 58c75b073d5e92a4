"""Acting on the work lists: header clicks sort (by the database, kept on refresh), the filter
box (Arabic variant spellings, Esc clears), stage chips that filter and unfilter, the visit
agenda of today and this week, for the worker and the supervisor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.case_dto import CaseView
from app.services.case_list_query import SortKey
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.worklists.agenda_model import COL_DATE, COL_DAY
from app.ui.worklists.agenda_model import COL_NUMBER as AGENDA_NUMBER
from app.ui.worklists.case_list_model import (
    COL_NEXT_DUE,
    COL_NUMBER,
    COL_PERSON,
    COL_STATUS,
    TypeNames,
)
from app.ui.worklists.my_cases_page import MyCasesPage
from app.ui.worklists.supervisor_page import SupervisorPage
from app.ui.worklists.widgets import CaseTable
from tests.conftest import TODAY
from tests.services.case_desk import desk, login, plan_visit  # noqa: F401
from tests.ui.arabic_checks import assert_arabic
from tests.ui.conftest import WAIT_MS
from tests.ui.worklists.list_helpers import numbers

pytestmark = pytest.mark.gui

Wait = Callable[[], None]


def keys(desk: dict[str, CaseView], *names: str) -> list[str]:  # noqa: F811
    return [desk[n].number for n in names]


def click_header(qtbot: QtBot, table: CaseTable, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def my_page(qtbot: QtBot, services: AppServices, worker: Worker, wait: Wait) -> MyCasesPage:
    page = MyCasesPage(services, worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    wait()
    return page


def test_header_clicks_sort_each_kind_of_column_and_survive_a_refresh(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Wait,
) -> None:
    page = my_page(qtbot, services, ui_worker, wait_idle)
    page.lists.buttons["open"].click()
    wait_idle()
    click_header(qtbot, page.table, COL_NEXT_DUE)  # a date: ascending, empty last
    wait_idle()
    assert page.model.query.sort == SortKey.NEXT_DUE and not page.model.query.descending
    assert numbers(page.model)[:3] == keys(desk, "late10", "late1", "today")
    assert numbers(page.model)[6] == desk["visited"].number  # 2027 after 2026: a date
    click_header(qtbot, page.table, COL_NEXT_DUE)  # again: descending, empty still last
    wait_idle()
    assert numbers(page.model)[:2] == keys(desk, "visited", "new_planned")
    assert numbers(page.model)[-3:] == keys(desk, "new_idle", "assessed_idle", "sensitive")
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL_NEXT_DUE
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    click_header(qtbot, page.table, COL_PERSON)  # Arabic text: أنور with the alefs
    wait_idle()
    assert numbers(page.model)[:3] == keys(desk, "visited", "late1", "sensitive")
    click_header(qtbot, page.table, COL_NUMBER)
    wait_idle()
    shown = numbers(page.model)
    assert shown == sorted(shown)
    click_header(qtbot, page.table, COL_STATUS)  # workflow order: new first
    wait_idle()
    assert page.model.item(0).case.status == "new"  # type: ignore[union-attr]
    before = numbers(page.model)
    page.refresh()  # the list comes again: the sort stays
    wait_idle()
    assert page.model.query.sort == SortKey.STATUS and numbers(page.model) == before
    page.lists.buttons["overdue"].click()  # another list: sorted the same way
    wait_idle()
    assert page.model.query.sort == SortKey.STATUS
    assert set(numbers(page.model)) == set(keys(desk, "late10", "late1"))


def press_escape(widget: object) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def test_the_filter_box_finds_names_spelled_either_way_and_esc_clears_it(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Wait,
) -> None:
    page = my_page(qtbot, services, ui_worker, wait_idle)
    page.lists.buttons["open"].click()
    wait_idle()
    page.filter.setText("انور")  # registered as أنور
    page.filter.flush()
    wait_idle()
    assert numbers(page.model) == keys(desk, "visited")
    page.filter.setText("التقييم")  # a stage, by its shown name
    page.filter.flush()
    wait_idle()
    assert set(numbers(page.model)) == set(keys(desk, "late10", "in6", "assessed_idle"))
    page.filter.setText("حماية")  # a case type, by its shown name
    page.filter.flush()
    wait_idle()
    assert numbers(page.model) == keys(desk, "sensitive")
    page.filter.setText(desk["today"].number[-3:])  # part of a case number
    page.filter.flush()
    wait_idle()
    assert numbers(page.model) == keys(desk, "today")
    assert page.count_label.text() == "عدد الحالات: 1"
    with qtbot.waitSignal(page.filter.changed, timeout=WAIT_MS):
        press_escape(page.filter)
    wait_idle()
    assert page.filter.text() == "" and len(numbers(page.model)) == 10
    # Typing waits a moment, then filters without Enter.
    page.filter.setText("أنور")
    qtbot.waitUntil(lambda: numbers(page.model) == keys(desk, "visited"), timeout=WAIT_MS)
    assert_arabic(page)


def test_a_stage_chip_filters_and_a_second_click_unfilters(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Wait,
) -> None:
    page = my_page(qtbot, services, ui_worker, wait_idle)
    assert page.lists.current() == "overdue"
    chips = {code: chip.text() for code, chip in page.status_chips.items()}
    chip = page.status_chips["assessment"]
    assert chip.text().endswith("3")
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    wait_idle()
    assert chip.isChecked() and page.stage == "assessment"
    assert not any(b.isChecked() for b in page.lists.buttons.values())
    assert numbers(page.model) == keys(desk, "late10", "in6", "assessed_idle")
    assert page.count_label.text() == "عدد الحالات: 3"  # as the chip says
    assert page.hint.text() == "حالاتك في مرحلة: التقييم"
    # Another chip moves the filter; the list chooser brings the lists back.
    qtbot.mouseClick(page.status_chips["pending_closure"], Qt.MouseButton.LeftButton)
    wait_idle()
    assert numbers(page.model) == keys(desk, "closing") and not chip.isChecked()
    qtbot.mouseClick(page.status_chips["pending_closure"], Qt.MouseButton.LeftButton)
    wait_idle()
    assert page.stage is None and page.lists.current() == "overdue"
    assert not any(c.isChecked() for c in page.status_chips.values())
    assert numbers(page.model) == keys(desk, "late10", "late1")
    page.refresh()
    wait_idle()
    assert {code: c.text() for code, c in page.status_chips.items()} == chips


def plan_this_week(services: AppServices, desk: dict[str, CaseView]) -> None:  # noqa: F811
    case = desk["new_idle"].id
    for due in (date(2026, 11, 21), TODAY, date(2026, 11, 26), date(2026, 11, 29)):
        plan_visit(services, case, due)
    login(services, "worker2")
    plan_visit(services, desk["other"].id, date(2026, 11, 23))


def test_the_agenda_of_today_and_this_week(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Wait,
) -> None:
    plan_this_week(services, desk)
    login(services, "worker")
    page = my_page(qtbot, services, ui_worker, wait_idle)
    assert page.lists.buttons["agenda_today"].text() == "زيارات اليوم (1)"
    assert page.lists.buttons["agenda_week"].text() == "زيارات هذا الأسبوع (3)"
    page.lists.buttons["agenda_week"].click()
    proxy, table = page.area.agenda_proxy, page.area.agenda_table
    assert page.area.showing_agenda
    rows = [proxy.index(r, AGENDA_NUMBER).data() for r in range(proxy.rowCount())]
    assert rows == keys(desk, "new_idle", "new_idle", "in6")  # Sun 22, Thu 26, Sat 28
    assert [proxy.index(r, COL_DAY).data() for r in range(3)] == ["الأحد", "الخميس", "السبت"]
    assert page.count_label.text() == "عدد الزيارات: 3"
    click_header(qtbot, table, COL_DATE)
    click_header(qtbot, table, COL_DATE)  # latest first
    assert proxy.index(0, COL_DATE).data() == "28/11/2026"
    page.filter.setText("يوسف")  # in6's person
    page.filter.flush()
    assert proxy.rowCount() == 1
    page.filter.clear()
    page.filter.flush()
    page.lists.buttons["agenda_today"].click()
    assert proxy.rowCount() == 1 and proxy.index(0, COL_DATE).data() == "22/11/2026"
    table.setFocus()
    table.setCurrentIndex(proxy.index(0, 0))
    with qtbot.waitSignal(page.open_case_requested, timeout=WAIT_MS) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [desk["new_idle"].id]
    with qtbot.waitSignal(page.open_case_requested, timeout=WAIT_MS) as opened:
        table.doubleClicked.emit(proxy.index(0, 2))
    assert opened.args == [desk["new_idle"].id]
    assert_arabic(page)
    page.lists.buttons["open"].click()  # back to the cases
    wait_idle()
    assert not page.area.showing_agenda and len(numbers(page.model)) == 10


def test_the_supervisors_agenda_is_the_branchs(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Wait,
) -> None:
    plan_this_week(services, desk)
    login(services, "supervisor")
    page = SupervisorPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    wait_idle()
    assert page.lists.buttons["agenda_week"].text() == "زيارات هذا الأسبوع (4)"
    page.lists.buttons["agenda_week"].click()
    proxy = page.area.agenda_proxy
    assert proxy.rowCount() == 4
    page.set_worker(desk["other"].assigned_to)  # one worker's
    wait_idle()
    assert page.lists.buttons["agenda_week"].text() == "زيارات هذا الأسبوع (1)"
    assert [proxy.index(0, AGENDA_NUMBER).data()] == keys(desk, "other")
    assert_arabic(page)
    # The overdue chip leads to the overdue list; headers sort the branch list too.
    page.set_worker(None)
    wait_idle()
    qtbot.mouseClick(page.overdue_chip, Qt.MouseButton.LeftButton)
    wait_idle()
    assert page.lists.current() == "overdue" and not page.area.showing_agenda
    click_header(qtbot, page.table, COL_NEXT_DUE)
    click_header(qtbot, page.table, COL_NEXT_DUE)
    wait_idle()
    # new_idle is overdue too now (its visit of Saturday 21/11 was not done).
    assert numbers(page.model) == keys(desk, "late1", "new_idle", "late10", "other")
