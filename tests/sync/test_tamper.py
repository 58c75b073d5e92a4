"""The tamper matrix: batches replayed, repeated, reordered, with gaps, truncated, with a byte
flipped anywhere, forged, misaddressed, from a revoked branch or a newer schema. Each is
refused (or held) with its reason and nothing of it is applied: HQ's central tables, ledgers
and applied batches are exactly as before. Refusals are checked by USB import and over HTTP.

The batches are real: a branch registers, edits and deletes people and exports three batches
(A, B, C); the forged ones re-pack A's real change lines with other keys or other headers.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.domain.household import HouseholdDraft
from app.hq.answers import receipt_path
from app.hq.results import FileResult
from app.sync.batch_file import (
    Header,
    Manifest,
    VerifiedBatch,
    encode_lines,
    write_batch,
)
from app.sync.keys import KeyPair
from tests.services.people import AHMED, numbered, person
from tests.sync.changes import tombstone_rows
from tests.sync.world import Hq, SyncBranch, assert_branch_in_step, hq_state

pytestmark = [pytest.mark.sync, pytest.mark.db]

OCTET = {"Content-Type": "application/octet-stream"}
HTTP_STATUS = {
    "truncated": 400, "not_a_batch": 400, "bad_signature": 403, "revoked": 403,
    "wrong_destination": 422, "schema_newer": 422, "unknown_sender": 403,
}  # fmt: skip


@dataclass
class Batches:
    branch: SyncBranch
    a: Path
    b: Path
    c: Path

    @property
    def all(self) -> list[Path]:
        return [self.a, self.b, self.c]


@pytest.fixture
def batches(make_branch: Any, tmp_path: Path) -> Batches:
    """Three real batches of TRP01: A registers people, B edits and deletes, C adds more."""
    branch: SyncBranch = make_branch("TRP01")
    people = branch.people
    ahmed = people.register(AHMED)
    others = [people.register(numbered(i)) for i in range(3)]
    branch.export()
    people.update(ahmed.id, person(AHMED, address="حي الأندلس", phones=[]), ahmed.row_version)
    tombstone_rows(branch, [others[0].id])
    branch.export()
    newer = people.register(numbered(7))
    home = branch.services.households.create(
        HouseholdDraft(head_id=newer.id, housing_type="owned", monthly_income="120")
    )
    assert home.id
    files = branch.export()
    assert len(files) == 3, files
    stick = tmp_path / "stick"
    stick.mkdir()
    kept = []
    for path in files:
        kept.append(stick / path.name)
        kept[-1].write_bytes(path.read_bytes())
    return Batches(branch, *kept)


def import_one(hq: Hq, path: Path) -> FileResult:
    [result] = hq.service.import_files([path])
    return result


def assert_refused(hq: Hq, path: Path, code: str | set[str], words: str = "") -> FileResult:
    """Refused by USB import and over HTTP, naming the reason; nothing applied, no receipt."""
    codes = {code} if isinstance(code, str) else code
    before = hq_state(hq)
    receipt = receipt_path(path)
    old_receipt = receipt.read_bytes() if receipt.exists() else None
    result = import_one(hq, path)
    assert result.outcome == "rejected" and result.code in codes, result
    assert result.file == path.name and result.reason and words in result.reason, result
    assert result.receipt is None  # no answer: HQ does not speak to a refused sender
    assert (receipt.read_bytes() if receipt.exists() else None) == old_receipt
    assert hq_state(hq) == before, f"{path.name}: something was applied"
    answer = hq.client.post("/v1/batches", content=path.read_bytes(), headers=OCTET)
    assert answer.status_code == HTTP_STATUS[result.code], answer.text
    assert answer.json()["code"] == result.code and answer.json()["reason"]
    assert hq_state(hq) == before, f"{path.name}: something was applied over HTTP"
    return result


def finish(hq: Hq, batches: Batches) -> None:
    """Deliver the real batches (in order) and the last answer: HQ equals the branch."""
    results = hq.service.import_files(batches.all)
    assert {r.outcome for r in results} <= {"applied", "already_applied"}, results
    receipt = results[-1].receipt
    assert receipt is not None
    batches.branch.sync.import_file(receipt)
    assert_branch_in_step(hq, batches.branch)


def repack(
    batch: Path,
    hq: Hq,
    folder: Path,
    signer: KeyPair,
    **header: Any,
) -> Path:
    """`batch`'s real change lines in a new file: signed by `signer`, header fields replaced."""
    with zipfile.ZipFile(batch) as archive:
        manifest = Manifest.parse(archive.read("manifest.json"))
        offset = archive.getinfo("payload").header_offset + 30 + len("payload")
    lines = VerifiedBatch(batch, manifest, offset).changes(hq.service.keys)
    fields = {f: getattr(manifest, f) for f in Header.__dataclass_fields__}
    fields.update(header)
    path, _ = write_batch(
        folder, Header(**fields), encode_lines(lines), manifest.counts, signer, hq.service.identity
    )
    return path


