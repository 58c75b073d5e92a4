"""The household members model under Qt's model tester."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.dto import HouseholdMemberView
from app.ui.households.member_model import COL_PERSON_NUMBER, HouseholdMemberTableModel

pytestmark = pytest.mark.gui


def test_household_member_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = HouseholdMemberTableModel()
    model.set_members(
        [
            HouseholdMemberView("a", "سالم عمر", "head", date(1970, 1, 1), "M", "TRP01-P-000001"),
            HouseholdMemberView(
                "b", "مريم سالم", "daughter", date(2001, 5, 5), "F", "TRP01-P-000002"
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "ابنة"
    assert model.index(1, COL_PERSON_NUMBER).data() == "TRP01-P-000002"
