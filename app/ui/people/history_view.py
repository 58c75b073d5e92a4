"""A record's change history (from the outbox): who, when, what changed, old -> new.

The service returns the raw changes; this module turns them into readable rows: field names
and stored codes translated, dates and phones in local form, bookkeeping columns hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.domain.people import local_phone
from app.services.dto import ChangeEntry, FieldChange
from app.ui.common import labels
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.translations import PY_DATE_FORMAT, PY_DATETIME_FORMAT
from app.ui.people.beneficiary_fields import dinars_text

COL_WHEN = 0
COL_WHO = 1
COL_WHAT = 2
COL_FIELD = 3
COL_OLD = 4
COL_NEW = 5
COLUMN_COUNT = 6

HIDDEN_FIELDS = frozenset(
    {
        "id",
        "origin_branch",
        "created_at",
        "created_by",
        "name_key",
        "mother_key",
        "beneficiary_id",
        "position",
        "hq_version",
        "deleted_at",
    }
)
CODED: dict[str, Callable[[str | None], str]] = {
    "sex": labels.sex,
    "marital_status": labels.marital,
    "disability_type": labels.disability_type,
    "disability_degree": labels.disability_degree,
    "displacement_status": labels.displacement,
    "household_relationship": labels.relationship,
    "housing_type": labels.housing,
    "nationality": labels.nationality,
    "id_type": labels.identifier,
}
NONE_TEXT = "—"
translate = QCoreApplication.translate


@dataclass(frozen=True, slots=True)
class HistoryRow:
    when: str
    who: str
    what: str
    field: str
    old: str
    new: str


def local_time(at: datetime) -> str:
    """Stored times are naive UTC; show them in the machine's time zone."""
    return at.replace(tzinfo=UTC).astimezone().strftime(PY_DATETIME_FORMAT)


class ValueFormatter:
    def __init__(self, municipality_name: Callable[[str | None], str]) -> None:
        self._municipality_name = municipality_name

    def __call__(self, field: str, value: object) -> str:
        if value is None or value == "":
            return NONE_TEXT
        if field in CODED:
            return CODED[field](str(value))
        if field == "birth_date":
            try:
                return date.fromisoformat(str(value)).strftime(PY_DATE_FORMAT)
            except ValueError:
                return str(value)
        if field == "birth_date_estimated":
            yes = translate("HistoryTableModel", "Yes")
            return yes if value is True else translate("HistoryTableModel", "No")
        if field == "e164":
            return local_phone(str(value))
        if field == "latin_name":  # reads left to right, its dots and hyphens in place
            return f"\u2066{value}\u2069"
        if field == "municipality_code":
            return self._municipality_name(str(value)) or str(value)
        if field == "monthly_income_dirhams" and isinstance(value, int):
            return dinars_text(value)
        if field == "household_id":
            return translate("HistoryTableModel", "A household")
        return str(value)


def history_rows(entries: list[ChangeEntry], fmt: ValueFormatter) -> list[HistoryRow]:
    """Newest first; one row per changed field (a creation is summarized in one row)."""
    rows: list[HistoryRow] = []
    for entry in entries:
        when, who = local_time(entry.at), entry.user
        changes = {c.field: c for c in entry.changes}
        if entry.table == "beneficiaries" and entry.op == "insert":
            name = " ".join(
                str(changes[f].new)
                for f in ("first_name", "father_name", "grandfather_name", "family_name")
                if f in changes and changes[f].new
            )
            rows.append(
                HistoryRow(
                    when, who, translate("HistoryTableModel", "Registered"), "", NONE_TEXT, name
                )
            )
            continue
        if entry.table in ("beneficiary_identifiers", "beneficiary_phones"):
            rows.extend(_child_rows(entry, changes, when, who, fmt))
            continue
        what = labels.operation(entry.op)
        for change in entry.changes:
            if change.field in HIDDEN_FIELDS:
                continue
            rows.append(
                HistoryRow(
                    when,
                    who,
                    what,
                    labels.field(change.field),
                    fmt(change.field, change.old),
                    fmt(change.field, change.new),
                )
            )
        if entry.op == "delete":
            rows.append(HistoryRow(when, who, what, labels.table(entry.table), "", ""))
    rows.reverse()
    return rows


def _child_rows(
    entry: ChangeEntry, changes: dict[str, FieldChange], when: str, who: str, fmt: ValueFormatter
) -> list[HistoryRow]:
    if entry.table == "beneficiary_phones":
        label = labels.field("e164")
        value = changes.get("e164")
    else:
        kind = changes.get("id_type")
        label = labels.identifier(str(kind.new)) if kind else labels.table(entry.table)
        value = changes.get("number")
    if entry.op == "insert" and value is not None:
        shown = fmt("e164", value.new) if entry.table == "beneficiary_phones" else str(value.new)
        return [
            HistoryRow(when, who, translate("HistoryTableModel", "Added"), label, NONE_TEXT, shown)
        ]
    if entry.op == "delete":
        return [HistoryRow(when, who, labels.operation("delete"), label, "", "")]
    return []  # a phone moved position: nothing the worker needs to see


class HistoryTableModel(RowTableModel[HistoryRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                translate("HistoryTableModel", "When"),
                translate("HistoryTableModel", "Who"),
                translate("HistoryTableModel", "Change"),
                translate("HistoryTableModel", "Field"),
                translate("HistoryTableModel", "Before"),
                translate("HistoryTableModel", "After"),
            ],
            parent,
        )

    def cell(self, row: HistoryRow, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return (row.when, row.who, row.what, row.field, row.old, row.new)[column]


class HistoryView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history_model = HistoryTableModel(self)
        self.setModel(self.history_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
