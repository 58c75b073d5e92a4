"""What a case says on paper, in Arabic: the words for its codes (statuses, event kinds and
states, needs, risk levels, visit places, closure reasons, case types) and each event's
content as labelled values.

The words are the UI's Arabic (i18n/fill/case_ui.json) wherever the UI has them, so the paper
file and the screen say the same thing. States are worded per event kind because Arabic agrees
in gender: a visit (زيارة) "تمت", a plan item (بند) "مُنجز". An unknown code prints as is rather
than vanish from an official form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from app.domain.case_events import (
    EventKind,
    Need,
    PlanItemState,
    ReferralState,
    VisitPlace,
    VisitState,
)
from app.domain.cases import CaseStatus, CaseTypeCode, ClosureReason, RiskLevel
from app.printing.rtl_text import ltr
from app.services.case_dto import CaseEventView

NONE_TEXT = "—"

STATUS: dict[str, str] = {
    CaseStatus.NEW.value: "جديدة",
    CaseStatus.ASSESSMENT.value: "التقييم",
    CaseStatus.PLAN.value: "خطة الحالة",
    CaseStatus.FOLLOW_UP.value: "المتابعة",
    CaseStatus.PENDING_CLOSURE.value: "طلب إغلاق",
    CaseStatus.CLOSED.value: "مغلقة",
}
CLOSURE_REASON: dict[str, str] = {
    ClosureReason.GOALS_ACHIEVED.value: "تحققت الأهداف",
    ClosureReason.REFERRED.value: "أُحيلت إلى جهة أخرى",
    ClosureReason.MOVED_AWAY.value: "انتقل إلى مكان آخر",
    ClosureReason.DECLINED.value: "رفض الخدمة",
    ClosureReason.NOT_ELIGIBLE.value: "غير مستحق",
    ClosureReason.DECEASED.value: "متوفى",
    ClosureReason.OPENED_IN_ERROR.value: "فُتحت خطأً",
    ClosureReason.OTHER.value: "سبب آخر",
}
RISK: dict[str, str] = {
    RiskLevel.LOW.value: "منخفض",
    RiskLevel.MEDIUM.value: "متوسط",
    RiskLevel.HIGH.value: "مرتفع",
    RiskLevel.CRITICAL.value: "حرج",
}
EVENT_KIND: dict[str, str] = {
    EventKind.ASSESSMENT.value: "التقييم",
    EventKind.PLAN_ITEM.value: "بند في الخطة",
    EventKind.VISIT.value: "زيارة",
    EventKind.NOTE.value: "ملاحظة",
    EventKind.REFERRAL.value: "إحالة",
    EventKind.COURT_REPORT.value: "تقرير اجتماعي للمحكمة",
    EventKind.DOCUMENT.value: "مستند",
    EventKind.STATUS_CHANGE.value: "تغيير المرحلة",
    EventKind.ASSIGNMENT.value: "إسناد",
    EventKind.TRANSFER_REQUEST.value: "طلب نقل",
}
NEED: dict[str, str] = {
    Need.INCOME.value: "الدخل",
    Need.HOUSING.value: "السكن",
    Need.HEALTH.value: "الصحة",
    Need.EDUCATION.value: "التعليم",
    Need.LEGAL.value: "المساعدة القانونية",
    Need.PSYCHOSOCIAL.value: "الدعم النفسي الاجتماعي",
    Need.PROTECTION.value: "الحماية",
    Need.DOCUMENTS.value: "الوثائق الرسمية",
    Need.EMPLOYMENT.value: "العمل",
    Need.FAMILY_CONTACT.value: "التواصل مع الأسرة",
    Need.OTHER.value: "احتياج آخر",
}
VISIT_PLACE: dict[str, str] = {
    VisitPlace.HOME.value: "المنزل",
    VisitPlace.OFFICE.value: "المكتب",
    VisitPlace.INSTITUTION.value: "مؤسسة",
    VisitPlace.COURT.value: "المحكمة",
    VisitPlace.SCHOOL.value: "المدرسة",
    VisitPlace.OTHER.value: "مكان آخر",
}
PLAN_ITEM_STATE: dict[str, str] = {
    PlanItemState.OPEN.value: "مفتوح",
    PlanItemState.DONE.value: "مُنجز",
    PlanItemState.CANCELLED.value: "ملغى",
}
VISIT_STATE: dict[str, str] = {
    VisitState.PLANNED.value: "مخطط لها",
    VisitState.DONE.value: "تمت",
    VisitState.MISSED.value: "لم تتم",
    VisitState.CANCELLED.value: "ملغاة",
}
REFERRAL_STATE: dict[str, str] = {
    ReferralState.SENT.value: "مُرسلة",
    ReferralState.ACCEPTED.value: "مقبولة",
    ReferralState.REFUSED.value: "مرفوضة",
    ReferralState.DONE.value: "مُنجزة",
}
_STATES_BY_KIND: dict[str, dict[str, str]] = {
    EventKind.PLAN_ITEM.value: PLAN_ITEM_STATE,
    EventKind.VISIT.value: VISIT_STATE,
    EventKind.REFERRAL.value: REFERRAL_STATE,
}
# Fallback names of the case types, for a type HQ has since retired from the reference data.
CASE_TYPE: dict[str, str] = {
    CaseTypeCode.JUVENILE.value: "حدث",
    CaseTypeCode.PRISONER_FAMILY.value: "أسرة سجين",
    CaseTypeCode.INMATE_REHABILITATION.value: "نزيل مؤسسة إصلاح وتأهيل",
    CaseTypeCode.DISPLACED.value: "نازح",
    CaseTypeCode.DISABILITY.value: "شخص ذو إعاقة",
    CaseTypeCode.WOMEN_PROTECTION.value: "حماية المرأة",
    CaseTypeCode.CHILD_PROTECTION.value: "حماية الطفل",
    CaseTypeCode.ELDERLY.value: "مسن",
    CaseTypeCode.OTHER.value: "أخرى",
}


def _lookup(table: dict[str, str], code: object) -> str:
    if code is None or code == "":
        return ""
    text = str(code)
    return table.get(text, text)


def status(code: str | None) -> str:
    return _lookup(STATUS, code)


def closure_reason(code: str | None) -> str:
    return _lookup(CLOSURE_REASON, code)


def risk(code: str | None) -> str:
    return _lookup(RISK, code)


def event_kind(code: str | None) -> str:
    return _lookup(EVENT_KIND, code)


def need(code: object) -> str:
    return _lookup(NEED, code)


def needs(codes: object) -> str:
    """A list of need codes as one Arabic list ("الدخل، السكن")."""
    if not isinstance(codes, list | tuple):
        return ""
    return "، ".join(need(c) for c in codes if c)


def visit_place(code: object) -> str:
    return _lookup(VISIT_PLACE, code)


def event_state(kind: str, code: str | None) -> str:
    """The state of an event of `kind`, worded for that kind."""
    return _lookup(_STATES_BY_KIND.get(kind, {}), code)


def case_type(code: str | None) -> str:
    return _lookup(CASE_TYPE, code)


def day(value: date | str | None) -> str:
    """A date as dd/mm/yyyy with digits 0-9 (stored ISO strings too); empty as ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def ltr_day(value: date | str | None) -> str:
    """`day(value)` marked to stay whole inside Arabic text."""
    text = day(value)
    return ltr(text) if text else ""


