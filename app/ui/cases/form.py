"""The pieces every case dialog shares: labelled inputs keyed by the service's field names
(so each error lands beside its own field), and a dialog whose OK runs one service call on
the background worker and stays open, errors shown, when the call is refused.

Base classes translate with a fixed context ("CaseForm"): PySide's `self.tr()` looks texts up
under the *subclass* name, which lupdate cannot know.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationFailed
from app.ui.common import messages
from app.ui.common.date_input import DateInput
from app.ui.common.inputs import ERROR_STYLE, FieldSlot
from app.ui.common.worker import Worker

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
_TOP = Qt.AlignmentFlag.AlignTop


class DateField(DateInput):
    """A date of a case (a visit, a due date, a hearing): may be empty; its calendar opens on
    `around` (today) while it is."""

    def __init__(self, around: date, value: date | None = None) -> None:
        super().__init__(around, value)


def text_box(height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


class FormRows(QWidget):
    """Label | input rows; inputs keyed by field name, each with its error line under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slots: dict[str, FieldSlot] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._rows = 0

    def add(self, key: str, label: str, *widgets: QWidget) -> FieldSlot:
        slot = FieldSlot(*widgets)
        self.slots[key] = slot
        self.add_row(label, slot, buddy=widgets[0])
        return slot

    def add_row(self, label: str, widget: QWidget, buddy: QWidget | None = None) -> QLabel:
        caption = QLabel(label)
        caption.setWordWrap(True)
        if buddy is not None:
            caption.setBuddy(buddy)
            # Level with the input, not with the error message that may appear under it.
            caption.setMinimumHeight(min(buddy.sizeHint().height(), 34))
        self._grid.addWidget(caption, self._rows, 0, _TOP)
        self._grid.addWidget(widget, self._rows, 1, _TOP)
        # Rows may be added to a form already on screen (a case type's fields): a layout
        # shows a new child only later, by a queued call.
        caption.show()
        widget.show()
        self._rows += 1
        return caption

    def clear_errors(self) -> None:
        for slot in self.slots.values():
            slot.set_error("")

    def show_errors(self, by_field: dict[str, list[str]]) -> list[str]:
        """Each message under its field; returns the fields that have no input here."""
        self.clear_errors()
        unplaced = []
        for key, texts in by_field.items():
            slot = self.slots.get(key)
            if slot is None:
                unplaced.append(key)
            else:
                slot.set_error("\n".join(texts))
        first = next((k for k in self.slots if k in by_field), None)
        if first is not None:
            self.slots[first].widgets[0].setFocus()
        return unplaced

    def error_text(self, key: str) -> str:
        slot = self.slots.get(key)
        return slot.error() if slot is not None else ""


def error_fields(err: DomainError) -> dict[str, list[str]]:
    """A refused call's messages by field (a single coded error names at most one)."""
    if isinstance(err, ValidationFailed):
        return messages.by_field(err)
    if err.field:
        return {err.field: [messages.describe(err)]}
    return {}


class CaseActionDialog(QDialog):
    """OK runs `call()` on the worker; success emits `succeeded` and closes, a refusal keeps
    the dialog open with each message beside its field (or under the form)."""

    succeeded = Signal(object)  # what the service returned

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._busy = False
        self.result_value: object = None
        self.form = FormRows()
        # Forms built later (a case type's own fields) register here to receive their errors.
        self.extra_forms: list[FormRows] = []
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.hide()
        self.ok_button = QPushButton(translate("CaseForm", "Save"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(translate("CaseForm", "Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.ok_button)
        self.buttons.addWidget(self.cancel_button)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addLayout(self.buttons)
        self.setMinimumWidth(560)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def call(self) -> Callable[[], object]:
        """The service call to run for the values typed (may raise a DomainError at once)."""
        raise NotImplementedError

    @property
    def busy(self) -> bool:
        return self._busy

    def submit(self) -> None:
        if self._busy:
            return
        for form in self._forms():
            form.clear_errors()
        self._show_status("")
        try:
            fn = self.call()
        except DomainError as err:
            self._failed(err)
            return
        self._set_busy(True)
        self._worker.submit(fn, self._succeeded, self._failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()

    def _succeeded(self, result: object) -> None:
        self._set_busy(False)
        self.result_value = result
        self.succeeded.emit(result)
        super().accept()

    def _failed(self, err: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(err, DomainError):
            log.error("case dialog call failed", exc_info=err)
            self._show_status(messages.unexpected())
            return
        by_field = self.fields_of(err)
        unplaced = self.place_errors(by_field)
        if isinstance(err, ValidationFailed):
            lines = [translate("CaseForm", "Nothing was saved: correct the fields marked in red.")]
            lines += [messages.field_error(e) for e in err.errors if e.field in unplaced]
            self._show_status("\n".join(lines))
        elif unplaced or not by_field:  # said nowhere else: say it under the form
            self._show_status(messages.describe(err))

    def fields_of(self, err: DomainError) -> dict[str, list[str]]:
        """The refusal's messages by field; a dialog may place field-less codes itself."""
        return error_fields(err)

    def _forms(self) -> list[FormRows]:
        return [self.form, *self.extra_forms]

    def place_errors(self, by_field: dict[str, list[str]]) -> list[str]:
        """Each message beside its field in whichever form has it; returns the others."""
        placed: set[str] = set()
        for form in self._forms():
            mine = {k: v for k, v in by_field.items() if k in form.slots}
            form.show_errors(mine)
            placed |= mine.keys()
        return [k for k in by_field if k not in placed]

    def error_text(self, key: str) -> str:
        return next((f.error_text(key) for f in self._forms() if key in f.slots), "")

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def status_text(self) -> str:
        return "" if self.status.isHidden() else self.status.text()

    def accept(self) -> None:
        """Enter in a one-line field means OK: run the call, close only when it succeeded."""
        self.submit()

    def reject(self) -> None:
        if not self._busy:
            super().reject()
