"""The status bar's sync indicator: pending changes, the last successful sync, what went wrong
at the last attempt, and a small progress bar while a sync runs."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from app.services.sync_results import SyncStatus
from app.ui.common.translations import PY_DATETIME_FORMAT
from app.ui.sync import texts

ERROR_COLOUR = "color: #b00020;"


def local_time(utc: datetime) -> str:
    """A stored (naive UTC) time as the branch's local wall-clock time."""
    return utc.replace(tzinfo=UTC).astimezone().strftime(PY_DATETIME_FORMAT)


class SyncIndicator(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Pending changes: …"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_COLOUR)
        self.error.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(16)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        self.status: SyncStatus | None = None

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        last = (
            local_time(status.last_success_at)
            if status.last_success_at is not None
            else self.tr("never")
        )
        if status.demo:  # it never syncs: a count of changes "waiting" would mislead
            self.label.setText(self.tr("Demo branch: not synced with headquarters"))
        else:
            self.label.setText(
                self.tr("Changes waiting to sync: %1 · Last sync: %2")
                .replace("%1", str(status.pending_changes))
                .replace("%2", last)
            )
        tips = []
        if status.demo:
            tips.append(self.tr("This is a demo branch: it is never synced with headquarters."))
        elif not status.enrolled:
            tips.append(self.tr("This branch is not enrolled with headquarters yet."))
        if status.rejected_by_hq:
            tips.append(
                self.tr("Changes refused by headquarters: %1").replace(
                    "%1", str(status.rejected_by_hq)
                )
            )
        self.label.setToolTip("\n".join(tips))
        if status.last_error:
            text = texts.message(status.last_error, status.last_error_reason)
            when = local_time(status.last_error_at) if status.last_error_at else ""
            self.error.setText(
                self.tr("Last attempt: %1").replace(
                    "%1", texts.short(status.last_error, status.last_error_reason)
                )
            )
            self.error.setToolTip(f"{when}\n{text}".strip())
            self.error.setVisible(True)
        else:
            self.error.setVisible(False)

    def show_running(self, percent: int | None) -> None:
        self.progress.setVisible(True)
        if percent is None:
            self.progress.setRange(0, 0)  # busy
        else:
            self.progress.setRange(0, 100)
            self.progress.setValue(percent)

    def show_idle(self) -> None:
        self.progress.setVisible(False)