# --------------------------------------------------------------- typed text inside Arabic
# Typed text goes to print as typed: `rtl_text.visual` keeps its phone numbers, dates and Latin
# words whole, the same way on every form (no marks added here: marks that differ from form to
# form printed one court file number two ways on one page).


def ltr_list(values: Iterable[str]) -> str:
    """Left-to-right values (phone numbers) as an Arabic list, the first one rightmost."""
    return "، ".join(ltr(v) for v in values if v)


def raw(event: CaseEventView, key: str) -> str:
    """A payload value as stored (a code, an ISO date, typed text)."""
    value = event.payload.get(key)
    return "" if value is None else str(value).strip()


def text(event: CaseEventView, key: str) -> str:
    """A payload value typed by a user (printed as typed; see the note above `ltr_list`)."""
    return raw(event, key)


# ---------------------------------------------------------------- an event, kind by kind


def open_item_rows(event: CaseEventView, agencies: Mapping[str, str]) -> list[tuple[str, str]]:
    """A closure's checklist: each item left open, with the reason given for it."""
    listed = event.payload.get("open_items")
    rows: list[tuple[str, str]] = []
    for item in listed if isinstance(listed, list) else []:
        if not isinstance(item, dict):
            continue
        kind, title = str(item.get("kind") or ""), str(item.get("title") or "").strip()
        if kind == EventKind.REFERRAL:
            title = agencies.get(title, title)
        elif kind == EventKind.VISIT:
            title = f"{visit_place(title)} {ltr_day(item.get('due_on'))}"
        reason = str(item.get("reason") or "").strip()
        rows.append(("بقي مفتوحاً", f"{event_kind(kind)} ({title}): {reason}"))
    return rows


