"""Staff accounts from HQ: `sanad hq users` creates, disables, enables and re-roles a branch's
accounts; each change reaches that branch alone (HTTP and USB), signed in HQ's answer; a new
account's worker chooses their own password at first login; a disabled account cannot log in
after the next sync; old lines never undo newer ones; the branch's own accounts are never
HQ's to touch.

Real branches sync with HQ over its HTTP app in-process, on SQLite and PostgreSQL (marked pg).
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db.account_models import HqAccountRow
from app.db.models import AuditRow, UserRow
from app.db.registry_models import HqDecisionRow
from app.db.sync_models import HqDownQueueRow
from app.domain.accounts import Role
from app.domain.errors import DomainError, ErrorCode
from app.hq.accounts import AccountDesk, Created
from app.hq.decisions import verify_chain
from app.hq.enrollment import HqError
from app.services.accounts import AccountService
from app.services.context import CurrentUser
from app.services.setup import open_branch
from app.services.sync import SyncService
from app.sync.branch_accounts import apply_account
from tests.conftest import FAST_HASHER, TODAY
from tests.sync.world import ADMIN, Hq, SyncBranch, make_branch_template, world

pytestmark = [pytest.mark.db, pytest.mark.sync]

NAME = "سالم محمد الورفلي"
PASSWORD = "salem-own-pass-1"
REASON = "انتقل إلى فرع آخر"


@pytest.fixture(scope="module")
def accounts_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_branch_template(tmp_path_factory.mktemp("accounts-template") / "branch")


@dataclass
class Staff:
    hq: Hq
    a: SyncBranch  # TRP01
    b: SyncBranch  # BEN01
    url: str

    @property
    def desk(self) -> AccountDesk:
        return AccountDesk.of(self.hq.service, FAST_HASHER)

    def cli(self, *argv: str) -> int:
        return main(["hq", *argv, "--hq-dir", str(self.hq.home.root), "--db", self.url])

    def create(self, username: str = "salem", role: str = "social_worker") -> Created:
        return self.desk.create("TRP01", username, NAME, role, "officer-1")

    def hq_books(self) -> tuple[int, int, list[tuple[str, str, bool, int]]]:
        """Decisions, down lines and accounts at HQ: what a refusal must leave as it was."""
        with self.hq.service._read() as session:
            decisions = session.scalar(select(func.count()).select_from(HqDecisionRow)) or 0
            lines = session.scalar(select(func.count()).select_from(HqDownQueueRow)) or 0
            accounts = [
                (r.username, r.role, r.active, r.version)
                for r in session.scalars(select(HqAccountRow).order_by(HqAccountRow.id))
            ]
        return decisions, lines, accounts


@pytest.fixture
def staff(central_url: str, tmp_path: Path, accounts_template: Path) -> Iterator[Staff]:
    with world(tmp_path, central_url, accounts_template, ["TRP01", "BEN01"]) as (hq, branches):
        a, b = branches
        yield Staff(hq, a, b, central_url)


def desk_accounts(branch: SyncBranch) -> AccountService:
    """The login desk of `branch`: a service context of its own (the admin stays logged in
    on the branch's services, which sync)."""
    ctx = dataclasses.replace(branch.services.ctx, user=None)
    return AccountService(ctx, FAST_HASHER)


def user_row(branch: SyncBranch, username: str) -> UserRow | None:
    with branch.services.ctx.db.read() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == username))
        if row is not None:
            session.expunge(row)  # a snapshot, read after the session ends
        return row


def refused(branch: SyncBranch, username: str, password: str) -> ErrorCode:
    with pytest.raises(DomainError) as caught:
        desk_accounts(branch).login(username, password)
    return caught.value.code


def first_login(branch: SyncBranch, username: str, code: str) -> CurrentUser:
    desk = desk_accounts(branch)
    with pytest.raises(DomainError) as caught:
        desk.login(username, code)
    assert caught.value.code is ErrorCode.PASSWORD_NOT_SET
    return desk.set_first_password(username, code, PASSWORD, PASSWORD)


