"""The lazy table of search results: pages of SearchHit fetched on demand, never every row.

The paging itself is PagedTableModel's; this model is given `search(query, limit, offset)` and
a `run(call, on_done)` that runs the call somewhere (the background worker in the app, inline in
model tests). A page answering an older query is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal

from app.domain.people import local_phone
from app.services.dto import SearchHit
from app.ui.common import labels
from app.ui.common.paged_table_model import PagedTableModel
from app.ui.common.paged_table_model import RunFn as PagedRunFn

PAGE_SIZE = 100

COL_NAME = 0
COL_MOTHER = 1
COL_SEX = 2
COL_BIRTH_DATE = 3
COL_NATIONAL_NUMBER = 4
COL_PHONE = 5
COL_MUNICIPALITY = 6
COL_PERSON_NUMBER = 7
COLUMN_COUNT = 8

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the beneficiary id of a row
HIT_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole SearchHit

SearchFn = Callable[[str, int, int], list[SearchHit]]
RunFn = PagedRunFn[SearchHit]
MunicipalityName = Callable[[str | None], str]


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
        translate("BeneficiaryTableModel", "Person number"),
    ]


class BeneficiaryTableModel(PagedTableModel[SearchHit]):
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
        super().__init__(run, _headers(), parent)
        self._search = search
        self._municipality_name = municipality_name
        self._query = ""
        # The search page and the self-test listen for the query along with the count.
        self.loading_finished.connect(self._announce_finished)

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, query: str) -> None:
        """Start a new search: drop the old rows and fetch the first page."""
        self._query = query
        self._restart(exhausted=False)
        self.search_started.emit(query)
        self._request_page()

    def refresh(self) -> None:
        self.set_query(self._query)

    def _announce_finished(self, rows: int) -> None:
        self.search_finished.emit(self._query, rows)

    def _page_size(self) -> int:
        return PAGE_SIZE

    def _page_call(self) -> Callable[[], list[SearchHit]]:
        search, query, offset = self._search, self._query, len(self._rows)
        return lambda: search(query, PAGE_SIZE, offset)

    def hit(self, row: int) -> SearchHit | None:
        return self.row_at(row)

    def cell(self, hit: SearchHit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hit, column)
        if role == ID_ROLE:
            return hit.id
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PHONE:
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
            return labels.birth(hit.birth_date, hit.birth_date_estimated)
        if column == COL_NATIONAL_NUMBER:
            return hit.national_number or ""
        if column == COL_PHONE:
            return local_phone(hit.phones[0]) if hit.phones else ""
        if column == COL_MUNICIPALITY:
            return self._municipality_name(hit.municipality_code)
        if column == COL_PERSON_NUMBER:
            return hit.person_number
        return None
