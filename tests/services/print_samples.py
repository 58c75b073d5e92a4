"""What the print service tests print and how they read it back: a case with an assessment, a
confidential note and a visit due tomorrow; a print's text (pdftotext) and the print entries
of the audit log.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from app.services.case_dto import CaseView
from app.services.printing import PrintResult
from tests.conftest import TODAY
from tests.printing.pdf_text import page_count, pdf_text
from tests.services.case_staff import Office

TOMORROW = TODAY + timedelta(days=1)
SECRET = "تفاصيل سرية عن العنف الأسري"
REPORT_TEXT = "الحدث يعيش مع جدته في ظروف صعبة"


def text_of(result: PrintResult, tmp_path: Path, name: str = "out.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(result.pdf)
    assert page_count(path) == result.pages
    return pdf_text(path)


def with_secret(office: Office, username: str = "worker", type_code: str = "elderly") -> CaseView:
    """A case of `username` with an assessment, a confidential note and a planned visit."""
    case = office.open(username, type_code)
    flow = office.s.case_workflow
    flow.move(case.id, "assessment")
    flow.add_event(
        case.id,
        "assessment",
        {"needs": ["housing"], "risk_level": "medium", "summary": "السكن غير ملائم"},
    )
    flow.add_event(case.id, "note", {"text": SECRET, "confidential": True})
    flow.add_event(case.id, "visit", {"due_on": TOMORROW.isoformat(), "place": "home"})
    return case


def prints(office: Office, mark: int) -> list[tuple[str, str | None, dict[str, Any]]]:
    return [
        (e.action, e.entity_id, e.details)
        for e in office.audit_since(mark)
        if e.action.startswith("print.")
    ]
