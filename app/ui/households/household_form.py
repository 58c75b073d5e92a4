"""The household form: head, members with their relationship, where and how they live.

A new household is created around its head; members are then added (found by search) or
removed one at a time, each change saved at once on the worker. The household's own fields
are saved with Save (Ctrl+S).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationFailed
from app.domain.household import HouseholdDraft
from app.services.dto import BeneficiaryView, HouseholdView
from app.services.setup import AppServices
from app.ui.common import dialogs, labels, messages
from app.ui.common.inputs import ChoiceCombo, FieldSlot, MunicipalityCombo
from app.ui.common.text_boxes import arabic_text_box
from app.ui.common.worker import Worker
from app.ui.households.member_model import ID_ROLE, HouseholdMemberTableModel
from app.ui.households.member_picker import MemberPickerDialog
from app.ui.people.beneficiary_fields import dinars_text


class HouseholdForm(QDialog):
    saved = Signal(object)  # HouseholdView
    open_beneficiary = Signal(str)
    failed = Signal(object)

    def __init__(
        self,
        services: AppServices,
        worker: Worker,
        *,
        household_id: str | None = None,
        head: BeneficiaryView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if household_id is None and head is None:
            raise ValueError("a household form needs a household or a head")
        self._services = services
        self._worker = worker
        self._household: HouseholdView | None = None
        self._head = head
        self._busy = False
        self.picker: MemberPickerDialog | None = None
        self.setWindowTitle(self.tr("Household"))
        english = services.preferences.language == "en"

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.members_model = HouseholdMemberTableModel(self)
        self.members = QTableView()
        self.members.setModel(self.members_model)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.verticalHeader().setVisible(False)
        self.members.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.activated.connect(self._open_member)
        self.members.setMinimumHeight(170)
        self.add_button = QPushButton(self.tr("Add a member…"))
        self.add_button.clicked.connect(self._add_member)
        self.remove_button = QPushButton(self.tr("Remove from household"))
        self.remove_button.clicked.connect(self._remove_member)
        self.open_button = QPushButton(self.tr("Open the person"))
        self.open_button.clicked.connect(lambda: self._open_member(self.members.currentIndex()))

        self.head_combo = ChoiceCombo([])
        self.municipality = MunicipalityCombo(
            services.reference.municipalities(), english, self.tr("— none —")
        )
        self.address = QLineEdit()
        self.address.setMaxLength(300)
        self.housing = ChoiceCombo(labels.choices(labels.HOUSING), self.tr("— not stated —"))
        self.income = QLineEdit()
        self.income.setPlaceholderText(self.tr("dinars"))
        self.notes = arabic_text_box(QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.slots = {
            "head_id": FieldSlot(self.head_combo),
            "municipality_code": FieldSlot(self.municipality),
            "address": FieldSlot(self.address),
            "housing_type": FieldSlot(self.housing),
            "monthly_income": FieldSlot(self.income),
            "notes": FieldSlot(self.notes),
        }

        members_box = QGroupBox(self.tr("Members"))
        member_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.open_button):
            button.setAutoDefault(False)
            member_buttons.addWidget(button)
        member_buttons.addStretch(1)
        box_layout = QVBoxLayout(members_box)
        box_layout.addWidget(self.members)
        box_layout.addLayout(member_buttons)

        details = QGroupBox(self.tr("Household details"))
        grid = QGridLayout(details)
        for row, (key, text) in enumerate(
            (
                ("head_id", self.tr("Head of household")),
                ("municipality_code", self.tr("Municipality")),
                ("address", self.tr("Address")),
                ("housing_type", self.tr("Housing")),
                ("monthly_income", self.tr("Household monthly income (LYD)")),
                ("notes", self.tr("Notes")),
            )
        ):
            label = QLabel(text)
            label.setBuddy(self.slots[key].widgets[0])
            if key != "notes":
                label.setMinimumHeight(self.slots[key].widgets[0].sizeHint().height())
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.slots[key], row, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        self.print_button = QPushButton(self.tr("Print household form"))
        self.print_button.setAutoDefault(False)
        self.print_button.setEnabled(False)  # once the household is saved
        self.print_button.clicked.connect(self.print_household)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(members_box, 1)
        layout.addWidget(details)
        layout.addLayout(bottom)
        order: list[QWidget] = [
            self.members, self.add_button, self.remove_button, self.open_button,
            self.head_combo, self.municipality, self.address, self.housing, self.income,
            self.notes, self.save_button, self.close_button,
        ]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.save())
        self.resize(840, 780)

        if household_id is not None:
            self.title.setText(self.tr("Loading…"))
            self._set_members_enabled(False)
            self.reload(household_id)
        else:
            assert head is not None
            self.title.setText(self.tr("New household: %1").replace("%1", head.full_name))
            self.head_combo.addItem(head.full_name, head.id)
            self.head_combo.setEnabled(False)
            self.municipality.set_code(head.municipality_code)
            self.address.setText(head.address)
            self.members_model.set_members([])
            self._set_members_enabled(False)
            self.status.setText(self.tr("Save to create the household, then add its members."))
        self._baseline = self.draft()

    # -- state ------------------------------------------------------------------------------

    @property
    def household(self) -> HouseholdView | None:
        return self._household

    def _set_members_enabled(self, enabled: bool) -> None:
        for button in (self.add_button, self.remove_button, self.open_button):
            button.setEnabled(enabled)

    def draft(self) -> HouseholdDraft:
        return HouseholdDraft(
            head_id=self.head_combo.code(),
            municipality_code=self.municipality.code(),
            address=self.address.text(),
            housing_type=self.housing.code(),
            monthly_income=self.income.text(),
            notes=self.notes.toPlainText(),
        )

    def is_dirty(self) -> bool:
        return self.draft() != self._baseline

    def show_household(self, household: HouseholdView) -> None:
        self._household = household
        self.title.setText(self.tr("Household of %1").replace("%1", household.head_name))
        self.members_model.set_members(household.members)
        self.head_combo.clear()
        for m in household.members:
            self.head_combo.addItem(m.full_name, m.beneficiary_id)
        self.head_combo.set_code(household.head_id)
        self.head_combo.setEnabled(True)
        self.municipality.set_code(household.municipality_code)
        self.address.setText(household.address)
        self.housing.set_code(household.housing_type)
        self.income.setText(dinars_text(household.monthly_income_dirhams))
        self.notes.setPlainText(household.notes)
        self._set_members_enabled(True)
        self.print_button.setEnabled(True)
        self._baseline = self.draft()

    def print_household(self) -> None:
        """The household's form, in the print preview (prepared and audited on the worker)."""
        from app.ui.printing.actions import print_household

        if self._household is not None:
            print_household(self, self._services, self._worker, self._household.id)

    def reload(self, household_id: str) -> None:
        self._worker.submit(
            lambda: self._services.households.get(household_id),
            self.show_household,
            self._failed,
            owner=self,
        )

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        draft = self.draft()
        for slot in self.slots.values():
            slot.set_error("")
        svc = self._services.households
        if self._household is None:
            call = lambda: svc.create(draft)  # noqa: E731
        else:
            hid, version = self._household.id, self._household.row_version
            call = lambda: svc.update(hid, draft, expected_version=version)  # noqa: E731
        self._run(call, self._saved)

    def _run(self, call, on_done) -> None:  # type: ignore[no-untyped-def]
        self._busy = True
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self.setCursor(Qt.CursorShape.WaitCursor)
        self._worker.submit(call, on_done, self._failed, owner=self)

    def _idle(self) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.unsetCursor()

    def _saved(self, household: HouseholdView) -> None:
        self._idle()
        self.show_household(household)
        self.status.setText(self.tr("Saved."))
        self.saved.emit(household)

    def _failed(self, err: BaseException) -> None:
        self._idle()
        if isinstance(err, ValidationFailed):
            for key, texts in messages.by_field(err).items():
                slot = self.slots.get(key)
                if slot is not None:
                    slot.set_error("\n".join(texts))
            self.status.setText(self.tr("Nothing was saved: correct the fields marked in red."))
        elif isinstance(err, DomainError):
            self.status.setText(messages.describe(err))
            QMessageBox.warning(self, self.windowTitle(), messages.describe(err))
        else:
            self.status.setText(self.tr("Nothing was saved."))
            self.failed.emit(err)

    # -- members ----------------------------------------------------------------------------

    def _add_member(self) -> None:
        if self._household is None:
            return
        exclude = {m.beneficiary_id for m in self._household.members}
        picker = MemberPickerDialog(self._services, self._worker, exclude, self)
        self.picker = picker
        picker.accepted.connect(lambda: self._member_chosen(picker))
        picker.finished.connect(lambda _r: picker.deleteLater())
        picker.open()

    def _member_chosen(self, picker: MemberPickerDialog) -> None:
        self.picker = None
        if self._household is None or picker.chosen_id is None or picker.relationship is None:
            return
        hid, bid, rel = self._household.id, picker.chosen_id, picker.relationship
        self._run(lambda: self._services.households.add_member(hid, bid, rel), self._saved)

    def _remove_member(self) -> None:
        index = self.members.currentIndex()
        member = self.members_model.member(index.row()) if index.isValid() else None
        if self._household is None or member is None:
            return
        if not dialogs.confirm_remove_member(self, member.full_name):
            return
        hid, bid = self._household.id, member.beneficiary_id
        self._run(lambda: self._services.households.remove_member(hid, bid), self._saved)

    def _open_member(self, index: QModelIndex) -> None:
        beneficiary_id = index.data(ID_ROLE) if index.isValid() else None
        if beneficiary_id:
            self.open_beneficiary.emit(str(beneficiary_id))

    def reject(self) -> None:
        if self._busy:
            return
        if self.is_dirty() and not dialogs.confirm_discard(self):
            return
        super().reject()
