"""Enrollment files: the one HQ writes for a branch, and the one a branch writes back by USB.

`CODE.sanad-enroll.json` (from `sanad hq branches add`): HQ's URL and public identity, the
branch's code and name, and a one-time token. `CODE.sanad-keys.json` (from `sanad enroll` when
HQ cannot be reached): what `POST /v1/enroll` would have carried — code, token and the branch's
public identity — for `sanad hq branches keys FILE`. Neither ever holds a private key.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.services.sync_errors import SyncError, SyncErrorCode
from app.sync.keys import KeyPair, PublicIdentity
from app.sync.outbox_export import HQ
from app.sync.safe_files import atomic_write, read_regular
from app.sync.transport_errors import TransportCode, TransportError

if TYPE_CHECKING:
    from app.sync.http_client import HqClient

MAX_FILE = 64 * 1024


def hq_client(base_url: str) -> HqClient:
    """The real client to HQ (httpx is imported on the first sync, not at start-up)."""
    from app.sync.http_client import HqClient

    return HqClient(base_url)


KEYS_SUFFIX = ".sanad-keys.json"
# Accepted spellings of each field (the first is the one HQ writes).
_FIELDS: dict[str, tuple[str, ...]] = {
    "hq_url": ("hq_url", "url"),
    "hq_identity": ("hq_identity", "hq"),
    "code": ("code", "branch_code", "branch"),
    "name": ("name", "branch_name"),
    "token": ("token", "enroll_token"),
}


@dataclass(frozen=True, slots=True)
class Enrollment:
    hq_url: str
    hq: PublicIdentity
    code: str
    name: str
    token: str


def read_enrollment(path: Path) -> Enrollment:
    """Parse and check an enrollment file; a bad one is refused naming the file and field."""
    name = path.name
    try:
        raw = read_regular(path, MAX_FILE)
    except ValueError:
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: too large") from None
    except OSError as err:
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: {err.strerror or err}") from None
    if len(raw) > MAX_FILE:
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: not JSON") from None
    if not isinstance(data, dict):
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: not a JSON object")
    values = {field: _pick(data, field, name) for field in _FIELDS}
    identity = values["hq_identity"]
    try:
        if not isinstance(identity, dict):
            raise TypeError
        hq = PublicIdentity.from_json(identity)
    except (KeyError, TypeError, ValueError):
        raise SyncError(
            SyncErrorCode.ENROLL_FILE, f"{name}: hq_identity is not a public identity"
        ) from None
    if hq.party != HQ:
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: hq_identity is not HQ's")
    url = _text(values["hq_url"], "hq_url", name)
    if not url.startswith(("http://", "https://")):
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: hq_url is not an http(s) address")
    return Enrollment(
        hq_url=url.rstrip("/"),
        hq=hq,
        code=_text(values["code"], "code", name).upper(),
        name=_text(values["name"], "name", name),
        token=_text(values["token"], "token", name),
    )


def _pick(data: dict[str, Any], field: str, name: str) -> Any:
    for key in _FIELDS[field]:
        if key in data:
            return data[key]
    raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: the field {field} is missing")


def _text(value: Any, field: str, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SyncError(SyncErrorCode.ENROLL_FILE, f"{name}: {field} must be non-empty text")
    return value.strip()


def registration(code: str, token: str, identity: PublicIdentity) -> dict[str, Any]:
    """The body of `POST /v1/enroll`, and the content of `CODE.sanad-keys.json`."""
    return {"code": code, "token": token, "identity": identity.to_json()}


def write_private_json(path: Path, data: dict[str, Any]) -> Path:
    """Write JSON atomically, readable by its owner only (it may hold a token)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return atomic_write(path, text.encode("utf-8"))  # 0600, never through a planted link


def write_keys_file(folder: Path, code: str, body: dict[str, Any]) -> Path:
    """`CODE.sanad-keys.json` in `folder` (e.g. a USB stick) for HQ to import."""
    try:
        return write_private_json(folder / f"{code}{KEYS_SUFFIX}", body)
    except OSError as err:
        raise SyncError(SyncErrorCode.FOLDER, f"{folder}: {err.strerror or err}") from None


def load_or_make_keys(keys_dir: Path, code: str) -> KeyPair:
    """This branch's key pairs: made once, kept (enrolling again keeps the same keys)."""
    if KeyPair.exists(keys_dir, code):
        return KeyPair.load(keys_dir, code)
    keys = KeyPair.generate(code)
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    keys.save(keys_dir)
    return keys


def register_pending(
    client: HqClient, pending: Path, cancel: threading.Event | None = None
) -> None:
    """Register keys whose enrollment could not reach HQ earlier (kept in `pending`).
    Raises TransportError when HQ cannot be reached (try again at the next sync)."""
    if not pending.is_file():
        return
    try:
        body = json.loads(read_regular(pending, MAX_FILE).decode("utf-8"))
        client.enroll(body["code"], body["token"], body["identity"], cancel=cancel)
    except TransportError as err:
        if err.code is not TransportCode.REJECTED:
            raise
        # Refused: the keys may have reached HQ by USB already; the batches will tell.
    except (OSError, ValueError, KeyError):
        pass
    pending.unlink(missing_ok=True)
