"""Language set-up: translators (Sanad's own and Qt's), locale, layout direction.

Arabic is the default: right-to-left, the Libyan locale (digits 0-9), dates dd/MM/yyyy.
Qt's own `qtbase_ar.qm` (standard buttons, context menus) is shipped in `i18n/` beside
`sanad_ar.qm`, so it is found inside a PyInstaller bundle too; PySide6's translations folder
is the fallback when running from a source tree where it was not copied.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from app.resources import i18n_dir

log = logging.getLogger(__name__)

DATE_FORMAT = "dd/MM/yyyy"  # Qt format, for QDateEdit
PY_DATE_FORMAT = "%d/%m/%Y"
PY_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
LANGUAGE_NAMES = {"ar": "العربية", "en": "English"}  # each in its own language, never translated

_installed: list[QTranslator] = []


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark `source` for pyside6-lupdate under `context`; translate it later when shown."""
    return source


def locale_for(language: str) -> QLocale:
    if language == "ar":
        # Libya writes Western digits (0-9); ar_SY and others would give Arabic-Indic digits.
        return QLocale(QLocale.Language.Arabic, QLocale.Country.Libya)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _qt_translation_dirs() -> list[Path]:
    return [i18n_dir(), Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]


def _load(name: str, folders: list[Path]) -> QTranslator | None:
    for folder in folders:
        path = folder / name
        if not path.is_file():
            continue
        translator = QTranslator()
        if translator.load(str(path)):
            return translator
        log.warning("translation %s could not be loaded", path)
    log.warning("translation %s not found in %s", name, [str(f) for f in folders])
    return None


def install_language(app: QApplication, language: str) -> list[str]:
    """Apply `language` ("ar" or "en") to the whole application; returns the files loaded."""
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    locale = locale_for(language)
    QLocale.setDefault(locale)
    loaded: list[str] = []
    if language == "ar":
        for name, folders in (
            ("sanad_ar.qm", [i18n_dir()]),
            ("qtbase_ar.qm", _qt_translation_dirs()),
        ):
            translator = _load(name, folders)
            if translator is not None:
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
                loaded.append(translator.filePath())
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    else:
        # English source texts need only their plural forms ("1 result", "2 results").
        translator = _load("sanad_en.qm", [i18n_dir()])
        if translator is not None:
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
            loaded.append(translator.filePath())
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return loaded
