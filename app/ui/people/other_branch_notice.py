"""On a person's form: HQ found the same person possibly registered at another branch too.

It names the other branch, its record number and what matched (never the other record's
content); a registry officer at HQ decides, and the notice goes away when HQ dismisses it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from app.services.registry_flags import OtherBranchFlag
from app.ui.common import labels

NOTICE_STYLE = "background: #fff4e5; color: #8a4b00; padding: 6px; border-radius: 4px;"
LTR = "\u2066{}\u2069"  # a record number or branch code reads left to right inside Arabic


class OtherBranchNotice(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(NOTICE_STYLE)
        self.hide()

    def show_flags(self, flags: Sequence[OtherBranchFlag]) -> None:
        if not flags:
            self.clear()
            self.hide()
            return
        lines = [
            self.tr(
                "Possibly the same person is registered at another branch too. A registry "
                "officer at headquarters will decide; you can keep working on this record."
            )
        ]
        for flag in flags:
            matched = self.tr(", ").join(self._field(m) for m in flag.matched)
            lines.append(
                self.tr("Branch %1, record %2; matched: %3")
                .replace("%1", LTR.format(flag.other_branch))
                .replace("%2", LTR.format(flag.other_person))
                .replace("%3", matched)
            )
        self.setText("\n".join(lines))
        self.show()

    def _field(self, name: str) -> str:
        if name == "name":
            return self.tr("the four-part name")
        if name == "passport":
            return labels.field("passport_number")
        return labels.field(name)
