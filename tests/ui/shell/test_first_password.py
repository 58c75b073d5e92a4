"""An account HQ made: at its first login the worker types the one-time setup code, then
chooses their own password twice before entering; a disabled one is refused in Arabic."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.setup import AppServices
from app.sync.branch_accounts import apply_account
from app.ui.common.worker import Worker
from app.ui.shell.first_password import FirstPasswordDialog
from app.ui.shell.login_dialog import LoginDialog
from tests.conftest import FAST_HASHER
from tests.ui.arabic_checks import assert_arabic
from tests.ui.conftest import WAIT_MS

pytestmark = pytest.mark.gui

CODE = "k7m2-p9qx-4hzt"
LINE = {
    "kind": "account", "user_id": "0193aaaa-0000-7000-8000-00000000a11a", "username": "salem",
    "display_name": "سالم محمد الورفلي", "role": "social_worker", "active": True, "version": 1,
}  # fmt: skip


def from_hq(services: AppServices, **changes: object) -> None:
    """What HQ's "account" answer line does at the branch."""
    line = {**LINE, "setup": FAST_HASHER.hash(CODE), **changes}
    with services.ctx.db.transaction(None) as session:
        assert apply_account(session, line)


def shot(widget: object, name: str) -> None:
    """Keep a picture of the screen to look at (SANAD_SHOTS=folder)."""
    folder = os.environ.get("SANAD_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))  # type: ignore[attr-defined]


def test_first_login_asks_for_a_password_twice(
    qtbot: QtBot, services: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    from_hq(services)
    dialog = LoginDialog(services, ui_worker, "TRP01", demo=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("salem")
    dialog.password.setText("wrong-code")
    dialog.attempt()
    wait_idle()
    assert dialog.error.text() == "اسم المستخدم أو كلمة المرور غير صحيحة."
    assert dialog.first_password is None
    dialog.password.setText(CODE)
    dialog.attempt()
    wait_idle()
    chooser = dialog.first_password
    assert isinstance(chooser, FirstPasswordDialog) and chooser.isVisible()
    assert_arabic(chooser)
    shot(chooser, "first_password.png")
    chooser.password.setText("short")
    chooser.confirm.setText("shorter")
    chooser.attempt()
    assert chooser.slots["confirm"].error() == "كلمتا المرور غير متطابقتين."
    chooser.confirm.setText("short")
    chooser.attempt()
    wait_idle()
    assert chooser.slots["password"].error() == "يجب ألا تقل كلمة المرور عن 8 أحرف."
    shot(chooser, "first_password_error.png")
    chooser.password.setText("salem-own-pass-1")
    chooser.confirm.setText("salem-own-pass-1")
    with qtbot.waitSignal(dialog.logged_in, timeout=WAIT_MS) as signal:
        chooser.attempt()
    assert signal.args[0].username == "salem"
    assert dialog.user is not None and not dialog.isVisible()
    [salem] = [u for u in services.accounts.list_users() if u.username == "salem"]
    assert salem.hq_managed and not salem.must_set_password


def test_a_disabled_account_is_refused_in_arabic(
    qtbot: QtBot, services: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    from_hq(services)
    from_hq(services, active=False, version=2)
    dialog = LoginDialog(services, ui_worker, "TRP01", demo=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("salem")
    dialog.password.setText(CODE)
    dialog.attempt()
    wait_idle()
    assert dialog.error.text() == "أوقفت الإدارة العامة هذا الحساب. راجع مكتب السجل في الوزارة."
    assert dialog.first_password is None and dialog.user is None
    shot(dialog, "login_disabled_by_hq.png")
