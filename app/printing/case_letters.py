"""The letters a social case sends out: the referral letter to an agency and the social report
to the juvenile court. Each function lays out a `Form`; `document.render` prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.platypus import Flowable, Indenter, Spacer

from app.domain.case_events import EventKind
from app.domain.record_code import RecordKind, record_code
from app.printing import case_labels_ar as labels
from app.printing.case_layout import (
    BLANK,
    CONFIDENTIAL,
    DASH,
    HIDDEN_TEXT,
    Rows,
    heading,
    identity_rows,
    labelled,
    paragraphs,
    with_next,
)
from app.printing.document import FRAME_W, Form
from app.printing.flowables import (
    BODY,
    HEADING,
    LABEL,
    SignatureBoxes,
    WriteLines,
    field_table,
    keep,
    para,
)
from app.printing.rtl_text import ltr
from app.services.case_dto import CaseEventView, CaseView

SUBJECT = replace(LABEL, size=11.5, align="center")
CLOSING = replace(BODY, align="center")


# ---------------------------------------------------------------------- referral letter


def referral_letter(
    case: CaseView,
    referral: CaseEventView,
    *,
    agency_name: str,
    branch_name: str,
    worker_name: str,
) -> Form:
    """A formal letter referring the beneficiary to an agency, asking for its answer."""
    reference = f"{case.number}/{referral.id.replace('-', '')[-6:].upper()}"
    name = case.person_name or DASH
    intro = f"نحيل إليكم المستفيد/ة {name}"
    if case.national_number:
        intro += f"، حامل/ة الرقم الوطني {ltr(case.national_number)}"
    intro += (
        f"، صاحب/ة الملف رقم {ltr(case.number)} لدى فرع {branch_name} بوزارة الشؤون"
        " الاجتماعية، وذلك للأسباب الآتية:"
    )
    reply = labels.ltr_day(labels.raw(referral, "reply_due_on"))
    ask = (
        "نأمل التكرم بتقديم ما يلزم في حدود اختصاصكم، وموافاتنا بما يتم بشأن هذه الإحالة"
        + (f" في موعد أقصاه {reply}" if reply else "")
        + "، عن طريق الأخصائي الاجتماعي المكلف بمتابعة الحالة، حتى نتمكن من استكمال خطة"
        " المتابعة."
    )
    gap = Spacer(1, 8)
    story: list[Flowable] = [
        field_table(
            [("الرقم الإشاري", ltr(reference)), ("التاريخ", labels.ltr_day(referral.occurred_on))],
            FRAME_W,
            columns=2,
        ),
        Spacer(1, 16),
        para(f"السادة/ {agency_name} المحترمين", HEADING),
        gap,
        para("تحية طيبة وبعد،"),
        gap,
        para(f"الموضوع: إحالة المستفيد/ة {name}", SUBJECT),
        gap,
        para(intro),
        # The reason, as the worker wrote it, set in from both sides like a quotation.
        Indenter(left=24, right=24),
        *paragraphs(labels.text(referral, "reason") or DASH),
        Indenter(left=-24, right=-24),
        gap,
        para(ask),
        gap,
        heading("بيانات المستفيد"),
        field_table(identity_rows(case), FRAME_W, columns=1),
        gap,
        para("شاكرين لكم حسن تعاونكم،"),
        para("وتفضلوا بقبول فائق الاحترام والتقدير.", CLOSING),
        Spacer(1, 16),
        keep(
            SignatureBoxes(
                [f"الأخصائي الاجتماعي: {worker_name}", f"مدير فرع {branch_name}"], height=60
            )
        ),
    ]
    return Form("خطاب إحالة", story, qr=record_code(RecordKind.CASE, case.id))


# ------------------------------------------------------------------------- court report


def _latest_report(case: CaseView) -> CaseEventView | None:
    reports = case.current_events(EventKind.COURT_REPORT)
    return reports[-1] if reports else None


def court_report(
    case: CaseView, report: CaseEventView | None, *, type_fields: Sequence[tuple[str, str]]
) -> Form:
    """The social report to the juvenile court, from `report` or the case's latest one.

    With no report (or one the reader may not see) the sections are left to write by hand.
    """
    report = report or _latest_report(case)
    hidden = report is not None and report.hidden
    data = report if report is not None and not hidden else None

    def field(key: str) -> str:
        return labels.raw(data, key) if data is not None else ""

    def text(key: str) -> str:
        return labels.text(data, key) if data is not None else ""

    # Without a report, the court and file number the case was opened with (its type's fields).
    known = dict(type_fields)
    court_rows: Rows = [
        ("المحكمة", text("court") or known.get("المحكمة", "")),
        ("رقم ملف القضية", field("court_file_number") or known.get("رقم ملف القضية", "")),
        ("تاريخ الجلسة", labels.ltr_day(field("hearing_on"))),
    ]
    printed = {label for label, _ in court_rows}
    # The type's own fields (guardian, charge...): the court and file number are above already.
    extra = [(label, value or DASH) for label, value in type_fields if label not in printed]
    story: list[Flowable] = [
        heading("أولاً: بيانات القضية"),
        field_table(court_rows, FRAME_W, columns=2),
        Spacer(1, 8),
        heading("ثانياً: بيانات الحدث وولي أمره"),
        *labelled([*identity_rows(case), *extra], columns=1),
    ]
    sections = (
        ("ثالثاً: الخلفية الأسرية", "family_background"),
        ("رابعاً: الوضع الاجتماعي", "social_situation"),
        ("خامساً: التوصيات", "recommendations"),
    )
    for title, key in sections:
        if hidden:
            body: list[Flowable] = [para(HIDDEN_TEXT)]
        elif data is None:
            body = [WriteLines("", 6)]
        else:
            body = list(paragraphs(text(key) or DASH))
        story += with_next([Spacer(1, 8), heading(title)], body)
    worker = (data.author if data is not None else "") or case.assigned_name
    signed: Rows = [
        ("الأخصائي الاجتماعي", worker or BLANK),
        ("تاريخ التقرير", labels.ltr_day(data.occurred_on) if data is not None else BLANK),
    ]
    boxes = SignatureBoxes(["توقيع الأخصائي الاجتماعي", "ختم الفرع"], height=60)
    signed_table = field_table(signed, FRAME_W, columns=2, label_share=0.4)
    story += [Spacer(1, 12), keep(signed_table, Spacer(1, 8), boxes)]
    return Form(
        "تقرير البحث الاجتماعي المقدم إلى محكمة الأحداث",
        story,
        qr=record_code(RecordKind.CASE, case.id),
        subtitle=CONFIDENTIAL,
    )
