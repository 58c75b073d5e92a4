"""app.sync.safe_files on its own: only regular files are read (never through a link, never
blocking on a FIFO); writes go to an exclusive temporary file renamed over the target, so a
link planted at the target or at its `.part` name never leads anywhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.sync.safe_files import (
    NotRegularFile,
    atomic_write,
    copy_file,
    create_new,
    folder_entries,
    open_regular,
    read_regular,
)
from tests.sync.blocking import DEADLINE, within

pytestmark = pytest.mark.sync
VICTIM = b"the victim's own content"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "victim.txt"
    path.parent.mkdir()
    path.write_bytes(VICTIM)
    return path


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.sanad"
    path.write_bytes(b"batch")
    with open_regular(path) as f:
        assert f.read() == b"batch"
    assert read_regular(path, 5) == b"batch"
    with pytest.raises(ValueError, match="larger than 4 bytes"):
        read_regular(path, 4)


def test_a_link_is_refused_even_to_a_regular_file(tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "a.sanad"
    link.symlink_to(victim)
    with pytest.raises(NotRegularFile, match=r"a\.sanad: a symbolic link, not a regular file"):
        open_regular(link)
    dangling = tmp_path / "b.sanad"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(NotRegularFile, match="a symbolic link"):
        open_regular(dangling)


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "x.sanad"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile, match=r"a named pipe \(FIFO\)"):
        within(DEADLINE, lambda: open_regular(fifo), fifo=fifo)


def test_folders_and_devices_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "d.sanad"
    folder.mkdir()
    with pytest.raises(NotRegularFile, match="a folder"):
        open_regular(folder)
    with pytest.raises(NotRegularFile, match="a character device"):
        open_regular(Path("/dev/null"))
    with pytest.raises(FileNotFoundError):
        open_regular(tmp_path / "missing.sanad")


def test_a_link_planted_at_the_target_is_replaced_not_followed(
    tmp_path: Path, victim: Path
) -> None:
    target = tmp_path / "a.receipt.sanad"
    target.symlink_to(victim)
    atomic_write(target, b"receipt")
    assert victim.read_bytes() == VICTIM
    assert not target.is_symlink() and target.read_bytes() == b"receipt"


def test_a_link_planted_at_the_part_name_is_never_opened(tmp_path: Path, victim: Path) -> None:
    target = tmp_path / "a.receipt.sanad"
    part = tmp_path / "a.receipt.sanad.part"
    part.symlink_to(victim)
    atomic_write(target, [b"rec", b"eipt"])
    assert victim.read_bytes() == VICTIM
    assert target.read_bytes() == b"receipt"
    assert part.is_symlink()  # left alone, as everything else in the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.receipt.sanad", "a.receipt.sanad.part", "elsewhere"]
    )


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "a.sanad"
    target.write_bytes(b"old")

    def chunks() -> list[bytes]:
        raise OSError("the stick was pulled out")

    with pytest.raises(OSError, match="pulled out"):
        atomic_write(target, (c for c in chunks()))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.sanad"]
    (tmp_path / "dir.sanad").mkdir()
    with pytest.raises(NotRegularFile, match="a folder"):
        atomic_write(tmp_path / "dir.sanad", b"x")


def test_written_files_are_private(tmp_path: Path) -> None:
    path = atomic_write(tmp_path / "a.sanad", b"x")
    assert path.stat().st_mode & 0o777 == 0o600


def test_copy_refuses_a_linked_source_and_replaces_a_linked_target(
    tmp_path: Path, victim: Path
) -> None:
    source = tmp_path / "src.sanad"
    source.write_bytes(b"batch")
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "src.sanad").symlink_to(victim)
    (stick / "src.sanad.part").symlink_to(victim)
    copy_file(source, stick / "src.sanad")
    assert victim.read_bytes() == VICTIM and (stick / "src.sanad").read_bytes() == b"batch"
    linked = tmp_path / "linked.sanad"
    linked.symlink_to(victim)
    with pytest.raises(NotRegularFile):
        copy_file(linked, stick / "out.sanad")
    assert not (stick / "out.sanad").exists()


def test_create_new_never_follows_or_reuses_a_name(tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "upload.sanad"
    link.symlink_to(victim)
    with pytest.raises(FileExistsError), create_new(link):
        pass
    assert victim.read_bytes() == VICTIM


def test_folder_entries_tell_regular_files_from_the_rest(tmp_path: Path, victim: Path) -> None:
    (tmp_path / "a.sanad").write_bytes(b"a")
    (tmp_path / "b.sanad").symlink_to(victim)
    os.mkfifo(tmp_path / "c.sanad")
    (tmp_path / "d.sanad").mkdir()
    (tmp_path / "e.txt").write_bytes(b"e")
    entries = folder_entries(tmp_path, ".sanad")
    assert [(e.path.name, e.kind) for e in entries] == [
        ("a.sanad", ""),
        ("b.sanad", "a symbolic link"),
        ("c.sanad", "a named pipe (FIFO)"),
        ("d.sanad", "a folder"),
    ]
    assert [e.regular for e in entries] == [True, False, False, False]
