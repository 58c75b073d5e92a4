"""Offline login; on a branch with no accounts yet, creating its first branch admin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode, ValidationFailed
from app.services.context import CurrentUser
from app.services.setup import AppServices
from app.ui.common import messages
from app.ui.common.inputs import ERROR_STYLE, FieldSlot
from app.ui.common.worker import Worker
from app.ui.shell.first_password import FirstPasswordDialog


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class LoginDialog(QDialog):
    """Enter logs in. A failure says why (wrong password, locked for N minutes)."""

    logged_in = Signal(object)  # CurrentUser

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        branch_label: str,
        demo: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self.setWindowTitle(self.tr("Sanad — log in"))
        title = QLabel(self.tr("Sanad"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        subtitle = QLabel(self.tr("Social registry — %1").replace("%1", branch_label))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit()
        self.username.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.error = _error_label()
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.login_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if demo:
            hint = QLabel(
                self.tr("Demo branch: log in as")
                + "\n\u2066worker / worker-demo-2026\u2069\n"  # isolated: reads left to right
                + self.tr("(supervisor and admin also exist; see the README)")
            )
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.username.setFocus()
        self.user: CurrentUser | None = None
        self.first_password: FirstPasswordDialog | None = None

    def attempt(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self._show_error(messages.message(ErrorCode.REQUIRED))
            self.username.setFocus()
            return
        self.login_button.setEnabled(False)
        self.error.setText(self.tr("Checking…"))
        self.error.setStyleSheet("")
        self.error.show()
        self._worker.submit(
            lambda: self._services.accounts.login(username, password),
            self._succeeded,
            self._failed,
            owner=self,
        )

    def _succeeded(self, user: CurrentUser) -> None:
        self.user = user
        self.login_button.setEnabled(True)
        self.logged_in.emit(user)
        self.accept()

    def _failed(self, err: BaseException) -> None:
        self.login_button.setEnabled(True)
        if not isinstance(err, DomainError):
            self.error.hide()
            self._worker.unhandled_error.emit(err)
            return
        if err.code is ErrorCode.PASSWORD_NOT_SET:  # an account HQ made: its first login
            self._choose_password()
            return
        self._show_error(messages.describe(err))
        self.password.clear()
        self.password.setFocus()

    def _choose_password(self) -> None:
        self.error.hide()
        dialog = FirstPasswordDialog(
            self._services, self._worker, self.username.text().strip().lower(),
            self.password.text(), self,
        )  # fmt: skip
        dialog.chosen.connect(self._succeeded)
        dialog.rejected.connect(self.password.clear)
        self.first_password = dialog
        dialog.open()

    def show_notice(self, text: str) -> None:
        """Why the previous session ended (the account was disabled at a sync)."""
        self._show_error(text)

    def _show_error(self, text: str) -> None:
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setText(text)
        self.error.show()


class FirstAdminDialog(QDialog):
    """A real branch starts with no accounts: its first branch admin is created here."""

    created = Signal(object)  # CurrentUser, logged in

    def __init__(
        self, services: AppServices, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self.setWindowTitle(self.tr("Create the first branch admin"))
        intro = QLabel(
            self.tr(
                "This branch has no user accounts yet. Create the account of the branch "
                "administrator; other accounts are added later by this administrator."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.slots = {
            "username": FieldSlot(self.username),
            "display_name": FieldSlot(self.display_name),
            "password": FieldSlot(self.password),
            "confirm": FieldSlot(self.confirm),
        }
        self.error = _error_label()
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create and log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.slots["username"])
        form.addRow(self.tr("Full name"), self.slots["display_name"])
        form.addRow(self.tr("Password"), self.slots["password"])
        form.addRow(self.tr("Password again"), self.slots["confirm"])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def attempt(self) -> None:
        for slot in self.slots.values():
            slot.set_error("")
        if self.password.text() != self.confirm.text():
            self.slots["confirm"].set_error(self.tr("The two passwords differ."))
            return
        accounts = self._services.accounts
        username, display, password = (
            self.username.text(),
            self.display_name.text(),
            self.password.text(),
        )

        def create() -> CurrentUser:
            accounts.create_user(username, display, Role.BRANCH_ADMIN, password, by_admin=False)
            return accounts.login(username, password)

        self.create_button.setEnabled(False)
        self._worker.submit(create, self._created, self._failed, owner=self)

    def _created(self, user: CurrentUser) -> None:
        self.create_button.setEnabled(True)
        self.created.emit(user)
        self.accept()

    def _failed(self, err: BaseException) -> None:
        self.create_button.setEnabled(True)
        if isinstance(err, ValidationFailed):
            for key, texts in messages.by_field(err).items():
                if key in self.slots:
                    self.slots[key].set_error("\n".join(texts))
        elif isinstance(err, DomainError) and err.field in self.slots:
            self.slots[err.field].set_error(messages.describe(err))
        elif isinstance(err, DomainError):
            self.error.setText(messages.describe(err))
            self.error.show()
        else:
            self._worker.unhandled_error.emit(err)
