"""The case summary read back from the PDF: the header and every event in order, events across
pages, confidential text never printed, the QR code of the case; the Arabic words of every code.

The visit sheet is in test_visit_sheet, the referral letter and the court report in
test_case_letters.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

import pytest

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
from app.printing.case_letters import court_report
from app.printing.document import PrintMeta, render
from app.printing.forms_case import SUPERSEDED_TEXT, case_summary
from tests.printing.case_samples import (
    AGENCIES,
    CASE_ID,
    NATIONAL,
    NUMBER,
    PERSON,
    SECRET,
    TYPE_FIELDS,
    WORKER,
    court_event,
    event,
    flat,
    full_case,
    in_order,
    make_case,
    printed,
    sections,
)
from tests.printing.pdf_text import (
    decode_qr,
    find_in_order,
    normalize,
    page_count,
    page_text,
    pdf_text,
)

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
        (f"تغيير المرحلة {by}", ["خطة الحالة", "طلب إغلاق", "تحققت الأهداف",
                                 "بقي مفتوحاً", "إحالة", "إدارة المحاماة الشعبية",
                                 "لم ترد الجهة رغم التذكير", "زيارة", "المنزل", "08/03/2026",
                                 "انتقلت الأسرة قبل الموعد"]),
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


def test_the_order_check_catches_a_reversed_line() -> None:
    line = "اتصل ولي الأمر من الرقم +218912345678 بخصوص UNICEF"
    reversed_words = " ".join(reversed(line.split()))
    assert find_in_order(reversed_words, line.split()) is not None
    assert find_in_order(reversed_words, [line]) is not None
    assert find_in_order(f"{NUMBER} ثم {PERSON}", [PERSON, NUMBER]) is not None
