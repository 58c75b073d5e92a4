"""Render the print preview and the "visit sheets for a day" dialog offscreen, with demo data,
into docs/screenshots/print_preview.png and print_batch.png.

Run: uv run python tools/make_print_screenshots.py [--out docs/screenshots]
A fresh demo branch is made in a temporary folder; a case with an assessment, a plan and a
visit due tomorrow is written through the services, printed by the print service, and shown
in the real preview dialog once its pages are rendered. The batch dialog is grabbed while it
prepares twelve sheets (held at sheet 8 so that the picture shows the progress bar).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402

from app.demo.branch import ensure_demo_seeded  # noqa: E402
from app.services.case_dto import CaseDraft  # noqa: E402
from app.services.setup import AppServices, open_branch  # noqa: E402
from app.ui.common.worker import Worker  # noqa: E402
from app.ui.printing.batch_print_dialog import BatchPrintDialog  # noqa: E402
from app.ui.printing.preview import PrintPreviewDialog  # noqa: E402
from app.ui.shell.application import make_application  # noqa: E402
from tools.make_screenshots import framed, wait_until  # noqa: E402

TODAY = date(2026, 11, 22)
TOMORROW = TODAY + timedelta(days=1)


def seed(services: AppServices) -> str:
    """Twelve cases of the demo worker with a visit due tomorrow; the first one worked."""
    services.accounts.login("worker", "worker-demo-2026")
    people = [h.id for h in services.beneficiaries.search("", limit=12)]
    flow = services.case_workflow
    first = ""
    for index, person in enumerate(people):
        case = services.cases.open_case(
            CaseDraft(person, "displaced", summary="أسرة نازحة من تاورغاء تقيم في سكن مؤقت")
        )
        if index == 0:
            first = case.id
            flow.move(case.id, "assessment")
            flow.add_event(
                case.id,
                "assessment",
                {
                    "needs": ["housing", "income"],
                    "risk_level": "medium",
                    "summary": "السكن غير ملائم والدخل لا يكفي لحاجات الأسرة",
                },
            )
            flow.move(case.id, "plan")
            flow.add_event(
                case.id,
                "plan_item",
                {
                    "goal": "سكن ملائم",
                    "action": "التنسيق مع البلدية لتوفير سكن بديل",
                    "owner": "الأخصائية",
                    "due_on": "2026-12-20",
                },
            )
            flow.move(case.id, "follow_up")
        flow.add_event(case.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"})
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sanad-print-") as tmp:
        return _shoot(Path(tmp) / "branch", out)


def _save(widget: PrintPreviewDialog | BatchPrintDialog, path: Path) -> None:
    if not framed(widget).save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def _shoot(data_dir: Path, out: Path) -> int:
    make_application("ar")
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # demo data only
    services = open_branch(data_dir, hasher=hasher, today=TODAY)
    ensure_demo_seeded(services, people=40)
    worker = Worker()
    try:
        case_id = seed(services)
        result = services.printing.case_summary(case_id)
        number = services.case_workflow.case_view(case_id).number
        preview = PrintPreviewDialog(
            worker, result.pdf, title=f"ملخص الحالة {number}", file_name=result.file_name
        )
        preview.resize(1000, 780)
        preview.show()
        wait_until(lambda: 0 in preview.rendered_pages() and worker.is_idle())
        _save(preview, out / "print_preview.png")
        preview.close()

        dialog = BatchPrintDialog(services, worker)
        dialog.show()
        gate = threading.Event()
        worker.submit(lambda: gate.wait(30))  # holds the batch so the picture shows progress
        dialog.start()
        dialog._progress = (7, 12)  # the state the batch reports at sheet 8
        dialog._show_progress()
        wait_until(lambda: True)
        _save(dialog, out / "print_batch.png")
        dialog.cancel()
        gate.set()
        wait_until(worker.is_idle)
    finally:
        worker.shutdown()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
