"""The lazy table of audit log entries (newest first, pages by sequence number), and the
translated names of the recorded actions and of their details."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from app.services.audit_log import AuditEntryView, AuditFilter
from app.ui.common import case_labels, labels
from app.ui.common.paged_table_model import PagedTableModel
from app.ui.common.paged_table_model import RunFn as PagedRunFn
from app.ui.common.translations import PY_DATETIME_FORMAT, QT_TRANSLATE_NOOP

PAGE_SIZE = 200

COL_TIME = 0
COL_USER = 1
COL_ACTION = 2
COL_CASE = 3
COL_DETAILS = 4
COLUMN_COUNT = 5

SEQ_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2

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
}
YES = QT_TRANSLATE_NOOP("AuditActions", "yes")
NO = QT_TRANSLATE_NOOP("AuditActions", "no")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

BrowseFn = Callable[[AuditFilter], list[AuditEntryView]]
RunFn = PagedRunFn[AuditEntryView]


def _t(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def action_text(action: str) -> str:
    source = ACTION.get(action)
    return _t(source) if source is not None else action


def group_text(prefix: str) -> str:
    return _t(GROUPS[prefix])


def _value_text(key: str, value: object) -> str | None:
    """A detail's value as shown: codes translated, ids left out (None)."""
    if isinstance(value, bool):
        return _t(YES if value else NO)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = "" if value is None else str(value)
    if not text or UUID.match(text):
        return None
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
    return text


def details_text(entry: AuditEntryView) -> str:
    """The entry's details as "key: value" pairs (the case number has its own column)."""
    parts: list[str] = []
    for key, value in sorted(entry.details.items()):
        if key == "number":
            continue
        shown = _value_text(key, value)
        if shown is None:
            continue
        source = DETAIL.get(key)
        name = _t(source) if source is not None else key
        parts.append(f"{name}: {shown}")
    return " · ".join(parts)


def local_time(at: datetime) -> str:
    """Stored as naive UTC; shown in the computer's time zone."""
    return at.replace(tzinfo=UTC).astimezone().strftime(PY_DATETIME_FORMAT)


class AuditTableModel(PagedTableModel[AuditEntryView]):
    """Entries matching one filter, PAGE_SIZE at a time, older pages as the view scrolls."""

    def __init__(self, browse: BrowseFn, run: RunFn, parent: Any = None) -> None:
        headers = [
            QCoreApplication.translate("AuditTableModel", "Time"),
            QCoreApplication.translate("AuditTableModel", "User"),
            QCoreApplication.translate("AuditTableModel", "Action"),
            QCoreApplication.translate("AuditTableModel", "Case"),
            QCoreApplication.translate("AuditTableModel", "Details"),
        ]
        super().__init__(run, headers, parent)
        self._browse = browse
        self._filter: AuditFilter | None = None

    def set_filter(self, wanted: AuditFilter | None) -> None:
        self._filter = wanted
        self._restart(exhausted=wanted is None)
        self._request_page()

    def _page_size(self) -> int:
        return PAGE_SIZE

    def _page_call(self) -> Callable[[], list[AuditEntryView]] | None:
        if self._filter is None:
            return None
        # Newest first: the next page is what comes before the oldest entry held.
        before = self._rows[-1].seq if self._rows else None
        wanted = replace(self._filter, limit=PAGE_SIZE, before_seq=before)
        browse = self._browse
        return lambda: browse(wanted)

    def entry(self, row: int) -> AuditEntryView | None:
        return self.row_at(row)

    def cell(self, entry: AuditEntryView, column: int, role: int) -> Any:
        if role == SEQ_ROLE:
            return entry.seq
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_ACTION:
            return entry.action
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == COL_TIME:
            return local_time(entry.at)
        if column == COL_USER:
            return entry.user_name or case_labels.NONE_TEXT
        if column == COL_ACTION:
            return action_text(entry.action)
        if column == COL_CASE:
            number = entry.details.get("number") if entry.entity == "case" else None
            return str(number) if number else ""
        if column == COL_DETAILS:
            return details_text(entry)
        return None
