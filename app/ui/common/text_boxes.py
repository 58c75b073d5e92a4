"""Multi-line text boxes (case summary, assessment, notes, reasons...): in the Arabic desk they
read right to left and sit against the right edge, whatever their first character is.

Qt otherwise picks each paragraph's direction from its first strong letter: a note that starts
with a date, a number or a Latin name ("2026: ...", "UNICEF ...") would run left to right,
left-aligned, and an empty box would put its cursor on the left.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

Box = TypeVar("Box", bound=QPlainTextEdit | QTextEdit)

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute


def arabic_text_box(box: Box) -> Box:
    """Make `box` right to left and right-aligned when the desk is (returns it). Set on the
    document's default option, which outlives setPlainText/clear; in a left-to-right desk
    the box keeps Qt's per-paragraph direction (Arabic paragraphs still run right to left)."""
    if QApplication.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return box
    box.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    document = box.document()
    option = document.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(_RIGHT)
    document.setDefaultTextOption(option)
    return box


def is_arabic_text_box(box: QPlainTextEdit | QTextEdit) -> bool:
    """Is `box` set as `arabic_text_box` sets it (for tests and the self-check)?"""
    option: QTextOption = box.document().defaultTextOption()
    return (
        box.layoutDirection() == Qt.LayoutDirection.RightToLeft
        and option.textDirection() == Qt.LayoutDirection.RightToLeft
        and bool(option.alignment() & Qt.AlignmentFlag.AlignRight)
    )
