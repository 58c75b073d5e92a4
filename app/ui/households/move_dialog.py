"""The person picked for this household is in another one: move them here, open that other
household, or leave things as they are. Names the other household by its head and number."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import ErrorCode
from app.services.family import PersonHousehold
from app.ui.common import messages

MOVE = "move"
OPEN_OTHER = "open"


class MoveMemberDialog(QDialog):
    """finished with `choice` = MOVE, OPEN_OTHER or None (cancelled)."""

    def __init__(self, person_name: str, other: PersonHousehold, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Member of another household"))
        self.other = other
        self.choice: str | None = None
        text = (
            self.tr("%1 is a member of household %2 (head of household: %3).")
            .replace("%1", person_name)
            .replace("%2", other.number)
            .replace("%3", other.head_name)
        )
        blocked = other.person_is_head and other.member_count > 1
        if blocked:
            text += "\n" + messages.message(
                ErrorCode.HEAD_OF_OTHER_HOUSEHOLD, {"number": other.number}
            )
        elif other.person_is_head:
            text += "\n" + self.tr(
                "They are its only member: moving them here closes that household."
            )
        else:
            text += "\n" + self.tr("Moving them here takes them out of that household.")
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self.move_button = QPushButton(self.tr("Move here"))
        self.move_button.setEnabled(not blocked)
        self.move_button.clicked.connect(lambda: self._choose(MOVE))
        self.open_button = QPushButton(self.tr("Open the other household"))
        self.open_button.clicked.connect(lambda: self._choose(OPEN_OTHER))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        (self.open_button if blocked else self.move_button).setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(560, 180)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
