"""Receiving an up-batch over HTTP: cheap, bounded checks before anything is trusted.

A branch's upload is unauthenticated until its manifest's signature checks out, so:

- at most `unverified` uploads at once may be waiting for their head (503 `busy` beyond);
- the head comes first in every batch (app.sync.batch_zip: the local headers, the manifest
  and its signature, at most HEAD_MAX bytes). It is parsed as soon as it has arrived, and the
  manifest verified — enrolled sender, signature, not revoked, addressed to HQ, an up-batch —
  before one more byte is read; a refusal is answered at once and the connection closed;
- at most `per_branch` uploads of one (verified) branch at once (503 `busy` beyond: the branch
  retries 5xx answers with backoff);
- the rest of the body is written to a file in HQ's tmp folder, and only up to the size the
  signed head announces (413 beyond), once the disk has room for it (507 otherwise);
- no data for `timeout` seconds, or a head that has not arrived after that long, drops the
  request (408).

The file is then imported by the same code as a USB file (`HqService.receive_file`), which
verifies it completely again.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass, replace
from typing import Any

from fastapi.concurrency import run_in_threadpool

from app.hq.home import HQ_PARTY
from app.hq.results import FileResult
from app.hq.service import HqService, known_revisions
from app.sync.batch_file import (
    MAX_MANIFEST,
    MAX_PAYLOAD,
    BatchRejected,
    Kind,
    Manifest,
    RejectCode,
    check_envelope,
    check_payload_size,
    disk_needed,
)
from app.sync.batch_zip import HEAD_MAX, Head, LayoutError, incomplete, parse_head
from app.sync.safe_files import create_new

MAX_BODY = MAX_PAYLOAD + MAX_MANIFEST + 64 * 1024  # the largest valid batch file and its ZIP
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
_CONFIG = {  # HQ's config.json keys (app.hq.home) for the limits
    "upload_max_body": "max_body",
    "upload_timeout": "timeout",
    "uploads_per_branch": "per_branch",
    "uploads_unverified": "unverified",
}


@dataclass(frozen=True, slots=True)
class UploadLimits:
    max_body: int = MAX_BODY  # bytes
    timeout: float = 30.0  # seconds without data before a request is dropped
    per_branch: int = 2  # uploads of one branch at once
    unverified: int = 32  # uploads at once whose manifest is not verified yet

    @classmethod
    def from_config(cls, config: Mapping[str, Any], **given: float | None) -> UploadLimits:
        """The limits set in HQ's config.json, overridden by those `given` (not None)."""
        values: dict[str, Any] = {}
        for key, field in _CONFIG.items():
            if key in config:
                values[field] = config[key]
        values.update({k: v for k, v in given.items() if v is not None})
        limits = replace(cls(), **values)
        for field in _CONFIG.values():
            value = getattr(limits, field)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"the upload limit {field} must be a positive number: {value!r}")
        return limits


class Refused(Exception):
    """An upload refused before it reached the batch checks (HTTP status, code, reason)."""

    def __init__(self, status: int, code: str, reason: str, retry_after: int = 0) -> None:
        self.status = status
        self.code = code
        self.reason = reason
        self.retry_after = retry_after
        super().__init__(f"{status} {code}: {reason}")


class BodyReader:
    """The request body, chunk by chunk, each awaited at most `timeout` seconds."""

    def __init__(self, receive: Receive, timeout: float) -> None:
        self._receive = receive
        self._timeout = timeout
        self._done = False

    async def next(self, deadline: float | None = None) -> bytes | None:
        """The next chunk, None at the end of the body."""
        loop = asyncio.get_running_loop()
        while not self._done:
            wait = self._timeout if deadline is None else min(self._timeout, deadline - loop.time())
            try:
                if wait <= 0:
                    raise TimeoutError
                message = await asyncio.wait_for(self._receive(), wait)
            except TimeoutError:
                raise Refused(
                    408, "timeout", f"the upload stalled (no data for {self._timeout:g} s)"
                ) from None
            if message["type"] == "http.disconnect":
                raise Refused(400, "disconnected", "the upload was interrupted")
            self._done = not message.get("more_body", False)
            body = bytes(message.get("body", b""))
            if body:
                return body
        return None


