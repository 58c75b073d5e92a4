"""The timeline tab of a case: the events table, the selected event in full beside it, and
what can be done to that event (mark a visit done, record a referral's answer...)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.case_events import EventKind, PlanItemState, ReferralState, VisitState
from app.services.case_dto import CaseEventView
from app.ui.cases.event_text import Names, details_html
from app.ui.cases.events_model import COL_AUTHOR, COL_SUMMARY, EVENT_ROLE, CaseEventTableModel
from app.ui.common.text_boxes import arabic_text_box


def select_row(table: QTableView, row: int) -> None:
    """Select a whole row. QTableView.selectRow picks the column under x = viewport width in a
    right-to-left layout, one pixel past the last column, and so selects nothing."""
    index = table.model().index(row, 0)
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows
        | QItemSelectionModel.SelectionFlag.Current
    )
    table.selectionModel().setCurrentIndex(index, flags)


class CaseTimeline(QWidget):
    mark_visit = Signal(object)  # CaseEventView
    answer_referral = Signal(object)
    plan_progress = Signal(object)
    open_document = Signal(object)

    def __init__(self, names: Names, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = names
        self._editable = False
        self.model = CaseEventTableModel(names, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_AUTHOR, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_AUTHOR, 170)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _index: self._act_on_double_click())

        self.details = arabic_text_box(QTextBrowser())
        self.details.setOpenLinks(False)
        self.details.setMinimumHeight(120)
        self.visit_button = QPushButton(self.tr("Record the visit…"))
        self.visit_button.clicked.connect(lambda: self._emit(self.mark_visit))
        self.referral_button = QPushButton(self.tr("Answer of the agency…"))
        self.referral_button.clicked.connect(lambda: self._emit(self.answer_referral))
        self.plan_button = QPushButton(self.tr("Progress of the item…"))
        self.plan_button.clicked.connect(lambda: self._emit(self.plan_progress))
        self.document_button = QPushButton(self.tr("Open the document"))
        self.document_button.clicked.connect(lambda: self._emit(self.open_document))
        actions = QHBoxLayout()
        for button in (
            self.visit_button,
            self.referral_button,
            self.plan_button,
            self.document_button,
        ):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.details, 1)
        side_layout.addLayout(actions)
        # The event in full under the list, so that the list keeps the window's width for
        # the one-line summaries.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._update_buttons()

    def set_names(self, names: Names) -> None:
        self._names = names
        self.model.set_names(names)

    def show_events(self, events: tuple[CaseEventView, ...], *, editable: bool) -> None:
        """Refill the table, keeping the selected event selected."""
        kept = self.selected()
        self._editable = editable
        self.model.set_events(events)
        row = self.model.row_of(kept.id) if kept is not None else -1
        self.select_row(max(row, 0) if self.model.rowCount() else -1)

    def select_row(self, row: int) -> None:
        if row < 0:
            self.table.clearSelection()
            self.details.clear()
            self._update_buttons()
            return
        select_row(self.table, row)
        self._update_buttons()

    def select_event(self, event_id: str) -> None:
        self.select_row(self.model.row_of(event_id))

    def selected(self) -> CaseEventView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        event = rows[0].data(EVENT_ROLE)
        return event if isinstance(event, CaseEventView) else None

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        event = self.selected()
        self.details.setHtml(details_html(event, self._names) if event else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        event = self.selected()
        live = event is not None and not event.superseded and not event.hidden
        can = live and self._editable
        kind = event.kind if event is not None else ""
        state = event.state if event is not None else None
        self.visit_button.setVisible(can and kind == EventKind.VISIT)
        self.visit_button.setEnabled(state == VisitState.PLANNED)
        self.referral_button.setVisible(can and kind == EventKind.REFERRAL)
        self.referral_button.setEnabled(state != ReferralState.DONE)
        self.plan_button.setVisible(can and kind == EventKind.PLAN_ITEM)
        self.plan_button.setEnabled(state == PlanItemState.OPEN)
        self.document_button.setVisible(live and kind == EventKind.DOCUMENT)

    def _emit(self, signal: SignalInstance) -> None:
        event = self.selected()
        if event is not None:
            signal.emit(event)

    def _act_on_double_click(self) -> None:
        for button in (
            self.visit_button,
            self.referral_button,
            self.plan_button,
            self.document_button,
        ):
            if button.isVisibleTo(self) and button.isEnabled():
                button.click()
                return
