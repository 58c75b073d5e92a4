"""A verified batch's change lines, read chunk by chunk (how HQ applies a large batch).

`open_stream` reads the payload, checks its hash again (the file may have changed since it was
verified) and decrypts it: the signed payload hash and the box's authentication stand behind
every byte from then on. Iterating the stream decompresses it a block at a time and yields the
parsed lines `CHUNK_LINES` at a time, each chunk's sequence numbers checked as they come; the
content hash, the expansion limit and the whole sequence are checked once the last line is
read, before the iteration ends. The caller applies the chunks inside ONE database transaction
and commits only once the iteration has finished: a batch found wrong at its end (or a process
killed half way) leaves nothing applied.

Only the decrypted, compressed payload and one chunk of parsed lines are held at a time: the
memory an apply needs no longer grows with the parsed batch. A stream can be iterated again
(the careful re-apply after a value the database refused): it starts over from the payload.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
import zstandard
from nacl.exceptions import CryptoError
from nacl.public import SealedBox

from app.sync.batch_file import MAX_EXPANSION, BatchRejected, RejectCode, VerifiedBatch
from app.sync.change_digest import digests
from app.sync.keys import KeyPair
from app.sync.value_rules import may_hold_control

CHUNK_LINES = 50_000  # change lines applied at a time
_BLOCK = 4 << 20  # decompressed bytes read at a time


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive change lines of a batch; `plain_text`: none of them may hold a control
    character (their raw bytes were scanned: app/sync/value_rules.py)."""

    lines: list[dict[str, Any]]
    plain_text: bool


class ChangeStream:
    """The change lines of one verified batch, chunk by chunk (see the module's text)."""

    def __init__(self, batch: VerifiedBatch, compressed: bytes, chunk_lines: int) -> None:
        self.batch = batch
        self._compressed = compressed
        self.chunk_lines = max(1, chunk_lines)
        self._digests: bytes | None = None

    @property
    def digests(self) -> bytes:
        """`change_digest.digests` of every line: known once the stream was read to its end."""
        if self._digests is None:
            raise RuntimeError("the batch has not been read to its end")
        return self._digests

    def check(self) -> None:
        """Read the whole batch, keeping nothing but its digests (a batch not applied now)."""
        for _chunk in self:
            pass

    def __iter__(self) -> Iterator[Chunk]:
        manifest, name = self.batch.manifest, self.batch.path.name
        limit = max(len(self._compressed) * MAX_EXPANSION, 1 << 20)
        content_hash = hashlib.sha256()
        seen = 0
        expected = manifest.seq_from
        parts: list[bytes] = []
        raw: list[bytes] = []
        rest = b""
        try:
            reader = zstandard.ZstdDecompressor().stream_reader(self._compressed)
            while True:
                block = reader.read(_BLOCK)
                seen += len(block)
                if seen > limit:
                    raise BatchRejected(RejectCode.CONTENT, "expands beyond its limit", name)
                content_hash.update(block)
                if not block:
                    raw.extend(rest.splitlines())
                    rest = b""
                else:
                    cut = block.rfind(b"\n") + 1
                    if cut == 0:  # no line ends in this block (a very long line)
                        rest += block
                        continue
                    # Cut just after a newline: the lines split alike on either side of it.
                    raw.extend((rest + block[:cut]).splitlines())
                    rest = block[cut:]
                while len(raw) >= self.chunk_lines or (raw and not block):
                    taken, raw = raw[: self.chunk_lines], raw[self.chunk_lines :]
                    parts.append(digests(taken))
                    plain = not may_hold_control(b"\n".join(taken))
                    # Not kept here once yielded: one chunk's parsed lines alive at a time.
                    yield Chunk(self._parse(taken, expected), plain)
                    expected += len(taken)
                if not block:
                    break
        except zstandard.ZstdError:
            raise BatchRejected(RejectCode.CONTENT, "cannot decompress", name) from None
        if content_hash.hexdigest() != manifest.content_sha256:
            raise BatchRejected(RejectCode.CONTENT, "content hash", name)
        if expected != max(manifest.seq_to + 1, manifest.seq_from):
            raise BatchRejected(RejectCode.CONTENT, "sequence numbers do not match", name)
        self._digests = b"".join(parts)

    def _parse(self, raw: list[bytes], first: int) -> list[dict[str, Any]]:
        name = self.batch.path.name
        try:
            lines = [orjson.loads(line) for line in raw]
        except orjson.JSONDecodeError:
            raise BatchRejected(RejectCode.CONTENT, "malformed change line", name) from None
        seqs = [line.get("seq") if isinstance(line, dict) else None for line in lines]
        if first + len(lines) > self.batch.manifest.seq_to + 1 or seqs != list(
            range(first, first + len(lines))
        ):
            raise BatchRejected(RejectCode.CONTENT, "sequence numbers do not match", name)
        return lines


def open_stream(
    batch: VerifiedBatch, receiver: KeyPair, chunk_lines: int | None = None
) -> ChangeStream:
    """Read, check again and decrypt the batch's payload; its lines come when iterated."""
    payload = batch._payload()  # the payload, checked again
    try:
        compressed = SealedBox(receiver.box_private).decrypt(payload)
    except CryptoError:
        raise BatchRejected(RejectCode.PAYLOAD, "cannot decrypt", batch.path.name) from None
    del payload
    return ChangeStream(batch, compressed, CHUNK_LINES if chunk_lines is None else chunk_lines)
