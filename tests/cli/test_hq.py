"""`sanad hq …` as an administrator types it: enroll, import, status, records, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.hq.answers import receipt_path
from app.services.setup import AppServices
from app.sync.keys import KeyPair, PublicIdentity
from tests.hq.branch_side import Branch, hand_made
from tests.services.people import AHMED, numbered

pytestmark = [pytest.mark.db, pytest.mark.sync]


@pytest.fixture
def hq_args(tmp_path: Path, central_url: str) -> list[str]:
    return ["--hq-dir", str(tmp_path / "hq"), "--db", central_url]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _enrolled_branch(
    capsys: pytest.CaptureFixture[str], hq_args: list[str], worker: AppServices, tmp_path: Path
) -> Branch:
    code, out, err = _run(
        capsys, "hq", "branches", "add", "TRP01", "طرابلس", "--out", str(tmp_path),
        "--url", "http://127.0.0.1:8480", *hq_args,
    )  # fmt: skip
    assert code == 0, err
    enroll_file = Path(out.strip())
    assert enroll_file == tmp_path / "TRP01.sanad-enroll.json"
    invitation = json.loads(enroll_file.read_text(encoding="utf-8"))
    keys = KeyPair.generate("TRP01")
    keys_file = tmp_path / "TRP01.sanad-keys.json"
    keys_file.write_text(
        json.dumps(
            {"code": "TRP01", "token": invitation["token"], "identity": keys.public.to_json()}
        ),
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "hq", "branches", "keys", str(keys_file), *hq_args)
    assert code == 0 and "TRP01" in out and "enrolled" in out, err
    worker.ctx.branch_code = "TRP01"
    usb = tmp_path / "usb"
    usb.mkdir()
    return Branch(worker, "TRP01", keys, PublicIdentity.from_json(invitation["hq"]), usb)


def test_enroll_import_status_and_records(
    capsys: pytest.CaptureFixture[str], hq_args: list[str], worker: AppServices, tmp_path: Path
) -> None:
    branch = _enrolled_branch(capsys, hq_args, worker, tmp_path)
    worker.beneficiaries.register(AHMED)
    worker.beneficiaries.register(numbered(2))
    [batch] = branch.export()

    code, out, err = _run(capsys, "hq", "import", str(batch), *hq_args)
    assert code == 0, err
    assert f"{batch.name}: applied" in out and "changes from TRP01" in out
    assert str(receipt_path(batch)) in out and receipt_path(batch).is_file()
    code, out, _ = _run(capsys, "hq", "import", str(batch), *hq_args)
    assert code == 0 and "already applied" in out

    code, out, _ = _run(capsys, "hq", "status", *hq_args)
    assert code == 0
    header, row = out.splitlines()[:2]
    for column in ("last batch received", "last receipt sent", "rejected", "last contact",
                   "conflicts", "held"):  # fmt: skip
        assert column in header
    assert row.startswith("TRP01") and "enrolled" in row and "طرابلس" in row
    code, out, _ = _run(capsys, "hq", "status", "--json", *hq_args)
    [status] = json.loads(out)
    assert status["code"] == "TRP01" and status["last_seq"] > 0 and status["held_batches"] == 0
    assert status["last_receipt_at"] and status["last_contact_at"]

    code, out, err = _run(capsys, "hq", "beneficiaries", "--branch", "TRP01", *hq_args)
    assert code == 0 and "أحمد عبدالله مصطفى الورفلي" in out
    assert len(out.splitlines()) == 2 and "2 of 2" in err
    code, out, _ = _run(capsys, "hq", "beneficiaries", "--json", *hq_args)
    assert {r["branch"] for r in json.loads(out)} == {"TRP01"}
    code, out, _ = _run(capsys, "hq", "branches", "list", *hq_args)
    assert out.split() == ["TRP01", "enrolled", "طرابلس"]


def test_import_exit_codes_and_reasons(
    capsys: pytest.CaptureFixture[str], hq_args: list[str], worker: AppServices, tmp_path: Path
) -> None:
    branch = _enrolled_branch(capsys, hq_args, worker, tmp_path)
    worker.beneficiaries.register(AHMED)
    [first] = branch.export()
    worker.beneficiaries.register(numbered(1))
    [second] = branch.export()
    junk = tmp_path / "junk.sanad"
    junk.write_bytes(b"not a batch")

    code, out, err = _run(capsys, "hq", "import", str(second), str(junk), *hq_args)
    assert code == 2  # one file refused
    assert f"{second.name}: held (waiting for changes 1.." in out
    assert err.startswith("junk.sanad: rejected: not a Sanad batch file")
    code, out, _ = _run(capsys, "hq", "import", str(first), *hq_args)
    assert code == 0 and f"{first.name}: applied" in out
    assert "then 1 held batch(es)" in out  # the second one followed on by itself

    code, out, _ = _run(capsys, "hq", "branches", "revoke", "TRP01", *hq_args)
    assert code == 0 and "revoked" in out
    late = hand_made(branch.usb, branch.keys, branch.hq, source="TRP01", seq_from=99, seq_to=99)
    code, out, err = _run(capsys, "hq", "import", str(late), *hq_args)
    assert code == 2 and "rejected: the sender's enrollment was revoked" in err
    code, out, _ = _run(capsys, "hq", "status", *hq_args)
    assert "revoked" in out.splitlines()[1]


def test_admin_mistakes_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], hq_args: list[str], tmp_path: Path
) -> None:
    cases = [
        (["hq", "branches", "add", "TRP01", "طرابلس"], "public URL is not set"),
        (["hq", "branches", "add", "T", "x", "--url", "http://h"], "branch code"),
        (["hq", "branches", "keys", str(tmp_path / "none.json")], "no such file"),
        (["hq", "branches", "revoke", "ZZ01"], "not known at HQ"),
        (["hq", "import", str(tmp_path)], "no .sanad files"),
    ]
    for argv, message in cases:
        code, _out, err = _run(capsys, *argv, *hq_args)
        assert code == 2, argv
        assert message in err and len(err.strip().splitlines()) == 1, (argv, err)


def test_an_unreachable_central_database_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = "postgresql+psycopg://sanad:secret@127.0.0.1:1/sanad"
    code, _, err = _run(capsys, "hq", "status", "--hq-dir", str(tmp_path), "--db", url)
    assert code == 2
    assert "central database" in err and "unavailable" in err and "secret" not in err
