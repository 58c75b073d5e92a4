"""File → Import beneficiaries…: check a CSV/XLSX file, show its bad rows, import the rest.

The check changes nothing; the import (a separate, explicit step) writes exactly the valid new
rows in one transaction. Both run on the worker; their progress is read from a small shared
object by a timer (the service's progress callback runs on the worker thread, where widgets
must not be touched). Cancel stops either step; a cancelled import imports nothing.
"""

from __future__ import annotations

import threading
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services.importing import ImportReport, ImportResult, ImportService
from app.services.setup import AppServices
from app.ui.common import file_dialogs, messages
from app.ui.common.inputs import ERROR_STYLE
from app.ui.common.worker import Worker
from app.ui.importing.report_model import ImportReportModel, report_lines


class Step(Enum):
    IDLE = "idle"
    CHECKING = "checking"
    CHECKED = "checked"
    IMPORTING = "importing"
    DONE = "done"


class _Progress:
    """Written by the worker thread, read by the GUI timer (two ints: no lock needed)."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total


class ImportDialog(QDialog):
    imported = Signal(int)  # rows imported

    def __init__(
        self, services: AppServices, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._importer = ImportService(services.ctx, services.reference)
        self._arabic = services.preferences.language != "en"
        self._path: Path | None = None
        self._progress = _Progress()
        self.report: ImportReport | None = None
        self.import_result: ImportResult | None = None
        self.step = Step.IDLE
        self.setWindowTitle(self.tr("Import beneficiaries"))

        intro = QLabel(
            self.tr(
                "Choose a CSV or Excel (XLSX) file with one person per row; the columns are "
                "described in the import guide. Every row is checked first; nothing is imported "
                "until you confirm."
            )
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose a file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        self.model = ImportReportModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.commit)
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._progress.cancel.set)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._show_progress)
        self.resize(860, 540)

    # -- steps ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = file_dialogs.open_file(
            self,
            self.tr("Choose the file to import"),
            self.tr("CSV or Excel files (*.csv *.xlsx)"),
        )
        if chosen is not None:
            self.check_file(chosen)

    def check_file(self, path: Path) -> None:
        """Step 1: read and check every row (nothing is written)."""
        self._path = path
        self.report = self.import_result = None
        self.file_label.setText(path.name)
        self.model.set_lines([])
        self.summary.setText(self.tr("Checking every row…"))
        self._start(Step.CHECKING)
        progress, importer = self._progress, self._importer
        self._worker.submit(
            lambda: importer.check(path, progress=progress, cancel=progress.cancel.is_set),
            self._checked,
            self._failed,
            owner=self,
        )

    def commit(self) -> None:
        """Step 2: import the valid new rows, all in one transaction."""
        if self._path is None or self.report is None or not self.report.ready:
            return
        path, progress, importer = self._path, self._progress, self._importer
        self.summary.setText(self.tr("Importing…"))
        self._start(Step.IMPORTING)
        self._worker.submit(
            lambda: importer.commit(path, progress=progress, cancel=progress.cancel.is_set),
            self._committed,
            self._failed,
            owner=self,
        )

    def _start(self, step: Step) -> None:
        self.step = step
        self._progress.done = self._progress.total = 0
        self._progress.cancel.clear()
        self.error.hide()
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self._timer.start()

    def _stop(self, step: Step) -> None:
        self.step = step
        self._timer.stop()
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.choose_button.setEnabled(True)
        self.close_button.setEnabled(True)

    def _show_progress(self) -> None:
        done, total = self._progress.done, self._progress.total
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)

    # -- answers ----------------------------------------------------------------------------

    def _checked(self, report: ImportReport) -> None:
        self._stop(Step.CHECKED)
        self.report = report
        self.model.set_lines(report_lines(report, self._arabic))
        if report.cancelled:
            self.summary.setText(self.tr("The check was stopped; nothing was imported."))
            return
        self.summary.setText(self._summary_text(report))
        self.import_button.setText(self.tr("Import %n valid row(s)", "", report.ready))
        self.import_button.setEnabled(report.ready > 0)
        if report.ready:
            self.import_button.setFocus()

    def _committed(self, result: ImportResult) -> None:
        self._stop(Step.DONE)
        self.import_result = result
        self.report = result.report
        self.model.set_lines(report_lines(result.report, self._arabic))
        if result.cancelled:
            self.summary.setText(self.tr("The import was stopped; nothing was imported."))
            self.import_button.setEnabled(bool(result.report.ready))
            return
        self.summary.setText(self.tr("%n row(s) imported.", "", result.imported))
        self.import_button.setEnabled(False)
        self.imported.emit(result.imported)

    def _failed(self, err: BaseException) -> None:
        self._stop(Step.IDLE if self.report is None else Step.CHECKED)
        if not isinstance(err, DomainError):
            self.summary.setText(self.tr("Nothing was imported."))
            self._worker.unhandled_error.emit(err)
            return
        text = messages.describe(err)
        columns = err.params.get("columns")
        if columns:
            text += " " + columns
        self.summary.setText(self.tr("Nothing was imported."))
        self.error.setText(text)
        self.error.show()

    def _summary_text(self, report: ImportReport) -> str:
        return (
            self.tr("%n row(s) in the file:", "", report.total_rows)
            + " "
            + self.tr("%n valid and new,", "", report.ready)
            + " "
            + self.tr("%n with errors,", "", report.bad_rows)
            + " "
            + self.tr("%n already registered.", "", len(report.duplicates))
        )

    def reject(self) -> None:
        if self.step in (Step.CHECKING, Step.IMPORTING):
            self._progress.cancel.set()  # the worker answers, then the dialog can close
            return
        super().reject()
