"""The audit log browser (supervisors, auditors, branch admins): filter by action, user,
date range and case number; newest first, older entries load as the list scrolls; the hash
chain can be checked from here."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ErrorCode
from app.services.audit_log import AuditFilter, ChainCheck
from app.services.dto import UserView
from app.services.setup import AppServices
from app.ui.audit.model import (
    COL_ACTION,
    COL_CASE,
    COL_TIME,
    COL_USER,
    GROUPS,
    AuditTableModel,
    action_text,
    group_text,
)
from app.ui.common import messages
from app.ui.common.date_input import DateInput
from app.ui.common.worker import Worker


class AuditBrowser(QDialog):
    def __init__(
        self, services: AppServices, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self.setWindowTitle(self.tr("Audit log"))
        self.model = AuditTableModel(services.audit_log.browse, self._run, self)
        self.model.loading_finished.connect(self._show_count)

        self.action = QComboBox()
        self.action.setMinimumContentsLength(22)
        self.user = QComboBox()
        self.user.setMinimumContentsLength(18)
        today = services.ctx.today()
        self.use_since = QCheckBox(self.tr("From"))
        self.since = self._date_edit(date(today.year, today.month, 1))
        self.use_until = QCheckBox(self.tr("To"))
        self.until = self._date_edit(today)
        for box, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            edit.edited.connect(lambda box=box: box.setChecked(True))  # typing a date uses it
        self.case_number = QLineEdit()
        example = f"{services.ctx.branch_code}-{today.year}-00042"
        self.case_number.setPlaceholderText(
            self.tr("Case number, for example %1").replace("%1", example)
        )
        self.case_number.setClearButtonEnabled(True)
        self.case_number.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.case_number.returnPressed.connect(self.search)
        self.case_error = QLabel()
        self.case_error.setStyleSheet("color: #c62828;")
        self.case_error.hide()
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.clear_button = QPushButton(self.tr("Clear the filters"))
        self.clear_button.clicked.connect(self.clear_filters)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Action")), 0, 0)
        grid.addWidget(self.action, 0, 1)
        grid.addWidget(QLabel(self.tr("User")), 0, 2)
        grid.addWidget(self.user, 0, 3)
        grid.addWidget(self.use_since, 1, 0)
        grid.addWidget(self.since, 1, 1)
        grid.addWidget(self.use_until, 1, 2)
        grid.addWidget(self.until, 1, 3)
        grid.addWidget(QLabel(self.tr("Case")), 2, 0)
        grid.addWidget(self.case_number, 2, 1, 1, 3)
        grid.addWidget(self.case_error, 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        filters = QHBoxLayout()
        filters.addLayout(grid, 1)
        filters.addLayout(buttons)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((COL_TIME, 130), (COL_USER, 190), (COL_ACTION, 210), (COL_CASE, 150)):
            self.table.setColumnWidth(column, width)

        self.count_label = QLabel()
        self.chain_label = QLabel()
        self.verify_button = QPushButton(self.tr("Check the log's integrity"))
        self.verify_button.clicked.connect(self.verify)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.chain_label)
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1100, 640)
        self.clear_filters(search=False)
        self._load_choices()

    @staticmethod
    def _date_edit(day: date) -> DateInput:
        return DateInput(day, day)

    def _run(self, call, on_done) -> None:  # type: ignore[no-untyped-def]
        def failed(err: BaseException) -> None:
            self.model.page_failed()
            self._show_error(err)

        self._worker.submit(call, on_done, failed, owner=self)

    def _show_error(self, err: BaseException) -> None:
        if isinstance(err, DomainError):
            self.count_label.setText(messages.describe(err))
            return
        self._worker.unhandled_error.emit(err)

    # -- choices ------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        services = self._services

        def load() -> tuple[list[str], list[UserView]]:
            return services.audit_log.actions(), services.accounts.list_users()

        self._worker.submit(load, self._choices_arrived, self._show_error, owner=self)

    def _choices_arrived(self, answer: tuple[list[str], list[UserView]]) -> None:
        actions, users = answer
        keep_action, keep_user = self.action.currentData(), self.user.currentData()
        self.action.clear()
        self.action.addItem(self.tr("All actions"), "")
        for prefix in GROUPS:
            self.action.addItem(group_text(prefix), prefix)
        for action in sorted(actions, key=action_text):
            self.action.addItem(action_text(action), action)
        self.user.clear()
        self.user.addItem(self.tr("All users"), None)
        for user in sorted(users, key=lambda u: u.display_name):
            self.user.addItem(user.display_name, user.id)
        self.action.setCurrentIndex(max(0, self.action.findData(keep_action)))
        self.user.setCurrentIndex(max(0, self.user.findData(keep_user)))

    # -- searching ----------------------------------------------------------------------------

    def current_filter(self, case_id: str | None = None) -> AuditFilter:
        return AuditFilter(
            action_prefix=self.action.currentData() or "",
            user_id=self.user.currentData(),
            entity_id=case_id,
            since=self.since.value() if self.use_since.isChecked() else None,
            until=self.until.value() if self.use_until.isChecked() else None,
        )

    def _dates_are_wrong(self) -> bool:
        """A date filter in use that is not a date: said under the list, nothing searched."""
        for box, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            if box.isChecked() and edit.value() is None:
                self.count_label.setText(messages.message(ErrorCode.DATE_FORMAT))
                edit.setFocus()
                return True
        return False

    def search(self) -> None:
        """Apply the filters; a case number is looked up first (off the GUI thread)."""
        self.case_error.hide()
        if self._dates_are_wrong():
            return
        number = self.case_number.text().strip()
        if not number:
            self.model.set_filter(self.current_filter())
            return
        cases = self._services.cases
        self._worker.submit(
            lambda: cases.find_by_number(number),
            lambda case_id: self.model.set_filter(self.current_filter(case_id)),
            self._case_not_found,
            owner=self,
        )

    def _case_not_found(self, err: BaseException) -> None:
        if not isinstance(err, DomainError):
            self._worker.unhandled_error.emit(err)
            return
        self.case_error.setText(messages.describe(err))
        self.case_error.show()

    def clear_filters(self, search: bool = True) -> None:
        self.action.setCurrentIndex(0)
        self.user.setCurrentIndex(0)
        self.use_since.setChecked(False)
        self.use_until.setChecked(False)
        self.case_number.clear()
        self.case_error.hide()
        if search:
            self.search()
        else:
            self.model.set_filter(AuditFilter())

    def _show_count(self, count: int) -> None:
        if count == 0:
            self.count_label.setText(self.tr("No entries match."))
        elif self.model.complete:
            self.count_label.setText(self.tr("Entries: %1").replace("%1", str(count)))
        else:
            self.count_label.setText(
                self.tr("Latest %1 entries; scroll down for older ones.").replace("%1", str(count))
            )

    # -- integrity ----------------------------------------------------------------------------

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.chain_label.setText(self.tr("Checking…"))
        self._worker.submit(
            self._services.audit_log.verify, self._verified, self._verify_failed, owner=self
        )

    def _verify_failed(self, err: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.chain_label.clear()
        self._show_error(err)

    def _verified(self, check: ChainCheck) -> None:
        self.verify_button.setEnabled(True)
        if check.intact:
            self.chain_label.setStyleSheet("color: #2e7d32; font-weight: bold;")
            self.chain_label.setText(
                self.tr("Intact: %1 entries, none changed.").replace("%1", str(check.entries))
            )
        else:
            self.chain_label.setStyleSheet("color: #c62828; font-weight: bold;")
            self.chain_label.setText(
                self.tr("Altered from entry %1 on!").replace("%1", str(check.first_broken))
            )
        self.chain_label.setAlignment(Qt.AlignmentFlag.AlignVCenter)
