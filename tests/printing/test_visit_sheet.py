"""The follow-up visit sheet read back from the PDF: a planned visit, a done one with its
outcome, and the blank sheet with its labels and lines and no QR code.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from app.domain.case_events import (
    EventKind,
)
from app.domain.record_code import RecordKind, record_code
from app.printing.document import PrintMeta
from app.printing.forms_case import blank_visit_sheet, visit_sheet
from tests.printing.case_samples import (
    CASE_ID,
    NATIONAL,
    NUMBER,
    PERSON,
    WORKER,
    event,
    flat,
    full_case,
    in_order,
    printed,
)
from tests.printing.pdf_text import (
    decode_qr,
    page_count,
    pdf_text,
)

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
