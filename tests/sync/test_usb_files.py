"""Batch files on a USB stick someone else prepared: `sanad hq import`, `sanad sync export` and
`sanad sync import` read only regular files (a link or a pipe named `*.sanad` is refused at
once, naming it) and never write through a link planted at a file's name or at its `.part`
name; every real batch in the folder is still imported and each file is reported."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.hq.answers import receipt_path
from app.services.sync_errors import SyncError, SyncErrorCode
from tests.services.people import AHMED, numbered
from tests.sync.blocking import DEADLINE, within
from tests.sync.world import Hq, SyncBranch

pytestmark = [pytest.mark.sync, pytest.mark.db]
VICTIM = b"#!/bin/sh\necho the victim's own file\n"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "home" / ".bashrc"
    path.parent.mkdir()
    path.write_bytes(VICTIM)
    return path


def _two_batches(branch: SyncBranch, tmp_path: Path) -> tuple[Path, Path]:
    branch.people.register(AHMED)
    [first] = branch.export()
    branch.people.register(numbered(1))
    second = [p for p in branch.export() if p != first]
    assert len(second) == 1
    kept = tmp_path / "kept"
    kept.mkdir()
    return Path(shutil.copy(first, kept)), Path(shutil.copy(second[0], kept))


def test_hq_import_refuses_links_and_pipes_and_imports_every_real_batch(
    hq: Hq, make_branch: Any, tmp_path: Path, victim: Path
) -> None:
    branch: SyncBranch = make_branch("TRP01")
    first, second = _two_batches(branch, tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    real = Path(shutil.copy(first, stick))
    receipt = receipt_path(real)
    receipt.symlink_to(victim)  # HQ must not write its receipt through these
    receipt.with_name(receipt.name + ".part").symlink_to(victim)
    (stick / second.name).symlink_to(second)  # a genuine next batch, but through a link
    os.mkfifo(stick / "x.sanad")
    (stick / "y.sanad").mkdir()

    results = within(2 * DEADLINE, lambda: hq.service.import_files([stick]),
                     fifo=stick / "x.sanad")  # fmt: skip

    report = {r.file: (r.outcome, r.code, r.reason) for r in results}
    assert report == {
        real.name: ("applied", "", ""),
        second.name: ("rejected", "not_a_batch", "a symbolic link, not a regular file: refused"),
        "x.sanad": ("rejected", "not_a_batch", "a named pipe (FIFO), not a regular file: refused"),
        "y.sanad": ("rejected", "not_a_batch", "a folder, not a regular file: refused"),
    }, results
    assert victim.read_bytes() == VICTIM
    assert not receipt.is_symlink() and receipt.read_bytes()[:2] == b"PK"
    [applied] = [r for r in results if r.outcome == "applied"]
    assert applied.receipt == receipt
    status = {s.code: s for s in hq.service.status()}["TRP01"]
    assert status.last_seq == applied.ack_upto < branch.last_sent()  # the linked one: not read

    # Named on the command line, a link or a pipe is refused all the same, at once.
    fifo = stick / "x.sanad"
    for path in (stick / second.name, fifo):
        [result] = within(DEADLINE, lambda p=path: hq.service.import_files([p]), fifo=fifo)
        assert (result.outcome, result.code) == ("rejected", "not_a_batch"), result
        assert "not a regular file" in result.reason
    assert {s.code: s for s in hq.service.status()}["TRP01"].last_seq == status.last_seq


def test_branch_export_never_writes_through_a_planted_link(
    hq: Hq, make_branch: Any, tmp_path: Path, victim: Path
) -> None:
    branch: SyncBranch = make_branch("TRP01")
    branch.people.register(AHMED)
    [made] = branch.export()
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / made.name).symlink_to(victim)
    (stick / (made.name + ".part")).symlink_to(victim)

    [copied] = branch.sync.export(stick)

    assert copied == stick / made.name
    assert victim.read_bytes() == VICTIM
    assert not copied.is_symlink() and copied.read_bytes() == made.read_bytes()
    [result] = hq.service.import_files([copied])
    assert result.outcome == "applied"


def test_branch_import_refuses_a_link_or_a_pipe_at_once(
    hq: Hq, make_branch: Any, tmp_path: Path
) -> None:
    branch: SyncBranch = make_branch("TRP01")
    branch.people.register(AHMED)
    [made] = branch.export()
    [result] = hq.service.import_files([made])
    assert result.receipt is not None
    stick = tmp_path / "stick"
    stick.mkdir()
    link = stick / "linked.receipt.sanad"
    link.symlink_to(result.receipt)
    fifo = stick / "pipe.receipt.sanad"
    os.mkfifo(fifo)
    for path, words in ((link, "a symbolic link"), (fifo, "a named pipe (FIFO)")):
        with pytest.raises(SyncError) as caught:
            within(DEADLINE, lambda p=path: branch.sync.import_file(p), fifo=fifo)
        assert caught.value.code is SyncErrorCode.BAD_ANSWER
        assert path.name in str(caught.value) and words in str(caught.value)
        assert caught.value.reason_code == "not_a_batch"
    assert branch.pending() > 0  # nothing of it was applied
    assert branch.sync.import_file(result.receipt).acked_upto == result.ack_upto
    assert branch.pending() == 0
