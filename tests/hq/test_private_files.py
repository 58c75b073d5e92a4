"""Enrollment and keys files cross USB sticks too: a link planted at their name is replaced,
never followed, and a pipe named like one is refused at once instead of hanging."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.hq.enrollment import HqError, Registration
from app.hq.service import HqService
from app.services.sync_enroll import read_enrollment
from app.services.sync_errors import SyncError

pytestmark = [pytest.mark.db, pytest.mark.sync]


def test_an_enrollment_file_never_writes_through_a_planted_link(
    sqlite_hq: HqService, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (stick / "TRP01.sanad-enroll.json").symlink_to(victim)
    written = sqlite_hq.add_branch("TRP01", "طرابلس", stick, url="http://hq.test")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert written.is_file() and not written.is_symlink()
    assert oct(written.stat().st_mode & 0o777) == "0o600"


def test_a_pipe_named_like_an_enrollment_or_keys_file_is_refused_at_once(
    sqlite_hq: HqService, tmp_path: Path
) -> None:
    pipe = tmp_path / "TRP01.sanad-enroll.json"
    os.mkfifo(pipe)
    with pytest.raises(SyncError):
        read_enrollment(pipe)
    keys = tmp_path / "TRP01.sanad-keys.json"
    os.mkfifo(keys)
    with pytest.raises(HqError):
        Registration.from_file(keys)
