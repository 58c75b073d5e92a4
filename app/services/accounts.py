"""Offline login and local user accounts (argon2id, lockout after repeated failures)."""

from __future__ import annotations

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.audit import append_audit
from app.db.clock import new_id, utcnow
from app.db.models import UserRow
from app.domain.accounts import (
    LOCKOUT_MINUTES,
    MAX_FAILED_LOGINS,
    Role,
    check_password,
    clean_display_name,
    clean_username,
)
from app.domain.errors import DomainError, ErrorCode
from app.services.context import CurrentUser, ServiceContext
from app.services.dto import UserView


class AccountService:
    def __init__(self, ctx: ServiceContext, hasher: PasswordHasher | None = None) -> None:
        self._ctx = ctx
        self._hasher = hasher or PasswordHasher()  # argon2id, library defaults (RFC 9106)

    def has_users(self) -> bool:
        with self._ctx.db.read() as session:
            return bool(session.scalar(select(func.count()).select_from(UserRow)))

    def login(self, username: str, password: str) -> CurrentUser:
        """Check the password offline; lock the account after MAX_FAILED_LOGINS failures.

        Failures are committed (the count and the audit entry must survive) and then raised.
        An account HQ made whose worker has not chosen a password yet is refused with
        PASSWORD_NOT_SET once its one-time setup code checks out: `set_first_password` next.
        """
        return self._enter(username, password, None)

    def set_first_password(
        self, username: str, setup_code: str, password: str, again: str
    ) -> CurrentUser:
        """First login of an account HQ made: the one-time setup code HQ's officer handed the
        worker, then the worker's own password, twice (the usual rules). Logs in. HQ never
        learns the password; the branch's audit entry (which HQ receives) says it was set."""
        if password != again:
            raise DomainError(ErrorCode.PASSWORDS_DIFFER, field="confirm")
        check_password(password)
        if password == setup_code:
            raise DomainError(ErrorCode.PASSWORDS_DIFFER, field="password")
        return self._enter(username, setup_code, password)

    def _enter(self, username: str, secret: str, new_password: str | None) -> CurrentUser:
        name = (username or "").strip().lower()
        now = utcnow()
        failure: DomainError | None = None
        with self._ctx.db.transaction(None) as session:
            user = session.scalar(select(UserRow).where(UserRow.username == name))
            if user is None:
                append_audit(session, "login.failed", user_id=None, details={"username": name})
                failure = DomainError(ErrorCode.LOGIN_FAILED)
            elif not user.active:
                append_audit(session, "login.refused", user_id=user.id, details={"why": "disabled"})
                by_hq = user.hq_managed
                failure = DomainError(
                    ErrorCode.ACCOUNT_DISABLED_BY_HQ if by_hq else ErrorCode.ACCOUNT_DISABLED
                )
            elif user.locked_until is not None and user.locked_until > now:
                minutes = int((user.locked_until - now).total_seconds() // 60) + 1
                append_audit(session, "login.refused", user_id=user.id, details={"why": "locked"})
                failure = DomainError(ErrorCode.ACCOUNT_LOCKED, minutes=str(minutes))
            elif not self._verify(user.password_hash, secret):
                failure = self._failed_attempt(session, user, now)
            elif user.must_set_password and new_password is None:
                # The setup code is right: the worker now chooses a password (not counted as
                # a failure, not a login).
                user.failed_attempts = 0
                failure = DomainError(ErrorCode.PASSWORD_NOT_SET)
            elif new_password is not None and not user.must_set_password:
                failure = DomainError(ErrorCode.PERMISSION_DENIED)  # a password was chosen
            else:
                current = self._logged_in(session, user, secret, new_password, now)
        if failure is not None:
            raise failure
        self._ctx.user = current
        return current

    def _logged_in(
        self, session: Session, user: UserRow, secret: str, new_password: str | None, now: datetime
    ) -> CurrentUser:
        if new_password is not None:  # the first password of an account HQ made
            user.password_hash = self._hasher.hash(new_password)
            user.must_set_password = False
            append_audit(
                session, "account.password_set", user_id=user.id, entity="user",
                entity_id=user.id, details={"username": user.username},
            )  # fmt: skip
        elif self._hasher.check_needs_rehash(user.password_hash):
            user.password_hash = self._hasher.hash(secret)
        user.failed_attempts = 0
        user.locked_until = None
        user.last_login_at = now
        append_audit(session, "login", user_id=user.id)
        return CurrentUser(user.id, user.username, user.display_name, Role(user.role))

    @staticmethod
    def _failed_attempt(session: Session, user: UserRow, now: datetime) -> DomainError:
        user.failed_attempts += 1
        append_audit(
            session, "login.failed", user_id=user.id, details={"attempt": user.failed_attempts}
        )
        if user.failed_attempts >= MAX_FAILED_LOGINS:
            user.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
            user.failed_attempts = 0
            append_audit(session, "account.locked", user_id=user.id)
            return DomainError(ErrorCode.ACCOUNT_LOCKED, minutes=str(LOCKOUT_MINUTES))
        return DomainError(ErrorCode.LOGIN_FAILED)

    def still_allowed(self) -> bool:
        """Is the logged-in account still enabled? (HQ may disable it at any sync.)"""
        if self._ctx.user is None:
            return False
        with self._ctx.db.read() as session:
            active = session.scalar(select(UserRow.active).where(UserRow.id == self._ctx.user.id))
        return bool(active)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password or "")
        except (VerificationError, InvalidHashError):
            return False

    def logout(self) -> None:
        if self._ctx.user is not None:
            with self._ctx.db.transaction(None) as session:
                append_audit(session, "logout", user_id=self._ctx.user.id)
        self._ctx.user = None

    def verify_password(self, password: str) -> bool:
        """Unlock after idle: the logged-in user's password, without a new login entry."""
        if self._ctx.user is None:
            return False
        with self._ctx.db.read() as session:
            user = session.get(UserRow, self._ctx.user.id)
            if user is None or not user.active:  # disabled since (by HQ, at a sync)
                return False
            return self._verify(user.password_hash, password)

    def create_user(
        self,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        *,
        is_demo: bool = False,
        by_admin: bool = True,
    ) -> UserView:
        """A branch admin adds a user; the very first admin is created without one."""
        name = clean_username(username)
        check_password(password)
        display = clean_display_name(display_name, name)
        with self._ctx.db.transaction(None) as session:
            first = not session.scalar(select(func.count()).select_from(UserRow))
            if by_admin and not first:
                self._ctx.require(Role.BRANCH_ADMIN)
            if first and role is not Role.BRANCH_ADMIN:
                raise DomainError(ErrorCode.PERMISSION_DENIED, field="role")
            if session.scalar(select(UserRow.id).where(UserRow.username == name)):
                raise DomainError(ErrorCode.USERNAME_TAKEN, field="username")
            row = UserRow(
                id=new_id(),
                username=name,
                display_name=display,
                role=role.value,
                password_hash=self._hasher.hash(password),
                failed_attempts=0,
                active=True,
                is_demo=is_demo,
                created_at=utcnow(),
            )
            session.add(row)
            append_audit(
                session,
                "user.create",
                user_id=self._ctx.user.id if self._ctx.user else row.id,
                entity="user",
                entity_id=row.id,
                details={"username": name, "role": role.value},
            )
            return _user_view(row)

    def unlock(self, username: str) -> None:
        """Lift a lockout. In the app only a branch admin may; the command line runs as the
        machine's operator (who could edit the database file anyway)."""
        if self._ctx.user is not None:
            self._ctx.require(Role.BRANCH_ADMIN)
        with self._ctx.db.transaction(None) as session:
            user = session.scalar(select(UserRow).where(UserRow.username == username.lower()))
            if user is None:
                raise DomainError(ErrorCode.NOT_FOUND, field="username")
            user.locked_until = None
            user.failed_attempts = 0
            append_audit(
                session,
                "account.unlocked",
                user_id=self._ctx.user.id if self._ctx.user else None,
                entity="user",
                entity_id=user.id,
            )

    def list_users(self) -> list[UserView]:
        with self._ctx.db.read() as session:
            return [
                _user_view(r) for r in session.scalars(select(UserRow).order_by(UserRow.username))
            ]


def _user_view(row: UserRow) -> UserView:
    return UserView(
        row.id, row.username, row.display_name, row.role, row.active, row.locked_until,
        row.is_demo, row.hq_managed, row.must_set_password,
    )  # fmt: skip
