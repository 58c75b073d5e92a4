"""Small questions asked of the user (discard changes? remove this? quit?), in our own words.

Qt's standard buttons come with Qt's Arabic ("Discard" becomes «ارفض», reject); these
questions use explicit, translated button texts instead. Tests replace `ask`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """True if the user chose `yes`; Esc and closing the box mean `no`."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def confirm_discard(parent: QWidget | None) -> bool:
    return ask(
        parent,
        translate("Dialogs", "Unsaved changes"),
        translate("Dialogs", "Discard the changes you made?"),
        translate("Dialogs", "Discard the changes"),
        translate("Dialogs", "Keep editing"),
    )


def confirm_quit_with_changes(parent: QWidget | None) -> bool:
    return ask(
        parent,
        translate("Dialogs", "Unsaved changes"),
        translate("Dialogs", "Some open records have unsaved changes. Quit anyway?"),
        translate("Dialogs", "Quit without saving"),
        translate("Dialogs", "Go back"),
    )


def confirm_remove_member(parent: QWidget | None, name: str) -> bool:
    return ask(
        parent,
        translate("Dialogs", "Remove from household"),
        translate("Dialogs", "Remove %1 from this household?").replace("%1", name),
        translate("Dialogs", "Remove"),
        translate("Dialogs", "Cancel"),
    )
