"""The table-model skeleton the small models share: counts, headers, bounds, reset."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.ui.common.row_table_model import RowTableModel

pytestmark = pytest.mark.gui

DISPLAY = Qt.ItemDataRole.DisplayRole


class Pairs(RowTableModel[tuple[str, int]]):
    def __init__(self) -> None:
        super().__init__(["الاسم", "العدد"])

    def cell(self, item: tuple[str, int], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return (item[0], str(item[1]))[column] if role == DISPLAY else None


class Unnumbered(Pairs):
    numbered_rows = False


def test_the_skeleton_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = Pairs()
    qtmodeltester.check(model)
    model.set_rows([("أحمد", 3), ("مريم", 5)])
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 2)
    assert model.index(1, 0).data() == "مريم"
    assert model.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignCenter
    )
    assert model.row_at(1) == ("مريم", 5)
    assert model.row_at(2) is None and model.row_at(-1) is None


def test_headers_rows_numbered_or_not() -> None:
    model = Pairs()
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert [model.headerData(i, horizontal) for i in range(3)] == ["الاسم", "العدد", None]
    assert model.headerData(0, vertical) == "1"
    assert model.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert Unnumbered().headerData(0, vertical) is None
    model.set_headers(["أ"])
    assert model.columnCount() == 1


def test_a_stale_index_shows_nothing() -> None:
    model = Pairs()
    model.set_rows([("أحمد", 3)])
    stale = model.index(0, 1)
    model.set_rows([])
    assert model.data(stale) is None
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0
