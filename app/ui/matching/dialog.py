"""File → Match a list…: a list of names sent by another body, matched into an Excel workbook.

The worker asks for the list (CSV, text or XLSX, one query a line or row;
docs/list-matching.md), then where to save the results; the matching runs on the background worker
with a progress bar and a Stop button (a stopped run writes no file), and the workbook holds
one row per match in the list's order, with Arabic column titles. Progress is read from a small
shared object by a timer, as the import dialog does (the worker thread must not touch widgets).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ErrorCode
from app.domain.list_queries import LineError
from app.services.list_matching import ListMatchingService
from app.services.list_matching_export import MatchExport, MatchSheetLabels, export_matches
from app.services.setup import AppServices
from app.ui.common import file_dialogs, labels, messages
from app.ui.common.inputs import ERROR_STYLE
from app.ui.common.os_errors import os_error_text
from app.ui.common.worker import Worker


class _Progress:
    """Written by the worker thread, read by the GUI timer (two ints: no lock needed)."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total


def line_error_text(error: LineError) -> str:
    """Why a line of the list was left out, in the user's language."""
    text = messages.message(error.code, dict(error.params))
    if error.code in (ErrorCode.UNKNOWN_COLUMN, ErrorCode.FILE_FORMAT):
        columns = error.params.get("columns")
        text += f" {columns}" if columns else ""
    if error.field and error.field != "line":
        text = f"{labels.field(error.field) or error.field}: {text}"
    return text


class MatchListDialog(QDialog):
    def __init__(
        self, services: AppServices, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._matcher = ListMatchingService(services.ctx)
        self._arabic = services.preferences.language != "en"
        self._progress = _Progress()
        self.running = False
        self.outcome: MatchExport | None = None
        self.setWindowTitle(self.tr("Match a list"))
        intro = QLabel(
            self.tr(
                "Choose a list of people sent by another body: a text file with one name a "
                "line, or a CSV or Excel file whose first row names its columns (name parts, "
                "mother's name, birth date, national number). Each line gets its best matches in "
                "the registry, with a score out of 100 and why, saved as an Excel workbook."
            )
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose a list…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.hide()
        self.stop_button.clicked.connect(self._progress.cancel.set)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)
        self.resize(640, 380)

    def sheet_labels(self) -> MatchSheetLabels:
        words = {
            "name": self.tr("name"),
            "mother": self.tr("mother's name"),
            "birth_date": self.tr("birth date"),
            "national_number": self.tr("national number"),
            "person_number": self.tr("person number"),
            "equal": self.tr("equal"),
            "differs": self.tr("differs"),
        }
        return MatchSheetLabels(
            sheet=self.tr("Matches"),
            line=self.tr("Line"),
            query=self.tr("Query"),
            rank=self.tr("Rank"),
            person_number=self.tr("Person number"),
            name=self.tr("Name"),
            score=self.tr("Score"),
            reasons=self.tr("Reasons"),
            note=self.tr("Note"),
            no_match=self.tr("No match"),
            words=words,
            describe=line_error_text,
            right_to_left=self._arabic,
        )

    def choose_file(self) -> None:
        source = file_dialogs.open_file(
            self, self.tr("Choose the list to match"), self.tr("Lists (*.csv *.txt *.xlsx)")
        )
        if source is None:
            return
        target = file_dialogs.save_file(
            self,
            self.tr("Save the matches as"),
            self.tr("%1-matches.xlsx").replace("%1", source.stem),
            self.tr("Excel files (*.xlsx)"),
        )
        if target is not None:
            self.match(source, target.with_suffix(".xlsx"))

    def match(self, source: Path, target: Path) -> None:
        """Match `source` into the workbook `target` on the worker."""
        self.file_label.setText(file_dialogs.isolate(source.name))
        self.outcome = None
        self.running = True
        self._progress.done = self._progress.total = 0
        self._progress.cancel.clear()
        self.error.hide()
        self.summary.setText(self.tr("Matching the list…"))
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.stop_button.show()
        self.choose_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self._timer.start()
        matcher, progress, sheet = self._matcher, self._progress, self.sheet_labels()
        self._worker.submit(
            lambda: export_matches(
                matcher, source, target, sheet, progress=progress, cancel=progress.cancel.is_set
            ),
            self._done,
            self._failed,
            owner=self,
        )

    def _show_progress(self) -> None:
        done, total = self._progress.done, self._progress.total
        if total > 0:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(min(1000, done * 1000 // total))

    def _stop(self) -> None:
        self.running = False
        self._timer.stop()
        self.progress_bar.hide()
        self.stop_button.hide()
        self.choose_button.setEnabled(True)
        self.close_button.setEnabled(True)

    def _done(self, outcome: MatchExport) -> None:
        self._stop()
        self.outcome = outcome
        s = outcome.summary
        if outcome.path is None:
            self.summary.setText(self.tr("The matching was stopped; no file was written."))
            return
        counts = (s.queries, s.matched, s.perfect, s.refused)
        text = self.tr(
            "Names looked for: %1 — with at least one match: %2 — scoring 100: %3 — lines "
            "left out: %4."
        )
        for number, value in enumerate(counts, 1):
            text = text.replace(f"%{number}", str(value))
        saved = self.tr("Saved in %1").replace("%1", file_dialogs.isolate(outcome.path))
        self.summary.setText(f"{text}\n{saved}")

    def _failed(self, err: BaseException) -> None:
        self._stop()
        self.summary.setText(self.tr("No file was written."))
        if isinstance(err, DomainError):
            self.error.setText(messages.describe(err))
        elif isinstance(err, OSError):
            self.error.setText(os_error_text(err))
        else:
            self._worker.unhandled_error.emit(err)
            return
        self.error.show()

    def reject(self) -> None:
        if self.running:
            self._progress.cancel.set()  # the worker answers, then the dialog can close
            return
        super().reject()


def add_match_list_action(
    menu: QMenu, window: QWidget, services: AppServices, worker: Worker
) -> QAction:
    """File → Match a list… (opens the dialog and asks for the list at once)."""
    action = QAction(QCoreApplication.translate("MatchListDialog", "Match a list…"), window)

    def open_dialog() -> None:
        dialog = MatchListDialog(services, worker, window)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        dialog.choose_file()

    action.triggered.connect(lambda _checked=False: open_dialog())
    menu.addAction(action)
    return action
