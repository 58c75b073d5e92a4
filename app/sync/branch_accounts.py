"""At a branch: HQ's "account" answer lines create, disable, enable and re-role the staff
accounts HQ manages (docs/registry.md, "Staff accounts from HQ").

A line carries the whole account at one version: its id (the same at HQ and at the branch),
user name, name, role, whether it is enabled, and the argon2 hash of the one-time setup code
the officer handed the worker. The rules, in order:

- a line of the wrong shape is skipped, nothing written;
- HQ's lines only ever touch accounts HQ made: if the branch already has an account of that
  user name made here (or any other account with that name or id), the line is refused, the
  branch's account is left exactly as it was, and the refusal is written to the audit log
  (which reaches HQ: `sanad hq users list` shows it);
- a new account is created with NO password: it must be given a password by its worker at
  first login (the setup code proves who they are);
- a line whose version is not newer than the last one applied changes nothing: a replayed or
  late old line never re-enables an account nor undoes a re-role;
- a newer line sets the name, role and state; a new setup code replaces the old one only while
  the worker has not chosen a password (HQ never touches a password once chosen).

A disabled account cannot log in, nor unlock the idle-locked screen (app.services.accounts).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit import append_audit
from app.db.clock import utcnow
from app.db.models import UserRow
from app.domain.accounts import DISPLAY_NAME_MAX_LENGTH, Role, clean_username
from app.domain.errors import DomainError

ACCOUNT = "account"
_SETUP_PREFIX = "$argon2"


def _fields(line: dict[str, Any]) -> tuple[str, str, str, str, bool, int, str] | None:
    user_id, username, name = line.get("user_id"), line.get("username"), line.get("display_name")
    role, active, version, setup = (
        line.get("role"), line.get("active"), line.get("version"), line.get("setup"),
    )  # fmt: skip
    if not (isinstance(user_id, str) and 0 < len(user_id) <= 36):
        return None
    if not (isinstance(name, str) and 0 < len(name) <= DISPLAY_NAME_MAX_LENGTH):
        return None
    if not isinstance(username, str) or role not in {r.value for r in Role}:
        return None
    try:
        if clean_username(username) != username:
            return None
    except DomainError:
        return None
    if not isinstance(active, bool) or isinstance(version, bool) or not isinstance(version, int):
        return None
    if not 0 < version < 2**31 or not isinstance(setup, str):
        return None
    if not (setup.startswith(_SETUP_PREFIX) and len(setup) <= 200):
        return None
    return user_id, username, name, str(role), active, version, setup


def apply_account(session: Session, line: dict[str, Any]) -> bool:
    """Apply one account line; False if it was skipped (wrong shape) or refused."""
    fields = _fields(line)
    if fields is None:
        return False
    user_id, username, name, role, active, version, setup = fields
    by_name = session.scalar(select(UserRow).where(UserRow.username == username))
    row = session.get(UserRow, user_id)
    if (by_name is not None and by_name.id != user_id) or (row is not None and not row.hq_managed):
        # The user name (or id) belongs to an account made at this branch: never HQ's to take.
        append_audit(
            session, "account.hq_refused", user_id=None, entity="user", entity_id=user_id,
            details={"username": username, "version": version, "why": "name_taken"},
        )  # fmt: skip
        return False
    if row is None:
        session.add(UserRow(
            id=user_id, username=username, display_name=name, role=role, password_hash=setup,
            failed_attempts=0, active=active, is_demo=False, created_at=utcnow(),
            hq_managed=True, hq_version=version, must_set_password=True,
        ))  # fmt: skip
        session.flush()
        append_audit(
            session, "account.from_hq", user_id=None, entity="user", entity_id=user_id,
            details={"username": username, "role": role, "active": active, "version": version},
        )  # fmt: skip
        return True
    if row.hq_version is not None and version <= row.hq_version:
        return False  # an old line (a replay, a late copy): what is newer stays
    changed = {
        key: [old, new]
        for key, old, new in (
            ("display_name", row.display_name, name), ("role", row.role, role),
            ("active", row.active, active),
        )
        if old != new
    }  # fmt: skip
    row.display_name, row.role, row.active, row.hq_version = name, role, active, version
    if row.must_set_password and row.password_hash != setup:
        row.password_hash, row.failed_attempts, row.locked_until = setup, 0, None
        changed["setup_code"] = ["old", "new"]
    append_audit(
        session, "account.hq_change", user_id=None, entity="user", entity_id=user_id,
        details={"username": row.username, "version": version, "changes": changed},
    )  # fmt: skip
    return True
