"""Checks that a screen shows no English: the visible texts of a widget tree (labels, buttons,
tabs, combos, placeholders, table models, menu actions) and the Latin words allowed in them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)

# Latin words that belong in the Arabic UI: keys, file types, demo credentials, the branch code.
ALLOWED = {
    "Ctrl",
    "Esc",
    "CSV",
    "Excel",
    "XLSX",
    "csv",
    "xlsx",
    "README",
    "worker",
    "demo",
    "supervisor",
    "admin",
    "DEMO",
    "XXXXXXXX",
    "English",
    "PDF",
    "JPEG",
    "PNG",
    "TIFF",
}
RECORD_ID = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
# Not words: a record id or a branch code (three capitals and two digits) inside a sentence.
CODES = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|\b[A-Z]{3}[0-9]{2}\b")


def english_words(text: str) -> list[str]:
    if RECORD_ID.match(text.strip()):
        return []
    return [w for w in re.findall(r"[A-Za-z]{2,}", CODES.sub(" ", text)) if w not in ALLOWED]


def model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    for column in range(model.columnCount()):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(), 20)):
        for column in range(model.columnCount()):
            value = model.data(model.index(row, column))
            if isinstance(value, str):
                yield value


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    yield "title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        name = type(widget).__name__
        if isinstance(widget, QLabel):
            yield name, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
            yield name, widget.toolTip()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTabWidget):
            yield from ((name, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            yield from ((name, widget.itemText(i)) for i in range(widget.count()))
        elif isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        elif isinstance(widget, QAbstractItemView):
            yield from ((name, t) for t in model_texts(widget.model()))
    if isinstance(root, QMainWindow):
        for action in root.findChildren(type(root.menuBar().actions()[0])):
            yield "action", action.text()


def assert_arabic(widget: QWidget) -> None:
    found = [(kind, text) for kind, text in visible_texts(widget) if english_words(text)]
    assert found == [], f"English left in {type(widget).__name__}: {found}"