class Uploads:
    """Receives uploads for `service` within `limits` (all on the event loop's thread: the
    counts need no lock)."""

    def __init__(self, service: HqService, limits: UploadLimits) -> None:
        self.service = service
        self.limits = limits
        self._schemas = known_revisions()
        self._unverified = 0
        self._branches: Counter[str] = Counter()

    async def receive(self, receive: Receive, declared: int | None) -> FileResult:
        """One upload, from its first byte to HQ's answer. Raises Refused or BatchRejected."""
        limits = self.limits
        if declared is not None and declared > limits.max_body:
            raise Refused(413, "too_large", f"a batch is at most {limits.max_body} bytes")
        if self._unverified >= limits.unverified:
            raise Refused(503, "busy", "too many uploads are starting at once", retry_after=1)
        reader = BodyReader(receive, limits.timeout)
        self._unverified += 1
        try:
            start, head = await self._read_head(reader)
            if head.total_size > limits.max_body or (declared or 0) > head.total_size:
                raise Refused(413, "too_large", f"more bytes than the batch announces "
                              f"({head.total_size}; at most {limits.max_body})")  # fmt: skip
            manifest = await run_in_threadpool(self._check_head, head)
        finally:
            self._unverified -= 1
        branch = manifest.source
        if self._branches[branch] >= limits.per_branch:
            reason = f"{branch} already has {self._branches[branch]} uploads under way"
            raise Refused(503, "busy", reason, retry_after=2)
        self._branches[branch] += 1
        try:
            return await self._receive_rest(reader, start, head, manifest)
        finally:
            self._branches[branch] -= 1
            if not self._branches[branch]:
                del self._branches[branch]

    async def _read_head(self, reader: BodyReader) -> tuple[bytearray, Head]:
        """The first bytes, up to a complete head (and whatever came with them)."""
        deadline = asyncio.get_running_loop().time() + self.limits.timeout
        data = bytearray()
        while True:
            chunk = await reader.next(deadline)
            if chunk is not None:
                data += chunk
            try:
                head = parse_head(data)
                if isinstance(head, int) and (chunk is None or len(data) > HEAD_MAX):
                    raise incomplete(data)
            except LayoutError as err:
                raise BatchRejected(RejectCode(err.code), err.detail) from None
            if not isinstance(head, int):
                return data, head

    def _check_head(self, head: Head) -> Manifest:
        """The signed manifest: who sent it, to whom, what (runs in a worker thread)."""
        manifest = check_envelope(
            head.manifest, head.signature, me=HQ_PARTY,
            sender_status=self.service._sender_status, schema_known=self._schemas.__contains__,
        )  # fmt: skip
        if manifest.kind is not Kind.UP:
            raise BatchRejected(RejectCode.MANIFEST, "not a branch's batch")
        check_payload_size(head, manifest)
        return manifest

    async def _receive_rest(
        self, reader: BodyReader, start: bytearray, head: Head, manifest: Manifest
    ) -> FileResult:
        folder = self.service.home.tmp_dir
        expected = head.total_size
        free = shutil.disk_usage(folder).free
        if free < expected + disk_needed(manifest.payload_size):
            raise Refused(507, RejectCode.DISK_FULL.value, f"{free} bytes free at HQ")
        too_large = Refused(413, "too_large", f"more bytes than the batch announces ({expected})")
        path = folder / f"upload-{uuid.uuid4().hex}.sanad"
        try:
            with create_new(path) as out:
                received = len(start)
                if received > expected:
                    raise too_large
                out.write(start)
                while (chunk := await reader.next()) is not None:
                    received += len(chunk)
                    if received > expected:
                        raise too_large
                    out.write(chunk)
            return await run_in_threadpool(self.service.receive_file, path)
        finally:
            path.unlink(missing_ok=True)
