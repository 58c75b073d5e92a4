"""verify_batch on hand-made files: exactly three stored members in the writer's layout, each
size within its limit, the signature checked before a byte of payload is read, the payload
hashed in chunks; a VerifiedBatch holds no payload and reads it only to decrypt it."""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from app.db.migrate import head_revision
from app.sync import batch_file, batch_zip
from app.sync.batch_file import (
    BatchRejected,
    Header,
    Kind,
    SenderStatus,
    VerifiedBatch,
    encode_lines,
    verify_batch,
    write_batch,
)
from app.sync.change_digest import digests
from app.sync.keys import KeyPair
from app.sync.safe_files import open_regular
from tests.sync.blocking import DEADLINE, within
from tests.sync.crafted import (
    DEFLATED,
    MiB,
    Part,
    craft,
    deflate,
    deflate_bomb,
    end_record,
    manifest,
    parts_of,
    signed,
    with_part,
    zeros_crc,
)

pytestmark = pytest.mark.sync
LINES = [{"seq": s, "table": "beneficiaries", "row_id": f"r{s}", "op": "insert"} for s in (1, 2, 3)]


@dataclass
class World:
    branch: KeyPair
    hq: KeyPair
    folder: Path

    def status(self, code: str) -> SenderStatus | None:
        return SenderStatus(self.branch.public, False) if code == "TRP01" else None

    def verify(self, path: Path) -> VerifiedBatch:
        return verify_batch(path, me="HQ", sender_status=self.status, schema_known=bool)

    def good(self) -> Path:
        header = Header(
            kind=Kind.UP, schema=head_revision(), source="TRP01", replica="r", destination="HQ",
            seq_from=1, seq_to=3, ack_upto=0, prev_hash="0" * 64,
        )  # fmt: skip
        path, _ = write_batch(self.folder / "good", header, encode_lines(LINES),
                              {"beneficiaries": 3}, self.branch, self.hq.public)  # fmt: skip
        return path

    def file(self, data: bytes, name: str = "TRP01-up-1-3.sanad") -> Path:
        path = self.folder / "made" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        return path


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(KeyPair.generate("TRP01"), KeyPair.generate("HQ"), tmp_path)


def refusal(world: World, path: Path) -> BatchRejected:
    with pytest.raises(BatchRejected) as caught:
        world.verify(path)
    return caught.value


@pytest.fixture
def traced() -> Iterator[None]:
    tracemalloc.start()
    yield
    tracemalloc.stop()


def peak(fn: Callable[[], object]) -> int:
    """The most memory Python allocated while `fn` ran (its exception is swallowed: the
    caller checks it separately)."""
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    with contextlib.suppress(BatchRejected):
        fn()
    return tracemalloc.get_traced_memory()[1] - base


def test_a_verified_batch_holds_no_payload_and_reads_it_to_decrypt(world: World) -> None:
    verified = world.verify(world.good())
    assert [f.name for f in fields(verified)] == ["path", "manifest", "payload_offset"]
    assert verified.changes(world.hq) == LINES
    lines, digest = verified.read_changes(world.hq)
    assert lines == LINES
    assert digest == digests(encode_lines(LINES)) and len(digest) == 8 * len(LINES)


def test_a_file_replaced_after_verification_is_refused_when_read(world: World) -> None:
    path = world.good()
    verified = world.verify(path)
    data = bytearray(path.read_bytes())
    data[verified.payload_offset + 10] ^= 1  # the payload changed on the stick meanwhile
    path.write_bytes(bytes(data))
    with pytest.raises(BatchRejected, match="changed since it was verified") as caught:
        verified.changes(world.hq)
    assert caught.value.code == "payload"


def _bad_layouts(parts: list[Part]) -> dict[str, tuple[list[Part], str, str]]:
    """Each: the members as laid out, the code refused with, words of the reason."""
    m, sig, payload = parts
    other = Part("payload", bytes(b ^ 1 for b in payload.data))  # same size, other bytes
    deflated = [Part(p.name, deflate(p.data), DEFLATED, len(p.data), _crc(p)) for p in parts]
    packed = Part("payload", deflate(payload.data), DEFLATED, len(payload.data), _crc(payload))
    longer = with_part(parts, "payload", size=len(payload.data) + 1)
    big_sig = with_part(parts, "manifest.sig", data=bytes(2 * MiB))
    short_sig = with_part(parts, "manifest.sig", data=sig.data[:63])
    big_manifest = with_part(parts, "manifest.json", data=m.data + b" " * 65536)
    return {
        "every member deflated": (deflated, "not_a_batch", "compressed"),
        "the payload deflated": ([m, sig, packed], "not_a_batch", "compressed"),
        "a duplicate manifest.json": ([m, m, sig, payload], "not_a_batch", "duplicate"),
        "a duplicate payload after": ([m, sig, payload, other], "not_a_batch", "4 members"),
        "a duplicate payload before": ([m, sig, other, payload], "not_a_batch", "4 members"),
        "an extra member": ([m, sig, payload, Part("notes", b"hi")], "not_a_batch", "4 members"),
        "no payload": ([m, sig], "not_a_batch", "no payload member"),
        "out of order": ([sig, m, payload], "not_a_batch", "out of order"),
        "signature after payload": ([m, payload, sig], "not_a_batch", "out of order"),
        "encrypted": (with_part(parts, "manifest.json", flags=1), "not_a_batch", "encrypted"),
        "a data descriptor": (with_part(parts, "payload", flags=8), "not_a_batch", "flags"),
        "sizes that differ": (longer, "not_a_batch", "sizes differ"),
        "a 2 MiB stored signature": (big_sig, "manifest", "signature of"),
        "a 63-byte signature": (short_sig, "manifest", "signature of"),
        "a 65 KiB manifest": (big_manifest, "manifest", "at most 65536"),
    }


