"""Opening a case from anywhere in the UI: access check, break the glass, one window per case.

Work lists, the beneficiary form and the main window call `open_case` / `open_new_case`; they
never build a CaseWindow themselves, so the access rules and the "bring the open window
forward" rule live in one place.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.domain.accounts import Role
from app.domain.case_access import Access
from app.domain.errors import DomainError
from app.services.setup import AppServices
from app.ui.common import messages
from app.ui.common.worker import Worker

translate = QCoreApplication.translate
# (id of the services, case id) -> its open window. Keyed by the services too, so two logins
# (or two tests) never share a window.
_windows: dict[tuple[int, str], QWidget] = {}


def open_window(services: AppServices, case_id: str) -> QWidget | None:
    """The case's window if one is open now."""
    key = (id(services), case_id)
    window = _windows.get(key)
    if window is not None and not shiboken6.isValid(window):
        del _windows[key]
        return None
    return window


def _remember(services: AppServices, case_id: str, window: QWidget) -> None:
    key = (id(services), case_id)
    _windows[key] = window
    window.destroyed.connect(lambda _obj=None, k=key: _windows.pop(k, None))


def _bring_forward(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def close_case_windows(services: AppServices | None = None) -> None:
    """Close every open case window (of `services`, or all): on log-out and lock."""
    for key, window in list(_windows.items()):
        if services is not None and key[0] != id(services):
            continue
        _windows.pop(key, None)
        if shiboken6.isValid(window):
            window.close()


def open_case(
    parent: QWidget, services: AppServices, worker: Worker, case_id: str
) -> QWidget | None:
    """Open the case's window (or bring it forward); asks for a reason where the rules want
    one. Returns the window, or None when the user may not or did not open it."""
    from app.ui.cases.break_glass_dialog import BreakGlassDialog
    from app.ui.cases.window import CaseWindow

    existing = open_window(services, case_id)
    if existing is not None:
        _bring_forward(existing)
        return existing
    title = translate("CaseOpener", "Case")
    try:
        # A quick indexed read: done here so the caller gets the window (or None) back.
        access = services.cases.access(case_id)
    except DomainError as err:
        QMessageBox.warning(parent, title, messages.describe(err))
        return None
    if access == Access.NONE:
        QMessageBox.warning(parent, title, translate("CaseOpener", "You may not open cases."))
        return None
    reason: str | None = None
    if access == Access.NEEDS_REASON:
        dialog = BreakGlassDialog(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            dialog.deleteLater()
            return None
        reason = dialog.reason()
        dialog.deleteLater()
    # The window loads itself on the worker; with a reason, that load is the break-glass call.
    window = CaseWindow(services, worker, case_id, reason=reason, parent=parent)
    _remember(services, case_id, window)
    _bring_forward(window)
    return window


def _open_created(
    parent: QWidget, services: AppServices, worker: Worker, case_id: str
) -> QWidget | None:
    """Open the case just created, unless it went to someone else and would need a reason
    (a supervisor opening a sensitive case for a worker): the creator is not asked to
    break the glass on a case they only registered."""
    if services.cases.access(case_id) == Access.NEEDS_REASON:
        return None
    return open_case(parent, services, worker, case_id)


def open_new_case(
    parent: QWidget, services: AppServices, worker: Worker, beneficiary_id: str
) -> QWidget | None:
    """Ask for a new case of the person; on save, open its window. Returns the dialog (the
    window opens when the case is saved), or None if the user may not open cases."""
    from app.ui.cases.new_dialog import NewCaseDialog

    if services.ctx.require().role not in (Role.SOCIAL_WORKER, Role.SUPERVISOR):
        QMessageBox.warning(
            parent,
            translate("CaseOpener", "Case"),
            translate("CaseOpener", "You may not open cases."),
        )
        return None
    dialog = NewCaseDialog(services, worker, beneficiary_id, parent)
    dialog.succeeded.connect(lambda view: _open_created(parent, services, worker, view.id))
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog
