"""What a merge moves from the retired record to the survivor, and how an unmerge puts it back.

A move is one column of one row: `(table, row id, column, old value, new value)`. Confirming a
pair moves, from the retired record to the survivor:
- its live identifiers and phones the survivor does not have already (the same document or
  number twice on one person would be noise; those stay, unused, on the retired record):
  they become the survivor's branch's, which edits the survivor's documents and phones (the
  one change of ownership besides a case transfer, and an unmerge gives them back);
- every case about it (its events follow the case), and the branch's duplicate decisions;
- the households it heads; and its household membership, when the survivor has none.
Each moved row gets a new `row_version` and `hq_version`, as any change HQ makes, so the
branches that hold it take HQ's copy. The moves are kept on the merge (`hq_merges.moved`);
an unmerge puts back each value that still is what the merge wrote, and leaves (and counts)
a value someone changed since: that change is newer than the merge and is nobody's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from app.db.case_models import CaseRow
from app.db.models import (
    BeneficiaryRow,
    DuplicateDecisionRow,
    HouseholdRow,
    IdentifierRow,
    PhoneRow,
)
from app.db.registry_models import HqMergeRow
from app.db.serialize import to_json_value
from app.hq.home import HQ_PARTY

PEOPLE: Table = BeneficiaryRow.__table__  # type: ignore[assignment]
IDENTIFIERS: Table = IdentifierRow.__table__  # type: ignore[assignment]
PHONES: Table = PhoneRow.__table__  # type: ignore[assignment]
HOUSEHOLDS: Table = HouseholdRow.__table__  # type: ignore[assignment]
CASES: Table = CaseRow.__table__  # type: ignore[assignment]
DECISIONS: Table = DuplicateDecisionRow.__table__  # type: ignore[assignment]
TABLES: dict[str, Table] = {
    t.name: t for t in (HOUSEHOLDS, PEOPLE, IDENTIFIERS, PHONES, CASES, DECISIONS)
}
PARENTS_FIRST = tuple(TABLES)  # the order rows go down in: a row after what it hangs from


@dataclass(frozen=True, slots=True)
class Move:
    table: str
    row_id: str
    column: str
    old: Any
    new: Any

    def to_json(self) -> list[Any]:
        return [self.table, self.row_id, self.column, self.old, self.new]

    @classmethod
    def from_json(cls, value: list[Any]) -> Move:
        table, row_id, column, old, new = value
        return cls(str(table), str(row_id), str(column), old, new)

    def undone(self) -> Move:
        return Move(self.table, self.row_id, self.column, self.new, self.old)


def _live(table: Table, column: str, person: str) -> Any:
    return select(table).where(table.c[column] == person, table.c.deleted_at.is_(None))


def plan_moves(session: Session, survivor: str, retired: str) -> list[Move]:
    """Every reference the merge of `retired` into `survivor` moves, parents first."""
    moves: list[Move] = []
    kept = session.execute(select(PEOPLE).where(PEOPLE.c.id == survivor)).one()
    gone = session.execute(select(PEOPLE).where(PEOPLE.c.id == retired)).one()
    if kept.household_id is None and gone.household_id is not None:
        moves += [
            Move("beneficiaries", retired, "household_id", gone.household_id, None),
            Move("beneficiaries", retired, "household_relationship",
                 gone.household_relationship, None),
            Move("beneficiaries", survivor, "household_id", None, gone.household_id),
            Move("beneficiaries", survivor, "household_relationship", None,
                 gone.household_relationship),
        ]  # fmt: skip
    for row in session.execute(
        select(HOUSEHOLDS.c.id).where(HOUSEHOLDS.c.head_id == retired).order_by(HOUSEHOLDS.c.id)
    ):
        moves.append(Move("households", row.id, "head_id", retired, survivor))
    has = {(r.id_type, r.number) for r in session.execute(_live(IDENTIFIERS, "beneficiary_id",
                                                                survivor))}  # fmt: skip
    owners = (gone.origin_branch, kept.origin_branch)
    for r in session.execute(_live(IDENTIFIERS, "beneficiary_id", retired).order_by("id")):
        if (r.id_type, r.number) not in has:
            moves += _adopted("beneficiary_identifiers", r.id, retired, survivor, *owners)
    phones = {r.e164 for r in session.execute(_live(PHONES, "beneficiary_id", survivor))}
    for r in session.execute(_live(PHONES, "beneficiary_id", retired).order_by("id")):
        if r.e164 not in phones:
            moves += _adopted("beneficiary_phones", r.id, retired, survivor, *owners)
    for table, columns in ((CASES, ("beneficiary_id",)),
                           (DECISIONS, ("beneficiary_id", "other_id"))):  # fmt: skip
        for column in columns:
            for row_id in session.scalars(
                select(table.c.id).where(table.c[column] == retired).order_by(table.c.id)
            ):
                moves.append(Move(table.name, row_id, column, retired, survivor))
    return moves


def _adopted(
    table: str, row_id: str, retired: str, survivor: str, gone_branch: str, kept_branch: str
) -> list[Move]:
    """A document or phone that comes over becomes the survivor's, and its branch's to edit."""
    return [
        Move(table, row_id, "beneficiary_id", retired, survivor),
        Move(table, row_id, "origin_branch", gone_branch, kept_branch),
    ]


def apply_moves(
    session: Session, moves: list[Move], version: int, now: datetime, *, only_if_current: bool
) -> tuple[list[Move], list[Move]]:
    """Write the moves (a new row version per row touched): (written, left as they were).

    `only_if_current`: write a move only where the column still holds its `old` value (an
    unmerge: a value changed since the merge is left, and reported)."""
    by_row: dict[tuple[str, str], list[Move]] = {}
    for move in moves:
        by_row.setdefault((move.table, move.row_id), []).append(move)
    written: list[Move] = []
    left: list[Move] = []
    for (name, row_id), row_moves in by_row.items():
        table = TABLES[name]
        row = session.execute(
            select(table).where(table.c.id == row_id).with_for_update()
        ).one_or_none()
        if row is None:
            left += row_moves
            continue
        values: dict[str, Any] = {}
        for move in row_moves:
            if only_if_current and to_json_value(row._mapping[move.column]) != move.old:
                left.append(move)
                continue
            values[move.column] = move.new
            written.append(move)
        if values:
            session.execute(
                update(table)
                .where(table.c.id == row_id)
                .values(
                    **values, row_version=row.row_version + 1, hq_version=version,
                    updated_at=now, updated_by=HQ_PARTY,
                )
                .execution_options(synchronize_session=False)
            )  # fmt: skip
    return written, left


def touched_rows(moves: list[Move]) -> list[tuple[str, str]]:
    """(table, id) of every row the moves touch, parents first, each once."""
    rows = dict.fromkeys((m.table, m.row_id) for m in moves)
    return sorted(rows, key=lambda r: PARENTS_FIRST.index(r[0]))


def retired_among(session: Session, ids: set[str]) -> set[str]:
    """Of these records, those an active merge retired (a redirect pairs with no one)."""
    ordered, found = sorted(ids), set[str]()
    for start in range(0, len(ordered), 500):
        found.update(
            session.scalars(
                select(HqMergeRow.retired).where(
                    HqMergeRow.retired.in_(ordered[start : start + 500]),
                    HqMergeRow.status == "active",
                )
            )
        )
    return found
