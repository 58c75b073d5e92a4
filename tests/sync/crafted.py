"""Hand-made `.sanad` ZIPs for the hostile-input tests, built byte by byte (zipfile would
normalize what they get wrong): any member, method or flag, sizes that lie, duplicates; and
streamed bodies far larger than memory (a payload of zeros made as it is sent)."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from app.db.migrate import head_revision
from app.sync.batch_file import Kind, Manifest, batch_id
from app.sync.keys import KeyPair

LOCAL = struct.Struct("<4s2B4HL2L2H")
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
END = struct.Struct("<4s4H2LH")
STORED, DEFLATED = 0, 8
MiB = 1024 * 1024


@dataclass(frozen=True)
class Part:
    """One member as it lies in the file: `data` as stored (compressed for DEFLATED)."""

    name: str
    data: bytes
    method: int = STORED
    size: int | None = None  # the declared uncompressed size (default: len(data))
    crc: int | None = None  # the declared CRC (default: of `data`)
    flags: int = 0

    @property
    def declared(self) -> int:
        return len(self.data) if self.size is None else self.size

    def local(self, data_size: int | None = None) -> bytes:
        """The local header (for `data_size` bytes of data, default len(data))."""
        stored = len(self.data) if data_size is None else data_size
        crc = zlib.crc32(self.data) if self.crc is None else self.crc
        name = self.name.encode()
        fields = (self.flags, self.method, 0, 0x21, crc, stored, self.declared, len(name), 0)
        return LOCAL.pack(b"PK\x03\x04", 20, 0, *fields) + name

    def central(self, offset: int, data_size: int | None = None) -> bytes:
        stored = len(self.data) if data_size is None else data_size
        crc = zlib.crc32(self.data) if self.crc is None else self.crc
        name = self.name.encode()
        fields = (self.flags, self.method, 0, 0x21, crc, stored, self.declared, len(name))
        return CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, *fields, 0, 0, 0, 0, 0, offset) + name


def end_record(entries: int, cd_size: int, cd_offset: int) -> bytes:
    return END.pack(b"PK\x05\x06", 0, 0, entries, entries, cd_size, cd_offset, 0)


def craft(parts: list[Part]) -> bytes:
    """A complete ZIP of these members, in this order, exactly as described."""
    out = bytearray()
    offsets = []
    for part in parts:
        offsets.append(len(out))
        out += part.local() + part.data
    directory = b"".join(p.central(o) for p, o in zip(parts, offsets, strict=True))
    return bytes(out + directory + end_record(len(parts), len(directory), len(out)))


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def deflate_bomb(size: int) -> Part:
    """`manifest.sig` as `size` zeros (a multiple of 1 MiB), deflated: about a thousandth of
    that on the wire. One MiB compressed then fully flushed is the same bytes every time, so
    the stream is that segment repeated (made in milliseconds)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = packer.compress(bytes(MiB)) + packer.flush(zlib.Z_FULL_FLUSH)
    return Part("manifest.sig", segment * (size // MiB) + packer.flush(), DEFLATED, size=size,
                crc=zeros_crc(size))  # fmt: skip


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def parts_of(path: Path) -> list[Part]:
    """A real batch's members as stored parts (to be re-packed wrongly)."""
    return [Part(name, data) for name, data in members(path).items()]


def manifest(source: str = "TRP01", *, payload_size: int, payload_sha256: str = "0" * 64,
             kind: Kind = Kind.UP, destination: str = "HQ") -> Manifest:  # fmt: skip
    return Manifest(
        format=1, schema=head_revision(), kind=kind, batch_id=batch_id(source, kind, 1, 1),
        source=source, replica="replica-1", destination=destination, seq_from=1, seq_to=1,
        ack_upto=0, prev_hash="0" * 64, counts={"beneficiaries": 1},
        content_sha256="0" * 64, payload_sha256=payload_sha256, payload_size=payload_size,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )  # fmt: skip


def signed(keys: KeyPair, document: Manifest) -> tuple[Part, Part]:
    raw = document.to_bytes()
    return Part("manifest.json", raw), Part("manifest.sig", keys.signing_key.sign(raw).signature)


def zeros_crc(size: int) -> int:
    block = bytes(MiB)
    crc = 0
    for start in range(0, size, MiB):
        crc = zlib.crc32(block[: min(MiB, size - start)], crc)
    return crc


class Streamed:
    """A ZIP made as it is sent (never held whole): `parts`, in order, except that the data
    of a member named in `zeros` is that many zero bytes. `forever`: zeros follow the last
    such member until the reader stops (and the rest never comes)."""

    def __init__(self, parts: list[Part], zeros: dict[str, int], *, forever: bool = False):
        self.parts = [
            replace(p, data=b"", size=zeros[p.name], crc=zeros_crc(zeros[p.name]))
            if p.name in zeros else p
            for p in parts
        ]  # fmt: skip
        self.zeros = zeros
        self.forever = forever

    @classmethod
    def batch(cls, keys: KeyPair, payload_size: int, *, forever: bool = False) -> Streamed:
        """A batch of `payload_size` zeros whose manifest `keys` signed (claiming TRP01)."""
        head, sig = signed(keys, manifest(payload_size=payload_size))
        return cls([head, sig, Part("payload", b"")], {"payload": payload_size}, forever=forever)

    def _size(self, part: Part) -> int | None:
        return self.zeros.get(part.name)

    def _directory(self) -> bytes:
        directory = bytearray()
        offset = 0
        for part in self.parts:
            size = self._size(part)
            directory += part.central(offset, size)
            offset += len(part.local(size)) + (len(part.data) if size is None else size)
        return bytes(directory) + end_record(len(self.parts), len(directory), offset)

    @property
    def length(self) -> int:
        return len(self._directory()) + sum(
            len(p.local(self._size(p))) + len(p.data) + (self._size(p) or 0) for p in self.parts
        )

    def __iter__(self) -> Iterator[bytes]:
        block = bytes(MiB)
        for part in self.parts:
            size = self._size(part)
            yield part.local(size) + part.data
            for start in range(0, size or 0, MiB):
                yield block[: min(MiB, (size or 0) - start)]
            while self.forever and size is not None:
                yield block
        yield self._directory()


def with_part(parts: list[Part], name: str, **change: object) -> list[Part]:
    return [replace(p, **change) if p.name == name else p for p in parts]  # type: ignore[arg-type]
