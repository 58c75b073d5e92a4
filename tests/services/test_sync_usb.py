"""Sync by USB (app.services.sync): the batches a branch exports and HQ verifies, written again
with the same content when lost, and HQ's answer applied once (pruning the outbox) or refused
leaving nothing changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import migrate
from app.db.audit import AUDIT_TABLE
from app.db.models import BeneficiaryRow, OutboxRow
from app.db.sync_models import ChangeLogRow, OutgoingBatchRow
from app.hq.enrollment import Registration
from app.hq.service import HqService
from app.services.setup import AppServices
from app.services.sync_errors import SyncError, SyncErrorCode
from app.sync.batch_file import (
    ZERO_HASH,
    Header,
    Kind,
    RejectCode,
    SenderStatus,
    encode_lines,
    verify_batch,
    write_batch,
)
from app.sync.keys import KeyPair
from tests.services.branch_sync import (
    CODE,
    assert_hq_chain_intact,
    batch_lines,
    branch_audit,
    count,
    data_pending,
    enroll,
    hq_audit,
    outbox_lines,
    register_people,
    snapshot,
    trail,
)
from tests.services.people import AHMED, person

pytestmark = [pytest.mark.sync, pytest.mark.db]


# -- USB --------------------------------------------------------------------------------------


def test_export_writes_a_batch_hq_can_verify(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    ids = register_people(branch, 2)
    pending = count(branch, OutboxRow)
    (path,) = sync.export(tmp_path / "usb")
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    sender = SenderStatus(keys.public, revoked=False)
    verified = verify_batch(
        path, me="HQ", sender_status=lambda s: sender if s == CODE else None,
        schema_known=lambda s: s == migrate.head_revision(),
    )  # fmt: skip
    lines = verified.changes(hq.keys)
    assert verified.manifest.kind is Kind.UP and verified.manifest.source == CODE
    assert (verified.manifest.seq_from, verified.manifest.seq_to) == (1, pending)
    assert {line["row_id"] for line in lines} >= set(ids)
    assert len(lines) == pending


def test_exporting_twice_without_changes_makes_no_new_batch(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    before = outbox_lines(branch)
    (first,) = sync.export(tmp_path / "one")
    assert batch_lines(branch, hq, first) == before
    export = (AUDIT_TABLE, "sync.export")
    assert outbox_lines(branch) == [*before, export]  # written once the batch was made
    pending = sync.status().pending_changes
    # The batch's changes count until HQ answers; the sync's own entries (enroll, export) not.
    assert pending == len(before) - 1 and before.count((AUDIT_TABLE, "sync.enroll")) == 1
    (again,) = sync.export(tmp_path / "two")  # the export's entry alone makes no batch
    assert first.name == again.name and first.read_bytes() == again.read_bytes()
    assert count(branch, OutgoingBatchRow) == 1
    assert outbox_lines(branch) == [*before, export, export]
    assert sync.status().pending_changes == pending
    register_people(branch, 2)  # a new change: a second batch, and the first goes again
    waiting = outbox_lines(branch)[len(batch_lines(branch, hq, first)) :]
    files = sync.export(tmp_path / "three")
    assert [f.name for f in files][:1] == [first.name] and len(files) == 2
    assert count(branch, OutgoingBatchRow) == 2
    # It carries both exports' entries first, then the new people.
    carried = batch_lines(branch, hq, files[1])
    assert carried == waiting and carried[:2] == [(AUDIT_TABLE, "sync.export")] * 2
    assert carried.count(("beneficiaries", None)) == 2


def test_a_lost_outgoing_file_is_written_again_with_the_same_content(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    register_people(branch, 1)
    (first,) = sync.export(tmp_path / "one")
    kept = branch.ctx.data_dir / "outgoing" / first.name
    kept.unlink()  # as if the machine died between recording the batch and writing its file
    (again,) = sync.export(tmp_path / "two")  # the first export's entry makes no batch
    assert again.name == first.name and kept.is_file()
    assert batch_lines(branch, hq, again) == batch_lines(branch, hq, first)
    assert count(branch, OutgoingBatchRow) == 1
    (one,) = hq.import_files([first])
    (two,) = hq.import_files([again])
    assert (one.outcome, two.outcome) == ("applied", "already_applied")


def test_the_answer_prunes_the_outbox_and_history_keeps_every_change(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    (pid,) = register_people(branch, 1)
    view = branch.beneficiaries.get(pid)
    branch.beneficiaries.update(
        pid, person(AHMED, address="حي الأندلس", national_number="119850123400",
                    phones=["0912345600"]),
        expected_version=view.row_version,
    )  # fmt: skip
    history = branch.beneficiaries.history(pid)
    changes = count(branch, OutboxRow)
    (batch,) = sync.export(tmp_path / "usb")
    (result,) = hq.import_files([batch])
    assert result.receipt is not None and hq.count_records(CODE) > 0
    imported = sync.import_file(result.receipt)
    # HQ's reference data (queued as the branch enrolled), then the confirmation.
    assert imported.applied == 2 and imported.acked_upto == changes
    assert data_pending(branch) == 0 and count(branch, ChangeLogRow) == changes
    assert trail(branch) == ["sync.export", "sync.import"]  # the round trip's own entries
    assert branch.beneficiaries.history(pid) == history
    with branch.ctx.db.read() as session:  # the branch knows the version HQ gave the row
        local_version = session.scalar(
            select(BeneficiaryRow.hq_version).where(BeneficiaryRow.id == pid)
        )
    (central,) = hq.records(CODE)
    assert local_version is not None and local_version == central.hq_version
    status = sync.status()
    assert status.pending_changes == 0 and status.last_success_at is not None
    assert imported.pending_changes == 0
    assert sync.export(tmp_path / "usb2") == []  # nothing left to carry
    assert count(branch, OutgoingBatchRow) == 1
    again = sync.import_file(result.receipt)  # the same answer twice: nothing more happens
    assert (again.applied, again.skipped, again.pending_changes) == (0, 2, 0)
    assert trail(branch) == ["sync.export", "sync.import", "sync.import"]
    # After pruning, new changes get new numbers (never reused) and reach HQ as new changes,
    # with the sync's entries that waited for them, first.
    register_people(branch, 1)
    waiting = outbox_lines(branch)
    (second,) = sync.export(tmp_path / "usb3")
    carried = batch_lines(branch, hq, second)
    assert carried == waiting
    assert carried[:3] == [(AUDIT_TABLE, a) for a in ("sync.export", "sync.import", "sync.import")]
    assert ("beneficiaries", None) in carried
    (answer,) = hq.import_files([second])
    assert answer.outcome == "applied" and answer.applied == len(carried)
    # HQ holds the branch's audit log, in order, all but this last export's own entry.
    held, log = hq_audit(hq), branch_audit(branch)
    assert held == log[: len(held)] and [e[1] for e in log[len(held) :]] == ["sync.export"]
    assert_hq_chain_intact(hq, len(held))


def _down_batch(
    folder: Path, sender: KeyPair, branch_keys: KeyPair, destination: str, upto: int
) -> Path:
    """An answer that, if it were applied, would acknowledge (and prune) changes 1..upto."""
    line = {"seq": 1, "kind": "confirm", "seq_from": 1, "seq_to": upto, "hq_version": 7,
            "rejected": []}  # fmt: skip
    header = Header(
        kind=Kind.DOWN, schema=migrate.head_revision(), source="HQ", replica="x",
        destination=destination, seq_from=1, seq_to=1, ack_upto=upto, prev_hash=ZERO_HASH,
    )  # fmt: skip
    path, _ = write_batch(folder, header, encode_lines([line]), {"confirm": 1}, sender,
                          branch_keys.public)  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("flipped byte", None),
        ("truncated", RejectCode.TRUNCATED),
        ("signed by another HQ", RejectCode.BAD_SIGNATURE),
        ("for another branch", RejectCode.WRONG_DESTINATION),
        ("our own up-batch", RejectCode.UNKNOWN_SENDER),
        ("not a batch", RejectCode.NOT_A_BATCH),
    ],
)
def test_a_bad_answer_is_refused_and_changes_nothing(
    branch: AppServices, hq: HqService, tmp_path: Path, case: str, reason: RejectCode | None
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    upto = count(branch, OutboxRow)  # what the batch carries
    (up,) = sync.export(tmp_path / "usb")
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    good = _down_batch(tmp_path / "good", hq.keys, keys, CODE, upto)
    bad = tmp_path / "bad.receipt.sanad"
    data = bytearray(good.read_bytes())
    if case == "flipped byte":
        data[len(data) // 2] ^= 0x01
    elif case == "truncated":
        data = data[: len(data) - 40]
    elif case == "signed by another HQ":
        data = bytearray(
            _down_batch(tmp_path / "f", KeyPair.generate("HQ"), keys, CODE, upto).read_bytes()
        )
    elif case == "for another branch":
        data = bytearray(_down_batch(tmp_path / "w", hq.keys, keys, "BEN01", upto).read_bytes())
    elif case == "our own up-batch":
        data = bytearray(up.read_bytes())
    else:
        data = bytearray(b"not a zip file at all")
    bad.write_bytes(bytes(data))
    before = snapshot(branch)
    with pytest.raises(SyncError) as caught:
        sync.import_file(bad)
    assert caught.value.code is SyncErrorCode.BAD_ANSWER
    assert bad.name in str(caught.value)
    if reason is not None:
        assert caught.value.reason_code == reason
    assert snapshot(branch) == before
    sync.import_file(good)  # the genuine answer still applies: the refusal left no trace
    assert data_pending(branch) == 0
    assert trail(branch) == ["sync.export", "sync.import"]  # the refusal audited nothing


def test_an_answer_that_skips_an_earlier_one_is_refused(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    sync.export(tmp_path / "usb")
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    line = {"seq": 3, "kind": "confirm", "seq_from": 1, "seq_to": 1, "hq_version": 7,
            "rejected": []}  # fmt: skip
    header = Header(
        kind=Kind.DOWN, schema=migrate.head_revision(), source="HQ", replica="x",
        destination=CODE, seq_from=3, seq_to=3, ack_upto=1, prev_hash=ZERO_HASH,
    )  # fmt: skip
    late, _ = write_batch(tmp_path / "late", header, encode_lines([line]), {}, hq.keys,
                          keys.public)  # fmt: skip
    before = snapshot(branch)
    with pytest.raises(SyncError) as caught:
        sync.import_file(late)
    assert caught.value.code is SyncErrorCode.OUT_OF_ORDER and late.name in str(caught.value)
    assert snapshot(branch) == before


def test_export_to_an_unusable_folder_says_so(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(SyncError) as caught:
        sync.export(blocker / "usb")
    assert caught.value.code is SyncErrorCode.FOLDER and "not-a-folder" in str(caught.value)
