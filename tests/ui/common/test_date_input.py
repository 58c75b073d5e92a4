"""The date input: typed as people write dates, Tab goes on, the calendar opens near the date,
Libya's weekend; a birth date may be an estimate (a year, an age)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.common.date_input import DateInput
from app.ui.common.inputs import BirthDateEdit
from tests.ui.conftest import type_text

pytestmark = pytest.mark.gui


def _form(qtbot: QtBot, date_input: DateInput) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(date_input)
    after = QLineEdit()
    layout.addWidget(after)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    date_input.setFocus()
    qtbot.waitUntil(lambda: date_input.line.hasFocus())
    return window, after


@pytest.mark.parametrize(
    "typed",
    ["15/03/1979", "15031979", "١٥/٠٣/١٩٧٩", "1979-03-15", "15-3-1979", "15.03.1979"],
)
def test_a_typed_date_is_read_and_tab_goes_to_the_next_field(qtbot: QtBot, typed: str) -> None:
    field = DateInput()
    _window, after = _form(qtbot, field)
    type_text(field.line, typed)
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert after.hasFocus(), "Tab must leave the date for the next field"
    qtbot.keyClicks(after, "next")
    assert after.text() == "next"
    assert field.value() == date(1979, 3, 15)
    assert field.line.text() == "15/03/1979"  # written back in one form on leaving


def test_typing_over_a_date_replaces_it(qtbot: QtBot) -> None:
    field = DateInput(value=date(2000, 12, 15))
    _window, after = _form(qtbot, field)
    after.setFocus()
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    qtbot.waitUntil(field.line.hasFocus)
    qtbot.waitUntil(lambda: field.line.selectedText() == "15/12/2000")
    qtbot.keyClicks(field.line, "15/03/1979")
    assert field.line.text() == "15/03/1979"
    assert field.value() == date(1979, 3, 15)


def test_a_wrong_date_is_kept_as_typed_and_not_a_value(qtbot: QtBot) -> None:
    field = DateInput()
    _window, _after = _form(qtbot, field)
    qtbot.keyClicks(field.line, "31/02/2020")
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert field.value() is None
    assert not field.is_valid()
    assert field.text_value() == "31/02/2020"  # the domain words the error beside the field
    field.line.clear()
    assert field.is_valid() and field.value() is None and field.text_value() == ""


def test_the_calendar_opens_at_the_typed_date_else_near_a_plausible_one(qtbot: QtBot) -> None:
    field = DateInput(around=date(2026, 12, 7))
    _window, _after = _form(qtbot, field)
    field.open_calendar()
    calendar = field.calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 12)
    calendar.parentWidget().hide()
    field.line.setText("15/03/1979")
    qtbot.keyClick(field.line, Qt.Key.Key_F4)
    assert calendar.isVisible()
    assert (calendar.yearShown(), calendar.monthShown()) == (1979, 3)
    assert calendar.selectedDate() == QDate(1979, 3, 15)
    # Enter on a day chooses it and returns to the field.
    calendar.setSelectedDate(QDate(1979, 3, 20))
    focused = QApplication.focusWidget()
    assert focused is not None and calendar.isAncestorOf(focused), "the calendar takes the keys"
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert field.value() == date(1979, 3, 20)


def test_a_birth_date_calendar_opens_decades_back_not_in_1900(qtbot: QtBot) -> None:
    field = BirthDateEdit()
    _window, _after = _form(qtbot, field)
    field.open_calendar()
    assert field.calendar().yearShown() == date.today().year - 30


def test_the_weekend_is_friday_and_saturday(qtbot: QtBot) -> None:
    field = DateInput()
    _window, _after = _form(qtbot, field)
    calendar = field.calendar()
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Saturday
    weekend = {
        day
        for day in Qt.DayOfWeek
        if calendar.weekdayTextFormat(day).foreground().color().name() == "#b00020"
    }
    assert weekend == {Qt.DayOfWeek.Friday, Qt.DayOfWeek.Saturday}


def test_a_year_or_an_age_alone_is_an_estimated_birth_date(qtbot: QtBot) -> None:
    field = BirthDateEdit()
    _window, after = _form(qtbot, field)
    assert field.estimated is not None and not field.is_estimated()
    qtbot.keyClicks(field.line, "35")
    assert field.is_estimated()
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert after.hasFocus()
    year = date.today().year - 35
    assert field.value() == min(date(year, 7, 1), date.today())
    assert field.line.text() == str(year)  # shown as the year it stands for
    field.line.setFocus()
    field.line.selectAll()
    type_text(field.line, "١٩٧٩")
    assert field.value() == date(1979, 7, 1)
    assert field.text_value() == "1979-07-01"


def test_an_estimate_can_be_a_full_date_ticked_by_hand(qtbot: QtBot) -> None:
    field = BirthDateEdit()
    _window, _after = _form(qtbot, field)
    field.line.setText("15/03/1979")
    assert field.estimated is not None
    field.estimated.setChecked(True)
    assert field.is_estimated() and field.value() == date(1979, 3, 15)
    field.set_value(date(1980, 7, 1), estimated=True)
    assert field.line.text() == "1980" and field.is_estimated()
    field.set_value(date(1980, 7, 1))
    assert field.line.text() == "01/07/1980" and not field.is_estimated()


def test_a_plain_date_input_does_not_take_a_year_alone(qtbot: QtBot) -> None:
    field = DateInput()
    _window, _after = _form(qtbot, field)
    qtbot.keyClicks(field.line, "1979")
    assert field.estimated is None and field.value() is None


def test_read_only_keeps_the_text_and_closes_the_calendar(qtbot: QtBot) -> None:
    field = BirthDateEdit()
    _window, _after = _form(qtbot, field)
    field.set_value(date(1979, 3, 15))
    field.setReadOnly(True)
    qtbot.keyClick(field.line, Qt.Key.Key_F4)
    assert field._popup is None or not field._popup.isVisible()
    assert not field.button.isEnabled()
    assert QApplication.focusWidget() is field.line


def test_a_full_date_typed_digit_by_digit_is_not_an_estimate(qtbot: QtBot) -> None:
    field = BirthDateEdit()
    _window, _after = _form(qtbot, field)
    type_text(field.line, "1503")
    assert field.is_estimated()  # a year, so far
    type_text(field.line, "1979")
    assert not field.is_estimated()
    assert field.value() == date(1979, 3, 15)
    # Ticked by hand, it stays ticked whatever is typed.
    assert field.estimated is not None
    field.estimated.setChecked(True)
    type_text(field.line, "0")
    assert field.is_estimated()
