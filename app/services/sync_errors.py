"""What can go wrong when a branch syncs, as codes the UI turns into Arabic sentences.

`SyncError.code` says what happened (offline, HQ down, a refused file …); `reason_code` carries
the protocol's own code when there is one (HQ's refusal code, or the batch check that failed,
app.sync.batch_file.RejectCode); `detail` is the English detail for the CLI and the log.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from app.sync.transport_errors import TransportCode, TransportError

if TYPE_CHECKING:
    from app.services.sync_results import SyncStatus


class SyncErrorCode(StrEnum):
    DEMO_BRANCH = "demo_branch"  # the demo branch never syncs
    NOT_ENROLLED = "not_enrolled"
    ENROLL_FILE = "enroll_file"  # the enrollment file is unreadable or incomplete
    WRONG_BRANCH = "wrong_branch"  # the enrollment file is for another branch
    OFFLINE = "offline"
    HQ_DOWN = "hq_down"
    TIMEOUT = "timeout"
    REJECTED = "rejected"  # HQ refused what we sent (reason_code: HQ's code)
    BAD_ANSWER = "bad_answer"  # HQ's answer (network or USB) failed its checks
    OUT_OF_ORDER = "out_of_order"  # an answer that leaves a gap: import the earlier one first
    CANCELLED = "cancelled"
    FOLDER = "folder"  # a folder cannot be read or written (USB stick full, read-only …)


# The codes of a failed attempt to reach HQ, written to local_meta for the status bar.
NETWORK_CODES = frozenset(
    {
        SyncErrorCode.OFFLINE,
        SyncErrorCode.HQ_DOWN,
        SyncErrorCode.TIMEOUT,
        SyncErrorCode.REJECTED,
        SyncErrorCode.BAD_ANSWER,
        SyncErrorCode.OUT_OF_ORDER,
    }
)

_TEXT = {
    SyncErrorCode.DEMO_BRANCH: "this is the demo branch: make a real one with "
    "`sanad init --branch CODE --name NAME` in a new data folder",
    SyncErrorCode.NOT_ENROLLED: "this branch is not enrolled with headquarters: "
    "run `sanad enroll FILE` first",
    SyncErrorCode.ENROLL_FILE: "not a usable enrollment file",
    SyncErrorCode.WRONG_BRANCH: "the enrollment file is for another branch",
    SyncErrorCode.OFFLINE: "headquarters cannot be reached (no network?)",
    SyncErrorCode.HQ_DOWN: "headquarters' sync service is not answering",
    SyncErrorCode.TIMEOUT: "headquarters did not answer in time",
    SyncErrorCode.REJECTED: "headquarters refused it",
    SyncErrorCode.BAD_ANSWER: "the answer from headquarters was refused",
    SyncErrorCode.OUT_OF_ORDER: "this answer comes after one not imported yet: "
    "import the earlier answer first",
    SyncErrorCode.CANCELLED: "cancelled",
    SyncErrorCode.FOLDER: "the folder cannot be used",
}


class SyncError(Exception):
    """A sync step that failed; nothing of that step was applied."""

    def __init__(self, code: SyncErrorCode, detail: str = "", *, reason_code: str = "") -> None:
        self.code = code
        self.detail = detail
        self.reason_code = reason_code
        text = _TEXT[code]
        super().__init__(f"{text}: {detail}" if detail else text)


_TRANSPORT = {
    TransportCode.OFFLINE: SyncErrorCode.OFFLINE,
    TransportCode.HQ_DOWN: SyncErrorCode.HQ_DOWN,
    TransportCode.TIMEOUT: SyncErrorCode.TIMEOUT,
    TransportCode.REJECTED: SyncErrorCode.REJECTED,
    TransportCode.BAD_ANSWER: SyncErrorCode.BAD_ANSWER,
    TransportCode.CANCELLED: SyncErrorCode.CANCELLED,
}


def from_transport(err: TransportError) -> SyncError:
    """The branch's error for a failed exchange with HQ (HQ's refusal code kept)."""
    return SyncError(_TRANSPORT[err.code], err.reason, reason_code=err.hq_code)


def refusal(demo: bool, status: SyncStatus | None) -> SyncError | None:
    """Why a branch cannot sync (demo; not enrolled as `status` says), asked before the user
    looks for a USB stick; None if it can, or if `status` is not known yet."""
    if demo:
        return SyncError(SyncErrorCode.DEMO_BRANCH)
    if status is not None and not status.enrolled:
        return SyncError(SyncErrorCode.NOT_ENROLLED)
    return None
