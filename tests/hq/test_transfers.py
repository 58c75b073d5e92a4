"""Case transfers end to end: a branch asks, HQ completes or refuses, both branches sync.

Real branches (made as `sanad init` makes them) talk to HQ over its HTTP app in-process, on
SQLite and on PostgreSQL (marked pg); the CLI commands run in-process through their own parser.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cli.hq.transfers import add_transfer_commands, run_transfers
from app.db.base import Base
from app.db.case_models import CaseEventRow, CaseRow
from app.db.models import OutboxRow
from app.db.serialize import to_json_value
from app.db.sync_models import ChangeLogRow, HqCounterRow, HqDownQueueRow
from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode
from app.hq.enrollment import HqError
from app.hq.service import HqService
from app.hq.transfers import TransferDesk
from app.services.case_dto import CaseDraft
from app.sync.batch_file import Kind
from app.sync.branch_apply import DOWN_SEQ, meta_int
from tests.hq.branch_side import Branch, hand_made
from tests.services.people import AHMED
from tests.services.people import person as draft
from tests.sync.world import (
    Hq,
    SyncBranch,
    books,
    branch_rows,
    central_rows,
    make_branch_template,
    world,
)

pytestmark = [
    pytest.mark.db,
    pytest.mark.sync,
]

SUPERVISOR = ("sup", "supervisor-pass-1")
WORKER = ("wrk", "worker-pass-123")
REASON = "انتقلت الأسرة إلى بنغازي"


@pytest.fixture(scope="module")
def transfer_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_branch_template(tmp_path_factory.mktemp("transfer-template") / "branch")


@dataclass
class Desk:
    hq: Hq
    a: SyncBranch  # TRP01: opens the case and asks for the transfer
    b: SyncBranch  # BEN01: the target
    url: str

    @property
    def transfers(self) -> TransferDesk:
        return TransferDesk.of(self.hq.service)


@pytest.fixture
def desk(central_url: str, tmp_path: Path, transfer_template: Path) -> Iterator[Desk]:
    with world(tmp_path, central_url, transfer_template, ["TRP01", "BEN01"]) as (hq, branches):
        a, b = branches
        for branch in branches:
            branch.services.accounts.create_user(
                SUPERVISOR[0], "مشرفة", Role.SUPERVISOR, SUPERVISOR[1]
            )
            branch.services.accounts.create_user(
                WORKER[0], "أخصائية", Role.SOCIAL_WORKER, WORKER[1]
            )
        yield Desk(hq, a, b, central_url)


def login(branch: SyncBranch, who: tuple[str, str]) -> str:
    return branch.services.accounts.login(*who).id


def open_case_and_ask(branch: SyncBranch, to: str = "BEN01") -> tuple[str, str]:
    """A worker registers a person, opens a case with an event, asks for a transfer; sync."""
    login(branch, WORKER)
    person = branch.people.register(AHMED)
    case = branch.services.cases.open_case(
        CaseDraft(beneficiary_id=person.id, type_code="elderly", summary="مسن يعيش وحده")
    )
    branch.services.case_workflow.add_event(case.id, "note", {"text": "زيارة أولى للأسرة"})
    branch.services.cases.request_transfer(case.id, to, REASON)
    branch.sync.sync_now()
    return case.id, case.number


def cli(desk: Desk, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`sanad hq transfers …` through the commands' own parser, wired as in app.cli.hq."""
    parser = argparse.ArgumentParser(prog="sanad")
    sub = parser.add_subparsers(dest="command", required=True)
    cmds = sub.add_parser("hq").add_subparsers(dest="hq_command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--hq-dir")
    common.add_argument("--db")
    add_transfer_commands(cmds, common)
    args = parser.parse_args(
        ["hq", "transfers", *argv, "--hq-dir", str(desk.hq.home.root), "--db", desk.url]
    )
    code = run_transfers(args)
    out, err = capsys.readouterr()
    return code, out, err


