"""`sanad enroll` and `sanad sync` (network, export, status, import): what happened in one line,
errors in one line with no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.hq.enrollment import Registration
from app.hq.service import HqService
from app.services.setup import AppServices
from tests.services.branch_sync import CODE, FAST, HqServer, data_pending, register_people, trail

pytestmark = [pytest.mark.sync, pytest.mark.db]


def test_cli_sync_prints_what_happened_and_errors_in_one_line(
    branch: AppServices,
    hq: HqService,
    server: HqServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("app.sync.http_client.DEFAULT_POLICY", FAST)

    data_dir = str(branch.ctx.data_dir)
    enrollment = hq.add_branch(CODE, "فرع طرابلس", tmp_path, url=server.url)
    assert (
        main(
            ["--data-dir", data_dir, "enroll", str(enrollment), "--keys-out", str(tmp_path / "usb")]
        )
        == 0
    )
    assert "carry" in capsys.readouterr().out  # HQ not started: the keys go by USB
    hq.register_keys(Registration.from_file(tmp_path / "usb" / f"{CODE}.sanad-keys.json"))
    register_people(branch, 1)
    assert main(["--data-dir", data_dir, "sync"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sanad: ") and "not answering" in err and "Traceback" not in err
    assert main(["--data-dir", data_dir, "sync", "export", "--to", str(tmp_path / "usb")]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and ".sanad" in out
    server.start()
    assert main(["--data-dir", data_dir, "sync"]) == 0
    out = capsys.readouterr().out
    # The exported batch (the export's own audit entry makes none); this run's entry waits.
    assert "sent 1 batch(es)" in out and "0 change(s) pending" in out
    assert data_pending(branch) == 0 and trail(branch) == ["sync.export", "sync.run"]
    assert main(["--data-dir", data_dir, "sync", "status"]) == 0
    assert "pending changes:   0" in capsys.readouterr().out
    assert main(["--data-dir", data_dir, "sync", "import", str(tmp_path / "nothing.sanad")]) == 2
    assert "nothing.sanad" in capsys.readouterr().err
