"""What happened during a sync, in the user's words: every SyncErrorCode, and the reasons HQ
(or the checks on its answer) give for refusing a batch, as translated sentences."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.sync_errors import SyncError, SyncErrorCode
from app.ui.common.translations import QT_TRANSLATE_NOOP

CONTEXT = "SyncMessages"

TEXT: dict[SyncErrorCode, str] = {
    SyncErrorCode.DEMO_BRANCH: QT_TRANSLATE_NOOP(
        "SyncMessages", "This is a demo branch: it is never synced with headquarters."
    ),
    SyncErrorCode.NOT_ENROLLED: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This branch is not enrolled with headquarters yet. Ask the IT staff to enroll it.",
    ),
    SyncErrorCode.ENROLL_FILE: QT_TRANSLATE_NOOP(
        "SyncMessages", "The enrollment file cannot be used."
    ),
    SyncErrorCode.WRONG_BRANCH: QT_TRANSLATE_NOOP(
        "SyncMessages", "The enrollment file is for another branch."
    ),
    SyncErrorCode.OFFLINE: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "Headquarters cannot be reached: there is no network connection. Your changes are "
        "kept and will be sent at the next sync.",
    ),
    SyncErrorCode.HQ_DOWN: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The headquarters sync service is not answering. Try again later; nothing was lost.",
    ),
    SyncErrorCode.TIMEOUT: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "Headquarters did not answer in time. Try again; sending again is safe.",
    ),
    SyncErrorCode.REJECTED: QT_TRANSLATE_NOOP(
        "SyncMessages", "Headquarters refused the changes: {reason}"
    ),
    SyncErrorCode.BAD_ANSWER: QT_TRANSLATE_NOOP(
        "SyncMessages", "The answer from headquarters was refused: {reason}"
    ),
    SyncErrorCode.OUT_OF_ORDER: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "This answer comes after one that was not imported yet: import the older answer first.",
    ),
    SyncErrorCode.CANCELLED: QT_TRANSLATE_NOOP(
        "SyncMessages", "The sync was cancelled. Nothing was lost; it continues next time."
    ),
    SyncErrorCode.FOLDER: QT_TRANSLATE_NOOP(
        "SyncMessages",
        "The chosen folder cannot be used (the USB stick may be full or read-only).",
    ),
}

# Reason codes: app.sync.batch_file.RejectCode, and HQ's own refusal codes.
REASONS: dict[str, str] = {
    "not_a_batch": QT_TRANSLATE_NOOP("SyncMessages", "it is not a Sanad sync file"),
    "truncated": QT_TRANSLATE_NOOP("SyncMessages", "the file is incomplete or damaged"),
    "manifest": QT_TRANSLATE_NOOP("SyncMessages", "the file's description is damaged"),
    "format": QT_TRANSLATE_NOOP("SyncMessages", "the file's format is not supported"),
    "schema_newer": QT_TRANSLATE_NOOP(
        "SyncMessages", "it was made by a newer version of Sanad: update the program first"
    ),
    "unknown_sender": QT_TRANSLATE_NOOP(
        "SyncMessages", "the sender is not enrolled (this branch, or headquarters' key)"
    ),
    "revoked": QT_TRANSLATE_NOOP(
        "SyncMessages", "this branch's enrollment was revoked at headquarters"
    ),
    "bad_signature": QT_TRANSLATE_NOOP(
        "SyncMessages", "the signature is not valid (the file was forged or altered)"
    ),
    "wrong_destination": QT_TRANSLATE_NOOP(
        "SyncMessages", "the file is addressed to another branch"
    ),
    "payload": QT_TRANSLATE_NOOP("SyncMessages", "the file's content was altered or damaged"),
    "disk_full": QT_TRANSLATE_NOOP("SyncMessages", "there is not enough free disk space"),
    "content": QT_TRANSLATE_NOOP("SyncMessages", "the file's content is inconsistent"),
    "fork": QT_TRANSLATE_NOOP(
        "SyncMessages",
        "the changes do not continue this branch's earlier ones (was an old backup restored?)",
    ),
    "too_large": QT_TRANSLATE_NOOP("SyncMessages", "the file is too large"),
    "unavailable": QT_TRANSLATE_NOOP(
        "SyncMessages", "the central database is unavailable; try again later"
    ),
    "bad_token": QT_TRANSLATE_NOOP("SyncMessages", "the enrollment code is not valid"),
    "token_used": QT_TRANSLATE_NOOP(
        "SyncMessages", "the branch was already enrolled with other keys"
    ),
    "unknown_branch": QT_TRANSLATE_NOOP("SyncMessages", "headquarters does not know this branch"),
}

# Short forms for the status bar ("Last attempt: …").
SHORT: dict[SyncErrorCode, str] = {
    SyncErrorCode.OFFLINE: QT_TRANSLATE_NOOP("SyncMessages", "no network connection"),
    SyncErrorCode.HQ_DOWN: QT_TRANSLATE_NOOP("SyncMessages", "headquarters is not answering"),
    SyncErrorCode.TIMEOUT: QT_TRANSLATE_NOOP("SyncMessages", "headquarters answered too late"),
    SyncErrorCode.REJECTED: QT_TRANSLATE_NOOP("SyncMessages", "refused by headquarters: {reason}"),
    SyncErrorCode.BAD_ANSWER: QT_TRANSLATE_NOOP("SyncMessages", "the answer was refused: {reason}"),
    SyncErrorCode.OUT_OF_ORDER: QT_TRANSLATE_NOOP("SyncMessages", "an answer is missing"),
}

_UNKNOWN_REASON = QT_TRANSLATE_NOOP("SyncMessages", "reason code {code}")
_NO_REASON = QT_TRANSLATE_NOOP("SyncMessages", "no reason was given")


def _t(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def reason(code: str) -> str:
    if not code:
        return _t(_NO_REASON)
    source = REASONS.get(code)
    return _t(source) if source is not None else _t(_UNKNOWN_REASON).format(code=code)


def message(code: str, reason_code: str = "") -> str:
    """The sentence for a SyncErrorCode value (as stored in the status too)."""
    try:
        source = TEXT[SyncErrorCode(code)]
    except ValueError:
        return _t(_UNKNOWN_REASON).format(code=code)
    return _t(source).format(reason=reason(reason_code))


def short(code: str, reason_code: str = "") -> str:
    """A few words for the status bar; the full sentence when there is no short form."""
    try:
        source = SHORT.get(SyncErrorCode(code))
    except ValueError:
        source = None
    if source is None:
        return message(code, reason_code)
    return _t(source).format(reason=reason(reason_code))


def describe(err: SyncError) -> str:
    return message(err.code.value, err.reason_code)
