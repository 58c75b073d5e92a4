"""The registry officer's conflicts at HQ: what collided, listed and shown for a decision.

A conflict is recorded by the merge when a branch's change meets a value HQ holds that the
branch did not see (app/sync/merge_rules.py): `field` (one field changed at two places from the
same base), `delete_vs_edit` (an edit against a delete, on `deleted_at`), or `soft` (the same
change made at both places: nothing lost, listed read-only). Each is shown with both values,
the base, who made each change and when, the record (its table, id, field and, for a person's
records, the person's name) and the branches involved: the one whose batch raised it, and every
branch holding the record (its owner, and any that received it with a transferred case). The
decision itself is app/hq/conflict_decide.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.case_models import CaseEventRow, CaseRow
from app.db.models import SYNCED_MODELS, BeneficiaryRow
from app.db.serialize import JsonValue, to_json_value
from app.db.sync_models import HqAuditRow, HqBranchRow, HqConflictRow
from app.hq.enrollment import HqError
from app.hq.home import HQ_PARTY

MAX_LIST = 500
HARD = ("field", "delete_vs_edit")
TABLES: dict[str, Table] = {
    m.__tablename__: m.__table__  # type: ignore[attr-defined]
    for m in SYNCED_MODELS
}
# The column naming the person a row belongs to.
_PERSON = {"beneficiary_identifiers": "beneficiary_id", "beneficiary_phones": "beneficiary_id",
           "cases": "beneficiary_id", "households": "head_id",
           "duplicate_decisions": "beneficiary_id"}  # fmt: skip

Sessions = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two changes: its value, who made it, when, at which branch (or HQ)."""

    value: JsonValue
    user: str | None
    at: datetime | None
    branch: str
    user_name: str | None = None  # the account's name, as the branch's audit log told HQ

    def to_json(self) -> dict[str, Any]:
        at = self.at.isoformat(timespec="seconds") if self.at is not None else None
        return {"value": self.value, "user": self.user, "user_name": self.user_name, "at": at,
                "branch": self.branch}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: int
    kind: str
    status: str  # open | decided | soft
    table: str
    row_id: str
    field: str | None
    base: JsonValue
    branch_side: Side  # the change whose batch raised the conflict (applied by the merge)
    hq_side: Side  # the value HQ held that the branch had not seen
    current: JsonValue  # the field as HQ holds it now
    person_id: str | None
    person_name: str | None
    owner: str | None  # the branch owning the record now
    holders: tuple[str, ...]  # every branch holding the record
    batch_id: str
    found_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    decision: str | None
    decided_value: JsonValue
    reason: str | None

    def to_json(self) -> dict[str, Any]:
        when = self.decided_at.isoformat(timespec="seconds") if self.decided_at else None
        return {
            "id": self.id, "kind": self.kind, "status": self.status, "table": self.table,
            "row_id": self.row_id, "field": self.field, "base": self.base,
            "branch": self.branch_side.to_json(), "hq": self.hq_side.to_json(),
            "current": self.current, "person_id": self.person_id,
            "person_name": self.person_name, "owner": self.owner,
            "holders": list(self.holders), "batch_id": self.batch_id,
            "found_at": self.found_at.isoformat(timespec="seconds"),
            "decided_at": when, "decided_by": self.decided_by, "decision": self.decision,
            "decided_value": self.decided_value, "reason": self.reason,
        }  # fmt: skip


def stored_values(row: HqConflictRow) -> dict[str, JsonValue]:
    """The conflict's values, typed (a conflict recorded before 0011 kept them as text)."""
    if row.values_json:
        values = json.loads(row.values_json)
        if isinstance(values, dict):
            return values
    return {"base": None, "branch": row.branch_value, "hq": row.hq_value,
            "applied": row.applied_value, "legacy": True}  # fmt: skip


def find_conflict(session: Session, conflict_id: int, *, lock: bool = False) -> HqConflictRow:
    query = select(HqConflictRow).where(HqConflictRow.id == conflict_id)
    row = session.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise HqError("unknown_conflict", f"HQ has no conflict {conflict_id} (see: conflicts list)")
    return row


def list_conflicts(
    session: Session, *, decided: bool = False, soft: bool = False, limit: int = 100
) -> list[ConflictView]:
    """Open hard conflicts, oldest first; with `decided` the decided ones too; with `soft`
    the soft ones too."""
    statuses = ["open", *(["decided"] if decided else []), *(["soft"] if soft else [])]
    rows = session.scalars(
        select(HqConflictRow)
        .where(HqConflictRow.status.in_(statuses))
        .order_by(HqConflictRow.id)
        .limit(max(1, min(limit, MAX_LIST)))
    ).all()
    return [view(session, row) for row in rows]


