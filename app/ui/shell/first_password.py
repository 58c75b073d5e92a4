"""First login of an account HQ made: the worker chooses their own password (twice) before
entering. The login dialog opens this once the one-time setup code HQ's officer handed them
checks out; HQ never learns the password."""

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

from app.domain.accounts import MIN_PASSWORD_LENGTH
from app.domain.errors import DomainError, ErrorCode
from app.services.context import CurrentUser
from app.services.setup import AppServices
from app.ui.common import messages
from app.ui.common.inputs import ERROR_STYLE, FieldSlot
from app.ui.common.worker import Worker


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return field


class FirstPasswordDialog(QDialog):
    """The new password twice, with the usual rules; logs in when it is saved."""

    chosen = Signal(object)  # CurrentUser, logged in

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        username: str,
        setup_code: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._username = username
        self._setup_code = setup_code
        self.setWindowTitle(self.tr("Choose your password"))
        intro = QLabel(
            self.tr(
                "Welcome. This account was created by headquarters. Before you start, choose "
                "your own password: nobody else, not even headquarters, will know it."
            )
        )
        intro.setWordWrap(True)
        rule = QLabel(self.tr("At least %1 characters.").replace("%1", str(MIN_PASSWORD_LENGTH)))
        rule.setStyleSheet("color: #555;")
        user = QLineEdit(username)  # a Latin user name, shown as typed
        user.setReadOnly(True)
        user.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password = _password_field()
        self.confirm = _password_field()
        self.slots = {"password": FieldSlot(self.password), "confirm": FieldSlot(self.confirm)}
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("Save the password and log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("User name"), user)
        form.addRow(self.tr("New password"), self.slots["password"])
        form.addRow(self.tr("New password again"), self.slots["confirm"])
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.password.setFocus()

    def attempt(self) -> None:
        for slot in self.slots.values():
            slot.set_error("")
        self.error.hide()
        if self.password.text() != self.confirm.text():
            self.slots["confirm"].set_error(messages.message(ErrorCode.PASSWORDS_DIFFER))
            self.confirm.clear()
            self.confirm.setFocus()
            return
        accounts = self._services.accounts
        username, code = self._username, self._setup_code
        password, again = self.password.text(), self.confirm.text()
        self.save_button.setEnabled(False)
        self._worker.submit(
            lambda: accounts.set_first_password(username, code, password, again),
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, user: CurrentUser) -> None:
        self.save_button.setEnabled(True)
        self.chosen.emit(user)
        self.accept()

    def _failed(self, err: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(err, DomainError):
            self._worker.unhandled_error.emit(err)
            return
        text = messages.describe(err)
        if err.field in self.slots:
            self.slots[err.field].set_error(text)
        else:  # disabled or locked meanwhile: nothing more to do here
            self.error.setText(text)
            self.error.show()
