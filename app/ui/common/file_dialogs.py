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
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QIdentityProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFileSystemModel,
    QSplitter,
    QTreeView,
    QWidget,
)

from app.ui.common.translations import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)
OPTIONS = QFileDialog.Option.DontUseNativeDialog
DISPLAY = Qt.ItemDataRole.DisplayRole
DATE_TIME = "dd/MM/yyyy HH:mm"
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


class _LocalTexts(QIdentityProxyModel):
    """Qt's file model writes sizes and dates in the system's locale ("9 bytes", "2.0 KiB",
    English on most computers): here they are written as the rest of the desk."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        source = self.sourceModel()
        if role == DISPLAY and index.column() in (1, 3) and isinstance(source, QFileSystemModel):
            inner = self.mapToSource(index)
            if index.column() == 3:
                return source.lastModified(inner).toString(DATE_TIME)
            return "" if source.isDir(inner) else size_text(source.size(inner))
        return super().data(index, role)


def size_text(size: int) -> str:
    """A file size in Qt's own words (qtbase_ar.qm has them: "%1 ك.بايت")."""
    translate = QCoreApplication.translate
    if size < 1024:
        return translate("QFileSystemModel", "%1 bytes").replace("%1", str(size))
    for unit in ("%1 KB", "%1 MB", "%1 GB", "%1 TB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "%1 TB":
            return translate("QFileSystemModel", unit).replace("%1", f"{size_f:.1f}")
        size = int(size_f)
    return str(size)  # not reached


def _dialog(parent: QWidget | None, title: str, kinds: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start_folder()), kinds)
    dialog.setOptions(OPTIONS)
    proxy = _LocalTexts(dialog)
    dialog.setProxyModel(proxy)
    details = dialog.findChild(QTreeView, "treeView")
    if details is not None:  # room for "07/12/2026 17:04" (the column was sized for less)
        width = details.fontMetrics().horizontalAdvance("00/00/0000 00:00") + 24
        details.header().resizeSection(3, width)
    sidebar = dialog.findChild(QSplitter, "splitter")
    if sidebar is not None:  # the places list wide enough for "الحاسوب"
        sidebar.setSizes([150, 750])
    return dialog


def _ask(dialog: QFileDialog) -> list[str]:
    """Show the dialog and wait (tests replace this: a dialog would wait for a click)."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return dialog.selectedFiles()
    finally:
        dialog.deleteLater()


def save_file(parent: QWidget | None, title: str, file_name: str, kinds: str) -> Path | None:
    """Ask where to save `file_name`; None if the user cancels."""
    dialog = _dialog(parent, title, kinds)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(file_name)
    chosen = _ask(dialog)
    if not chosen:
        return None
    remember(Path(chosen[0]))
    return Path(chosen[0])


def open_file(parent: QWidget | None, title: str, kinds: str) -> Path | None:
    dialog = _dialog(parent, title, kinds)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _ask(dialog)
    if not chosen:
        return None
    remember(Path(chosen[0]))
    return Path(chosen[0])


def open_files(parent: QWidget | None, title: str, kinds: str) -> list[Path]:
    dialog = _dialog(parent, title, kinds)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    chosen = _ask(dialog)
    if chosen:
        remember(Path(chosen[0]))
    return [Path(p) for p in chosen]


def existing_folder(parent: QWidget | None, title: str) -> Path | None:
    dialog = _dialog(parent, title, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    chosen = _ask(dialog)
    if not chosen:
        return None
    remember(Path(chosen[0]))
    return Path(chosen[0])
