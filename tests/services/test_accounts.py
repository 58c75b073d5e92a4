"""Offline login and local accounts (AccountService)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.audit import first_broken_entry
from app.db.models import AuditRow, UserRow
from app.domain.accounts import LOCKOUT_MINUTES, MAX_FAILED_LOGINS, Role
from app.domain.errors import DomainError, ErrorCode
from app.services import accounts as accounts_module
from app.services.setup import AppServices, initialize_branch, open_branch
from tests.conftest import FAST_HASHER, TODAY
from tests.services.people import row_counts

pytestmark = pytest.mark.db


def _audit(services: AppServices) -> list[tuple[str, str | None]]:
    with services.ctx.db.read() as session:
        return [
            (r.action, r.user_id) for r in session.scalars(select(AuditRow).order_by(AuditRow.seq))
        ]


def _user(services: AppServices, username: str) -> tuple[str, int, datetime | None]:
    with services.ctx.db.read() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username))
        assert row is not None
        return row.id, row.failed_attempts, row.locked_until


def _login_fails(services: AppServices, username: str, password: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        services.accounts.login(username, password)
    assert services.ctx.user is None
    return caught.value


def test_login(services: AppServices) -> None:
    user = services.accounts.login("  Worker ", "worker-demo-2026")
    assert (user.username, user.role) == ("worker", Role.SOCIAL_WORKER)
    assert services.ctx.user == user
    assert _audit(services)[-1] == ("login", user.id)


def test_wrong_password_and_unknown_user(services: AppServices) -> None:
    worker_id = _user(services, "worker")[0]
    assert _login_fails(services, "worker", "wrong-password").code is ErrorCode.LOGIN_FAILED
    assert _login_fails(services, "nobody", "worker-demo-2026").code is ErrorCode.LOGIN_FAILED
    assert _login_fails(services, "worker", "").code is ErrorCode.LOGIN_FAILED
    assert _audit(services)[-3:] == [
        ("login.failed", worker_id),
        ("login.failed", None),
        ("login.failed", worker_id),
    ]
    assert _user(services, "worker")[1] == 2


def test_lockout_after_five_failures(services: AppServices) -> None:
    assert MAX_FAILED_LOGINS == 5  # issue 2: "lockout after 5 failed attempts"
    worker_id = _user(services, "worker")[0]
    for _ in range(4):
        assert _login_fails(services, "worker", "bad-guess").code is ErrorCode.LOGIN_FAILED
    locked = _login_fails(services, "worker", "bad-guess")
    assert locked.code is ErrorCode.ACCOUNT_LOCKED
    assert locked.params == {"minutes": str(LOCKOUT_MINUTES)}
    # Even the right password is refused while locked.
    refused = _login_fails(services, "worker", "worker-demo-2026")
    assert refused.code is ErrorCode.ACCOUNT_LOCKED
    assert _audit(services)[-(MAX_FAILED_LOGINS + 2) :] == [
        *[("login.failed", worker_id)] * MAX_FAILED_LOGINS,
        ("account.locked", worker_id),
        ("login.refused", worker_id),
    ]
    # Other accounts are not affected.
    services.accounts.login("supervisor", "supervisor-demo-2026")
    with services.ctx.db.read() as session:
        assert first_broken_entry(session) is None


def test_lock_expires(services: AppServices, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        _login_fails(services, "worker", "bad-guess")
    locked_until = _user(services, "worker")[2]
    assert locked_until is not None
    monkeypatch.setattr(accounts_module, "utcnow", lambda: locked_until - timedelta(seconds=1))
    assert _login_fails(services, "worker", "worker-demo-2026").code is ErrorCode.ACCOUNT_LOCKED
    monkeypatch.setattr(accounts_module, "utcnow", lambda: locked_until + timedelta(seconds=1))
    assert services.accounts.login("worker", "worker-demo-2026").username == "worker"
    assert _user(services, "worker")[1:] == (0, None)


def test_success_resets_the_failure_count(services: AppServices) -> None:
    for _ in range(MAX_FAILED_LOGINS - 1):
        _login_fails(services, "worker", "bad-guess")
    services.accounts.login("worker", "worker-demo-2026")
    services.accounts.logout()
    for _ in range(MAX_FAILED_LOGINS - 1):
        assert _login_fails(services, "worker", "bad-guess").code is ErrorCode.LOGIN_FAILED
    assert _user(services, "worker")[2] is None


def test_unlock(services: AppServices) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        _login_fails(services, "worker", "bad-guess")
    services.accounts.login("admin", "admin-demo-2026")
    admin_id = services.ctx.user.id  # type: ignore[union-attr]
    services.accounts.unlock("worker")
    assert _audit(services)[-1] == ("account.unlocked", admin_id)
    services.accounts.logout()
    assert services.accounts.login("worker", "worker-demo-2026").username == "worker"
    with pytest.raises(DomainError) as refused:
        services.accounts.unlock("supervisor")  # only a branch admin unlocks in the app
    assert refused.value.code is ErrorCode.PERMISSION_DENIED
    services.accounts.logout()
    services.accounts.login("admin", "admin-demo-2026")
    with pytest.raises(DomainError) as caught:
        services.accounts.unlock("nobody")
    assert caught.value.code is ErrorCode.NOT_FOUND


def test_disabled_account(services: AppServices) -> None:
    with services.ctx.db.transaction(None) as session:
        row = session.scalar(select(UserRow).where(UserRow.username == "worker"))
        assert row is not None
        row.active = False
    assert _login_fails(services, "worker", "worker-demo-2026").code is ErrorCode.ACCOUNT_DISABLED


def test_logout_and_idle_unlock(services: AppServices) -> None:
    user = services.accounts.login("worker", "worker-demo-2026")
    assert services.accounts.verify_password("worker-demo-2026")
    assert not services.accounts.verify_password("nope")
    services.accounts.logout()
    assert services.ctx.user is None
    assert _audit(services)[-1] == ("logout", user.id)
    assert not services.accounts.verify_password("worker-demo-2026")


def test_passwords_are_argon2id_hashes(services: AppServices) -> None:
    with services.ctx.db.read() as session:
        hashes = list(session.scalars(select(UserRow.password_hash)))
    assert hashes
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any("demo-2026" in h for h in hashes)


def test_branch_admin_creates_users(services: AppServices) -> None:
    services.accounts.login("admin", "admin-demo-2026")
    view = services.accounts.create_user("Salma.T", "سلمى", Role.SUPERVISOR, "long-enough-1")
    assert (view.username, view.role, view.is_demo, view.active) == (
        "salma.t",
        "supervisor",
        False,
        True,
    )
    assert "salma.t" in [u.username for u in services.accounts.list_users()]
    assert _audit(services)[-1][0] == "user.create"
    services.accounts.logout()
    assert services.accounts.login("salma.t", "long-enough-1").role is Role.SUPERVISOR


@pytest.mark.parametrize("who", [None, "worker", "supervisor"])
def test_only_a_branch_admin_creates_users(services: AppServices, who: str | None) -> None:
    if who:
        services.accounts.login(who, f"{who}-demo-2026")
    before = row_counts(services)
    with pytest.raises(DomainError) as caught:
        services.accounts.create_user("newbie", "", Role.SOCIAL_WORKER, "long-enough-1")
    assert caught.value.code is ErrorCode.PERMISSION_DENIED
    assert row_counts(services) == before


@pytest.mark.parametrize(
    ("username", "password", "code"),
    [
        ("ab", "long-enough-1", ErrorCode.USERNAME_FORMAT),
        ("سلمى", "long-enough-1", ErrorCode.USERNAME_FORMAT),
        ("1salma", "long-enough-1", ErrorCode.USERNAME_FORMAT),
        ("salma", "short", ErrorCode.PASSWORD_TOO_SHORT),
        ("worker", "long-enough-1", ErrorCode.USERNAME_TAKEN),
        ("WORKER", "long-enough-1", ErrorCode.USERNAME_TAKEN),
    ],
)
def test_username_and_password_rules(
    services: AppServices, username: str, password: str, code: ErrorCode
) -> None:
    services.accounts.login("admin", "admin-demo-2026")
    before = row_counts(services)
    with pytest.raises(DomainError) as caught:
        services.accounts.create_user(username, "", Role.SOCIAL_WORKER, password)
    assert caught.value.code is code
    assert row_counts(services) == before


def test_first_admin_of_a_real_branch(tmp_path: Path) -> None:
    folder = tmp_path / "real"
    initialize_branch(folder, "trp01", "فرع طرابلس")
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    try:
        assert services.ctx.branch_code == "TRP01"
        assert not services.is_demo
        assert not services.accounts.has_users()  # a real branch has no default accounts
        assert _login_fails(services, "admin", "admin-demo-2026").code is ErrorCode.LOGIN_FAILED
        with pytest.raises(DomainError) as caught:  # the first account must be an admin
            services.accounts.create_user("worker1", "", Role.SOCIAL_WORKER, "long-enough-1")
        assert caught.value.code is ErrorCode.PERMISSION_DENIED
        assert not services.accounts.has_users()
        first = services.accounts.create_user("boss", "المدير", Role.BRANCH_ADMIN, "long-enough-1")
        assert (first.role, first.is_demo) == ("branch_admin", False)
        with pytest.raises(DomainError) as caught:  # from now on an admin must be logged in
            services.accounts.create_user("boss2", "", Role.BRANCH_ADMIN, "long-enough-1")
        assert caught.value.code is ErrorCode.PERMISSION_DENIED
        assert services.accounts.login("boss", "long-enough-1").role is Role.BRANCH_ADMIN
    finally:
        services.close()


def test_demo_branch_has_the_readme_accounts(services: AppServices) -> None:
    assert services.is_demo
    users = {u.username: u for u in services.accounts.list_users()}
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([a-z0-9]+)` \| `([a-z0-9-]+)` \|", readme, re.M))
    assert set(users) == set(listed) == {"admin", "supervisor", "worker", "worker2", "auditor"}
    for username, password in listed.items():
        assert services.accounts.login(username, password).username == username
    assert all(u.is_demo for u in users.values())
    assert users["admin"].role == Role.BRANCH_ADMIN.value
