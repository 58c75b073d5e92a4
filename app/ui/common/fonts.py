"""The bundled UI fonts (Noto Sans Arabic + Noto Sans): registered at start, set app-wide.

With no system fonts (a bare branch PC, the offscreen self-test) Qt would draw boxes; the
bundled families are registered explicitly and set as the application font, Arabic first so
that Arabic text uses Noto Sans Arabic and Latin falls back to Noto Sans.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.resources import resources_dir

log = logging.getLogger(__name__)

UI_FONT_FILES = (
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
)
UI_FAMILIES = ["Noto Sans Arabic", "Noto Sans"]
UI_POINT_SIZE = 10


def register_fonts(folder: Path | None = None) -> list[str]:
    """Add the bundled UI fonts to Qt's font database; returns the families found."""
    fonts = folder or resources_dir() / "fonts"
    families: list[str] = []
    for name in UI_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(fonts / name))
        if font_id < 0:
            log.warning("font %s could not be loaded", fonts / name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


def ui_font(point_size: int = UI_POINT_SIZE) -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSize(point_size)
    return font


def apply_fonts(app: QApplication) -> None:
    register_fonts()
    app.setFont(ui_font())
