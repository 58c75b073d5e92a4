"""The members of one household as a table: name, relationship to the head, birth, sex."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.dto import HouseholdMemberView
from app.ui.common import labels
from app.ui.common.translations import PY_DATE_FORMAT

COL_NAME = 0
COL_RELATIONSHIP = 1
COL_BIRTH_DATE = 2
COL_SEX = 3
COLUMN_COUNT = 4
ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class HouseholdMemberTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[HouseholdMemberView] = []
        self._headers = [
            self.tr("Full name"),
            self.tr("Relationship to the head"),
            self.tr("Date of birth"),
            self.tr("Sex"),
        ]

    def set_members(
        self, members: tuple[HouseholdMemberView, ...] | list[HouseholdMemberView]
    ) -> None:
        self.beginResetModel()
        self._rows = list(members)
        self.endResetModel()

    def member(self, row: int) -> HouseholdMemberView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        if role == ID_ROLE:
            return m.beneficiary_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            m.full_name,
            labels.relationship(m.relationship),
            m.birth_date.strftime(PY_DATE_FORMAT),
            labels.sex(m.sex),
        )[index.column()]
