"""The desk's conventions, rendered offscreen into docs/screenshots/: Qt's file dialog in
Arabic (file_dialog.png), a calendar with the Libyan week (calendar.png), and the audit log
with its details in words (audit_details.png).

Run: uv run python tools/make_convention_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QFileDialog  # noqa: E402

from app.bootstrap import build_services  # noqa: E402
from app.domain.errors import DomainError  # noqa: E402
from app.ui.audit.browser import AuditBrowser  # noqa: E402
from app.ui.common import file_dialogs  # noqa: E402
from app.ui.common.fonts import apply_fonts  # noqa: E402
from app.ui.common.translations import install_language  # noqa: E402
from app.ui.common.worker import Worker  # noqa: E402
from tools.make_screenshots import save, save_dialog, wait_until  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    apply_fonts(app)
    install_language(app, "ar")
    with tempfile.TemporaryDirectory(prefix="sanad-conventions-") as tmp:
        folder = Path(tmp) / "المستندات"
        for name in ("تقارير الحالات", "ذاكرة محمولة"):
            (folder / name).mkdir(parents=True)
        (folder / "ملخص-حالة.pdf").write_bytes(b"%PDF-1.4\n" * 4000)
        file_dialogs.remember_folders_for(lambda: str(folder), None)
        dialog = file_dialogs._dialog(None, "حفظ بصيغة PDF", "ملفات PDF (*.pdf)")
        file_dialogs.remember_folders_for(None, None)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile("ملخص-حالة-DEMO-2026-00042.pdf")
        dialog.resize(900, 480)
        dialog.show()
        wait_until(lambda: dialog.findChildren(QFileDialog) is not None)
        for _ in range(30):
            app.processEvents()
        save_dialog(dialog, args.out, "file_dialog.png")
        dialog.hide()

        services = build_services(Path(tmp) / "branch")
        for _ in range(2):
            with contextlib.suppress(DomainError):
                services.accounts.login("auditor", "wrong-password")
        services.accounts.login("auditor", "auditor-demo-2026")
        worker = Worker()
        browser = AuditBrowser(services, worker)
        browser.resize(1366, 700)
        browser.show()
        wait_until(lambda: browser.model.rowCount() > 0 and worker.is_idle())
        save_dialog(browser, args.out, "audit_details.png")
        browser.use_since.setChecked(True)
        browser.since.open_calendar()  # the pop-up as the worker sees it
        popup = browser.since.calendar().parentWidget()
        assert popup is not None
        save(popup, args.out, "calendar.png")
        browser.hide()
        worker.shutdown()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
