"""App-wide conventions: Qt's own dialogs in Arabic, file dialogs' start folder, the Libyan
calendar, operating-system errors in Arabic, paths isolated inside sentences."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QCalendarWidget, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from app.ui.common import file_dialogs
from app.ui.common.calendar_style import WEEKEND_COLOUR, libyan_calendar
from app.ui.common.os_errors import os_error_text
from tests.ui.arabic_checks import english_words

pytestmark = pytest.mark.gui


def test_qt_file_dialog_speaks_arabic_and_reads_right_to_left(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "ملخص.pdf").write_bytes(b"%PDF" + b"0" * 2044)
    file_dialogs.remember_folders_for(lambda: str(tmp_path), None)
    try:
        dialog = file_dialogs._dialog(None, "حفظ", "PDF (*.pdf)")
    finally:
        file_dialogs.remember_folders_for(None, None)
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    texts = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    # qtbase_ar.qm lacks these two ("&Look in:", "Files of &type:" in Qt 6): sanad_ar.qm has them.
    assert texts["lookInLabel"] == "ا&بحث في:"
    assert texts["fileTypeLabel"] == "الملفات من ال&نوع:"
    assert texts["fileNameLabel"] == "ا&سم الملفّ:"  # from Qt's own qtbase_ar.qm
    for text in texts.values():
        assert not english_words(text.replace("&", "")), text
    assert dialog.isRightToLeft()
    # Sizes and dates in the desk's words, not the system locale's ("2.0 KiB").
    model = dialog.proxyModel()
    assert model is not None
    qtbot.waitUntil(lambda: _row_of(model, "ملخص.pdf") is not None, timeout=5000)
    row = _row_of(model, "ملخص.pdf")
    assert row is not None
    size = model.index(row.row(), 1, row.parent()).data()
    assert size == "2.0 ك.بايت", size
    day = model.index(row.row(), 3, row.parent()).data()
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", day), day


def _row_of(model, name: str):  # type: ignore[no-untyped-def]
    def walk(parent):  # type: ignore[no-untyped-def]
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data() == name:
                return index
            if model.rowCount(index) and (found := walk(index)) is not None:
                return found
        return None

    return walk(QModelIndex())


def test_the_file_dialogs_type_column_is_arabic(tmp_path: Path) -> None:
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "مجلد"  # not "Folder"
    for name in file_dialogs.qt_type_names():
        assert not english_words(name), name


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: folder)
    return folder


def test_file_dialogs_start_in_documents_then_in_the_users_last_folder(
    documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    starts: list[str] = []
    chosen = tmp_path / "usb" / "report.pdf"
    chosen.parent.mkdir()

    def ask(dialog: QFileDialog) -> list[str]:
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        starts.append(dialog.selectedFiles()[0])
        return [str(chosen)]

    monkeypatch.setattr(file_dialogs, "_ask", ask)
    memory: dict[str, str] = {}
    file_dialogs.remember_folders_for(
        lambda: memory.get("folder"), lambda f: memory.update(folder=f)
    )
    try:
        assert file_dialogs.save_file(None, "حفظ", "report.pdf", "PDF (*.pdf)") == chosen
        assert starts == [str(documents / "report.pdf")]  # not the program's folder
        assert memory == {"folder": str(chosen.parent)}
        file_dialogs.save_file(None, "حفظ", "next.pdf", "PDF (*.pdf)")
        assert starts[-1] == str(chosen.parent / "next.pdf")
    finally:
        file_dialogs.remember_folders_for(None, None)
    file_dialogs.save_file(None, "حفظ", "other.pdf", "PDF (*.pdf)")  # logged out: no memory
    assert starts[-1] == str(documents / "other.pdf")


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(documents: Path) -> None:
    file_dialogs.remember_folders_for(lambda: "/no/such/folder", lambda _f: None)
    try:
        assert file_dialogs.start_folder() == documents
    finally:
        file_dialogs.remember_folders_for(None, None)


def test_calendars_start_on_saturday_with_friday_and_saturday_as_the_weekend(
    qtbot: QtBot,
) -> None:
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    libyan_calendar(calendar)
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Saturday
    colours = {day: calendar.weekdayTextFormat(day).foreground().color() for day in Qt.DayOfWeek}
    weekend = {day for day, colour in colours.items() if colour == WEEKEND_COLOUR}
    assert weekend == {Qt.DayOfWeek.Friday, Qt.DayOfWeek.Saturday}
    assert colours[Qt.DayOfWeek.Sunday] != WEEKEND_COLOUR  # Qt's default marks Sunday


def test_every_date_picker_of_the_desk_uses_the_libyan_calendar(qtbot: QtBot) -> None:
    from datetime import date

    from app.ui.cases.form import DateField
    from app.ui.common.calendar_style import libyan_date_edit
    from app.ui.common.inputs import BirthDateEdit, date_edit

    for edit in (DateField(date(2026, 11, 22)), BirthDateEdit()):
        qtbot.addWidget(edit)
        calendar = edit.calendar()
        assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Saturday
        friday = calendar.weekdayTextFormat(Qt.DayOfWeek.Friday).foreground().color()
        assert friday == WEEKEND_COLOUR
    for month_edit in (libyan_date_edit(date_edit(date.today(), "MM/yyyy")),):
        qtbot.addWidget(month_edit)
        calendar = month_edit.calendarWidget()
        assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Saturday
        friday = calendar.weekdayTextFormat(Qt.DayOfWeek.Friday).foreground().color()
        assert friday == WEEKEND_COLOUR


def _winerror(code: int) -> OSError:
    err = OSError(errno.EIO, "The process cannot access the file")
    err.winerror = code  # type: ignore[attr-defined]  # as Windows sets it
    return err


@pytest.mark.parametrize(
    ("err", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "القرص ممتلئ"),
        (PermissionError(errno.EACCES, "Permission denied"), "لا توجد صلاحية"),
        (OSError(errno.EPERM, "Operation not permitted"), "لا توجد صلاحية"),
        (OSError(errno.EBUSY, "Device or resource busy"), "الملف مفتوح في برنامج آخر"),
        (_winerror(32), "الملف مفتوح في برنامج آخر"),
        (_winerror(33), "الملف مفتوح في برنامج آخر"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "لم يُعثر على الملف"),
        (OSError(errno.EROFS, "Read-only file system"), "القرص للقراءة فقط"),
        (OSError(errno.EIO, "Input/output error"), "رفض النظام العملية (الخطأ 5)"),
    ],
)
def test_os_errors_are_told_in_arabic(err: OSError, expected: str) -> None:
    text = os_error_text(err)
    assert text.startswith(expected)
    assert not english_words(text)
    assert err.strerror is None or err.strerror not in text


def test_a_path_inside_a_sentence_is_isolated() -> None:
    shown = file_dialogs.isolate(Path("C:/Users/amal/Documents/case-figures.xlsx"))
    assert shown == "\u2066C:/Users/amal/Documents/case-figures.xlsx\u2069"
