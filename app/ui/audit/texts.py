"""The words the audit browser shows: each recorded action, each detail's name and its coded
values, translated; never a code such as `attempt` or `case_summary`. Ids are left out (the
case number has its own column); file names and addresses are isolated left to right."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.services.audit_log import AuditEntryView
from app.ui.common import case_labels, labels
from app.ui.common.file_dialogs import isolate
from app.ui.common.translations import QT_TRANSLATE_NOOP

CONTEXT = "AuditActions"
ACTION = {
    "login": QT_TRANSLATE_NOOP("AuditActions", "Logged in"),
    "logout": QT_TRANSLATE_NOOP("AuditActions", "Logged out"),
    "login.failed": QT_TRANSLATE_NOOP("AuditActions", "Failed login"),
    "login.refused": QT_TRANSLATE_NOOP("AuditActions", "Login refused"),
    "account.locked": QT_TRANSLATE_NOOP("AuditActions", "Account locked"),
    "account.unlocked": QT_TRANSLATE_NOOP("AuditActions", "Account unlocked"),
    "user.create": QT_TRANSLATE_NOOP("AuditActions", "Account created"),
    "beneficiary.create": QT_TRANSLATE_NOOP("AuditActions", "Beneficiary registered"),
    "beneficiary.update": QT_TRANSLATE_NOOP("AuditActions", "Beneficiary changed"),
    "beneficiary.demo_data": QT_TRANSLATE_NOOP("AuditActions", "Demo people added"),
    "household.create": QT_TRANSLATE_NOOP("AuditActions", "Household created"),
    "household.update": QT_TRANSLATE_NOOP("AuditActions", "Household changed"),
    "household.member_add": QT_TRANSLATE_NOOP("AuditActions", "Household member added"),
    "household.member_remove": QT_TRANSLATE_NOOP("AuditActions", "Household member removed"),
    "household.member_move": QT_TRANSLATE_NOOP(
        "AuditActions", "Household member moved from another household"
    ),
    "household.members_register": QT_TRANSLATE_NOOP(
        "AuditActions", "New household members registered"
    ),
    "household.close": QT_TRANSLATE_NOOP(
        "AuditActions", "Household closed (its last member moved)"
    ),
    "case.open": QT_TRANSLATE_NOOP("AuditActions", "Case opened"),
    "case.view": QT_TRANSLATE_NOOP("AuditActions", "Case viewed"),
    "case.edit": QT_TRANSLATE_NOOP("AuditActions", "Case details changed"),
    "case.assign": QT_TRANSLATE_NOOP("AuditActions", "Case assigned"),
    "case.status": QT_TRANSLATE_NOOP("AuditActions", "Case status changed"),
    "case.event": QT_TRANSLATE_NOOP("AuditActions", "Case entry added"),
    "case.event.amend": QT_TRANSLATE_NOOP("AuditActions", "Case entry corrected"),
    "case.break_glass": QT_TRANSLATE_NOOP("AuditActions", "Case opened with a reason"),
    "case.transfer_request": QT_TRANSLATE_NOOP("AuditActions", "Case transfer requested"),
    "print.intake": QT_TRANSLATE_NOOP("AuditActions", "Intake form printed"),
    "print.blank_intake": QT_TRANSLATE_NOOP("AuditActions", "Blank intake form printed"),
    "print.household": QT_TRANSLATE_NOOP("AuditActions", "Household form printed"),
    "print.case_summary": QT_TRANSLATE_NOOP("AuditActions", "Case summary printed"),
    "print.visit_sheet": QT_TRANSLATE_NOOP("AuditActions", "Visit sheet printed"),
    "print.blank_visit": QT_TRANSLATE_NOOP("AuditActions", "Blank visit sheet printed"),
    "print.referral_letter": QT_TRANSLATE_NOOP("AuditActions", "Referral letter printed"),
    "print.court_report": QT_TRANSLATE_NOOP("AuditActions", "Court social report printed"),
    "print.visit_sheets": QT_TRANSLATE_NOOP("AuditActions", "Visit sheets printed in a batch"),
    "export.case_figures": QT_TRANSLATE_NOOP("AuditActions", "Case figures exported"),
    "sync.enroll": QT_TRANSLATE_NOOP("AuditActions", "Branch enrolled with headquarters"),
    "sync.run": QT_TRANSLATE_NOOP("AuditActions", "Synchronized with headquarters"),
    "sync.export": QT_TRANSLATE_NOOP("AuditActions", "Sync files written for USB"),
    "sync.import": QT_TRANSLATE_NOOP("AuditActions", "Sync file imported"),
    "beneficiary.import": QT_TRANSLATE_NOOP("AuditActions", "Beneficiaries imported from a file"),
    "search.batch": QT_TRANSLATE_NOOP("AuditActions", "A list of names matched"),
    "account.password_set": QT_TRANSLATE_NOOP("AuditActions", "Password chosen"),
    "account.from_hq": QT_TRANSLATE_NOOP("AuditActions", "Account received from headquarters"),
    "account.hq_change": QT_TRANSLATE_NOOP("AuditActions", "Account changed by headquarters"),
    "account.hq_refused": QT_TRANSLATE_NOOP("AuditActions", "Account from headquarters refused"),
}
# Groups offered in the browser's action filter (a prefix matches every action under it).
GROUPS = {
    "case.": QT_TRANSLATE_NOOP("AuditActions", "Every case action"),
    "login": QT_TRANSLATE_NOOP("AuditActions", "Every login and log-out event"),
    "export.": QT_TRANSLATE_NOOP("AuditActions", "Every export"),
    "print.": QT_TRANSLATE_NOOP("AuditActions", "Every print"),
}
DETAIL = {
    "kind": QT_TRANSLATE_NOOP("AuditActions", "kind"),
    "type": QT_TRANSLATE_NOOP("AuditActions", "case type"),
    "from": QT_TRANSLATE_NOOP("AuditActions", "from"),
    "to": QT_TRANSLATE_NOOP("AuditActions", "to"),
    "reason": QT_TRANSLATE_NOOP("AuditActions", "reason"),
    "sensitive": QT_TRANSLATE_NOOP("AuditActions", "sensitive"),
    "format": QT_TRANSLATE_NOOP("AuditActions", "format"),
    "since": QT_TRANSLATE_NOOP("AuditActions", "from date"),
    "until": QT_TRANSLATE_NOOP("AuditActions", "to date"),
    "file": QT_TRANSLATE_NOOP("AuditActions", "file"),
    "files": QT_TRANSLATE_NOOP("AuditActions", "files"),
    "rows": QT_TRANSLATE_NOOP("AuditActions", "rows"),
    "username": QT_TRANSLATE_NOOP("AuditActions", "user name"),
    "why": QT_TRANSLATE_NOOP("AuditActions", "reason"),
    "role": QT_TRANSLATE_NOOP("AuditActions", "role"),
    "count": QT_TRANSLATE_NOOP("AuditActions", "count"),
    "batches": QT_TRANSLATE_NOOP("AuditActions", "batches"),
    "applied": QT_TRANSLATE_NOOP("AuditActions", "applied"),
    "pages": QT_TRANSLATE_NOOP("AuditActions", "pages"),
    "form": QT_TRANSLATE_NOOP("AuditActions", "form"),
    "event": QT_TRANSLATE_NOOP("AuditActions", "entry"),
    "day": QT_TRANSLATE_NOOP("AuditActions", "day"),
    "cases": QT_TRANSLATE_NOOP("AuditActions", "cases"),
    "attempt": QT_TRANSLATE_NOOP("AuditActions", "attempt"),
    "hq_url": QT_TRANSLATE_NOOP("AuditActions", "headquarters address"),
    "registered": QT_TRANSLATE_NOOP("AuditActions", "registered"),
    "relationship": QT_TRANSLATE_NOOP("AuditActions", "relationship to the head"),
    "version": QT_TRANSLATE_NOOP("AuditActions", "version"),
    "changes": QT_TRANSLATE_NOOP("AuditActions", "changes"),
    "active": QT_TRANSLATE_NOOP("AuditActions", "active"),
    "seed": QT_TRANSLATE_NOOP("AuditActions", "seed"),
    "next_index": QT_TRANSLATE_NOOP("AuditActions", "next number"),
    "households": QT_TRANSLATE_NOOP("AuditActions", "households"),
    "sha256": QT_TRANSLATE_NOOP("AuditActions", "file fingerprint"),
    "already_registered": QT_TRANSLATE_NOOP("AuditActions", "already registered"),
    "bad_rows": QT_TRANSLATE_NOOP("AuditActions", "rows with errors"),
    "recovered": QT_TRANSLATE_NOOP("AuditActions", "recovered"),
    "from_hq": QT_TRANSLATE_NOOP("AuditActions", "from headquarters"),
    "resent": QT_TRANSLATE_NOOP("AuditActions", "sent again"),
    "setup_code": QT_TRANSLATE_NOOP("AuditActions", "setup code"),
    # A list of names matched (search.batch)
    "lines": QT_TRANSLATE_NOOP("AuditActions", "lines"),
    "queries": QT_TRANSLATE_NOOP("AuditActions", "names looked for"),
    "refused": QT_TRANSLATE_NOOP("AuditActions", "lines left out"),
    "matched": QT_TRANSLATE_NOOP("AuditActions", "with a match"),
    "perfect": QT_TRANSLATE_NOOP("AuditActions", "scoring 100"),
    "limit": QT_TRANSLATE_NOOP("AuditActions", "matches per name"),
    "stopped": QT_TRANSLATE_NOOP("AuditActions", "stopped"),
}
# Coded values of details: why a login was refused, the export formats.
VALUE = {
    "disabled": QT_TRANSLATE_NOOP("AuditActions", "account disabled"),
    "locked": QT_TRANSLATE_NOOP("AuditActions", "account locked"),
    "name_taken": QT_TRANSLATE_NOOP("AuditActions", "user name already taken at the branch"),
    "old": QT_TRANSLATE_NOOP("AuditActions", "old"),
    "new": QT_TRANSLATE_NOOP("AuditActions", "new"),
    "csv": QT_TRANSLATE_NOOP("AuditActions", "CSV"),
    "xlsx": QT_TRANSLATE_NOOP("AuditActions", "Excel"),
}
OTHER_DETAIL = QT_TRANSLATE_NOOP("AuditActions", "other")
YES = QT_TRANSLATE_NOOP("AuditActions", "yes")
NO = QT_TRANSLATE_NOOP("AuditActions", "no")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _t(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def action_text(action: str) -> str:
    source = ACTION.get(action)
    return _t(source) if source is not None else action


def group_text(prefix: str) -> str:
    return _t(GROUPS[prefix])


def _name(key: str) -> str:
    """A detail's name: the audit's own words, else a record field's label (never the code)."""
    source = DETAIL.get(key)
    if source is not None:
        return _t(source)
    if key in labels.FIELD:
        return labels.field(key)
    if key in case_labels.FIELD_CHOICE:
        return case_labels.field_choice(key)
    return _t(OTHER_DETAIL)


