"""The operating system's errors in the user's language: never English `strerror` text (or a
Windows message) pasted into an Arabic sentence. One mapping for every screen that writes or
reads a file: disk full, no permission, file in use, missing, read-only disk, anything else."""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication

from app.ui.common.translations import QT_TRANSLATE_NOOP

CONTEXT = "OsErrors"
DISK_FULL = QT_TRANSLATE_NOOP("OsErrors", "The disk is full: free some space and try again.")
NO_PERMISSION = QT_TRANSLATE_NOOP(
    "OsErrors", "Permission denied: choose another folder, or ask the branch's IT officer."
)
IN_USE = QT_TRANSLATE_NOOP(
    "OsErrors", "The file is open in another program: close it there and try again."
)
NOT_FOUND = QT_TRANSLATE_NOOP(
    "OsErrors", "The file or folder was not found (was the USB stick removed?)."
)
READ_ONLY = QT_TRANSLATE_NOOP("OsErrors", "The disk is read-only: choose another place.")
OTHER = QT_TRANSLATE_NOOP("OsErrors", "The system refused the operation (error %1).")

# Windows: ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33), ERROR_HANDLE_DISK_FULL
# (39), ERROR_DISK_FULL (112), ERROR_ACCESS_DENIED (5), ERROR_FILE/PATH_NOT_FOUND (2, 3),
# ERROR_WRITE_PROTECT (19).
_WINDOWS = {32: IN_USE, 33: IN_USE, 39: DISK_FULL, 112: DISK_FULL, 5: NO_PERMISSION}
_WINDOWS |= {2: NOT_FOUND, 3: NOT_FOUND, 19: READ_ONLY}
_ERRNO = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EBUSY: IN_USE,
    errno.ETXTBSY: IN_USE,
    errno.ENOENT: NOT_FOUND,
    errno.ENODEV: NOT_FOUND,
    errno.EROFS: READ_ONLY,
}


def os_error_text(err: OSError) -> str:
    """A sentence for `err` in the language of the application (nothing of `strerror`)."""
    winerror = getattr(err, "winerror", None)
    source = _WINDOWS.get(winerror) if isinstance(winerror, int) else None
    if source is None and err.errno is not None:
        source = _ERRNO.get(err.errno)
    if source is None:
        if isinstance(err, PermissionError):
            source = NO_PERMISSION
        elif isinstance(err, FileNotFoundError):
            source = NOT_FOUND
    if source is None:
        code = winerror if isinstance(winerror, int) else err.errno
        return QCoreApplication.translate(CONTEXT, OTHER).replace("%1", str(code or "?"))
    return QCoreApplication.translate(CONTEXT, source)
