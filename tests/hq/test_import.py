"""Importing batches at HQ (the USB road; HTTP uses the same code): applied exactly once,
held on a gap, refused with a reason and nothing applied, answered with a receipt."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow, OutboxRow
from app.db.sync_models import HqBatchRow, HqLedgerRow, HqRejectedRow
from app.hq.answers import receipt_path
from app.hq.service import HqService
from app.sync.batch_file import ZERO_HASH, Kind
from app.sync.keys import KeyPair
from tests.hq.branch_side import Branch, branch_rows, central_rows, hand_made, person_line
from tests.services.people import AHMED, numbered, person

pytestmark = [pytest.mark.db, pytest.mark.sync]


def _count(hq: HqService, model: type) -> int:
    with Session(hq.engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _ledger(hq: HqService, code: str = "TRP01") -> HqLedgerRow:
    with Session(hq.engine) as session:
        row = session.get(HqLedgerRow, code)
        assert row is not None
        return row


def _assert_nothing_applied(hq: HqService) -> None:
    assert _count(hq, BeneficiaryRow) == 0
    assert _count(hq, HqBatchRow) == 0
    assert _ledger(hq).last_seq == 0


def test_imported_batch_makes_hq_equal_to_the_branch(hq: HqService, branch: Branch) -> None:
    people = branch.services.beneficiaries
    ahmed = people.register(person(AHMED, latin_name="Ahmed Abdalla Alwarfalli"))
    other = people.register(numbered(1))
    # An edit and a tombstone (the phone removed): versions and deleted_at must travel too.
    edit = person(AHMED, address="حي الأندلس", phones=[], latin_name="Ahmed Abdullah Elwarfally")
    people.update(ahmed.id, edit, ahmed.row_version)
    [batch] = branch.export()

    [result] = hq.import_files([batch])

    assert result.outcome == "applied", result
    assert result.branch == "TRP01"
    assert result.applied == result.ack_upto > 0
    assert result.receipt == receipt_path(batch)
    assert result.receipt.name.endswith(".receipt.sanad") and result.receipt.is_file()
    down = branch.apply_answer(result.receipt)  # verified with HQ's pinned key, decrypted
    # HQ's reference data (queued as the branch enrolled) and the batch's confirmation.
    assert down.applied == 2 and down.acked_upto == result.ack_upto
    with branch.services.ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxRow)) == 0  # pruned
    central, local = central_rows(hq.engine), branch_rows(branch.services)
    assert central == local
    assert len(central["beneficiaries"]) == 2
    phones = list(central["beneficiary_phones"].values())
    assert phones and all(p["deleted_at"] is not None for p in phones)
    assert central["beneficiaries"][ahmed.id]["row_version"] == 2
    assert central["beneficiaries"][ahmed.id]["address"] == "حي الأندلس"
    # The Latin name as entered, and its change; "" for a person who has none.
    assert central["beneficiaries"][ahmed.id]["latin_name"] == "Ahmed Abdullah Elwarfally"
    assert central["beneficiaries"][other.id]["latin_name"] == ""
    status = {s.code: s for s in hq.status()}["TRP01"]
    assert status.last_seq == result.ack_upto and status.last_receipt_at is not None
    assert status.last_received_at is not None and status.held_batches == 0


def test_the_same_batch_twice_is_applied_once(hq: HqService, branch: Branch) -> None:
    branch.services.beneficiaries.register(AHMED)
    [batch] = branch.export()
    first = hq.import_files([batch])[0]
    before = central_rows(hq.engine)

    again = hq.import_files([batch])[0]

    assert (first.outcome, again.outcome) == ("applied", "already_applied")
    assert again.applied == 0 and again.ack_upto == first.ack_upto
    assert again.receipt is not None and again.receipt.is_file()  # answered again
    assert central_rows(hq.engine) == before
    assert _count(hq, HqBatchRow) == 1
    # The branch may apply both receipts: the second changes nothing. (Each carries HQ's
    # reference data, queued as the branch enrolled, and the confirmation.)
    assert branch.apply_answer(again.receipt).applied == 2
    assert branch.apply_answer(again.receipt).applied == 0


def test_out_of_order_batches_are_held_until_the_gap_is_filled(
    hq: HqService, branch: Branch
) -> None:
    people = branch.services.beneficiaries
    batches = []
    for i in range(3):
        people.register(numbered(i))
        batches.extend(branch.export())
    first, second, third = batches

    held = hq.import_files([third])[0]
    assert held.outcome == "held" and "waiting for changes 1.." in held.reason
    assert held.receipt is not None  # answered: HQ has applied nothing of this branch yet
    assert _count(hq, BeneficiaryRow) == 0
    assert {s.code: s for s in hq.status()}["TRP01"].held_batches == 1
    assert len(list(hq.home.held_dir.iterdir())) == 1

    applied = hq.import_files([first])[0]
    assert applied.outcome == "applied", applied
    assert _count(hq, BeneficiaryRow) == 1  # the third still waits for the second

    filled = hq.import_files([second])[0]
    assert filled.outcome == "applied"
    assert filled.ack_upto == _ledger(hq).last_seq  # the held third was applied too
    assert _count(hq, BeneficiaryRow) == 3
    assert {s.code: s for s in hq.status()}["TRP01"].held_batches == 0
    assert list(hq.home.held_dir.iterdir()) == []
    assert filled.receipt is not None
    branch.apply_answer(filled.receipt)
    assert central_rows(hq.engine) == branch_rows(branch.services)
    # Delivering the held one again is a harmless replay.
    assert hq.import_files([third])[0].outcome == "already_applied"


def test_a_revoked_branch_is_refused(hq: HqService, branch: Branch) -> None:
    branch.services.beneficiaries.register(AHMED)
    [batch] = branch.export()
    hq.revoke("TRP01")

    [result] = hq.import_files([batch])

    assert (result.outcome, result.code) == ("rejected", "revoked")
    assert "revoked" in result.reason and not result.accepted
    assert result.receipt is None and not receipt_path(batch).exists()
    _assert_nothing_applied(hq)


def test_a_batch_for_another_destination_is_refused(hq: HqService, branch: Branch) -> None:
    path = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1, seq_to=2,
        destination="HQ2",
    )  # fmt: skip
    [result] = hq.import_files([path])
    assert (result.outcome, result.code) == ("rejected", "wrong_destination")
    assert "addressed to someone else" in result.reason
    _assert_nothing_applied(hq)


@pytest.mark.parametrize("keep", [0.5, 0.99, 10])
def test_a_truncated_file_is_refused(
    hq: HqService, branch: Branch, tmp_path: Path, keep: float
) -> None:
    branch.services.beneficiaries.register(AHMED)
    [batch] = branch.export()
    data = batch.read_bytes()
    cut = tmp_path / batch.name
    cut.write_bytes(data[: int(len(data) * keep)] if keep < 1 else data[: int(keep)])

    [result] = hq.import_files([cut])

    assert result.outcome == "rejected"
    assert result.code in ("truncated", "not_a_batch")
    _assert_nothing_applied(hq)


def test_a_flipped_byte_anywhere_is_refused_or_harmless(
    hq: HqService, branch: Branch, tmp_path: Path
) -> None:
    import zipfile

    people = branch.services.beneficiaries
    people.register(AHMED)
    [batch] = branch.export()
    original = batch.read_bytes()
    with zipfile.ZipFile(batch) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    step = max(1, len(original) // 150)
    refused = 0
    for position in range(0, len(original), step):
        flipped = bytearray(original)
        flipped[position] ^= 0x40
        path = tmp_path / "flip" / batch.name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(flipped)
        applied_before = _count(hq, BeneficiaryRow)
        [result] = hq.import_files([path])
        if result.outcome == "rejected":
            refused += 1
            assert _count(hq, BeneficiaryRow) == applied_before, position
            continue
        # Accepted only if the flip hit ZIP bookkeeping that carries no content.
        with zipfile.ZipFile(path) as archive:
            assert {n: archive.read(n) for n in archive.namelist()} == members, position
    assert refused > 0.8 * len(range(0, len(original), step))
    result = hq.import_files([batch])[0]
    assert result.outcome in ("applied", "already_applied")
    assert result.receipt is not None
    branch.apply_answer(result.receipt)
    assert central_rows(hq.engine) == branch_rows(branch.services)


def test_a_forged_signature_is_refused(hq: HqService, branch: Branch) -> None:
    forger = KeyPair.generate("TRP01")  # claims to be TRP01, signs with its own key
    path = hand_made(branch.usb, forger, hq.identity, source="TRP01", seq_from=1, seq_to=3)
    [result] = hq.import_files([path])
    assert (result.outcome, result.code) == ("rejected", "bad_signature")
    assert "forged or altered" in result.reason
    _assert_nothing_applied(hq)


def test_an_unknown_sender_is_refused(hq: HqService, branch: Branch) -> None:
    stranger = KeyPair.generate("XYZ99")
    path = hand_made(branch.usb, stranger, hq.identity, source="XYZ99", seq_from=1, seq_to=1)
    [result] = hq.import_files([path])
    assert (result.outcome, result.code) == ("rejected", "unknown_sender")
    _assert_nothing_applied(hq)


def test_a_batch_from_a_newer_schema_is_refused(hq: HqService, branch: Branch) -> None:
    path = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1, seq_to=2,
        schema="9999",
    )  # fmt: skip
    [result] = hq.import_files([path])
    assert (result.outcome, result.code) == ("rejected", "schema_newer")
    assert "upgrade this side first" in result.reason
    _assert_nothing_applied(hq)


def test_a_fork_of_the_chain_is_refused(hq: HqService, branch: Branch) -> None:
    first = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1, seq_to=2)
    assert hq.import_files([first])[0].outcome == "applied"
    # The next range, but not continuing the first batch (a branch restored from a backup).
    fork = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=3, seq_to=4,
        prev_hash=ZERO_HASH,
    )  # fmt: skip
    [result] = hq.import_files([fork])
    # Refused as a fork, and answered (signed) with what the branch needs to recover.
    assert (result.outcome, result.code) == ("fork", "fork")
    assert result.file == fork.name and result.receipt is not None and result.ack_upto == 2
    assert _count(hq, BeneficiaryRow) == 2 and _ledger(hq).last_seq == 2


def test_rejected_rows_are_recorded_with_their_reason(hq: HqService, branch: Branch) -> None:
    lines = [
        person_line(1, "TRP01", 1),
        {**person_line(2, "TRP01", 2), "table": "municipalities"},  # HQ's reference data
    ]
    path = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1, seq_to=2, lines=lines
    )
    [result] = hq.import_files([path])
    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", 1, 1)
    with Session(hq.engine) as session:
        [rejected] = session.scalars(select(HqRejectedRow)).all()
    assert rejected.seq == 2 and "read-only" in rejected.reason
    assert {s.code: s for s in hq.status()}["TRP01"].rejected_rows == 1


def test_a_down_batch_and_receipts_are_not_imported(hq: HqService, branch: Branch) -> None:
    branch.services.beneficiaries.register(AHMED)
    [batch] = branch.export()
    receipt = hq.import_files([batch])[0].receipt
    assert receipt is not None
    assert hq.import_files([receipt])[0].outcome == "skipped"
    down = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=5, seq_to=5,
        kind=Kind.DOWN,
    )  # fmt: skip
    [result] = hq.import_files([down])
    assert (result.outcome, result.code) == ("rejected", "manifest")


def test_an_empty_batch_is_answered_and_never_held(hq: HqService, branch: Branch) -> None:
    """A branch with nothing to send polls with an empty range for HQ's answers."""
    poll = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=8, seq_to=7, lines=[]
    )
    [result] = hq.import_files([poll])
    assert result.outcome == "already_applied" and result.receipt is not None
    assert _count(hq, HqBatchRow) == 0


