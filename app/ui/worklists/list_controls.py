"""What narrows a work list on the reader's request: the filter box above each list (Esc
clears it), the stage chips that filter when clicked, and the translation of a typed text
into a ListQuery (the types and stages found by their shown names, normalized as the registry
normalizes names, so أحمد finds احمد)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from app.domain.arabic import normalize_arabic
from app.domain.cases import STATUS_ORDER
from app.services.case_list_query import ListQuery
from app.ui.common import case_labels

FILTER_DELAY_MS = 250  # typing pauses this long before the list is asked again


def matches(text: str, *values: str) -> bool:
    """Whether the typed `text` is part of any of `values`, both normalized."""
    key = normalize_arabic(text)
    if not key:
        return True
    return any(key in normalize_arabic(v) for v in values if v)


def text_query(text: str, type_names: Mapping[str, str], base: ListQuery) -> ListQuery:
    """`base` filtered by `text`: the service matches case numbers and names; the types and
    stages whose shown names contain the text are found here."""
    text = text.strip()
    types = tuple(code for code, name in type_names.items() if text and matches(text, name))
    stages = tuple(
        s.value for s in STATUS_ORDER if text and matches(text, case_labels.status(s.value))
    )
    return ListQuery(
        sort=base.sort,
        descending=base.descending,
        text=text,
        type_codes=types,
        statuses=stages,
        stage=base.stage,
        type_order=base.type_order,
    )


def type_order(type_names: Mapping[str, str]) -> tuple[str, ...]:
    """Type codes in the order of their shown names."""
    return tuple(sorted(type_names, key=lambda c: (normalize_arabic(type_names[c]), c)))


class FilterBox(QLineEdit):
    """Type any part of a case number, a name, a case type or a stage; the list follows a
    moment after typing stops. Esc clears it."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("list_filter")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(
            self.tr("Filter: part of a case number, a name, a case type or a stage (Esc clears)")
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self._sent = ""
        self.textChanged.connect(lambda _t: self._timer.start())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self._emit()
            return
        super().keyPressEvent(event)

    def flush(self) -> None:
        """Apply what is typed now (tests, Enter)."""
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        text = self.text().strip()
        if text != self._sent:
            self._sent = text
            self.changed.emit(text)


class StageChip(QPushButton):
    """A status badge with its count; clicking it shows only that stage (it stays pressed),
    clicking it again shows the list again."""

    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName(f"status_{status}")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        base = case_labels.status_style(status)
        self.setStyleSheet(
            f"QPushButton {{ {base} border: 2px solid transparent; }}"
            "QPushButton:checked { border: 2px solid #212121; text-decoration: underline; }"
        )
        self.setToolTip(self.tr("Show only the cases in this stage; click again to show all"))

    def show_count(self, label: str, count: int) -> None:
        self.setText(f"{label}  {count}")
