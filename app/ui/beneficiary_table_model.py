"""The lazy table of search results: pages of SearchHit fetched on demand, never every row.

The model does not know about threads: it is given `search(query, limit, offset)` and a
`run(call, on_done)` that runs the call somewhere (the background worker in the app, inline in
model tests). Each query gets a generation number; a page answering an older query is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.people import local_phone
from app.services.dto import SearchHit
from app.ui import labels
from app.ui.translations import PY_DATE_FORMAT

PAGE_SIZE = 100

COL_NAME = 0
COL_MOTHER = 1
COL_SEX = 2
COL_BIRTH_DATE = 3
COL_NATIONAL_NUMBER = 4
COL_PHONE = 5
COL_MUNICIPALITY = 6
COLUMN_COUNT = 7

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the beneficiary id of a row
HIT_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole SearchHit

SearchFn = Callable[[str, int, int], list[SearchHit]]
RunFn = Callable[[Callable[[], list[SearchHit]], Callable[[list[SearchHit]], None]], None]
MunicipalityName = Callable[[str | None], str]

AnyIndex = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    translate = QCoreApplication.translate
    return [
        translate("BeneficiaryTableModel", "Full name"),
        translate("BeneficiaryTableModel", "Mother's name"),
        translate("BeneficiaryTableModel", "Sex"),
        translate("BeneficiaryTableModel", "Date of birth"),
        translate("BeneficiaryTableModel", "National number"),
        translate("BeneficiaryTableModel", "Phone"),
        translate("BeneficiaryTableModel", "Municipality"),
    ]


class BeneficiaryTableModel(QAbstractTableModel):
    """Rows of one query, loaded PAGE_SIZE at a time as the view scrolls."""

    search_started = Signal(str)
    search_finished = Signal(str, int)  # query, rows loaded so far

    def __init__(
        self,
        search: SearchFn,
        run: RunFn,
        municipality_name: MunicipalityName,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._run = run
        self._municipality_name = municipality_name
        self._hits: list[SearchHit] = []
        self._query = ""
        self._generation = 0
        self._loading = False
        self._exhausted = True
        self._headers = _headers()

    # -- queries ---------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        """Every match of the query is loaded."""
        return self._exhausted

    def set_query(self, query: str) -> None:
        """Start a new search: drop the old rows and fetch the first page."""
        self._generation += 1
        self.beginResetModel()
        self._query = query
        self._hits = []
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        self.search_started.emit(query)
        self._request_page()

    def refresh(self) -> None:
        self.set_query(self._query)

    def _request_page(self) -> None:
        if self._loading or self._exhausted:
            return
        self._loading = True
        generation, query, offset = self._generation, self._query, len(self._hits)
        self._run(
            lambda: self._search(query, PAGE_SIZE, offset),
            lambda hits: self._page_arrived(generation, offset, hits),
        )

    def _page_arrived(self, generation: int, offset: int, hits: list[SearchHit]) -> None:
        if generation != self._generation or offset != len(self._hits):
            return  # an answer to an older query: stale
        # Still "loading" while the rows go in, so a view asking for more during the
        # insertion does not request this page again.
        if len(hits) < PAGE_SIZE:
            self._exhausted = True
        if hits:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
            self._hits.extend(hits)
            self.endInsertRows()
        self._loading = False
        self.search_finished.emit(self._query, len(self._hits))

    def page_failed(self) -> None:
        """The search raised: stop asking for more of this query."""
        self._loading = False
        self._exhausted = True

    # -- Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._request_page()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hit, index.column())
        if role == ID_ROLE:
            return hit.id
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_PHONE:
            return "\n".join(local_phone(p) for p in hit.phones) or None
        return None

    def _display(self, hit: SearchHit, column: int) -> str | None:
        if column == COL_NAME:
            return hit.full_name
        if column == COL_MOTHER:
            return hit.mother_name
        if column == COL_SEX:
            return labels.sex(hit.sex)
        if column == COL_BIRTH_DATE:
            return hit.birth_date.strftime(PY_DATE_FORMAT)
        if column == COL_NATIONAL_NUMBER:
            return hit.national_number or ""
        if column == COL_PHONE:
            return local_phone(hit.phones[0]) if hit.phones else ""
        if column == COL_MUNICIPALITY:
            return self._municipality_name(hit.municipality_code)
        return None

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None
