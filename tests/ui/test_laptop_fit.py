"""Every main window and dialog fits a 1366x768 laptop with a taskbar (1366x728 available):
no taller than the room under the title bar, and its Save / OK / Close buttons inside it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.services.dto import BeneficiaryView
from app.services.family import PersonHousehold
from app.services.setup import AppServices
from app.ui.common import screen_fit
from app.ui.common.worker import Worker
from tests.services.families import family_of_five
from tests.ui.conftest import WAIT_MS
from tests.ui.households.family_rows import type_family

pytestmark = pytest.mark.gui

LAPTOP = QRect(0, 0, 1366, 728)
ROOM = LAPTOP.height() - screen_fit.TITLE_BAR  # about 700 px for the window itself


@pytest.fixture(autouse=True)
def laptop(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _w: QRect(LAPTOP))
    yield


def assert_fits(qtbot: QtBot, window: QWidget, *buttons: QPushButton) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.height() <= ROOM, (type(window).__name__, window.height())
    assert window.width() <= LAPTOP.width()
    assert window.minimumSizeHint().height() <= ROOM  # the layout lets it be this small
    inside = window.rect()
    for button in buttons:
        assert button.isVisibleTo(window), button.text()
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert inside.contains(where), (type(window).__name__, button.text(), where, inside)


def test_person_form(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    from app.ui.people.beneficiary_form import BeneficiaryForm

    form = BeneficiaryForm(worker, ui_worker)
    qtbot.addWidget(form)
    assert_fits(qtbot, form, form.save_button, form.close_button)
    shown = BeneficiaryForm(worker, ui_worker, registered.id)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: shown.view is not None, timeout=WAIT_MS)
    assert_fits(qtbot, shown, shown.edit_button, shown.print_button, shown.close_button)


def test_household_form_with_a_family_of_five_and_errors(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    from app.ui.households.household_form import HouseholdForm

    form = HouseholdForm(worker, ui_worker)
    qtbot.addWidget(form)
    rows = type_family(form, family_of_five())
    for row in rows:
        row.relationship.set_code("")  # every row gets a message under a field
    form.save()
    wait_idle()
    assert all(row.has_errors() for row in rows)
    assert_fits(qtbot, form, form.save_button, form.close_button)


def test_case_window(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    host: QWidget,
    wait_idle: Callable[[], None],
) -> None:
    from tests.ui.cases.windows import case_in_follow_up, open_window

    case = case_in_follow_up(worker, registered.id)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    assert_fits(qtbot, window, window.close_button, window.print_button)


def test_print_preview(qtbot: QtBot, ui_worker: Worker) -> None:
    from app.printing.document import Form, PrintMeta, render_bytes
    from app.printing.flowables import para
    from app.ui.printing.preview import PrintPreviewDialog

    meta = PrintMeta("طرابلس", "TRP01", "سعاد", datetime(2026, 11, 22, 10, 0))
    pdf = render_bytes([Form("الأولى", [para("نص قصير")])], meta)
    dialog = PrintPreviewDialog(ui_worker, pdf, title="test", file_name="sheet")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() == 1, timeout=WAIT_MS)
    assert_fits(qtbot, dialog, dialog.print_button, dialog.save_button, dialog.close_button)
    qtbot.waitUntil(lambda: dialog.rendered_pages() == [0], timeout=WAIT_MS)
    dialog.close()


def test_dialogs(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, registered: BeneficiaryView
) -> None:
    from app.services.dto import DuplicateCandidate
    from app.ui.households.member_picker import MemberPickerDialog
    from app.ui.households.move_dialog import MoveMemberDialog
    from app.ui.people.duplicates_dialog import DuplicatesDialog

    candidate = DuplicateCandidate(
        registered.id, registered.full_name, registered.mother_name, registered.birth_date,
        registered.sex, None, 91.0, exact=False,
    )  # fmt: skip
    duplicates = DuplicatesDialog([candidate] * 10, use_existing=True)
    qtbot.addWidget(duplicates)
    assert_fits(qtbot, duplicates, duplicates.use_button, duplicates.cancel_button)
    other = PersonHousehold("h", "0195ABCD", "x", "محمد علي", 3, person_is_head=False)
    move = MoveMemberDialog(registered.full_name, other)
    qtbot.addWidget(move)
    assert_fits(qtbot, move, move.move_button, move.open_button, move.cancel_button)
    picker = MemberPickerDialog(worker, ui_worker, set())
    qtbot.addWidget(picker)
    ok = picker.buttons.buttons()
    assert_fits(qtbot, picker, *ok)


def test_main_window(qtbot: QtBot, worker: AppServices, ui_worker: Worker) -> None:
    from app.ui.shell.main_window import MainWindow

    user = worker.ctx.require()
    window = MainWindow(worker, ui_worker, user, worker.ctx.branch_code, demo=True)
    qtbot.addWidget(window)
    window.show_search()
    assert_fits(qtbot, window, window.search_page.new_button)


def test_case_and_import_dialogs(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    from app.ui.cases.new_dialog import NewCaseDialog
    from app.ui.importing.dialog import ImportDialog

    new_case = NewCaseDialog(worker, ui_worker, registered.id)
    qtbot.addWidget(new_case)
    new_case.show()
    wait_idle()
    new_case.case_type.set_code("juvenile")  # the type with the most fields of its own
    assert new_case.type_fields is not None
    assert_fits(qtbot, new_case, new_case.ok_button, new_case.cancel_button)
    importing = ImportDialog(worker, ui_worker)
    qtbot.addWidget(importing)
    assert_fits(qtbot, importing, importing.import_button, importing.close_button)