def test_a_new_account_reaches_its_branch_and_its_worker_sets_a_password(staff: Staff) -> None:
    made = staff.create()
    assert len(made.setup_code) == 14 and made.account.version == 1
    assert user_row(staff.a, "salem") is None  # not before the branch syncs
    staff.a.sync.sync_now()
    staff.b.sync.sync_now()
    assert user_row(staff.b, "salem") is None  # to that branch only
    row = user_row(staff.a, "salem")
    assert row is not None and row.id == made.account.user_id
    assert (row.hq_managed, row.must_set_password, row.role, row.display_name, row.active) == (
        True, True, "social_worker", NAME, True,
    )  # fmt: skip
    assert made.setup_code not in row.password_hash  # only its hash travelled

    # The worker: a wrong code is an ordinary failed login; the right code asks for a password.
    assert refused(staff.a, "salem", "not-the-code") is ErrorCode.LOGIN_FAILED
    assert refused(staff.a, "salem", made.setup_code) is ErrorCode.PASSWORD_NOT_SET
    desk = desk_accounts(staff.a)
    with pytest.raises(DomainError) as short:
        desk.set_first_password("salem", made.setup_code, "short", "short")
    assert short.value.code is ErrorCode.PASSWORD_TOO_SHORT
    with pytest.raises(DomainError) as differ:
        desk.set_first_password("salem", made.setup_code, PASSWORD, PASSWORD + "x")
    assert differ.value.code is ErrorCode.PASSWORDS_DIFFER
    with pytest.raises(DomainError) as bad_code:
        desk.set_first_password("salem", "wrong-code-1", PASSWORD, PASSWORD)
    assert bad_code.value.code is ErrorCode.LOGIN_FAILED
    user = desk.set_first_password("salem", made.setup_code, PASSWORD, PASSWORD)
    assert (user.username, user.role) == ("salem", Role.SOCIAL_WORKER)
    assert desk_accounts(staff.a).login("salem", PASSWORD).id == made.account.user_id
    assert refused(staff.a, "salem", made.setup_code) is ErrorCode.LOGIN_FAILED
    with pytest.raises(DomainError):  # the password is chosen once; HQ's code is spent
        desk.set_first_password("salem", PASSWORD, "another-pass-2", "another-pass-2")

    # HQ hears that a password was set (the branch's audit log), never the password.
    assert staff.desk.accounts("TRP01")[0].password_set is False
    staff.a.sync.sync_now()
    [listed] = staff.desk.accounts("TRP01")
    assert listed.password_set and not listed.refused
    with pytest.raises(HqError, match="has chosen a password already"):
        staff.desk.new_code("TRP01", "salem", "officer-1", REASON)
    with staff.hq.service._read() as session:
        assert verify_chain(session) is None
        actions = session.scalars(select(HqDecisionRow.action).order_by(HqDecisionRow.id)).all()
    assert actions == ["reference_publish", "account.create"]  # HQ's start, then the officer


def test_a_new_account_reaches_its_branch_by_usb(staff: Staff) -> None:
    made = staff.create()
    [result] = staff.hq.service.import_files(staff.a.export())
    assert result.outcome == "applied" and result.receipt is not None
    staff.a.sync.import_file(result.receipt)
    assert first_login(staff.a, "salem", made.setup_code).username == "salem"
    staff.desk.disable("TRP01", "salem", "officer-1", REASON)
    [result] = staff.hq.service.import_files(staff.a.export())
    assert result.receipt is not None
    staff.a.sync.import_file(result.receipt)
    assert refused(staff.a, "salem", PASSWORD) is ErrorCode.ACCOUNT_DISABLED_BY_HQ


