"""USB export and import on a branch that cannot sync say so before any folder is asked for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.shell.main_window import MainWindow
from tests.ui.arabic_checks import assert_arabic

pytestmark = [pytest.mark.gui, pytest.mark.sync]


def _window(qtbot: QtBot, services: AppServices, worker: Worker) -> MainWindow:
    user = services.ctx.require()
    window = MainWindow(services, worker, user, "DEMO", demo=True)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("action", ["export_action", "import_action"])
def test_usb_on_the_demo_branch_refuses_before_asking_for_a_folder(
    qtbot: QtBot,
    worker: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    action: str,
) -> None:
    from app.ui.sync import controller as sync_controller

    asked: list[str] = []

    def folder(_parent: object, title: str) -> Path | None:
        asked.append(title)
        return None

    def answers(_parent: object, title: str, _kinds: str) -> list[Path]:
        asked.append(title)
        return []

    monkeypatch.setattr(sync_controller, "choose_folder", folder)
    monkeypatch.setattr(sync_controller, "choose_answers", answers)
    window = _window(qtbot, worker, ui_worker)
    wait_idle()
    controller = window.sync_controller
    getattr(controller, action).trigger()
    assert asked == []  # no file dialog was opened
    assert controller.last_message == "هذا فرع تجريبي: لا يُزامَن مع المقر الرئيسي أبداً."
    assert controller.dialog is not None and controller.dialog.isVisible()
    assert_arabic(controller.dialog)
    assert not controller.busy
    wait_idle()
