"""Pieces shared by the work list tabs: count chips, the list chooser, and the case table
(double-click or Enter opens a case)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from app.domain.errors import DomainError
from app.ui.common import messages
from app.ui.worklists.case_list_model import ID_ROLE

CHIP_STYLE = (
    "background: {background}; color: {text}; padding: 3px 10px; border-radius: 10px;"
    "font-weight: bold;"
)
NEUTRAL = ("#eceff1", "#263238")
ALERT = ("#c62828", "#ffffff")


def chip_style(colours: tuple[str, str] = NEUTRAL) -> str:
    return CHIP_STYLE.format(background=colours[0], text=colours[1])


class ProblemLabel(QLabel):
    """Says in the page why its data did not come (refused, not found...): a tab loading in
    the background never raises a modal box for a refusal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #c62828; font-weight: bold;")
        self.setWordWrap(True)
        self.hide()

    def show_error(self, err: BaseException) -> bool:
        """Show a coded refusal; False for anything else (the caller passes it on)."""
        if not isinstance(err, DomainError):
            return False
        self.setText(messages.describe(err))
        self.show()
        return True


class Chip(QLabel):
    """A small rounded label: "New 3", "Overdue 2"...; `clicked` when it leads somewhere."""

    clicked = Signal()

    def __init__(self, style: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(style or chip_style())

    def lead_to(self, tooltip: str) -> None:
        """Make the chip a link (a hand cursor, a tooltip saying where it leads)."""
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def show_count(self, label: str, count: int, alert: bool = False) -> None:
        self.setText(f"{label}  {count}")
        if alert:
            self.setStyleSheet(chip_style(ALERT if count else NEUTRAL))


class ListChooser(QWidget):
    """One checkable button per work list, its count in its text; one is chosen at a time."""

    chosen = Signal(str)

    def __init__(self, lists: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = dict(lists)
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, label in lists:
            button = QPushButton(label)
            button.setCheckable(True)
            button.setObjectName(f"list_{key}")
            button.clicked.connect(lambda _c=False, k=key: self._clicked(k))
            self._group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addStretch(1)

    def _clicked(self, key: str) -> None:
        self.chosen.emit(key)

    def current(self) -> str:
        return next((k for k, b in self.buttons.items() if b.isChecked()), next(iter(self.buttons)))

    def set_current(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def clear_choice(self) -> None:
        """No list chosen (a stage chip stands instead)."""
        self._group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self._group.setExclusive(True)

    def set_count(self, key: str, count: int) -> None:
        self.buttons[key].setText(f"{self._labels[key]} ({count})")


class CaseTable(QTableView):
    """A work list: Enter or a double-click asks to open the case; a header click sorts."""

    open_requested = Signal(str)  # case id

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # A header click sorts (the model asks the database when the list is paged); a third
        # click gives the list its own order back.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        self.setSortingEnabled(True)
        self.doubleClicked.connect(self._activated)

    def set_widths(self, widths: dict[int, int], hidden: Sequence[int] = ()) -> None:
        for column, width in widths.items():
            self.setColumnWidth(column, width)
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column in hidden)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(ID_ROLE)
        if case_id:
            self.open_requested.emit(case_id)


def figure_table(model: QAbstractItemModel) -> QTableView:
    """A read-only table of figures: whole rows selected, sized to its contents."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table
