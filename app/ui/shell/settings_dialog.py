"""Settings: the logged-in user's own language (applied at once, and at each of their logins)
and the installation's idle lock."""

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
        note = QLabel(
            self.tr("The language is yours: it is used each time you log in, on this computer.")
        )
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
        self.saved_language = prefs.language

    def save(self) -> None:
        prefs: Preferences = self._services.preferences
        user = self._services.ctx.user
        new_language = str(self.language.currentData())
        old_minutes = prefs.idle_lock_minutes
        try:
            prefs.idle_lock_minutes = self.idle_minutes.value()
            if user is not None:
                prefs.set_language_of(user.id, new_language)  # saves the file too
            else:
                prefs.save()
        except OSError:
            prefs.idle_lock_minutes = old_minutes
            self.error.setText(
                self.tr("The settings could not be saved (the data folder is not writable).")
            )
            self.error.show()
            return
        # The shell applies a new language at once (main window rebuilt, user still logged in).
        self.saved_language = new_language
        self.language_changed = new_language != prefs.language
        self.accept()
