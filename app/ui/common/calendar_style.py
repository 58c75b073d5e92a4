"""The Libyan calendar look for every date picker: the week starts on Saturday (Qt's ar_LY
locale) and the weekend, Friday and Saturday, is shown in red (Qt's default marks Saturday
and Sunday)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QDateEdit

WEEKEND = (Qt.DayOfWeek.Friday, Qt.DayOfWeek.Saturday)
WEEKEND_COLOUR = QColor("#c62828")
LIBYA = QLocale(QLocale.Language.Arabic, QLocale.Country.Libya)


def libyan_calendar(calendar: QCalendarWidget) -> None:
    """First day of the week and weekend colours as in Libya, whatever the language shown."""
    calendar.setFirstDayOfWeek(LIBYA.firstDayOfWeek())  # Saturday
    working = QTextCharFormat()
    working.setForeground(calendar.palette().text())
    weekend = QTextCharFormat()
    weekend.setForeground(WEEKEND_COLOUR)
    for day in Qt.DayOfWeek:
        calendar.setWeekdayTextFormat(day, weekend if day in WEEKEND else working)


def libyan_date_edit(edit: QDateEdit) -> QDateEdit:
    """A date edit with a calendar popup in the Libyan calendar look; returns `edit`."""
    edit.setCalendarPopup(True)
    libyan_calendar(edit.calendarWidget())
    return edit
