"""Render the case work list tabs, the branch figures and the audit log browser offscreen,
with demo cases, into docs/screenshots/{worklist,figures,audit}_*.png.

Run: uv run python tools/make_worklist_screenshots.py [--out docs/screenshots]
A fresh demo branch is made in a temporary folder (with its demo cases: a year of work by two
social workers, app.demo.cases), then the real main window is shown as each role.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from app.demo.branch import ensure_demo_seeded  # noqa: E402
from app.services.setup import AppServices, open_branch  # noqa: E402
from app.ui.common.worker import Worker  # noqa: E402
from app.ui.shell.application import make_application  # noqa: E402
from app.ui.shell.main_window import MainWindow  # noqa: E402
from tools.make_screenshots import save, wait_until  # noqa: E402

TODAY = date(2026, 11, 22)


def _as(services: AppServices, username: str) -> None:
    services.accounts.login(username, f"{username}-demo-2026")


def _window(services: AppServices, worker: Worker, username: str) -> MainWindow:
    _as(services, username)
    user = services.ctx.user
    assert user is not None
    window = MainWindow(services, worker, user, services.ctx.branch_code, demo=True)
    window.resize(1366, 768)
    window.show()
    wait_until(worker.is_idle)
    return window


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sanad-worklists-") as tmp:
        return _shoot(Path(tmp) / "branch", out)


def _shoot(data_dir: Path, out: Path) -> int:
    make_application("ar")
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # demo data only
    services = open_branch(data_dir, hasher=hasher, today=TODAY)
    ensure_demo_seeded(services, people=150)
    worker = Worker()
    try:
        window = _window(services, worker, "worker")
        page = window.my_cases_page
        assert page is not None
        wait_until(lambda: page.model.rowCount() > 0 and not page.model.loading)
        save(window, out, "worklist_my_cases.png")
        page.lists.buttons["waiting"].click()
        wait_until(worker.is_idle)
        save(window, out, "worklist_waiting.png")
        page.lists.buttons["agenda_week"].click()
        wait_until(worker.is_idle)
        save(window, out, "worklist_agenda.png")
        page.status_chips["follow_up"].click()  # a stage chip: only that stage
        wait_until(worker.is_idle)
        page.filter.setText("احمد")  # finds أحمد too
        page.filter.flush()
        wait_until(lambda: worker.is_idle() and not page.model.loading)
        page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by beneficiary
        wait_until(lambda: worker.is_idle() and not page.model.loading)
        save(window, out, "worklist_filtered.png")
        window.close_forms()
        window.hide()

        window = _window(services, worker, "supervisor")
        supervision = window.supervisor_page
        assert supervision is not None
        wait_until(lambda: supervision.workload.rowCount() > 0 and worker.is_idle())
        save(window, out, "worklist_supervision.png")
        some_case = supervision.model.index(0, 0).data()  # the most overdue case's number
        supervision.lists.buttons["pending_closure"].click()
        wait_until(worker.is_idle)
        save(window, out, "worklist_pending_closures.png")
        figures = window.figures_page
        assert figures is not None
        window.tabs.setCurrentWidget(figures)
        wait_until(lambda: figures.figures is not None and worker.is_idle())
        save(window, out, "figures_branch.png")
        figures.type_combo.setCurrentIndex(figures.type_combo.findData("displaced"))
        save(window, out, "figures_one_type.png")
        figures.type_combo.setCurrentIndex(0)
        figures.views.setCurrentWidget(figures.people)
        save(window, out, "figures_people.png")
        figures.views.setCurrentIndex(0)
        assert window.audit_action is not None
        window.audit_action.trigger()
        browser = window.audit_browser
        assert browser is not None
        wait_until(lambda: browser.model.rowCount() > 0 and worker.is_idle())
        browser.action.setCurrentIndex(browser.action.findData("case."))
        browser.use_since.setChecked(True)
        browser.search()
        wait_until(lambda: worker.is_idle() and not browser.model.loading)
        browser.verify()
        wait_until(worker.is_idle)
        save(browser, out, "audit_browser.png")
        browser.clear_filters()
        wait_until(worker.is_idle)
        browser.case_number.setText(str(some_case))
        browser.search()
        wait_until(lambda: worker.is_idle() and not browser.model.loading)
        save(browser, out, "audit_browser_case.png")
        browser.close()
        window.close_forms()
        window.hide()
    finally:
        worker.shutdown()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
