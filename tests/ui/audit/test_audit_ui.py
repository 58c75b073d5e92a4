"""The audit browser and its paged model (Qt's model tester), with filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from app.services.audit_log import AuditFilter
from app.services.case_dto import CaseView
from app.services.setup import AppServices
from app.ui.audit.browser import AuditBrowser
from app.ui.audit.model import COL_ACTION, COL_CASE, COL_DETAILS, AuditTableModel
from app.ui.common.worker import Worker
from tests.services.case_desk import desk, login  # noqa: F401
from tests.services.test_case_figures import branch  # noqa: F401  (fixture used by name)
from tests.ui.arabic_checks import assert_arabic
from tests.ui.conftest import type_text
from tests.ui.worklists.list_helpers import inline

pytestmark = pytest.mark.gui


def test_audit_model_passes_the_model_tester_and_pages(
    qtmodeltester,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    from app.ui.audit import model as audit_model

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
    browser.since.line.clear()
    type_text(browser.since.line, datetime.now(UTC).strftime("%d/%m/%Y"))  # the log keeps UTC
    assert browser.use_since.isChecked()  # typing a date puts the filter in use
    browser.search_button.click()
    wait_idle()
    users = {browser.model.entry(r).user_name for r in range(browser.model.rowCount())}  # type: ignore[union-attr]
    assert users == {"أخصائي اجتماعي ثانٍ (تجريبي)"}
    # A date that is none: said under the list, the list left as it was.
    shown = browser.model.rowCount()
    type_text(browser.until.line, "31/02/2026")
    browser.search_button.click()
    wait_idle()
    assert browser.count_label.text() == "التاريخ غير صحيح (يوم/شهر/سنة)."
    assert browser.model.rowCount() == shown
    browser.use_until.setChecked(False)
    browser.verify_button.click()
    wait_idle()
    assert browser.chain_label.text().startswith("السجل سليم")
    assert_arabic(browser)