def hq_snapshot(desk: Desk) -> tuple[Any, ...]:
    """What a transfer command changes at HQ: cases, events, answer queues, the sequence."""
    with Session(desk.hq.engine) as session:
        cases = session.execute(
            select(CaseRow.id, CaseRow.origin_branch, CaseRow.transfer_to, CaseRow.assigned_to,
                   CaseRow.row_version, CaseRow.hq_version).order_by(CaseRow.id)
        ).all()  # fmt: skip
        events = session.scalar(select(func.count()).select_from(CaseEventRow))
        queued = session.execute(
            select(HqDownQueueRow.branch, HqDownQueueRow.seq).order_by(
                HqDownQueueRow.branch, HqDownQueueRow.seq
            )
        ).all()
        counter = session.get(HqCounterRow, "hq_version")
        return (tuple(cases), events, tuple(queued), counter.value if counter else 0)


def refused(err: pytest.ExceptionInfo[DomainError]) -> ErrorCode:
    return err.value.code


def row_of(session: Session, table: str, row_id: str) -> dict[str, Any]:
    columns = Base.metadata.tables[table]
    return dict(session.execute(select(columns).where(columns.c.id == row_id)).one()._mapping)


def test_completed_transfer_moves_the_case_and_its_person(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = desk.a, desk.b
    case_id, number = open_case_and_ask(a)

    code, out, err = cli(desk, capsys, "list")
    assert code == 0, err
    assert number in out and "TRP01" in out and "BEN01" in out and REASON in out
    assert "2026-11-22" in out
    code, out, _ = cli(desk, capsys, "list", "--json")
    (listed,) = json.loads(out)
    assert listed == {
        "case_id": case_id, "number": number, "type": "elderly", "source": "TRP01",
        "target": "BEN01", "reason": REASON, "requested_on": "2026-11-22",
    }  # fmt: skip

    code, out, err = cli(desk, capsys, "complete", number)
    assert code == 0, err
    assert "TRP01" in out and "BEN01" in out
    assert desk.transfers.pending() == []
    central = central_rows(desk.hq)
    assert central["cases"][case_id]["origin_branch"] == "BEN01"
    assert central["cases"][case_id]["transfer_to"] is None
    assert central["cases"][case_id]["assigned_to"] is None

    # Completing again changes nothing and says why, in one line.
    before = hq_snapshot(desk)
    code, out, err = cli(desk, capsys, "complete", number)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no pending transfer" in err and "Traceback" not in err
    assert hq_snapshot(desk) == before

    # The source: a read-only copy that says where the case went.
    a.sync.sync_now()
    login(a, SUPERVISOR)
    view = a.services.cases.get(case_id)
    assert (view.origin_branch, view.transfer_to, view.assigned_to) == ("BEN01", None, None)
    assert any(e.kind == "transfer_request" and e.payload.get("completed") for e in view.events)
    someone = a.services.cases.workers()[0].id
    attempts: list[Callable[[], object]] = [
        lambda: a.services.case_workflow.add_event(case_id, "note", {"text": "ملاحظة متأخرة"}),
        lambda: a.services.cases.assign(case_id, someone),
        lambda: a.services.case_workflow.move(case_id, "assessment"),
        lambda: a.services.cases.request_transfer(case_id, "TRP02", REASON),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as caught:
            attempt()
        assert refused(caught) == ErrorCode.CASE_TRANSFERRED
        assert caught.value.params == {"number": number, "branch": "BEN01"}

    # The target: the person (searchable), the case and every event, none of it echoed back.
    b.sync.sync_now()
    held = branch_rows(b)
    central = central_rows(desk.hq)
    person_id = central["cases"][case_id]["beneficiary_id"]
    expected = {
        "beneficiaries": {person_id},
        "beneficiary_identifiers": {
            i for i, r in central["beneficiary_identifiers"].items()
            if r["beneficiary_id"] == person_id
        },
        "beneficiary_phones": {
            i for i, r in central["beneficiary_phones"].items() if r["beneficiary_id"] == person_id
        },
        "cases": {case_id},
        "case_events": {
            i for i, r in central["case_events"].items() if r["case_id"] == case_id
        },
    }  # fmt: skip
    assert len(expected["case_events"]) == 3  # the note, the request, the completion
    assert expected["beneficiary_identifiers"] and expected["beneficiary_phones"]
    for table, ids in expected.items():
        assert set(held[table]) == ids, table
        for row_id in ids:
            assert held[table][row_id] == central[table][row_id], (table, row_id)
    moved_ids = set().union(*expected.values())
    with b.services.ctx.db.read() as session:
        echoed = session.scalars(
            select(OutboxRow.row_id).where(OutboxRow.row_id.in_(moved_ids))
        ).all()
        logged = session.scalars(
            select(ChangeLogRow.row_id).where(ChangeLogRow.row_id.in_(moved_ids))
        ).all()
    assert (echoed, logged) == ([], [])
    login(b, SUPERVISOR)
    assert [h.id for h in b.people.search("الورفلي")] == [person_id]
    assert [h.id for h in b.people.search("0912345678")] == [person_id]

    # B now owns the case: a supervisor assigns it, the worker works it, HQ takes it all.
    worker_b = next(w.id for w in b.services.cases.workers() if w.username == WORKER[0])
    view = b.services.cases.assign(case_id, worker_b)
    assert view.assigned_to == worker_b and view.origin_branch == "BEN01"
    login(b, WORKER)
    b.services.case_workflow.add_event(case_id, "note", {"text": "استلام الحالة في بنغازي"})
    moved = b.services.case_workflow.move(case_id, "assessment")
    assert moved.status == "assessment"
    b.sync.sync_now()
    record = books(desk.hq, "BEN01")
    assert (record.conflicts, record.rejected_rows, record.held) == (0, 0, 0), record
    central = central_rows(desk.hq)
    held = branch_rows(b)
    assert central["cases"][case_id] == held["cases"][case_id]
    assert central["cases"][case_id]["assigned_to"] == worker_b
    events_b = {i for i, r in held["case_events"].items() if r["case_id"] == case_id}
    assert len(events_b) == 6  # + the assignment, the note, the status change
    for event_id in events_b:
        assert central["case_events"][event_id] == held["case_events"][event_id]
    a.sync.sync_now()
    assert books(desk.hq, "TRP01").conflicts == 0


def test_refused_transfer_gives_the_case_back(
    desk: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = desk.a, desk.b
    case_id, number = open_case_and_ask(a)
    with pytest.raises(DomainError) as caught:
        a.services.case_workflow.add_event(case_id, "note", {"text": "قبل الرد"})
    assert refused(caught) == ErrorCode.TRANSFER_PENDING

    before = hq_snapshot(desk)
    code, out, err = cli(desk, capsys, "refuse", number, "--reason", "   ")
    assert code == 2 and "reason" in err and err.count("\n") == 1
    assert hq_snapshot(desk) == before
    code, out, err = cli(desk, capsys, "refuse", number, "--reason", "لا شاغر في بنغازي")
    assert code == 0, err
    assert number in out and "refused" in out
    assert desk.transfers.pending() == []
    code, out, err = cli(desk, capsys, "refuse", number, "--reason", "مرة ثانية")
    assert code == 2 and "no pending transfer" in err

    a.sync.sync_now()
    view = a.services.cases.get(case_id)
    assert (view.origin_branch, view.transfer_to) == ("TRP01", None)
    answers = [e.payload for e in view.events if e.kind == "transfer_request"]
    assert answers[-1] == {"refused": "لا شاغر في بنغازي", "to": "BEN01"}
    # Unfrozen: the owner works the case again, and HQ takes it without a conflict.
    a.services.case_workflow.add_event(case_id, "note", {"text": "بعد رفض النقل"})
    a.sync.sync_now()
    assert books(desk.hq, "TRP01").conflicts == 0
    central = central_rows(desk.hq)
    assert central["cases"][case_id] == branch_rows(a)["cases"][case_id]
    b.sync.sync_now()
    assert branch_rows(b)["cases"] == {}


def test_unknown_or_revoked_target_and_unknown_case_are_refused(desk: Desk) -> None:
    a = desk.a
    case_id, number = open_case_and_ask(a, to="ZZZ99")
    transfers = desk.transfers
    before = hq_snapshot(desk)
    with pytest.raises(HqError) as caught:
        transfers.complete(number)
    assert caught.value.code == "unknown_branch" and "ZZZ99" in caught.value.reason
    with pytest.raises(HqError) as caught:
        transfers.complete("TRP01-2026-09999")
    assert caught.value.code == "unknown_case"
    assert hq_snapshot(desk) == before
    transfers.refuse(number, "فرع غير موجود")  # the way out of a request HQ cannot honour
    a.sync.sync_now()
    assert a.services.cases.get(case_id).transfer_to is None

    a.services.cases.request_transfer(case_id, "BEN01", "طلب ثان للنقل")
    a.sync.sync_now()
    desk.hq.service.revoke("BEN01")
    before = hq_snapshot(desk)
    with pytest.raises(HqError) as caught:
        transfers.complete(case_id)  # by id this time
    assert caught.value.code == "revoked"
    assert hq_snapshot(desk) == before
    (pending,) = transfers.pending()
    assert (pending.number, pending.target, pending.reason) == (number, "BEN01", "طلب ثان للنقل")


def test_rows_lines_write_no_outbox_and_keep_local_changes(
    branch: Branch, hq: HqService, tmp_path: Path
) -> None:
    """A "rows" answer line upserts the row as HQ has it, writes nothing to the outbox, keeps
    the branch's local_id and a change of its own still on the way, and indexes the person."""
    services = branch.services
    mine = services.beneficiaries.register(AHMED)
    (sent,) = branch.export()
    (answer,) = hq.import_files([sent])
    assert answer.receipt is not None
    branch.apply_answer(answer.receipt)  # HQ has the person now; the outbox is pruned
    with services.ctx.db.read() as session:
        mine_row = row_of(session, "beneficiaries", mine.id)
        last = meta_int(session, DOWN_SEQ)
    newcomer = "019a0000-0000-7000-8000-00000000beef"
    person = {
        **{k: to_json_value(v) for k, v in mine_row.items() if k != "local_id"},
        "id": newcomer, "origin_branch": "BEN01", "first_name": "سالم", "family_name": "القماطي",
        "name_key": "سالم عبدالله مصطفي القماطي", "hq_version": 7,
    }  # fmt: skip
    phone = {
        "id": "019a0000-0000-7000-8000-00000000cafe", "origin_branch": "BEN01",
        "created_at": person["created_at"], "created_by": "u1", "updated_at": person["created_at"],
        "updated_by": "u1", "row_version": 1, "hq_version": 7, "deleted_at": None,
        "beneficiary_id": newcomer, "e164": "+218921112233", "position": 0,
    }  # fmt: skip
    # HQ's copy of the branch's own person, with another address; a local rename waits.
    services.beneficiaries.update(mine.id, draft(family_name="الزاوي"), 1)
    own = {
        **{k: to_json_value(v) for k, v in mine_row.items() if k != "local_id"},
        "address": "شارع عمر المختار", "hq_version": 9,
    }  # fmt: skip
    lines = [
        {"seq": last + 1, "kind": "rows", "table": "beneficiaries", "row": person},
        {"seq": last + 2, "kind": "rows", "table": "beneficiary_phones", "row": phone},
        {"seq": last + 3, "kind": "rows", "table": "beneficiaries", "row": own},
    ]
    with services.ctx.db.read() as session:
        outbox_before = session.scalars(select(OutboxRow.seq).order_by(OutboxRow.seq)).all()
    path = hand_made(
        tmp_path, hq.keys, branch.keys.public, source="HQ", destination=branch.code,
        seq_from=last + 1, seq_to=last + 3, lines=lines, kind=Kind.DOWN,
    )  # fmt: skip
    result = branch.apply_answer(path)
    assert result.applied == 3
    with services.ctx.db.read() as session:
        assert session.scalars(select(OutboxRow.seq).order_by(OutboxRow.seq)).all() == (
            outbox_before
        )
        arrived = row_of(session, "beneficiaries", newcomer)
        kept = row_of(session, "beneficiaries", mine.id)
    assert arrived["origin_branch"] == "BEN01" and arrived["hq_version"] == 7
    assert kept["local_id"] == mine_row["local_id"]
    assert kept["address"] == "شارع عمر المختار" and kept["hq_version"] == 9
    assert kept["family_name"] == "الزاوي"  # the local change still waiting for HQ
    assert [h.id for h in services.beneficiaries.search("سالم القماطي")] == [newcomer]
    assert [h.id for h in services.beneficiaries.search("0921112233")] == [newcomer]
    assert [h.id for h in services.beneficiaries.search("الزاوي")] == [mine.id]
