"""Reading and writing batch and receipt files in folders someone else may have prepared.

A USB stick, or a folder shared with other users, may hold a symbolic link where a batch or a
`.part` file is expected (`NAME.receipt.sanad.part -> ~/.bashrc`), or a named pipe called
`x.sanad` that blocks whoever opens it. So:

- `open_regular` opens only a regular file: the last path component is never followed
  (`O_NOFOLLOW`), a FIFO never blocks the open (`O_NONBLOCK`), and anything that is not a
  regular file once opened (`fstat`) is refused with `NotRegularFile`, naming the file.
- `atomic_file` / `atomic_write` / `copy_file` write to a temporary file created exclusively
  in the target folder (`tempfile.mkstemp`: `O_CREAT|O_EXCL|O_NOFOLLOW`, a random name, mode
  0600), fsync it, and rename it over the target. A rename replaces the target *name*: a link
  planted there is replaced, never followed, and no planted `.part` name is ever opened.
- `folder_entries` lists a folder without following links, telling regular files from the
  rest.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_CHUNK = 1024 * 1024


class NotRegularFile(OSError):
    """A path that is a link, a folder, a pipe or a device where a file was expected."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        super().__init__(f"{path.name}: {kind}, not a regular file: refused")

    @property
    def reason(self) -> str:
        """The refusal in words, without the file's name."""
        return f"{self.kind}, not a regular file: refused"


def describe(mode: int) -> str:
    """What a non-regular file is, in words (from an `lstat`/`fstat` mode)."""
    kinds = (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((text for test, text in kinds if test(mode)), "a special file")


def open_regular(path: Path) -> BinaryIO:
    """Open `path` for reading if, and only if, it is a regular file (not through a link).

    Raises NotRegularFile for a link, folder, FIFO, socket or device (never blocking on a
    FIFO), FileNotFoundError and other OSErrors as `open` does.
    """
    if not _NOFOLLOW:  # Windows: no O_NOFOLLOW; look first (fstat below checks the rest)
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise NotRegularFile(path, describe(mode))
    flags = os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY
    try:
        fd = os.open(path, flags)
    except OSError as err:
        # ELOOP: the last component is a link (O_NOFOLLOW). Say so rather than "too many
        # levels of symbolic links"; anything else (a folder on Windows…) is classified too.
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            raise err from None
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, describe(mode)) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, describe(mode))
        if _NONBLOCK:  # a regular file never blocks; clear the flag all the same
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """The whole content of a regular file of at most `limit` bytes (ValueError if larger)."""
    with open_regular(path) as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{path.name}: larger than {limit} bytes")
    return data


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A new file that becomes `target` only if the block ends without an exception.

    Written to a temporary file made exclusively in the target's folder, fsynced, renamed over
    `target` (a link or pipe planted at that name is replaced, never followed), then the
    folder is fsynced. A folder at `target` is refused. On failure nothing is left behind.
    """
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(target).st_mode
        if stat.S_ISDIR(mode):
            raise NotRegularFile(target, describe(mode))
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)


def atomic_write(target: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write `data` (bytes, or chunks of them) to `target` the atomic way; returns `target`."""
    with atomic_file(target) as out:
        if isinstance(data, bytes | bytearray | memoryview):
            out.write(data)
        else:
            for chunk in data:
                out.write(chunk)
    return target


def copy_file(source: Path, target: Path) -> Path:
    """Copy a regular file (never through a link) to `target` the atomic way."""
    with open_regular(source) as src, atomic_file(target) as out:
        shutil.copyfileobj(src, out, _CHUNK)
    return target


@contextlib.contextmanager
def create_new(path: Path) -> Iterator[BinaryIO]:
    """A file made at `path`, which must not exist yet, not even as a link (mode 0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
    with os.fdopen(fd, "wb") as out:
        yield out


def write_new(path: Path, data: bytes) -> Path:
    """Create `path` (see `create_new`) holding `data`."""
    with create_new(path) as out:
        out.write(data)
    return path


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where a folder cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class Entry:
    """One name in a folder, seen without following links."""

    path: Path
    kind: str  # "" for a regular file, else what it is in words ("a symbolic link", …)

    @property
    def regular(self) -> bool:
        return not self.kind


def folder_entries(folder: Path, suffix: str) -> list[Entry]:
    """The entries of `folder` whose names end with `suffix`, sorted by name; links are not
    followed (a link to a regular file is reported as a link)."""
    found: list[Entry] = []
    with os.scandir(folder) as it:
        for entry in it:
            if not entry.name.endswith(suffix):
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue  # gone meanwhile
            kind = "" if stat.S_ISREG(mode) else describe(mode)
            found.append(Entry(Path(entry.path), kind))
    return sorted(found, key=lambda e: e.path.name)
