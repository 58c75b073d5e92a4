"""What every service needs: the database, the clock, the branch, and who is logged in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.db.capture import Actor
from app.db.unit_of_work import Database
from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: str
    username: str
    display_name: str
    role: Role


@dataclass(slots=True)
class ServiceContext:
    db: Database
    data_dir: Path
    branch_code: str
    today: Callable[[], date] = date.today
    user: CurrentUser | None = field(default=None)

    def actor(self) -> Actor:
        if self.user is None:
            raise DomainError(ErrorCode.PERMISSION_DENIED)
        return Actor(user_id=self.user.id, branch_code=self.branch_code)

    def require(self, *roles: Role) -> CurrentUser:
        if self.user is None or (roles and self.user.role not in roles):
            raise DomainError(ErrorCode.PERMISSION_DENIED)
        return self.user
