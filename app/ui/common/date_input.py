"""The one date input of the desk: a date is typed as people write it, or picked.

A worker types `15/03/1979`, `15031979`, `١٥/٠٣/١٩٧٩` or `1979-03-15` (the rules are the
domain's `parse_date`) and Tab goes on to the next field; leaving the field writes the date
back as dd/MM/yyyy. The calendar button (or Alt+Down, F4) opens a calendar at the typed date,
or at a plausible one (`around`), with Libya's week: it starts on Saturday and its weekend is
Friday and Saturday.

A birth date may be an estimate (`estimable=True`): typing a year (1979) or an age in years
(35) ticks "Estimated" by itself; the box may also be ticked by hand beside a full date.

Read it with `value()` (a date, or None when empty or not a date) and, for a form that lets the
domain word the error, `text_value()` (the text as typed, or the date in ISO form).
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.arabic import to_western_digits
from app.domain.errors import DomainError
from app.domain.people import is_year_only, parse_birth_date, parse_date
from app.ui.common.calendar_style import libyan_calendar

_AGE_OR_YEAR = re.compile(r"\d{1,4}")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateInput(QWidget):
    """A date typed or picked; may be empty. See the module's docstring."""

    edited = Signal()  # the user typed or picked a date (or ticked "Estimated")

    def __init__(
        self,
        around: date | None = None,
        value: date | None = None,
        *,
        estimable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._around = around
        self.line = QLineEdit()
        self.line.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # day first, as on paper
        self.line.setMaxLength(24)
        self.line.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.line.setAccessibleName(self.tr("Date"))
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._tidy)
        self.line.installEventFilter(self)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(self.tr("Open the calendar"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next field
        self.button.clicked.connect(self.open_calendar)
        self.estimated: QCheckBox | None = None
        self._auto_estimated = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        if estimable:
            self.estimated = QCheckBox(self.tr("Estimated"))
            self.estimated.setToolTip(
                self.tr("No papers: type the year of birth (1979) or the age in years (35).")
            )
            self.estimated.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.estimated.toggled.connect(self._estimate_toggled)
            row.addWidget(self.estimated)
        self.setFocusProxy(self.line)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(150)
        self._popup: _CalendarPopup | None = None
        self.set_value(value)

    # -- reading and writing --------------------------------------------------------------

    def value(self) -> date | None:
        """The date shown, or None when the field is empty or holds no valid date."""
        text = self.line.text().strip()
        if not text:
            return None
        try:
            if self.is_estimated():
                return parse_birth_date(text, "date", date.today(), estimated=True)
            return parse_date(text, "date")
        except DomainError:
            return None

    def text_value(self) -> str:
        """ISO form of a valid date, else the text as typed (the domain then says what is wrong)."""
        day = self.value()
        return day.isoformat() if day is not None else self.line.text().strip()

    def set_value(self, value: date | None, *, estimated: bool = False) -> None:
        if self.estimated is not None:
            self._set_estimated(estimated, auto=False)
        self.line.setText("" if value is None else self._shown(value))

    def is_estimated(self) -> bool:
        return self.estimated is not None and self.estimated.isChecked()

    def is_valid(self) -> bool:
        """Empty, or a date."""
        return not self.line.text().strip() or self.value() is not None

    def setReadOnly(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.button.setEnabled(not read_only)
        if self.estimated is not None:
            self.estimated.setEnabled(not read_only)

    def set_around(self, around: date) -> None:
        """Where the calendar opens while the field is empty."""
        self._around = around

    def _shown(self, day: date) -> str:
        if self.is_estimated() and is_year_only(day):
            return str(day.year)
        return day.strftime("%d/%m/%Y")

    # -- typing ---------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        if self.estimated is not None:
            # A year or an age alone can only be an estimate: tick the box while the text is
            # one, and untick it again once the text grows into a full date (15031979 passes
            # through 1503) unless the worker ticked it by hand.
            alone = bool(_AGE_OR_YEAR.fullmatch(to_western_digits(text.strip())))
            if alone and not self.estimated.isChecked():
                self._set_estimated(True, auto=True)
            elif not alone and self._auto_estimated:
                self._set_estimated(False, auto=False)
        self.edited.emit()

    def _set_estimated(self, on: bool, *, auto: bool) -> None:
        assert self.estimated is not None
        self.estimated.blockSignals(True)
        self.estimated.setChecked(on)
        self.estimated.blockSignals(False)
        self._auto_estimated = auto

    def _tidy(self) -> None:
        """Leaving the field writes a valid date back in one form (a wrong text is kept)."""
        day = self.value()
        if day is not None:
            shown = self._shown(day)
            if shown != self.line.text():
                self.line.setText(shown)

    def _estimate_toggled(self) -> None:
        self._auto_estimated = False  # ticked or unticked by hand: the worker's word
        self._tidy()
        self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            opens = event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if opens and not self.line.isReadOnly():
                self.open_calendar()
                return True
        if watched is self.line and event.type() == QEvent.Type.FocusIn:
            # Typing over a date replaces it (a click too, not only Tab).
            QTimer.singleShot(0, self.line, self.line.selectAll)
        return super().eventFilter(watched, event)

    # -- the calendar ---------------------------------------------------------------------

    def calendar_start(self) -> date:
        """The day the calendar opens at: the typed date, else the plausible one, else today."""
        return self.value() or self._around or date.today()

    def open_calendar(self) -> None:
        self._calendar_popup().show_at(self, _qdate(self.calendar_start()))

    def calendar(self) -> QCalendarWidget:
        """The calendar the button opens (made on first use)."""
        return self._calendar_popup().calendar

    def _calendar_popup(self) -> _CalendarPopup:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.chosen.connect(self._picked)
        return self._popup

    def _picked(self, day: QDate) -> None:
        if self.estimated is not None:
            self._set_estimated(False, auto=False)
        self.line.setText(self._shown(date(day.year(), day.month(), day.day())))
        self.line.setFocus()
        self.edited.emit()


class _CalendarPopup(QFrame):
    """A calendar in a pop-up under its field; Enter or a click chooses, Esc closes."""

    chosen = Signal(QDate)

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(QLocale())  # the UI's language; the week is Libya's
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMinimumDate(QDate(1880, 1, 1))
        self.calendar.setMaximumDate(QDate(2100, 12, 31))
        libyan_calendar(self.calendar)
        self.calendar.activated.connect(self._choose)
        self.calendar.clicked.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)

    def show_at(self, field: QWidget, day: QDate) -> None:
        self.calendar.setSelectedDate(day)
        self.calendar.setCurrentPage(day.year(), day.month())
        self.adjustSize()
        rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        left = field.width() - self.width() if rtl else 0
        below = field.mapToGlobal(QPoint(left, field.height()))
        screen = field.screen().availableGeometry()
        x = min(max(below.x(), screen.left()), screen.right() - self.width())
        y = (
            below.y()
            if below.y() + self.height() <= screen.bottom()
            else (field.mapToGlobal(QPoint(0, 0)).y() - self.height())
        )
        self.move(x, max(y, screen.top()))
        self.show()
        self.calendar.setFocus()

    def _choose(self, day: QDate) -> None:
        self.hide()
        self.chosen.emit(day)
