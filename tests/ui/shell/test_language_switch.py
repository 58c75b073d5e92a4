"""The language is each user's own: applied at their login, and at once from the settings
(the main window is built again; the user stays logged in; no restart)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.preferences import Preferences
from app.ui.common.translations import install_language
from app.ui.common.worker import Worker
from app.ui.shell.application import AppController
from app.ui.shell.login_dialog import LoginDialog
from app.ui.shell.settings_dialog import SettingsDialog
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui


@pytest.fixture
def controller(qtbot: QtBot, data_dir: Path) -> Iterator[AppController]:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    controller = AppController(qt_app, Worker(), data_dir)
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
    yield controller
    if isinstance(controller.dialog, LoginDialog):
        controller.dialog.hide()
    if controller.window is not None:
        controller.window.hide()
    controller.shutdown()
    install_language(qt_app, "ar")  # the other tests run in Arabic


def _log_in(qtbot: QtBot, controller: AppController, name: str) -> None:
    login = controller.dialog
    assert isinstance(login, LoginDialog)
    login.username.setText(name)
    login.password.setText(f"{name}-demo-2026")
    login.attempt()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)


def _file_menu(controller: AppController) -> str:
    assert controller.window is not None
    return controller.window.menuBar().actions()[0].text()


def test_a_new_language_applies_at_once_and_at_the_users_next_login_only(
    qtbot: QtBot, controller: AppController, data_dir: Path
) -> None:
    _log_in(qtbot, controller, "supervisor")
    first = controller.window
    assert first is not None and _file_menu(controller) == "&ملف"
    services = controller.services
    assert services is not None
    user = services.ctx.require()

    dialog = first.open_settings()
    assert isinstance(dialog, SettingsDialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save()
    qtbot.waitUntil(lambda: controller.window is not first, timeout=WAIT_MS)
    assert controller.window is not None and controller.window.isVisible()
    assert _file_menu(controller) == "&File"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert services.ctx.user is not None and services.ctx.user.id == user.id  # still logged in
    assert Preferences.load(data_dir).language_of(user.id) == "en"

    controller.window.logout_action.trigger()  # the login screen: the installation's language
    qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert isinstance(controller.dialog, LoginDialog) and controller.dialog.isRightToLeft()

    _log_in(qtbot, controller, "worker")  # another user keeps Arabic
    assert _file_menu(controller) == "&ملف"
    assert controller.window is not None
    controller.window.logout_action.trigger()
    qtbot.waitUntil(lambda: isinstance(controller.dialog, LoginDialog), timeout=WAIT_MS)

    _log_in(qtbot, controller, "supervisor")  # ... and the supervisor has English again
    assert _file_menu(controller) == "&File"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
