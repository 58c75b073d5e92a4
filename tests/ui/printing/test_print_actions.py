"""The print buttons of the person, household and case screens, the print menu, a refused
print explained, and a scanned QR code opening its record."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenuBar, QWidget
from pytestqt.qtbot import QtBot

from app.domain.household import HouseholdDraft
from app.domain.record_code import RecordKind, record_code
from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.households.household_form import HouseholdForm
from app.ui.people.beneficiary_form import BeneficiaryForm
from app.ui.people.search_page import SearchPage
from app.ui.printing import actions as print_actions
from app.ui.printing.preview import PrintPreviewDialog
from tests.ui.cases.windows import open_window
from tests.ui.conftest import WAIT_MS, type_text
from tests.ui.printing.print_helpers import audit_actions, previews, visits_tomorrow

pytestmark = pytest.mark.gui


# The Arabic (101) keyboard: what the keys of a record code type when it is the active layout.
# The Arabic (101) layout, unshifted, as a scanner "types" through it (h is ا, i is ه).
ARABIC_LAYOUT = dict(zip(
    "qwertyuiopasdfghjkl;zxcvbnm",
    ["ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ش", "س", "ي", "ب", "ل", "ا", "ت", "ن",
     "م", "ك", "ئ", "ء", "ؤ", "ر", "لا", "ى", "ة"],
    strict=True,
))  # fmt: skip


@pytest.fixture
def warned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(print_actions, "warn", lambda _parent, text: shown.append(text))
    return shown


def test_the_person_form_prints_the_intake_form(
    qtbot: QtBot,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    form = BeneficiaryForm(worker, ui_worker, registered.id)
    qtbot.addWidget(form)
    form.show()
    wait_idle()
    assert form.print_button.isVisible()
    qtbot.mouseClick(form.print_button, Qt.MouseButton.LeftButton)
    wait_idle()
    [shown] = form.findChildren(PrintPreviewDialog)
    qtbot.waitUntil(lambda: shown.page_count() >= 1, timeout=WAIT_MS)
    assert audit_actions(worker) == ["print.intake"]
    form.start_editing()
    assert not form.print_button.isVisible()  # print what is saved, not what is being typed


def test_the_household_form_prints_once_saved(
    qtbot: QtBot,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    household = worker.households.create(HouseholdDraft(head_id=registered.id))
    form = HouseholdForm(worker, ui_worker, household_id=household.id)
    qtbot.addWidget(form)
    assert not form.print_button.isEnabled()
    wait_idle()
    assert form.print_button.isEnabled()
    form.print_household()
    wait_idle()
    assert len(form.findChildren(PrintPreviewDialog)) == 1
    assert audit_actions(worker) == ["print.household"]


def test_the_case_window_prints_its_forms(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    [case] = visits_tomorrow(worker, registered.id, 1)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    button = window.print_button
    button.update_actions()
    actions = button.actions_by_form
    assert actions["summary"].isEnabled() and actions["visit"].isEnabled()
    assert not actions["referral"].isEnabled()  # no referral selected
    assert not actions["court"].isVisible()  # not a juvenile case
    actions["summary"].trigger()
    wait_idle()
    [shown] = window.findChildren(PrintPreviewDialog)
    assert case.number in shown.windowTitle()
    window.timeline.select_row(0)
    assert window.timeline.selected() is not None
    actions["visit"].trigger()
    wait_idle()
    assert audit_actions(worker) == ["print.case_summary", "print.visit_sheet"]


def test_a_refused_print_is_explained(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    warned: list[str],
) -> None:
    [case] = visits_tomorrow(worker, registered.id, 1)
    worker.accounts.login("admin", "admin-demo-2026")
    print_actions.print_case(host, worker, ui_worker, case.id, "summary")
    wait_idle()
    assert warned and warned[0] != "You are not allowed to do this."  # in Arabic
    assert not previews()
    assert QApplication.overrideCursor() is None


def test_the_print_menu_offers_blank_forms_and_the_days_sheets(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    bar = QMenuBar(host)
    menu = print_actions.add_print_menu(bar, host, worker, ui_worker)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert len(texts) == 3
    menu.actions()[1].trigger()  # the blank visit sheet
    wait_idle()
    assert len(host.findChildren(PrintPreviewDialog)) == 1
    assert audit_actions(worker) == ["print.blank_visit"]
    worker.accounts.login("admin", "admin-demo-2026")
    admin_menu = print_actions.add_print_menu(QMenuBar(host), host, worker, ui_worker)
    assert len([a for a in admin_menu.actions() if not a.isSeparator()]) == 2


def arabic_layout(code: str) -> str:
    return "".join(ARABIC_LAYOUT.get(char, char) for char in code)


@pytest.mark.parametrize("layout", [str, arabic_layout])
def test_scanning_a_form_opens_its_record(
    qtbot: QtBot,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    layout: Callable[[str], str],
) -> None:
    page = SearchPage(worker, ui_worker)
    qtbot.addWidget(page)
    household = worker.households.create(HouseholdDraft(head_id=registered.id))
    [case] = visits_tomorrow(worker, registered.id, 1)
    for kind, record, signal, opened in (
        (RecordKind.BENEFICIARY, registered.person_number, page.open_requested, registered.id),
        (RecordKind.BENEFICIARY, registered.id, page.open_requested, registered.id),  # old forms
        (RecordKind.HOUSEHOLD, household.id, page.household_requested, household.id),
        (RecordKind.CASE, case.id, page.case_requested, case.id),
    ):
        typed = layout(record_code(kind, record))
        assert typed != record_code(kind, record) or layout is str
        page.box.clear()
        type_text(page.box, typed)
        with qtbot.waitSignal(signal, timeout=WAIT_MS) as caught:
            qtbot.keyClick(page.box, Qt.Key.Key_Return)
        assert caught.args == [opened]
