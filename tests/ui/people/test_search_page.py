"""The search page's keyboard habits: it waits for a pause in typing, and a scanned record id
opens the record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_table_model import COL_PERSON_NUMBER
from app.ui.people.search_page import SEARCH_DEBOUNCE_MS, SearchPage
from tests.ui.conftest import WAIT_MS, type_text

pytestmark = pytest.mark.gui


def test_search_waits_for_a_pause_in_typing(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    queries: list[str] = []
    page.model.search_started.connect(queries.append)
    type_text(page.box, "الورفلي")
    assert queries == []  # not one search per key
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert queries == ["الورفلي"]
    qtbot.wait(SEARCH_DEBOUNCE_MS * 2)
    assert queries == ["الورفلي"]
    assert page.count_label.text() == "نتيجة واحدة"


def test_scanned_record_id_opens_the_record(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    page.box.setText(registered.id.upper())
    with qtbot.waitSignal(page.open_requested, timeout=WAIT_MS) as signal:
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert signal.args == [registered.id]


def test_unknown_record_id_falls_back_to_search(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    page.box.setText("01234567-89ab-7def-8123-456789abcdef")
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT_MS):
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.count_label.text() == "لم يُعثر على أحد."


def test_a_typed_person_number_shows_then_opens_that_person(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    typed = registered.person_number.lower().replace("0", "٠")  # lower case, Arabic digits
    type_text(page.box, typed)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert page.model.index(0, COL_PERSON_NUMBER).data() == registered.person_number
    with qtbot.waitSignal(page.open_requested, timeout=WAIT_MS) as signal:
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert signal.args == [registered.id]


def test_a_person_number_no_one_holds_falls_back_to_search(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    page.box.setText("ZZZ01-P-000001")
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT_MS):
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.count_label.text() == "لم يُعثر على أحد."


def test_enter_opens_the_top_hit_shown(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    type_text(page.box, "الورفلي")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.loading, timeout=WAIT_MS)
    with qtbot.waitSignal(page.open_requested, timeout=WAIT_MS) as signal:
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert signal.args == [registered.id]


def test_enter_right_after_typing_searches_and_opens_nothing(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    """A scanner types and presses Enter faster than the search waits: the list on screen is
    not the answer to what is in the box yet, so nobody is opened by a half-typed search."""
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    type_text(page.box, "الورفلي")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.loading, timeout=WAIT_MS)
    opened: list[str] = []
    page.open_requested.connect(opened.append)
    type_text(page.box, " محمد")
    with qtbot.waitSignal(page.model.search_finished, timeout=WAIT_MS):
        qtbot.keyClick(page.box, Qt.Key.Key_Return)
    assert page.model.query == "الورفلي محمد"
    qtbot.wait(SEARCH_DEBOUNCE_MS * 2)
    assert opened == []
