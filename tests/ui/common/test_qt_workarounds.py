"""Guards against PySide6 releases with reference-count bugs that crash Sanad at exit.

PySide6-Essentials 6.12.0's `SignalInstance.emit()` steals a reference to `True` on every
call from Python; a few hundred emits later the interpreter aborts ("bool_dealloc:
deallocating True"). pyproject.toml excludes that release; these tests fail on any release
that brings the bug (or its sibling in `QModelIndex.data()` returning None) back.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QStringListModel, Qt, Signal

pytestmark = pytest.mark.gui


class _Source(QObject):
    fired = Signal(object)


def test_emit_does_not_steal_references_to_true() -> None:
    source = _Source()
    received: list[object] = []
    source.fired.connect(received.append)
    results = []
    before = sys.getrefcount(True)
    for i in range(500):
        results.append(source.fired.emit(i))
    assert len(received) == 500
    # The list holds one reference per True result: the count must have grown by that much.
    grown = sys.getrefcount(True) - before
    assert grown >= sum(r is True for r in results) - 5


def test_index_data_none_does_not_steal_references_to_none() -> None:
    model = QStringListModel(["a"])
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    values = [index.data(Qt.ItemDataRole.DecorationRole) for _ in range(500)]
    assert all(v is None for v in values)
    assert sys.getrefcount(None) - before >= 495