def branch_keys(branch: SyncBranch) -> KeyPair:
    return KeyPair.load(branch.sync.keys_dir, branch.code)


# -- order and repetition -----------------------------------------------------------------------


def test_replay_of_an_old_batch_changes_nothing(hq: Hq, batches: Batches) -> None:
    assert [r.outcome for r in hq.service.import_files([batches.a, batches.b])] == [
        "applied",
        "applied",
    ]
    before = hq_state(hq)
    for delivery in range(2):  # by USB, then over HTTP
        if delivery == 0:
            result = import_one(hq, batches.a)
            assert result.outcome == "already_applied" and result.applied == 0
            assert result.receipt is not None  # answered again: a lost receipt is re-sent
        else:
            answer = hq.client.post("/v1/batches", content=batches.a.read_bytes(), headers=OCTET)
            assert answer.status_code == 200
            assert answer.headers["X-Sanad-Outcome"] == "already_applied"
        assert hq_state(hq) == before
    finish(hq, batches)


def test_the_same_batch_twice_is_applied_once(hq: Hq, batches: Batches) -> None:
    first = import_one(hq, batches.a)
    after_first = hq_state(hq)
    again = import_one(hq, batches.a)
    answer = hq.client.post("/v1/batches", content=batches.a.read_bytes(), headers=OCTET)
    assert (first.outcome, again.outcome) == ("applied", "already_applied")
    assert answer.headers["X-Sanad-Outcome"] == "already_applied"
    assert hq_state(hq) == after_first
    # Both receipts may reach the branch: the second changes nothing there either.
    assert first.receipt is not None and again.receipt is not None
    batches.branch.sync.import_file(first.receipt)
    assert batches.branch.sync.import_file(again.receipt).applied == 0
    finish(hq, batches)


def test_batches_out_of_order_are_held_then_applied_when_the_gap_fills(
    hq: Hq, batches: Batches
) -> None:
    before = hq_state(hq)
    for late in (batches.c, batches.b):  # newest first
        held = import_one(hq, late)
        assert held.outcome == "held" and "waiting for changes 1.." in held.reason, held
        assert hq_state(hq) == before
    assert {s.code: s for s in hq.service.status()}["TRP01"].held_batches == 2
    filled = import_one(hq, batches.a)
    assert filled.outcome == "applied" and filled.released == 2, filled
    assert filled.ack_upto == batches.branch.last_sent()
    assert list(hq.home.held_dir.glob("*.sanad")) == []
    finish(hq, batches)


def test_a_gap_holds_the_batch_and_applies_nothing_of_it(hq: Hq, batches: Batches) -> None:
    assert import_one(hq, batches.a).outcome == "applied"
    before = hq_state(hq)
    for _ in range(2):  # held, and held again (not twice)
        held = import_one(hq, batches.c)
        assert held.outcome == "held" and "waiting for changes" in held.reason, held
        assert held.receipt is not None  # answered: what HQ has applied
        assert hq_state(hq) == before
    answer = hq.client.post("/v1/batches", content=batches.c.read_bytes(), headers=OCTET)
    assert answer.headers["X-Sanad-Outcome"] == "held"
    assert hq_state(hq) == before
    status = {s.code: s for s in hq.service.status()}["TRP01"]
    assert status.held_batches == 1 and len(list(hq.home.held_dir.glob("*.sanad"))) == 1
    finish(hq, batches)


# -- damage -------------------------------------------------------------------------------------


def test_a_truncated_file_is_refused_at_every_cut(hq: Hq, batches: Batches, tmp_path: Path) -> None:
    assert import_one(hq, batches.a).outcome == "applied"
    data = batches.b.read_bytes()
    size = len(data)
    cuts = sorted({0, 1, 4, 29, 30, 64, 150, size // 3, size // 2, size - 200, size - 100,
                   size - 46, size - 23, size - 22, size - 1})  # fmt: skip
    for cut in cuts:
        path = tmp_path / f"cut-{cut}" / batches.b.name
        path.parent.mkdir()
        path.write_bytes(data[:cut])
        assert_refused(hq, path, {"truncated", "not_a_batch"})
    finish(hq, batches)


