"""The main window's tabs per role (home tab first), the audit log menu entry, keyboard
shortcuts, and opening a case from a work list through the case opener."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.services.case_dto import CaseView
from app.services.setup import AppServices
from app.ui.audit.browser import AuditBrowser
from app.ui.common.worker import Worker
from app.ui.shell.main_window import MainWindow
from app.ui.worklists.my_cases_page import MyCasesPage
from app.ui.worklists.supervisor_page import SupervisorPage
from tests.services.case_desk import add_accounts, desk, login  # noqa: F401
from tests.services.case_staff import reasons_for_all
from tests.ui.arabic_checks import assert_arabic
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


def window_for(qtbot: QtBot, services: AppServices, worker: Worker) -> MainWindow:
    user = services.ctx.user
    assert user is not None
    window = MainWindow(services, worker, user, "DEMO", demo=True)
    qtbot.addWidget(window)
    window.show()
    return window


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


@pytest.mark.parametrize(
    ("username", "titles", "home", "audit"),
    [
        ("worker", ["حالاتي", "البحث"], MyCasesPage, False),
        ("supervisor", ["حالاتي", "البحث", "الإشراف", "إحصاءات الفرع"], SupervisorPage, True),
        ("auditor", ["البحث", "إحصاءات الفرع"], None, True),
        ("admin", ["البحث"], None, True),
    ],
)
def test_tabs_per_role(
    qtbot: QtBot,
    services: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    username: str,
    titles: list[str],
    home: type[QWidget] | None,
    audit: bool,
) -> None:
    add_accounts(services)
    login(services, username)
    window = window_for(qtbot, services, ui_worker)
    wait_idle()  # the home tab loads itself: no error may come back
    assert tab_titles(window) == titles
    current = window.tabs.currentWidget()
    assert isinstance(current, home) if home else current is window.search_page
    assert (window.audit_action is not None) is audit
    assert (window.figures_page is not None) is (username in ("supervisor", "auditor"))
    assert_arabic(window)
    window.close_forms()


def test_tabs_load_when_shown_and_ctrl_f_goes_to_search(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    login(services, "supervisor")
    window = window_for(qtbot, services, ui_worker)
    wait_idle()
    supervision = window.supervisor_page
    assert supervision is not None and supervision.overview is not None
    assert supervision.overview.overdue == 3
    figures = window.figures_page
    assert figures is not None and figures.figures is None  # not shown yet: not loaded
    window.tabs.setCurrentWidget(figures)
    wait_idle()
    assert figures.figures is not None and figures.figures.total.open_now == 11
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.search_page
    assert window.search_page.box.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is supervision
    window.close_forms()


def test_the_audit_log_opens_once_from_the_menu(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    login(services, "supervisor")
    window = window_for(qtbot, services, ui_worker)
    assert window.audit_action is not None
    window.audit_action.trigger()
    browser = window.audit_browser
    assert isinstance(browser, AuditBrowser) and browser.isVisible()
    window.audit_action.trigger()
    assert window.audit_browser is browser
    wait_idle()
    assert browser.model.rowCount() > 0
    window.close_forms()
    qtbot.waitUntil(lambda: window.audit_browser is None, timeout=WAIT_MS)


def test_double_click_opens_the_case_through_the_opener(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.ui.cases import opener

    opened: list[tuple[QWidget, AppServices, Worker, str]] = []

    def fake_open(parent: QWidget, svc: AppServices, worker: Worker, case_id: str) -> None:
        opened.append((parent, svc, worker, case_id))

    monkeypatch.setattr(opener, "open_case", fake_open)
    window = window_for(qtbot, services, ui_worker)
    wait_idle()
    page = window.my_cases_page
    assert page is not None and window.tabs.currentWidget() is page
    table = page.table
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    rect = table.visualRect(page.model.index(1, 1))
    # A real double-click: press and release, then the double-click event (Qt's tester sends
    # only the last, which an item view ignores without the press before it).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(window, services, ui_worker, desk["late1"].id)]
    window.close_forms()


def test_a_case_window_opens_for_real(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    window = window_for(qtbot, services, ui_worker)
    wait_idle()
    case_window = window.open_case(desk["late10"].id)
    assert case_window is not None  # it deletes itself when closed
    wait_idle()
    assert desk["late10"].number in case_window.windowTitle()
    assert window.open_case(desk["late10"].id) is case_window  # brought forward
    page = window.my_cases_page
    assert page is not None
    refreshed: list[int] = []
    page.refresh = lambda: refreshed.append(1)  # type: ignore[method-assign]
    view = services.case_workflow.move(
        desk["late10"].id,
        "pending_closure",
        closure_reason="goals_achieved",
        open_reasons=reasons_for_all(services, desk["late10"].id),
    )
    case_window.changed.emit(view)  # type: ignore[attr-defined]
    assert refreshed == [1]  # the list refreshes once, however often the case was opened
    case_window.close()
    window.close_forms()
