"""The case forms read back from the PDF: values in order, events across pages, long
paragraphs across a page break, confidential text never printed, the QR code of the case."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import pytest

from app.domain.case_access import Access
from app.domain.case_events import (
    EventKind,
    Need,
    PlanItemState,
    ReferralState,
    VisitPlace,
    VisitState,
)
from app.domain.cases import CaseStatus, CaseTypeCode, ClosureReason, RiskLevel
from app.domain.record_code import RecordKind, record_code
from app.printing import case_labels_ar as labels
from app.printing.case_layout import HIDDEN_TEXT
from app.printing.case_letters import court_report, referral_letter
from app.printing.document import Form, PrintMeta, render
from app.printing.forms_case import SUPERSEDED_TEXT, blank_visit_sheet, case_summary, visit_sheet
from app.services.case_dto import CaseEventView, CaseView
from tests.printing.pdf_text import (
    assert_in_order,
    assert_words_in_order,
    decode_qr,
    find_in_order,
    normalize,
    page_count,
    page_text,
    pdf_text,
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


# ------------------------------------------------------------------------------ labels


@pytest.mark.parametrize(
    ("enum", "table"),
    [
        (CaseStatus, labels.STATUS),
        (ClosureReason, labels.CLOSURE_REASON),
        (RiskLevel, labels.RISK),
        (EventKind, labels.EVENT_KIND),
        (Need, labels.NEED),
        (VisitPlace, labels.VISIT_PLACE),
        (PlanItemState, labels.PLAN_ITEM_STATE),
        (VisitState, labels.VISIT_STATE),
        (ReferralState, labels.REFERRAL_STATE),
        (CaseTypeCode, labels.CASE_TYPE),
    ],
)
def test_every_code_has_arabic_words(enum: type[StrEnum], table: dict[str, str]) -> None:
    assert set(table) == {m.value for m in enum}
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in text) for text in table.values())


def test_labels_fall_back_to_the_code_and_format_dates() -> None:
    assert labels.status("archived") == "archived"
    assert labels.event_state("visit", "done") == "تمت"
    assert labels.event_state("plan_item", "done") == "مُنجز"
    assert labels.day("2026-03-05") == "05/03/2026"
    assert labels.needs(["legal", "income"]) == "المساعدة القانونية، الدخل"


# ------------------------------------------------------------------------ case summary


def test_case_summary_prints_the_header_and_every_event_in_order(
    meta: PrintMeta, tmp_path: Path
) -> None:
    form = case_summary(
        full_case(), type_name="حدث (قضية أحداث)", type_fields=TYPE_FIELDS, agencies=AGENCIES
    )
    text = pdf_text(printed(form, meta, tmp_path))
    head, summary, fields, events = sections(
        text, ["ملخص الحالة", "ملخص الحالة", "بيانات خاصة بنوع الحالة", "سجل الحالة"]
    )
    for value in (NUMBER, "المتابعة", "سري", PERSON, NATIONAL, WORKER, "مرتفع", "03/02/2026"):
        assert flat(value) in head, value
    # Bidi draws "(" of a right-to-left line as the mirrored glyph ")" at its right end, and
    # pdftotext gives glyphs back unmirrored: the mirrored text proves the brackets face in.
    assert flat("حدث )قضية أحداث(") in head
    assert flat("حدث في نزاع مع القانون، يحتاج إلى متابعة أسرية ومدرسية.") in summary
    for label, value in TYPE_FIELDS:
        assert flat(label) in fields and flat(value) in fields, label
    by = f"— بواسطة {WORKER}"
    blocks = [
        (f"تغيير المرحلة {by}", ["05/03/2026", "جديدة", "التقييم"]),
        (f"التقييم {by}", ["المساعدة القانونية، التعليم", "مرتفع", "تقييم أولي"]),
        (f"بند في الخطة {by}", ["العودة إلى المدرسة", "01/04/2026", "مفتوح", "التنسيق مع"]),
        (f"زيارة {by}", [SUPERSEDED_TEXT.strip("()"), "08/03/2026", "المنزل", "مخطط لها"]),
        (f"زيارة {by}", ["10/03/2026", "تصحيح يحل محل الإجراء رقم 4 في هذا السجل",
                         "حي الأندلس", "تمت", "الأسرة متعاونة"]),
        (f"ملاحظة {by}",
         ["اتصل ولي الأمر من الرقم +218912345678 بخصوص UNICEF يوم 11/03/2026"]),
        (HIDDEN_TEXT, ["05/03/2026"]),
        (f"ملاحظة {by} — سري", ["ملاحظة سرية مرئية للأخصائي"]),
        (f"إحالة {by}",
         ["إدارة المحاماة الشعبية", "مُرسلة", "15/04/2026", "توكيل محام للدفاع"]),
        (f"مستند {by}", ["حكم المحكمة", "decision-12.pdf"]),
        (f"إسناد {by}", [WORKER]),
        (f"طلب نقل {by}", ["BEN02", "انتقال الأسرة"]),
        (f"تغيير المرحلة {by}", ["خطة الحالة", "طلب إغلاق", "تحققت الأهداف"]),
    ]  # fmt: skip
    found = sections(events, [marker for marker, _ in blocks])
    for (marker, values), block in zip(blocks, found, strict=True):
        for value in values:
            assert flat(normalize(value)) in block, (marker, value)
    assert text.count(normalize(SUPERSEDED_TEXT.strip("()"))) == 1
    assert SECRET not in text
    assert decode_qr(tmp_path / "form.pdf", 1) == [record_code(RecordKind.CASE, CASE_ID)]


def test_a_hidden_event_never_prints_its_content(meta: PrintMeta, tmp_path: Path) -> None:
    # Even if a caller left the payload in, a hidden event prints only its marker.
    hidden = [
        event(EventKind.NOTE, {"text": SECRET}, confidential=True, hidden=True),
        replace(court_event(family_background=SECRET), hidden=True),
        event(EventKind.DOCUMENT, {"title": SECRET, "filename": "x.pdf"}, hidden=True),
    ]
    case = make_case(tuple(hidden))
    summary = case_summary(case, type_name="حدث", type_fields=[], agencies={})
    report = court_report(case, None, type_fields=TYPE_FIELDS)
    text = pdf_text(printed(summary, meta, tmp_path, "s"))
    text += pdf_text(printed(report, meta, tmp_path, "r"))
    assert SECRET not in text
    assert "نوصي بتسليمه" not in text  # the hidden court report's sections
    assert text.count(HIDDEN_TEXT) == 3 + 3


def test_sixty_events_run_over_several_pages_in_order(meta: PrintMeta, tmp_path: Path) -> None:
    events = tuple(
        event(
            EventKind.NOTE,
            {"text": f"ملاحظة المتابعة رقم {i} " + "تفاصيل الزيارة والاتصال بالأسرة. " * (i % 5)},
            on=date(2026, 1, 1) + timedelta(days=i),
        )
        for i in range(1, 61)
    )
    form = case_summary(make_case(events), type_name="حدث", type_fields=[], agencies={})
    path = tmp_path / "long.pdf"
    pages = render([form], meta, path)
    assert pages == page_count(path) >= 4
    text = pdf_text(path)
    # Each event's date (all different), then its own text, in the order of the file.
    in_order(
        text,
        [
            value
            for i in range(1, 61)
            for value in (
                (date(2026, 1, 1) + timedelta(days=i)).strftime("%d/%m/%Y"),
                f"ملاحظة المتابعة رقم {i} ",
            )
        ],
    )
    for page in range(1, pages + 1):
        assert flat(f"صفحة {page} من {pages}") in flat(page_text(path, page))
    assert decode_qr(path, pages) == [record_code(RecordKind.CASE, CASE_ID)]


# ------------------------------------------------------------------------- visit sheet


def test_visit_sheet_of_a_planned_visit(meta: PrintMeta, tmp_path: Path) -> None:
    case = full_case()
    planned = event(
        EventKind.VISIT,
        {"due_on": "2026-04-02", "place": "school", "place_detail": "مدرسة الفجر",
         "state": "planned"},
        state="planned", due=date(2026, 4, 2),
    )  # fmt: skip
    case = replace(case, events=(*case.events, planned))
    form = visit_sheet(
        case, planned, address="طرابلس، حي الأندلس، شارع 12", phones=["+218912345678", "0213334455"]
    )
    path = printed(form, meta, tmp_path)
    text = pdf_text(path)
    in_order(
        text,
        ["استمارة زيارة متابعة", NUMBER, PERSON, NATIONAL, WORKER, "طرابلس، حي الأندلس، شارع 12",
         "الهواتف", "02/04/2026", "المدرسة: مدرسة الفجر", "مخطط لها",
         "العودة إلى المدرسة: التنسيق مع مدير المدرسة", "الأخصائي", "01/04/2026",
         "نتيجة الزيارة السابقة", "10/03/2026", "الأسرة متعاونة",
         "الملاحظات", "نتيجة الزيارة", "الخطوات التالية",
         "توقيع الأخصائي الاجتماعي", "توقيع المستفيد أو ولي الأمر"],
    )  # fmt: skip
    # pdftotext gives a line with no Arabic letter in visual order, left to right: the first
    # phone must be the rightmost one, as an Arabic reader reads the list.
    assert flat("0213334455 ،+218912345678") in flat(text)
    assert page_count(path) == 1
    assert decode_qr(path, 1) == [record_code(RecordKind.CASE, CASE_ID)]


def test_visit_sheet_of_a_done_visit_carries_its_outcome(meta: PrintMeta, tmp_path: Path) -> None:
    case = full_case()
    done = case.current_events(EventKind.VISIT)[-1]
    form = visit_sheet(case, done, address="", phones=[])
    text = pdf_text(printed(form, meta, tmp_path))
    in_order(
        text,
        ["08/03/2026", "المنزل: حي الأندلس", "تمت", "10/03/2026", "نتيجة الزيارة",
         "الأسرة متعاونة", "ملاحظات إضافية"],
    )  # fmt: skip
    assert "لا توجد زيارة سابقة منفذة" in text  # itself is not its own previous visit


def test_blank_visit_sheet_has_labels_lines_and_no_qr(meta: PrintMeta, tmp_path: Path) -> None:
    path = printed(blank_visit_sheet(), meta, tmp_path)
    text = pdf_text(path)
    in_order(
        text,
        ["استمارة زيارة متابعة", "بيانات الحالة", "بيانات الزيارة", "الغرض من الزيارة",
         "نتيجة الزيارة السابقة", "الملاحظات", "نتيجة الزيارة", "الخطوات التالية",
         "توقيع الأخصائي الاجتماعي"],
    )  # fmt: skip
    for label in ("رقم الحالة", "الاسم", "الرقم الوطني", "العنوان", "الهواتف", "موعد الزيارة"):
        assert label in text
    assert NUMBER not in text
    assert page_count(path) == 1
    assert decode_qr(path, 1) == []


# --------------------------------------------------------------------- referral letter


def test_referral_letter(meta: PrintMeta, tmp_path: Path) -> None:
    case = full_case()
    referral = case.current_events(EventKind.REFERRAL)[0]
    form = referral_letter(
        case,
        referral,
        agency_name="إدارة المحاماة الشعبية",
        branch_name="طرابلس المركز",
        worker_name=WORKER,
    )
    path = printed(form, meta, tmp_path)
    text = pdf_text(path)
    in_order(
        text,
        [f"{NUMBER}/633FE5", "05/03/2026", "السادة/ إدارة المحاماة الشعبية المحترمين",
         "تحية طيبة وبعد", f"الموضوع: إحالة المستفيد/ة {PERSON}",
         f"نحيل إليكم المستفيد/ة {PERSON}", "حامل/ة الرقم الوطني", NATIONAL,
         "صاحب/ة الملف رقم", NUMBER, "لدى فرع طرابلس المركز بوزارة الشؤون الاجتماعية",
         "توكيل محام للدفاع", "في موعد أقصاه", "15/04/2026",
         "بيانات المستفيد", NUMBER, PERSON, NATIONAL, "شاكرين لكم حسن تعاونكم",
         "وتفضلوا بقبول فائق الاحترام والتقدير", f"الأخصائي الاجتماعي: {WORKER}",
         "مدير فرع طرابلس المركز"],
    )  # fmt: skip
    assert page_count(path) == 1
    assert decode_qr(path, 1) == [record_code(RecordKind.CASE, CASE_ID)]


# ------------------------------------------------------------------------ court report


def test_court_report_uses_the_latest_report_and_keeps_a_long_paragraph_whole(
    meta: PrintMeta, tmp_path: Path
) -> None:
    old = court_event(court="محكمة قديمة")
    sentence = "يعيش الحدث مع أسرته المكونة من سبعة أفراد في مسكن مستأجر وضيق، "
    long = "بداية_الفقرة " + sentence * 70 + "نهاية_الفقرة"
    latest = court_event(family_background=long, amends_id=old.id)
    case = make_case((replace(old, superseded=True), latest))
    form = court_report(case, None, type_fields=TYPE_FIELDS)
    path = printed(form, meta, tmp_path)
    text = pdf_text(path)
    assert "محكمة قديمة" not in text
    court, person, family, social, advice = sections(
        text,
        ["أولاً: بيانات القضية", "ثانياً: بيانات الحدث وولي أمره", "ثالثاً: الخلفية الأسرية",
         "رابعاً: الوضع الاجتماعي", "خامساً: التوصيات"],
    )  # fmt: skip
    for value in ("محكمة الأحداث - طرابلس", "12/2026", "20/05/2026"):
        assert flat(value) in court, value
    in_order(person, [NUMBER, PERSON, NATIONAL, "اسم ولي الأمر", "وائل علي المقريف", "الأب"])
    in_order(family, ["بداية_الفقرة", "نهاية_الفقرة"])
    assert flat("يدرس في الصف الثامن.") in social
    assert flat("نوصي بتسليمه إلى ولي أمره.") in advice
    for value in ("الأخصائي الاجتماعي", WORKER, "تاريخ التقرير", "01/05/2026", "ختم الفرع"):
        assert flat(value) in advice, value
    assert text.count("رقم ملف القضية") == 1  # the type's copy of it is not repeated
    # The paragraph crosses the page break and comes back whole, in order.
    assert "بداية_الفقرة" in page_text(path, 1)
    assert "نهاية_الفقرة" not in page_text(path, 1)
    assert_words_in_order(text, long, breaks=page_count(path) - 1)
    for page in range(1, page_count(path) + 1):
        assert decode_qr(path, page) == [record_code(RecordKind.CASE, CASE_ID)]


def test_court_report_without_a_report_leaves_sections_to_write(
    meta: PrintMeta, tmp_path: Path
) -> None:
    form = court_report(make_case(()), None, type_fields=TYPE_FIELDS)
    text = pdf_text(printed(form, meta, tmp_path))
    court, person, family, social, advice = sections(
        text,
        ["أولاً: بيانات القضية", "ثانياً: بيانات الحدث وولي أمره", "ثالثاً: الخلفية الأسرية",
         "رابعاً: الوضع الاجتماعي", "خامساً: التوصيات"],
    )  # fmt: skip
    assert flat("رقم ملف القضية") in court
    in_order(person, [NUMBER, PERSON, NATIONAL])
    # No report yet: the court and file number come from the case's own fields.
    assert flat("محكمة الأحداث - طرابلس") in court and "12/2026" in court
    assert court.count("12/2026") == 1 and "12/2026" not in person
    # The sections are lines to write on, with no text under their headings (but the footer
    # and the next page's header, where a page ends).
    furniture = re.compile(r"ط.?بعفي.*?TRP01")
    assert furniture.sub("", family) == flat(normalize("ثالثاً: الخلفية الأسرية"))
    assert furniture.sub("", social) == flat(normalize("رابعاً: الوضع الاجتماعي"))
    assert flat(WORKER) in advice  # the assigned worker signs


def test_the_order_check_catches_a_reversed_line() -> None:
    line = "اتصل ولي الأمر من الرقم +218912345678 بخصوص UNICEF"
    reversed_words = " ".join(reversed(line.split()))
    assert find_in_order(reversed_words, line.split()) is not None
    assert find_in_order(reversed_words, [line]) is not None
    assert find_in_order(f"{NUMBER} ثم {PERSON}", [PERSON, NUMBER]) is not None
