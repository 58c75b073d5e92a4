"""The small tables of the work list tabs sort too: the supervisor's workload (numbers as
numbers) and the notice and flag lists (names by their normalized spelling, ISO dates)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.case_dto import CaseView
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.worklists.case_list_model import TypeNames
from app.ui.worklists.notice_list import _Listing
from app.ui.worklists.supervisor_page import SupervisorPage
from app.ui.worklists.workload_model import COL_OPEN, COL_OVERDUE, COL_WORKER, WORKER_ROLE
from tests.services.case_desk import desk, login  # noqa: F401

pytestmark = pytest.mark.gui


def test_workload_sorts_numbers_as_numbers(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    login(services, "supervisor")
    page = SupervisorPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.refresh()
    wait_idle()
    table, model = page.workload_table, page.workload_sorted
    table.sortByColumn(COL_OPEN, Qt.SortOrder.DescendingOrder)  # what a header click does
    opened = [int(model.index(r, COL_OPEN).data()) for r in range(model.rowCount())]
    assert opened == sorted(opened, reverse=True) and opened[0] == 10
    table.sortByColumn(COL_OVERDUE, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, COL_OVERDUE).data() for r in range(3)] == ["0", "1", "2"]
    # A click on a sorted row still narrows the lists to that worker.
    page.workload_table.clicked.emit(model.index(1, COL_WORKER))
    wait_idle()
    assert page.worker_id == model.index(1, 0).data(WORKER_ROLE) == desk["other"].assigned_to


def test_notice_and_flag_lists_sort_by_normalized_text(qtbot: QtBot) -> None:
    listing = _Listing("t", ["name", "date"])
    qtbot.addWidget(listing)
    listing.fill(
        [
            (["يوسف", "2026-11-02"], 1, None),
            (["آمنة", "2026-10-30"], 2, None),
            (["احمد", "2026-10-29"], 6, None),
            (["باسم", "2026-11-10"], 3, None),
        ]
    )
    table = listing.table
    assert table.item(0, 0).text() == "يوسف"  # unsorted until a header is clicked
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    # آمنة after احمد: آ folds to ا (by code point it would come first).
    assert [table.item(r, 0).text() for r in range(4)] == ["احمد", "آمنة", "باسم", "يوسف"]
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 1).text() for r in range(4)] == [
        "2026-11-10",
        "2026-11-02",
        "2026-10-30",
        "2026-10-29",
    ]
    listing.fill([(["حسن", "2026-01-01"], 4, None), (["زياد", "2026-02-01"], 5, None)])
    assert table.item(0, 0).text() == "زياد"  # the sort stays when the list is filled again
