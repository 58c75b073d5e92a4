"""The branch's side of sync over the network (app.services.sync) against a real HQ in the same
process (tests.services.branch_sync): a sync now, HQ down, a lost answer, a timeout, a revoked
branch, cancelling; and the `sanad sync` command line.

Network failures that a live server cannot produce on demand (a lost answer, a timeout) come
from httpx transports wrapped around the real one.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.db.audit import AUDIT_TABLE
from app.db.models import LocalMetaRow, OutboxRow
from app.db.sync_models import HqBatchRow, OutgoingBatchRow
from app.hq.enrollment import Registration
from app.hq.service import HqService
from app.services.setup import AppServices
from app.services.sync import SyncService
from app.services.sync_errors import SyncError, SyncErrorCode
from tests.services.branch_sync import (
    CODE,
    FAST,
    HqServer,
    assert_hq_chain_intact,
    batches,
    branch_audit,
    count,
    data_pending,
    enroll,
    fast_factory,
    hq_audit,
    outbox_lines,
    register_people,
    trail,
)
from tests.services.people import AHMED, person

pytestmark = [pytest.mark.sync, pytest.mark.db]


# -- network ----------------------------------------------------------------------------------


def test_sync_now_sends_everything_and_applies_the_answer(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 3)
    changes = count(branch, OutboxRow)
    seen: list[Any] = []
    result = sync.sync_now(progress=seen.append)
    assert (result.sent_batches, result.sent_changes, result.acked_upto) == (1, changes, changes)
    assert data_pending(branch) == 0 and trail(branch) == ["sync.run"]
    assert result.pending_changes == 0  # that audit entry waits, but is not the user's change
    assert {r.id for r in hq.records(CODE)} == {h.id for h in branch.beneficiaries.search("")}
    assert len(hq.records(CODE)) == 3
    assert (seen[0].stage.name, seen[-1].stage.name) == ("PREPARING", "DONE")
    assert any(p.size and p.sent == p.size for p in seen)  # the upload reported its bytes
    assert sync.status().last_success_at is not None
    with branch.ctx.db.transaction(None) as session:
        session.merge(LocalMetaRow(key="sync.last_success_at", value="2026-01-01T00:00:00"))
    held = hq_audit(hq)
    # Nothing new (the last run's entry alone makes no batch): a poll, still a successful contact.
    again = sync.sync_now()
    assert (again.sent_batches, again.sent_changes, again.acked_upto) == (0, 0, changes)
    assert again.pending_changes == 0 and trail(branch) == ["sync.run", "sync.run"]
    assert count(branch, OutgoingBatchRow) == 1 and hq_audit(hq) == held
    assert "sync.run" not in [e[1] for e in held]
    last = sync.status().last_success_at
    assert last is not None and last.year >= 2026 and last.month + last.day > 2
    assert not list((branch.ctx.data_dir / "outgoing").glob("*.sanad"))


def test_a_branch_that_only_syncs_makes_no_batches_until_a_real_change(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    """The sync's own audit entries never make a batch alone: syncing again and again with
    nothing new leaves them waiting (not counted as pending), and the next real change
    carries them all to HQ, in order, the chain intact."""
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    synced = sync.sync_now()
    ((first, seq_from, seq_to),) = batches(branch)
    assert (synced.sent_batches, seq_from, synced.acked_upto) == (1, 1, seq_to)
    runs = [sync.sync_now() for _ in range(3)]  # three in a row, nothing new
    assert [(r.sent_batches, r.acked_upto, r.pending_changes) for r in runs] == [(0, seq_to, 0)] * 3
    assert batches(branch) == [(first, seq_from, seq_to)]  # no new batch after the first
    assert outbox_lines(branch) == [(AUDIT_TABLE, "sync.run")] * 4  # nothing but the sync's own
    status = sync.status()
    assert (status.pending_changes, status.unacked_batches) == (0, 0)
    held, log = hq_audit(hq), branch_audit(branch)
    assert held == log[: len(held)] and [e[1] for e in log[len(held) :]] == ["sync.run"] * 4
    with hq.engine.connect() as conn:
        assert conn.execute(select(HqBatchRow.batch_id)).scalars().all() == [first]

    # One real change: the next batch carries it and every waiting entry.
    branch.beneficiaries.register(
        person(AHMED, first_name="سالم", mother_name="مبروكة سالم", birth_date="1971-05-02",
               national_number="119710000999", phones=["0912000999"])
    )  # fmt: skip
    waiting = outbox_lines(branch)
    assert waiting[:4] == [(AUDIT_TABLE, "sync.run")] * 4 and ("beneficiaries", None) in waiting
    result = sync.sync_now()
    assert (result.sent_batches, result.sent_changes) == (1, len(waiting))
    assert result.pending_changes == 0 and result.acked_upto == seq_to + len(waiting)
    assert batches(branch)[1][1:] == (seq_to + 1, seq_to + len(waiting))
    assert outbox_lines(branch) == [(AUDIT_TABLE, "sync.run")]  # this run's own, waiting
    # HQ's copy of the audit log is the branch's, entry for entry, but for that last one.
    log = branch_audit(branch)
    assert hq_audit(hq) == log[:-1] and log[-1][1] == "sync.run"
    assert [e[1] for e in log[:-1]].count("sync.run") == 4
    assert_hq_chain_intact(hq, len(log) - 1)
    with hq.engine.connect() as conn:
        applied = conn.execute(
            select(HqBatchRow.seq_from, HqBatchRow.seq_to, HqBatchRow.status)
            .where(HqBatchRow.branch == CODE)
            .order_by(HqBatchRow.seq_from)
        ).all()  # fmt: skip
    assert [tuple(r) for r in applied] == [
        (1, seq_to, "applied"), (seq_to + 1, seq_to + len(waiting), "applied")
    ]  # fmt: skip


def test_hq_down_is_recorded_nothing_is_lost_and_a_later_sync_succeeds(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, server.url, tmp_path)  # HQ not started: keys go by file
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    register_people(branch, 2)
    changes = count(branch, OutboxRow)
    with pytest.raises(SyncError) as caught:
        sync.sync_now()
    assert caught.value.code is SyncErrorCode.HQ_DOWN
    status = sync.status()
    assert status.last_error == "hq_down" and status.last_error_at is not None
    # Every change waits; the enrollment's own audit entry is not counted as one.
    assert trail(branch).count("sync.enroll") == 1
    assert status.pending_changes == changes - 1 and status.unacked_batches == 1
    server.start()
    result = sync.sync_now()
    assert result.acked_upto == changes and data_pending(branch) == 0
    assert trail(branch) == ["sync.run"]  # the failed attempt audited nothing
    status = sync.status()
    assert status.last_error == "" and status.last_success_at is not None
    assert (result.pending_changes, status.pending_changes, status.unacked_batches) == (0, 0, 0)
    with hq.engine.connect() as conn:
        applied = conn.execute(
            select(func.count()).select_from(HqBatchRow).where(HqBatchRow.status == "applied")
        ).scalar()
    assert applied == 1


class LoseFirstAnswer(httpx.BaseTransport):
    """Delivers each request to HQ, but the first answer to a batch is lost on the way back."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.bodies: list[bytes] = []

    def close(self) -> None:
        self.inner.close()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        response = self.inner.handle_request(request)
        if request.url.path == "/v1/batches":
            self.bodies.append(body)
            if len(self.bodies) == 1:
                response.read()
                response.close()
                raise httpx.ReadTimeout("the answer was lost", request=request)
        return response


