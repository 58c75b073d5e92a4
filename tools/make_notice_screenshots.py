"""Render the work lists' notices from HQ and the supervisors' open duplicate flags offscreen,
into docs/screenshots/worklist_{notices,flags}.png.

Run: uv run python tools/make_notice_screenshots.py [--out docs/screenshots]
A fresh demo branch is made in a temporary folder; HQ's answer lines (two decided conflicts
against the demo worker's changes, three duplicate flags) are applied by the branch's own
handlers, as a sync would, then the real main window is shown as the worker and the supervisor.
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

from app.demo.branch import ensure_demo_seeded  # noqa: E402
from app.services.setup import AppServices, open_branch  # noqa: E402
from app.sync.branch_conflicts import apply_notice  # noqa: E402
from app.sync.branch_flags import apply_flag  # noqa: E402
from app.ui.common.worker import Worker  # noqa: E402
from app.ui.shell.application import make_application  # noqa: E402
from tools.make_screenshots import save, wait_until  # noqa: E402
from tools.make_worklist_screenshots import _window  # noqa: E402

TODAY = date(2026, 11, 22)
OFFICER = "سعاد المبروك"
OTHER = "01a24f22-60ea-7a07-8948-0b1d2dbb59c"  # BEN01's records (their last digit: the pair)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sanad-notices-") as tmp:
        return _shoot(Path(tmp) / "branch", out)


def _answers(services: AppServices) -> None:
    services.accounts.login("worker", "worker-demo-2026")
    me = services.ctx.require().id
    people = [hit.id for hit in services.beneficiaries.search("", limit=5)]
    notices = [
        (7, people[0], "address", "حي الأندلس، شارع 12", "طريق الشط، عمارة 4",
         "العنوان في الملف الورقي هو طريق الشط"),
        (8, people[1], "deleted_at", None, "2026-11-20T10:00:00", "سجل مكرر أُدخل خطأً"),
    ]  # fmt: skip
    matched = [["national_number", "name"], ["name", "mother_name", "birth_date", "sex"],
               ["passport", "birth_date"]]  # fmt: skip
    with services.ctx.db.transaction(None) as session:
        for conflict, person, field, lost, kept, why in notices:
            assert apply_notice(session, {
                "kind": "conflict_notice", "conflict": conflict, "side": "branch",
                "user_id": me, "table": "beneficiaries", "row_id": person, "person": person,
                "field": field, "lost": lost, "kept": kept, "by": OFFICER, "reason": why,
                "at": "2026-11-21T09:30:00",
            })  # fmt: skip
        for pair, (person, fields) in enumerate(zip(people[2:], matched, strict=True), 1):
            assert apply_flag(session, {
                "kind": "duplicate_flag", "pair": pair, "person": person,
                "other_branch": "BEN01", "other_person": f"{OTHER}{pair}",
                "matched": fields, "status": "open",
            })  # fmt: skip


def _shoot(data_dir: Path, out: Path) -> int:
    make_application("ar")
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # demo data only
    services = open_branch(data_dir, hasher=hasher, today=TODAY)
    ensure_demo_seeded(services, people=150)
    _answers(services)
    worker = Worker()
    try:
        window = _window(services, worker, "worker")
        page = window.my_cases_page
        assert page is not None
        wait_until(lambda: page.notices.table.rowCount() == 2 and worker.is_idle())
        save(window, out, "worklist_notices.png")
        window.close_forms()
        window.hide()
        window = _window(services, worker, "supervisor")
        supervision = window.supervisor_page
        assert supervision is not None
        wait_until(lambda: supervision.flags.table.rowCount() == 3 and worker.is_idle())
        save(window, out, "worklist_flags.png")
        window.close_forms()
        window.hide()
    finally:
        worker.shutdown()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
