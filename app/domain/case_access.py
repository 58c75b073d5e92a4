"""Who may see and change a case: the access rules, enforced by the case services.

- Social worker: sees and edits the cases assigned to them; any other case needs a stated
  reason ("break the glass"), which opens it read-only for `BREAK_GLASS_HOURS` and is audited.
- Supervisor: sees every case of the branch and may edit, assign and approve closures; a
  sensitive case not assigned to them also needs a reason to open.
- Branch admin: manages users and settings, never case content (names always masked).
- Auditor: reads (sensitive cases by breaking the glass), never changes anything.
In lists, the names on a sensitive case are masked for anyone who may not read it right now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import clean_lines

BREAK_GLASS_HOURS = 3
BREAK_GLASS_PERIOD = timedelta(hours=BREAK_GLASS_HOURS)
MIN_REASON_LENGTH = 10
MAX_REASON_LENGTH = 2000
MASK = "•••"


class Access(StrEnum):
    EDIT = "edit"  # read and change
    READ = "read"  # read only
    NEEDS_REASON = "needs_reason"  # may break the glass with a reason
    NONE = "none"  # never (branch admin)


@dataclass(frozen=True, slots=True)
class CaseSubject:
    """The facts about a case that access depends on."""

    assigned_to: str | None
    sensitive: bool


def case_access(role: Role, user_id: str, case: CaseSubject, *, has_grant: bool) -> Access:
    """What `user_id` with `role` may do with `case` now (`has_grant`: glass broken lately)."""
    assigned = case.assigned_to == user_id
    if role == Role.BRANCH_ADMIN:
        return Access.NONE
    if role == Role.SOCIAL_WORKER:
        if assigned:
            return Access.EDIT
        return Access.READ if has_grant else Access.NEEDS_REASON
    if role == Role.SUPERVISOR:
        if assigned or not case.sensitive or has_grant:
            return Access.EDIT
        return Access.NEEDS_REASON
    if role == Role.AUDITOR:
        if not case.sensitive or has_grant:
            return Access.READ
        return Access.NEEDS_REASON
    return Access.NONE


def names_visible(role: Role, user_id: str, case: CaseSubject, *, has_grant: bool) -> bool:
    """Whether a list may show this case's names to the user (else they are masked)."""
    access = case_access(role, user_id, case, has_grant=has_grant)
    if access == Access.NONE:
        return False
    if not case.sensitive:
        return True
    return access in (Access.EDIT, Access.READ)


def sees_all_branch_cases(role: Role) -> bool:
    """Supervisors and auditors list every case of the branch; workers list their own."""
    return role in (Role.SUPERVISOR, Role.AUDITOR)


def reason_ok(reason: str) -> bool:
    return len((reason or "").strip()) >= MIN_REASON_LENGTH


def clean_glass_reason(raw: str) -> str:
    """The reason given to break the glass: at least MIN_REASON_LENGTH characters, storable."""
    reason = clean_lines(raw, "reason", MAX_REASON_LENGTH)
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(ErrorCode.REQUIRED, field="reason")
    return reason
