"""The skeleton every read-only table model of the desk shares, written once.

A model holds its rows in memory and names its columns; a subclass only says what one row
shows in one column for one role (`cell`). Row and column counts, the header (numbered rows
down the side), the bounds checks on stale indexes and the reset on new rows live here.
`PagedTableModel` builds on it for the lists that load a page at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows of `T` in memory under fixed column headers.

    Subclasses implement `cell(item, column, role)` (None for "nothing to show") and call
    `set_rows`; `numbered_rows = False` leaves the vertical header empty. Headers translated
    with `self.tr` are given after `super().__init__` (the Qt object must exist first), with
    `set_headers`.
    """

    numbered_rows = True

    def __init__(self, headers: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[T] = []

    def set_headers(self, headers: Sequence[str]) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self.endResetModel()

    def cell(self, item: T, column: int, role: int) -> Any:
        raise NotImplementedError

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section + 1) if self.numbered_rows else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._headers):
            return None
        item = self.row_at(index.row())
        return None if item is None else self.cell(item, index.column(), role)
