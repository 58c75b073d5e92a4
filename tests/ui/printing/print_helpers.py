"""Helpers of the desk printing tests: the preview windows open now, the print entries of the
audit log, and cases with a visit due tomorrow (for the day's visit sheets)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication

from app.services.case_dto import CaseDraft, CaseView
from app.services.setup import AppServices
from app.ui.printing.preview import PrintPreviewDialog
from tests.conftest import TODAY

TOMORROW = TODAY + timedelta(days=1)


def previews() -> list[PrintPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog)]


def audit_actions(services: AppServices) -> list[str]:
    """The print entries of the audit log, oldest first."""
    from sqlalchemy import select

    from app.db.models import AuditRow

    with services.ctx.db.read() as session:
        rows = session.scalars(
            select(AuditRow.action).where(AuditRow.action.like("print.%")).order_by(AuditRow.seq)
        )
        return list(rows)


def visits_tomorrow(services: AppServices, person: str, cases: int) -> list[CaseView]:
    out = []
    for _ in range(cases):
        case = services.cases.open_case(CaseDraft(person, "elderly", summary="متابعة"))
        services.case_workflow.add_event(
            case.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"}
        )
        out.append(case)
    return out