def _crc(part: Part) -> int:
    return zlib.crc32(part.data)


CASES = list(_bad_layouts([Part("manifest.json", b""), Part("manifest.sig", b""),
                           Part("payload", b"")]))  # fmt: skip


@pytest.mark.parametrize("case", CASES)
@pytest.mark.usefixtures("traced")
def test_any_other_layout_is_refused_before_its_members_are_read(world: World, case: str) -> None:
    layout, code, words = _bad_layouts(parts_of(world.good()))[case]
    path = world.file(craft(layout))
    err = refusal(world, path)
    assert (err.code, err.file) == (code, path.name), err
    assert words in str(err)
    assert peak(lambda: world.verify(path)) < 256 * 1024


@pytest.mark.usefixtures("traced")
def test_a_deflate_bomb_as_signature_is_refused_unread(world: World) -> None:
    m, _sig, payload = parts_of(world.good())
    path = world.file(craft([m, deflate_bomb(256 * MiB), payload]))
    assert path.stat().st_size < MiB
    err = refusal(world, path)
    assert err.code == "not_a_batch" and "manifest.sig is compressed" in str(err)
    assert peak(lambda: world.verify(path)) < 256 * 1024


def test_a_payload_declared_larger_than_the_file_is_refused(world: World) -> None:
    m, sig, payload = parts_of(world.good())
    huge = Part("payload", payload.data, size=1 << 30)
    data = bytearray(craft([m, sig, payload]))
    header = huge.local()  # the payload's local header claims a GiB (stored, both sizes)
    start = len(m.local() + m.data + sig.local() + sig.data)
    data[start : start + len(header)] = header[:18] + (1 << 30).to_bytes(4, "little") + header[22:]
    err = refusal(world, world.file(bytes(data)))
    assert err.code == "truncated" and "larger than the file" in str(err)


def _sparse_batch(world: World, keys: KeyPair, size: int, sha: str) -> Path:
    """A batch whose payload is `size` zeros, as a sparse file (nothing written)."""
    head, sig = signed(keys, manifest(payload_size=size, payload_sha256=sha))
    payload = Part("payload", b"", size=size, crc=zeros_crc(size))
    path = world.folder / "sparse" / "TRP01-up-1-1.sanad"
    path.parent.mkdir(exist_ok=True)
    first = head.local() + head.data + sig.local() + sig.data + payload.local(size)
    directory = head.central(0) + sig.central(len(head.local() + head.data))
    directory += payload.central(len(head.local() + head.data + sig.local() + sig.data), size)
    with path.open("wb") as out:
        out.write(first)
        out.seek(len(first) + size)
        out.write(directory + end_record(3, len(directory), len(first) + size))
    return path


class ReadSpy:
    """A file that remembers the furthest offset read from it."""

    def __init__(self, f: BinaryIO) -> None:
        self.f = f
        self.furthest = 0

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(n)
        self.furthest = max(self.furthest, self.f.tell())
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self.f, name)

    def __enter__(self) -> ReadSpy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.f.close()


@pytest.mark.usefixtures("traced")
def test_the_signature_is_checked_before_a_byte_of_payload_is_read(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    forger = KeyPair.generate("TRP01")
    path = _sparse_batch(world, forger, 600 * MiB, "0" * 64)
    spies: list[ReadSpy] = []
    monkeypatch.setattr(
        batch_file, "open_regular", lambda p: spies.append(ReadSpy(open_regular(p))) or spies[-1]
    )
    started = time.monotonic()
    err = refusal(world, path)
    assert err.code == "bad_signature" and time.monotonic() - started < 1.0
    [spy] = spies
    with open_regular(path) as f:
        payload_starts = batch_zip.read_head(f).payload.data_offset
    assert 0 < spy.furthest <= payload_starts  # the head, to its last byte, and no further
    assert peak(lambda: world.verify(path)) < 256 * 1024


@pytest.mark.usefixtures("traced")
def test_the_payload_hash_is_computed_in_chunks(world: World) -> None:
    size = 48 * MiB
    sha = hashlib.sha256()
    block = bytes(MiB)
    for _ in range(size // MiB):
        sha.update(block)
    path = _sparse_batch(world, world.branch, size, sha.hexdigest())
    assert world.verify(path).manifest.payload_size == size
    assert peak(lambda: world.verify(path)) < 4 * MiB


@pytest.mark.parametrize("kind", ["link", "fifo", "folder"])
def test_only_a_regular_file_is_read(world: World, kind: str) -> None:
    good = world.good()
    path = world.folder / "stick" / good.name
    path.parent.mkdir()
    if kind == "link":
        path.symlink_to(good)
        words = "a symbolic link"
    elif kind == "fifo":
        os.mkfifo(path)
        words = "a named pipe (FIFO)"
    else:
        path.mkdir()
        words = "a folder"
    with pytest.raises(BatchRejected) as caught:
        within(DEADLINE, lambda: world.verify(path), fifo=path if kind == "fifo" else None)
    assert caught.value.code == "not_a_batch" and words in str(caught.value)
    assert caught.value.file == path.name
