"""The main window: menus, the tabs (my cases, search, supervision, branch figures, as the
role allows), the status bar, and opening records.

The home tab is "my cases" for a social worker, the supervision for a supervisor, the search
for everyone else. Forms open as separate non-modal windows (several records can be open side
by side); the window keeps one form per record so opening a record twice brings the first one
forward. Cases open through `app.ui.cases.opener`, which applies the access rules.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox, QTabWidget, QWidget

import app
from app.domain.accounts import Role
from app.domain.errors import DomainError
from app.services.context import CurrentUser
from app.services.dto import BeneficiaryView, HouseholdView
from app.services.setup import AppServices
from app.ui.common import dialogs, messages
from app.ui.common.screen_fit import fit_to_screen
from app.ui.common.worker import Worker
from app.ui.matching.dialog import add_match_list_action
from app.ui.people.search_page import SearchPage
from app.ui.printing.actions import add_print_menu
from app.ui.shell.settings_dialog import SettingsDialog
from app.ui.shell.status_bar import fill_status_bar
from app.ui.sync.controller import SyncController
from app.ui.worklists.case_list_model import TypeNames
from app.ui.worklists.figures_page import FiguresPage
from app.ui.worklists.my_cases_page import MyCasesPage
from app.ui.worklists.supervisor_page import SupervisorPage

if TYPE_CHECKING:  # imported when first opened: a start shows only the tabs (issue 14)
    from app.ui.audit.browser import AuditBrowser
    from app.ui.households.household_form import HouseholdForm
    from app.ui.people.beneficiary_form import BeneficiaryForm

log = logging.getLogger(__name__)
CASE_WORKERS = (Role.SOCIAL_WORKER, Role.SUPERVISOR)
FIGURE_READERS = (Role.SUPERVISOR, Role.AUDITOR)
AUDIT_READERS = (Role.SUPERVISOR, Role.AUDITOR, Role.BRANCH_ADMIN)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    lock_requested = Signal()
    settings_changed = Signal()
    language_requested = Signal(str)  # the user chose another language in the settings

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        user: CurrentUser,
        branch_label: str,
        demo: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._user = user
        self.forms: dict[str, BeneficiaryForm] = {}
        self.household_forms: dict[str, HouseholdForm] = {}
        self.new_forms: list[BeneficiaryForm] = []
        self.import_dialog: QDialog | None = None
        self.audit_browser: AuditBrowser | None = None
        self.setWindowTitle(self.tr("Sanad — social registry"))
        self.search_page = SearchPage(services, worker)
        self.search_page.open_requested.connect(self.open_beneficiary)
        self.search_page.new_requested.connect(self.new_beneficiary)
        self.search_page.new_household_requested.connect(lambda: self.create_household())
        self.search_page.error.connect(self.show_error)
        self.search_page.household_requested.connect(self.open_household)
        self.search_page.case_requested.connect(self.open_case)
        self._build_tabs(user.role)
        self.sync_controller = SyncController(services, worker, self)
        self._build_menus()
        self.user_label, self.branch_label, self.demo_badge = fill_status_bar(
            self.statusBar(), user, branch_label, demo, self.sync_controller.indicator
        )
        fit_to_screen(self, 1180, 720)

    # -- tabs -------------------------------------------------------------------------------

    def _build_tabs(self, role: Role) -> None:
        services, worker = self._services, self._worker
        self.type_names = TypeNames(english=services.preferences.language == "en")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.my_cases_page: MyCasesPage | None = None
        self.supervisor_page: SupervisorPage | None = None
        self.figures_page: FiguresPage | None = None
        if role in CASE_WORKERS:
            self.my_cases_page = MyCasesPage(services, worker, self.type_names)
            self.tabs.addTab(self.my_cases_page, self.tr("My cases"))
        self.tabs.addTab(self.search_page, self.tr("Search", "tab"))
        if role == Role.SUPERVISOR:
            self.supervisor_page = SupervisorPage(services, worker, self.type_names)
            self.tabs.addTab(self.supervisor_page, self.tr("Supervision"))
        if role in FIGURE_READERS:
            self.figures_page = FiguresPage(services, worker, self.type_names)
            self.tabs.addTab(self.figures_page, self.tr("Branch figures"))
        for page in (self.my_cases_page, self.supervisor_page):
            if page is not None:
                page.open_case_requested.connect(self.open_case)
                page.open_person_requested.connect(self.open_beneficiary)
                page.error.connect(self.show_error)
        if self.figures_page is not None:
            self.figures_page.error.connect(self.show_error)
        self.setCentralWidget(self.tabs)
        self.tabs.setCurrentWidget(self.home_page)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current())
        self._refresh_current()

    @property
    def home_page(self) -> QWidget:
        return self.supervisor_page or self.my_cases_page or self.search_page

    def _refresh_current(self) -> None:
        """A work list tab fetches its figures each time it is shown (cheap indexed reads)."""
        page = self.tabs.currentWidget()
        if isinstance(page, MyCasesPage | SupervisorPage | FiguresPage):
            page.refresh()

    def focus_home(self) -> None:
        self.tabs.setCurrentWidget(self.home_page)
        if self.home_page is self.search_page:
            self.search_page.focus_search()

    def show_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_page)
        self.search_page.focus_search()

    # -- chrome -----------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(self.tr("New beneficiary"), self.new_beneficiary, "Ctrl+N")
        self.new_family_action = self._action(
            self.tr("New household (a whole family)"), self.create_household, "Ctrl+Shift+N"
        )
        self.import_action = self._action(self.tr("Import beneficiaries…"), self.open_import)
        self.settings_action = self._action(self.tr("Settings…"), self.open_settings)
        self.lock_action = self._action(
            self.tr("Lock"), lambda: self.lock_requested.emit(), "Ctrl+L"
        )
        self.logout_action = self._action(self.tr("Log out"), lambda: self.logout_requested.emit())
        self.quit_action = self._action(self.tr("Quit"), self.close, "Ctrl+Q")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.new_family_action)
        file_menu.addAction(self.import_action)
        self.match_list_action = add_match_list_action(
            file_menu, self, self._services, self._worker
        )
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.logout_action)
        file_menu.addAction(self.quit_action)
        self.sync_controller.add_menu(bar)
        self.print_menu = add_print_menu(bar, self, self._services, self._worker)
        self.audit_action: QAction | None = None
        if self._user.role in AUDIT_READERS:
            tools = bar.addMenu(self.tr("&Tools"))
            self.audit_action = self._action(self.tr("Audit log…"), self.open_audit_log)
            tools.addAction(self.audit_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("About Sanad"), self.show_about))
        self.addAction(self._action(self.tr("Search"), self.show_search, "Ctrl+F"))
        for index in range(self.tabs.count()):
            # Ctrl+1, Ctrl+2...: the tabs from the keyboard.
            self.addAction(
                self._action(
                    self.tabs.tabText(index),
                    lambda i=index: self.tabs.setCurrentIndex(i),
                    f"Ctrl+{index + 1}",
                )
            )

    # -- records ----------------------------------------------------------------------------

    def new_beneficiary(self) -> BeneficiaryForm:
        from app.ui.people.beneficiary_form import BeneficiaryForm

        form = BeneficiaryForm(self._services, self._worker, parent=self)
        self.new_forms.append(form)
        self._wire_form(form)
        form.saved.connect(lambda view, f=form: self._new_saved(f, view))
        form.finished.connect(lambda _r, f=form: self._forget(f))
        form.show()
        return form

    def open_beneficiary(self, beneficiary_id: str) -> BeneficiaryForm:
        existing = self.forms.get(beneficiary_id)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return existing
        from app.ui.people.beneficiary_form import BeneficiaryForm

        form = BeneficiaryForm(self._services, self._worker, beneficiary_id, parent=self)
        self.forms[beneficiary_id] = form
        self._wire_form(form)
        form.finished.connect(lambda _r, f=form: self._forget(f))
        form.show()
        return form

    def _wire_form(self, form: BeneficiaryForm) -> None:
        form.saved.connect(lambda _view: self.search_page.model.refresh())
        form.saved.connect(lambda _view: self.sync_controller.refresh())
        form.open_beneficiary.connect(self.open_beneficiary)
        form.open_household.connect(self.open_household)
        form.create_household.connect(self.create_household)
        form.failed.connect(self.show_error)

    def _new_saved(self, form: BeneficiaryForm, view: BeneficiaryView) -> None:
        if form in self.new_forms:
            self.new_forms.remove(form)
        self.forms[view.id] = form

    def _forget(self, form: BeneficiaryForm) -> None:
        if form in self.new_forms:
            self.new_forms.remove(form)
        for key, value in list(self.forms.items()):
            if value is form:
                del self.forms[key]
        form.deleteLater()

    def open_household(self, household_id: str) -> HouseholdForm:
        existing = self.household_forms.get(household_id)
        if existing is not None:
            existing.show()
            existing.raise_()
            return existing
        from app.ui.households.household_form import HouseholdForm

        form = HouseholdForm(self._services, self._worker, household_id=household_id, parent=self)
        self.household_forms[household_id] = form
        self._wire_household(form)
        form.show()
        return form

    def create_household(self, head: BeneficiaryView | None = None) -> HouseholdForm:
        """Around a registered head, or (no head) a whole family typed in one pass."""
        from app.ui.households.household_form import HouseholdForm

        form = HouseholdForm(self._services, self._worker, head=head, parent=self)
        self._wire_household(form)
        form.show()
        return form

    def _wire_household(self, form: HouseholdForm) -> None:
        form.open_beneficiary.connect(self.open_beneficiary)
        form.open_household.connect(self.open_household)
        form.failed.connect(self.show_error)
        form.saved.connect(lambda household, f=form: self._household_saved(f, household))
        form.saved.connect(lambda _household: self.sync_controller.refresh())
        form.finished.connect(lambda _r, f=form: self._forget_household(f))

    def _household_saved(self, form: HouseholdForm, household: HouseholdView) -> None:
        self.household_forms[household.id] = form
        # Open records of people whose household changed show the new state.
        for beneficiary_id, person_form in self.forms.items():
            if person_form.mode.value == "view":
                view = person_form.view
                if view is not None and (
                    view.household_id == household.id
                    or any(m.beneficiary_id == beneficiary_id for m in household.members)
                ):
                    person_form.reload(beneficiary_id)

    def _forget_household(self, form: HouseholdForm) -> None:
        for key, value in list(self.household_forms.items()):
            if value is form:
                del self.household_forms[key]
        form.deleteLater()

    # -- cases ------------------------------------------------------------------------------

    def open_case(self, case_id: str) -> QWidget | None:
        """Open a case's window (the opener checks access and asks for a reason if needed)."""
        from app.ui.cases import opener

        window = opener.open_case(self, self._services, self._worker, case_id)
        changed = getattr(window, "changed", None)
        if window is not None and changed is not None and not window.property("listsWatch"):
            # A change made in the case window shows in the work list at once (once per
            # window: opening the case again brings the same window forward).
            window.setProperty("listsWatch", True)
            changed.connect(lambda _view: self._refresh_current())
        return window

    def open_audit_log(self) -> AuditBrowser:
        if self.audit_browser is not None:
            self.audit_browser.show()
            self.audit_browser.raise_()
            self.audit_browser.activateWindow()
            return self.audit_browser
        from app.ui.audit.browser import AuditBrowser

        browser = AuditBrowser(self._services, self._worker, self)
        browser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        browser.destroyed.connect(lambda _obj=None: self._forget_audit_browser())
        self.audit_browser = browser
        browser.show()
        return browser

    def _forget_audit_browser(self) -> None:
        self.audit_browser = None

    # -- dialogs ----------------------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self._services, self)
        dialog.accepted.connect(self.settings_changed)
        dialog.accepted.connect(lambda: self._settings_saved(dialog))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def _settings_saved(self, dialog: SettingsDialog) -> None:
        if dialog.language_changed:
            self.language_requested.emit(dialog.saved_language)

    def open_import(self) -> QDialog:
        from app.ui.importing.dialog import ImportDialog

        dialog = ImportDialog(self._services, self._worker, self)
        dialog.imported.connect(lambda _n: self.search_page.model.refresh())
        dialog.imported.connect(lambda _n: self.sync_controller.refresh())
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Sanad"),
            self.tr(
                "Sanad %1\nThe social registry of the branch offices of the Ministry of "
                "Social Affairs, Libya. Works offline."
            ).replace("%1", app.__version__),
        )

    def show_error(self, err: object) -> None:
        if isinstance(err, DomainError):
            QMessageBox.warning(self, self.tr("Sanad"), messages.describe(err))
            return
        self._worker.unhandled_error.emit(err)

    def close_forms(self) -> None:
        from app.ui.cases.opener import close_case_windows

        close_case_windows(self._services)
        for form in [*self.forms.values(), *self.new_forms, *self.household_forms.values()]:
            form.hide()
            form.deleteLater()
        if self.audit_browser is not None:
            self.audit_browser.close()
        self.forms.clear()
        self.new_forms.clear()
        self.household_forms.clear()

    def has_unsaved_changes(self) -> bool:
        return any(f.is_dirty() for f in [*self.forms.values(), *self.new_forms])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_unsaved_changes() and not dialogs.confirm_quit_with_changes(self):
            event.ignore()
            return
        self.close_forms()
        self.sync_controller.stop()  # before the application shuts its worker down
        super().closeEvent(event)
