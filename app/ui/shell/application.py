"""The desktop application: QApplication set-up, start-up, login, lock, logout.

`run_app` is the entry point the `sanad` command calls (`--selftest` runs
app.ui.shell.selftest instead). It sets fonts, language and locale, opens the branch on the
worker (a splash shows meanwhile), then asks for a login (or for the first branch admin on a
branch without accounts) and shows the main window. No traceback
ever reaches the user: unexpected errors are logged to <data dir>/logs/sanad.log and shown
as a short translated message.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QProgressBar, QVBoxLayout, QWidget

from app.bootstrap import build_services
from app.domain.errors import DomainError, ErrorCode
from app.services.context import CurrentUser
from app.services.preferences import Preferences
from app.services.setup import AppServices
from app.ui.common import dialogs, messages
from app.ui.common.file_dialogs import remember_folders_for
from app.ui.common.fonts import apply_fonts
from app.ui.common.os_errors import os_error_text
from app.ui.common.translations import install_language
from app.ui.common.worker import Worker
from app.ui.printing.warm_up import warm_up_printing
from app.ui.shell.idle_upkeep import IdleUpkeep
from app.ui.shell.lock import IdleWatcher, LockDialog
from app.ui.shell.login_dialog import FirstAdminDialog, LoginDialog
from app.ui.shell.main_window import MainWindow
from app.ui.shell.selftest import run_selftest

log = logging.getLogger("sanad")


def setup_logging(data_dir: Path) -> Path | None:
    """Log to <data dir>/logs/sanad.log (rotated); returns the file, or None if not writable."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        folder = data_dir / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "sanad.log"
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler, path = logging.StreamHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


_showing_error = False


def open_error_text(err: BaseException) -> str:
    """Why the branch did not open, in the user's language (the details go to the log)."""
    if isinstance(err, OSError):
        return os_error_text(err)
    if isinstance(err, DomainError):
        return messages.describe(err)
    return QCoreApplication.translate("Application", "The database could not be read.")


def report_unexpected(err: BaseException) -> None:
    """Log the full traceback; show the user a short translated message (never the trace)."""
    global _showing_error
    log.error("unexpected error", exc_info=err)
    if _showing_error or QApplication.instance() is None:
        return
    _showing_error = True
    try:
        QMessageBox.critical(
            None, QCoreApplication.translate("Application", "Sanad"), messages.unexpected()
        )
    finally:
        _showing_error = False