def view(session: Session, row: HqConflictRow) -> ConflictView:
    values = stored_values(row)
    record = _record(session, row.table_name, row.row_id)
    person_id = _person_of(session, row.table_name, record)
    owner = str(record["origin_branch"]) if record else None
    hq_branch = HQ_PARTY if row.hq_user == HQ_PARTY else row.branch
    current = None
    if record is not None and row.field and row.field in record:
        current = to_json_value(record[row.field])
    decided = json.loads(row.decided_value) if row.decided_value else None
    return ConflictView(
        id=row.id, kind=row.kind, status=row.status, table=row.table_name, row_id=row.row_id,
        field=row.field, base=values.get("base"),
        branch_side=Side(values.get("branch"), row.branch_user, row.branch_changed_at,
                         row.branch, user_name(session, row.branch, row.branch_user)),
        hq_side=Side(values.get("hq"), row.hq_user, row.hq_changed_at, hq_branch,
                     user_name(session, hq_branch, row.hq_user)),
        current=current, person_id=person_id, person_name=_person_name(session, person_id),
        owner=owner, holders=tuple(holders(session, row.table_name, record)),
        batch_id=row.batch_id, found_at=row.created_at, decided_at=row.decided_at,
        decided_by=row.decided_by, decision=row.decision, decided_value=decided,
        reason=row.decision_reason,
    )  # fmt: skip


def holders(session: Session, table: str, record: dict[str, Any] | None) -> list[str]:
    """Every enrolled branch holding the record: its owner, the branches holding a case of its
    person (sent the person with a transferred case), and a case's former owners."""
    if record is None:
        return []
    found = {str(record["origin_branch"])}
    person = _person_of(session, table, record)
    if person is not None:
        found.update(
            session.scalars(select(CaseRow.origin_branch).where(CaseRow.beneficiary_id == person))
        )
    case_id = record["id"] if table == "cases" else record.get("case_id")
    if table in ("cases", "case_events") and case_id:
        for payload in session.scalars(
            select(CaseEventRow.payload).where(
                CaseEventRow.case_id == case_id, CaseEventRow.kind == "transfer_request"
            )
        ):
            try:
                data = json.loads(payload or "{}")
            except ValueError:
                continue
            if isinstance(data, dict) and data.get("completed") and data.get("from"):
                found.add(str(data["from"]))
    enrolled = set(session.scalars(select(HqBranchRow.code).where(HqBranchRow.code.in_(found))))
    return sorted(found & enrolled)


def user_name(session: Session, branch: str, user: str | None) -> str | None:
    """A branch account's user name, from the audit entry that created it (None if HQ has
    not received it)."""
    if user is None or branch == HQ_PARTY:
        return None
    details = session.scalar(
        select(HqAuditRow.details).where(
            HqAuditRow.entity == "user", HqAuditRow.entity_id == user,
            HqAuditRow.action == "user.create", HqAuditRow.branch == branch,
        ).limit(1)
    )  # fmt: skip
    try:
        name = json.loads(details or "{}").get("username")
    except (ValueError, AttributeError):
        return None
    return str(name) if name else None


def _record(session: Session, table: str, row_id: str) -> dict[str, Any] | None:
    model = TABLES.get(table)
    if model is None:
        return None
    cols = [c for c in model.columns if c.key != "local_id"]
    found = session.execute(select(*cols).where(model.c.id == row_id)).first()
    return dict(found._mapping) if found is not None else None


def _person_of(session: Session, table: str, record: dict[str, Any] | None) -> str | None:
    if record is None:
        return None
    if table == "beneficiaries":
        return str(record["id"])
    if table == "case_events":
        person = session.scalar(
            select(CaseRow.beneficiary_id).where(CaseRow.id == record.get("case_id"))
        )
        return str(person) if person else None
    column = _PERSON.get(table)
    value = record.get(column) if column else None
    return str(value) if value else None


def _person_name(session: Session, person_id: str | None) -> str | None:
    if person_id is None:
        return None
    found = session.execute(
        select(BeneficiaryRow.first_name, BeneficiaryRow.father_name,
               BeneficiaryRow.grandfather_name, BeneficiaryRow.family_name)
        .where(BeneficiaryRow.id == person_id)
    ).first()  # fmt: skip
    return " ".join(p for p in found if p) if found is not None else None


__all__ = ["HARD", "ConflictView", "Side", "find_conflict", "holders", "list_conflicts", "view"]
