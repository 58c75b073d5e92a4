"""The supervision tab: every worker's load, then the branch's overdue cases, the cases
without a visit for 30 days, the closures waiting for approval, all open cases and the visit
agenda of today and this week, for all workers or the one chosen in the table. The chips at
the top lead to their lists; a filter box narrows a list, a header click sorts it;
double-click (or Enter) opens a case."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.cases import CaseStatus
from app.services.case_agenda import AgendaSpan, AgendaVisit
from app.services.case_list_query import ListQuery
from app.services.case_reference import CaseType
from app.services.case_worklists import SupervisionOverview, WorkItem, WorkList
from app.services.setup import AppServices
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
    CaseListModel,
    TypeNames,
)
from app.ui.worklists.list_area import ListArea
from app.ui.worklists.notice_list import FlagList, NoticeList
from app.ui.worklists.widgets import ALERT, Chip, ListChooser, ProblemLabel, chip_style
from app.ui.worklists.workload_model import COL_WORKER as LOAD_WORKER
from app.ui.worklists.workload_model import SORT_ROLE, WORKER_ROLE, WorkloadTableModel

# Columns each list hides: the closure reason only matters while a closure waits.
_HIDDEN = {
    WorkList.PENDING_CLOSURE.value: (COL_NEXT_DUE,),
    WorkList.NO_RECENT_VISIT.value: (COL_CLOSURE_REASON, COL_SINCE),
}
_DEFAULT_HIDDEN = (COL_CLOSURE_REASON, COL_SINCE)
AGENDA_TODAY = "agenda_today"
AGENDA_WEEK = "agenda_week"


class SupervisorPage(QWidget):
    open_case_requested = Signal(str)  # case id
    open_person_requested = Signal(str)  # beneficiary id
    error = Signal(object)

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
        self.overview: SupervisionOverview | None = None
        self.worker_id: str | None = None  # the list's worker filter (None: everyone)

        title = QLabel(self.tr("Supervision"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.open_chip = Chip()
        self.overdue_chip = Chip(chip_style(ALERT))
        self.no_visit_chip = Chip(chip_style(ALERT))
        self.closures_chip = Chip()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        for chip, key in (
            (self.open_chip, WorkList.OPEN.value),
            (self.overdue_chip, WorkList.OVERDUE.value),
            (self.no_visit_chip, WorkList.NO_RECENT_VISIT.value),
            (self.closures_chip, WorkList.PENDING_CLOSURE.value),
        ):
            chip.lead_to(self.tr("Show this list"))
            chip.clicked.connect(lambda k=key: self.show_list(k))
            top.addWidget(chip)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        self.workload = WorkloadTableModel(self)
        self.workload_table = QTableView()
        self.workload_sorted = QSortFilterProxyModel(self)
        self.workload_sorted.setSourceModel(self.workload)
        self.workload_sorted.setSortRole(SORT_ROLE)
        self.workload_table.setModel(self.workload_sorted)
        self.workload_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.workload_table.setSortingEnabled(True)
        self.workload_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.workload_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.workload_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.workload_table.verticalHeader().setVisible(False)
        self.workload_table.setAlternatingRowColors(True)
        header = self.workload_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LOAD_WORKER, QHeaderView.ResizeMode.Stretch)
        self.workload_table.clicked.connect(self._worker_chosen)
        self.workload_table.activated.connect(self._worker_chosen)

        self.model = CaseListModel(self._run, type_names, services.ctx.today, self)
        self.lists = ListChooser(
            [
                (WorkList.OVERDUE.value, self.tr("Overdue")),
                (WorkList.NO_RECENT_VISIT.value, self.tr("No visit for 30 days")),
                (WorkList.PENDING_CLOSURE.value, self.tr("Closures to approve")),
                (WorkList.OPEN.value, self.tr("All open cases")),
                (AGENDA_TODAY, self.tr("Visits today")),
                (AGENDA_WEEK, self.tr("Visits this week")),
            ]
        )
        self.lists.chosen.connect(self.show_list)
        self.filter_label = QLabel()
        self.all_workers_button = QPushButton(self.tr("All workers"))
        self.all_workers_button.clicked.connect(lambda: self.set_worker(None))
        self.area = ListArea(self.model, type_names, services.ctx.today)
        self.area.open_requested.connect(self.open_case_requested)
        self.table = self.area.table
        self.filter = self.area.filter
        self.count_label = self.area.count_label
        self._widths = {
            COL_NUMBER: 150,
            COL_PERSON: 230,
            COL_TYPE: 150,
            COL_STATUS: 110,
            COL_NEXT_DUE: 100,
            COL_LAST_VISIT: 100,
            COL_WORKER: 170,
            COL_SINCE: 110,
        }
        self.problem = ProblemLabel()
        self.notices = NoticeList(services, worker)
        self.flags = FlagList(services, worker)
        for listing in (self.notices, self.flags):
            listing.open_person_requested.connect(self.open_person_requested)
            listing.error.connect(self._failed)  # a refusal is said in the tab

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.lists, 1)
        filters.addWidget(self.filter_label)
        filters.addWidget(self.all_workers_button)
        lower_layout.addLayout(filters)
        lower_layout.addWidget(self.area, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.workload_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.notices)
        layout.addWidget(self.flags)
        layout.addWidget(splitter, 1)
        self.lists.set_current(WorkList.OVERDUE.value)
        self._show_filter()

    # -- data ---------------------------------------------------------------------------------

    def _run(self, call, on_done) -> None:  # type: ignore[no-untyped-def]
        def failed(err: BaseException) -> None:
            self.model.page_failed()
            if not self.problem.show_error(err):
                self.error.emit(err)

        self._worker.submit(call, on_done, failed, owner=self)

    def refresh(self) -> None:
        services = self._services

        def load() -> tuple[list[CaseType], SupervisionOverview, list[AgendaVisit]]:
            types = list(services.case_reference.case_types())  # a new version: new names
            lists = services.case_worklists
            return types, lists.supervision(), lists.agenda(AgendaSpan.WEEK, branch=True)

        self.refresh_button.setEnabled(False)
        self._worker.submit(load, self._overview_arrived, self._failed, owner=self)
        self.notices.refresh()
        self.flags.refresh()

    def _failed(self, err: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        if not self.problem.show_error(err):
            self.error.emit(err)

    def _overview_arrived(
        self, answer: tuple[list[CaseType], SupervisionOverview, list[AgendaVisit]]
    ) -> None:
        types, overview, visits = answer
        self.area.set_visits(visits)
        if types:
            self._type_names.load(types)
        self.refresh_button.setEnabled(True)
        self.problem.hide()
        self.overview = overview
        self.workload.set_loads(overview.workers)
        self.open_chip.show_count(self.tr("Open cases"), overview.open)
        self.overdue_chip.show_count(self.tr("Overdue"), overview.overdue, alert=True)
        self.no_visit_chip.show_count(
            self.tr("No visit for 30 days"), overview.no_recent_visit, alert=True
        )
        self.closures_chip.show_count(self.tr("Closures to approve"), overview.pending_closures)
        self._show_list_counts()
        self.show_list(self.lists.current())

    def _show_list_counts(self) -> None:
        if self.overview is None:
            return
        loads = [
            w
            for w in self.overview.workers
            if self.worker_id is None or (w.worker_id or "") == self.worker_id
        ]
        pending = CaseStatus.PENDING_CLOSURE.value
        self.lists.set_count(WorkList.OVERDUE.value, sum(w.overdue for w in loads))
        self.lists.set_count(WorkList.NO_RECENT_VISIT.value, sum(w.no_recent_visit for w in loads))
        self.lists.set_count(
            WorkList.PENDING_CLOSURE.value, sum(w.by_status.get(pending, 0) for w in loads)
        )
        self.lists.set_count(WorkList.OPEN.value, sum(w.open for w in loads))
        for key, today_only in ((AGENDA_TODAY, True), (AGENDA_WEEK, False)):
            self.lists.set_count(key, self.area.visit_count(today_only, self.worker_id))

    def _worker_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.set_worker(index.data(WORKER_ROLE))

    def set_worker(self, worker_id: str | None) -> None:
        """Narrow the lists to one worker's cases (None: all workers)."""
        self.worker_id = worker_id
        if worker_id is None:
            self.workload_table.clearSelection()
        self._show_filter()
        self._show_list_counts()
        self.show_list(self.lists.current())

    def _show_filter(self) -> None:
        if self.worker_id is None:
            self.filter_label.setText(self.tr("All workers"))
            self.all_workers_button.setVisible(False)
            return
        name = next(
            (
                self.workload.data(self.workload.index(r, LOAD_WORKER))
                for r in range(self.workload.rowCount())
                if self.workload.index(r, LOAD_WORKER).data(WORKER_ROLE) == self.worker_id
            ),
            "",
        )
        self.filter_label.setText(self.tr("Cases of %1").replace("%1", str(name)))
        self.all_workers_button.setVisible(True)

    def show_list(self, key: str) -> None:
        self.lists.set_current(key)
        if key in (AGENDA_TODAY, AGENDA_WEEK):
            today = key == AGENDA_TODAY
            hint = (
                self.tr("The visits planned for today on the branch's cases.")
                if today
                else self.tr(
                    "The visits planned this week (Sunday to Saturday; Friday and Saturday are "
                    "the weekend) on the branch's cases; past days not recorded as done in red."
                )
            )
            self.area.show_agenda(hint, today_only=today, worker_id=self.worker_id)
            self.area.agenda_table.setColumnHidden(AGENDA_WORKER, self.worker_id is not None)
            return
        wanted = WorkList(key)
        self.area.show_cases("")
        hidden = _HIDDEN.get(key, _DEFAULT_HIDDEN)
        if self.worker_id is not None:
            hidden = (*hidden, COL_WORKER)
        self.table.set_widths(self._widths, hidden)
        lists, worker_id = self._services.case_worklists, self.worker_id

        def fetch(limit: int, offset: int, query: ListQuery) -> list[WorkItem]:
            return lists.branch_cases(
                wanted, worker_id=worker_id, limit=limit, offset=offset, query=query
            )

        self.model.set_source(fetch)
