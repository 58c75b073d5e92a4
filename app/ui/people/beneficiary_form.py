"""The beneficiary form: register a new person, view one (with change history), edit one.

The "Cases" tab lists the person's cases and opens new ones (app.ui.cases.person_panel).
Saving runs on the worker. Validation errors are shown beside their fields and nothing is
saved; an exact national-number match links to the existing record; likely duplicates open the
duplicates dialog, and "a different person" registers again with that decision recorded.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.beneficiary import BeneficiaryDraft
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.services.beneficiaries import DuplicateNationalNumber, PossibleDuplicates
from app.services.dto import BeneficiaryView, ChangeEntry, HouseholdView
from app.services.registry_flags import OtherBranchFlag
from app.services.setup import AppServices
from app.ui.cases.person_panel import CasePersonPanel
from app.ui.common import dialogs, messages
from app.ui.common.inputs import ERROR_STYLE
from app.ui.common.screen_fit import fit_to_screen
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_fields import BeneficiaryFields
from app.ui.people.duplicates_dialog import DuplicatesDialog
from app.ui.people.history_view import HistoryView, ValueFormatter, history_rows
from app.ui.people.household_panel import HouseholdPanel
from app.ui.people.other_branch_notice import OtherBranchNotice

CASES_TAB = 3  # after the change history, so the existing tab positions stay
Loaded = tuple[BeneficiaryView, list[ChangeEntry], HouseholdView | None, list[OtherBranchFlag]]


class Mode(Enum):
    NEW = "new"
    VIEW = "view"
    EDIT = "edit"


class BeneficiaryForm(QDialog):
    saved = Signal(object)  # BeneficiaryView
    open_beneficiary = Signal(str)
    open_household = Signal(str)
    create_household = Signal(object)  # BeneficiaryView of the future head
    failed = Signal(object)  # an unexpected exception, for the window to report

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        beneficiary_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._view: BeneficiaryView | None = None
        self._baseline: BeneficiaryDraft | None = None
        self._busy = False
        self.duplicates_dialog: DuplicatesDialog | None = None
        self.setWindowTitle(self.tr("Beneficiary"))
        english = services.preferences.language == "en"

        self.title = QLabel()
        self.title.setObjectName("formTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.record_id = QLabel()
        self.record_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_id.setStyleSheet("color: #666;")

        self.duplicate_banner = QLabel()
        self.duplicate_banner.setStyleSheet(ERROR_STYLE)
        self.duplicate_banner.setWordWrap(True)
        self.open_existing_button = QPushButton(self.tr("Open the existing record"))
        self.open_existing_button.clicked.connect(self._open_existing)
        self._existing_id: str | None = None
        banner = QWidget()
        banner_row = QHBoxLayout(banner)
        banner_row.setContentsMargins(0, 0, 0, 0)
        banner_row.addWidget(self.duplicate_banner, 1)
        banner_row.addWidget(self.open_existing_button)
        self._banner = banner
        banner.hide()

        self.other_branch = OtherBranchNotice()

        self.fields = BeneficiaryFields(services.reference.municipalities(), english)
        self.fields.edited.connect(self._update_dirty)
        self.fields.set_validator(services.beneficiaries.validate)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        self.household_panel = HouseholdPanel()
        self.household_panel.open_household.connect(self.open_household)
        self.household_panel.create_household.connect(self._create_household)
        self.history = HistoryView()
        self.cases_panel = CasePersonPanel(services, worker)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(self.household_panel, self.tr("Household"))
        self.tabs.addTab(self.history, self.tr("Change history"))
        self.tabs.addTab(self.cases_panel, self.tr("Cases"))

        self.status = QLabel()
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self.start_editing)
        self.print_button = QPushButton(self.tr("Print intake form"))
        self.print_button.clicked.connect(self.print_intake)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.print_button, self.edit_button, self.save_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.record_id)
        layout.addLayout(heading)
        layout.addWidget(banner)
        layout.addWidget(self.other_branch)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.save())
        fit_to_screen(self, 900, 760)

        if beneficiary_id is None:
            self._set_mode(Mode.NEW)
        else:
            self._set_mode(Mode.VIEW)
            self.title.setText(self.tr("Loading…"))
            self.reload(beneficiary_id)

    # -- modes ------------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def view(self) -> BeneficiaryView | None:
        return self._view

    def _set_mode(self, mode: Mode) -> None:
        self._mode = mode
        editing = mode is not Mode.VIEW
        self.fields.set_read_only(not editing)
        self.save_button.setVisible(editing)
        self.edit_button.setVisible(mode is Mode.VIEW)
        self.print_button.setVisible(mode is Mode.VIEW and self._view is not None)
        self.close_button.setText(self.tr("Close") if mode is Mode.VIEW else self.tr("Cancel"))
        self.tabs.setTabEnabled(2, mode is not Mode.NEW)
        self.tabs.setTabEnabled(CASES_TAB, mode is not Mode.NEW)
        if mode is Mode.NEW:
            self.title.setText(self.tr("New beneficiary"))
            self.household_panel.show_unsaved()
            self.cases_panel.show_unsaved()
            self.fields.names["first_name"].setFocus()
        elif mode is Mode.EDIT:
            self.tabs.setCurrentIndex(0)
            self.fields.names["first_name"].setFocus()
        self._baseline = self.fields.draft()

    def start_editing(self) -> None:
        if self._view is not None and self._own(self._view):
            self._set_mode(Mode.EDIT)
            self.status.setText(self.tr("Editing: press Ctrl+S to save, Esc to cancel."))

    def is_dirty(self) -> bool:
        return self._mode is not Mode.VIEW and self.fields.draft() != self._baseline

    def _update_dirty(self) -> None:
        marker = " *" if self.is_dirty() else ""
        base = (
            self.tr("New beneficiary")
            if self._mode is Mode.NEW
            else (self._view.full_name if self._view else "")
        )
        self.title.setText(base + marker)

    # -- loading ----------------------------------------------------------------------------

    def reload(self, beneficiary_id: str) -> None:
        svc = self._services

        def load() -> Loaded:
            view = svc.beneficiaries.get(beneficiary_id)  # a merged record: the survivor
            entries = svc.beneficiaries.history(view.id)
            household = svc.households.get(view.household_id) if view.household_id else None
            return view, entries, household, svc.registry_flags.flags_of(view.id)

        self._worker.submit(load, self._loaded, self._load_failed, owner=self)

    def _loaded(self, result: Loaded) -> None:
        view, entries, household, flags = result
        self.show_record(view, entries, household)
        self.other_branch.show_flags(flags, view)

    def show_record(
        self, view: BeneficiaryView, entries: list[ChangeEntry], household: HouseholdView | None
    ) -> None:
        self._view = view
        self.fields.load(view)
        self.record_id.setText(view.person_number or view.id)  # the id only before 0012
        self._set_mode(Mode.VIEW)
        own = self._own(view)
        self.edit_button.setEnabled(own)  # another branch's record: read-only here
        self.edit_button.setToolTip(
            "" if own else messages.message(
                ErrorCode.RECORD_OF_OTHER_BRANCH, {"branch": view.origin_branch}
            )
        )  # fmt: skip
        self.title.setText(view.full_name)
        self.status.clear()
        fmt = ValueFormatter(self._municipality_name)
        self.history.history_model.set_rows(history_rows(entries, fmt))
        self.household_panel.show_person(view, household)
        self.cases_panel.load(view.id)

    def _own(self, view: BeneficiaryView) -> bool:
        return view.origin_branch == self._services.ctx.branch_code

    def _municipality_name(self, code: str | None) -> str:
        found = self._services.reference.municipality(code)
        if found is None:
            return code or ""
        english = self._services.preferences.language == "en"
        return found.name_en if english else found.name_ar

    def _load_failed(self, err: BaseException) -> None:
        if isinstance(err, DomainError):
            QMessageBox.warning(self, self.windowTitle(), messages.describe(err))
            self.done(QDialog.DialogCode.Rejected)
        else:
            self.failed.emit(err)

    # -- saving -----------------------------------------------------------------------------

    def save(self, confirmed_different: list[str] | None = None) -> None:
        if self._busy or self._mode is Mode.VIEW:
            return
        draft = self.fields.draft()
        self.fields.clear_errors()
        self._banner.hide()
        svc = self._services.beneficiaries
        if self._mode is Mode.NEW:
            confirmed = list(confirmed_different or [])
            call = lambda: svc.register(draft, confirmed_different=confirmed)  # noqa: E731
        else:
            assert self._view is not None
            bid, version = self._view.id, self._view.row_version
            call = lambda: svc.update(bid, draft, expected_version=version)  # noqa: E731
        self._set_busy(True)
        self._worker.submit(call, self._saved, self._save_failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.status.setText(self.tr("Saving…") if busy else "")
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()

    def _saved(self, view: BeneficiaryView) -> None:
        self._set_busy(False)
        self.saved.emit(view)
        self.reload(view.id)
        self._view = view
        self._set_mode(Mode.VIEW)
        self.title.setText(view.full_name)
        self.status.setText(self.tr("Saved."))

    def _save_failed(self, err: BaseException) -> None:
        self._set_busy(False)
        if isinstance(err, ValidationFailed):
            self.tabs.setCurrentIndex(0)
            unplaced = self.fields.show_errors(messages.by_field(err))
            text = self.tr("Nothing was saved: correct the fields marked in red.")
            if unplaced:
                text += "\n" + "\n".join(
                    messages.field_error(e) for e in err.errors if e.field in unplaced
                )
            self.status.setText(text)
        elif isinstance(err, DuplicateNationalNumber):
            self.tabs.setCurrentIndex(0)
            self.fields.show_errors({"national_number": [messages.describe(err)]})
            self._existing_id = err.existing.id
            self.duplicate_banner.setText(
                self.tr("%1 is already registered with this national number.").replace(
                    "%1", err.existing.full_name
                )
            )
            self._banner.show()
            self.status.setText(self.tr("Nothing was saved."))
        elif isinstance(err, PossibleDuplicates):
            self._ask_about_duplicates(err)
        elif isinstance(err, DomainError):
            self.status.setText(self.tr("Nothing was saved."))
            QMessageBox.warning(self, self.windowTitle(), messages.describe(err))
        else:
            self.status.setText(self.tr("Nothing was saved."))
            self.failed.emit(err)

    def _ask_about_duplicates(self, err: PossibleDuplicates) -> None:
        dialog = DuplicatesDialog(err.candidates, self)
        self.duplicates_dialog = dialog
        dialog.finished.connect(lambda _result: self._duplicates_answered(dialog))
        dialog.open()

    def _duplicates_answered(self, dialog: DuplicatesDialog) -> None:
        self.duplicates_dialog = None
        if dialog.chosen_id:
            self.open_beneficiary.emit(dialog.chosen_id)
        elif dialog.different:
            self.save(confirmed_different=dialog.different_ids())
        else:
            self.status.setText(self.tr("Nothing was saved."))
        dialog.deleteLater()

    def _open_existing(self) -> None:
        if self._existing_id:
            self.open_beneficiary.emit(self._existing_id)

    def print_intake(self) -> None:
        """The person's intake form, in the print preview (prepared and audited on the worker)."""
        from app.ui.printing.actions import print_intake

        if self._view is not None:
            print_intake(self, self._services, self._worker, self._view.id)

    def _create_household(self) -> None:
        if self._view is not None:
            self.create_household.emit(self._view)

    # -- closing ----------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc / Cancel / Close: ask before throwing away typed changes."""
        if self._busy:
            return
        if self.is_dirty() and not dialogs.confirm_discard(self):
            return
        if self._mode is Mode.EDIT and self._view is not None:
            self.fields.load(self._view)
            self._set_mode(Mode.VIEW)
            self.title.setText(self._view.full_name)
            self.status.clear()
            return
        super().reject()

    def done_loading(self) -> bool:
        return self._mode is Mode.NEW or self._view is not None
