"""HQ keeps each branch's audit entries: insert-only, and a copied history is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.db import migrate
from app.db.sync_models import HqAuditRow
from app.sync.merge import MergeResult, merge_audit

pytestmark = [pytest.mark.db, pytest.mark.sync]
ENTRY_ID = "01a204b8-33ec-7d18-990f-12fefc83c7b4"


def line(seq: int, action: str = "login") -> dict[str, object]:
    values = {
        "at": "2026-11-22T10:00:00.000000", "user_id": "u1", "action": action, "entity": None,
        "entity_id": None, "details": "{}", "prev_hash": "0" * 64, "hash": "a" * 64,
    }  # fmt: skip
    return {
        "seq": seq, "table": "audit_log", "row_id": ENTRY_ID, "op": "insert",
        "changes": {k: [None, v] for k, v in values.items()},
    }  # fmt: skip


@pytest.fixture
def session(tmp_path: Path) -> Session:
    engine = create_engine(f"sqlite:///{tmp_path / 'hq.db'}")
    migrate.upgrade(engine)
    return Session(engine)


def test_an_entry_is_kept_once_and_a_replay_changes_nothing(session: Session) -> None:
    first, again = MergeResult(), MergeResult()
    merge_audit(session, "TRP01", [line(1)], first)
    merge_audit(session, "TRP01", [line(1)], again)
    rows = session.scalars(select(HqAuditRow)).all()
    assert [(r.branch, r.seq, r.action) for r in rows] == [("TRP01", 1, "login")]
    assert (first.applied, first.rejected, again.applied, again.rejected) == (1, [], 1, [])


def test_the_same_entry_id_from_another_branch_is_rejected_with_its_reason(
    session: Session,
) -> None:
    merge_audit(session, "TRP01", [line(1)], MergeResult())
    other = MergeResult()
    merge_audit(session, "BEN01", [line(7, "case.view")], other)
    assert other.applied == 0
    assert [(r.seq, r.table, r.row_id, r.reason) for r in other.rejected] == [
        (7, "audit_log", ENTRY_ID, "audit entry id already received from branch TRP01")
    ]
    rows = session.scalars(select(HqAuditRow)).all()
    assert [(r.branch, r.seq, r.action) for r in rows] == [("TRP01", 1, "login")]


def test_a_malformed_entry_is_rejected_not_dropped(session: Session) -> None:
    bad = line(3)
    bad["op"] = "update"
    result = MergeResult()
    merge_audit(session, "TRP01", [bad], result)
    assert result.applied == 0 and len(result.rejected) == 1
    assert "only ever inserted" in result.rejected[0].reason
    assert session.scalars(select(HqAuditRow)).all() == []
