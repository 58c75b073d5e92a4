"""The application shell: self-test, lock and logout through the controller, error reporting."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.dto import BeneficiaryView
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.households.household_form import HouseholdForm
from app.ui.shell import application
from app.ui.shell.application import AppController, run_app
from app.ui.shell.login_dialog import LoginDialog
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


@pytest.fixture
def restore_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def test_selftest_exits_zero(
    data_dir: Path, restore_hooks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_app(data_dir, selftest=True) == 0
    out = capsys.readouterr().out
    assert "selftest ok" in out and "sanad_ar.qm" in out
    assert "printing ok: blank intake form" in out
    assert (data_dir / "logs" / "sanad.log").is_file()


def test_unexpected_errors_are_logged_and_shown_in_arabic(
    data_dir: Path, restore_hooks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        application.QMessageBox, "critical", lambda _parent, _title, text: shown.append(text)
    )
    log_file = application.setup_logging(data_dir)
    application.install_excepthook()
    try:
        raise RuntimeError("a bug of ours")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert shown == [application.messages.unexpected()]
    assert shown[0].startswith("حدث خطأ")
    assert log_file is not None
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "RuntimeError: a bug of ours" in log_file.read_text(encoding="utf-8")


def test_lock_unlock_and_logout(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    controller = AppController(qt_app, Worker(), data_dir)
    try:
        controller.start()
        qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
        login = controller.dialog
        assert isinstance(login, LoginDialog)
        login.username.setText("supervisor")
        login.password.setText("supervisor-demo-2026")
        login.attempt()
        qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)

        window = controller.window
        assert window is not None
        form = window.new_beneficiary()
        controller.lock()
        lock = controller.lock_dialog
        assert lock is not None and lock.isVisible()
        assert not window.isVisible() and not form.isVisible()  # nothing readable while locked
        lock.password.setText("supervisor-demo-2026")
        lock.attempt()
        qtbot.waitUntil(lambda: controller.lock_dialog is None, timeout=WAIT_MS)
        assert window.isVisible() and form.isVisible()

        window.logout_action.trigger()
        qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
        assert controller.window is None
        assert controller.services is not None and controller.services.ctx.user is None
    finally:
        if isinstance(controller.dialog, LoginDialog):
            controller.dialog.hide()
        if controller.window is not None:
            controller.window.hide()
        controller.shutdown()


def test_worker_reports_failures_to_the_right_callback(
    qtbot: QtBot, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    got: list[object] = []

    def boom() -> int:
        raise ValueError("no")

    ui_worker.submit(lambda: 41 + 1, got.append)
    ui_worker.submit(boom, got.append, got.append)
    with qtbot.waitSignal(ui_worker.unhandled_error, timeout=WAIT_MS) as unhandled:
        ui_worker.submit(boom, got.append)
    wait_idle()
    assert got[0] == 42
    assert isinstance(got[1], ValueError)
    assert isinstance(unhandled.args[0], ValueError)
    assert QMessageBox  # the application connects unhandled_error to its message box


def test_main_window_menu_opens_the_dialogs(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    registered: BeneficiaryView,
    wait_idle: Callable[[], None],
) -> None:
    from app.ui.importing.dialog import ImportDialog
    from app.ui.shell.main_window import MainWindow
    from app.ui.shell.settings_dialog import SettingsDialog

    user = worker.ctx.user
    assert user is not None
    window = MainWindow(worker, ui_worker, user, "DEMO", demo=False)
    qtbot.addWidget(window)
    window.show()
    assert not window.demo_badge.isVisible()
    window.import_action.trigger()
    assert isinstance(window.import_dialog, ImportDialog) and window.import_dialog.isVisible()
    window.import_dialog.reject()
    window.settings_action.trigger()
    settings = [w for w in window.findChildren(SettingsDialog) if w.isVisible()]
    assert len(settings) == 1
    settings[0].reject()
    window.new_action.trigger()
    assert len(window.new_forms) == 1
    first = window.open_beneficiary(registered.id)
    assert window.open_beneficiary(registered.id) is first  # one window per record
    wait_idle()
    first.household_panel.create_button.click()
    households = [w for w in window.findChildren(HouseholdForm) if w.isVisible()]
    assert len(households) == 1
    window.close_forms()


def test_a_session_ends_after_the_sync_that_disabled_its_account(
    qtbot: QtBot, data_dir: Path
) -> None:
    from app.services.setup import open_branch
    from app.sync.branch_accounts import apply_account
    from tests.conftest import FAST_HASHER, TODAY

    line = {
        "kind": "account", "user_id": "0193aaaa-0000-7000-8000-00000000a11a",
        "username": "salem", "display_name": "سالم محمد الورفلي", "role": "social_worker",
        "active": True, "version": 1, "setup": FAST_HASHER.hash("k7m2-p9qx-4hzt"),
    }  # fmt: skip
    branch = open_branch(data_dir, hasher=FAST_HASHER, today=TODAY)
    try:
        with branch.ctx.db.transaction(None) as session:
            assert apply_account(session, line)
        branch.accounts.set_first_password(
            "salem", "k7m2-p9qx-4hzt", "salem-pass-1", "salem-pass-1"
        )
    finally:
        branch.close()
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    controller = AppController(qt_app, Worker(), data_dir)
    try:
        controller.start()
        qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
        login = controller.dialog
        assert isinstance(login, LoginDialog)
        login.username.setText("salem")
        login.password.setText("salem-pass-1")
        login.attempt()
        qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
        window, services = controller.window, controller.services
        assert window is not None and services is not None
        window.sync_controller.finished.emit(True)  # a sync that changed nothing of it
        qtbot.wait(200)
        assert controller.window is window
        # HQ's line disabling the account arrives with the next sync.
        with services.ctx.db.transaction(None) as session:
            assert apply_account(session, {**line, "active": False, "version": 2})
        window.sync_controller.finished.emit(True)
        qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
        assert controller.window is None and services.ctx.user is None
        assert controller.dialog.error.text().startswith("أوقفت الإدارة العامة هذا الحساب.")
    finally:
        if isinstance(controller.dialog, LoginDialog):
            controller.dialog.hide()
        if controller.window is not None:
            controller.window.hide()
        controller.shutdown()
