"""The "Household" tab of a beneficiary: which household the person is in, and the way to it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.dto import BeneficiaryView, HouseholdView
from app.ui.common import labels


class HouseholdPanel(QWidget):
    open_household = Signal(str)  # household id
    create_household = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.members = QLabel()
        self.members.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the household"))
        self.create_button = QPushButton(self.tr("Create a household with this person as head"))
        self.open_button.clicked.connect(self._open)
        self.create_button.clicked.connect(self.create_household)
        self._household_id: str | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.members)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_unsaved()

    def show_unsaved(self) -> None:
        self._household_id = None
        self.summary.setText(self.tr("Save the person first; then a household can be created."))
        self.members.clear()
        self.open_button.hide()
        self.create_button.hide()

    def show_person(self, view: BeneficiaryView, household: HouseholdView | None) -> None:
        self._household_id = view.household_id
        if view.household_id is None or household is None:
            self.summary.setText(self.tr("This person is not in a household yet."))
            self.members.clear()
            self.open_button.hide()
            self.create_button.show()
            return
        self.summary.setText(
            self.tr("Relationship to the head: %1 — head of household: %2")
            .replace("%1", labels.relationship(view.household_relationship))
            .replace("%2", household.head_name)
        )
        names = [
            f"• {m.full_name} ({labels.relationship(m.relationship)})"
            + (f" ⁦{m.person_number}⁩" if m.person_number else "")
            for m in household.members
        ]
        self.members.setText(
            self.tr("%n member(s):", "", len(household.members)) + "\n" + "\n".join(names)
        )
        self.open_button.show()
        self.create_button.hide()

    def _open(self) -> None:
        if self._household_id:
            self.open_household.emit(self._household_id)
