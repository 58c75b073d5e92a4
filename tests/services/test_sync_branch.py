"""The branch's HTTP client to HQ (app.sync.http_client): retries with jittered backoff, a
refusal never retried, an answer that is not a batch, cancelling, and how a failed connection
reads. Network failures come from httpx mock transports.

The branch's sync itself is tested in test_sync_enroll, test_sync_usb and test_sync_network.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

import httpx
import pytest

from app.sync.http_client import HqClient, RetryPolicy, TransportCode, TransportError
from tests.services.branch_sync import free_port

pytestmark = [pytest.mark.sync, pytest.mark.db]


# -- the HTTP client --------------------------------------------------------------------------


def _client(handler: Callable[[httpx.Request], httpx.Response], sleeps: list[float]) -> HqClient:
    return HqClient(
        "http://hq.test", policy=RetryPolicy(attempts=4, base_delay=0.5, max_delay=1.5),
        transport=httpx.MockTransport(handler), sleep=sleeps.append, rand=lambda: 1.0,
    )  # fmt: skip


ANSWER = b"PK\x03\x04 an answer"


def test_the_client_retries_connection_errors_and_5xx_with_backoff() -> None:
    bodies: list[bytes] = []
    sleeps: list[float] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        bodies.append(request.read())
        if len(bodies) == 1:
            raise httpx.ConnectError("connection refused", request=request)
        if len(bodies) == 2:
            return httpx.Response(503, json={"code": "unavailable", "reason": "busy"})
        if len(bodies) == 3:
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(200, content=ANSWER)

    client = _client(flaky, sleeps)
    assert client.post_batch(b"the batch") == ANSWER
    assert bodies == [b"the batch"] * 4 and client.attempts_made == 4
    assert sleeps == [0.5, 1.0, 1.5]  # doubling, capped (rand=1.0: the top of the jitter)


def test_the_client_jitters_its_waits() -> None:
    policy = RetryPolicy(attempts=5, base_delay=1.0, max_delay=30.0)
    assert policy.delay(2, 0.0) == 2.0 and policy.delay(2, 1.0) == 4.0
    assert 2.0 < policy.delay(2, 0.5) < 4.0


def test_the_client_gives_up_after_its_attempts_with_the_last_reason() -> None:
    sleeps: list[float] = []

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    client = _client(down, sleeps)
    with pytest.raises(TransportError) as caught:
        client.post_batch(b"x")
    assert caught.value.code is TransportCode.TIMEOUT and caught.value.attempts == 4
    assert len(sleeps) == 3


def test_the_client_never_retries_a_refusal() -> None:
    calls: list[int] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(403, json={"code": "revoked", "reason": "branch TRP01 was revoked"})

    with pytest.raises(TransportError) as caught:
        _client(refuse, []).post_batch(b"x")
    err = caught.value
    assert (err.code, err.hq_code, err.status, len(calls)) == (
        TransportCode.REJECTED, "revoked", 403, 1,
    )  # fmt: skip
    assert "revoked" in err.reason


def test_the_client_refuses_an_answer_that_is_not_a_batch() -> None:
    with pytest.raises(TransportError) as caught:
        _client(lambda r: httpx.Response(200, text="<html>proxy login</html>"), []).post_batch(b"x")
    assert caught.value.code is TransportCode.BAD_ANSWER


def test_the_client_stops_waiting_when_cancelled() -> None:
    cancel = threading.Event()

    def down(request: httpx.Request) -> httpx.Response:
        cancel.set()  # the user presses Cancel while HQ is down
        raise httpx.ConnectError("refused", request=request)

    client = HqClient("http://hq.test", transport=httpx.MockTransport(down))
    started = time.monotonic()
    with pytest.raises(TransportError) as caught:
        client.post_batch(b"x", cancel=cancel)
    assert caught.value.code is TransportCode.CANCELLED and time.monotonic() - started < 1


def test_connection_refused_reads_as_hq_down_and_no_route_as_offline() -> None:
    closed = HqClient(f"http://127.0.0.1:{free_port()}", policy=RetryPolicy(attempts=1))
    with pytest.raises(TransportError) as refused:
        closed.post_batch(b"x")
    assert refused.value.code is TransportCode.HQ_DOWN

    def no_route(request: httpx.Request) -> httpx.Response:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as err:
            raise httpx.ConnectError(str(err), request=request) from err

    with pytest.raises(TransportError) as offline:
        _client(no_route, []).post_batch(b"x")
    assert offline.value.code is TransportCode.OFFLINE
