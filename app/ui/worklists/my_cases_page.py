"""The "my cases" tab, home of a social worker: counts by stage (a chip clicked shows that
stage only), then the overdue follow-ups first, the visits and other steps due this week, the
cases waiting for action, all the worker's open cases, and the visit agenda of today and of
this week. A filter box narrows the list, a header click sorts it; double-click (or Enter)
opens a case."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.cases import STATUS_ORDER
from app.services.case_agenda import AgendaSpan, AgendaVisit
from app.services.case_list_query import ListQuery
from app.services.case_reference import CaseType
from app.services.case_worklists import MyCasesHome, WorkItem, WorkList
from app.services.setup import AppServices
from app.ui.common import case_labels
from app.ui.common.worker import Worker
from app.ui.worklists.agenda_model import COL_WORKER as AGENDA_WORKER
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
    FetchFn,
    TypeNames,
)
from app.ui.worklists.list_area import ListArea
from app.ui.worklists.list_controls import StageChip
from app.ui.worklists.notice_list import NoticeList
from app.ui.worklists.widgets import ListChooser, ProblemLabel

AGENDA_TODAY = "agenda_today"
AGENDA_WEEK = "agenda_week"


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
        self._list_before_stage = WorkList.OVERDUE.value
        self.model = CaseListModel(self._run, type_names, services.ctx.today, self)

        title = QLabel(self.tr("My cases"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.stage: str | None = None  # the stage chip pressed, if any
        self.status_chips: dict[str, StageChip] = {}
        chips = QHBoxLayout()
        for status in STATUS_ORDER:
            chip = StageChip(status.value)
            chip.clicked.connect(lambda _c=False, s=status.value: self.toggle_stage(s))
            self.status_chips[status.value] = chip
            chips.addWidget(chip)
        chips.addStretch(1)

        self.lists = ListChooser(
            [
                (WorkList.OVERDUE.value, self.tr("Overdue follow-ups")),
                (WorkList.DUE_THIS_WEEK.value, self.tr("Due this week")),
                (WorkList.WAITING.value, self.tr("Waiting for action")),
                (WorkList.OPEN.value, self.tr("All my open cases")),
                (AGENDA_TODAY, self.tr("Visits today")),
                (AGENDA_WEEK, self.tr("Visits this week")),
            ]
        )
        self.lists.chosen.connect(self.show_list)
        self.area = ListArea(self.model, type_names, services.ctx.today)
        self.area.open_requested.connect(self.open_case_requested)
        self.table = self.area.table
        self.filter = self.area.filter
        self.hint = self.area.hint
        self.count_label = self.area.count_label
        self._widths = {
            COL_NUMBER: 150,
            COL_PERSON: 250,
            COL_TYPE: 170,
            COL_STATUS: 120,
            COL_NEXT_DUE: 110,
            COL_LAST_VISIT: 110,
            COL_SINCE: 130,
        }
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
        layout.addWidget(self.area, 1)
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
            AGENDA_TODAY: self.tr("The visits planned for today on your cases."),
            AGENDA_WEEK: self.tr(
                "The visits planned this week (Sunday to Saturday; Friday and Saturday are "
                "the weekend) on your cases; past days not recorded as done in red."
            ),
        }
        self.lists.set_current(WorkList.OVERDUE.value)
        self.area.show_cases(self._hints[WorkList.OVERDUE.value])
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

        def load() -> tuple[list[CaseType], MyCasesHome, list[AgendaVisit]]:
            types = list(services.case_reference.case_types())  # a new version: new names
            lists = services.case_worklists
            return types, lists.my_home(limit=PAGE_SIZE), lists.agenda(AgendaSpan.WEEK)

        self.refresh_button.setEnabled(False)
        self._worker.submit(load, self._home_arrived, self._failed, owner=self)
        self.notices.refresh()

    def _failed(self, err: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        if not self.problem.show_error(err):
            self.error.emit(err)

    def _home_arrived(self, answer: tuple[list[CaseType], MyCasesHome, list[AgendaVisit]]) -> None:
        types, home, visits = answer
        if types:
            self._type_names.load(types)
        self.refresh_button.setEnabled(True)
        self.problem.hide()
        first_time = self.home is None
        self.home = home
        overview = home.overview
        for status, chip in self.status_chips.items():
            chip.show_count(case_labels.status(status), overview.by_status.get(status, 0))
        self.area.set_visits(visits)
        for key, today_only in ((AGENDA_TODAY, True), (AGENDA_WEEK, False)):
            self.lists.set_count(key, self.area.visit_count(today_only))
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
        if self.stage is not None:
            self.toggle_stage(self.stage, keep=True)
        else:
            self.show_list(current)

    def show_list(self, key: str) -> None:
        self._set_stage(None)
        self.lists.set_current(key)
        if key in (AGENDA_TODAY, AGENDA_WEEK):
            self.area.show_agenda(self._hints[key], today_only=key == AGENDA_TODAY)
            self.area.agenda_table.setColumnHidden(AGENDA_WORKER, True)  # all the worker's
            return
        wanted = WorkList(key)
        self.area.show_cases(self._hints[key])
        # Waiting cases wait since they entered their stage: show since when.
        hidden = [COL_WORKER, COL_CLOSURE_REASON]
        if wanted != WorkList.WAITING:
            hidden.append(COL_SINCE)
        self.table.set_widths(self._widths, hidden)
        first = None
        if self.home is not None:
            first = {
                WorkList.OVERDUE: self.home.overdue,
                WorkList.DUE_THIS_WEEK: self.home.due_this_week,
                WorkList.WAITING: self.home.waiting,
            }.get(wanted)
        self.model.set_source(self._fetch(wanted), first)

    def _fetch(self, wanted: WorkList) -> FetchFn:
        lists = self._services.case_worklists

        def fetch(limit: int, offset: int, query: ListQuery) -> list[WorkItem]:
            return lists.my_cases(wanted, limit=limit, offset=offset, query=query)

        return fetch

    def toggle_stage(self, status: str, keep: bool = False) -> None:
        """A stage chip clicked: show only the worker's cases in that stage; clicked again
        (`keep` False), the list chosen before comes back."""
        if self.stage == status and not keep:
            self.show_list(self._list_before_stage)
            return
        if self.stage is None:
            current = self.lists.current()
            self._list_before_stage = current
        self._set_stage(status)
        self.lists.clear_choice()
        self.area.show_cases(
            self.tr("Your cases in the stage: %1").replace("%1", case_labels.status(status))
        )
        hidden = [COL_WORKER]
        if status != "pending_closure":
            hidden.append(COL_CLOSURE_REASON)
        self.table.set_widths(self._widths, hidden)
        self.model.set_source(self._fetch(WorkList.OPEN))

    def _set_stage(self, status: str | None) -> None:
        self.stage = status
        for code, chip in self.status_chips.items():
            chip.setChecked(code == status)
        self.model.query = replace(self.model.query, stage=status)
