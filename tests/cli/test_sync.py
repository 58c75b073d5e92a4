"""`sanad enroll` and `sanad sync` (network, export, status, import): what happened in one line,
errors in one line with no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.hq.enrollment import Registration
from app.hq.service import HqService
from app.services.setup import AppServices
from app.sync.poll_name import is_poll_name
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


def test_cli_export_with_nothing_to_send_asks_hq_for_its_news(
    branch: AppServices,
    hq: HqService,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A branch with nothing new still carries a file by USB: a request for HQ's news, which
    `sanad hq import` answers (and says so) and `sanad sync import` applies."""
    data_dir = str(branch.ctx.data_dir)
    usb = tmp_path / "usb"
    enrollment = hq.add_branch(CODE, "فرع طرابلس", tmp_path, url="http://127.0.0.1:9")
    main(["--data-dir", data_dir, "enroll", str(enrollment), "--keys-out", str(usb)])
    hq.register_keys(Registration.from_file(usb / f"{CODE}.sanad-keys.json"))
    # What the branch has (its accounts' setup) goes first, and comes back acknowledged.
    assert main(["--data-dir", data_dir, "sync", "export", "--to", str(usb / "1")]) == 0
    [first] = hq.import_files(sorted((usb / "1").glob("*.sanad")))
    assert first.receipt is not None
    assert main(["--data-dir", data_dir, "sync", "import", str(first.receipt)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data_dir, "sync", "export", "--to", str(usb / "2")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("nothing new to send; wrote ") and "sanad sync import" in out
    [request] = sorted((usb / "2").glob(f"{CODE}-up-*.sanad"))
    assert is_poll_name(request.name)
    [answered] = hq.import_files([request])
    assert answered.receipt is not None
    assert main(["--data-dir", data_dir, "sync", "import", str(answered.receipt)]) == 0
    assert "headquarters acknowledged" in capsys.readouterr().out
    assert not is_poll_name(f"{CODE}-up-000000000001-000000000007.sanad")
    assert not is_poll_name(f"{CODE}-down-000000000008-000000000007.sanad")