def test_a_lost_answer_is_retried_with_the_same_bytes_and_applied_once(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 2)
    changes = count(branch, OutboxRow)
    transport = LoseFirstAnswer()
    result = SyncService(branch.ctx, fast_factory(transport)).sync_now()
    assert len(transport.bodies) == 2 and transport.bodies[0] == transport.bodies[1]
    assert result.acked_upto == changes and data_pending(branch) == 0
    assert trail(branch) == ["sync.run"]
    (state,) = hq.status()
    assert state.last_seq == changes
    with hq.engine.connect() as conn:
        batches = conn.execute(select(HqBatchRow.status)).scalars().all()
    assert batches == ["applied"]


def test_a_timeout_is_recorded_and_the_same_batch_goes_next_time(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sent: list[bytes] = []

    def stalled(request: httpx.Request) -> httpx.Response:
        sent.append(request.read())
        raise httpx.ReadTimeout("no answer", request=request)

    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    slow = SyncService(branch.ctx, fast_factory(httpx.MockTransport(stalled)))
    with pytest.raises(SyncError) as caught:
        slow.sync_now()
    assert caught.value.code is SyncErrorCode.TIMEOUT and len(sent) == FAST.attempts
    assert sync.status().last_error == "timeout"
    resend: list[bytes] = []

    class Spy(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/v1/batches":
                resend.append(request.read())
            return super().handle_request(request)

    SyncService(branch.ctx, fast_factory(Spy())).sync_now()
    assert resend[0] == sent[0]  # the very same file, byte for byte
    assert data_pending(branch) == 0 and trail(branch) == ["sync.run"]


def test_a_revoked_branch_is_told_why_and_keeps_its_changes(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    hq.revoke(CODE)
    before = count(branch, OutboxRow)
    with pytest.raises(SyncError) as caught:
        sync.sync_now()
    assert (caught.value.code, caught.value.reason_code) == (SyncErrorCode.REJECTED, "revoked")
    status = sync.status()
    assert (status.last_error, status.last_error_reason) == ("rejected", "revoked")
    assert count(branch, OutboxRow) == before


def test_sync_needs_enrollment_and_never_runs_on_the_demo_branch(
    worker: AppServices, branch: AppServices, tmp_path: Path
) -> None:
    with pytest.raises(SyncError) as demo:
        SyncService(worker.ctx).sync_now()
    assert demo.value.code is SyncErrorCode.DEMO_BRANCH
    with pytest.raises(SyncError) as not_enrolled:
        SyncService(branch.ctx).export(tmp_path)
    assert not_enrolled.value.code is SyncErrorCode.NOT_ENROLLED


def test_cancel_stops_before_sending(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(SyncError) as caught:
        sync.sync_now(cancel=cancel)
    assert caught.value.code is SyncErrorCode.CANCELLED
    assert sync.status().last_error == ""  # not a failure to report
    assert trail(branch)[-1] != "sync.run"  # the cancelled run audited nothing
    assert sync.sync_now().pending_changes == 0  # all sent (this run's entry waits)
    assert data_pending(branch) == 0 and trail(branch) == ["sync.run"]


# -- the command line -------------------------------------------------------------------------
