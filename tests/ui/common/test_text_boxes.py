"""Multi-line text boxes in the Arabic desk (issue 12): every one of them, in every room that
has them (case dialogs and window, breaking the glass, a person's notes, a household's notes),
runs right to left and is right-aligned, whatever its text starts with. Checked on the widgets'
settings and by rendering a box: a short note that starts with a number or a Latin word sits
against the right edge."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.cases.actions import ACTIONS, action_dialog
from app.ui.cases.break_glass_dialog import BreakGlassDialog
from app.ui.cases.stage_buttons import APPROVE, CLOSE, REFUSE, REOPEN, REQUEST_CLOSURE
from app.ui.common.text_boxes import arabic_text_box, is_arabic_text_box
from app.ui.common.worker import Worker
from app.ui.households.household_form import HouseholdForm
from app.ui.people.beneficiary_form import BeneficiaryForm
from tests.ui.cases.windows import case_in_follow_up, open_window

pytestmark = [pytest.mark.gui]

STARTS_LTR = ("2026: زيارة", "UNICEF زارت الأسرة", "0912345678 رقم الأم")


def boxes(widget: QWidget) -> list[QPlainTextEdit | QTextEdit]:
    return [*widget.findChildren(QPlainTextEdit), *widget.findChildren(QTextEdit)]


def ink_columns(box: QPlainTextEdit | QTextEdit) -> tuple[int, int]:
    """The leftmost and rightmost columns of the viewport where text was drawn."""
    image = box.viewport().grab().toImage()
    background = QColor(image.pixel(2, 2)).lightness()
    columns = [
        x
        for x in range(image.width())
        for y in range(0, image.height(), 2)
        if abs(QColor(image.pixel(x, y)).lightness() - background) > 80
    ]
    assert columns, "nothing drawn"
    return min(columns), max(columns)


@pytest.mark.parametrize("text", STARTS_LTR)
def test_a_note_starting_left_to_right_still_sits_on_the_right(qtbot: QtBot, text: str) -> None:
    assert QApplication.layoutDirection().name == "RightToLeft"
    box = arabic_text_box(QPlainTextEdit())
    qtbot.addWidget(box)
    box.resize(500, 90)
    box.setPlainText(text)
    box.show()
    qtbot.waitExposed(box)
    left, right = ink_columns(box)
    width = box.viewport().width()
    assert left > width / 2 and right > width - 30, (text, left, right, width)
    box.setPlainText("")  # the setting outlives a new text
    box.insertPlainText("\n" + text)
    assert is_arabic_text_box(box)
    # A plain box, as Qt makes it, puts the same note on the left: the check can fail.
    plain = QPlainTextEdit()
    qtbot.addWidget(plain)
    plain.setLayoutDirection(QApplication.layoutDirection())
    plain.resize(500, 90)
    plain.setPlainText(text)
    plain.show()
    qtbot.waitExposed(plain)
    assert ink_columns(plain)[0] < width / 2


@pytest.fixture
def everywhere(
    qtbot: QtBot,
    host: QWidget,
    worker: AppServices,
    registered: BeneficiaryView,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> Iterator[list[tuple[str, QWidget]]]:
    """Every window and dialog of the desk that holds a multi-line box."""
    case = case_in_follow_up(worker, registered.id)
    window = open_window(host, worker, ui_worker, case.id, wait_idle)
    assert window.view is not None
    shown: list[tuple[str, QWidget]] = [("case window", window)]
    for action in (*ACTIONS, REQUEST_CLOSURE, CLOSE, REOPEN):
        made = action_dialog(action, worker, ui_worker, window.view, [], window)
        assert made is not None
        shown.append((action, made))
    worker.case_workflow.move(
        case.id, "pending_closure", closure_reason="moved_away",
        open_reasons={i.chain: "سبب" for i in worker.case_workflow.closure_checklist(window.view)},
    )  # fmt: skip
    pending = worker.case_workflow.case_view(case.id)
    for action in (APPROVE, REFUSE):
        made = action_dialog(action, worker, ui_worker, pending, [], window)
        assert made is not None
        shown.append((action, made))
    shown.append(("break glass", BreakGlassDialog(host, case.number)))
    shown.append(("person", BeneficiaryForm(worker, ui_worker, registered.id, parent=host)))
    shown.append(("household", HouseholdForm(worker, ui_worker, head=registered)))
    wait_idle()
    yield shown
    for _name, widget in shown:
        widget.close()
    wait_idle()


def test_every_multi_line_box_is_right_to_left_and_right_aligned(
    everywhere: list[tuple[str, QWidget]],
) -> None:
    found = {name: boxes(widget) for name, widget in everywhere}
    for name in ("case window", "assessment", "plan_item", "note", "referral", "person",
                 "household", "break glass", REQUEST_CLOSURE, APPROVE, REFUSE, REOPEN):  # fmt: skip
        assert found[name], f"no multi-line box found in {name}"
    wrong = [
        (name, box.objectName() or type(box).__name__)
        for name, found_boxes in found.items()
        for box in found_boxes
        if not is_arabic_text_box(box)
    ]
    assert wrong == []
