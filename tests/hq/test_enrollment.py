"""Enrolling branches: the enrollment file, the one-time token, pinned keys, revocation."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.db.sync_models import HqBranchRow
from app.hq.enrollment import HqError, Registration, token_hash
from app.hq.home import HqHome
from app.hq.service import HqService
from app.sync.keys import KeyPair, PublicIdentity

pytestmark = [pytest.mark.db, pytest.mark.sync]


def _add(hq: HqService, folder: Path, code: str = "TRP01") -> dict[str, object]:
    path = hq.add_branch(code, "طرابلس", folder, "http://hq.example:8480")
    assert path == folder / f"{code}.sanad-enroll.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds a secret
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_enrollment_file_carries_hq_and_a_hashed_one_time_token(
    hq: HqService, tmp_path: Path
) -> None:
    data = _add(hq, tmp_path)

    assert data["hq_url"] == "http://hq.example:8480"
    assert data["code"] == "TRP01" and data["name"] == "طرابلس"
    assert PublicIdentity.from_json(data["hq"]) == hq.identity  # type: ignore[arg-type]
    token = data["token"]
    assert isinstance(token, str) and len(token) >= 32
    with Session(hq.engine) as session:
        row = session.get(HqBranchRow, "TRP01")
        assert row is not None and row.enrolled_at is None
        assert row.enroll_token_sha256 == token_hash(token) != token
    assert hq.home.url == "http://hq.example:8480"  # remembered for the next branch


def test_hq_keys_are_made_once_and_private(hq_home: HqHome) -> None:
    first = hq_home.keys()
    assert hq_home.keys().public == first.public
    [key_file] = hq_home.keys_dir.iterdir()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(hq_home.root.stat().st_mode) == 0o700


def test_keys_are_pinned_with_the_token_and_only_once(hq: HqService, tmp_path: Path) -> None:
    token = str(_add(hq, tmp_path)["token"])
    keys = KeyPair.generate("TRP01")

    row = hq.register_keys(Registration("TRP01", token, keys.public))
    assert row.enrolled_at is not None
    # The same registration again (its answer was lost) is harmless …
    assert hq.register_keys(Registration("TRP01", token, keys.public)).code == "TRP01"
    # … but the token never pins other keys.
    with pytest.raises(HqError) as err:
        hq.register_keys(Registration("TRP01", token, KeyPair.generate("TRP01").public))
    assert err.value.code == "token_used"
    with Session(hq.engine) as session:
        stored = session.get(HqBranchRow, "TRP01")
        assert stored is not None
        assert stored.signing_key is not None and stored.signing_key == row.signing_key


@pytest.mark.parametrize(
    ("code", "token", "party", "expected"),
    [
        ("TRP01", "wrong", "TRP01", "bad_token"),
        ("BEN01", "x", "BEN01", "unknown_branch"),
        ("TRP01", None, "BEN01", "bad_identity"),
    ],
)
def test_bad_registrations_are_refused(
    sqlite_hq: HqService,
    tmp_path: Path,
    code: str,
    token: str | None,
    party: str,
    expected: str,
) -> None:
    real = str(_add(sqlite_hq, tmp_path)["token"])
    with pytest.raises(HqError) as err:
        sqlite_hq.register_keys(Registration(code, token or real, KeyPair.generate(party).public))
    assert err.value.code == expected
    assert next(b for b in sqlite_hq.branches() if b.code == "TRP01").enrolled_at is None


def test_a_lost_enrollment_file_is_replaced_and_the_old_token_dies(
    sqlite_hq: HqService, tmp_path: Path
) -> None:
    old = str(_add(sqlite_hq, tmp_path / "a")["token"])
    new = str(_add(sqlite_hq, tmp_path / "b")["token"])
    keys = KeyPair.generate("TRP01")
    with pytest.raises(HqError, match="wrong or was replaced"):
        sqlite_hq.register_keys(Registration("TRP01", old, keys.public))
    sqlite_hq.register_keys(Registration("TRP01", new, keys.public))
    with pytest.raises(HqError, match="already enrolled"):
        sqlite_hq.add_branch("TRP01", "طرابلس", tmp_path, None)


def test_a_revoked_branch_cannot_enroll_or_be_added_again(hq: HqService, tmp_path: Path) -> None:
    token = str(_add(hq, tmp_path)["token"])
    hq.revoke("trp01")
    with pytest.raises(HqError) as err:
        hq.register_keys(Registration("TRP01", token, KeyPair.generate("TRP01").public))
    assert err.value.code == "revoked"
    with pytest.raises(HqError, match="revoked"):
        hq.add_branch("TRP01", "طرابلس", tmp_path, None)
    with pytest.raises(HqError, match="not known"):
        hq.revoke("BEN01")


@pytest.mark.parametrize("code", ["T", "TRP-01", "طرابلس", "A" * 13])
def test_bad_branch_codes_are_refused(sqlite_hq: HqService, tmp_path: Path, code: str) -> None:
    with pytest.raises(HqError, match="branch code"):
        sqlite_hq.add_branch(code, "x", tmp_path, "http://hq")
    assert sqlite_hq.branches() == []
    assert list(tmp_path.glob("*.json")) == []


def test_an_enrollment_file_needs_hq_url(sqlite_hq: HqService, tmp_path: Path) -> None:
    with pytest.raises(HqError, match="public URL"):
        sqlite_hq.add_branch("TRP01", "طرابلس", tmp_path)
    assert sqlite_hq.branches() == []


def test_a_keys_file_from_usb_registers_the_branch(hq: HqService, tmp_path: Path) -> None:
    token = str(_add(hq, tmp_path)["token"])
    keys = KeyPair.generate("TRP01")
    keys_file = tmp_path / "TRP01.sanad-keys.json"
    keys_file.write_text(
        json.dumps({"code": "TRP01", "token": token, "identity": keys.public.to_json()}),
        encoding="utf-8",
    )
    hq.register_keys(Registration.from_file(keys_file))
    assert next(b for b in hq.branches() if b.code == "TRP01").enrolled_at is not None


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", '{"code": "TRP01"}', '{"code": "TRP01", "token": "t", "identity": {}}'],
)
def test_a_malformed_keys_file_is_refused_by_name(tmp_path: Path, content: str) -> None:
    keys_file = tmp_path / "TRP01.sanad-keys.json"
    keys_file.write_text(content, encoding="utf-8")
    with pytest.raises(HqError) as err:
        Registration.from_file(keys_file)
    assert err.value.code == "malformed" and str(keys_file) in err.value.reason
