"""The work list models under Qt's model tester: the case list (paging, stale answers, masked
names), the workload and the figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from app.services.case_dto import CaseView
from app.services.case_list_query import ListQuery
from app.services.case_worklists import WorkItem, WorkList
from app.services.setup import AppServices
from app.ui.worklists.case_list_model import (
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
from app.ui.worklists.figures_model import MonthFiguresModel, TypeFiguresModel
from app.ui.worklists.workload_model import COL_OVERDUE, WorkloadTableModel
from tests.conftest import TODAY
from tests.services.case_desk import desk, login  # noqa: F401
from tests.services.test_case_figures import branch  # noqa: F401  (fixture used by name)
from tests.ui.worklists.list_helpers import inline, numbers

pytestmark = pytest.mark.gui

Items = list[WorkItem]


def names(services: AppServices) -> TypeNames:
    found = TypeNames()
    found.load(services.case_reference.case_types())
    return found


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
        lambda limit, offset, query: lists.my_cases(WorkList.OPEN, limit=limit, offset=offset)
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

    def fetch(limit: int, offset: int, query: ListQuery) -> Items:
        asked.append((limit, offset))
        return lists.my_cases(WorkList.OPEN, limit=limit, offset=offset)

    pending: list[tuple[Callable[[], Items], Callable[[Items], None]]] = []
    model = CaseListModel(lambda c, d: pending.append((c, d)), names(services), lambda: TODAY)
    model.set_source(fetch)
    model.set_source(lambda limit, offset, query: lists.my_cases(WorkList.OVERDUE, limit=limit))
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
    model.set_source(lambda limit, offset, query: lists.branch_cases(WorkList.WAITING, limit=limit))
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
