"""The members of one household as a table: name, relationship to the head, birth, sex,
person number."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt

from app.services.dto import HouseholdMemberView
from app.ui.common import labels
from app.ui.common.row_table_model import RowTableModel

COL_NAME = 0
COL_RELATIONSHIP = 1
COL_BIRTH_DATE = 2
COL_SEX = 3
COL_PERSON_NUMBER = 4
COLUMN_COUNT = 5
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HouseholdMemberTableModel(RowTableModel[HouseholdMemberView]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent=parent)
        self.set_headers(
            [
                self.tr("Full name"),
                self.tr("Relationship to the head"),
                self.tr("Date of birth"),
                self.tr("Sex"),
                self.tr("Person number"),
            ]
        )

    def set_members(self, members: Iterable[HouseholdMemberView]) -> None:
        self.set_rows(members)

    def member(self, row: int) -> HouseholdMemberView | None:
        return self.row_at(row)

    def cell(self, m: HouseholdMemberView, column: int, role: int) -> Any:
        if role == ID_ROLE:
            return m.beneficiary_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            m.full_name,
            labels.relationship(m.relationship),
            labels.birth(m.birth_date, m.birth_date_estimated),
            labels.sex(m.sex),
            m.person_number,
        )[column]