def event_rows(
    event: CaseEventView, agencies: Mapping[str, str], user: Callable[[str], str]
) -> list[tuple[str, str]]:
    """The event's content as (label, value) in Arabic, in reading order, empty ones left out.

    `agencies` names agency codes; `user` names a user id (assignments store ids).
    """
    kind = event.kind

    def p(key: str) -> str:
        return raw(event, key)

    def t(key: str) -> str:
        return text(event, key)

    state = event_state(kind, event.state or p("state"))
    if kind == EventKind.ASSESSMENT:
        rows = [
            ("الاحتياجات", needs(event.payload.get("needs"))),
            ("مستوى الخطورة", risk(p("risk_level"))),
            ("المخاطر", t("risks")),
            ("الخلاصة", t("summary")),
        ]
    elif kind == EventKind.PLAN_ITEM:
        rows = [
            ("الهدف", t("goal")),
            ("المسؤول عن التنفيذ", t("owner")),
            ("الموعد", ltr_day(p("due_on"))),
            ("الوضع", state),
            ("الإجراء", t("action")),
        ]
    elif kind == EventKind.VISIT:
        rows = [
            ("موعد الزيارة", ltr_day(p("due_on"))),
            ("المكان", visit_place(p("place"))),
            ("تفاصيل المكان", t("place_detail")),
            ("الوضع", state),
            ("تاريخ التنفيذ", ltr_day(p("done_on"))),
            ("النتيجة", t("outcome")),
        ]
    elif kind == EventKind.NOTE:
        rows = [("الملاحظة", t("text"))]
    elif kind == EventKind.REFERRAL:
        rows = [
            ("الجهة", agencies.get(p("agency"), p("agency"))),
            ("الوضع", state),
            ("الرد متوقع قبل", ltr_day(p("reply_due_on"))),
            ("السبب", t("reason")),
            ("رد الجهة", t("response")),
        ]
    elif kind == EventKind.COURT_REPORT:
        rows = [
            ("المحكمة", t("court")),
            ("رقم ملف القضية", p("court_file_number")),
            ("تاريخ الجلسة", ltr_day(p("hearing_on"))),
            ("الخلفية الأسرية", t("family_background")),
            ("الوضع الاجتماعي", t("social_situation")),
            ("التوصيات", t("recommendations")),
        ]
    elif kind == EventKind.DOCUMENT:
        rows = [("العنوان", t("title")), ("الملف", p("filename"))]
    elif kind == EventKind.STATUS_CHANGE:
        rows = [
            ("من", status(p("from"))),
            ("إلى", status(p("to"))),
            ("سبب الإغلاق", closure_reason(p("closure_reason"))),
            ("السبب", t("reason")),
            *open_item_rows(event, agencies),
        ]
    elif kind == EventKind.ASSIGNMENT:
        rows = [("من", user(p("from"))), ("إلى", user(p("to")))]
    elif kind == EventKind.TRANSFER_REQUEST:
        rows = [("إلى الفرع", ltr(p("to"))), ("السبب", t("reason"))]
    else:  # a kind newer than this printer: its fields as stored rather than nothing
        rows = [(key, t(key)) for key in sorted(event.payload)]
    return [(label, value) for label, value in rows if value]
