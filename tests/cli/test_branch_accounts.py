"""The branch's command line and the accounts HQ manages: `sanad users list` says which came
from HQ and which have no password yet, and a disabled account is never acted as (`--user`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.services.setup import open_branch
from app.sync.branch_accounts import apply_account
from tests.conftest import FAST_HASHER, TODAY
from tests.services.import_samples import GOOD, HEADERS, write_csv

pytestmark = pytest.mark.db

LINE = {
    "kind": "account", "user_id": "0193aaaa-0000-7000-8000-00000000a11a", "username": "salem",
    "display_name": "سالم محمد الورفلي", "role": "branch_admin", "active": True, "version": 1,
}  # fmt: skip


def from_hq(data_dir: Path, **changes: object) -> None:
    services = open_branch(data_dir, hasher=FAST_HASHER, today=TODAY)
    try:
        line = {**LINE, "setup": FAST_HASHER.hash("k7m2-p9qx-4hzt"), **changes}
        with services.ctx.db.transaction(None) as session:
            assert apply_account(session, line)
    finally:
        services.close()


def test_users_list_and_acting_as_a_disabled_account(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from_hq(data_dir)
    assert main(["--data-dir", str(data_dir), "users", "list"]) == 0
    [salem] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("salem")]
    assert salem.endswith("from-hq no-password-yet")
    people = write_csv(tmp_path / "people.csv", HEADERS, GOOD)
    args = ["--data-dir", str(data_dir), "import", "beneficiaries", str(people), "--commit"]
    assert main([*args, "--user", "salem"]) == 0  # the operator acts as an enabled account
    capsys.readouterr()

    from_hq(data_dir, active=False, version=2)
    assert main(["--data-dir", str(data_dir), "users", "list"]) == 0
    [salem] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("salem")]
    assert "disabled" in salem
    assert main([*args, "--user", "salem"]) == 2
    assert "no such active account" in capsys.readouterr().err
