"""The hash-chained audit log (app.db.audit)."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select, text

from app.db.audit import GENESIS, append_audit, entry_hash, first_broken_entry
from app.db.models import AuditRow
from app.db.unit_of_work import Database

pytestmark = pytest.mark.db


def _append(db: Database, n: int) -> list[int]:
    seqs = []
    with db.transaction(None) as session:
        for i in range(n):
            row = append_audit(
                session,
                "test.action",
                user_id="user-one",
                entity="beneficiary",
                entity_id=f"b{i}",
                details={"i": i, "name": "محمد"},
            )
            session.flush()
            seqs.append(row.seq)
    return seqs


def _broken(db: Database) -> int | None:
    with db.read() as session:
        return first_broken_entry(session)


def test_entries_chain_and_verify(db: Database) -> None:
    seqs = _append(db, 4)
    with db.read() as session:
        rows = [
            (r.seq, r.prev_hash, r.hash)
            for r in session.scalars(select(AuditRow).order_by(AuditRow.seq))
        ]
    assert rows[0][1] == GENESIS
    for (_, _, prev_hash), (_, link, _) in itertools.pairwise(rows):
        assert link == prev_hash
    assert [r[0] for r in rows[-4:]] == seqs
    assert len({r[2] for r in rows}) == len(rows)
    assert _broken(db) is None


def test_entries_in_separate_transactions_chain_too(db: Database) -> None:
    _append(db, 2)
    _append(db, 2)
    assert _broken(db) is None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("details", '{"i":99,"name":"محمد"}'),
        ("action", "test.other"),
        ("user_id", "someone-else"),
        ("entity_id", "b-other"),
        ("at", "2020-01-01 00:00:00.000000"),
    ],
)
def test_tampering_with_an_entry_is_found(db: Database, column: str, value: str) -> None:
    seqs = _append(db, 5)
    target = seqs[2]
    with db.transaction(None) as session:
        session.execute(
            text(f"UPDATE audit_log SET {column} = :v WHERE seq = :s"), {"v": value, "s": target}
        )
    assert _broken(db) == target


def test_a_broken_link_is_found(db: Database) -> None:
    seqs = _append(db, 3)
    with db.transaction(None) as session:
        session.execute(
            text("UPDATE audit_log SET prev_hash = :h WHERE seq = :s"),
            {"h": "0" * 64, "s": seqs[2]},
        )
    assert _broken(db) == seqs[2]


def test_rewriting_an_entry_with_a_valid_hash_breaks_the_next_link(db: Database) -> None:
    seqs = _append(db, 3)
    with db.transaction(None) as session:
        row = session.scalar(select(AuditRow).where(AuditRow.seq == seqs[1]))
        assert row is not None
        row.details = "{}"
        row.hash = entry_hash(
            row.prev_hash,
            row.id,
            row.at,
            row.user_id,
            row.action,
            row.entity,
            row.entity_id,
            row.details,
        )
    # The edited entry is self-consistent; the one after it no longer links to it.
    assert _broken(db) == seqs[2]


def test_deleting_an_entry_is_found(db: Database) -> None:
    seqs = _append(db, 4)
    with db.transaction(None) as session:
        session.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": seqs[1]})
    assert _broken(db) == seqs[2]


def test_details_are_canonical_json(db: Database) -> None:
    with db.transaction(None) as session:
        row = append_audit(session, "x", user_id=None, details={"b": 1, "a": "ع"})
        session.flush()
        assert row.details == '{"a":"ع","b":1}'
    assert _broken(db) is None
