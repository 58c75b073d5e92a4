"""Every file dialog of the desk: Qt's own dialog (translated by qtbase_ar.qm and mirrored
right to left; a native Windows dialog speaks the language of Windows instead), starting in
the folder the logged-in user last chose, else in their Documents folder (never the program's
folder). Also `isolate`: a path inside a sentence keeps its left-to-right order.

The remembered folder is per Sanad account (`Preferences.folder_of`); the shell installs the
logged-in user's memory at login (`remember_folders_for`) and takes it away at logout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.common.translations import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)
OPTIONS = QFileDialog.Option.DontUseNativeDialog
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate ... pop directional isolate
# Qt's dialog labels that the qtbase_ar.qm shipped with PySide6 lacks: its Arabic has
# "Look in:" and "Files of type:", but Qt 6's qfiledialog.ui says "&Look in:" and
# "Files of &type:". Marked here under Qt's own context, they go into sanad_ar.qm, which
# Qt asks after qtbase_ar.qm.
QT_FILE_DIALOG_TEXTS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)


def qt_type_names() -> list[str]:
    """The "Type" column's words for folders and shortcuts, as Qt asks for them (with its
    disambiguations; lupdate reads them here). Called by the tests."""
    translate = QCoreApplication.translate
    return [
        translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        translate("QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"),
        translate("QAbstractFileIconProvider", "Shortcut", "All other platforms"),
    ]


class _Memory:
    read: Callable[[], str | None] | None = None
    write: Callable[[str], None] | None = None


def isolate(path: Path | str) -> str:
    """`path` as a left-to-right island in any sentence (Arabic would scramble C:\\x\\y.pdf)."""
    return f"{LRI}{path}{PDI}"


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def remember_folders_for(
    read: Callable[[], str | None] | None, write: Callable[[str], None] | None
) -> None:
    """Install (at login) or remove (None, at logout) the user's folder memory."""
    _Memory.read, _Memory.write = read, write


def start_folder() -> Path:
    """The last folder the user chose, if it still exists; else their Documents folder."""
    if _Memory.read is not None:
        last = _Memory.read()
        if last and Path(last).is_dir():
            return Path(last)
    return documents_folder()


def remember(chosen: Path) -> None:
    folder = chosen if chosen.is_dir() else chosen.parent
    if _Memory.write is not None:
        try:
            _Memory.write(str(folder))
        except (OSError, ValueError):  # a preference not kept is no reason to fail the save
            log.warning("the last folder could not be remembered", exc_info=True)


def save_file(parent: QWidget | None, title: str, file_name: str, kinds: str) -> Path | None:
    """Ask where to save `file_name`; None if the user cancels."""
    start = str(start_folder() / file_name)
    chosen, _kind = QFileDialog.getSaveFileName(parent, title, start, kinds, "", OPTIONS)
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)


def open_file(parent: QWidget | None, title: str, kinds: str) -> Path | None:
    start = str(start_folder())
    chosen, _kind = QFileDialog.getOpenFileName(parent, title, start, kinds, "", OPTIONS)
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)


def open_files(parent: QWidget | None, title: str, kinds: str) -> list[Path]:
    chosen, _kind = QFileDialog.getOpenFileNames(
        parent, title, str(start_folder()), kinds, "", OPTIONS
    )
    if chosen:
        remember(Path(chosen[0]))
    return [Path(p) for p in chosen]


def existing_folder(parent: QWidget | None, title: str) -> Path | None:
    options = OPTIONS | QFileDialog.Option.ShowDirsOnly
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder()), options)
    if not chosen:
        return None
    remember(Path(chosen))
    return Path(chosen)
