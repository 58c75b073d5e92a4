"""A raw HTTP/1.1 client for hostile uploads on 127.0.0.1. It keeps sending until HQ answers or
closes the connection (or a bound is reached), so a test sees how much of the body HQ took
before it refused, and whether it refused at once."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass

import orjson

BATCHES = "/v1/batches"


@dataclass
class Reply:
    status: int | None  # None: the connection ended without an answer
    body: bytes
    sent: int  # body bytes handed to the socket before HQ answered or closed
    seconds: float

    @property
    def problem(self) -> tuple[int | None, str]:
        """(status, code) of a `{"code", "reason"}` answer."""
        data = orjson.loads(self.body)
        assert set(data) == {"code", "reason"} and data["reason"], data
        return self.status, str(data["code"])


def _answered(received: bytes) -> bool:
    head, sep, body = received.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def _reply(received: bytes, sent: int, started: float) -> Reply:
    head, sep, body = received.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1]) if sep and head.startswith(b"HTTP/1.1 ") else None
    return Reply(status, body, sent, time.monotonic() - started)


def request_head(length: int | None, *, chunked: bool = False) -> bytes:
    lines = [f"POST {BATCHES} HTTP/1.1", "Host: 127.0.0.1"]
    lines.append("Content-Type: application/octet-stream")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    elif length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def post(
    port: int,
    body: Iterable[bytes],
    *,
    length: int | None = None,
    chunked: bool = False,
    timeout: float = 60.0,
) -> Reply:
    """Send `body` (with Content-Length `length`, or chunked) until HQ answers or closes."""
    started = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        sock.sendall(request_head(length, chunked=chunked))
        sock.setblocking(False)
        received = bytearray()
        chunks = iter(body)
        pending = memoryview(b"")
        sending, closed, sent = True, False, 0
        while not closed and not _answered(received):
            assert time.monotonic() - started < timeout, f"no answer after {timeout} s"
            if sending and not pending:
                chunk = next(chunks, None)
                if chunk is None:
                    sending = False
                    pending = memoryview(b"0\r\n\r\n" if chunked else b"")
                else:
                    framed = b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk
                    pending = memoryview(framed)
            readable, writable, _ = select.select([sock], [sock] if pending else [], [], 0.5)
            if readable:
                try:
                    data = sock.recv(1 << 16)
                except ConnectionResetError:
                    data = b""
                received += data
                closed = not data
            if writable and pending:
                try:
                    n = sock.send(pending)
                except (BrokenPipeError, ConnectionResetError):
                    sending, pending = False, memoryview(b"")
                    continue
                pending, sent = pending[n:], sent + n
        return _reply(bytes(received), sent, started)
    finally:
        sock.close()


def stalled(port: int, first: bytes, length: int) -> socket.socket:
    """A connection that sends the request head and `first`, then nothing more."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(request_head(length) + first)
    sock.setblocking(False)
    return sock


def wait_closed(socks: list[socket.socket], timeout: float) -> dict[int, tuple[float, bytes]]:
    """For each socket (by index) that HQ closed within `timeout`: when, and what it said."""
    started = time.monotonic()
    said: dict[int, bytearray] = {i: bytearray() for i in range(len(socks))}
    closed: dict[int, tuple[float, bytes]] = {}
    while len(closed) < len(socks) and time.monotonic() - started < timeout:
        open_ = [s for i, s in enumerate(socks) if i not in closed]
        readable, _, _ = select.select(open_, [], [], 0.1)
        for sock in readable:
            i = socks.index(sock)
            try:
                data = sock.recv(1 << 16)
            except ConnectionResetError:
                data = b""
            said[i] += data
            if not data:
                closed[i] = (time.monotonic() - started, bytes(said[i]))
    return closed


def status_of(said: bytes) -> int | None:
    return _reply(said, 0, 0.0).status
