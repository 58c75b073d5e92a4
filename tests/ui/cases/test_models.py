"""The case table models under Qt's model tester, the timeline's order and marks, and which
stage buttons a case offers."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from app.domain.case_access import Access
from app.services.case_dto import CaseEventView, CaseSummary, CaseView
from app.ui.cases.event_text import Names
from app.ui.cases.events_model import (
    COL_KIND,
    COL_STATE,
    COL_SUMMARY,
    EVENT_ROLE,
    CaseEventTableModel,
)
from app.ui.cases.stage_buttons import (
    APPROVE,
    CLOSE,
    REFUSE,
    REOPEN,
    REQUEST_CLOSURE,
    stage_actions,
)
from app.ui.cases.summary_model import (
    COL_NOTE,
    COL_NUMBER,
    COL_STATUS,
    COL_TYPE,
    ID_ROLE,
    CaseSummaryTableModel,
)

pytestmark = pytest.mark.gui

NAMES = Names(agency=lambda code: {"legal_aid": "مكتب المساعدة القانونية"}.get(code, code),
              user=lambda uid: "أخصائية" if uid else "—")  # fmt: skip


def event(n: int, kind: str, payload: dict[str, object], **kw: object) -> CaseEventView:
    values: dict[str, object] = {
        "id": f"e{n}",
        "kind": kind,
        "occurred_on": date(2026, 11, n),
        "due_on": None,
        "state": None,
        "confidential": False,
        "hidden": False,
        "payload": payload,
        "amends_id": None,
        "superseded": False,
        "author": "أخصائية اجتماعية",
        "created_at": datetime(2026, 11, n, 9, 0),
    }
    values.update(kw)
    return CaseEventView(**values)  # type: ignore[arg-type]


EVENTS = (
    event(1, "status_change", {"from": "new", "to": "assessment", "reason": ""}),
    event(2, "assessment", {"needs": ["income", "legal"], "risk_level": "high", "summary": "س"}),
    event(3, "visit", {"due_on": "2026-11-20", "place": "home"}, state="planned", superseded=True,
          due_on=date(2026, 11, 20)),
    event(4, "visit", {"due_on": "2026-11-20", "place": "home", "state": "done",
                       "done_on": "2026-11-21", "outcome": "جيد"}, state="done", amends_id="e3",
          due_on=date(2026, 11, 20)),
    event(5, "note", {}, confidential=True, hidden=True),
    event(6, "referral", {"agency": "legal_aid", "reason": "محامٍ"}, state="sent"),
)  # fmt: skip


def test_the_timeline_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CaseEventTableModel(NAMES)
    model.set_events(EVENTS)
    qtmodeltester.check(model)
    model.set_events(())
    qtmodeltester.check(model)


def test_the_timeline_is_newest_first_with_corrections_and_secrets_marked() -> None:
    model = CaseEventTableModel(NAMES)
    model.set_events(EVENTS)
    ids = [model.index(r, 0).data(EVENT_ROLE).id for r in range(model.rowCount())]
    assert ids == ["e6", "e5", "e4", "e3", "e2", "e1"]
    texts = {ids[r]: model.index(r, COL_SUMMARY).data() for r in range(model.rowCount())}
    assert texts["e5"] == "سري"
    assert texts["e6"].startswith("مكتب المساعدة القانونية")
    assert texts["e2"] == "الخطورة: مرتفع — الاحتياجات: الدخل، المساعدة القانونية"
    assert texts["e1"] == "من جديدة إلى التقييم"
    assert texts["e4"] == "المنزل، تمت في 21/11/2026"
    superseded = model.index(ids.index("e3"), COL_STATE)
    assert superseded.data() == "مُصحَّح"
    assert superseded.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(ids.index("e4"), COL_STATE).data() == "تمت"
    assert model.index(0, COL_KIND).data() == "إحالة"
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(c, horizontal) for c in range(model.columnCount())]
    assert headers == ["التاريخ", "الإجراء", "التفاصيل", "الوضع", "الموعد", "بواسطة"]


def summary(n: int, **kw: object) -> CaseSummary:
    values: dict[str, object] = {
        "id": f"c{n}",
        "number": f"DEMO-2026-0000{n}",
        "type_code": "juvenile",
        "status": "follow_up",
        "sensitive": False,
        "person_name": "محمد علي",
        "masked": False,
        "assigned_to": "u1",
        "assigned_name": "أخصائية",
        "opened_on": date(2026, 11, 1),
        "next_due_on": None,
        "last_visit_on": None,
        "risk_level": "high",
    }
    values.update(kw)
    return CaseSummary(**values)  # type: ignore[arg-type]


def test_the_case_list_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CaseSummaryTableModel(lambda code: {"juvenile": "حدث"}.get(code, code))
    model.set_cases(
        [
            summary(1),
            summary(2, sensitive=True, masked=True, person_name="•••", status="closed"),
            summary(3, next_due_on=date(2026, 12, 1), risk_level=None, transfer_to="MSR01"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, COL_NUMBER).data() == "DEMO-2026-00002"
    assert model.index(1, COL_NOTE).data() == "حساسة، غير مسندة إليك"
    assert model.index(2, COL_NOTE).data() == "طُلب نقلها"
    assert model.index(0, COL_TYPE).data() == "حدث"
    assert model.index(1, COL_STATUS).data() == "مغلقة"
    assert model.index(2, 0).data(ID_ROLE) == "c3"
    model.set_cases([])
    qtmodeltester.check(model)


def view(
    status: str, moves: tuple[str, ...], access: Access = Access.EDIT, **kw: object
) -> CaseView:
    values: dict[str, object] = {
        "id": "c",
        "number": "DEMO-2026-00001",
        "type_code": "other",
        "status": status,
        "sensitive": False,
        "beneficiary_id": "b",
        "person_name": "س",
        "national_number": None,
        "household_id": None,
        "assigned_to": "u",
        "assigned_name": "",
        "opened_on": date(2026, 11, 1),
        "closed_on": None,
        "closure_reason": None,
        "closure_note": "",
        "risk_level": None,
        "summary": "",
        "extra": {},
        "next_due_on": None,
        "last_visit_on": None,
        "transfer_to": None,
        "origin_branch": "DEMO",
        "row_version": 1,
        "access": access,
        "next_statuses": moves,
        "events": (),
    }
    values.update(kw)
    return CaseView(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("status", "moves", "expected"),
    [
        ("new", ("assessment", "pending_closure"), ["move:assessment", REQUEST_CLOSURE]),
        # No assessment yet: the plan is still offered, to be refused with the reason.
        ("assessment", ("pending_closure",), ["move:plan", REQUEST_CLOSURE]),
        # Back to the plan is allowed by the workflow but never offered as a next step.
        ("follow_up", ("plan", "pending_closure", "closed"), [REQUEST_CLOSURE, CLOSE]),
        (
            "pending_closure",
            ("new", "assessment", "plan", "follow_up", "closed"),
            [APPROVE, REFUSE],
        ),
        ("pending_closure", (), []),  # the worker waits
        ("closed", ("assessment",), [REOPEN]),
    ],
)
def test_stage_buttons_follow_the_workflow(
    status: str, moves: tuple[str, ...], expected: list[str]
) -> None:
    assert stage_actions(view(status, moves)) == expected


def test_no_stage_buttons_when_reading_only_or_during_a_transfer() -> None:
    assert stage_actions(view("new", (), Access.READ)) == []
    assert stage_actions(view("plan", ("pending_closure",), transfer_to="MSR01")) == []
