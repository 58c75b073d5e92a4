"""Idle auto-lock: after Preferences.idle_lock_minutes without input the screen locks and
only the logged-in user's password (or logging out) gets past it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.setup import AppServices
from app.ui.common.inputs import ERROR_STYLE
from app.ui.common.worker import Worker

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Watches every input event of the application; emits `idle` after a quiet period."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._active = False

    def set_minutes(self, minutes: int) -> None:
        self._timer.setInterval(max(1, minutes) * 60_000)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._active:
            app.installEventFilter(self)
        self._active = True
        self._timer.start()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None and self._active:
            app.removeEventFilter(self)
        self._active = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockDialog(QDialog):
    """Cannot be dismissed: unlock with the password, or log out."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self, services: AppServices, worker: Worker, minutes: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self.setWindowTitle(self.tr("Sanad is locked"))
        user = services.ctx.user
        name = user.display_name if user else ""
        text = self.tr("The screen was locked after %n minute(s) without use.", "", minutes)
        intro = QLabel(
            text + "\n" + self.tr("Enter the password of %1 to continue.").replace("%1", name)
        )
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password.returnPressed.connect(self.attempt)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.attempt)
        self.logout_button = QPushButton(self.tr("Log out"))
        self.logout_button.setAutoDefault(False)
        self.logout_button.clicked.connect(self._logout)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.logout_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.password.setFocus()

    def attempt(self) -> None:
        password = self.password.text()
        self.unlock_button.setEnabled(False)
        self._worker.submit(
            lambda: self._services.accounts.verify_password(password),
            self._checked,
            self._error,
            owner=self,
        )

    def _checked(self, ok: bool) -> None:
        self.unlock_button.setEnabled(True)
        if ok:
            self.unlocked.emit()
            self.accept()
            return
        self.error.setText(self.tr("Wrong password."))
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def _error(self, err: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self._worker.unhandled_error.emit(err)

    def _logout(self) -> None:
        self.logout_requested.emit()
        self.accept()

    def reject(self) -> None:
        """Esc does nothing here."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
