"""The Sync menu, the status-bar indicator, and syncing in the background without blocking."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.demo.branch import DEMO_ACCOUNTS
from app.hq.service import HqService
from app.services.setup import AppServices
from app.services.sync import SyncService
from app.sync.http_client import HqClient
from app.sync.keys import KeyPair
from app.ui.common.worker import Worker
from app.ui.shell.main_window import MainWindow
from tests.outbox import audit_actions, data_rows
from tests.services.branch_sync import (  # noqa: F401  (fixtures used by name)
    CODE,
    FAST,
    branch,
    branch_template,
    free_port,
    hq,
    hq_template,
    register_people,
)
from tests.ui.arabic_checks import assert_arabic, english_words
from tests.ui.conftest import WAIT_MS

pytestmark = [pytest.mark.gui, pytest.mark.sync]


def _window(qtbot: QtBot, services: AppServices, worker: Worker, label: str) -> MainWindow:
    user = services.ctx.user
    assert user is not None
    window = MainWindow(services, worker, user, label, demo=label == "DEMO")
    qtbot.addWidget(window)
    window.show()
    return window


def _enrolled_offline(services: AppServices, tmp_path: Path) -> SyncService:
    """The branch enrolled with an HQ that is not running (its keys went by USB)."""
    url = f"http://127.0.0.1:{free_port()}"
    enrollment = tmp_path / f"{CODE}.sanad-enroll.json"
    enrollment.write_text(
        json.dumps({
            "hq_url": url, "hq": KeyPair.generate("HQ").public.to_json(), "code": CODE,
            "name": "فرع طرابلس", "token": "one-time",
        }),
        encoding="utf-8",
    )  # fmt: skip
    sync = SyncService(services.ctx, lambda u: HqClient(u, policy=FAST, sleep=lambda _s: None))
    assert not sync.enroll(enrollment, tmp_path / "usb").registered
    return sync


def test_the_sync_menu_has_its_three_actions(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    window = _window(qtbot, worker, ui_worker, "DEMO")
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "م&زامنة" in menus
    menu = menus["م&زامنة"]
    assert isinstance(menu, QMenu)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["مزامنة الآن", "تصدير إلى ذاكرة محمولة…", "استيراد من ذاكرة محمولة…"]
    wait_idle()


def test_the_status_bar_shows_pending_changes_and_the_last_sync(
    qtbot: QtBot, real_branch: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    window = _window(qtbot, real_branch, ui_worker, CODE)
    indicator = window.sync_controller.indicator
    wait_idle()
    waiting = SyncService(real_branch.ctx).status().pending_changes
    assert indicator.label.text() == f"تغييرات بانتظار المزامنة: {waiting} · آخر مزامنة: لم تتم بعد"
    assert indicator.isVisible() and indicator.parent() is not None
    register_people(real_branch, 1)
    pending = SyncService(real_branch.ctx).status().pending_changes
    with real_branch.ctx.db.read() as session:
        assert pending == len(data_rows(session)) + len(audit_actions(session)) > waiting
    window.sync_controller.refresh()
    wait_idle()
    assert indicator.label.text().startswith(f"تغييرات بانتظار المزامنة: {pending} ·")
    assert not english_words(indicator.label.text())


def test_the_demo_branch_status_bar_counts_no_changes_it_will_never_send(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    window = _window(qtbot, worker, ui_worker, "DEMO")
    indicator = window.sync_controller.indicator
    wait_idle()
    with worker.ctx.db.read() as session:
        assert data_rows(session) == []
        trail = audit_actions(session)
    assert trail == ["user.create"] * len(DEMO_ACCOUNTS) + ["login"]  # changes, never sent
    assert indicator.label.text() == "فرع تجريبي: لا يُزامَن مع المقر الرئيسي"
    assert not any(ch.isdigit() for ch in indicator.label.text())
    assert "تجريبي" in indicator.label.toolTip()


def test_sync_on_the_demo_branch_explains_in_arabic(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    window = _window(qtbot, worker, ui_worker, "DEMO")
    controller = window.sync_controller
    controller.sync_action.trigger()
    qtbot.waitUntil(lambda: not controller.busy, timeout=WAIT_MS)
    assert controller.last_message == "هذا فرع تجريبي: لا يُزامَن مع المقر الرئيسي أبداً."
    assert controller.dialog is not None
    assert_arabic(controller.dialog)
    wait_idle()


@pytest.fixture
def real_branch(branch: AppServices) -> Iterator[AppServices]:  # noqa: F811
    yield branch


def test_sync_now_with_hq_unreachable_shows_the_arabic_error_and_the_app_stays_usable(
    qtbot: QtBot,
    real_branch: AppServices,
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    tmp_path: Path,
) -> None:
    _enrolled_offline(real_branch, tmp_path)
    register_people(real_branch, 2)
    window = _window(qtbot, real_branch, ui_worker, CODE)
    controller = window.sync_controller
    release = threading.Event()
    attempts: list[int] = []

    def unreachable(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        release.wait(10)  # HQ keeps the branch waiting, as a dead line does
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    controller.service = SyncService(
        real_branch.ctx,
        lambda url: HqClient(
            url, policy=FAST, transport=httpx.MockTransport(unreachable), sleep=lambda _s: None
        ),
    )
    controller.sync_action.trigger()
    qtbot.waitUntil(lambda: bool(attempts), timeout=WAIT_MS)
    assert controller.busy and not controller.sync_action.isEnabled()
    # While the sync waits on the network, the worker still answers the user.
    window.search_page.set_query("أحمد")
    window.search_page.search_now()
    qtbot.waitUntil(lambda: window.search_page.model.rowCount() > 0, timeout=WAIT_MS)
    found: list[object] = []
    ui_worker.submit(lambda: register_people(real_branch, 1), found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT_MS)
    release.set()
    qtbot.waitUntil(lambda: not controller.busy, timeout=WAIT_MS)
    wait_idle()
    assert controller.last_message == (
        "خدمة المزامنة في المقر الرئيسي لا تستجيب. حاول لاحقاً؛ لم يُفقد شيء."
    )
    assert controller.dialog is not None
    assert controller.dialog.outcome.text() == controller.last_message
    assert_arabic(controller.dialog)
    indicator = controller.indicator
    qtbot.waitUntil(lambda: indicator.error.isVisible(), timeout=WAIT_MS)
    assert indicator.error.text() == "آخر محاولة: المقر الرئيسي لا يستجيب"
    assert not english_words(indicator.label.text() + indicator.error.text())
    pending = SyncService(real_branch.ctx).status().pending_changes
    assert indicator.label.text().startswith(f"تغييرات بانتظار المزامنة: {pending} ·")
    assert controller.sync_action.isEnabled()


def test_usb_export_and_import_from_the_menu(
    qtbot: QtBot,
    real_branch: AppServices,
    hq: HqService,  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.hq.enrollment import Registration
    from app.ui.sync import controller as sync_controller

    enrollment = hq.add_branch(CODE, "فرع طرابلس", tmp_path, url=f"http://127.0.0.1:{free_port()}")
    SyncService(real_branch.ctx, lambda u: HqClient(u, policy=FAST, sleep=lambda _s: None)).enroll(
        enrollment, tmp_path / "usb"
    )
    hq.register_keys(Registration.from_file(tmp_path / "usb" / f"{CODE}.sanad-keys.json"))
    register_people(real_branch, 2)
    window = _window(qtbot, real_branch, ui_worker, CODE)
    controller = window.sync_controller
    stick = tmp_path / "stick"
    monkeypatch.setattr(sync_controller, "choose_folder", lambda _parent, _title: stick)
    controller.export_action.trigger()
    qtbot.waitUntil(lambda: not controller.busy, timeout=WAIT_MS)
    assert controller.last_message.startswith("ملفات الدفعات المكتوبة: 1")
    (batch,) = stick.glob("*.sanad")
    (result,) = hq.import_files([batch])
    assert result.receipt is not None
    monkeypatch.setattr(sync_controller, "choose_answers", lambda *_a: [result.receipt])
    controller.import_action.trigger()
    qtbot.waitUntil(lambda: not controller.busy, timeout=WAIT_MS)
    # HQ's reference data (queued as the branch enrolled), then the confirmation.
    assert controller.last_message.startswith("بنود الرد المطبّقة: 2 (مطبّقة من قبل: 0)")
    assert controller.dialog is not None
    assert_arabic(controller.dialog)
    wait_idle()
    label = controller.indicator.label.text()
    with real_branch.ctx.db.read() as session:  # all sent; the trip's own entries wait
        assert data_rows(session) == []
        assert audit_actions(session) == ["sync.export", "sync.import"]
    # ... and are not the user's pending changes.
    assert label.startswith("تغييرات بانتظار المزامنة: 0 · آخر مزامنة: ")
    assert "لم تتم بعد" not in label


def test_a_recovered_branch_is_told_so_in_arabic(
    qtbot: QtBot, worker: AppServices, ui_worker: Worker, wait_idle: Callable[[], None]
) -> None:
    """After a restore from an older copy: what came back from HQ and what went again."""
    from app.services.sync_results import ImportResult, Recovered, SyncResult

    window = _window(qtbot, worker, ui_worker, "DEMO")
    controller = window.sync_controller
    recovered = Recovered(from_hq=7, resent=5, shared=2)
    text = controller.describe_sync(SyncResult(1, 5, 40, 3, 0, recovered))
    first = text.splitlines()[0]
    assert first.startswith("استُعيد هذا الفرع من نسخة احتياطية أقدم.")
    assert "7 سجلاً" in first and "5 تغييراً" in first and "لم يُفقد شيء" in first
    assert not english_words(text)
    controller._imported([ImportResult(2, 0, 40, 5, recovered)])
    assert controller.last_message.startswith("استُعيد هذا الفرع")
    assert "صدِّر" in controller.last_message
    wait_idle()


def test_closing_the_window_with_a_refresh_due_asks_nothing_of_a_stopped_worker(
    qtbot: QtBot, worker: AppServices
) -> None:
    """The status timer stops with the window; a refresh that comes late anyway (a queued
    timeout, a form's `saved` signal) is a no-op once the worker is shut down, instead of
    "the worker was shut down" raised inside Qt's event loop."""
    own = Worker()
    window = _window(qtbot, worker, own, "DEMO")
    controller = window.sync_controller
    qtbot.wait(100)  # the first status refresh comes and goes
    window.close()
    assert not controller._refresh.isActive() and not controller._poll.isActive()
    own.shutdown()
    controller.refresh()  # late: must not raise
    controller._refresh.timeout.emit()
    qtbot.wait(50)
