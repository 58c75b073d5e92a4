"""Printing many forms at once: the visit sheets of every planned visit due on a day (tomorrow
by default), prepared on the worker with a progress bar and a Cancel button, then shown in
the print preview.

The worker's progress is read by a timer rather than sent by signal: a queued signal emitted
from the worker thread with Python arguments is what app.ui.common.worker avoids. Cancelling sets
an event the service checks before each form; nothing is printed or audited then.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ErrorCode
from app.services.printing import PrintCancelled, PrintResult
from app.services.setup import AppServices
from app.ui.common import messages
from app.ui.common.date_input import DateInput
from app.ui.common.worker import Worker
from app.ui.printing.preview import PrintPreviewDialog

POLL_MS = 50


class BatchPrintDialog(QDialog):
    def __init__(
        self, services: AppServices, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self._stop = threading.Event()
        self._progress: tuple[int, int] = (0, 0)
        self._running = False
        self.preview: PrintPreviewDialog | None = None
        self.setWindowTitle(self.tr("Visit sheets for a day"))

        tomorrow = services.ctx.today() + timedelta(days=1)
        self.day = DateInput(tomorrow, tomorrow)
        explain = QLabel(
            self.tr(
                "One visit sheet for every planned visit due on this day, in the cases you may "
                "open. The sheets open in the print preview."
            )
        )
        explain.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.prepare_button = QPushButton(self.tr("Prepare the sheets"))
        self.prepare_button.setDefault(True)
        self.prepare_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)

        form = QFormLayout()
        form.addRow(self.tr("Visits due on"), self.day)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.prepare_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(520, 230)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._show_progress)

    def chosen_day(self) -> date | None:
        return self.day.value()

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        if self._running:
            return
        day, printing = self.chosen_day(), self._services.printing
        if day is None:  # a typed text that is no date
            self.status.setText(messages.message(ErrorCode.DATE_FORMAT))
            self.day.setFocus()
            return
        self._stop.clear()
        self._progress = (0, 0)
        self._running = True
        self.bar.setRange(0, 0)  # busy until the first sheet is laid out
        self.prepare_button.setEnabled(False)
        self.day.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Finding the visits due…"))
        self._timer.start()

        def report(done: int, total: int) -> None:  # worker thread
            self._progress = (done, total)

        self._worker.submit(
            lambda: printing.visit_sheets_due(day, progress=report, cancelled=self._stop.is_set),
            self._done,
            self._failed,
            owner=self,
        )

    def _show_progress(self) -> None:
        done, total = self._progress
        if total and not self._stop.is_set():
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.status.setText(
                self.tr("Preparing sheet %1 of %2…")
                .replace("%1", str(min(done + 1, total)))
                .replace("%2", str(total))
            )

    def _finish(self) -> None:
        self._running = False
        self._timer.stop()
        self.prepare_button.setEnabled(True)
        self.day.setEnabled(True)
        self.cancel_button.setEnabled(True)

    def _done(self, result: PrintResult) -> None:
        self._finish()
        if result.pages == 0:
            self.bar.setRange(0, 100)
            self.bar.setValue(0)
            self.status.setText(self.tr("No planned visits are due on that day."))
            return
        self.bar.setRange(0, 100)
        self.bar.setValue(100)
        count = len(result.case_ids)
        self.status.setText(
            self.tr("The visit sheets are ready (cases: %1).").replace("%1", str(count))
        )
        day = self.chosen_day()
        title = self.tr("Visit sheets due on %1").replace(
            "%1", day.strftime("%d/%m/%Y") if day is not None else ""
        )
        preview = PrintPreviewDialog(
            self._worker,
            result.pdf,
            title=title,
            file_name=result.file_name,
            parent=self.parentWidget(),
        )
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        preview.show()
        self.accept()

    def _failed(self, err: BaseException) -> None:
        self._finish()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        if isinstance(err, PrintCancelled):
            self.status.setText(self.tr("Cancelled: nothing was printed."))
        elif isinstance(err, DomainError):
            self.status.setText(messages.describe(err))
        else:
            self.status.setText(self.tr("The sheets could not be prepared."))
            self._worker.unhandled_error.emit(err)

    def cancel(self) -> None:
        """While preparing: stop (the worker sees it before the next sheet). Else: close."""
        if self._running:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))
            return
        self.reject()

    def reject(self) -> None:
        if self._running:  # Esc while preparing cancels first
            self.cancel()
            return
        super().reject()
