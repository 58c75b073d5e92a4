"""On a person's form: HQ found the same person possibly registered at another branch too.

It names the other branch, its record number and what matched (never the other record's
content); a registry officer at HQ decides, and the notice goes away when HQ dismisses it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QWidget

from app.services.dto import BeneficiaryView
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

    def show_flags(
        self, flags: Sequence[OtherBranchFlag], view: BeneficiaryView | None = None
    ) -> None:
        merged_from = view.merged_from if view is not None else None
        if not flags and merged_from is None:
            self.clear()
            self.hide()
            return
        lines: list[str] = []
        if view is not None and merged_from is not None:
            lines.append(
                self.tr(
                    "Headquarters found that record %1 is the same person as record %2 of "
                    "branch %3 and merged them: the kept record is shown."
                )
                .replace("%1", LTR.format(view.merged_from_number or merged_from))
                .replace("%2", LTR.format(view.person_number or view.id))
                .replace("%3", LTR.format(view.origin_branch))
            )
        if flags:
            lines.append(
                self.tr(
                    "Possibly the same person is registered at another branch too. A registry "
                    "officer at headquarters will decide; you can keep working on this record."
                )
            )
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