def test_a_folder_imports_its_batches_in_order(hq: HqService, branch: Branch) -> None:
    people = branch.services.beneficiaries
    for i in range(3):
        people.register(numbered(i))
        branch.export()
    results = hq.import_files([branch.usb])
    assert [r.outcome for r in results] == ["applied"] * 3
    again = hq.import_files([branch.usb])  # receipts beside them are not batches
    assert [r.outcome for r in again] == ["already_applied"] * 3


def test_a_missing_file_is_refused_by_name(hq: HqService, tmp_path: Path) -> None:
    [result] = hq.import_files([tmp_path / "nowhere.sanad"])
    assert (result.outcome, result.code, result.file) == (
        "rejected",
        "not_a_batch",
        "nowhere.sanad",
    )


def test_held_batch_survives_a_restart(hq: HqService, branch: Branch, central_url: str) -> None:
    people = branch.services.beneficiaries
    for i in range(2):
        people.register(numbered(i))
        branch.export()
    first, second = sorted(branch.usb.glob("*.sanad"))
    assert hq.import_files([second])[0].outcome == "held"
    last = int(second.name.removesuffix(".sanad").rsplit("-", 1)[1])
    second.unlink()  # the USB stick is gone: HQ kept its own copy
    hq.close()
    restarted = HqService.open(hq.home, central_url)
    try:
        result = restarted.import_files([first])[0]
        assert result.outcome == "applied"
        assert result.ack_upto == _ledger(restarted).last_seq == last  # the held one too
        assert _count(restarted, BeneficiaryRow) == 2
    finally:
        restarted.close()