def test_a_disabled_account_cannot_log_in_after_the_next_sync(staff: Staff) -> None:
    made = staff.create()
    staff.a.sync.sync_now()
    first_login(staff.a, "salem", made.setup_code)
    working = desk_accounts(staff.a)
    working.login("salem", PASSWORD)  # at the desk, logged in, when HQ disables the account
    line = staff.desk.disable("TRP01", "salem", "officer-1", REASON)
    assert (line.active, line.version) == (False, 2)
    assert desk_accounts(staff.a).login("salem", PASSWORD)  # offline: until the branch syncs
    staff.a.sync.sync_now()
    assert refused(staff.a, "salem", PASSWORD) is ErrorCode.ACCOUNT_DISABLED_BY_HQ
    # The open session ends at the idle lock: it cannot be unlocked, and the app asks.
    assert working.verify_password(PASSWORD) is False
    assert working.still_allowed() is False
    # The branch's own accounts keep working.
    assert desk_accounts(staff.a).login("boss", "password-123").role is Role.BRANCH_ADMIN

    staff.desk.enable("TRP01", "salem", "officer-1", "عاد إلى العمل في الفرع")
    staff.a.sync.sync_now()
    assert desk_accounts(staff.a).login("salem", PASSWORD).username == "salem"
    with staff.hq.service._read() as session:
        decided = session.scalars(
            select(HqDecisionRow.action)
            .where(HqDecisionRow.action != "reference_publish")  # HQ's own, as it started
            .order_by(HqDecisionRow.id)
        ).all()
    assert decided == ["account.create", "account.disable", "account.enable"]


def test_a_re_role_takes_effect_at_the_next_login(staff: Staff) -> None:
    made = staff.create()
    staff.a.sync.sync_now()
    first_login(staff.a, "salem", made.setup_code)
    line = staff.desk.set_role("TRP01", "salem", "supervisor", "officer-1", "ترقية إلى مشرف")
    assert (line.role, line.version) == ("supervisor", 2)
    staff.a.sync.sync_now()
    assert desk_accounts(staff.a).login("salem", PASSWORD).role is Role.SUPERVISOR


def test_replayed_and_old_lines_do_not_re_enable(staff: Staff, tmp_path: Path) -> None:
    made = staff.create()
    staff.a.sync.sync_now()
    first_login(staff.a, "salem", made.setup_code)
    staff.desk.disable("TRP01", "salem", "officer-1", REASON)
    [result] = staff.hq.service.import_files(staff.a.export())
    assert result.receipt is not None
    kept = tmp_path / "old-answer.receipt.sanad"
    shutil.copyfile(result.receipt, kept)
    staff.a.sync.import_file(result.receipt)
    staff.desk.enable("TRP01", "salem", "officer-1", "عاد إلى العمل في الفرع")
    staff.desk.disable("TRP01", "salem", "officer-1", "غادر الفرع نهائيا")
    staff.a.sync.sync_now()
    assert refused(staff.a, "salem", PASSWORD) is ErrorCode.ACCOUNT_DISABLED_BY_HQ
    # The stick's old answer again: already applied, nothing changes.
    again = staff.a.sync.import_file(kept)
    assert again.applied == 0
    assert refused(staff.a, "salem", PASSWORD) is ErrorCode.ACCOUNT_DISABLED_BY_HQ
    # An old line under a new number (a late copy): its version is behind, it is ignored.
    with staff.hq.service._read() as session:
        lines = [json.loads(r) for r in session.scalars(select(HqDownQueueRow.line))]
    enabling = [x for x in lines if x.get("kind") == "account" and x["active"]]
    assert [x["version"] for x in enabling] == [1, 3]  # created, then enabled again
    with staff.a.services.ctx.db.transaction(None) as session:
        assert [apply_account(session, x) for x in enabling] == [False, False]
    row = user_row(staff.a, "salem")
    assert row is not None and (row.active, row.hq_version) == (False, 4)


