"""`sanad hq audit verify`: HQ checks each branch's audit chain as it received it.

Two real branches sync their audit entries to HQ (SQLite, and PostgreSQL when available);
then HQ's copy is tampered with (one field changed, one entry deleted, two swapped) and the
command names the first broken entry of that branch and exits 1, while the other branch's
chain still verifies; an intact HQ exits 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.cli import main
from app.db.audit import GENESIS, entry_hash
from app.db.models import OutboxRow
from app.db.sync_models import HqAuditRow
from app.hq.audit_check import Break, check_entries, verify_chains
from tests.outbox import audit_actions, data_rows
from tests.sync.audit_checks import assert_audit_in_step
from tests.sync.changes import register
from tests.sync.world import ADMIN, Hq, SyncBranch, make_branch_template, world

pytestmark = [pytest.mark.db, pytest.mark.sync]

World = tuple[Hq, list[SyncBranch], str]
Entry = tuple[str, int]  # id, branch sequence


@pytest.fixture(scope="module")
def audit_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_branch_template(tmp_path_factory.mktemp("audit-template") / "branch")


@pytest.fixture
def synced(central_url: str, tmp_path: Path, audit_template: Path) -> Iterator[World]:
    """TRP01 and BEN01 registered people and synced; then their admin logged in again and
    they synced again (that login carries the first run's own audit entry: the sync's entries
    never make a batch alone). HQ holds every entry each branch has sent."""
    with world(tmp_path, central_url, audit_template, ["TRP01", "BEN01"]) as (hq, branches):
        for i, branch in enumerate(branches):
            for k in range(3):
                register(branch, 100 * i + k)
            branch.sync.sync_now()
            branch.services.accounts.login(*ADMIN)
            assert branch.sync.sync_now().sent_batches == 1
        yield hq, branches, central_url


def entries(hq: Hq, code: str) -> list[Entry]:
    with Session(hq.engine) as session:
        rows = session.execute(
            select(HqAuditRow.id, HqAuditRow.seq)
            .where(HqAuditRow.branch == code)
            .order_by(HqAuditRow.seq)
        ).all()
    return [(i, s) for i, s in rows]


def verify(
    hq: Hq, url: str, capsys: pytest.CaptureFixture[str], *more: str
) -> tuple[int, str, str]:
    code = main(["hq", "audit", "verify", "--hq-dir", str(hq.home.root), "--db", url, *more])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_intact_hq_verifies_every_branch(
    synced: World, capsys: pytest.CaptureFixture[str]
) -> None:
    hq, branches, url = synced
    for branch in branches:
        with branch.services.ctx.db.read() as session:  # only the last run's own entry waits
            assert audit_actions(session) == ["sync.run"] and data_rows(session) == []
        assert_audit_in_step(hq, branch, waiting_ids(branch))
    counts = {b.code: len(entries(hq, b.code)) for b in branches}
    with Session(hq.engine) as session:
        actions = session.scalars(
            select(HqAuditRow.action).where(HqAuditRow.branch == "TRP01").order_by(HqAuditRow.seq)
        ).all()
    assert actions == ["login", "sync.enroll", *["beneficiary.create"] * 3, "sync.run", "login"]
    code, out, err = verify(hq, url, capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"BEN01: audit chain intact, {counts['BEN01']} entries",
        f"TRP01: audit chain intact, {counts['TRP01']} entries",
    ]
    assert verify(hq, url, capsys, "--branch", "trp01")[:2] == (
        0,
        f"TRP01: audit chain intact, {counts['TRP01']} entries\n",
    )


def waiting_ids(branch: SyncBranch) -> list[str]:
    """The outbox after a full sync: the audit entries written since (the sync's own)."""
    with branch.services.ctx.db.read() as session:
        return list(session.scalars(select(OutboxRow.row_id).order_by(OutboxRow.seq)))


def change_details(session: Session, held: list[Entry]) -> tuple[Entry, Break]:
    target = held[3]
    session.execute(update(HqAuditRow).where(HqAuditRow.id == target[0]).values(details='{"x":1}'))
    return target, Break.HASH


def change_time(session: Session, held: list[Entry]) -> tuple[Entry, Break]:
    target = held[-1]
    session.execute(
        update(HqAuditRow).where(HqAuditRow.id == target[0]).values(at=datetime(2020, 1, 1))
    )
    return target, Break.HASH


def change_and_rehash(session: Session, held: list[Entry]) -> tuple[Entry, Break]:
    """The entry's own hash recomputed after the change: the next one's link breaks."""
    row = session.get(HqAuditRow, held[2][0])
    assert row is not None
    row.action = "logout"
    row.hash = entry_hash(
        row.prev_hash, row.id, row.at, row.user_id, row.action, row.entity, row.entity_id,
        row.details,
    )  # fmt: skip
    return held[3], Break.LINK


def delete_one(session: Session, held: list[Entry]) -> tuple[Entry, Break]:
    session.execute(delete(HqAuditRow).where(HqAuditRow.id == held[2][0]))
    return held[3], Break.LINK


def swap_two(session: Session, held: list[Entry]) -> tuple[Entry, Break]:
    """Two entries trade places in the branch's order."""
    (a, seq_a), (b, seq_b) = held[2], held[4]
    session.execute(update(HqAuditRow).where(HqAuditRow.id == a).values(seq=-1))
    session.execute(update(HqAuditRow).where(HqAuditRow.id == b).values(seq=seq_a))
    session.execute(update(HqAuditRow).where(HqAuditRow.id == a).values(seq=seq_b))
    return (b, seq_a), Break.LINK


TAMPERS: list[Callable[[Session, list[Entry]], tuple[Entry, Break]]] = [
    change_details,
    change_time,
    change_and_rehash,
    delete_one,
    swap_two,
]


@pytest.mark.parametrize("tamper", TAMPERS, ids=lambda t: t.__name__)
def test_a_tampered_chain_is_named_and_the_other_branch_still_verifies(
    synced: World,
    capsys: pytest.CaptureFixture[str],
    tamper: Callable[[Session, list[Entry]], tuple[Entry, Break]],
) -> None:
    hq, _branches, url = synced
    with Session(hq.engine) as session, session.begin():
        (broken_id, broken_seq), why = tamper(session, entries(hq, "TRP01"))
    with Session(hq.engine) as session:
        reports = {r.branch: r for r in verify_chains(session)}
        action = session.scalar(select(HqAuditRow.action).where(HqAuditRow.id == broken_id))
    report = reports["TRP01"]
    assert (report.broken_id, report.broken_seq, report.why) == (broken_id, broken_seq, why)
    assert reports["BEN01"].intact
    code, out, err = verify(hq, url, capsys)
    named = f"TRP01: audit chain BROKEN at entry {broken_id} (branch sequence {broken_seq}, "
    assert code == 1 and f"{named}{action})" in err
    assert out.startswith("BEN01: audit chain intact")
    assert verify(hq, url, capsys, "--branch", "BEN01")[0] == 0
    code, out, err = verify(hq, url, capsys, "--branch", "TRP01")
    assert code == 1 and out == "" and broken_id in err and "BEN01" not in err


def test_a_chain_received_from_its_middle_is_checked_from_there(
    synced: World, capsys: pytest.CaptureFixture[str]
) -> None:
    """Entries made before the first one HQ holds (a log older than its travels) are not
    asked for; the report says where the chain starts."""
    hq, _branches, url = synced
    held = entries(hq, "TRP01")
    with Session(hq.engine) as session, session.begin():
        session.execute(delete(HqAuditRow).where(HqAuditRow.id.in_([i for i, _s in held[:2]])))
    with Session(hq.engine) as session:
        (report,) = verify_chains(session, "TRP01")
    assert report.intact and not report.from_genesis and report.first_seq == held[2][1]
    code, out, _err = verify(hq, url, capsys, "--branch", "TRP01")
    assert code == 0
    assert f"(from its entry {held[2][1]}: earlier ones never came)" in out


def test_unknown_and_silent_branches(synced: World, capsys: pytest.CaptureFixture[str]) -> None:
    hq, _branches, url = synced
    code, _out, err = verify(hq, url, capsys, "--branch", "NOPE1")
    assert code == 2 and "NOPE1" in err
    hq.service.add_branch("SEB01", "سبها", hq.home.root, url="http://hq.test")
    code, out, _err = verify(hq, url, capsys)
    assert code == 0 and "SEB01: no audit entries received yet" in out


def _row(entry_id: str, seq: int, prev: str, action: str = "login") -> HqAuditRow:
    at = datetime(2026, 11, 22, 9, 0, seq)
    digest = entry_hash(prev, entry_id, at, "u1", action, None, None, "{}")
    return HqAuditRow(
        id=entry_id, branch="TRP01", seq=seq, at=at, user_id="u1", action=action,
        entity=None, entity_id=None, details="{}", prev_hash=prev, hash=digest,
    )  # fmt: skip


def test_check_entries_on_hand_made_chains() -> None:
    a = _row("a", 3, GENESIS)
    b = _row("b", 7, a.hash)
    c = _row("c", 9, b.hash, "logout")
    assert check_entries("TRP01", [a, b, c]).intact
    report = check_entries("TRP01", [b, c])
    assert report.intact and not report.from_genesis and report.first_seq == 7
    assert check_entries("TRP01", [a, c]).broken_id == "c"  # b is missing
    assert check_entries("TRP01", [a, c, b]).why is Break.LINK
    c.action = "login"  # changed after the fact
    broken = check_entries("TRP01", [a, b, c])
    assert (broken.broken_id, broken.broken_seq, broken.why, broken.entries) == (
        "c", 9, Break.HASH, 3
    )  # fmt: skip
    empty = check_entries("BEN01", [])
    assert (empty.entries, empty.intact, empty.first_seq) == (0, True, None)