def flip_offsets(path: Path) -> list[int]:
    """Every 97th byte (every few bytes of a small file: at least about 120 places), and the
    edges of every part of the ZIP: each member's local header and data, the central
    directory, the end record."""
    data = path.read_bytes()
    offsets = set(range(0, len(data), max(1, min(97, len(data) // 120))))
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            start = info.header_offset
            data_start = start + 30 + len(info.filename) + len(info.extra)
            end = data_start + info.compress_size
            offsets |= {start, start + 8, start + 14, start + 26, data_start - 1}
            offsets |= {data_start, data_start + 1, (data_start + end) // 2, end - 1}
        central = data.rfind(b"PK\x01\x02", 0)
        eocd = data.rfind(b"PK\x05\x06")
    offsets |= {central, central + 20, eocd, eocd + 10, eocd + 16, len(data) - 1}
    return sorted(o for o in offsets if 0 <= o < len(data))


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_flipped_byte_anywhere_is_refused_or_changes_nothing(
    hq: Hq, batches: Batches, tmp_path: Path
) -> None:
    """A flip in the manifest, its signature or the payload is refused; a flip in ZIP
    bookkeeping that carries no content (a timestamp) may pass, and then the batch is exactly
    the original: it applies as the original would."""
    assert import_one(hq, batches.a).outcome == "applied"
    original = batches.b.read_bytes()
    expected = members(batches.b)
    offsets = flip_offsets(batches.b)
    assert len(offsets) >= 100
    harmless: list[int] = []
    for offset in offsets:
        flipped = bytearray(original)
        flipped[offset] ^= 1 << (offset % 8)
        path = tmp_path / f"flip-{offset}" / batches.b.name
        path.parent.mkdir()
        path.write_bytes(bytes(flipped))
        before = hq_state(hq)
        result = import_one(hq, path)
        if result.outcome == "rejected":
            assert result.code and result.reason, (offset, result)
            assert hq_state(hq) == before, f"flip at {offset}: refused but something applied"
            continue
        assert result.outcome in ("applied", "already_applied"), (offset, result)
        assert members(path) == expected, f"flip at {offset} was accepted with other content"
        harmless.append(offset)
    assert len(harmless) < len(offsets) // 4, harmless  # most flips hit what is checked
    with zipfile.ZipFile(batches.b) as archive:  # every member's content was hit
        for info in archive.infolist():
            start = info.header_offset + 30 + len(info.filename) + len(info.extra)
            hit = [o for o in offsets if start <= o < start + info.compress_size]
            assert hit and not set(hit) & set(harmless), (info.filename, hit, harmless)
    finish(hq, batches)


# -- who sent it, to whom, made by what ---------------------------------------------------------


def test_a_forged_signature_is_refused(hq: Hq, batches: Batches, tmp_path: Path) -> None:
    forger = KeyPair.generate("TRP01")  # claims to be TRP01, signs with its own key
    forged = repack(batches.a, hq, tmp_path / "forged", forger)
    assert_refused(hq, forged, "bad_signature", "forged or altered")
    finish(hq, batches)


def test_a_batch_signed_by_another_enrolled_branch_is_refused(
    hq: Hq, batches: Batches, make_branch: Any, tmp_path: Path
) -> None:
    """Another enrolled branch's real key does not pass for TRP01's."""
    neighbour: SyncBranch = make_branch("BEN01")
    forged = repack(batches.a, hq, tmp_path / "forged", branch_keys(neighbour))
    assert_refused(hq, forged, "bad_signature")
    finish(hq, batches)


def test_a_batch_for_another_destination_is_refused(
    hq: Hq, batches: Batches, tmp_path: Path
) -> None:
    keys = branch_keys(batches.branch)
    elsewhere = repack(batches.a, hq, tmp_path / "elsewhere", keys, destination="HQ2")
    assert_refused(hq, elsewhere, "wrong_destination", "addressed to someone else")
    finish(hq, batches)


def test_a_batch_from_a_newer_schema_is_refused(hq: Hq, batches: Batches, tmp_path: Path) -> None:
    keys = branch_keys(batches.branch)
    newer = repack(batches.a, hq, tmp_path / "newer", keys, schema="9999_from_the_future")
    assert_refused(hq, newer, "schema_newer", "upgrade this side first")
    finish(hq, batches)


def test_a_batch_from_a_revoked_branch_is_refused(hq: Hq, batches: Batches) -> None:
    assert import_one(hq, batches.a).outcome == "applied"
    hq.service.revoke("TRP01")
    assert_refused(hq, batches.b, "revoked", "revoked")
    assert_refused(hq, batches.a, "revoked")  # even a replay is refused
    status = {s.code: s for s in hq.service.status()}["TRP01"]
    assert status.revoked and status.last_seq < batches.branch.last_sent()


def test_an_unenrolled_sender_is_refused(hq: Hq, batches: Batches, tmp_path: Path) -> None:
    stranger = KeyPair.generate("XYZ99")
    path = repack(batches.a, hq, tmp_path / "stranger", stranger, source="XYZ99")
    assert_refused(hq, path, "unknown_sender")
    manifest = json.loads(members(path)["manifest.json"])
    assert manifest["source"] == "XYZ99"
    finish(hq, batches)
