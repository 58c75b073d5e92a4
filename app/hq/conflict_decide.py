"""Deciding a hard conflict at HQ: the value kept, applied, audited and sent down.

In one transaction (the ledgers of the branches concerned locked first, in code order, as a
transfer does): the conflict is read again, locked; the record must not have moved on since
the conflict was recorded (its `hq_version` then, kept in `row_hq_version`), else nothing is
decided; the field is set to the value kept, the row gets `row_version` + 1 and HQ's next
`hq_version` (like any change HQ makes, so the ordinary sync keeps working); the decision is
recorded (`record_decision`, action "conflict.decide"); every branch holding the record is
queued the whole row as a "rows" line; and each side whose value lost, if a branch's worker
made it, a "conflict_notice" line to that branch (the field, the value that lost, the value
kept, who decided and why: app/sync/branch_conflicts.py). Other open conflicts of the same
record stay decidable (they are about other fields: their version moves with the decision's).

An edit against a delete is decided on `deleted_at`: keep the record (HQ undeletes it, with the
edit) or delete it (the edit stays under the tombstone); `--keep-hq`/`--take-branch` say the
same by side.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.serialize import JsonValue, from_json_value, to_json_value
from app.db.sync_models import HqBranchRow, HqConflictRow, HqLedgerRow
from app.hq.conflicts import (
    TABLES,
    ConflictView,
    find_conflict,
    holders,
    list_conflicts,
    stored_values,
    user_name,
    view,
)
from app.hq.decisions import record_decision
from app.hq.enrollment import HqError
from app.hq.home import HQ_PARTY
from app.hq.ingest import lock_ledgers, next_hq_version, queue_down
from app.hq.transfers import _row_line as row_line
from app.sync.value_rules import column_rules, value_problem

NOTICE = "conflict_notice"
CHOICES = ("keep_hq", "take_branch", "value", "keep_record", "delete_record")
MIN_REASON = 5
MAX_REASON = 2000


@dataclass(frozen=True, slots=True)
class DecisionResult:
    conflict: int
    decision: str
    value: JsonValue
    hq_version: int
    sent_to: tuple[str, ...]  # branches queued the row
    notified: tuple[str, ...]  # "BRANCH:user name" (or id) of each losing worker told
    decision_id: int

    def to_json(self) -> dict[str, Any]:
        return {
            "conflict": self.conflict, "decision": self.decision, "value": self.value,
            "hq_version": self.hq_version, "sent_to": list(self.sent_to),
            "notified": list(self.notified), "decision_id": self.decision_id,
        }  # fmt: skip


def decide_conflict(
    session: Session,
    conflict_id: int,
    choice: str,
    by: str,
    reason: str,
    value: str | None = None,
) -> DecisionResult:
    """Decide conflict `conflict_id` (the caller commits; any HqError changes nothing)."""
    text, who = (reason or "").strip(), (by or "").strip()
    if len(text) < MIN_REASON or len(text) > MAX_REASON:
        raise HqError("reason", f"give the reason ({MIN_REASON} to {MAX_REASON} characters)")
    if not who:
        raise HqError("by", "say who decides (--by NAME)")
    if choice not in CHOICES:
        raise HqError("choice", f"decide with one of {', '.join(CHOICES)}")
    conflict = _decidable(find_conflict(session, conflict_id))
    table = TABLES[conflict.table_name]
    record = _row(session, table, conflict.row_id, lock=False)
    concerned = holders(session, conflict.table_name, record)
    ledgers = _lock_ledgers(session, {*concerned, conflict.branch})
    session.expire_all()
    conflict = _decidable(find_conflict(session, conflict_id, lock=True))
    record = _row(session, table, conflict.row_id, lock=True)
    if record is None:
        raise HqError("gone", f"HQ no longer holds the record of conflict {conflict.id}")
    if int(record["hq_version"] or 0) != conflict.row_hq_version:
        raise HqError(
            "changed",
            f"the record of conflict {conflict.id} changed since the conflict (HQ version "
            f"{conflict.row_hq_version}, now {record['hq_version']}): nothing decided; look at "
            f"it again (conflicts show {conflict.id})",
        )
    field = str(conflict.field)
    values = stored_values(conflict)
    decision, kept = _kept(conflict, table, field, values, choice, value)
    version = next_hq_version(session)
    now = utcnow()
    typed = from_json_value(_python_type(table, field), kept)
    session.execute(
        update(table).where(table.c.id == conflict.row_id).values({
            field: typed, "row_version": int(record["row_version"] or 0) + 1,
            "hq_version": version, "updated_at": now, "updated_by": HQ_PARTY,
        }).execution_options(synchronize_session=False)
    )  # fmt: skip
    session.execute(
        update(HqConflictRow)
        .where(
            HqConflictRow.table_name == conflict.table_name,
            HqConflictRow.row_id == conflict.row_id,
            HqConflictRow.status == "open",
            HqConflictRow.id != conflict.id,
            HqConflictRow.row_hq_version == conflict.row_hq_version,
        )
        .values(row_hq_version=version)
        .execution_options(synchronize_session=False)
    )
    seen = view(session, conflict)
    losers = _losers(conflict, values, kept)
    entry = record_decision(
        session, by=who, action="conflict.decide", subject=f"conflict {conflict.id}",
        reason=text, detail={
            "table": conflict.table_name, "row_id": conflict.row_id, "field": field,
            "kind": conflict.kind, "decision": decision, "kept": kept,
            "lost": [{"side": s, "value": v, "user": u} for s, v, u in losers],
            "branch": conflict.branch, "hq_version": version,
        },
    )  # fmt: skip
    conflict.status, conflict.decided_at, conflict.decided_by = "decided", now, who[:60]
    conflict.decision, conflict.decision_reason = decision, text
    conflict.decided_value, conflict.decision_id = json.dumps(kept, ensure_ascii=False), entry.id
    line = row_line(session, table, conflict.row_id)
    for code in concerned:
        queue_down(session, ledgers[code], line)
    notified: list[str] = []
    if conflict.branch in ledgers:
        for side, lost, user in losers:
            queue_down(session, ledgers[conflict.branch], {
                "kind": NOTICE, "conflict": conflict.id, "side": side, "user_id": user,
                "table": conflict.table_name, "row_id": conflict.row_id,
                "person": seen.person_id, "field": field, "lost": lost, "kept": kept,
                "by": who[:60], "reason": text, "at": now.isoformat(timespec="seconds"),
            })  # fmt: skip
            notified.append(
                f"{conflict.branch}:{user_name(session, conflict.branch, user) or user}"
            )
    return DecisionResult(
        conflict.id, decision, kept, version, tuple(concerned), tuple(notified), entry.id
    )


def _decidable(conflict: HqConflictRow) -> HqConflictRow:
    if conflict.status == "soft":
        raise HqError(
            "soft",
            f"conflict {conflict.id} is soft (the same change made at both places, nothing "
            f"lost): it is listed for information and cannot be decided",
        )
    if conflict.status != "open":
        raise HqError(
            "decided",
            f"conflict {conflict.id} was already decided ({conflict.decision}, by "
            f"{conflict.decided_by}): nothing changed",
        )
    if conflict.table_name not in TABLES or not conflict.field:
        raise HqError("unknown_table", f"conflict {conflict.id} names no field HQ can set")
    return conflict


def _kept(
    conflict: HqConflictRow,
    table: Table,
    field: str,
    values: dict[str, JsonValue],
    choice: str,
    value: str | None,
) -> tuple[str, JsonValue]:
    """The decision's name and the value kept (JSON form), or HqError."""
    if conflict.kind == "delete_vs_edit":
        deleted = values.get("hq") if values.get("hq") is not None else values.get("branch")
        wants = {"keep_record": None, "delete_record": deleted}
        if choice == "value":
            raise HqError(
                "choice", f"conflict {conflict.id} is an edit against a delete: keep the record "
                "(--keep-record) or delete it (--delete-record), or --keep-hq/--take-branch",
            )  # fmt: skip
        if choice in wants:
            return choice, wants[choice]
        kept = values.get("hq") if choice == "keep_hq" else values.get("branch")
        return ("keep_record" if kept is None else "delete_record"), kept
    if choice in ("keep_record", "delete_record"):
        raise HqError("choice", f"conflict {conflict.id} is about a field, not a delete: "
                      "--keep-hq, --take-branch or --value V")  # fmt: skip
    kind = _python_type(table, field)
    if choice == "value":
        return "value", _parsed(conflict.id, table, field, kind, value)
    kept = values.get("hq") if choice == "keep_hq" else values.get("branch")
    if values.get("legacy") and kind is not str:
        raise HqError("legacy", f"conflict {conflict.id} was recorded as text: use --value V")
    try:
        from_json_value(kind, kept)
    except ValueError:
        raise HqError("value", "the stored value cannot be set again: use --value V") from None
    return choice, kept


