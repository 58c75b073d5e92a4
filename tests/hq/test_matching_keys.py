"""HQ computes a person's matching keys itself: a branch cannot hide its people from
cross-branch matching by sending a made-up name_key or mother_key, in an insert (fast path or
replay) or in an update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow
from app.domain.arabic import normalize_arabic
from app.hq.service import HqService
from app.sync.batch_file import ZERO_HASH
from tests.hq.branch_side import Branch, content_hash, hand_made, person_line

pytestmark = [pytest.mark.db, pytest.mark.sync]


def _forged(seq: int, n: int) -> dict[str, Any]:
    line = person_line(seq, "TRP01", n)
    line["changes"]["name_key"] = [None, "zzz"]
    line["changes"]["mother_key"] = [None, "zzz"]
    line["changes"]["first_name"] = [None, "عائشة"]
    return line


def _people(hq: HqService) -> dict[str, BeneficiaryRow]:
    with Session(hq.engine) as session:
        return {r.id: r for r in session.scalars(select(BeneficiaryRow))}


def _expected(row: BeneficiaryRow) -> tuple[str, str]:
    names = (row.first_name, row.father_name, row.grandfather_name, row.family_name)
    return normalize_arabic(" ".join(names)), normalize_arabic(row.mother_name)


def _send(
    hq: HqService, branch: Branch, lines: list[dict[str, Any]], after: Path | None = None
) -> Path:
    path = hand_made(
        branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=lines[0]["seq"],
        seq_to=lines[-1]["seq"], lines=lines,
        prev_hash=content_hash(after) if after is not None else ZERO_HASH,
    )  # fmt: skip
    [result] = hq.import_files([path])
    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", len(lines), 0)
    return path


def test_forged_keys_in_inserts_are_replaced_by_hqs(hq: HqService, branch: Branch) -> None:
    first, second = _forged(1, 1), _forged(2, 2)
    # the second person is touched twice in the batch: the replay path, not the fast one
    edit = {**second, "seq": 3, "op": "update", "row_version": 2,
            "changes": {"address": ["", "حي الأندلس"]}}  # fmt: skip
    _send(hq, branch, [first, second, edit])
    people = _people(hq)
    for row in people.values():
        assert (row.name_key, row.mother_key) == _expected(row)
        assert row.name_key.startswith("عايشه محمد صالح قماطي")


def test_a_forged_key_in_an_update_is_replaced(hq: HqService, branch: Branch) -> None:
    line = person_line(1, "TRP01", 1)
    first = _send(hq, branch, [line])
    rename = {**line, "seq": 2, "op": "update", "row_version": 2, "base_hq_version": None,
              "changes": {"first_name": ["سالم", "فؤاد"], "name_key": ["x", "zzz"]}}  # fmt: skip
    _send(hq, branch, [rename], after=first)
    [row] = _people(hq).values()
    assert row.first_name == "فؤاد"
    assert (row.name_key, row.mother_key) == _expected(row)
    assert row.name_key.startswith("فواد ")
