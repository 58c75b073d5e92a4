"""The `.sanad` ZIP layout, read strictly and within fixed bounds (docs/sync-protocol.md).

`write_batch` makes every batch with Python's zipfile the same way: three members, stored (no
compression, no encryption, no data descriptor, no extra field, no comment), in this order:

    offset 0   local header "manifest.json", then the manifest (at most 64 KiB)
               local header "manifest.sig", then the signature (64 bytes)
               local header "payload", then the payload
               central directory: the same three entries, pointing at those headers
               end record: three entries, no comment

A batch's *head* (its three local headers, the manifest and the signature) thus comes first
and is at most HEAD_MAX bytes: `parse_head` reads it from the first bytes of a file or of an
upload still arriving, so the manifest's signature is checked before the payload is accepted;
`check_tail` then checks the central directory and the end record against the head. Any other
layout — another member, a duplicate, another order, compression, encryption, a size over its
limit — is refused before a byte of the member is read. Nothing here knows what the manifest
says: `app.sync.batch_file` checks that.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO

MEMBERS = ("manifest.json", "manifest.sig", "payload")
MAX_MANIFEST = 64 * 1024
SIGNATURE_SIZE = 64  # Ed25519
MAX_NAME = 64  # a longer member name is refused before it is read

LOCAL = struct.Struct("<4s2B4HL2L2H")  # signature … crc, sizes, name and extra lengths
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
END = struct.Struct("<4s4H2LH")
LOCAL_SIG = b"PK\x03\x04"
CENTRAL_SIG = b"PK\x01\x02"
END_SIG = b"PK\x05\x06"
MAX_VERSION = 45  # the most a stored member needs (ZIP64); zipfile writes 2.0
UTF8_NAMES = 0x800  # the only flag a member may carry
ENCRYPTED = 0x1
HEAD_MAX = 3 * (LOCAL.size + MAX_NAME) + MAX_MANIFEST + SIGNATURE_SIZE
TAIL_SIZE = sum(CENTRAL.size + len(name) for name in MEMBERS) + END.size
_CHUNK = 1024 * 1024

# Codes (the values of app.sync.batch_file.RejectCode) a layout defect is refused with.
NOT_A_BATCH = "not_a_batch"
TRUNCATED = "truncated"
MANIFEST = "manifest"


class LayoutError(Exception):
    """The bytes are not a batch laid out as `write_batch` lays it out."""

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    header_offset: int
    data_offset: int
    size: int
    crc: int
    flags: int


@dataclass(frozen=True, slots=True)
class Head:
    """The first part of a batch: enough to check its signature before reading on."""

    manifest: bytes
    signature: bytes
    members: tuple[Member, ...]

    @property
    def payload(self) -> Member:
        return self.members[2]

    @property
    def length(self) -> int:
        """Bytes from the start of the file to the first byte of the payload."""
        return self.payload.data_offset

    @property
    def total_size(self) -> int:
        """The size of the whole file the head announces."""
        return self.payload.data_offset + self.payload.size + TAIL_SIZE


def parse_head(data: bytes | bytearray) -> Head | int:
    """The head from the first bytes of a batch, or while they are not enough, how many bytes
    it needs to go on (never more than HEAD_MAX; never a byte of payload). Raises LayoutError
    as soon as the bytes seen cannot be a batch."""
    pos = 0
    members: list[Member] = []
    blobs: list[bytes] = []
    for index, name in enumerate(MEMBERS):
        fixed = data[pos : pos + LOCAL.size]
        if fixed[:4] != LOCAL_SIG[: len(fixed[:4])]:
            raise _no_header(index, fixed, name)
        if len(fixed) < LOCAL.size:
            return pos + LOCAL.size
        _sig, version, _r, flags, method, _t, _d, crc, csize, size, nlen, elen = LOCAL.unpack(fixed)
        if nlen > MAX_NAME:
            raise LayoutError(NOT_A_BATCH, f"unexpected member where {name} belongs")
        start: int = pos + LOCAL.size + nlen
        if len(data) < start:
            return start
        found = data[pos + LOCAL.size : start].decode("utf-8", "replace")
        if found != name:
            raise LayoutError(NOT_A_BATCH, _misplaced(found, name, MEMBERS[:index]))
        _check_member(name, version, flags, method, csize, size, elen)
        members.append(Member(name, pos, start, size, crc, flags))
        if name == "payload":
            break
        end: int = start + size
        if len(data) < end:
            return end
        blob = bytes(data[start:end])
        if zlib.crc32(blob) != crc:
            raise LayoutError(TRUNCATED, f"{name} is damaged (its checksum differs)")
        blobs.append(blob)
        pos = end
    return Head(blobs[0], blobs[1], tuple(members))


def incomplete(data: bytes | bytearray) -> LayoutError:
    """Why bytes that end before the head is complete are refused."""
    if data[:4] == LOCAL_SIG:
        return LayoutError(TRUNCATED, "the file ends early")
    return LayoutError(NOT_A_BATCH, "not a ZIP file")


def read_head(f: BinaryIO) -> Head:
    """The head of the file open as `f` (at its start), read to its last byte and no further."""
    data = b""
    while isinstance(head := parse_head(data), int):
        more = f.read(head - len(data))
        if not more:
            raise incomplete(data)
        data += more
    return head


def check_tail(f: BinaryIO, file_size: int, head: Head) -> None:
    """The central directory and the end record of the file `f`: exactly the head's three
    members, pointing at their headers, and nothing before, between or after them."""
    if file_size < head.length + END.size:
        raise LayoutError(TRUNCATED, "the file ends early")
    f.seek(file_size - END.size)
    end = f.read(END.size)
    if len(end) < END.size or end[:4] != END_SIG:
        detail = "the file ends early" if file_size < head.total_size else "no end record"
        raise LayoutError(TRUNCATED, detail)
    _sig, disk, cd_disk, on_disk, entries, cd_size, cd_offset, comment = END.unpack(end)
    if (disk, cd_disk) != (0, 0) or on_disk != entries:
        raise LayoutError(NOT_A_BATCH, "a multi-part archive")
    if entries != len(MEMBERS):
        raise LayoutError(NOT_A_BATCH, f"{entries} members; a batch has exactly 3")
    if file_size != head.total_size:
        detail = "the file ends early" if file_size < head.total_size else "unexpected bytes"
        raise LayoutError(TRUNCATED, detail)
    if comment or cd_size != TAIL_SIZE - END.size or cd_offset != head.total_size - TAIL_SIZE:
        raise LayoutError(TRUNCATED, "the end record does not match the members")
    f.seek(cd_offset)
    directory = f.read(cd_size)
    pos = 0
    for member in head.members:
        if len(directory) < pos + CENTRAL.size:
            raise LayoutError(TRUNCATED, "the file ends early")
        fields = CENTRAL.unpack_from(directory, pos)
        sig, version, flags, method, crc, csize, size = (
            fields[0], fields[3], *fields[5:7], *fields[9:12]
        )  # fmt: skip
        nlen, elen, clen, disk_start, offset = (*fields[12:16], fields[18])
        name = directory[pos + CENTRAL.size : pos + CENTRAL.size + nlen]
        expected = (CENTRAL_SIG, member.flags, 0, member.crc, member.size, member.size)
        if (sig, flags, method, crc, csize, size) != expected or (
            name != member.name.encode()
            or (elen, clen, disk_start) != (0, 0, 0)
            or version > MAX_VERSION
        ):
            raise LayoutError(TRUNCATED, f"the directory entry of {member.name} is damaged")
        if offset != member.header_offset:
            raise LayoutError(TRUNCATED, f"the directory points {member.name} elsewhere")
        pos += CENTRAL.size + nlen


def payload_sha256(f: BinaryIO, member: Member) -> str:
    """The payload's sha256, read in chunks (never whole in memory)."""
    digest = hashlib.sha256()
    f.seek(member.data_offset)
    left = member.size
    while left:
        chunk = f.read(min(_CHUNK, left))
        if not chunk:
            raise LayoutError(TRUNCATED, "the file ends early")
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()


