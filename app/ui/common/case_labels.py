"""Translated display text for the codes of case management: statuses, closure reasons, risk
levels, event kinds and states, needs, visit places, and the colours of the status badges.

Also used by the work lists (another screen), so every function takes a stored code and
returns the text to show; an unknown code is shown as is rather than hidden.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from app.domain.case_events import (
    EventKind,
    Need,
    PlanItemState,
    ReferralState,
    VisitPlace,
    VisitState,
)
from app.domain.cases import CaseStatus, CaseTypeCode, ClosureReason, RiskLevel
from app.ui.common.translations import PY_DATE_FORMAT, QT_TRANSLATE_NOOP

CONTEXT = "CaseLabels"
NONE_TEXT = "—"

STATUS = {
    CaseStatus.NEW.value: QT_TRANSLATE_NOOP("CaseLabels", "New"),
    CaseStatus.ASSESSMENT.value: QT_TRANSLATE_NOOP("CaseLabels", "Assessment"),
    CaseStatus.PLAN.value: QT_TRANSLATE_NOOP("CaseLabels", "Case plan"),
    CaseStatus.FOLLOW_UP.value: QT_TRANSLATE_NOOP("CaseLabels", "Follow-up"),
    CaseStatus.PENDING_CLOSURE.value: QT_TRANSLATE_NOOP("CaseLabels", "Closure requested"),
    CaseStatus.CLOSED.value: QT_TRANSLATE_NOOP("CaseLabels", "Closed"),
}
# Badge colours (background, text): calm for the normal path, amber while a supervisor must
# act, grey once closed.
STATUS_COLOURS = {
    CaseStatus.NEW.value: ("#1565c0", "#ffffff"),
    CaseStatus.ASSESSMENT.value: ("#6a1b9a", "#ffffff"),
    CaseStatus.PLAN.value: ("#00695c", "#ffffff"),
    CaseStatus.FOLLOW_UP.value: ("#2e7d32", "#ffffff"),
    CaseStatus.PENDING_CLOSURE.value: ("#f9a825", "#000000"),
    CaseStatus.CLOSED.value: ("#616161", "#ffffff"),
}
CLOSURE_REASON = {
    ClosureReason.GOALS_ACHIEVED.value: QT_TRANSLATE_NOOP("CaseLabels", "Goals achieved"),
    ClosureReason.REFERRED.value: QT_TRANSLATE_NOOP("CaseLabels", "Referred to another agency"),
    ClosureReason.MOVED_AWAY.value: QT_TRANSLATE_NOOP("CaseLabels", "Moved away"),
    ClosureReason.DECLINED.value: QT_TRANSLATE_NOOP("CaseLabels", "Declined the service"),
    ClosureReason.NOT_ELIGIBLE.value: QT_TRANSLATE_NOOP("CaseLabels", "Not eligible"),
    ClosureReason.DECEASED.value: QT_TRANSLATE_NOOP("CaseLabels", "Deceased"),
    ClosureReason.OPENED_IN_ERROR.value: QT_TRANSLATE_NOOP("CaseLabels", "Opened in error"),
    ClosureReason.OTHER.value: QT_TRANSLATE_NOOP("CaseLabels", "Other reason"),
}
RISK = {
    RiskLevel.LOW.value: QT_TRANSLATE_NOOP("CaseLabels", "Low"),
    RiskLevel.MEDIUM.value: QT_TRANSLATE_NOOP("CaseLabels", "Medium"),
    RiskLevel.HIGH.value: QT_TRANSLATE_NOOP("CaseLabels", "High"),
    RiskLevel.CRITICAL.value: QT_TRANSLATE_NOOP("CaseLabels", "Critical"),
}
RISK_COLOURS = {
    RiskLevel.LOW.value: "#2e7d32",
    RiskLevel.MEDIUM.value: "#ef6c00",
    RiskLevel.HIGH.value: "#c62828",
    RiskLevel.CRITICAL.value: "#8e0000",
}
EVENT_KIND = {
    EventKind.ASSESSMENT.value: QT_TRANSLATE_NOOP("CaseLabels", "Assessment"),
    EventKind.PLAN_ITEM.value: QT_TRANSLATE_NOOP("CaseLabels", "Plan item"),
    EventKind.VISIT.value: QT_TRANSLATE_NOOP("CaseLabels", "Visit"),
    EventKind.NOTE.value: QT_TRANSLATE_NOOP("CaseLabels", "Note"),
    EventKind.REFERRAL.value: QT_TRANSLATE_NOOP("CaseLabels", "Referral"),
    EventKind.COURT_REPORT.value: QT_TRANSLATE_NOOP("CaseLabels", "Court social report"),
    EventKind.DOCUMENT.value: QT_TRANSLATE_NOOP("CaseLabels", "Document"),
    EventKind.STATUS_CHANGE.value: QT_TRANSLATE_NOOP("CaseLabels", "Stage change"),
    EventKind.ASSIGNMENT.value: QT_TRANSLATE_NOOP("CaseLabels", "Assignment"),
    EventKind.TRANSFER_REQUEST.value: QT_TRANSLATE_NOOP("CaseLabels", "Transfer request"),
}
NEED = {
    Need.INCOME.value: QT_TRANSLATE_NOOP("CaseLabels", "Income"),
    Need.HOUSING.value: QT_TRANSLATE_NOOP("CaseLabels", "Housing"),
    Need.HEALTH.value: QT_TRANSLATE_NOOP("CaseLabels", "Health"),
    Need.EDUCATION.value: QT_TRANSLATE_NOOP("CaseLabels", "Education"),
    Need.LEGAL.value: QT_TRANSLATE_NOOP("CaseLabels", "Legal help"),
    Need.PSYCHOSOCIAL.value: QT_TRANSLATE_NOOP("CaseLabels", "Psychosocial support"),
    Need.PROTECTION.value: QT_TRANSLATE_NOOP("CaseLabels", "Protection"),
    Need.DOCUMENTS.value: QT_TRANSLATE_NOOP("CaseLabels", "Civil documents"),
    Need.EMPLOYMENT.value: QT_TRANSLATE_NOOP("CaseLabels", "Employment"),
    Need.FAMILY_CONTACT.value: QT_TRANSLATE_NOOP("CaseLabels", "Family contact"),
    Need.OTHER.value: QT_TRANSLATE_NOOP("CaseLabels", "Other need"),
}
# One table for the states of every kind: a code means the same thing wherever it appears.
EVENT_STATE = {
    PlanItemState.OPEN.value: QT_TRANSLATE_NOOP("CaseLabels", "Open"),
    PlanItemState.CANCELLED.value: QT_TRANSLATE_NOOP("CaseLabels", "Cancelled"),
    VisitState.PLANNED.value: QT_TRANSLATE_NOOP("CaseLabels", "Planned"),
    VisitState.DONE.value: QT_TRANSLATE_NOOP("CaseLabels", "Done"),
    VisitState.MISSED.value: QT_TRANSLATE_NOOP("CaseLabels", "Missed"),
    ReferralState.SENT.value: QT_TRANSLATE_NOOP("CaseLabels", "Sent"),
    ReferralState.ACCEPTED.value: QT_TRANSLATE_NOOP("CaseLabels", "Accepted"),
    ReferralState.REFUSED.value: QT_TRANSLATE_NOOP("CaseLabels", "Refused"),
}
VISIT_PLACE = {
    VisitPlace.HOME.value: QT_TRANSLATE_NOOP("CaseLabels", "Home"),
    VisitPlace.OFFICE.value: QT_TRANSLATE_NOOP("CaseLabels", "Office"),
    VisitPlace.INSTITUTION.value: QT_TRANSLATE_NOOP("CaseLabels", "Institution"),
    VisitPlace.COURT.value: QT_TRANSLATE_NOOP("CaseLabels", "Court"),
    VisitPlace.SCHOOL.value: QT_TRANSLATE_NOOP("CaseLabels", "School"),
    VisitPlace.OTHER.value: QT_TRANSLATE_NOOP("CaseLabels", "Other place"),
}
# Fallback names of the case types, for a type HQ has since retired from the reference data.
CASE_TYPE = {
    CaseTypeCode.JUVENILE.value: QT_TRANSLATE_NOOP("CaseLabels", "Juvenile"),
    CaseTypeCode.PRISONER_FAMILY.value: QT_TRANSLATE_NOOP("CaseLabels", "Family of a prisoner"),
    CaseTypeCode.INMATE_REHABILITATION.value: QT_TRANSLATE_NOOP(
        "CaseLabels", "Inmate rehabilitation"
    ),
    CaseTypeCode.DISPLACED.value: QT_TRANSLATE_NOOP("CaseLabels", "Displaced"),
    CaseTypeCode.DISABILITY.value: QT_TRANSLATE_NOOP("CaseLabels", "Person with a disability"),
    CaseTypeCode.WOMEN_PROTECTION.value: QT_TRANSLATE_NOOP("CaseLabels", "Protection of women"),
    CaseTypeCode.CHILD_PROTECTION.value: QT_TRANSLATE_NOOP("CaseLabels", "Child protection"),
    CaseTypeCode.ELDERLY.value: QT_TRANSLATE_NOOP("CaseLabels", "Elderly person"),
    CaseTypeCode.OTHER.value: QT_TRANSLATE_NOOP("CaseLabels", "Other"),
}
# The reference data gives a type's choice fields as codes without Arabic labels: the codes
# known today, translated here (see the report: FieldSpec should carry its own labels).
FIELD_CHOICE = {
    "regular": QT_TRANSLATE_NOOP("CaseLabels", "Regular"),
    "irregular": QT_TRANSLATE_NOOP("CaseLabels", "Irregular"),
    "none": QT_TRANSLATE_NOOP("CaseLabels", "None"),
}


def _t(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def _lookup(table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    source = table.get(code)
    return _t(source) if source is not None else code


def status(code: str | None) -> str:
    return _lookup(STATUS, code)


def status_style(code: str | None) -> str:
    """A style sheet for a status badge (a QLabel)."""
    background, text = STATUS_COLOURS.get(code or "", ("#9e9e9e", "#ffffff"))
    return (
        f"background: {background}; color: {text}; padding: 2px 10px; border-radius: 9px;"
        "font-weight: bold;"
    )


def closure_reason(code: str | None) -> str:
    return _lookup(CLOSURE_REASON, code)


def risk(code: str | None) -> str:
    return _lookup(RISK, code)


def risk_colour(code: str | None) -> str:
    return RISK_COLOURS.get(code or "", "#424242")


def event_kind(code: str | None) -> str:
    return _lookup(EVENT_KIND, code)


def need(code: str | None) -> str:
    return _lookup(NEED, code)


def event_state(code: str | None) -> str:
    return _lookup(EVENT_STATE, code)


def visit_place(code: str | None) -> str:
    return _lookup(VISIT_PLACE, code)


def case_type(code: str | None) -> str:
    return _lookup(CASE_TYPE, code)


def field_choice(code: str | None) -> str:
    return _lookup(FIELD_CHOICE, code)


def choices(table: dict[str, str]) -> list[tuple[str, str]]:
    """(code, translated text) pairs in the table's order, for combo boxes."""
    return [(code, _t(source)) for code, source in table.items()]


def day(value: date | str | None) -> str:
    """A date as dd/mm/yyyy (stored ISO strings too); empty as a dash."""
    if value is None or value == "":
        return NONE_TEXT
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime(PY_DATE_FORMAT)
        except ValueError:
            return value
    return value.strftime(PY_DATE_FORMAT)
