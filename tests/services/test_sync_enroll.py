"""Enrolling a branch at HQ (app.services.sync): the private keys kept here (never
world-readable) and HQ pinned, a bad enrollment file refused naming what is wrong, the demo
branch refused, and the keys carried by USB when HQ cannot be reached.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from app.db.sync_models import OutgoingBatchRow
from app.hq.enrollment import Registration
from app.hq.service import HqService
from app.services.setup import AppServices
from app.services.sync import SyncService
from app.services.sync_errors import SyncError, SyncErrorCode
from app.sync.keys import KeyPair
from tests.services.branch_sync import (
    CODE,
    HqServer,
    count,
    data_pending,
    enroll,
    fast_factory,
    free_port,
    meta,
    register_people,
    trail,
)

pytestmark = [pytest.mark.sync, pytest.mark.db]


# -- enrollment -------------------------------------------------------------------------------


def test_enroll_keeps_private_keys_here_pins_hq_and_registers(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _file = enroll(branch, hq, server.url, tmp_path)
    keys_file = branch.ctx.data_dir / "keys" / f"{CODE}.keys.json"
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(keys_file.parent.stat().st_mode) == 0o700
    values = meta(branch)
    assert values["sync.hq_url"] == server.url
    assert json.loads(values["sync.hq_identity"]) == hq.identity.to_json()
    status = sync.status()
    assert status.enrolled and status.registered and status.last_success_at is None
    (row,) = hq.branches()
    keys = KeyPair.load(keys_file.parent, CODE)
    assert row.enrolled_at is not None
    assert row.signing_key == keys.public.to_json()["signing"]
    assert "private" not in json.dumps(values)


def test_enroll_refuses_the_demo_branch(services: AppServices, tmp_path: Path) -> None:
    services.accounts.login("admin", "admin-demo-2026")
    enrollment = tmp_path / "DEMO.sanad-enroll.json"
    enrollment.write_text("{}", encoding="utf-8")
    before = meta(services)
    with pytest.raises(SyncError) as caught:
        SyncService(services.ctx).enroll(enrollment)
    assert caught.value.code is SyncErrorCode.DEMO_BRANCH
    assert "sanad init" in str(caught.value)
    assert meta(services) == before
    assert not (services.ctx.data_dir / "keys").exists()


@pytest.mark.parametrize(
    ("change", "expected", "words"),
    [
        ({"code": "BEN01"}, SyncErrorCode.WRONG_BRANCH, "BEN01"),
        ({"token": None}, SyncErrorCode.ENROLL_FILE, "token"),
        (
            {"hq": {"party": "HQ", "signing": "AAAA", "box": "AAAA"}},
            SyncErrorCode.ENROLL_FILE,
            "hq",
        ),
        ({"hq_url": "ftp://hq"}, SyncErrorCode.ENROLL_FILE, "hq_url"),
    ],
)
def test_enroll_refuses_a_bad_file_naming_it_and_changes_nothing(
    branch: AppServices,
    hq: HqService,
    tmp_path: Path,
    change: dict[str, Any],
    expected: SyncErrorCode,
    words: str,
) -> None:
    path = hq.add_branch(CODE, "فرع طرابلس", tmp_path, url="http://127.0.0.1:1")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    data = {k: v for k, v in data.items() if v is not None}
    path.write_text(json.dumps(data), encoding="utf-8")
    before = meta(branch)
    with pytest.raises(SyncError) as caught:
        SyncService(branch.ctx, fast_factory()).enroll(path)
    assert caught.value.code is expected
    assert words in str(caught.value) and (
        expected is not SyncErrorCode.ENROLL_FILE or path.name in str(caught.value)
    )
    assert meta(branch) == before


def test_enroll_without_network_writes_the_keys_file_for_usb(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    sync, _file = enroll(branch, hq, f"http://127.0.0.1:{free_port()}", tmp_path, keys_out=stick)
    keys_file = stick / f"{CODE}.sanad-keys.json"
    carried = json.loads(keys_file.read_text(encoding="utf-8"))
    assert set(carried) == {"code", "token", "identity"}  # public halves only
    assert sync.status().enrolled and not sync.status().registered
    # At HQ: `sanad hq branches keys FILE`, then the USB road works both ways.
    hq.register_keys(Registration.from_file(keys_file))
    register_people(branch, 1)
    (batch,) = sync.export(stick)
    (result,) = hq.import_files([batch])
    assert result.outcome == "applied" and result.receipt is not None
    sync.import_file(result.receipt)
    status = sync.status()
    assert status.registered and data_pending(branch) == 0
    # Only the round trip's own entries wait, and they are not the user's pending changes.
    assert trail(branch) == ["sync.export", "sync.import"]
    assert (status.pending_changes, status.unacked_batches) == (0, 0)
    assert sync.export(tmp_path / "again") == []  # nothing to carry: no new batch
    assert count(branch, OutgoingBatchRow) == 1
    assert trail(branch) == ["sync.export", "sync.import"]  # and nothing exported to audit


def test_enrolling_again_keeps_the_same_keys(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    sync, enrollment = enroll(branch, hq, server.url, tmp_path)  # offline: keys by file
    keys_file = branch.ctx.data_dir / "keys" / f"{CODE}.keys.json"
    first = keys_file.read_bytes()
    server.start()
    assert sync.enroll(enrollment).registered  # now HQ answers: the same keys registered
    assert keys_file.read_bytes() == first
    (row,) = hq.branches()
    assert row.signing_key == KeyPair.load(keys_file.parent, CODE).public.to_json()["signing"]


def test_private_key_files_are_not_world_readable(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    for path in (branch.ctx.data_dir / "keys").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
