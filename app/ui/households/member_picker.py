"""Find an already registered person to add to a household, and say how they are related."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.household import Relationship
from app.services.dto import SearchHit
from app.services.setup import AppServices
from app.ui.common import labels
from app.ui.common.inputs import ChoiceCombo
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_table_model import ID_ROLE, BeneficiaryTableModel
from app.ui.people.search_page import SEARCH_DEBOUNCE_MS


class MemberPickerDialog(QDialog):
    """accept() leaves the chosen person in `chosen_id` and the relationship in `relationship`."""

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        exclude: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a household member"))
        self._worker = worker
        self._exclude = exclude
        self.chosen_id: str | None = None
        self.chosen: SearchHit | None = None
        self.relationship: Relationship | None = None
        english = services.preferences.language == "en"

        def municipality_name(code: str | None) -> str:
            found = services.reference.municipality(code)
            if found is None:
                return code or ""
            return found.name_en if english else found.name_ar

        self.model = BeneficiaryTableModel(
            services.beneficiaries.search, self._run, municipality_name, self
        )
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search)
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("Search by name, national number or phone…"))
        self.box.textEdited.connect(lambda _t: self._debounce.start())
        self.box.returnPressed.connect(self._search)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 240)
        self.table.activated.connect(lambda _i: self._accept())
        self.relationship_combo = ChoiceCombo(
            [c for c in labels.choices(labels.RELATIONSHIP) if c[0] != Relationship.HEAD.value],
            self.tr("— choose —"),
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Relationship to the head"), self.relationship_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(820, 460)
        self._search()

    def _run(self, call, on_done) -> None:  # type: ignore[no-untyped-def]
        self._worker.submit(call, on_done, lambda _err: self.model.page_failed(), owner=self)

    def _search(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.box.text().strip())

    def _accept(self) -> None:
        index = self.table.currentIndex()
        chosen = index.data(ID_ROLE) if index.isValid() else None
        relationship = self.relationship_combo.code()
        if not chosen:
            self.error.setText(self.tr("Choose a person from the list."))
            return
        if chosen in self._exclude:
            self.error.setText(self.tr("This person is already a member of this household."))
            return
        if not relationship:
            self.error.setText(self.tr("Choose the relationship to the head of household."))
            self.relationship_combo.setFocus()
            return
        self.chosen_id = str(chosen)
        self.chosen = self.model.hit(index.row())
        self.relationship = Relationship(relationship)
        self.accept()
