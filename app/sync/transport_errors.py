"""How a request to HQ failed, as codes the UI can put into words (app.sync.http_client
raises them). Apart from the client so that what only names the failures (the sync service,
the status bar) does not import httpx at start-up (~0.2 s)."""

from __future__ import annotations

from enum import StrEnum


class TransportCode(StrEnum):
    OFFLINE = "offline"  # no route to HQ: no network, unknown host
    HQ_DOWN = "hq_down"  # HQ's machine answers but the service does not (refused, 5xx)
    TIMEOUT = "timeout"  # HQ did not answer in time (or the transfer stalled)
    REJECTED = "rejected"  # HQ refused the request (4xx) with a reason
    BAD_ANSWER = "bad_answer"  # HQ answered something that is not what the protocol says
    CANCELLED = "cancelled"


class TransportError(Exception):
    def __init__(
        self,
        code: TransportCode,
        reason: str = "",
        *,
        status: int | None = None,
        hq_code: str = "",
        attempts: int = 0,
    ) -> None:
        self.code = code
        self.reason = reason
        self.status = status
        self.hq_code = hq_code
        self.attempts = attempts
        super().__init__(f"{code.value}: {reason}" if reason else code.value)
