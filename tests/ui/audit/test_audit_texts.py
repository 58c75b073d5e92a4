"""The audit browser's words: every action the program records, every detail's name and coded
value in Arabic (no `attempt: 1`, no `case_summary`); file names kept left to right."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from app.services.audit_log import AuditEntryView
from app.ui.audit.texts import ACTION, action_text, details_text
from tests.ui.arabic_checks import english_words

pytestmark = pytest.mark.gui
APP = Path(__file__).resolve().parents[3] / "app"
RECORDED = re.compile(
    r'(?:append_audit\(\s*session,\s*|audit_case\(\s*session,\s*user,\s*|_Audit\(\s*)"([a-z_.]+)"'
)
PRINTED_CASE_FORMS = ("case_summary", "visit_sheet", "referral_letter", "court_report")
ISOLATED = re.compile("\u2066[^\u2069]*\u2069")


def recorded_actions() -> set[str]:
    found = {f"print.{form}" for form in PRINTED_CASE_FORMS}
    for path in APP.rglob("*.py"):
        found |= set(RECORDED.findall(path.read_text(encoding="utf-8")))
    found |= {"case.event.amend", "case.event"}  # chosen by a conditional expression
    return found


def test_every_recorded_action_has_arabic_words() -> None:
    actions = recorded_actions()
    assert {"login.failed", "beneficiary.import", "account.hq_change"} <= actions  # scan works
    missing = sorted(actions - set(ACTION))
    assert missing == []
    for action in actions:
        text = action_text(action)
        assert text != action and not english_words(text), action


def entry(action: str, **details: object) -> AuditEntryView:
    return AuditEntryView(
        seq=1, at=datetime(2026, 11, 22, 9, 0), user_id=None, user_name="",
        action=action, entity=None, entity_id=None, details=details,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("logged", "expected"),
    [
        (entry("login.failed", attempt=2), "المحاولة: 2"),
        (entry("login.refused", why="locked"), "السبب: الحساب مقفل"),
        (entry("print.case_summary", form="case_summary", pages=1, number="TRP01-2026-00042"),
         "الاستمارة: طباعة ملخص حالة"),
        (entry("household.member_add", beneficiary="0193aaaa-0000-7000-8000-00000000a11a",
               relationship="spouse"), "صلة القرابة برب الأسرة: الزوج/الزوجة"),
        (entry("account.hq_change", username="worker", version=2,
               changes={"display_name": ["سالم", "سالم محمد"], "setup_code": ["old", "new"]}),
         "رمز الإعداد: القديم, الجديد"),
        (entry("sync.run", batches=1, applied=2, recovered={"from_hq": 3, "resent": 1}),
         "المسترجَع: من المقر الرئيسي: 3، أُعيد إرسالها: 1"),
        (entry("sync.enroll", hq_url="https://hq.example.ly", registered=True), "مسجَّل: نعم"),
        (entry("beneficiary.import", file="people.xlsx", sha256="0123456789", count=3, rows=4,
               already_registered=1, bad_rows=0), "صفوف بها أخطاء: 0"),
        (entry("export.case_figures", format="xlsx", since="2026-01-01", until="2026-10-31",
               file="case-figures.xlsx", rows=12), "الصيغة: Excel"),
    ],
)  # fmt: skip
def test_details_show_no_codes(logged: AuditEntryView, expected: str) -> None:
    text = details_text(logged)
    assert expected in text, text
    plain = ISOLATED.sub(" ", text)
    assert not english_words(plain), text
    assert not re.search(r"[a-z]+_[a-z_]+", plain), text  # no snake_case codes
    assert "0193aaaa" not in text  # ids are left out


def test_file_names_in_details_read_left_to_right() -> None:
    text = details_text(entry("sync.import", file="TRP01-0007.receipt.sanad", applied=2))
    assert "\u2066TRP01-0007.receipt.sanad\u2069" in text
