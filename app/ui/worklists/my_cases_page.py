"""The "my cases" tab, home of a social worker: counts by status, then the overdue
follow-ups first, the visits and other steps due this week, the cases waiting for action, and
all the worker's open cases. Double-click (or Enter) opens a case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.cases import STATUS_ORDER
from app.services.case_reference import CaseType
from app.services.case_worklists import MyCasesHome, WorkItem, WorkList
from app.services.setup import AppServices
from app.ui.common import case_labels
from app.ui.common.worker import Worker
from app.ui.worklists.case_list_model import (
    COL_CLOSURE_REASON,
    COL_LAST_VISIT,
    COL_NEXT_DUE,
    COL_NUMBER,
    COL_PERSON,
    COL_SINCE,
    COL_STATUS,
    COL_TYPE,
    COL_WORKER,
    PAGE_SIZE,
    CaseListModel,
    TypeNames,
)
from app.ui.worklists.notice_list import NoticeList
from app.ui.worklists.widgets import CaseTable, Chip, ListChooser, ProblemLabel


class MyCasesPage(QWidget):
    open_case_requested = Signal(str)  # case id
    open_person_requested = Signal(str)  # beneficiary id
    error = Signal(object)  # an exception for the window to show

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        type_names: TypeNames,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._type_names = type_names
        self.home: MyCasesHome | None = None
        self.model = CaseListModel(self._run, type_names, services.ctx.today, self)
        self.model.loading_finished.connect(self._show_count)

        title = QLabel(self.tr("My cases"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.status_chips: dict[str, Chip] = {}
        chips = QHBoxLayout()
        for status in STATUS_ORDER:
            chip = Chip(case_labels.status_style(status.value))
            chip.setObjectName(f"status_{status.value}")
            self.status_chips[status.value] = chip
            chips.addWidget(chip)
        chips.addStretch(1)

        self.lists = ListChooser(
            [
                (WorkList.OVERDUE.value, self.tr("Overdue follow-ups")),
                (WorkList.DUE_THIS_WEEK.value, self.tr("Due this week")),
                (WorkList.WAITING.value, self.tr("Waiting for action")),
                (WorkList.OPEN.value, self.tr("All my open cases")),
            ]
        )
        self.lists.chosen.connect(self.show_list)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #455a64;")
        self.table = CaseTable(self.model)
        self._widths = {
            COL_NUMBER: 150,
            COL_PERSON: 250,
            COL_TYPE: 170,
            COL_STATUS: 120,
            COL_NEXT_DUE: 110,
            COL_LAST_VISIT: 110,
            COL_SINCE: 130,
        }
        self.table.open_requested.connect(self.open_case_requested)
        self.count_label = QLabel()
        self.problem = ProblemLabel()
        self.notices = NoticeList(services, worker)
        self.notices.open_person_requested.connect(self.open_person_requested)
        self.notices.error.connect(self._failed)  # a refusal is said in the tab

        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(chips)
        layout.addWidget(self.problem)
        layout.addWidget(self.notices)
        layout.addWidget(self.lists)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._hints = {
            WorkList.OVERDUE.value: self.tr(
                "Open cases whose next visit, plan item or referral reply is past its date, "
                "the longest overdue first."
            ),
            WorkList.DUE_THIS_WEEK.value: self.tr(
                "Open cases with a visit, plan item or referral reply due today or in the next "
                "six days."
            ),
            WorkList.WAITING.value: self.tr(
                "New cases still to be assessed, and open cases with nothing scheduled: "
                "decide their next step."
            ),
            WorkList.OPEN.value: self.tr(
                "Every open case assigned to you, the next due first; cases with nothing "
                "scheduled last."
            ),
        }
        self.lists.set_current(WorkList.OVERDUE.value)
        self.hint.setText(self._hints[WorkList.OVERDUE.value])
        self.table.set_widths(self._widths, (COL_WORKER, COL_CLOSURE_REASON, COL_SINCE))

    # -- data ---------------------------------------------------------------------------------

    def _run(self, call, on_done) -> None:  # type: ignore[no-untyped-def]
        def failed(err: BaseException) -> None:
            self.model.page_failed()
            if not self.problem.show_error(err):
                self.error.emit(err)

        self._worker.submit(call, on_done, failed, owner=self)

    def refresh(self) -> None:
        """Fetch the counts and the first lines of each list (one service call) off the GUI
        thread; the case types come along (HQ may have renamed one since)."""
        services = self._services

        def load() -> tuple[list[CaseType], MyCasesHome]:
            types = list(services.case_reference.case_types())  # a new version: new names
            return types, services.case_worklists.my_home(limit=PAGE_SIZE)

        self.refresh_button.setEnabled(False)
        self._worker.submit(load, self._home_arrived, self._failed, owner=self)
        self.notices.refresh()

    def _failed(self, err: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        if not self.problem.show_error(err):
            self.error.emit(err)

    def _home_arrived(self, answer: tuple[list[CaseType], MyCasesHome]) -> None:
        types, home = answer
        if types:
            self._type_names.load(types)
        self.refresh_button.setEnabled(True)
        self.problem.hide()
        first_time = self.home is None
        self.home = home
        overview = home.overview
        for status, chip in self.status_chips.items():
            chip.show_count(case_labels.status(status), overview.by_status.get(status, 0))
        self.lists.set_count(WorkList.OVERDUE.value, overview.overdue)
        self.lists.set_count(WorkList.DUE_THIS_WEEK.value, overview.due_this_week)
        self.lists.set_count(WorkList.WAITING.value, overview.waiting)
        self.lists.set_count(WorkList.OPEN.value, overview.open)
        overdue = self.lists.buttons[WorkList.OVERDUE.value]
        overdue.setStyleSheet("color: #c62828; font-weight: bold;" if overview.overdue else "")
        current = self.lists.current()
        if first_time:
            # Overdue first; an empty list is skipped on opening so the tab shows work.
            counts = {
                WorkList.OVERDUE.value: overview.overdue,
                WorkList.DUE_THIS_WEEK.value: overview.due_this_week,
                WorkList.WAITING.value: overview.waiting,
            }
            current = next((k for k, n in counts.items() if n), WorkList.OPEN.value)
        self.show_list(current)

    def show_list(self, key: str) -> None:
        wanted = WorkList(key)
        self.lists.set_current(key)
        self.hint.setText(self._hints[key])
        # Waiting cases wait since they entered their stage: show since when.
        hidden = [COL_WORKER, COL_CLOSURE_REASON]
        if wanted != WorkList.WAITING:
            hidden.append(COL_SINCE)
        self.table.set_widths(self._widths, hidden)
        lists = self._services.case_worklists

        def fetch(limit: int, offset: int) -> list[WorkItem]:
            return lists.my_cases(wanted, limit=limit, offset=offset)

        first = None
        if self.home is not None:
            first = {
                WorkList.OVERDUE: self.home.overdue,
                WorkList.DUE_THIS_WEEK: self.home.due_this_week,
                WorkList.WAITING: self.home.waiting,
            }.get(wanted)
        self.model.set_source(fetch, first)

    def _show_count(self, count: int) -> None:
        if count == 0:
            self.count_label.setText(self.tr("Nothing in this list."))
        elif self.model.complete:
            self.count_label.setText(self.tr("Cases: %1").replace("%1", str(count)))
        else:
            self.count_label.setText(
                self.tr("First %1 cases; scroll down for more.").replace("%1", str(count))
            )
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignLeading)
