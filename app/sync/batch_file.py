"""The `.sanad` batch file: write it atomically, verify it completely before reading a change.

See docs/sync-protocol.md. The same bytes travel over HTTP and on a USB stick.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson
import zstandard
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import SealedBox

from app.sync import batch_zip
from app.sync.batch_zip import MAX_MANIFEST, MEMBERS, Head, LayoutError
from app.sync.change_digest import digests
from app.sync.keys import KeyPair, PublicIdentity
from app.sync.payload_stream import compress_and_hash
from app.sync.safe_files import NotRegularFile, atomic_file, open_regular
from app.sync.value_rules import may_hold_control

__all__ = [
    "FORMAT", "MAX_EXPANSION", "MAX_MANIFEST", "MAX_PAYLOAD", "MEMBERS", "SUFFIX", "ZERO_HASH",
    "BatchRejected", "Header", "Kind", "Manifest", "RejectCode", "SenderStatus",
    "VerifiedBatch", "batch_id", "check_envelope", "check_payload_size", "disk_needed",
    "encode_lines", "file_name", "verify_batch", "write_batch",
]  # fmt: skip

FORMAT = 1
MAX_PAYLOAD = 1024 * 1024 * 1024
MAX_EXPANSION = 200  # plaintext may be at most this many times the compressed payload
ZERO_HASH = "0" * 64
SUFFIX = ".sanad"
_NAMESPACE = uuid.UUID("5b0d2c1e-8f8e-4d6a-9c1a-53616e616431")


class Kind(StrEnum):
    UP = "up"
    DOWN = "down"


class RejectCode(StrEnum):
    NOT_A_BATCH = "not_a_batch"
    TRUNCATED = "truncated"
    MANIFEST = "manifest"
    FORMAT = "format"
    SCHEMA_NEWER = "schema_newer"
    UNKNOWN_SENDER = "unknown_sender"
    REVOKED = "revoked"
    BAD_SIGNATURE = "bad_signature"
    WRONG_DESTINATION = "wrong_destination"
    PAYLOAD = "payload"
    DISK_FULL = "disk_full"
    CONTENT = "content"
    FORK = "fork"


_REASONS = {
    RejectCode.NOT_A_BATCH: "not a Sanad batch file",
    RejectCode.TRUNCATED: "the file is truncated or damaged",
    RejectCode.MANIFEST: "the manifest is missing or malformed",
    RejectCode.FORMAT: "unsupported batch format",
    RejectCode.SCHEMA_NEWER: "made by a newer version of Sanad: upgrade this side first",
    RejectCode.UNKNOWN_SENDER: "the sender is not enrolled here",
    RejectCode.REVOKED: "the sender's enrollment was revoked",
    RejectCode.BAD_SIGNATURE: "the signature does not verify (forged or altered)",
    RejectCode.WRONG_DESTINATION: "the batch is addressed to someone else",
    RejectCode.PAYLOAD: "the payload does not match its manifest (altered or damaged)",
    RejectCode.DISK_FULL: "not enough free disk space to apply it",
    RejectCode.CONTENT: "the decrypted content is inconsistent",
    RejectCode.FORK: "it does not continue the sender's chain of batches",
}


class BatchRejected(Exception):
    """A batch that failed verification: nothing of it was applied."""

    def __init__(self, code: RejectCode, detail: str = "", file: str = "") -> None:
        self.code = code
        self.detail = detail
        self.file = file
        text = _REASONS[code] + (f" ({detail})" if detail else "")
        super().__init__(f"{file}: {text}" if file else text)


@dataclass(frozen=True, slots=True)
class Manifest:
    format: int
    schema: str
    kind: Kind
    batch_id: str
    source: str
    replica: str
    destination: str
    seq_from: int
    seq_to: int
    ack_upto: int
    prev_hash: str
    counts: dict[str, int]
    content_sha256: str
    payload_sha256: str
    payload_size: int
    created_at: str

    def to_bytes(self) -> bytes:
        data = {f: getattr(self, f) for f in self.__dataclass_fields__}
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)

    @classmethod
    def parse(cls, raw: bytes) -> Manifest:
        try:
            data = orjson.loads(raw)
            expect: dict[str, type | tuple[type, ...]] = {
                "format": int, "schema": str, "kind": str, "batch_id": str, "source": str,
                "replica": str, "destination": str, "seq_from": int, "seq_to": int,
                "ack_upto": int, "prev_hash": str, "counts": dict, "content_sha256": str,
                "payload_sha256": str, "payload_size": int, "created_at": str,
            }  # fmt: skip
            if not isinstance(data, dict) or set(data) != set(expect):
                raise ValueError("fields")
            for name, typ in expect.items():
                if not isinstance(data[name], typ) or isinstance(data[name], bool):
                    raise ValueError(name)
            if (
                not 0 <= data["seq_from"] <= data["seq_to"] + 1 or data["ack_upto"] < 0
            ):  # empty: to=from-1
                raise ValueError("sequence")
            if not all(isinstance(v, int) for v in data["counts"].values()):
                raise ValueError("counts")
            data["kind"] = Kind(data["kind"])
            return cls(**data)
        except (orjson.JSONDecodeError, ValueError, TypeError) as err:
            raise BatchRejected(RejectCode.MANIFEST, str(err)) from None


def batch_id(source: str, kind: Kind, seq_from: int, seq_to: int) -> str:
    """The same range from the same source always has the same id (re-sends are recognized)."""
    return str(uuid.uuid5(_NAMESPACE, f"{source}/{kind.value}/{seq_from}-{seq_to}"))


def file_name(source: str, kind: Kind, seq_from: int, seq_to: int) -> str:
    return f"{source}-{kind.value}-{seq_from:012d}-{seq_to:012d}{SUFFIX}"


@dataclass(frozen=True, slots=True)
class Header:
    """What the sender decides about a batch; the file fills in hashes and sizes."""

    kind: Kind
    schema: str
    source: str
    replica: str
    destination: str
    seq_from: int
    seq_to: int
    ack_upto: int
    prev_hash: str


def encode_lines(lines: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    for line in lines:
        yield orjson.dumps(line) + b"\n"


def write_batch(
    folder: Path,
    header: Header,
    lines: Iterable[bytes],
    counts: dict[str, int],
    sender: KeyPair,
    receiver: PublicIdentity,
    *,
    level: int = 3,
) -> tuple[Path, Manifest]:
    """Compress, encrypt, sign and write atomically (app.sync.safe_files.atomic_file).
    `lines` may come a line or many lines at a time: only their concatenation counts."""
    compressed, content_sha256 = compress_and_hash(lines, level=level)
    payload = SealedBox(receiver.box_key()).encrypt(compressed)
    del compressed
    manifest = Manifest(
        format=FORMAT,
        schema=header.schema,
        kind=header.kind,
        batch_id=batch_id(header.source, header.kind, header.seq_from, header.seq_to),
        source=header.source,
        replica=header.replica,
        destination=header.destination,
        seq_from=header.seq_from,
        seq_to=header.seq_to,
        ack_upto=header.ack_upto,
        prev_hash=header.prev_hash,
        counts=dict(counts),
        content_sha256=content_sha256,
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        payload_size=len(payload),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    raw = manifest.to_bytes()
    signature = sender.signing_key.sign(raw).signature
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(header.source, header.kind, header.seq_from, header.seq_to)
    # The members in this order, stored: the layout app.sync.batch_zip reads (head first).
    with atomic_file(path) as out, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in zip(MEMBERS, (raw, signature, payload), strict=True):
            archive.writestr(name, data)
    return path, manifest


@dataclass(frozen=True, slots=True)
class SenderStatus:
    identity: PublicIdentity
    revoked: bool


DISK_FACTOR = 16  # free disk needed per payload byte: the file, its content, the database


def disk_needed(payload_size: int) -> int:
    return DISK_FACTOR * payload_size


@dataclass(frozen=True, slots=True)
class Changes:
    """A batch's content, read: its lines, one digest per line, and whether any line may
    hold a control character (False: none does, the merge need not look line by line)."""

    lines: list[dict[str, Any]]
    digests: bytes
    may_hold_control: bool = True


@dataclass(frozen=True, slots=True)
class VerifiedBatch:
    """A batch whose envelope checked out. It holds no payload: `changes()` and
    `read_changes()` read it from the file (its hash checked again), decrypt and check it."""

    path: Path
    manifest: Manifest
    payload_offset: int

    def changes(self, receiver: KeyPair) -> list[dict[str, Any]]:
        """The parsed change lines, in sequence order."""
        return self._lines(self._content(receiver))[0]

    def read_changes(self, receiver: KeyPair) -> tuple[list[dict[str, Any]], bytes]:
        """The parsed change lines and `change_digest.digests` of their raw bytes (how a
        change is recognized without its sequence number)."""
        read = self.read(receiver)
        return read.lines, read.digests

    def read(self, receiver: KeyPair) -> Changes:
        """The parsed change lines, their digests, and whether any may hold a control
        character (one scan of the raw content: app/sync/value_rules.py)."""
        content = self._content(receiver)
        lines, raw = self._lines(content)
        return Changes(lines, digests(raw), may_hold_control(content))

    def _payload(self) -> bytes:
        """The payload, read only now (a SealedBox opens in one piece) and checked again: the
        file may have been replaced since it was verified."""
        name = self.path.name
        member = batch_zip.Member(
            "payload", 0, self.payload_offset, self.manifest.payload_size, 0, 0
        )
        try:
            with open_regular(self.path) as f:
                payload = batch_zip.read_payload(f, member)
        except LayoutError as err:
            raise BatchRejected(RejectCode(err.code), err.detail, name) from None
        except OSError as err:
            raise BatchRejected(RejectCode.TRUNCATED, str(err), name) from None
        if hashlib.sha256(payload).hexdigest() != self.manifest.payload_sha256:
            raise BatchRejected(RejectCode.PAYLOAD, "changed since it was verified", name)
        return payload

    def _content(self, receiver: KeyPair) -> bytes:
        name = self.path.name
        try:
            compressed = SealedBox(receiver.box_private).decrypt(self._payload())
        except CryptoError:
            raise BatchRejected(RejectCode.PAYLOAD, "cannot decrypt", name) from None
        limit = max(len(compressed) * MAX_EXPANSION, 1 << 20)
        try:
            reader = zstandard.ZstdDecompressor().stream_reader(compressed)
            content = reader.read(limit + 1)
        except zstandard.ZstdError:
            raise BatchRejected(RejectCode.CONTENT, "cannot decompress", name) from None
        if len(content) > limit:
            raise BatchRejected(RejectCode.CONTENT, "expands beyond its limit", name)
        if hashlib.sha256(content).hexdigest() != self.manifest.content_sha256:
            raise BatchRejected(RejectCode.CONTENT, "content hash", name)
        return content

    def _lines(self, content: bytes) -> tuple[list[dict[str, Any]], list[bytes]]:
        name = self.path.name
        raw = content.splitlines()
        try:
            lines = [orjson.loads(line) for line in raw]
        except orjson.JSONDecodeError:
            raise BatchRejected(RejectCode.CONTENT, "malformed change line", name) from None
        seqs = [line.get("seq") if isinstance(line, dict) else None for line in lines]
        expected = list(range(self.manifest.seq_from, self.manifest.seq_to + 1))
        if seqs != expected:
            raise BatchRejected(RejectCode.CONTENT, "sequence numbers do not match", name)
        return lines, raw


SenderLookup = Callable[[str], SenderStatus | None]


def check_envelope(
    raw: bytes, signature: bytes, *, me: str, sender_status: SenderLookup,
    schema_known: Callable[[str], bool], name: str = "",
) -> Manifest:  # fmt: skip
    """Steps 2-5 of the protocol's verification: the manifest, its format and schema, its
    sender (enrolled, not revoked) and signature, its destination. Raises BatchRejected."""
    try:
        manifest = Manifest.parse(raw)
    except BatchRejected as err:
        raise BatchRejected(err.code, err.detail, name) from None
    if manifest.format != FORMAT:
        raise BatchRejected(RejectCode.FORMAT, str(manifest.format), name)
    if not schema_known(manifest.schema):
        raise BatchRejected(RejectCode.SCHEMA_NEWER, manifest.schema, name)
    status = sender_status(manifest.source)
    if status is None:
        raise BatchRejected(RejectCode.UNKNOWN_SENDER, manifest.source, name)
    try:
        status.identity.verify_key().verify(raw, signature)
    except (BadSignatureError, ValueError):
        raise BatchRejected(RejectCode.BAD_SIGNATURE, "", name) from None
    if status.revoked:
        raise BatchRejected(RejectCode.REVOKED, manifest.source, name)
    if manifest.destination != me:
        raise BatchRejected(RejectCode.WRONG_DESTINATION, manifest.destination, name)
    return manifest


def check_payload_size(head: Head, manifest: Manifest, name: str = "") -> None:
    """The payload member is the size the signed manifest says (checked before reading it)."""
    if head.payload.size != manifest.payload_size:
        raise BatchRejected(RejectCode.PAYLOAD, "its size differs from the manifest's", name)


def verify_batch(
    path: Path,
    *,
    me: str,
    sender_status: SenderLookup,
    schema_known: Callable[[str], bool],
) -> VerifiedBatch:
    """Every check that needs no private key, cheapest first; the payload is read (streamed,
    for its hash) only once the manifest's signature checked out. Raises BatchRejected."""
    name = path.name
    try:
        with open_regular(path) as f:
            size = os.fstat(f.fileno()).st_size
            head = batch_zip.read_head(f)
            if head.payload.size > min(MAX_PAYLOAD, size):
                raise LayoutError(batch_zip.TRUNCATED, "payload larger than the file")
            manifest = check_envelope(
                head.manifest, head.signature, me=me, sender_status=sender_status,
                schema_known=schema_known, name=name,
            )  # fmt: skip
            check_payload_size(head, manifest, name)
            batch_zip.check_tail(f, size, head)
            if batch_zip.payload_sha256(f, head.payload) != manifest.payload_sha256:
                raise BatchRejected(RejectCode.PAYLOAD, "", name)
    except NotRegularFile as err:
        raise BatchRejected(RejectCode.NOT_A_BATCH, err.reason, name) from None
    except FileNotFoundError:
        raise BatchRejected(RejectCode.NOT_A_BATCH, "no such file", name) from None
    except LayoutError as err:
        raise BatchRejected(RejectCode(err.code), err.detail, name) from None
    except OSError as err:  # unreadable (a failing stick): damaged as far as we can tell
        raise BatchRejected(RejectCode.TRUNCATED, str(err), name) from None
    free = shutil.disk_usage(path.parent).free
    if free < disk_needed(manifest.payload_size):
        raise BatchRejected(RejectCode.DISK_FULL, f"{free} bytes free", name)
    return VerifiedBatch(path, manifest, head.payload.data_offset)