def install_excepthook() -> None:
    def hook(kind: type[BaseException], err: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        report_unexpected(err.with_traceback(tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.error(
            "unexpected error in thread %s",
            args.thread,
            exc_info=args.exc_value,
        )

    sys.excepthook = hook
    threading.excepthook = thread_hook


def make_application(language: str) -> tuple[QApplication, list[str]]:
    """The QApplication with bundled fonts, translators, locale and direction for `language`."""
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qt_app.setApplicationName("Sanad")
    qt_app.setOrganizationName("MoSA-Libya")
    apply_fonts(qt_app)
    return qt_app, install_language(qt_app, language)


class Splash(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen)
        title = QLabel(self.tr("Sanad"))
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Opening the branch database…\nThe first start also prepares "
                "the demo data; this can take a minute."
            )
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(bar)
        self.setMinimumWidth(460)


class AppController:
    """Owns the services and the windows for one run of the program."""

    def __init__(self, qt_app: QApplication, worker: Worker, data_dir: Path) -> None:
        self.qt_app = qt_app
        self.worker = worker
        self.data_dir = data_dir
        self.services: AppServices | None = None
        self.upkeep: IdleUpkeep | None = None  # the database's upkeep when idle
        self.window: MainWindow | None = None
        self.dialog: QWidget | None = None
        self.lock_dialog: LockDialog | None = None
        self.hidden_while_locked: list[QWidget] = []
        self.branch_label = ""
        self.demo = False
        self.exit_code = 0
        self.splash = Splash()
        self.language = Preferences.load(data_dir).language  # installed by make_application
        self.warmed = False
        self.idle = IdleWatcher(Preferences.load(data_dir).idle_lock_minutes)
        self.idle.idle.connect(self.lock)
        worker.unhandled_error.connect(report_unexpected)

    def start(self) -> None:
        self.splash.show()
        data_dir = self.data_dir

        def open_branch() -> tuple[AppServices, bool, bool]:
            services = build_services(data_dir)
            services.reference.municipalities()  # warm the cache off the GUI thread
            return services, services.accounts.has_users(), services.is_demo

        self.worker.submit(open_branch, self._opened, self._open_failed)

    def _open_failed(self, err: BaseException) -> None:
        self.splash.hide()
        log.error("the branch could not be opened", exc_info=err)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("Application", "Sanad"),
            QCoreApplication.translate(
                "Application",
                "The branch data could not be opened:\n%1\nDetails are in the log file.",
            ).replace("%1", open_error_text(err)),
        )
        self.exit_code = 1
        self.qt_app.quit()

    def _opened(self, result: tuple[AppServices, bool, bool]) -> None:
        services, has_users, demo = result
        self.services = services
        self.upkeep = IdleUpkeep(self.worker, services.upkeep.idle_step)
        self.branch_label = services.ctx.branch_code
        self.demo = demo
        self.splash.hide()
        if has_users:
            self.ask_login()
        else:
            dialog = FirstAdminDialog(services, self.worker)
            dialog.created.connect(self._logged_in)
            dialog.rejected.connect(self.qt_app.quit)
            self.dialog = dialog
            dialog.show()

    def ask_login(self, notice: str = "") -> None:
        assert self.services is not None
        dialog = LoginDialog(self.services, self.worker, self.branch_label, self.demo)
        if notice:
            dialog.show_notice(notice)
        dialog.logged_in.connect(self._logged_in)
        dialog.rejected.connect(self.qt_app.quit)
        self.dialog = dialog
        dialog.show()

    def _logged_in(self, user: CurrentUser) -> None:
        assert self.services is not None
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self._use_language(user.id)
        prefs = self.services.preferences
        remember_folders_for(
            lambda: prefs.folder_of(user.id), lambda f: prefs.set_folder_of(user.id, f)
        )
        self._show_window(user)
        self.idle.set_minutes(self.services.preferences.idle_lock_minutes)
        self.idle.start()
        if not self.warmed:  # the first print preview then opens without the cold start
            self.warmed = True
            warm_up_printing(self.services.printing.warm_up, self.worker)

    def _use_language(self, user_id: str | None) -> None:
        """Put in force the user's language (None: the installation's, for the login)."""
        assert self.services is not None
        language = self.services.preferences.use_language_of(user_id)
        if language != self.language:
            install_language(self.qt_app, language)
            self.language = language

    def change_language(self, language: str) -> None:
        """The user chose another language in the settings (already saved as theirs): the
        main window is built again in it; the user stays logged in, no restart."""
        window, services = self.window, self.services
        if window is None or services is None or services.ctx.user is None:
            return
        if window.has_unsaved_changes() and not dialogs.ask(
            window,
            QCoreApplication.translate("Application", "Change the language"),
            QCoreApplication.translate(
                "Application",
                "Some open records have unsaved changes. Close them and change the language "
                "now? (Otherwise the language changes at your next login.)",
            ),
            QCoreApplication.translate("Application", "Change now"),
            QCoreApplication.translate("Application", "Later"),
        ):
            return
        user = services.ctx.user
        self._close_window()
        self._use_language(user.id)
        self._show_window(user)

    def _show_window(self, user: CurrentUser) -> None:
        assert self.services is not None
        window = MainWindow(self.services, self.worker, user, self.branch_label, self.demo)
        window.language_requested.connect(self.change_language)
        window.logout_requested.connect(self.logout)
        window.lock_requested.connect(self.lock)
        window.sync_controller.finished.connect(self._check_still_allowed)
        window.settings_changed.connect(
            lambda: (
                self.idle.set_minutes(self.services.preferences.idle_lock_minutes)
                if self.services
                else None
            )
        )
        self.window = window
        window.show()
        window.search_page.search_now()
        window.focus_home()

    def lock(self) -> None:
        """Hide every window (records stay out of sight) until the password is given."""
        if self.services is None or self.window is None or self.lock_dialog is not None:
            return
        self.idle.stop()
        dialog = LockDialog(self.services, self.worker, self.services.preferences.idle_lock_minutes)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.unlocked.connect(self._unlocked)
        dialog.logout_requested.connect(self.logout)
        self.hidden_while_locked = [
            w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not dialog
        ]
        dialog.show()  # shown first: hiding the last visible window must not quit the app
        for widget in self.hidden_while_locked:
            widget.hide()
        self.lock_dialog = dialog

    def _unlocked(self) -> None:
        self._drop_lock()
        for widget in self.hidden_while_locked:
            widget.show()
        self.hidden_while_locked = []
        self.idle.start()

    def _drop_lock(self) -> None:
        if self.lock_dialog is not None:
            self.lock_dialog.hide()
            self.lock_dialog.deleteLater()
            self.lock_dialog = None

    def _check_still_allowed(self, _ok: bool) -> None:
        """A sync may have brought HQ's disabling of the logged-in account: it ends here."""
        if self.services is not None and self.window is not None:
            self.worker.submit(self.services.accounts.still_allowed, self._still_allowed)

    def _still_allowed(self, allowed: bool) -> None:
        if not allowed and self.window is not None:
            self.logout(messages.message(ErrorCode.ACCOUNT_DISABLED_BY_HQ))

    def logout(self, notice: str = "") -> None:
        self.idle.stop()
        self._drop_lock()
        self._close_window()
        remember_folders_for(None, None)
        if self.services is not None:
            self._use_language(None)
            self.worker.submit(self.services.accounts.logout, lambda _r: self.ask_login(notice))

    def _close_window(self) -> None:
        if self.window is not None:
            self.window.close_forms()
            self.window.sync_controller.stop()
            self.window.hide()
            self.window.deleteLater()
            self.window = None

    def shutdown(self) -> None:
        self.idle.stop()
        if self.upkeep is not None:
            self.upkeep.stop()
        if self.window is not None:  # its timers must not fire into a stopped worker
            self.window.sync_controller.stop()
        self.worker.shutdown()
        if self.services is not None:
            self.services.close()


def _qt_message_to_log(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
    """Qt's own warnings go to the log file, not to a console the user never sees."""
    level = logging.DEBUG if kind == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("qt").log(level, "%s", text)


def _no_display() -> bool:
    """On Linux without X11/Wayland Qt would abort the process; say it in words instead."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def run_app(data_dir: Path, selftest: bool = False) -> int:
    if selftest:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if _no_display():
        print(
            "sanad: no display was found (DISPLAY is not set): start Sanad in a desktop "
            "session, or check the installation with: sanad --selftest",
            file=sys.stderr,
        )
        return 1
    setup_logging(data_dir)
    install_excepthook()
    language = Preferences.load(data_dir).language
    try:
        qt_app, loaded = make_application(language)
    except Exception:  # no display, missing Qt libraries: say so on the console
        log.exception("the window system could not be started")
        traceback.print_exc()
        return 1
    worker = Worker()
    if selftest:
        return run_selftest(qt_app, worker, data_dir, language, loaded)
    qInstallMessageHandler(_qt_message_to_log)
    controller = AppController(qt_app, worker, data_dir)
    controller.start()
    code = qt_app.exec()
    controller.shutdown()
    return controller.exit_code or code
