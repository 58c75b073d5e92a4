"""The People tab of the branch figures (sex, age band, municipality) on a seeded branch, and
the agenda and people table models under the model tester."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.services.case_agenda import AgendaSpan
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.worklists.agenda_model import AgendaModel, AgendaProxy
from app.ui.worklists.case_list_model import TypeNames
from app.ui.worklists.figures_page import FiguresPage
from app.ui.worklists.people_figures_panel import PeopleFiguresModel
from tests.conftest import TODAY
from tests.services.case_desk import login
from tests.services.test_people_figures import seeded  # noqa: F401  (fixture used by name)
from tests.ui.arabic_checks import assert_arabic

pytestmark = pytest.mark.gui


def rows(model: PeopleFiguresModel) -> list[list[str]]:
    return [[model.text(r, c) for c in range(3)] for r in range(model.rowCount())]


def test_people_figures_tab(
    qtbot: QtBot,
    services: AppServices,
    seeded: None,  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    login(services, "supervisor")
    page = FiguresPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    wait_idle()
    page.views.setCurrentWidget(page.people)
    people = page.people
    assert rows(people.by_sex) == [["ذكر", "3", "2"], ["أنثى", "4", "2"], ["المجموع", "7", "4"]]
    assert rows(people.by_age) == [
        ["من 0 إلى 5 سنوات", "1", "1"],
        ["من 6 إلى 17 سنة", "2", "1"],
        ["من 18 إلى 59 سنة", "2", "1"],
        ["60 سنة فأكثر", "2", "1"],
        ["المجموع", "7", "4"],
    ]
    assert rows(people.by_municipality) == [
        ["طرابلس المركز", "4", "2"],
        ["مصراتة", "2", "1"],
        ["غير محددة", "1", "1"],
        ["المجموع", "7", "4"],
    ]
    assert_arabic(page)


def test_agenda_and_people_models_pass_the_model_tester(
    qtmodeltester,  # type: ignore[no-untyped-def]
    services: AppServices,
    seeded: None,  # noqa: F811
) -> None:
    login(services, "worker")
    agenda = AgendaModel(TypeNames(), lambda: TODAY)
    proxy = AgendaProxy(agenda, lambda: TODAY)
    qtmodeltester.check(agenda)
    agenda.set_rows(services.case_worklists.agenda(AgendaSpan.WEEK))
    qtmodeltester.check(proxy)
    login(services, "supervisor")
    model = PeopleFiguresModel("الجنس")
    figures = services.case_figures.people()
    model.show(figures.by_sex, lambda r: r.key, (figures.registered, figures.with_open_case))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
