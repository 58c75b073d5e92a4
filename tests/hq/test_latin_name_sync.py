"""The Latin name at HQ: a batch made at the schema before it (0013, e.g. a USB file written
before the branch upgraded) still applies whole, its new people given "" as the migration
gave every existing person; a line that does carry one keeps it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow
from app.db.sync_models import HqRejectedRow
from app.hq.service import HqService
from tests.hq.branch_side import Branch, hand_made, person_line

pytestmark = [pytest.mark.db, pytest.mark.sync]


def _at_0013(seq: int, n: int) -> dict[str, Any]:
    line = person_line(seq, "TRP01", n)
    del line["changes"]["latin_name"]  # capture at 0013 knew no such column
    return line


def test_a_batch_from_before_the_latin_name_applies_whole(hq: HqService, branch: Branch) -> None:
    first = _at_0013(1, 1)
    edit = {
        **first, "seq": 3, "op": "update", "row_version": 2,
        "changes": {"address": ["", "حي الأندلس"]},
    }  # fmt: skip
    lines = [first, _at_0013(2, 2), edit]
    path = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1, seq_to=3,
        lines=lines, schema="0013",
    )  # fmt: skip
    [result] = hq.import_files([path])
    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", 3, 0)
    with Session(hq.engine) as session:
        assert session.scalars(select(HqRejectedRow)).all() == []
        people = {r.id: r for r in session.scalars(select(BeneficiaryRow))}
    assert {p.latin_name for p in people.values()} == {""}
    assert people[first["row_id"]].address == "حي الأندلس"


def test_a_latin_name_sent_is_kept(hq: HqService, branch: Branch) -> None:
    line = person_line(1, "TRP01", 1)
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1, seq_to=1,
                     lines=[line])  # fmt: skip
    [result] = hq.import_files([path])
    assert (result.applied, result.rejected_rows) == (1, 0)
    with Session(hq.engine) as session:
        [person] = session.scalars(select(BeneficiaryRow)).all()
    assert person.latin_name == "Salem Mohamed Algamati"
