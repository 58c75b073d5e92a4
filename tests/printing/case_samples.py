"""The case the case-form tests print (one event of every kind, a correction, a hidden note and
a confidential one), its parts, and how the tests read the printed text back: without
whitespace, in order, cut into sections.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from app.domain.case_access import Access
from app.domain.case_events import (
    EventKind,
)
from app.domain.cases import CaseStatus, RiskLevel
from app.printing.document import Form, PrintMeta, render
from app.services.case_dto import CaseEventView, CaseView
from tests.printing.pdf_text import (
    assert_in_order,
    normalize,
    page_count,
)

CASE_ID = "01a20491-be38-7075-82a6-5765e09ecd1b"
NUMBER = "DEMO-2026-00042"
NATIONAL = "119732059078"
PERSON = "حسن وائل علي المقريف"
WORKER = "نجوى الزنتاني"
AGENCIES = {"legal_aid": "إدارة المحاماة الشعبية", "unicef": "اليونيسف"}
SECRET = "نص سري يجب ألا يظهر أبدا"
TYPE_FIELDS = [
    ("المحكمة", "محكمة الأحداث - طرابلس"),
    ("رقم ملف القضية", "12/2026"),
    ("اسم ولي الأمر", "وائل علي المقريف"),
    ("صلة ولي الأمر", "الأب"),
]
_SEQ = iter(range(1, 1_000_000))


def event(
    kind: EventKind,
    payload: dict[str, object],
    *,
    on: date = date(2026, 3, 5),
    state: str | None = None,
    due: date | None = None,
    **changes: object,
) -> CaseEventView:
    n = next(_SEQ)
    base = CaseEventView(
        id=f"01a20491-0000-7000-8000-{n:012x}",
        kind=kind.value,
        occurred_on=on,
        due_on=due,
        state=state,
        confidential=False,
        hidden=False,
        payload=payload,
        amends_id=None,
        superseded=False,
        author=WORKER,
        created_at=datetime(2026, 3, 5, 9, 0) + timedelta(minutes=n),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def make_case(events: tuple[CaseEventView, ...], **changes: object) -> CaseView:
    base = CaseView(
        id=CASE_ID,
        number=NUMBER,
        type_code="juvenile",
        status=CaseStatus.FOLLOW_UP.value,
        sensitive=True,
        beneficiary_id="01a20491-b120-7df2-845e-a87a3c0a0ac2",
        person_name=PERSON,
        national_number=NATIONAL,
        household_id=None,
        assigned_to="u-worker",
        assigned_name=WORKER,
        opened_on=date(2026, 2, 3),
        closed_on=None,
        closure_reason=None,
        closure_note="",
        risk_level=RiskLevel.HIGH.value,
        summary="حدث في نزاع مع القانون، يحتاج إلى متابعة أسرية ومدرسية.",
        extra={},
        next_due_on=date(2026, 4, 1),
        last_visit_on=date(2026, 3, 10),
        transfer_to=None,
        origin_branch="DEMO",
        row_version=3,
        access=Access.EDIT,
        next_statuses=(),
        events=events,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def full_case() -> CaseView:
    """One event of every kind, a correction, a hidden note and a confidential one."""
    visit = event(
        EventKind.VISIT,
        {"due_on": "2026-03-08", "place": "home", "state": "planned"},
        state="planned",
        due=date(2026, 3, 8),
    )
    events = (
        event(EventKind.STATUS_CHANGE, {"from": "new", "to": "assessment", "reason": ""}),
        event(
            EventKind.ASSESSMENT,
            {"needs": ["legal", "education"], "risk_level": "high", "summary": "تقييم أولي"},
        ),
        event(
            EventKind.PLAN_ITEM,
            {
                "goal": "العودة إلى المدرسة",
                "action": "التنسيق مع مدير المدرسة",
                "owner": "الأخصائي",
                "due_on": "2026-04-01",
                "state": "open",
            },
            state="open",
        ),
        replace(visit, superseded=True),
        event(
            EventKind.VISIT,
            {
                "due_on": "2026-03-08",
                "place": "home",
                "place_detail": "حي الأندلس",
                "state": "done",
                "done_on": "2026-03-10",
                "outcome": "الأسرة متعاونة",
            },
            on=date(2026, 3, 10),
            state="done",
            amends_id=visit.id,
        ),
        event(
            EventKind.NOTE,
            {"text": "اتصل ولي الأمر من الرقم +218912345678 بخصوص UNICEF يوم 11/03/2026"},
        ),
        event(EventKind.NOTE, {"text": SECRET}, confidential=True, hidden=True),
        event(EventKind.NOTE, {"text": "ملاحظة سرية مرئية للأخصائي"}, confidential=True),
        event(
            EventKind.REFERRAL,
            {
                "agency": "legal_aid",
                "reason": "توكيل محام للدفاع",
                "state": "sent",
                "reply_due_on": "2026-04-15",
            },
            state="sent",
            id="01a20491-b151-7695-86d4-961bef633fe5",
        ),
        event(EventKind.DOCUMENT, {"title": "حكم المحكمة", "filename": "decision-12.pdf"}),
        event(EventKind.ASSIGNMENT, {"from": None, "to": "u-worker"}),
        event(EventKind.TRANSFER_REQUEST, {"to": "BEN02", "reason": "انتقال الأسرة"}),
        event(
            EventKind.STATUS_CHANGE,
            {
                "from": "plan",
                "to": "pending_closure",
                "closure_reason": "goals_achieved",
                "reason": "",
                "open_items": [  # the closure checklist: what was left open, with its reason
                    {
                        "event": "e1",
                        "kind": "referral",
                        "title": "legal_aid",
                        "due_on": None,
                        "reason": "لم ترد الجهة رغم التذكير",
                    },
                    {
                        "event": "e2",
                        "kind": "visit",
                        "title": "home",
                        "due_on": "2026-03-08",
                        "reason": "انتقلت الأسرة قبل الموعد",
                    },
                ],
            },
        ),
    )
    return make_case(events)


def court_event(**payload: object) -> CaseEventView:
    values: dict[str, object] = {
        "court": "محكمة الأحداث - طرابلس",
        "court_file_number": "12/2026",
        "hearing_on": "2026-05-20",
        "family_background": "يعيش الحدث مع والديه وأربعة إخوة.",
        "social_situation": "يدرس في الصف الثامن.",
        "recommendations": "نوصي بتسليمه إلى ولي أمره.",
    }
    values.update(payload)
    return event(EventKind.COURT_REPORT, values, on=date(2026, 5, 1), confidential=True)


def flat(text: str) -> str:
    """The text without any whitespace.

    pdftotext rebuilds the logical order of a right-to-left line from glyph positions and puts
    the space beside a left-to-right run (a phone number, a date, a Latin word) on the wrong
    side of it: "الرقم +218… بخصوص" comes back as "الرقم  +218…بخصوص". The letters, digits and
    their order are what the reader sees, so the order checks compare them without spaces.
    """
    return re.sub(r"\s+", "", text)


def in_order(text: str, values: list[str]) -> None:
    assert_in_order(flat(text), [flat(v) for v in values])


def sections(text: str, markers: list[str]) -> list[str]:
    """The text (without whitespace) cut at each marker, found in order: one piece per marker.

    Values inside a table are checked per piece, not in order: pdftotext reads the cells of a
    two-column table column by column, so their order in its output means nothing.
    """
    flat_text = flat(text)
    starts: list[int] = []
    for marker in markers:
        wanted = flat(normalize(marker))
        found = flat_text.find(wanted, starts[-1] + 1 if starts else 0)
        assert found >= 0, f"{marker!r} not found in order"
        starts.append(found)
    ends = [*starts[1:], len(flat_text)]
    return [flat_text[a:b] for a, b in zip(starts, ends, strict=True)]


def printed(form: Form, meta: PrintMeta, tmp_path: Path, name: str = "form") -> Path:
    path = tmp_path / f"{name}.pdf"
    pages = render([form], meta, path)
    assert pages == page_count(path)
    return path
