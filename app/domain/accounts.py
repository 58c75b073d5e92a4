"""Local user accounts: roles, username and password rules, lockout policy."""

from __future__ import annotations

import re
from enum import StrEnum

from app.domain.errors import DomainError, ErrorCode
from app.domain.field_checks import clean_line

MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
DISPLAY_NAME_MAX_LENGTH = 120  # the users.display_name column
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{2,39}$")


class Role(StrEnum):
    SOCIAL_WORKER = "social_worker"
    SUPERVISOR = "supervisor"
    BRANCH_ADMIN = "branch_admin"
    AUDITOR = "auditor"


def clean_username(raw: str) -> str:
    name = (raw or "").strip().lower()
    if not _USERNAME.match(name):
        raise DomainError(ErrorCode.USERNAME_FORMAT, field="username")
    return name


def clean_display_name(raw: str, username: str) -> str:
    """The name shown for a user (one line); the user name when none is given."""
    return clean_line(raw, "display_name", DISPLAY_NAME_MAX_LENGTH) or username


def check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise DomainError(
            ErrorCode.PASSWORD_TOO_SHORT, field="password", min=str(MIN_PASSWORD_LENGTH)
        )
    return password


def parse_role(raw: str) -> Role:
    try:
        return Role((raw or "").strip().lower())
    except ValueError:
        raise DomainError(ErrorCode.INVALID_CHOICE, field="role") from None
