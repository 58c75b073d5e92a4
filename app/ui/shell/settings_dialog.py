"""Settings kept per installation: the language (applied at the next start) and idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.preferences import LANGUAGES, Preferences
from app.services.setup import AppServices
from app.ui.common.translations import LANGUAGE_NAMES


class SettingsDialog(QDialog):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setWindowTitle(self.tr("Settings"))
        prefs = services.preferences
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(self.language.findData(prefs.language), 0))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setValue(prefs.idle_lock_minutes)
        self.idle_minutes.setSuffix(self.tr(" min"))
        note = QLabel(self.tr("A new language is applied the next time Sanad is started."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Lock the screen after this long without use"), self.idle_minutes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.language_changed = False

    def save(self) -> None:
        prefs: Preferences = self._services.preferences
        old_language = prefs.language
        new_language = str(self.language.currentData())
        new_minutes = self.idle_minutes.value()
        try:
            updated = Preferences(language=new_language, idle_lock_minutes=new_minutes)
            updated.save(self._services.ctx.data_dir)
        except OSError:
            self.error.setText(
                self.tr("The settings could not be saved (the data folder is not writable).")
            )
            self.error.show()
            return
        # The running session keeps its language; the idle lock applies at once.
        prefs.idle_lock_minutes = new_minutes
        self.saved_language = new_language
        self.language_changed = new_language != old_language
        self.accept()
