"""Likely duplicates found before saving: open one of them, or confirm a different person.

The dialog only decides; the form then either opens the chosen record or registers again with
the candidates' ids as `confirmed_different` (the service records that decision).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.dto import DuplicateCandidate
from app.ui.common import labels
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.translations import PY_DATE_FORMAT

COL_NAME = 0
COL_MOTHER = 1
COL_BIRTH_DATE = 2
COL_SEX = 3
COL_NATIONAL_NUMBER = 4
COL_SCORE = 5
COL_PERSON_NUMBER = 6
COLUMN_COUNT = 7
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DuplicateTableModel(RowTableModel[DuplicateCandidate]):
    def __init__(self, candidates: list[DuplicateCandidate], parent: Any = None) -> None:
        super().__init__(parent=parent)
        self.set_headers(
            [
                self.tr("Full name"),
                self.tr("Mother's name"),
                self.tr("Date of birth"),
                self.tr("Sex"),
                self.tr("National number"),
                self.tr("Similarity"),
                self.tr("Person number"),
            ]
        )
        self.set_rows(candidates)

    def cell(self, c: DuplicateCandidate, column: int, role: int) -> Any:
        if role == ID_ROLE:
            return c.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_NAME:
            return c.full_name
        if column == COL_MOTHER:
            return c.mother_name
        if column == COL_BIRTH_DATE:
            return c.birth_date.strftime(PY_DATE_FORMAT)
        if column == COL_SEX:
            return labels.sex(c.sex)
        if column == COL_NATIONAL_NUMBER:
            return c.national_number or ""
        if column == COL_SCORE:
            return self.tr("Same national number") if c.exact else f"{round(c.score)}%"
        if column == COL_PERSON_NUMBER:
            return c.person_number
        return None

    def candidate(self, row: int) -> DuplicateCandidate | None:
        return self.row_at(row)


class DuplicatesDialog(QDialog):
    """accept() with `chosen_id` set = open that record; accept() with `different` = save;
    with `use_existing` (the household form's rows): accept() with `used_id` = take that
    registered person instead of registering a new one. Same national number: no "different"."""

    def __init__(
        self,
        candidates: list[DuplicateCandidate],
        parent: QWidget | None = None,
        *,
        use_existing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.chosen_id: str | None = None
        self.used_id: str | None = None
        self.different = False
        self.candidates = list(candidates)
        self.model = DuplicateTableModel(self.candidates, self)

        intro = QLabel(
            self.tr(
                "These people are already registered and look like the person you are saving. "
                "If one of them is the same person, open their record instead of registering "
                "them again."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self._open())
        if self.candidates:
            self.table.selectRow(0)

        self.open_button = QPushButton(self.tr("Open the selected record"))
        self.open_button.clicked.connect(self._open)
        self.different_button = QPushButton(self.tr("A different person: save"))
        self.different_button.setToolTip(
            self.tr(
                "Confirm that the person you are registering is none of these people. "
                "The decision is recorded."
            )
        )
        self.different_button.clicked.connect(self._different)
        self.cancel_button = QPushButton(self.tr("Back to the form"))
        self.cancel_button.clicked.connect(self.reject)
        self.open_button.setDefault(True)
        self.use_button = QPushButton(self.tr("Add the registered person instead"))
        self.use_button.clicked.connect(self._use)
        self.use_button.setVisible(use_existing)
        if use_existing:
            self.use_button.setDefault(True)
        self.different_button.setVisible(not any(c.exact for c in self.candidates))

        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.different_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 320)

    def _open(self) -> None:
        index = self.table.currentIndex()
        candidate = self.model.candidate(index.row()) if index.isValid() else None
        if candidate is None:
            return
        self.chosen_id = candidate.id
        self.accept()

    def _use(self) -> None:
        index = self.table.currentIndex()
        candidate = self.model.candidate(index.row()) if index.isValid() else None
        if candidate is None:
            return
        self.used_id = candidate.id
        self.accept()

    def _different(self) -> None:
        self.different = True
        self.accept()

    def different_ids(self) -> list[str]:
        return [c.id for c in self.candidates]
