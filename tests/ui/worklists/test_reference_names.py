"""A case type renamed at HQ shows under its new name in the open work list at its next
refresh: no restart (the names come from the services' reference cache, app.services.
reference_cache, which notices the version HQ's answer brought)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from app.services.case_dto import CaseView
from app.services.setup import AppServices
from app.sync.branch_reference import apply_reference
from app.sync.reference_tables import BY_NAME, read_documents
from app.ui.common.worker import Worker
from app.ui.worklists.case_list_model import COL_TYPE, TypeNames
from app.ui.worklists.my_cases_page import MyCasesPage
from tests.services.case_desk import desk, login  # noqa: F401

pytestmark = pytest.mark.gui


def test_a_renamed_case_type_shows_at_the_next_refresh(
    qtbot: QtBot,
    services: AppServices,
    desk: dict[str, CaseView],  # noqa: F811
    ui_worker: Worker,
    wait_idle: Callable[[], None],
) -> None:
    page = MyCasesPage(services, ui_worker, TypeNames())
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    wait_idle()
    assert page.model.index(0, COL_TYPE).data() == "مسن"

    # HQ's answer brings a version renaming the type (applied as app.sync.branch_apply does).
    with services.ctx.db.transaction(None) as session:
        types = list(read_documents(session, BY_NAME["case_types"]).values())
        for t in types:
            if t["code"] == "elderly":
                t["name_ar"] = "كبار السن"
        line = {"kind": "reference", "version": 2, "base": 0, "tables": {"case_types": types}}
        assert apply_reference(session, line)
    page.refresh()
    wait_idle()

    assert page.model.index(0, COL_TYPE).data() == "كبار السن"
