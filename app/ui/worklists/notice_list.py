"""Two small work lists beside the cases: the worker's notices from HQ (a conflict decided
against a change of theirs, marked read one by one), and, for supervisors, the branch's records
HQ flagged as possibly registered at another branch too. Double-click (or Enter) on a line opens
the person's form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.arabic import normalize_arabic
from app.services.conflict_notices import ConflictNotice
from app.services.registry_flags import OpenFlag
from app.services.setup import AppServices
from app.ui.common import labels
from app.ui.common.worker import Worker

KEY_ROLE = Qt.ItemDataRole.UserRole
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
LTR = "\u2066{}\u2069"  # a record number or branch code reads left to right inside Arabic
TITLE_STYLE = "font-weight: bold; color: #8a4b00;"


def _date(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d") if at is not None else ""


class _Item(QTableWidgetItem):
    """A cell that sorts by its normalized text (ISO dates and names alike: أحمد by احمد)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return normalize_arabic(self.text()) < normalize_arabic(other.text())


class _Listing(QWidget):
    """A title, a table of lines, and (optionally) buttons under it; hidden while empty."""

    open_person_requested = Signal(str)
    error = Signal(object)

    def __init__(self, title: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setStyleSheet(TITLE_STYLE)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # unsorted until clicked
        self.table.itemActivated.connect(self._activated)
        self.table.itemDoubleClicked.connect(self._activated)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addLayout(self.buttons)
        self.hide()

    def fill(self, rows: Sequence[tuple[Sequence[str], object, str | None]]) -> None:
        """(cells, key, person id) per line."""
        self.table.setSortingEnabled(False)  # rows would move while they are being filled
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.table.setRowCount(len(rows))
        for r, (cells, key, person) in enumerate(rows):
            for c, text in enumerate(cells):
                item = _Item(text)
                item.setData(KEY_ROLE, key)
                item.setData(PERSON_ROLE, person)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)  # a header click sorts; the sort stays on refill
        self.table.resizeRowsToContents()
        shown = sum(self.table.rowHeight(r) for r in range(min(len(rows), 5)))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + shown + 6)
        self.setVisible(bool(rows))

    def _activated(self, item: QTableWidgetItem) -> None:
        person = item.data(PERSON_ROLE)
        if isinstance(person, str) and person:
            self.open_person_requested.emit(person)

    def selected_key(self) -> object:
        items = self.table.selectedItems()
        return items[0].data(KEY_ROLE) if items else None


class NoticeList(_Listing):
    """The worker's unread notices: a decision at HQ kept another value than theirs."""

    def __init__(self, services: AppServices, worker: Worker, parent: QWidget | None = None):
        super().__init__(
            self.tr("Decisions from headquarters on your changes"),
            [self.tr("Record"), self.tr("Field"), self.tr("Your value"), self.tr("Value kept"),
             self.tr("Decided by"), self.tr("Reason"), self.tr("Date")],
            parent,
        )  # fmt: skip
        self._services = services
        self._worker = worker
        self.mark_button = QPushButton(self.tr("Mark as read"))
        self.mark_button.setEnabled(False)
        self.mark_button.clicked.connect(self._mark)
        self.buttons.addWidget(self.mark_button)
        self.table.itemSelectionChanged.connect(
            lambda: self.mark_button.setEnabled(self.selected_key() is not None)
        )
        self.notices: list[ConflictNotice] = []

    def refresh(self) -> None:
        self._submit(self._services.conflict_notices.my_notices, self.show_notices)

    def show_notices(self, notices: list[ConflictNotice]) -> None:
        self.notices = notices
        self.title.setText(
            self.tr("Decisions from headquarters on your changes (%1)").replace(
                "%1", str(len(notices))
            )
        )
        self.fill([
            ([n.person_name or self._record(n.table), self._field(n.field),
              self._value(n.field, n.lost_value), self._value(n.field, n.kept_value),
              n.decided_by, n.reason, _date(n.decided_at)],
             f"{n.conflict_id}:{n.side}", n.person_id)
            for n in notices
        ])  # fmt: skip
        self.mark_button.setEnabled(False)

    def _mark(self) -> None:
        key = self.selected_key()
        if not isinstance(key, str) or ":" not in key:
            return
        number, side = key.split(":", 1)
        conflict = int(number)
        notices = self._services.conflict_notices

        def mark() -> list[ConflictNotice]:
            notices.mark_read(conflict, side)
            return notices.my_notices()

        self._submit(mark, self.show_notices)

    def _submit(self, call: Callable[[], list[ConflictNotice]], done: Callable[..., None]) -> None:
        self._worker.submit(call, done, self.error.emit, owner=self)

    def _record(self, table: str) -> str:
        return labels.table(table)

    def _field(self, name: str) -> str:
        if name == "deleted_at":
            return self.tr("the record itself")
        return labels.field(name)

    def _value(self, field: str, value: str | None) -> str:
        if field == "deleted_at":
            return self.tr("deleted") if value else self.tr("still there")
        return value if value else self.tr("(empty)")


class FlagList(_Listing):
    """Supervisors: the branch's records HQ found possibly registered at another branch."""

    def __init__(self, services: AppServices, worker: Worker, parent: QWidget | None = None):
        super().__init__(
            self.tr("Possibly registered at another branch too"),
            [self.tr("Person"), self.tr("Born"), self.tr("Other branch"),
             self.tr("Their record"), self.tr("Matched"), self.tr("Received")],
            parent,
        )  # fmt: skip
        self._services = services
        self._worker = worker
        self.flags: list[OpenFlag] = []

    def refresh(self) -> None:
        self._worker.submit(
            self._services.registry_flags.open_flags, self.show_flags, self.error.emit,
            owner=self,
        )  # fmt: skip

    def show_flags(self, flags: list[OpenFlag]) -> None:
        self.flags = flags
        self.title.setText(
            self.tr("Possibly registered at another branch too (%1)").replace("%1", str(len(flags)))
        )
        self.fill([
            ([f.full_name, f.birth_date.isoformat() if f.birth_date else "",
              LTR.format(f.other_branch), LTR.format(f.other_person),
              self.tr(", ").join(self._matched(m) for m in f.matched), _date(f.received_at)],
             f.pair_id, f.person_id)
            for f in flags
        ])  # fmt: skip

    def _matched(self, name: str) -> str:
        if name == "name":
            return self.tr("the four-part name")
        if name == "passport":
            return labels.field("passport_number")
        return labels.field(name)
