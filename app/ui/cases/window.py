"""The window of one case: header, the stage buttons the workflow allows now, the actions
that record events, and the details and timeline tabs.

Every read and write runs on the worker; a refusal is shown in Arabic in the window (or beside
the field in a dialog) and nothing changes. What a user may do comes from the service's
CaseView (`access`, `next_statuses`); the service enforces it again on every call.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.accounts import Role
from app.domain.case_access import Access
from app.domain.errors import DomainError, ValidationFailed
from app.services.case_dto import CaseEventView, CaseView
from app.services.case_reference import CaseType
from app.services.dto import UserView
from app.services.setup import AppServices
from app.ui.cases.actions import ActionBar, action_dialog, event_dialog, writable
from app.ui.cases.details import CaseDetails
from app.ui.cases.event_text import Names
from app.ui.cases.form import CaseActionDialog
from app.ui.cases.header import CaseHeader, CaseNotice
from app.ui.cases.record_dialogs import agency_name
from app.ui.cases.stage_buttons import StageBar
from app.ui.cases.timeline import CaseTimeline
from app.ui.common import case_labels, dialogs, messages
from app.ui.common.inputs import ERROR_STYLE
from app.ui.common.screen_fit import fit_to_screen
from app.ui.common.worker import Worker
from app.ui.printing.actions import CasePrintButton

log = logging.getLogger(__name__)
Loaded = tuple[CaseView, CaseType | None, list[UserView]]


class CaseWindow(QWidget):
    changed = Signal(object)  # the CaseView after a write, for the lists to refresh

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        case_id: str,
        *,
        reason: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services = services
        self._worker = worker
        self.case_id = case_id
        self._reason = reason  # given once: the first load breaks the glass with it
        self._view: CaseView | None = None
        self._case_type: CaseType | None = None
        self._workers: dict[str, str] = {}
        self._worker_list: list[UserView] = []
        self._busy = False
        self._details_version = 0
        self.dialog: QDialog | None = None  # the action dialog open now
        self.supervisor = services.ctx.require().role == Role.SUPERVISOR
        self._english = services.preferences.language == "en"
        today = services.ctx.today()
        self.setWindowTitle(self.tr("Case"))

        self.header = CaseHeader(today)
        self.notice = CaseNotice()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.message.hide()
        self.stages = StageBar(self)
        self.stages.requested.connect(self.stage_action)

        self.action_bar = ActionBar(self)
        self.action_bar.requested.connect(self.act)
        self.action_buttons = self.action_bar.buttons

        names = Names(agency=lambda code: agency_name(services, code), user=self._user_name)
        self.details = CaseDetails(today, self._english)
        self.details.save_requested.connect(self.save_details)
        self.timeline = CaseTimeline(names)
        self.timeline.mark_visit.connect(lambda e: self.act_on_event("visit", e))
        self.timeline.answer_referral.connect(lambda e: self.act_on_event("referral", e))
        self.timeline.plan_progress.connect(lambda e: self.act_on_event("plan_item", e))
        self.timeline.open_document.connect(self.open_document)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.details, self.tr("Details"))

        self.status = QLabel()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        self.print_button = CasePrintButton(
            services, worker, lambda: self._view, self.timeline.selected, self
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(self.message)
        layout.addWidget(self.stages)
        layout.addWidget(self.action_bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save_details)
        QShortcut(QKeySequence("Esc"), self, self.close)
        fit_to_screen(self, 1100, 760)
        self._set_enabled(False)
        self.status.setText(self.tr("Loading…"))
        self.reload()

    # -- reading ----------------------------------------------------------------------------

    @property
    def view(self) -> CaseView | None:
        return self._view

    def reload(self, select: str | None = None, *, notify: bool = False) -> None:
        svc, case_id, reason = self._services, self.case_id, self._reason
        first = self._view is None

        def load() -> Loaded:
            if reason:
                view = svc.cases.break_glass(case_id, reason)
            elif first:
                view = svc.cases.get(case_id)  # audited: a case was opened
            else:
                view = svc.case_workflow.case_view(case_id)
            if not view.person_name:
                # CaseService.build_view looks the person up by the wrong key and returns no
                # name (reported); the person's record gives it meanwhile.
                name = svc.beneficiaries.get(view.beneficiary_id).full_name
                view = dataclasses.replace(view, person_name=name)
            try:
                case_type: CaseType | None = svc.case_reference.case_type(view.type_code)
            except DomainError:
                case_type = None  # a type HQ has retired: the case keeps it
            return view, case_type, svc.cases.workers()

        self._set_busy(True)
        self._worker.submit(
            load, lambda r: self._loaded(r, select, notify), self._load_failed, owner=self
        )

    def _loaded(self, result: Loaded, select: str | None, notify: bool = False) -> None:
        view, case_type, workers = result
        self._reason = None
        self._set_busy(False)
        self._case_type = case_type
        self._worker_list = workers
        self._workers.update({w.id: w.display_name for w in workers})
        self.show_case(view)
        if select:
            self.timeline.select_event(select)
        if notify:
            self.changed.emit(view)

    def _load_failed(self, err: BaseException) -> None:
        self._set_busy(False)
        self._report(err)
        if self._view is None:
            self.status.setText(self.tr("The case could not be opened."))

    def _user_name(self, user_id: str | None) -> str:
        return self._workers.get(user_id or "", case_labels.NONE_TEXT)

    def type_name(self, view: CaseView) -> str:
        if self._case_type is not None:
            return self._case_type.name_en if self._english else self._case_type.name_ar
        return case_labels.case_type(view.type_code)

    def show_case(self, view: CaseView) -> None:
        previous = self._view
        if not view.person_name and previous is not None and previous.person_name:
            view = dataclasses.replace(view, person_name=previous.person_name)
        self._view = view
        self.setWindowTitle(
            self.tr("Case %1 — %2").replace("%1", view.number).replace("%2", view.person_name)
        )
        self.header.show_case(view, self.type_name(view))
        self._show_details(view, previous)
        self.timeline.show_events(view.events, editable=self.can_write)
        self.stages.show_case(view)
        self.notice.show_for(view, self.supervisor)
        self._set_enabled(True)
        self.status.clear()

    def _show_details(self, view: CaseView, previous: CaseView | None) -> None:
        """Keep what the user is typing unless someone else changed the details meanwhile."""
        stored = CaseDetails.stored(view, self._case_type)
        if not self.details.is_dirty():
            self.details.load(view, self._case_type)
            self._details_version = view.row_version
        elif previous is not None and stored == CaseDetails.stored(previous, self._case_type):
            self._details_version = view.row_version  # our own event bumped the version
        self.details.set_editable(view.access == Access.EDIT and view.transfer_to is None)

    @property
    def can_write(self) -> bool:
        return writable(self._view)

    def _set_enabled(self, loaded: bool) -> None:
        self.action_bar.show_for(self._view if loaded else None, self.supervisor)
        self.action_bar.setEnabled(not self._busy)
        self.stages.setEnabled(loaded and not self._busy)
        self.tabs.setEnabled(loaded)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._set_enabled(self._view is not None)
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()

    # -- writing ----------------------------------------------------------------------------

    def _run(self, call: Callable[[], object], done: str) -> None:
        if self._busy:
            return
        self._show_message("")
        self._set_busy(True)
        self.status.setText(self.tr("Saving…"))
        self._worker.submit(
            call, lambda result: self._written(result, done), self._write_failed, owner=self
        )

    def _written(self, result: object, done: str = "") -> None:
        self._set_busy(False)
        if isinstance(result, CaseView):
            self.show_case(result)
            self.changed.emit(result)
            self.status.setText(done or self.tr("Saved."))
        elif isinstance(result, CaseEventView):
            # An event changes derived columns (next due date, risk): read the case again.
            self.reload(select=result.id, notify=True)

    def _write_failed(self, err: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Nothing was changed."))
        self._report(err)

    def _report(self, err: BaseException) -> None:
        if isinstance(err, DomainError):
            self._show_message(messages.describe(err))
        else:
            log.error("case window call failed", exc_info=err)
            self._show_message(messages.unexpected())

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def message_text(self) -> str:
        return "" if self.message.isHidden() else self.message.text()

    def stage_action(self, action: str) -> CaseActionDialog | None:
        """A button of the stage bar: a plain move, or the dialog that asks for words."""
        if action.startswith("move:"):
            self.move_to(action.removeprefix("move:"))
            return None
        return self.act(action)

    def move_to(self, target: str) -> None:
        """A move that needs no words (start assessment, move to plan, start follow-up)."""
        flow, case_id = self._services.case_workflow, self.case_id
        self._run(
            lambda: flow.move(case_id, target),
            self.tr("The case moved to: %1").replace("%1", case_labels.status(target)),
        )

    def save_details(self) -> None:
        view = self._view
        if view is None or not self.details.is_dirty() or not self.can_edit_details:
            return
        summary, extra, sensitive = self.details.values()
        cases, case_id, version = self._services.cases, self.case_id, self._details_version
        self.details.clear_errors()
        self._show_message("")
        self._set_busy(True)
        self.details.set_status(self.tr("Saving…"))
        self._worker.submit(
            lambda: cases.update_details(
                case_id, summary=summary, extra=extra, sensitive=sensitive, row_version=version
            ),
            self._details_saved,
            self._details_failed,
            owner=self,
        )

    @property
    def can_edit_details(self) -> bool:
        view = self._view
        return view is not None and view.access == Access.EDIT and view.transfer_to is None

    def _details_saved(self, view: CaseView) -> None:
        self._set_busy(False)
        self.details.load(view, self._case_type)
        self._details_version = view.row_version
        self.show_case(view)
        self.details.set_status(self.tr("Saved."))
        self.changed.emit(view)

    def _details_failed(self, err: BaseException) -> None:
        self._set_busy(False)
        self.details.set_status(self.tr("Nothing was saved."))
        if isinstance(err, ValidationFailed):
            self.tabs.setCurrentWidget(self.details)
            unplaced = self.details.show_errors(messages.by_field(err))
            text = self.tr("Nothing was saved: correct the fields marked in red.")
            extra = [messages.field_error(e) for e in err.errors if e.field in unplaced]
            self.details.set_status("\n".join([text, *extra]))
        else:
            self._report(err)

    # -- dialogs ----------------------------------------------------------------------------

    def _open_dialog(self, dialog: CaseActionDialog) -> CaseActionDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.succeeded.connect(self._written)
        dialog.changed.connect(self._written)
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def act(self, action: str) -> CaseActionDialog | None:
        """Open the dialog of a record button (or of a stage move that needs words)."""
        if self._view is None or self._busy:
            return None
        made = action_dialog(
            action, self._services, self._worker, self._view, self._worker_list, self
        )
        return self._open_dialog(made) if made is not None else None

    def act_on_event(self, action: str, event: CaseEventView) -> CaseActionDialog:
        """Open the dialog that corrects one event (a visit done, a referral answered)."""
        return self._open_dialog(event_dialog(action, self._services, self._worker, event, self))

    def open_document(self, event: CaseEventView) -> None:
        flow = self._services.case_workflow

        def opened(path: object) -> None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

        self._worker.submit(lambda: flow.document_path(event), opened, self._report, owner=self)

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.details.is_dirty() and not dialogs.confirm_discard(self):
            event.ignore()
            return
        if self.dialog is not None:
            self.dialog.close()
        super().closeEvent(event)