def read_payload(f: BinaryIO, member: Member) -> bytes:
    """The payload's bytes (only once every check passed: decrypting needs them whole)."""
    f.seek(member.data_offset)
    data = f.read(member.size)
    if len(data) != member.size:
        raise LayoutError(TRUNCATED, "the file ends early")
    return data


def _check_member(
    name: str, version: int, flags: int, method: int, csize: int, size: int, extra: int
) -> None:
    if version > MAX_VERSION:
        raise LayoutError(NOT_A_BATCH, f"{name} needs ZIP version {version / 10:.1f}")
    if method != 0:
        raise LayoutError(NOT_A_BATCH, f"{name} is compressed (method {method}), not stored")
    if flags & ENCRYPTED:
        raise LayoutError(NOT_A_BATCH, f"{name} is encrypted")
    if flags & ~UTF8_NAMES:
        raise LayoutError(NOT_A_BATCH, f"{name} has unexpected flags ({flags:#06x})")
    if extra:
        raise LayoutError(NOT_A_BATCH, f"{name} has an extra field")
    if csize != size:
        raise LayoutError(NOT_A_BATCH, f"{name}: stored and declared sizes differ")
    if name == "manifest.json" and size > MAX_MANIFEST:
        raise LayoutError(MANIFEST, f"{size} bytes, at most {MAX_MANIFEST}")
    if name == "manifest.sig" and size != SIGNATURE_SIZE:
        raise LayoutError(MANIFEST, f"a signature of {size} bytes, not {SIGNATURE_SIZE}")


def _no_header(index: int, fixed: bytes | bytearray, name: str) -> LayoutError:
    if index == 0:
        return LayoutError(NOT_A_BATCH, "not a ZIP file")
    if fixed[:4] == CENTRAL_SIG[: len(fixed[:4])]:
        return LayoutError(NOT_A_BATCH, f"no {name} member")
    return LayoutError(TRUNCATED, f"no member header where {name} belongs")


def _misplaced(found: str, name: str, before: tuple[str, ...]) -> str:
    if found in before:
        return f"a duplicate {found} member"
    if found in MEMBERS:
        return f"{found} where {name} belongs (members out of order)"
    return f"an unexpected member {found[:MAX_NAME]!r}"
