"""Asking for the reason to open a case one may not normally read ("break the glass").

The dialog only collects the reason and refuses a short one; `opener` passes it to the
service, which records the opening (audited) and grants reading for a few hours.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case_access import BREAK_GLASS_HOURS, MIN_REASON_LENGTH, reason_ok
from app.ui.common.inputs import FieldSlot
from app.ui.common.text_boxes import arabic_text_box


class BreakGlassDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, number: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a case that is not yours"))
        self.setModal(True)
        heading = QLabel(
            self.tr("Case %1 is not assigned to you.").replace("%1", number)
            if number
            else self.tr("This case is not assigned to you.")
        )
        heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        explanation = QLabel(
            self.tr(
                "To read it, write why you need to open it. Your name, the time and the reason "
                "are recorded in the audit log, and your supervisor can see them. The case "
                "opens for reading only, for %1 hours."
            ).replace("%1", str(BREAK_GLASS_HOURS))
        )
        explanation.setWordWrap(True)
        self.reason_edit = arabic_text_box(QPlainTextEdit())
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            self.tr("For example: the assigned worker is on leave and the family came today.")
        )
        self.reason_edit.setFixedHeight(90)
        self.reason_slot = FieldSlot(self.reason_edit)
        reason_label = QLabel(
            self.tr("Reason (at least %1 characters)").replace("%1", str(MIN_REASON_LENGTH))
        )
        reason_label.setBuddy(self.reason_edit)

        self.open_button = QPushButton(self.tr("Open for reading"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_slot)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        """Refuse a reason too short to say anything; the service checks it again."""
        if not reason_ok(self.reason()):
            self.reason_slot.set_error(
                self.tr("Write a real reason: at least %1 characters.").replace(
                    "%1", str(MIN_REASON_LENGTH)
                )
            )
            self.reason_edit.setFocus()
            return
        self.reason_slot.set_error("")
        super().accept()

    def error_text(self) -> str:
        return self.reason_slot.error()
