"""Settings, the idle lock, login failures and the first admin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.accounts import MAX_FAILED_LOGINS
from app.services.preferences import Preferences
from app.services.setup import AppServices, initialize_branch, open_branch
from app.ui.common.worker import Worker
from app.ui.shell.lock import IdleWatcher, LockDialog
from app.ui.shell.login_dialog import FirstAdminDialog, LoginDialog
from app.ui.shell.settings_dialog import SettingsDialog
from tests.conftest import FAST_HASHER, TODAY
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


def test_settings_language_is_the_users_own_and_idle_lock_the_installations(
    qtbot: QtBot, worker: AppServices, data_dir: Path
) -> None:
    dialog = SettingsDialog(worker)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "ar"
    assert dialog.language.currentText() == "العربية"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.idle_minutes.setValue(25)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.language_changed
    user = worker.ctx.require()
    saved = Preferences.load(data_dir)
    assert saved.language_of(user.id) == "en"
    assert saved.language == "ar"  # the login screen keeps the installation's language
    assert saved.language_of("someone-else") == "ar"
    assert saved.idle_lock_minutes == 25
    assert worker.preferences.idle_lock_minutes == 25


def test_lock_dialog_needs_the_password(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    dialog = LockDialog(worker, ui_worker, 10)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # Esc does not get past the lock
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    wait_idle()
    assert dialog.error.text() == "كلمة المرور غير صحيحة."
    with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS):
        qtbot.keyClicks(dialog.password, "worker-demo-2026")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_idle_watcher_fires_after_quiet_time(qtbot: QtBot) -> None:
    watcher = IdleWatcher(1)
    watcher._timer.setInterval(50)  # a minute is the smallest setting; shorten it for the test
    watcher.start()
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    watcher.stop()


def test_login_lockout_says_how_many_minutes(
    qtbot: QtBot, services: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    dialog = LoginDialog(services, ui_worker, "DEMO", demo=True)
    qtbot.addWidget(dialog)
    dialog.username.setText("worker")
    for _ in range(MAX_FAILED_LOGINS):
        dialog.password.setText("wrong")
        dialog.attempt()
        wait_idle()
    assert dialog.error.text() == "الحساب مقفل. حاول مرة أخرى بعد 15 دقيقة."
    dialog.password.setText("worker-demo-2026")
    dialog.attempt()
    wait_idle()
    assert dialog.error.text().startswith("الحساب مقفل.")
    assert dialog.user is None


def test_first_admin_on_a_branch_without_accounts(
    qtbot: QtBot, tmp_path: Path, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    folder = tmp_path / "real-branch"
    initialize_branch(folder, "TRP01", "فرع طرابلس")
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    try:
        assert not services.accounts.has_users()
        dialog = FirstAdminDialog(services, ui_worker)
        qtbot.addWidget(dialog)
        dialog.username.setText("Admin One")
        dialog.password.setText("short")
        dialog.confirm.setText("short")
        dialog.attempt()
        wait_idle()
        assert dialog.slots["username"].error().startswith("استخدم من 3 إلى 40")
        dialog.username.setText("amal")
        dialog.display_name.setText("أمل الترهوني")
        dialog.attempt()
        wait_idle()
        assert dialog.slots["password"].error() == "يجب ألا تقل كلمة المرور عن 8 أحرف."
        dialog.password.setText("a-long-password")
        dialog.confirm.setText("another-password")
        dialog.attempt()
        assert dialog.slots["confirm"].error() == "كلمتا المرور غير متطابقتين."
        dialog.confirm.setText("a-long-password")
        with qtbot.waitSignal(dialog.created, timeout=WAIT_MS) as signal:
            dialog.attempt()
        assert signal.args[0].username == "amal"
        assert [u.role for u in services.accounts.list_users()] == ["branch_admin"]
    finally:
        services.close()
