"""The real application controller, on a fresh data folder, closed down after the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.common.worker import Worker
from app.ui.shell.application import AppController
from app.ui.shell.login_dialog import LoginDialog


@pytest.fixture
def controller(qtbot: QtBot, data_dir: Path) -> Iterator[AppController]:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    ctl = AppController(qt_app, Worker(), data_dir)
    yield ctl
    if ctl.window is not None:
        ctl.window.close_forms()
        ctl.window.hide()
    if isinstance(ctl.dialog, LoginDialog):
        ctl.dialog.hide()
    ctl.shutdown()
