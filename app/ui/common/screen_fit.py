"""Windows sized to fit the screen they open on: a 1366x768 laptop with a taskbar leaves
about 1366x728, and the title bar takes some of that. A window asks for the size it would
like; it gets at most what the screen has room for, and its content scrolls (the forms put
their fields in a QScrollArea, their Save and Close buttons outside it)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

TITLE_BAR = 32  # the window manager's frame above the window, not counted in its height
_FALLBACK = QRect(0, 0, 1366, 728)


def available_geometry(widget: QWidget) -> QRect:
    """The room on the widget's screen (the primary one before it is shown)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(_FALLBACK)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width x height, or less where its screen has less room."""
    area = available_geometry(widget)
    widget.resize(min(width, area.width()), min(height, area.height() - TITLE_BAR))
