"""Staff accounts HQ manages for the branches: create, disable, enable, re-role, new setup code.

Every change, in one transaction: the branch's ledger is locked, the account (`hq_accounts`)
gets its next version, the decision is recorded (who, why: app.hq.decisions) and an "account"
answer line carrying the whole account at that version is queued to that branch alone (by
HTTP or USB alike; app.sync.branch_accounts applies it). HQ never knows a password: a new
account gets a one-time setup code, shown once to the officer, who hands it to the worker; HQ
keeps and sends only its argon2 hash, and at first login the worker types it, then chooses
a password. The branch's audit log, which HQ receives, says when that happened (and when a
branch refused an account because the user name is taken there by an account of its own).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.account_models import ACCOUNT_ENTRIES, HqAccountRow
from app.db.clock import new_id, utcnow
from app.db.sync_models import HqAuditRow, HqBranchRow
from app.domain.accounts import DISPLAY_NAME_MAX_LENGTH, Role, clean_username
from app.domain.errors import DomainError
from app.domain.field_checks import clean_line
from app.hq.decisions import record_decision
from app.hq.enrollment import HqError
from app.hq.ingest import lock_ledger, queue_down
from app.sync.branch_accounts import ACCOUNT

MIN_REASON = 5
MAX_REASON = 2000
# The setup code: 12 characters without look-alikes (0/o, 1/l/i), in groups of four.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ROLES = tuple(r.value for r in Role)
# What the branch's audit log (received by HQ) says of an account HQ sent.
_BRANCH_SAID = ("account.from_hq", "account.password_set", "account.hq_refused")
_CHUNK = 500

Sessions = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True, slots=True)
class AccountLine:
    branch: str
    username: str
    user_id: str
    display_name: str
    role: str
    active: bool
    version: int
    updated_at: datetime
    updated_by: str
    password_set: bool  # the branch said so (its audit log); False until it syncs
    refused: bool  # the branch refused it: the user name is taken there by its own account

    def to_json(self) -> dict[str, Any]:
        return {
            "branch": self.branch, "username": self.username, "user_id": self.user_id,
            "display_name": self.display_name, "role": self.role, "active": self.active,
            "version": self.version, "updated_at": self.updated_at.isoformat(timespec="seconds"),
            "updated_by": self.updated_by, "password_set": self.password_set,
            "refused_at_branch": self.refused,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Created:
    account: AccountLine
    setup_code: str  # shown once; HQ keeps only its hash


def account_line(row: HqAccountRow) -> dict[str, Any]:
    """The answer line: the whole account at its version."""
    return {
        "kind": ACCOUNT, "user_id": row.user_id, "username": row.username,
        "display_name": row.display_name, "role": row.role, "active": row.active,
        "version": row.version, "setup": row.setup_hash,
    }  # fmt: skip


def new_setup_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return "-".join(chars[i : i + 4] for i in range(0, 12, 4))


class AccountDesk:
    """The `sanad hq users` commands over HQ's database, each in one transaction."""

    def __init__(self, write: Sessions, read: Sessions, hasher: PasswordHasher | None = None):
        self._write = write
        self._read = read
        self._hasher = hasher or PasswordHasher()

    @classmethod
    def of(cls, service: Any, hasher: PasswordHasher | None = None) -> AccountDesk:
        return cls(service._write, service._read, hasher)

    def accounts(self, branch: str | None = None) -> list[AccountLine]:
        query = select(HqAccountRow).order_by(HqAccountRow.branch, HqAccountRow.username)
        with self._read() as session:
            if branch is not None:
                code = _branch(session, branch).code
                query = query.where(HqAccountRow.branch == code)
            return _lines(session, list(session.scalars(query)))

    def create(
        self, branch: str, username: str, name_ar: str, role: str, by: str, reason: str = ""
    ) -> Created:
        by, reason = _who(by), reason.strip()
        name = _username(username)
        display = _display_name(name_ar)
        chosen = _role(role)
        code = new_setup_code()
        setup_hash = self._hasher.hash(code)
        with self._write() as session:
            row_branch = _branch(session, branch)
            if row_branch.revoked_at is not None:
                raise HqError(
                    "revoked", f"branch {row_branch.code} is revoked: nothing was changed"
                )
            ledger = lock_ledger(session, row_branch.code)
            if _find(session, row_branch.code, name) is not None:
                raise HqError(
                    "exists", f"HQ already manages an account {name} at {row_branch.code}: "
                    "nothing was changed",
                )  # fmt: skip
            now = utcnow()
            row = HqAccountRow(
                branch=row_branch.code, username=name, user_id=new_id(), display_name=display,
                role=chosen, active=True, version=1, setup_hash=setup_hash, created_at=now,
                created_by=by, updated_at=now, updated_by=by,
            )  # fmt: skip
            session.add(row)
            session.flush()
            self._decide(session, ledger, row, by, "account.create", reason, {"role": chosen})
            return Created(_line(session, row), code)

    def disable(self, branch: str, username: str, by: str, reason: str) -> AccountLine:
        return self._change(branch, username, by, reason, "account.disable", active=False)

    def enable(self, branch: str, username: str, by: str, reason: str) -> AccountLine:
        return self._change(branch, username, by, reason, "account.enable", active=True)

    def set_role(self, branch: str, username: str, role: str, by: str, reason: str) -> AccountLine:
        return self._change(branch, username, by, reason, "account.role", role=_role(role))

    def new_code(self, branch: str, username: str, by: str, reason: str) -> Created:
        """A fresh setup code (the worker lost theirs before choosing a password); the branch
        ignores it once a password is chosen."""
        name = (username or "").strip().lower()
        with self._read() as session:
            row = _find(session, _branch(session, branch).code, name)
            if row is not None and _line(session, row).password_set:
                raise HqError(
                    "password_set", f"{name} at {row.branch} has chosen a password already (the "
                    "branch said so): a setup code would be ignored; nothing was changed",
                )  # fmt: skip
        code = new_setup_code()
        line = self._change(
            branch, username, by, reason, "account.code", setup_hash=self._hasher.hash(code)
        )
        return Created(line, code)

    def _change(
        self, branch: str, username: str, by: str, reason: str, action: str, **values: Any
    ) -> AccountLine:
        by, reason = _who(by), _reason(reason)
        name = (username or "").strip().lower()
        with self._write() as session:
            code = _branch(session, branch).code
            ledger = lock_ledger(session, code)
            row = _find(session, code, name)
            if row is None:
                raise HqError(
                    "no_account", f"HQ manages no account {name!r} at {code} (accounts made "
                    "at a branch are that branch's own)",
                )  # fmt: skip
            if "active" in values and row.active == values["active"]:
                state = "enabled" if row.active else "disabled"
                raise HqError("unchanged", f"{name} at {code} is already {state}: nothing was "
                              "changed")  # fmt: skip
            if "role" in values and row.role == values["role"]:
                raise HqError("unchanged", f"{name} at {code} is already {row.role}: nothing "
                              "was changed")  # fmt: skip
            detail: dict[str, Any] = {
                k: [getattr(row, k), v] for k, v in values.items() if k != "setup_hash"
            }
            for key, value in values.items():
                setattr(row, key, value)
            row.version += 1
            row.updated_at, row.updated_by = utcnow(), by
            self._decide(session, ledger, row, by, action, reason, detail)
            return _line(session, row)

    @staticmethod
    def _decide(
        session: Session, ledger: Any, row: HqAccountRow, by: str, action: str, reason: str,
        detail: dict[str, Any],
    ) -> None:  # fmt: skip
        record_decision(
            session, by=by, action=action, subject=f"account {row.branch} {row.username}",
            reason=reason, detail={"user_id": row.user_id, "version": row.version, **detail},
        )  # fmt: skip
        queue_down(session, ledger, account_line(row))


