"""The details tab of a case: its summary, the type's own fields and the sensitive flag,
editable by whoever may edit the case. The window saves them (update_details)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.case_dto import CaseView
from app.services.case_reference import CaseType
from app.ui.cases.form import FormRows, text_box
from app.ui.cases.type_fields import TypeFields

Details = tuple[str, dict[str, object], bool]


class CaseDetails(QWidget):
    save_requested = Signal()
    edited = Signal()

    def __init__(self, today: date, english: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._english = english
        self._baseline: Details | None = None
        self._type_code: str | None = None
        self._forced_sensitive = False
        self.type_fields: TypeFields | None = None
        self.form = FormRows()
        self.summary = text_box(110)
        self.summary.textChanged.connect(self._changed)
        self.sensitive = QCheckBox(
            self.tr("Sensitive case: only the assigned worker and supervisors may read it")
        )
        self.sensitive.toggled.connect(self._changed)
        self.form.add("summary", self.tr("Summary"), self.summary)
        self.form.add("sensitive", self.tr("Sensitivity"), self.sensitive)
        self.type_form = FormRows()
        self.type_box = QGroupBox(self.tr("Details of this type of case"))
        QVBoxLayout(self.type_box).addWidget(self.type_form)
        self.type_box.hide()

        self.save_button = QPushButton(self.tr("Save the details"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button = QPushButton(self.tr("Undo my changes"))
        self.revert_button.setAutoDefault(False)
        self.revert_button.clicked.connect(self.revert)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.form)
        column.addWidget(self.type_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._view: CaseView | None = None
        self.set_editable(False)

    def _build_type_fields(self, case_type: CaseType | None) -> None:
        code = case_type.code if case_type is not None else None
        if code == self._type_code and self.type_fields is not None:
            return
        self._type_code = code
        if case_type is None or not case_type.fields:
            return
        self.type_fields = TypeFields(case_type.fields, self.type_form, self._today, self._english)
        self.type_fields.edited.connect(self._changed)
        self.type_box.show()

    def load(self, view: CaseView, case_type: CaseType | None) -> None:
        """Show the stored details (and forget any typed change)."""
        self._view = view
        self._build_type_fields(case_type)
        self._forced_sensitive = case_type is not None and case_type.sensitive
        self.sensitive.setEnabled(self._editable and not self._forced_sensitive)
        blockers = [self.summary.blockSignals(True), self.sensitive.blockSignals(True)]
        self.summary.setPlainText(view.summary)
        self.sensitive.setChecked(view.sensitive)
        self.summary.blockSignals(blockers[0])
        self.sensitive.blockSignals(blockers[1])
        if self.type_fields is not None:
            self.type_fields.blockSignals(True)
            self.type_fields.load(view.extra)
            self.type_fields.blockSignals(False)
        self._baseline = self.values()
        self.clear_errors()
        self._changed()

    @staticmethod
    def stored(view: CaseView, case_type: CaseType | None) -> Details:
        """What `values()` would give right after loading `view` (to spot others' edits)."""
        keys = [s.key for s in case_type.fields] if case_type is not None else []
        return view.summary, {k: view.extra.get(k) for k in keys}, view.sensitive

    def values(self) -> Details:
        extra = self.type_fields.values() if self.type_fields is not None else {}
        return self.summary.toPlainText(), extra, self.sensitive.isChecked()

    def is_dirty(self) -> bool:
        return self._baseline is not None and self.values() != self._baseline

    def revert(self) -> None:
        if self._view is not None:
            self.summary.setPlainText(self._view.summary)
            self.sensitive.setChecked(self._view.sensitive)
            if self.type_fields is not None:
                self.type_fields.load(self._view.extra)
            self.clear_errors()
            self._changed()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.summary.setReadOnly(not editable)
        self.sensitive.setEnabled(editable and not self._forced_sensitive)
        if self.type_fields is not None:
            self.type_fields.set_read_only(not editable)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)
        self._changed()

    def _changed(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty:
            self.status.setText(self.tr("Changed: not saved yet."))
        elif self.status.text() == self.tr("Changed: not saved yet."):
            self.status.clear()
        self.edited.emit()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def clear_errors(self) -> None:
        self.form.clear_errors()
        self.type_form.clear_errors()

    def show_errors(self, by_field: dict[str, list[str]]) -> list[str]:
        unplaced = set(self.form.show_errors(by_field))
        unplaced &= set(self.type_form.show_errors(by_field))
        return sorted(unplaced)

    def error_text(self, key: str) -> str:
        return self.form.error_text(key) or self.type_form.error_text(key)
