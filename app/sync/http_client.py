"""The branch's HTTP road to HQ: `POST /v1/enroll` and `POST /v1/batches`, retried with backoff.

Connection errors, timeouts and 5xx answers are retried with exponential backoff and jitter, a
bounded number of times; the request body is always the same bytes (a batch file is never
re-made for a retry), so a retry after HQ already applied it is only a harmless replay. A 4xx
answer is HQ refusing the request: it is not retried and its `{"code", "reason"}` is kept.
Every failure ends as a `TransportError` with a code the UI can put into words.
"""

from __future__ import annotations

import errno
import os
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import httpx

from app.sync.transport_errors import TransportCode as TransportCode
from app.sync.transport_errors import TransportError as TransportError

BATCH_TYPE = "application/octet-stream"
ENROLL_PATH = "/v1/enroll"
BATCHES_PATH = "/v1/batches"
MAX_ANSWER = 1024 * 1024 * 1024
CHUNK = 256 * 1024
ENROLL_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """At most `attempts` tries; before try n+1 wait base·2ⁿ (capped), jittered to 50–100 %."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 15.0

    def delay(self, retry: int, rand: float) -> float:
        full = min(self.max_delay, self.base_delay * 2.0**retry)
        return float(full * (0.5 + rand / 2))


DEFAULT_POLICY = RetryPolicy()  # about 7 s of retries in all before giving up
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=120.0, write=120.0, pool=10.0)


def ssl_context() -> ssl.SSLContext:
    """httpx's default TLS context (certifi's bundle, or SSL_CERT_FILE / SSL_CERT_DIR), made
    once: loading the bundle took ~18 ms of every sync, each of which makes a new client."""
    return _ssl_context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))


@lru_cache(maxsize=4)
def _ssl_context(_cert_file: str | None, _cert_dir: str | None) -> ssl.SSLContext:
    return httpx.create_ssl_context()  # it reads the same variables (the cache's key)


class HqClient:
    """A small synchronous client (the branch calls it from a background thread)."""

    def __init__(
        self,
        base_url: str,
        *,
        policy: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        rand: Callable[[], float] = random.random,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.policy = policy or DEFAULT_POLICY
        self._own = client is None
        self._client = client or httpx.Client(
            base_url=self.base_url, timeout=timeout, transport=transport, verify=ssl_context()
        )
        self._sleep = sleep
        self._rand = rand
        self.attempts_made = 0  # of the last request (tests and the log read it)

    def close(self) -> None:
        if self._own:
            self._client.close()

    def __enter__(self) -> HqClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def enroll(
        self,
        code: str,
        token: str,
        identity: dict[str, str],
        *,
        cancel: threading.Event | None = None,
    ) -> dict[str, Any]:
        body = {"code": code, "token": token, "identity": identity}
        # Someone is waiting at the keyboard, and there is a fallback (the keys file): try less.
        attempts = min(self.policy.attempts, ENROLL_ATTEMPTS)
        response = self._request("POST", ENROLL_PATH, cancel, attempts=attempts, json=body)
        try:
            answer = response.json() if response.content else {}
        except ValueError:
            answer = {}
        return answer if isinstance(answer, dict) else {}

    def post_batch(
        self,
        data: bytes,
        *,
        cancel: threading.Event | None = None,
        sent: Callable[[int, int], None] | None = None,
    ) -> bytes:
        """Send one batch file's bytes; returns HQ's answer (a down-batch file's bytes).

        `sent(done, total)` is told as the upload goes (a progress bar for long transfers);
        `cancel` stops it between chunks and between attempts.
        """
        headers = {"Content-Type": BATCH_TYPE, "Content-Length": str(len(data))}

        def body() -> Iterator[bytes]:
            view = memoryview(data)
            for start in range(0, len(data), CHUNK):
                if cancel is not None and cancel.is_set():
                    raise TransportError(TransportCode.CANCELLED, attempts=self.attempts_made)
                chunk = bytes(view[start : start + CHUNK])
                yield chunk
                if sent is not None:
                    sent(start + len(chunk), len(data))

        response = self._request(
            "POST", BATCHES_PATH, cancel, content_factory=body, headers=headers
        )
        if len(response.content) > MAX_ANSWER or not response.content.startswith(b"PK"):
            raise TransportError(
                TransportCode.BAD_ANSWER,
                "the answer is not a batch file",
                status=response.status_code,
                attempts=self.attempts_made,
            )
        return response.content

    def _request(
        self,
        method: str,
        path: str,
        cancel: threading.Event | None,
        *,
        content_factory: Callable[[], Iterator[bytes]] | None = None,
        attempts: int | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        last: TransportError | None = None
        self.attempts_made = 0
        for attempt in range(attempts or self.policy.attempts):
            if cancel is not None and cancel.is_set():
                raise TransportError(TransportCode.CANCELLED, attempts=self.attempts_made)
            if attempt:
                self._wait(self.policy.delay(attempt - 1, self._rand()), cancel)
            self.attempts_made += 1
            if content_factory is not None:
                kwargs["content"] = content_factory()  # a fresh stream of the same bytes
            try:
                response = self._client.request(method, path, **kwargs)
            except httpx.TimeoutException as err:
                last = TransportError(TransportCode.TIMEOUT, _describe(err))
                continue
            except httpx.TransportError as err:
                last = TransportError(_connection_code(err), _describe(err))
                continue
            if response.status_code >= 500:  # HQ is there but cannot now: try again
                hq_code, reason = _refusal(response)
                last = TransportError(
                    TransportCode.HQ_DOWN,
                    f"HTTP {response.status_code}: {reason}",
                    status=response.status_code,
                    hq_code=hq_code,
                )
                continue
            if response.status_code == 409 and _is_batch(response):
                # A fork: HQ refuses the batch and answers, signed, how to recover from it.
                return response
            if response.status_code >= 400:
                hq_code, reason = _refusal(response)
                raise TransportError(
                    TransportCode.REJECTED,
                    reason,
                    status=response.status_code,
                    hq_code=hq_code,
                    attempts=self.attempts_made,
                )
            return response
        assert last is not None
        last.attempts = self.attempts_made
        raise last

    def _wait(self, seconds: float, cancel: threading.Event | None) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
        elif cancel is not None:
            if cancel.wait(seconds):
                raise TransportError(TransportCode.CANCELLED, attempts=self.attempts_made)
        else:
            time.sleep(seconds)


def _is_batch(response: httpx.Response) -> bool:
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    return kind == BATCH_TYPE and response.content.startswith(b"PK")


def _refusal(response: httpx.Response) -> tuple[str, str]:
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        detail = data.get("detail")
        if isinstance(detail, dict):  # FastAPI's HTTPException(detail={...})
            data = detail
        code = str(data.get("code") or "")
        reason = str(data.get("reason") or data.get("detail") or "")
        if code or reason:
            return code, reason or code
    text = response.text.strip()[:300]
    return "", text or f"HTTP {response.status_code}"


def _connection_code(err: BaseException) -> TransportCode:
    """Refused → HQ's machine is there but the service is not; anything else → offline."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return TransportCode.HQ_DOWN
        if isinstance(seen, socket.gaierror):
            return TransportCode.OFFLINE
        if isinstance(seen, OSError) and seen.errno == errno.ECONNREFUSED:
            return TransportCode.HQ_DOWN
        if isinstance(seen, ConnectionResetError | BrokenPipeError):
            return TransportCode.HQ_DOWN
        seen = seen.__cause__ or seen.__context__
    text = str(err).lower()
    if "refused" in text or "reset" in text:
        return TransportCode.HQ_DOWN
    if isinstance(err, httpx.ConnectError):
        return TransportCode.OFFLINE
    return TransportCode.HQ_DOWN  # the connection broke mid-transfer


def _describe(err: BaseException) -> str:
    return str(err) or type(err).__name__
