"""Enrolling branches at HQ: the enrollment file, pinning a branch's keys, revoking it.

`add_branch` creates the branch and a one-time token (kept only as its SHA-256); the token
travels in the enrollment file to the branch, which sends it back with its public keys (over
HTTP, or in a keys file carried by USB). The first keys registered with the token are pinned:
registering the same keys again is harmless (a lost answer is retried), other keys are refused.
Nothing here commits: the caller's transaction does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.clock import utcnow
from app.db.sync_models import HqBranchRow, HqLedgerRow
from app.sync.batch_file import ZERO_HASH
from app.sync.keys import PublicIdentity, b64, unb64
from app.sync.safe_files import atomic_write, read_regular

ENROLL_SUFFIX = ".sanad-enroll.json"
KEYS_SUFFIX = ".sanad-keys.json"
FILE_FORMAT = 1


MAX_KEYS_FILE = 64 * 1024  # a keys file is a few hundred bytes


class HqError(Exception):
    """An administrative request HQ refuses (bad token, unknown branch …): nothing changed."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Registration:
    """What a branch sends to enroll: its code, the one-time token, its public keys."""

    code: str
    token: str
    identity: PublicIdentity

    @classmethod
    def from_json(cls, data: Any, source: str = "the request") -> Registration:
        if not isinstance(data, dict):
            raise HqError("malformed", f"{source}: not a JSON object")
        for name in ("code", "token", "identity"):
            if name not in data:
                raise HqError("malformed", f"{source}: the field {name!r} is missing")
        code, token, identity = data["code"], data["token"], data["identity"]
        if not isinstance(code, str) or not isinstance(token, str):
            raise HqError("malformed", f"{source}: 'code' and 'token' must be text")
        try:
            parsed = PublicIdentity.from_json(identity)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise HqError(
                "malformed", f"{source}: 'identity' is not a public identity ({err})"
            ) from None
        return cls(code.strip().upper(), token, parsed)

    @classmethod
    def from_file(cls, path: Path) -> Registration:
        try:
            data = json.loads(read_regular(path, MAX_KEYS_FILE).decode("utf-8"))
        except FileNotFoundError:
            raise HqError("malformed", f"{path}: no such file") from None
        except (OSError, ValueError) as err:
            raise HqError("malformed", f"{path}: not a keys file ({err})") from None
        return cls.from_json(data, str(path))


def normalize_code(code: str) -> str:
    code = code.strip().upper()
    if not code.isascii() or not code.isalnum() or not 2 <= len(code) <= 12:
        raise HqError("bad_code", f"branch code {code!r}: use 2 to 12 letters or digits")
    return code


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_branch(session: Session, code: str, name: str) -> tuple[HqBranchRow, str]:
    """Create the branch (or give a not yet enrolled one a new token); returns the token."""
    code = normalize_code(code)
    name = name.strip()
    if not name:
        raise HqError("bad_name", "the branch name is empty")
    token = secrets.token_urlsafe(24)
    row = session.get(HqBranchRow, code, with_for_update=True)
    if row is not None:
        if row.revoked_at is not None:
            raise HqError("revoked", f"branch {code} was revoked; choose another code")
        if row.enrolled_at is not None:
            raise HqError("exists", f"branch {code} is already enrolled")
        row.name = name  # not enrolled yet: a fresh token replaces the lost one
    else:
        row = HqBranchRow(code=code, name=name, created_at=utcnow())
        session.add(row)
    row.enroll_token_sha256 = token_hash(token)
    if session.get(HqLedgerRow, code) is None:
        # Made now so that concurrent first batches of a branch only ever lock it.
        session.add(HqLedgerRow(
            branch=code, last_seq=0, last_hash=ZERO_HASH, down_seq=0, branch_acked_down=0,
            rejected_rows=0,
        ))  # fmt: skip
    session.flush()
    return row, token


def enrollment_document(
    row: HqBranchRow, token: str, url: str, hq: PublicIdentity
) -> dict[str, Any]:
    return {
        "format": FILE_FORMAT,
        "kind": "sanad-enrollment",
        "hq_url": url,
        "hq": hq.to_json(),
        "code": row.code,
        "name": row.name,
        "token": token,
    }


def write_private_json(path: Path, data: dict[str, Any]) -> Path:
    """Write atomically, readable by the owner only (the file holds a secret token)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return atomic_write(path, text.encode("utf-8"))  # 0600, never through a planted link


def register_keys(session: Session, registration: Registration) -> HqBranchRow:
    """Pin the branch's public keys if its token is right (see the module docstring)."""
    code = registration.code
    row = session.get(HqBranchRow, code, with_for_update=True)
    if row is None:
        raise HqError("unknown_branch", f"branch {code} is not known at HQ")
    if row.revoked_at is not None:
        raise HqError("revoked", f"branch {code} was revoked")
    expected = row.enroll_token_sha256 or ""
    if not hmac.compare_digest(expected, token_hash(registration.token)):
        raise HqError("bad_token", f"the enrollment token for {code} is wrong or was replaced")
    identity = registration.identity
    if identity.party != code:
        raise HqError("bad_identity", f"the keys belong to {identity.party!r}, not to {code}")
    signing, box = b64(identity.signing), b64(identity.box)
    if row.enrolled_at is not None:
        if (row.signing_key, row.box_key) == (signing, box):
            return row  # the same registration again (its answer was lost): nothing to do
        raise HqError("token_used", f"branch {code} is already enrolled with other keys")
    row.signing_key, row.box_key = signing, box
    row.enrolled_at = utcnow()
    session.flush()
    return row


def revoke(session: Session, code: str) -> HqBranchRow:
    code = normalize_code(code)
    row = session.get(HqBranchRow, code, with_for_update=True)
    if row is None:
        raise HqError("unknown_branch", f"branch {code} is not known at HQ")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    session.flush()
    return row


def branch_identity(row: HqBranchRow) -> PublicIdentity | None:
    if not row.signing_key or not row.box_key:
        return None
    return PublicIdentity(row.code, unb64(row.signing_key), unb64(row.box_key))


def all_branches(session: Session) -> list[HqBranchRow]:
    return list(session.scalars(select(HqBranchRow).order_by(HqBranchRow.code)))
