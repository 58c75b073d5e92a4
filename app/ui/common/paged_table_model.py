"""The lazy-paging machinery shared by the table models that load their rows a page at a time.

The model knows nothing of threads: it is given a `run(call, on_done)` that runs the call
somewhere (the background worker in the app, inline in model tests). A page answering an older
source (or arriving after rows were added or dropped) is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Signal

from app.ui.common.row_table_model import AnyIndex, RowTableModel

T = TypeVar("T")

RunFn = Callable[[Callable[[], list[T]], Callable[[list[T]], None]], None]


class PagedTableModel(RowTableModel[T]):
    """Rows of one source, requested a page at a time as the view scrolls.

    Subclasses say how the next page is asked for (`_page_call`), how large a page is
    (`_page_size`, read on every page so a module constant can be changed by tests) and what
    a cell shows (`cell`); they call `_restart` when the source changes.
    """

    loading_finished = Signal(int)  # rows loaded so far

    def __init__(self, run: RunFn[T], headers: list[str], parent: Any = None) -> None:
        super().__init__(headers, parent)
        self._run = run
        self._generation = 0
        self._loading = False
        self._exhausted = True

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        return self._exhausted

    # -- what subclasses provide ---------------------------------------------------------------

    def _page_size(self) -> int:
        raise NotImplementedError

    def _page_call(self) -> Callable[[], list[T]] | None:
        """The call fetching the page after the rows held, or None when there is no source."""
        raise NotImplementedError

    # -- paging --------------------------------------------------------------------------------

    def _restart(self, exhausted: bool) -> None:
        """Drop every row for a new source; answers still on their way for the old one are
        ignored thanks to the generation."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._exhausted = exhausted
        self._loading = False
        self.endResetModel()

    def _request_page(self) -> None:
        if self._loading or self._exhausted:
            return
        call = self._page_call()
        if call is None:
            return
        self._loading = True
        generation, count = self._generation, len(self._rows)
        self._run(call, lambda rows: self._page_arrived(generation, count, rows))

    def _page_arrived(self, generation: int, count: int, rows: list[T]) -> None:
        if generation != self._generation or count != len(self._rows):
            return  # an answer for a source no longer shown
        if len(rows) < self._page_size():
            self._exhausted = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self._loading = False
        self.loading_finished.emit(len(self._rows))

    def page_failed(self) -> None:
        """The fetch raised: stop asking for more of this source."""
        self._loading = False
        self._exhausted = True

    # -- Qt model interface --------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid():
            self._request_page()