def test_the_branch_s_own_account_is_never_taken_over(staff: Staff) -> None:
    before = user_row(staff.a, "casewrk")  # made at the branch
    assert before is not None and not before.hq_managed
    staff.create("casewrk", "branch_admin")
    staff.a.sync.sync_now()
    staff.desk.disable("TRP01", "casewrk", "officer-1", REASON)
    staff.a.sync.sync_now()
    after = user_row(staff.a, "casewrk")
    assert after is not None
    assert (after.id, after.role, after.active, after.password_hash, after.hq_managed) == (
        before.id, before.role, True, before.password_hash, False,
    )  # fmt: skip
    assert desk_accounts(staff.a).login("casewrk", "password-123").role is Role.SOCIAL_WORKER
    with staff.a.services.ctx.db.read() as session:
        refusals = session.scalar(
            select(func.count())
            .select_from(AuditRow)
            .where(AuditRow.action == "account.hq_refused")
        )
    assert refusals == 2
    staff.a.sync.sync_now()  # HQ hears of it
    [listed] = staff.desk.accounts("TRP01")
    assert listed.refused and not listed.password_set


def test_malformed_lines_are_skipped(staff: Staff) -> None:
    made = staff.create()
    staff.a.sync.sync_now()
    row = user_row(staff.a, "salem")
    assert row is not None
    good = {
        "kind": "account", "user_id": "0193aaaa-0000-7000-8000-000000000001", "username": "nadia",
        "display_name": "نادية", "role": "auditor", "active": True, "version": 1,
        "setup": row.password_hash,
    }  # fmt: skip
    bad_lines = [
        {**good, "username": "Nadia Ali"}, {**good, "role": "hq_admin"}, {**good, "version": 0},
        {**good, "active": "yes"}, {**good, "setup": "plain-code"}, {**good, "display_name": ""},
        {**good, "user_id": None}, {**good, "version": True},
    ]  # fmt: skip
    with staff.a.services.ctx.db.transaction(None) as session:
        assert [apply_account(session, line) for line in bad_lines] == [False] * len(bad_lines)
    assert user_row(staff.a, "nadia") is None
    assert made.account.user_id == row.id


def test_refusals_change_nothing(staff: Staff) -> None:
    staff.create()
    books = staff.hq_books()
    desk = staff.desk
    cases: list[tuple[str, object]] = [
        ("no branch 'XXX01'", lambda: staff.desk.create("XXX01", "nadia", NAME, "auditor", "o1")),
        ("unknown role 'boss'", lambda: staff.desk.create("TRP01", "nadia", NAME, "boss", "o1")),
        ("bad user name", lambda: staff.desk.create("TRP01", "Nadia Ali", NAME, "auditor", "o1")),
        ("in Arabic", lambda: staff.desk.create("TRP01", "nadia", "Nadia", "auditor", "o1")),
        ("already manages", lambda: staff.desk.create("trp01", "SALEM", NAME, "auditor", "o1")),
        ("no account 'nobody'", lambda: staff.desk.disable("TRP01", "nobody", "o1", REASON)),
        ("no account 'salem' at BEN01", lambda: staff.desk.disable("BEN01", "salem", "o1", REASON)),
        ("no account 'boss'", lambda: staff.desk.disable("TRP01", "boss", "o1", REASON)),
        ("already enabled", lambda: staff.desk.enable("TRP01", "salem", "o1", REASON)),
        (
            "already social_worker",
            lambda: desk.set_role("TRP01", "salem", "social_worker", "o1", REASON),
        ),
        ("unknown role 'chief'", lambda: desk.set_role("TRP01", "salem", "chief", "o1", REASON)),
        ("reason", lambda: staff.desk.disable("TRP01", "salem", "o1", "no")),
        ("who decides", lambda: staff.desk.disable("TRP01", "salem", " ", REASON)),
    ]
    for expected, call in cases:
        with pytest.raises(HqError, match=expected):
            call()  # type: ignore[operator]
    assert staff.hq_books() == books
    staff.desk.disable("TRP01", "salem", "o1", REASON)
    with pytest.raises(HqError, match="already disabled: nothing was changed"):
        staff.desk.disable("TRP01", "salem", "o2", REASON)


