"""The "Cases" section of a person's record: their cases (masked where the reader may not see
them) and the button that opens a new case. Opening goes through `opener`, so the
access rules (and breaking the glass) are the same as everywhere else."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ErrorCode
from app.services.case_dto import CaseSummary, CaseView
from app.services.setup import AppServices
from app.ui.cases import opener
from app.ui.cases.new_dialog import NewCaseDialog
from app.ui.cases.summary_model import COL_NOTE, COL_NUMBER, CaseSummaryTableModel
from app.ui.cases.timeline import select_row
from app.ui.cases.window import CaseWindow
from app.ui.common import case_labels, messages
from app.ui.common.worker import Worker

log = logging.getLogger(__name__)


class CasePersonPanel(QWidget):
    loaded = Signal()

    def __init__(
        self, services: AppServices, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._beneficiary_id: str | None = None
        self._followed: set[int] = set()
        english = services.preferences.language == "en"

        def type_name(code: str) -> str:
            try:
                found = services.case_reference.case_type(code)
            except DomainError:
                return case_labels.case_type(code)
            return found.name_en if english else found.name_ar

        self.model = CaseSummaryTableModel(type_name, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the case"))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_selected)
        self.new_button = QPushButton(self.tr("Open a new case…"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_case)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.show_unsaved()

    def show_unsaved(self) -> None:
        self._beneficiary_id = None
        self.model.set_cases([])
        self.message.setText(self.tr("Save the person first; then cases can be opened."))
        self.new_button.setEnabled(False)
        self.open_button.setEnabled(False)

    def load(self, beneficiary_id: str) -> None:
        self._beneficiary_id = beneficiary_id
        cases = self._services.cases
        self._worker.submit(
            lambda: cases.cases_of(beneficiary_id), self._loaded, self._failed, owner=self
        )

    def reload(self) -> None:
        if self._beneficiary_id is not None:
            self.load(self._beneficiary_id)

    def _loaded(self, cases: list[CaseSummary]) -> None:
        self.model.set_cases(cases)
        self.message.setText(
            self.tr("No case was opened for this person.")
            if not cases
            else self.tr("Double-click a case to open it.")
        )
        self.new_button.setEnabled(True)
        self.open_button.setEnabled(bool(cases))
        if cases:
            select_row(self.table, 0)
        self.table.resizeColumnToContents(COL_NUMBER)
        self.loaded.emit()

    def _failed(self, err: BaseException) -> None:
        if isinstance(err, DomainError) and err.code == ErrorCode.PERMISSION_DENIED:
            self.message.setText(self.tr("Cases are not shown to your role."))
        elif isinstance(err, DomainError):
            self.message.setText(messages.describe(err))
        else:
            log.error("listing the cases of a person failed", exc_info=err)
            self.message.setText(messages.unexpected())
        self.new_button.setEnabled(False)
        self.open_button.setEnabled(False)
        self.loaded.emit()

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_row(rows[0].row())

    def open_row(self, row: int) -> QWidget | None:
        case = self.model.case_at(row)
        if case is None:
            return None
        window = opener.open_case(self, self._services, self._worker, case.id)
        self._follow(window)
        return window

    def new_case(self) -> QWidget | None:
        if self._beneficiary_id is None:
            return None
        dialog = opener.open_new_case(self, self._services, self._worker, self._beneficiary_id)
        if isinstance(dialog, NewCaseDialog):
            # Connected after the opener's own slot, which has opened the window by then.
            dialog.succeeded.connect(self._created)
        return dialog

    def _created(self, view: CaseView) -> None:
        self.reload()
        self._follow(opener.open_window(self._services, view.id))

    def _follow(self, window: QWidget | None) -> None:
        """Refresh the list when the case changes stage or worker in its window."""
        if not isinstance(window, CaseWindow) or id(window) in self._followed:
            return
        key = id(window)
        self._followed.add(key)
        window.changed.connect(lambda _view: self.reload())
        window.destroyed.connect(lambda _obj=None: self._followed.discard(key))
