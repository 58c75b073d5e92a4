"""What the screens call to print: a record's form or a blank one is prepared on the worker
(the service checks access and audits the print) and opens in the print preview; the Print
menu of the main window; the Print button of a case window with its forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QMenuBar,
    QMessageBox,
    QProgressDialog,
    QToolButton,
    QWidget,
)

from app.domain.accounts import Role
from app.domain.case_events import EventKind
from app.domain.cases import CaseTypeCode
from app.domain.errors import DomainError
from app.services.case_dto import CaseEventView, CaseView
from app.services.printing import PrintResult
from app.services.setup import AppServices
from app.ui.common import messages
from app.ui.common.worker import Worker

if TYPE_CHECKING:  # the preview (QtPrintSupport, PDFium) loads on the first print
    from app.ui.printing.preview import PrintPreviewDialog

CONTEXT = "PrintActions"


def _title(form: str) -> str:
    titles = {
        "intake": QCoreApplication.translate("PrintActions", "Intake form"),
        "blank_intake": QCoreApplication.translate("PrintActions", "Blank intake form"),
        "household": QCoreApplication.translate("PrintActions", "Household form"),
        "case_summary": QCoreApplication.translate("PrintActions", "Case summary"),
        "visit_sheet": QCoreApplication.translate("PrintActions", "Visit sheet"),
        "blank_visit": QCoreApplication.translate("PrintActions", "Blank visit sheet"),
        "referral_letter": QCoreApplication.translate("PrintActions", "Referral letter"),
        "court_report": QCoreApplication.translate("PrintActions", "Court report"),
    }
    return titles.get(form, form)


def warn(parent: QWidget | None, text: str) -> None:
    """Why a print was refused (tests replace it: a message box would wait for a click)."""
    QMessageBox.warning(parent, QCoreApplication.translate("PrintActions", "Print"), text)


def preparing_note(parent: QWidget | None) -> QProgressDialog:
    """A busy bar, shown at once (not after QProgressDialog's usual 4 s), while a document is
    laid out; it has no Cancel (the layout cannot be stopped half way)."""
    note = QProgressDialog(parent)
    note.setWindowTitle(QCoreApplication.translate("PrintActions", "Print"))
    note.setLabelText(QCoreApplication.translate("PrintActions", "Preparing the document…"))
    note.setRange(0, 0)
    note.setCancelButton(None)
    note.setMinimumDuration(0)
    note.setWindowModality(Qt.WindowModality.WindowModal)
    note.setAutoClose(False)
    note.setAutoReset(False)
    note.show()
    return note


def open_preview(
    parent: QWidget | None, worker: Worker, result: PrintResult, title: str
) -> PrintPreviewDialog:
    from app.ui.printing.preview import PrintPreviewDialog

    preview = PrintPreviewDialog(
        worker, result.pdf, title=title, file_name=result.file_name, parent=parent
    )
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.show()
    return preview


def prepare(
    parent: QWidget,
    worker: Worker,
    call: Callable[[], PrintResult],
    suffix: str = "",
) -> int:
    """Run `call` on the worker, then preview what it printed; a refusal is explained.
    A busy note shows at once meanwhile (the first print of a session can take seconds)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    busy = preparing_note(parent)

    def alive() -> QWidget | None:
        return parent if shiboken6.isValid(parent) else None

    def finish() -> None:
        QApplication.restoreOverrideCursor()
        if shiboken6.isValid(busy):
            busy.close()
            busy.deleteLater()

    def done(result: PrintResult) -> None:
        finish()
        title = f"{_title(result.form)} {suffix}".strip()
        open_preview(alive(), worker, result, title)

    def failed(err: BaseException) -> None:
        finish()
        if isinstance(err, DomainError):
            warn(alive(), messages.describe(err))
        else:
            worker.unhandled_error.emit(err)

    # No owner: the cursor must come back even if the screen that asked was closed meanwhile.
    return worker.submit(call, done, failed)


def print_intake(
    parent: QWidget, services: AppServices, worker: Worker, beneficiary_id: str
) -> int:
    return prepare(parent, worker, lambda: services.printing.intake(beneficiary_id))


def print_household(
    parent: QWidget, services: AppServices, worker: Worker, household_id: str
) -> int:
    return prepare(parent, worker, lambda: services.printing.household(household_id))


def print_case(
    parent: QWidget,
    services: AppServices,
    worker: Worker,
    case_id: str,
    form: str,
    event_id: str | None = None,
    number: str = "",
) -> int:
    """`form`: summary, visit (the event's, else the next planned visit), referral (the
    event's), court."""
    printing = services.printing
    calls: dict[str, Callable[[], PrintResult]] = {
        "summary": lambda: printing.case_summary(case_id),
        "visit": lambda: printing.visit_sheet(case_id, event_id),
        "referral": lambda: printing.referral_letter(event_id or ""),
        "court": lambda: printing.court_report(case_id),
    }
    return prepare(parent, worker, calls[form], number)


def print_blank(parent: QWidget, services: AppServices, worker: Worker, form: str) -> int:
    """`form`: intake or visit."""
    printing = services.printing
    call = printing.blank_intake if form == "intake" else printing.blank_visit
    return prepare(parent, worker, call)


def open_batch(parent: QWidget, services: AppServices, worker: Worker) -> QWidget:
    from app.ui.printing.batch_print_dialog import BatchPrintDialog

    dialog = BatchPrintDialog(services, worker, parent)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog


def add_print_menu(
    menu_bar: QMenuBar, parent: QWidget, services: AppServices, worker: Worker
) -> QMenu:
    """The main window's Print menu: blank forms, and the visit sheets of a day."""
    menu = menu_bar.addMenu(QCoreApplication.translate("PrintActions", "&Print"))
    blank_intake = QAction(QCoreApplication.translate("PrintActions", "Blank intake form"), menu)
    blank_intake.triggered.connect(lambda: print_blank(parent, services, worker, "intake"))
    blank_visit = QAction(QCoreApplication.translate("PrintActions", "Blank visit sheet"), menu)
    blank_visit.triggered.connect(lambda: print_blank(parent, services, worker, "visit"))
    menu.addAction(blank_intake)
    menu.addAction(blank_visit)
    user = services.ctx.user
    if user is not None and user.role != Role.BRANCH_ADMIN:  # admins never print case content
        menu.addSeparator()
        batch = QAction(QCoreApplication.translate("PrintActions", "Visit sheets for a day…"), menu)
        batch.triggered.connect(lambda: open_batch(parent, services, worker))
        menu.addAction(batch)
    return menu


class CasePrintButton(QToolButton):
    """The case window's Print button: the case summary, the visit sheet of the selected visit
    (or of the next planned one), the letter of the selected referral, the court report."""

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        view: Callable[[], CaseView | None],
        selected: Callable[[], CaseEventView | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._view = view
        self._selected = selected
        self.setText(self.tr("Print"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self)
        self.actions_by_form: dict[str, QAction] = {}
        for form, text in (
            ("summary", self.tr("Case summary")),
            ("visit", self.tr("Visit sheet")),
            ("referral", self.tr("Referral letter (selected referral)")),
            ("court", self.tr("Court report")),
        ):
            action = QAction(text, menu)
            action.triggered.connect(lambda _c=False, f=form: self.print_form(f))
            menu.addAction(action)
            self.actions_by_form[form] = action
        menu.aboutToShow.connect(self.update_actions)
        self.setMenu(menu)

    def update_actions(self) -> None:
        view, event = self._view(), self._selected()
        for action in self.actions_by_form.values():
            action.setEnabled(view is not None)
        if view is None:
            return
        visit = event is not None and event.kind == EventKind.VISIT
        self.actions_by_form["visit"].setText(
            self.tr("Visit sheet (selected visit)") if visit else self.tr("Visit sheet")
        )
        referral = event is not None and event.kind == EventKind.REFERRAL and not event.hidden
        self.actions_by_form["referral"].setEnabled(referral)
        self.actions_by_form["court"].setVisible(view.type_code == CaseTypeCode.JUVENILE)

    def print_form(self, form: str) -> int | None:
        view, event = self._view(), self._selected()
        if view is None:
            return None
        event_id = None
        if form == "visit" and event is not None and event.kind == EventKind.VISIT:
            event_id = event.id
        if form == "referral":
            if event is None or event.kind != EventKind.REFERRAL:
                return None
            event_id = event.id
        window = self.window()
        return print_case(
            window, self._services, self._worker, view.id, form, event_id, view.number
        )
