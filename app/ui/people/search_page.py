"""The home screen: search beneficiaries as you type, open one, start a new registration.

Typing waits SEARCH_DEBOUNCE_MS after the last key before searching (a person number typed
whole finds that person first). Enter opens the record directly when the box holds a person
number, a record id or the QR code of a printed form (a USB scanner types it, in either
keyboard layout): a person here, a household or a case through the main window
(`household_requested`, `case_requested`). Otherwise Enter opens the top hit when the list on
screen is the answer to what is in the box, and searches at once when it is not yet.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ErrorCode
from app.domain.person_numbers import normalize_person_number
from app.domain.record_code import RecordKind, number_readings, parse_record_code
from app.services.dto import BeneficiaryView, SearchHit
from app.services.setup import AppServices
from app.ui.common.worker import Worker
from app.ui.people.beneficiary_table_model import (
    COL_BIRTH_DATE,
    COL_NAME,
    COL_NATIONAL_NUMBER,
    COL_PERSON_NUMBER,
    ID_ROLE,
    BeneficiaryTableModel,
)

SEARCH_DEBOUNCE_MS = 150
RECORD_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)


class SearchBox(QLineEdit):
    """The query box; Down moves to the results so the keyboard never needs the mouse."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class ResultsTable(QTableView):
    """Enter opens the current row, whatever the style's idea of "activation" is."""

    open_current = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchPage(QWidget):
    open_requested = Signal(str)  # beneficiary id
    household_requested = Signal(str)  # household id (a scanned household form)
    case_requested = Signal(str)  # case id (a scanned case form)
    new_requested = Signal()
    new_household_requested = Signal()  # a whole family in one pass
    error = Signal(object)  # an exception for the window to show

    def __init__(
        self, services: AppServices, worker: Worker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._worker = worker
        self.model = BeneficiaryTableModel(
            services.beneficiaries.search, self._run, self._municipality_name, self
        )
        self.model.search_finished.connect(self._show_count)
        self.model.search_started.connect(self._show_searching)

        self.box = SearchBox()
        self.box.setPlaceholderText(
            self.tr("Search by name, person number, mother's name, national number or phone…")
        )
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName(self.tr("Search"))
        self.box.textEdited.connect(self._text_edited)
        self.box.returnPressed.connect(self._enter_pressed)
        self.box.down_pressed.connect(self._focus_results)

        self.new_button = QPushButton(self.tr("New beneficiary"))
        self.new_button.setToolTip(self.tr("Register a new beneficiary (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)
        self.new_household_button = QPushButton(self.tr("New household"))
        self.new_household_button.setToolTip(self.tr("Register a whole family in one pass"))
        self.new_household_button.clicked.connect(self.new_household_requested)

        self.count_label = QLabel()
        self.count_label.setObjectName("searchCount")

        self.table = ResultsTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (COL_NAME, 260), (COL_BIRTH_DATE, 110), (COL_NATIONAL_NUMBER, 130),
            (COL_PERSON_NUMBER, 140),
        ):  # fmt: skip
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(1, 170)
        self.table.doubleClicked.connect(self._activated)
        self.table.open_current.connect(self._activated)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)

        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.new_household_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.box, self.new_button)
        self.setTabOrder(self.new_button, self.new_household_button)
        self.setTabOrder(self.new_household_button, self.table)

    # -- searching --------------------------------------------------------------------------

    def _run(self, call, on_done) -> None:  # type: ignore[no-untyped-def]
        def failed(err: BaseException) -> None:
            self.model.page_failed()
            self.count_label.clear()
            self.error.emit(err)

        self._worker.submit(call, on_done, failed, owner=self)

    def _municipality_name(self, code: str | None) -> str:
        found = self._services.reference.municipality(code) if code else None
        if found is None:
            return code or ""
        return found.name_en if self._services.preferences.language == "en" else found.name_ar

    def _text_edited(self, _text: str) -> None:
        self._debounce.start()

    def search_now(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.box.text().strip())

    def set_query(self, text: str) -> None:
        """Put `text` in the box and search at once (used after saving a record)."""
        self.box.setText(text)
        self.search_now()

    def _enter_pressed(self) -> None:
        text = self.box.text().strip()
        typed = normalize_person_number(text)
        numbers = number_readings(text) or ((typed,) if typed else ())
        if numbers:  # a person's number, typed or scanned from a printed form
            self._debounce.stop()
            self._worker.submit(
                lambda: self._services.beneficiaries.get_by_number(numbers),
                self._scanned_found,
                self._scanned_missing,
                owner=self,
            )
            return
        scanned = parse_record_code(text)
        if scanned is not None:
            self._open_scanned(*scanned)
            return
        if RECORD_ID.match(text):
            self._debounce.stop()
            self._worker.submit(
                lambda: self._services.beneficiaries.get(text.lower()),
                self._scanned_found,
                self._scanned_missing,
                owner=self,
            )
            return
        if self._showing_results_for(text):
            self._activated(self.model.index(0, COL_NAME))  # Enter opens the top hit
            return
        self.search_now()

    def _showing_results_for(self, text: str) -> bool:
        """The list on screen answers exactly this text (searched before Enter was pressed).

        Only then does Enter open the top hit: a scanner types a code and Enter faster than
        the search waits, so a scan never opens whoever a half-typed search found first.
        """
        return (
            bool(text)
            and not self._debounce.isActive()
            and not self.model.loading
            and self.model.query == text
            and self.model.rowCount() > 0
        )

    def _open_scanned(self, kind: RecordKind, record_id: str) -> None:
        """A printed form's QR code: open its record (a case through the main window, which
        checks access and asks for a reason where needed)."""
        self._debounce.stop()
        if kind is RecordKind.CASE:
            self.case_requested.emit(record_id)
        elif kind is RecordKind.HOUSEHOLD:
            self._worker.submit(
                lambda: self._services.households.get(record_id),
                lambda view: self.household_requested.emit(view.id),
                self._scanned_missing,
                owner=self,
            )
        else:
            self._worker.submit(
                lambda: self._services.beneficiaries.get(record_id),
                self._scanned_found,
                self._scanned_missing,
                owner=self,
            )

    def _scanned_found(self, view: BeneficiaryView) -> None:
        self.open_requested.emit(view.id)

    def _scanned_missing(self, err: BaseException) -> None:
        if isinstance(err, DomainError) and err.code is ErrorCode.NOT_FOUND:
            self.search_now()
        else:
            self.error.emit(err)

    def _show_searching(self, _query: str) -> None:
        self.count_label.setText(self.tr("Searching…"))

    def _show_count(self, query: str, count: int) -> None:
        if count == 0:
            text = (
                self.tr("No one found.") if query else self.tr("No beneficiaries registered yet.")
            )
        elif self.model.complete:
            text = self.tr("%n result(s)", "", count)
        else:
            text = self.tr("First %n results; scroll down for more.", "", count)
        if not query and count:
            text = self.tr("Most recently registered: %n", "", count)
        self.count_label.setText(text)

    # -- opening ----------------------------------------------------------------------------

    def _focus_results(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        beneficiary_id = index.data(ID_ROLE)
        if beneficiary_id:
            self.open_requested.emit(beneficiary_id)

    def current_hit(self) -> SearchHit | None:
        index = self.table.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        self.box.setFocus()
        self.box.selectAll()