def _parsed(conflict_id: int, table: Table, field: str, kind: type, value: str | None) -> Any:
    if value is None:
        raise HqError("value", "give the value with --value V")
    text = value.strip() if kind is not str else value
    try:
        typed: Any
        if kind is str:
            typed = text
        elif kind is bool:
            if text.lower() not in ("true", "false", "1", "0"):
                raise ValueError("not true or false")
            typed = text.lower() in ("true", "1")
        elif kind is int:
            typed = int(text)
        elif kind is date:
            typed = date.fromisoformat(text)
        elif kind is datetime:
            typed = datetime.fromisoformat(text)
        else:
            raise ValueError(f"a {kind.__name__} is not entered by hand")
    except ValueError as err:
        raise HqError("value", f"{value!r} is not a value for {field}: {err}") from None
    if text == "" and table.c[field].nullable:
        typed = None
    problem = value_problem(column_rules(table)[field], typed)
    if problem is not None:
        raise HqError("value", f"{value!r} cannot be stored in {field}: {problem}")
    return to_json_value(typed)


def _losers(
    conflict: HqConflictRow, values: dict[str, JsonValue], kept: JsonValue
) -> list[tuple[str, JsonValue, str | None]]:
    """(side, its value, its worker) of each side that lost and was a branch worker's."""
    out: list[tuple[str, JsonValue, str | None]] = []
    if values.get("branch") != kept:
        out.append(("branch", values.get("branch"), conflict.branch_user))
    if values.get("hq") != kept and conflict.hq_user not in (None, HQ_PARTY):
        out.append(("hq", values.get("hq"), conflict.hq_user))
    return out


