"""The letters a case sends out, read back from the PDF: the referral letter to an agency and
the social report to the juvenile court (from the latest report, a long paragraph kept whole,
or sections left to write when there is none).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from app.domain.case_events import (
    EventKind,
)
from app.domain.record_code import RecordKind, record_code
from app.printing.case_letters import court_report, referral_letter
from app.printing.document import PrintMeta
from tests.printing.case_samples import (
    CASE_ID,
    NATIONAL,
    NUMBER,
    PERSON,
    TYPE_FIELDS,
    WORKER,
    court_event,
    flat,
    full_case,
    in_order,
    make_case,
    printed,
    sections,
)
from tests.printing.pdf_text import (
    assert_words_in_order,
    decode_qr,
    normalize,
    page_count,
    page_text,
    pdf_text,
)

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