def _value_text(key: str, value: object) -> str | None:
    """A detail's value as shown: codes translated, ids left out (None)."""
    if isinstance(value, bool):
        return _t(YES if value else NO)
    if isinstance(value, dict):
        parts = [
            f"{_name(k)}: {shown}"
            for k, v in sorted(value.items())
            if (shown := _value_text(k, v)) is not None
        ]
        return "، ".join(parts) if parts else None
    if isinstance(value, list):
        shown_items = [s for v in value if (s := _value_text(key, v)) is not None]
        return ", ".join(shown_items) or None
    text = "" if value is None else str(value)
    if not text or UUID.match(text):
        return None
    if key in ("file", "files", "hq_url"):
        return isolate(text)
    if ISO_DAY.match(text):
        return case_labels.day(text)
    if key in ("from", "to") and text in case_labels.STATUS:
        return case_labels.status(text)
    if key == "kind":
        return case_labels.event_kind(text)
    if key == "type":
        return case_labels.case_type(text)
    if key == "role":
        return labels.role(text)
    if key == "relationship":
        return labels.relationship(text)
    if key == "form":
        return action_text(f"print.{text}")
    if text in VALUE:
        return _t(VALUE[text])
    return text


def details_text(entry: AuditEntryView) -> str:
    """The entry's details as "name: value" pairs (the case number has its own column)."""
    parts: list[str] = []
    for key, value in sorted(entry.details.items()):
        if key == "number":
            continue
        shown = _value_text(key, value)
        if shown is None:
            continue
        parts.append(f"{_name(key)}: {shown}")
    return " · ".join(parts)