def _row(session: Session, table: Table, row_id: str, *, lock: bool) -> dict[str, Any] | None:
    cols = [c for c in table.columns if c.key != "local_id"]
    query = select(*cols).where(table.c.id == row_id)
    found = session.execute(query.with_for_update() if lock else query).first()
    return dict(found._mapping) if found is not None else None


def _python_type(table: Table, field: str) -> type:
    try:
        kind: type = table.c[field].type.python_type
        return kind
    except NotImplementedError:
        return object


def _lock_ledgers(session: Session, branches: set[str]) -> dict[str, HqLedgerRow]:
    """The enrolled ones' ledgers, locked in code order (as transfers lock them)."""
    known = set(session.scalars(select(HqBranchRow.code).where(HqBranchRow.code.in_(branches))))
    return lock_ledgers(session, known)


class ConflictDesk:
    """The conflict commands over HQ's database, each in one transaction."""

    def __init__(self, write: Any, read: Any) -> None:
        self._write = write
        self._read = read

    @classmethod
    def of(cls, service: Any) -> ConflictDesk:
        """Over an `HqService`: its transactions (on SQLite they take the write lock first)."""
        return cls(service._write, service._read)

    def conflicts(
        self, *, decided: bool = False, soft: bool = False, limit: int = 100
    ) -> list[ConflictView]:
        with self._read() as session:
            return list_conflicts(session, decided=decided, soft=soft, limit=limit)

    def conflict(self, conflict_id: int) -> ConflictView:
        with self._read() as session:
            return view(session, find_conflict(session, conflict_id))

    def decide(
        self, conflict_id: int, choice: str, by: str, reason: str, value: str | None = None
    ) -> DecisionResult:
        with self._write() as session:
            return decide_conflict(session, conflict_id, choice, by, reason, value)