def _said(session: Session, rows: list[HqAccountRow]) -> dict[str, set[str]]:
    """What each account's branch said of it (its audit log, as HQ received it)."""
    said: dict[str, set[str]] = {r.user_id: set() for r in rows}
    ids = list(said)
    for start in range(0, len(ids), _CHUNK):
        found = session.execute(
            select(HqAuditRow.entity_id, HqAuditRow.branch, HqAuditRow.action).where(
                HqAuditRow.entity_id.in_(ids[start : start + _CHUNK]),
                ACCOUNT_ENTRIES,  # the partial index's condition, as a literal (PostgreSQL)
                HqAuditRow.action.in_(_BRANCH_SAID),
            )
        )
        branches = {r.user_id: r.branch for r in rows}
        for user_id, branch, action in found:
            if user_id is not None and branches.get(user_id) == branch:
                said[user_id].add(action)
    return said


def _lines(session: Session, rows: list[HqAccountRow]) -> list[AccountLine]:
    said = _said(session, rows)
    return [
        AccountLine(
            r.branch, r.username, r.user_id, r.display_name, r.role, r.active, r.version,
            r.updated_at, r.updated_by, "account.password_set" in said[r.user_id],
            "account.hq_refused" in said[r.user_id] and "account.from_hq" not in said[r.user_id],
        )
        for r in rows
    ]  # fmt: skip


def _line(session: Session, row: HqAccountRow) -> AccountLine:
    return _lines(session, [row])[0]


def _find(session: Session, branch: str, username: str) -> HqAccountRow | None:
    return session.scalar(
        select(HqAccountRow).where(HqAccountRow.branch == branch, HqAccountRow.username == username)
    )


def _branch(session: Session, code: str) -> HqBranchRow:
    row = session.get(HqBranchRow, (code or "").strip().upper())
    if row is None:
        raise HqError("no_branch", f"HQ knows no branch {code.strip().upper()!r}")
    return row


def _username(raw: str) -> str:
    try:
        return clean_username(raw)
    except DomainError:
        raise HqError(
            "bad_username", f"bad user name {raw!r}: 3 to 40 lower-case Latin letters, digits, "
            "'.', '_' or '-', starting with a letter",
        ) from None  # fmt: skip


def _display_name(raw: str) -> str:
    try:
        name = clean_line(raw, "display_name", DISPLAY_NAME_MAX_LENGTH)
    except DomainError:
        name = ""
    if not name or not any("\u0600" <= c <= "\u06ff" for c in name):
        raise HqError(
            "bad_name", f"give the worker's name in Arabic (--name-ar), one line of at most "
            f"{DISPLAY_NAME_MAX_LENGTH} characters",
        )  # fmt: skip
    return name


def _role(raw: str) -> str:
    value = (raw or "").strip().lower()
    if value not in ROLES:
        raise HqError("bad_role", f"unknown role {raw!r}: one of {', '.join(ROLES)}")
    return value


def _who(by: str) -> str:
    by = (by or "").strip()
    if not by or len(by) > 60:
        raise HqError("bad_reason", "say who decides (1 to 60 characters)")
    return by


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON or len(reason) > MAX_REASON:
        raise HqError("bad_reason", f"give a reason of {MIN_REASON} to {MAX_REASON} characters")
    return reason


__all__ = ["AccountDesk", "AccountLine", "Created", "account_line"]
