"""Case transfers at HQ: the pending requests, completing one (ownership moves), refusing one.

A branch asks for a transfer by setting `cases.transfer_to` (the request syncs up with a
`transfer_request` event). Completing it, in one transaction: the case's `origin_branch`
becomes the target (ownership is the origin branch: see app/sync/merge.py), `transfer_to` and
`assigned_to` are cleared, the case gets a new `row_version` and `hq_version`, a
`transfer_request` event records the completion, and "rows" answer lines are queued: the target
gets full copies of the person (with identifiers and phones), the household, the case and every
event, parents first; the source gets the updated case (its copy turns read-only). When the
target has its own record of the person (the same national number), the case moves onto that
record instead and no copy of the source's record is sent: the target holds one record of the
person, its own, which it can edit (HQ's duplicate pair of the two records is decided as any).
Refusing clears `transfer_to` and sends the case and the refusal event back to the source.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import Table, insert, or_, select, update
from sqlalchemy.orm import Session

from app.db.case_models import CaseEventRow, CaseRow
from app.db.clock import new_id, utcnow
from app.db.models import BeneficiaryRow, HouseholdRow, IdentifierRow, PhoneRow
from app.db.serialize import to_json_value
from app.db.sync_models import HqBranchRow
from app.hq.enrollment import HqError
from app.hq.home import HQ_PARTY
from app.hq.ingest import lock_ledgers, next_hq_version, queue_down

TRANSFER_EVENT = "transfer_request"  # the kind the branch writes (app.domain.case_events)
MAX_REASON = 2000

_CASES: Table = CaseRow.__table__  # type: ignore[assignment]
_EVENTS: Table = CaseEventRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class PendingTransfer:
    """A case whose owning branch asked HQ to move it to another branch."""

    case_id: str
    number: str
    type_code: str
    source: str  # the owning branch, which asked
    target: str
    reason: str
    requested_on: date | None  # the request event's date (None if the event has not come)

    def to_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id, "number": self.number, "type": self.type_code,
            "source": self.source, "target": self.target, "reason": self.reason,
            "requested_on": self.requested_on.isoformat() if self.requested_on else None,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class TransferResult:
    number: str
    source: str
    target: str
    hq_version: int
    lines_to_source: int
    lines_to_target: int


def pending_transfers(session: Session) -> list[PendingTransfer]:
    """Every live case with a transfer request, by case number."""
    cases = session.scalars(
        select(CaseRow)
        .where(CaseRow.transfer_to.is_not(None), CaseRow.deleted_at.is_(None))
        .order_by(CaseRow.number, CaseRow.id)
    ).all()
    out: list[PendingTransfer] = []
    for case in cases:
        request = _request_event(session, case)
        payload = _payload(request) if request is not None else {}
        out.append(
            PendingTransfer(
                case_id=case.id, number=case.number, type_code=case.type_code,
                source=case.origin_branch, target=str(case.transfer_to),
                reason=str(payload.get("reason") or ""),
                requested_on=request.occurred_on if request is not None else None,
            )
        )  # fmt: skip
    return out


def complete_transfer(session: Session, key: str, today: date) -> TransferResult:
    """Move the case `key` (its number or id) to the branch it asked for (caller commits)."""
    case = _pending_case(session, key)
    source, target = case.origin_branch, str(case.transfer_to)
    branch = session.get(HqBranchRow, target)
    if branch is None:
        raise HqError(
            "unknown_branch",
            f"case {case.number} asks to move to branch {target}, which HQ does not know: "
            f"add the branch first, or refuse the request",
        )
    if branch.revoked_at is not None:
        raise HqError(
            "revoked",
            f"case {case.number} asks to move to branch {target}, which is revoked: "
            f"refuse the request",
        )
    if target == source:
        raise HqError("same_branch", f"case {case.number} already belongs to branch {target}")
    locked = lock_ledgers(session, (source, target))
    source_ledger, target_ledger = locked[source], locked[target]
    case = _relock(session, case.id, source, target)
    person = select(BeneficiaryRow.id).where(BeneficiaryRow.id == case.beneficiary_id)
    if session.scalar(person) is None:  # merge never lets that happen; say so if it did
        raise HqError("no_person", f"HQ does not have the person of case {case.number}")
    version = next_hq_version(session)
    now = utcnow()
    # The target's own record of the same person: the case moves onto it (one record there).
    own = target_person(session, case.beneficiary_id, target)
    person_moves: dict[str, Any] = {}
    if own is not None:
        person_moves = {"beneficiary_id": own.id, "household_id": own.household_id}
    session.execute(
        update(_CASES)
        .where(_CASES.c.id == case.id)
        .values(
            origin_branch=target, transfer_to=None, assigned_to=None,
            row_version=case.row_version + 1, hq_version=version, updated_at=now,
            updated_by=HQ_PARTY, **person_moves,
        )
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    payload: dict[str, Any] = {"completed": True, "from": source, "to": target}
    if own is not None:
        payload["person"] = {"from": case.beneficiary_id, "to": own.id}
    event_id = _add_event(session, case.id, today, now, version, payload)
    to_target = [
        *([] if own is not None else _person_rows(session, case)),
        _row_line(session, _CASES, case.id),
        *(_row_line(session, _EVENTS, e) for e in _event_ids(session, case.id)),
    ]
    for line in to_target:
        queue_down(session, target_ledger, line)
    to_source = [_row_line(session, _CASES, case.id), _row_line(session, _EVENTS, event_id)]
    for line in to_source:
        queue_down(session, source_ledger, line)
    return TransferResult(case.number, source, target, version, len(to_source), len(to_target))


def refuse_transfer(session: Session, key: str, reason: str, today: date) -> TransferResult:
    """Refuse the case's transfer request: the source branch gets its case back, unfrozen."""
    text = (reason or "").strip()
    if not text:
        raise HqError("reason", "give the reason for the refusal (--reason TEXT)")
    if len(text) > MAX_REASON:
        raise HqError("reason", f"the reason is longer than {MAX_REASON} characters")
    case = _pending_case(session, key)
    source, target = case.origin_branch, str(case.transfer_to)
    source_ledger = lock_ledgers(session, (source,))[source]
    case = _relock(session, case.id, source, target)
    version = next_hq_version(session)
    now = utcnow()
    session.execute(
        update(_CASES)
        .where(_CASES.c.id == case.id)
        .values(
            transfer_to=None, row_version=case.row_version + 1, hq_version=version,
            updated_at=now, updated_by=HQ_PARTY,
        )
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    event_id = _add_event(session, case.id, today, now, version, {"refused": text, "to": target})
    lines = [_row_line(session, _CASES, case.id), _row_line(session, _EVENTS, event_id)]
    for line in lines:
        queue_down(session, source_ledger, line)
    return TransferResult(case.number, source, target, version, len(lines), 0)


# -- helpers ----------------------------------------------------------------------------------


def target_person(session: Session, person_id: str, target: str) -> BeneficiaryRow | None:
    """The target branch's own live record with the person's national number, if it has one
    (the same person registered there too: the transferred case hangs from that record, and
    the target never holds two records of one person)."""
    numbers = select(IdentifierRow.number).where(
        IdentifierRow.beneficiary_id == person_id,
        IdentifierRow.id_type == "national_number",
        IdentifierRow.deleted_at.is_(None),
    )
    return session.scalars(
        select(BeneficiaryRow)
        .join(IdentifierRow, IdentifierRow.beneficiary_id == BeneficiaryRow.id)
        .where(
            IdentifierRow.id_type == "national_number",
            IdentifierRow.number.in_(numbers),
            IdentifierRow.deleted_at.is_(None),
            BeneficiaryRow.origin_branch == target,
            BeneficiaryRow.deleted_at.is_(None),
            BeneficiaryRow.id != person_id,
        )
        .order_by(BeneficiaryRow.created_at, BeneficiaryRow.id)
        .limit(1)
    ).first()


def _find_case(session: Session, key: str) -> CaseRow:
    wanted = (key or "").strip()
    found = session.scalars(
        select(CaseRow).where(
            or_(CaseRow.id == wanted, CaseRow.number == wanted.upper()),
            CaseRow.deleted_at.is_(None),
        )
    ).all()
    if not found:
        raise HqError(
            "unknown_case",
            f"HQ has no case {wanted!r} (a case reaches HQ when its branch syncs)",
        )
    if len(found) > 1:
        raise HqError("ambiguous", f"several cases are numbered {wanted}: give the case's id")
    return found[0]


def _pending_case(session: Session, key: str) -> CaseRow:
    case = _find_case(session, key)
    if case.transfer_to is None:
        raise HqError(
            "no_transfer", f"case {case.number} has no pending transfer request (nothing changed)"
        )
    return case


def _relock(session: Session, case_id: str, source: str, target: str) -> CaseRow:
    """The case again, locked, once the ledgers are: it must still ask for the same move."""
    session.expire_all()
    case = session.scalar(select(CaseRow).where(CaseRow.id == case_id).with_for_update())
    if case is None or case.origin_branch != source or case.transfer_to != target:
        raise HqError("changed", "the case changed meanwhile: run the command again")
    return case


def _request_event(session: Session, case: CaseRow) -> CaseEventRow | None:
    """The newest request event of the case (HQ's completions and refusals carry no
    "reason" key: a refusal's text is under "refused")."""
    events = session.scalars(
        select(CaseEventRow)
        .where(
            CaseEventRow.case_id == case.id,
            CaseEventRow.kind == TRANSFER_EVENT,
            CaseEventRow.deleted_at.is_(None),
        )
        .order_by(CaseEventRow.created_at.desc(), CaseEventRow.id.desc())
    )
    return next((e for e in events if "reason" in _payload(e)), None)


def _payload(event: CaseEventRow) -> dict[str, Any]:
    try:
        value = json.loads(event.payload or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _add_event(
    session: Session,
    case_id: str,
    today: date,
    now: datetime,
    version: int,
    payload: dict[str, Any],
) -> str:
    event_id = new_id()
    session.execute(
        insert(_EVENTS).values(
            id=event_id, origin_branch=HQ_PARTY, created_at=now, created_by=HQ_PARTY,
            updated_at=now, updated_by=HQ_PARTY, row_version=1, hq_version=version,
            deleted_at=None, case_id=case_id, kind=TRANSFER_EVENT, amends_id=None,
            occurred_on=today, due_on=None, state=None, confidential=False,
            payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        )
    )  # fmt: skip
    return event_id


def _row_line(session: Session, table: Table, row_id: str) -> dict[str, Any]:
    """A "rows" answer line: every column of the row but the installation's own local_id."""
    cols = [c for c in table.columns if c.key != "local_id"]
    row = session.execute(select(*cols).where(table.c.id == row_id)).one()
    return {
        "kind": "rows",
        "table": table.name,
        "row": {k: to_json_value(v) for k, v in row._mapping.items()},
    }


row_line = _row_line  # for the other HQ desks that send whole rows down


def _ids(session: Session, table: Table, column: str, value: str) -> Iterator[str]:
    yield from session.scalars(
        select(table.c.id).where(table.c[column] == value).order_by(table.c.created_at, table.c.id)
    )


def _event_ids(session: Session, case_id: str) -> list[str]:
    return list(_ids(session, _EVENTS, "case_id", case_id))


def _person_rows(session: Session, case: CaseRow) -> list[dict[str, Any]]:
    """The household (if any), the person, their identifiers and phones: parents first."""
    people: Table = BeneficiaryRow.__table__  # type: ignore[assignment]
    households: Table = HouseholdRow.__table__  # type: ignore[assignment]
    person_household = session.scalar(
        select(people.c.household_id).where(people.c.id == case.beneficiary_id)
    )
    lines: list[dict[str, Any]] = []
    for household_id in dict.fromkeys(h for h in (case.household_id, person_household) if h):
        if session.scalar(select(households.c.id).where(households.c.id == household_id)):
            lines.append(_row_line(session, households, household_id))
    lines.append(_row_line(session, people, case.beneficiary_id))
    for model in (IdentifierRow, PhoneRow):
        table: Table = model.__table__  # type: ignore[assignment]
        lines.extend(
            _row_line(session, table, i)
            for i in _ids(session, table, "beneficiary_id", case.beneficiary_id)
        )
    return lines


class _Writer(Protocol):
    def __call__(self) -> AbstractContextManager[Session]: ...


class TransferDesk:
    """The transfer commands over HQ's database, each in one write transaction."""

    def __init__(self, write: _Writer, read: _Writer) -> None:
        self._write = write
        self._read = read

    @classmethod
    def of(cls, service: Any) -> TransferDesk:
        """Over an `HqService`: its transactions (on SQLite they take the write lock first)."""
        return cls(service._write, service._read)

    def pending(self) -> list[PendingTransfer]:
        with self._read() as session:
            return pending_transfers(session)

    def complete(self, key: str, today: date | None = None) -> TransferResult:
        with self._write() as session:
            return complete_transfer(session, key, today or utcnow().date())

    def refuse(self, key: str, reason: str, today: date | None = None) -> TransferResult:
        with self._write() as session:
            return refuse_transfer(session, key, reason, today or utcnow().date())