def test_the_commands(staff: Staff, capsys: pytest.CaptureFixture[str]) -> None:
    assert staff.cli("users", "list") == 0
    assert capsys.readouterr().out == "HQ manages no accounts\n"
    args = ("users", "create", "TRP01", "salem", "--name-ar", NAME, "--role", "auditor")
    assert staff.cli(*args, "--by", "officer-1", "--json") == 0
    made = json.loads(capsys.readouterr().out)
    assert (made["username"], made["role"], made["active"]) == ("salem", "auditor", True)
    code = made["setup_code"]
    assert staff.cli(*args) == 2
    assert capsys.readouterr().err.startswith("sanad: HQ already manages an account salem")
    assert staff.cli("users", "create", "TRP01", "nadia", "--name-ar", NAME, "--role", "x") == 2
    err = capsys.readouterr().err
    assert err == (
        "sanad: unknown role 'x': one of social_worker, supervisor, branch_admin, auditor\n"
    )
    assert staff.cli("users", "role", "TRP01", "salem", "supervisor", "--reason", REASON) == 0
    assert "supervisor (version 2)" in capsys.readouterr().out
    assert staff.cli("users", "disable", "TRP01", "nobody", "--reason", REASON) == 2
    assert capsys.readouterr().err.startswith("sanad: HQ manages no account 'nobody' at TRP01")
    assert staff.cli("users", "disable", "TRP01", "salem", "--reason", REASON, "--json") == 0
    assert json.loads(capsys.readouterr().out)["active"] is False
    assert staff.cli("users", "list", "--branch", "trp01") == 0
    out = capsys.readouterr().out
    assert "salem" in out and "disabled" in out and "not yet" in out and NAME in out
    assert staff.cli("users", "list", "--branch", "NOPE1") == 2
    assert capsys.readouterr().err == "sanad: HQ knows no branch 'NOPE1'\n"
    assert staff.cli("users", "new-code", "TRP01", "salem", "--reason", REASON) == 0
    out = capsys.readouterr().out
    assert "one-time setup code:" in out and code not in out
    staff.a.sync.sync_now()
    row = user_row(staff.a, "salem")
    assert row is not None and (row.role, row.active, row.hq_version) == ("supervisor", False, 4)


def reopen(branch: SyncBranch, hq: Hq) -> None:
    services = open_branch(branch.folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.login(*ADMIN)
    branch.services, branch.sync = services, SyncService(services.ctx, hq.http_client)


def test_a_branch_restored_from_an_old_copy_gets_the_account_s_state_back(
    staff: Staff, tmp_path: Path
) -> None:
    a = staff.a
    made = staff.create()
    a.sync.sync_now()
    first_login(a, "salem", made.setup_code)
    a.sync.sync_now()
    backup = tmp_path / "backup"
    a.services.close()
    shutil.copytree(a.folder, backup)  # salem enabled, a social worker
    reopen(a, staff.hq)
    staff.desk.set_role("TRP01", "salem", "supervisor", "officer-1", "ترقية إلى مشرف")
    staff.desk.disable("TRP01", "salem", "officer-1", REASON)
    a.sync.sync_now()
    assert refused(a, "salem", PASSWORD) is ErrorCode.ACCOUNT_DISABLED_BY_HQ

    # The disk dies; the old copy comes back, where salem can still log in, until it syncs.
    a.services.close()
    shutil.rmtree(a.folder)
    shutil.copytree(backup, a.folder)
    reopen(a, staff.hq)
    assert desk_accounts(a).login("salem", PASSWORD).role is Role.SOCIAL_WORKER
    a.sync.sync_now()
    assert refused(a, "salem", PASSWORD) is ErrorCode.ACCOUNT_DISABLED_BY_HQ
    row = user_row(a, "salem")
    assert row is not None and (row.role, row.hq_version) == ("supervisor", 3)
