"""The household form: a whole family in one pass.

A new household (around a registered head, or with its head typed in the first row) or an
existing one: new people are typed in inline rows, registered people are picked by search,
and Save registers the household and every new person in ONE transaction (nothing is saved
if any row is wrong; each row's errors show under its own fields). Rows that match someone
already registered are answered as on the person form (placing.py). A picked person who
belongs to another household is moved only if the worker chooses to (move_dialog.py).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationFailed
from app.domain.family import split_member_field
from app.domain.household import HouseholdDraft
from app.services.dto import BeneficiaryView, HouseholdMemberView, HouseholdView
from app.services.duplicate_errors import FamilyDuplicates
from app.services.family import ExistingMember
from app.services.setup import AppServices
from app.ui.common import dialogs, messages
from app.ui.common.screen_fit import fit_to_screen
from app.ui.common.worker import Worker
from app.ui.households import placing
from app.ui.households.household_details import HouseholdDetails
from app.ui.households.member_model import ID_ROLE, HouseholdMemberTableModel
from app.ui.households.member_picker import MemberPickerDialog
from app.ui.households.new_people import NewPeopleRows, NewPersonRow

FORM_SIZE = (1180, 660)  # fits a 1366x768 screen with a taskbar; the content scrolls


class HouseholdForm(QDialog):
    saved = Signal(object)  # HouseholdView
    open_beneficiary = Signal(str)
    open_household = Signal(str)  # another household (a picked person's)
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
        self._services = self.services = services
        self._worker = self.worker = worker
        self._household: HouseholdView | None = None
        self._head_view: HouseholdMemberView | None = None  # a new household's registered head
        self._busy = False
        # Registered people picked before Save (a household not saved yet): joined by Save.
        self.pending: list[tuple[ExistingMember, HouseholdMemberView]] = []
        self._saving_rows: list[NewPersonRow] = []
        self.picker: MemberPickerDialog | None = None
        self.question: QDialog | None = None  # the open duplicates or move question
        self.setWindowTitle(self.tr("Household"))
        english = services.preferences.language == "en"
        codes = services.reference.municipality_codes()

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
        self.members.setMinimumHeight(90)
        self.members.setMaximumHeight(170)
        # A family typed from scratch has no members yet: no empty table taking the room.
        self.members_model.modelReset.connect(
            lambda: self.members.setVisible(self.members_model.rowCount() > 0)
        )
        self.add_button = QPushButton(self.tr("Add a registered person…"))
        self.add_button.clicked.connect(self._add_member)
        self.remove_button = QPushButton(self.tr("Remove from household"))
        self.remove_button.clicked.connect(self._remove_member)
        self.open_button = QPushButton(self.tr("Open the person"))
        self.open_button.clicked.connect(lambda: self._open_member(self.members.currentIndex()))

        self.new_people = NewPeopleRows()
        self.new_people.set_rules(services.ctx.today(), codes)
        self.new_people.set_allow_head(household_id is None and head is None)
        self.add_row_button = QPushButton(self.tr("Add a new person"))
        self.add_row_button.setToolTip(self.tr("Add a row for a person not registered yet"))
        self.add_row_button.clicked.connect(self.add_row)

        self.details = HouseholdDetails(services.reference.municipalities(), english)
        self.slots = self.details.slots
        self.head_combo, self.municipality = self.details.head_combo, self.details.municipality
        self.address, self.housing = self.details.address, self.details.housing
        self.income, self.notes = self.details.income, self.details.notes

        members_box = QGroupBox(self.tr("Members"))
        member_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.open_button):
            button.setAutoDefault(False)
            member_buttons.addWidget(button)
        member_buttons.addStretch(1)
        box_layout = QVBoxLayout(members_box)
        box_layout.addWidget(self.members)
        box_layout.addLayout(member_buttons)

        new_box = QGroupBox(self.tr("New people (registered when you save)"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addWidget(self.new_people)
        row_buttons = QHBoxLayout()
        self.add_row_button.setAutoDefault(False)
        row_buttons.addWidget(self.add_row_button)
        row_buttons.addStretch(1)
        new_layout.addLayout(row_buttons)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(members_box)
        inner.addWidget(new_box)
        inner.addWidget(self.details)
        inner.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(content)

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
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(bottom)
        order: list[QWidget] = [
            self.members, self.add_button, self.remove_button, self.open_button,
            self.add_row_button, self.head_combo, self.municipality, self.address,
            self.housing, self.income, self.notes, self.save_button, self.close_button,
        ]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self.save())
        fit_to_screen(self, *FORM_SIZE)

        if household_id is not None:
            self.title.setText(self.tr("Loading…"))
            self._set_members_enabled(False)
            self.reload(household_id)
        elif head is not None:
            self._head_view = HouseholdMemberView(
                head.id, head.full_name, "head", head.birth_date, head.sex
            )
            self.title.setText(self.tr("New household: %1").replace("%1", head.full_name))
            self.head_combo.addItem(head.full_name, head.id)
            self.head_combo.setEnabled(False)
            self.municipality.set_code(head.municipality_code)
            self.address.setText(head.address)
            self.show_pending()
            self.status.setText(self.tr("Add the family's people, then save them all at once."))
        else:
            self.title.setText(self.tr("New household"))
            self.head_combo.addItem(self.tr("— the person marked as head below —"), "")
            self.head_combo.setEnabled(False)
            self.members_model.set_members([])
            self.add_row()
            self.status.setText(
                self.tr("Type the head of household in the first row, then the others.")
            )
        self._baseline = self.draft()

    # -- state ------------------------------------------------------------------------------

    @property
    def household(self) -> HouseholdView | None:
        return self._household

    def _set_members_enabled(self, enabled: bool) -> None:
        for button in (self.add_button, self.remove_button, self.open_button):
            button.setEnabled(enabled)
        self.add_row_button.setEnabled(enabled)

    def draft(self) -> HouseholdDraft:
        return self.details.draft()

    def is_dirty(self) -> bool:
        return bool(self.draft() != self._baseline or self.new_people.filled_rows() or self.pending)

    def add_row(self) -> NewPersonRow:
        """A new row, in the Tab order after the previous one and before "Add a new person"."""
        rows = self.new_people.rows
        before = rows[-1].widgets()[-1] if rows else self.open_button
        row = self.new_people.add_row()
        for first, second in pairwise([before, *row.widgets(), self.add_row_button]):
            QWidget.setTabOrder(first, second)
        row.names["first_name"].setFocus()
        return row

    def show_household(self, household: HouseholdView) -> None:
        self._household = household
        self.title.setText(self.tr("Household of %1").replace("%1", household.head_name))
        self.pending.clear()
        self.members_model.set_members(household.members)
        self.details.load(household)
        self.new_people.set_allow_head(False)
        self._set_members_enabled(True)
        self.print_button.setEnabled(True)
        self._baseline = self.draft()

    def show_pending(self) -> None:
        """The members table: the saved members (or the given head), then the picked ones."""
        base = list(self._household.members) if self._household else []
        if self._household is None and self._head_view is not None:
            base = [self._head_view]
        self.members_model.set_members([*base, *(view for _, view in self.pending)])

    def print_household(self) -> None:
        """The household's form, in the print preview (prepared and audited on the worker)."""
        from app.ui.printing.actions import print_household

        if self._household is not None:
            print_household(self, self._services, self._worker, self._household.id)

    def reload(self, household_id: str) -> None:
        self._worker.submit(
            lambda: self._services.households.get(household_id),
            self.show_household,
            self.failed_call,
            owner=self,
        )

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        draft = self.draft()
        self.details.clear_errors()
        self.new_people.clear_errors()
        self._saving_rows = self.new_people.filled_rows()
        rows = [row.draft() for row in self._saving_rows]
        existing = [pick for pick, _ in self.pending]
        svc = self._services.households
        hid = self._household.id if self._household else None
        version = self._household.row_version if self._household else None
        self.run(
            lambda: svc.save_family(hid, draft, rows, existing, expected_version=version),
            self._family_saved,
        )

    def run(self, call, on_done) -> None:  # type: ignore[no-untyped-def]
        self._busy = True
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self.setCursor(Qt.CursorShape.WaitCursor)
        self._worker.submit(call, on_done, self.failed_call, owner=self)

    def _idle(self) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.unsetCursor()

    def _family_saved(self, household: HouseholdView) -> None:
        for row in self._saving_rows:
            self.new_people.remove_row(row)
        self._saving_rows = []
        self.member_saved(household)

    def member_saved(self, household: HouseholdView, then_save: bool = False) -> None:
        self._idle()
        self.show_household(household)
        self.status.setText(self.tr("Saved."))
        self.saved.emit(household)
        if then_save and self.new_people.filled_rows():
            self.save()

    def set_head(self, head: HouseholdMemberView) -> None:
        """A new household's head turned out to be someone registered: they head it."""
        self._head_view = head
        self.head_combo.clear()
        self.head_combo.addItem(head.full_name, head.beneficiary_id)
        self.new_people.set_allow_head(False)
        self.show_pending()

    def failed_call(self, err: BaseException) -> None:
        self._idle()
        if isinstance(err, ValidationFailed):
            placing.show_errors(self, err, self._saving_rows)
        elif isinstance(err, FamilyDuplicates):
            placing.ask_about_rows(self, err, self._saving_rows)
        elif isinstance(err, DomainError):
            text = messages.describe(err)
            where = split_member_field(err.field or "")
            if where is not None and where[0] < len(self._saving_rows):
                self._saving_rows[where[0]].show_errors({where[1]: [text]})
            self.status.setText(self.tr("Nothing was saved.") + " " + text)
            QMessageBox.warning(self, self.windowTitle(), text)
        else:
            self.status.setText(self.tr("Nothing was saved."))
            self.failed.emit(err)

    # -- members ----------------------------------------------------------------------------

    def member_ids(self) -> set[str]:
        model = self.members_model
        ids = {m.beneficiary_id for i in range(model.rowCount()) if (m := model.member(i))}
        return ids | {pick.beneficiary_id for pick, _ in self.pending}

    def _add_member(self) -> None:
        picker = MemberPickerDialog(self._services, self._worker, self.member_ids(), self)
        self.picker = picker
        picker.accepted.connect(lambda: self._member_chosen(picker))
        picker.finished.connect(lambda _r: picker.deleteLater())
        picker.open()

    def _member_chosen(self, picker: MemberPickerDialog) -> None:
        self.picker = None
        if picker.chosen is None or picker.relationship is None:
            return
        placing.place(self, placing.Pick.of_hit(picker.chosen, picker.relationship))

    def _remove_member(self) -> None:
        index = self.members.currentIndex()
        member = self.members_model.member(index.row()) if index.isValid() else None
        if member is None:
            return
        picked = [p for p in self.pending if p[0].beneficiary_id == member.beneficiary_id]
        if picked:  # not saved yet: just drop it
            self.pending.remove(picked[0])
            self.show_pending()
            return
        if self._household is None or not dialogs.confirm_remove_member(self, member.full_name):
            return
        hid, bid = self._household.id, member.beneficiary_id
        self.run(lambda: self._services.households.remove_member(hid, bid), self.member_saved)

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
