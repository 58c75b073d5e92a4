"""The sync window: what a sync (or a USB export/import) is doing, and how it ended.

Not modal: the user may close it and keep working while the sync goes on in the background
(the status bar keeps showing its progress). Cancel stops a network sync between two steps;
whatever was already applied stays applied, nothing is half done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.sync_results import Progress, Stage
from app.ui.common.inputs import ERROR_STYLE


class SyncDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync with headquarters"))
        self.setModal(False)
        self.setMinimumWidth(480)
        self.stage = QLabel()
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QPushButton(self.tr("Cancel sync"))
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("The sync goes on in the background."))
        self.close_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.running = False

    def start(self, title: str) -> None:
        self.running = True
        self.stage.setText(title)
        self.outcome.clear()
        self.outcome.setStyleSheet("")
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)

    def show_progress(self, p: Progress) -> None:
        if p.stage is Stage.PREPARING:
            self.stage.setText(self.tr("Preparing the changes to send…"))
            self.bar.setRange(0, 0)
            return
        if p.stage is Stage.SENDING:
            self.stage.setText(
                self.tr("Sending batch %1 of %2 to headquarters…")
                .replace("%1", str(p.batch + 1))
                .replace("%2", str(p.batches))
            )
            self.bar.setRange(0, 100)
            self.bar.setValue(overall_percent(p))
            return
        if p.stage is Stage.APPLYING:
            self.stage.setText(self.tr("Applying the answer from headquarters…"))
            self.bar.setRange(0, 100)
            self.bar.setValue(overall_percent(p))

    def finish(self, text: str, *, failed: bool) -> None:
        self.running = False
        self.stage.setText(self.tr("The sync did not complete.") if failed else self.tr("Done."))
        self.bar.setVisible(False)
        self.outcome.setText(text)
        self.outcome.setStyleSheet(ERROR_STYLE if failed else "")
        self.cancel_button.setVisible(False)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.stage.setText(self.tr("Cancelling…"))
        self.cancel_requested.emit()


def overall_percent(p: Progress) -> int:
    """Progress over every batch: each batch's share split between sending and applying."""
    if p.batches <= 0:
        return 0
    within = 0.9 * p.sent / p.size if p.stage is Stage.SENDING and p.size else 0.0
    if p.stage is Stage.APPLYING:
        within = 0.9
    if p.stage is Stage.DONE:
        return 100
    return min(100, int(100 * (p.batch + within) / p.batches))
