"""The main window's status bar: who is logged in, the branch, the sync indicator, and the
badge of a demo branch (texts in the main window's translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.services.context import CurrentUser
from app.ui.common import labels


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def fill_status_bar(
    bar: QStatusBar, user: CurrentUser, branch_label: str, demo: bool, indicator: QWidget
) -> tuple[QLabel, QLabel, QLabel]:
    """(the user's label, the branch's label, the demo badge), added to `bar`."""
    user_label = QLabel(
        _tr("User: %1 (%2)")
        .replace("%1", user.display_name)
        .replace("%2", labels.role(user.role.value))
    )
    branch = QLabel(_tr("Branch: %1").replace("%1", branch_label))
    bar.addWidget(user_label)
    bar.addWidget(branch)
    bar.addPermanentWidget(indicator)
    badge = QLabel(_tr("DEMO DATA"))
    badge.setStyleSheet(
        "background: #f5a623; color: black; padding: 1px 8px; border-radius: 3px;font-weight: bold;"
    )
    badge.setToolTip(_tr("This is a demo branch: the people in it are made up."))
    badge.setVisible(demo)
    bar.addPermanentWidget(badge)
    return user_label, branch, badge
