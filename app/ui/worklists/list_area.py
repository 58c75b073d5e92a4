"""The lower half of a work list tab, shared by "my cases" and supervision: the filter box,
a line saying what the list is, the case table or the visit agenda, and the count under it.
Every table sorts by clicking its headers; Enter or a double-click opens the case."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.services.case_agenda import AgendaVisit
from app.ui.worklists.agenda_model import (
    COL_DATE,
    COL_DAY,
    COL_NUMBER,
    COL_PERSON,
    COL_PLACE,
    COL_TYPE,
    COL_WORKER,
    AgendaModel,
    AgendaProxy,
)
from app.ui.worklists.case_list_model import CaseListModel, TypeNames
from app.ui.worklists.list_controls import FilterBox, text_query
from app.ui.worklists.widgets import CaseTable

AGENDA_WIDTHS = {
    COL_DAY: 90,
    COL_DATE: 100,
    COL_NUMBER: 150,
    COL_PERSON: 250,
    COL_TYPE: 160,
    COL_PLACE: 120,
    COL_WORKER: 170,
}


class ListArea(QWidget):
    open_requested = Signal(str)  # case id

    def __init__(
        self,
        model: CaseListModel,
        type_names: TypeNames,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._type_names = type_names
        model.type_names = type_names.as_dict
        self.filter = FilterBox()
        self.filter.changed.connect(self._filter_changed)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #455a64;")
        self.table = CaseTable(model)
        self.agenda = AgendaModel(type_names, today, self)
        self.agenda_proxy = AgendaProxy(self.agenda, today, self)
        self.agenda_table = CaseTable(self.agenda_proxy)
        self.agenda_table.setObjectName("agenda")
        self.agenda_table.set_widths(AGENDA_WIDTHS)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.agenda_table)
        for table in (self.table, self.agenda_table):
            table.open_requested.connect(self.open_requested)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignLeading)
        model.loading_finished.connect(self._show_case_count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.hint)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

    @property
    def showing_agenda(self) -> bool:
        return self.stack.currentWidget() is self.agenda_table

    def show_cases(self, hint: str) -> None:
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.stack.setCurrentWidget(self.table)

    def show_agenda(self, hint: str, *, today_only: bool, worker_id: str | None = None) -> None:
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.agenda_proxy.set_filter(today_only=today_only, worker_id=worker_id)
        self.stack.setCurrentWidget(self.agenda_table)
        self._show_agenda_count()

    def set_visits(self, visits: Sequence[AgendaVisit]) -> None:
        self.agenda.set_rows(visits)
        if self.showing_agenda:
            self._show_agenda_count()

    def visit_count(self, today_only: bool, worker_id: str | None = None) -> int:
        return self.agenda_proxy.visits_for(today_only, worker_id)

    def _filter_changed(self, text: str) -> None:
        self.model.set_query(text_query(text, self._type_names.as_dict(), self.model.query))
        self.agenda_proxy.set_filter(
            today_only=self.agenda_proxy.today_only,
            worker_id=self.agenda_proxy.worker_id,
            text=text,
        )
        if self.showing_agenda:
            self._show_agenda_count()

    def _show_agenda_count(self) -> None:
        count = self.agenda_proxy.rowCount()
        if count == 0:
            self.count_label.setText(self.tr("No visit planned."))
        else:
            self.count_label.setText(self.tr("Visits: %1").replace("%1", str(count)))

    def _show_case_count(self, count: int) -> None:
        if self.showing_agenda:
            return
        if count == 0:
            self.count_label.setText(self.tr("Nothing in this list."))
        elif self.model.complete:
            self.count_label.setText(self.tr("Cases: %1").replace("%1", str(count)))
        else:
            self.count_label.setText(
                self.tr("First %1 cases; scroll down for more.").replace("%1", str(count))
            )
