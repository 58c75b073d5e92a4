"""HQ's value rules: the one scan of a batch's raw content that says whether any line may
hold a control character, and the per-shape width and range check of the fast path."""

from __future__ import annotations

import orjson
import pytest

from app.sync.merge import TABLES
from app.sync.value_rules import ShapeCheck, column_rules, may_hold_control, value_problem

CONTROLS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x9f"]
ALLOWED = ["", "أحمد", "tab\there", "new\nline", "cr\rx", "back\\slash", "\u200fمرحبا", "ﻻ"]


@pytest.mark.parametrize("char", CONTROLS)
def test_a_control_character_anywhere_in_a_batch_is_seen_by_the_scan(char: str) -> None:
    line = orjson.dumps({"seq": 1, "changes": {"address": [None, f"شارع{char}الجمهورية"]}})
    assert may_hold_control(b'{"seq":0}\n' + line + b"\n")


@pytest.mark.parametrize("text", ALLOWED)
def test_allowed_texts_pass_the_scan(text: str) -> None:
    assert not may_hold_control(orjson.dumps({"changes": {"notes": [None, text]}}))


def test_the_shape_check_knows_widths_and_ranges() -> None:
    rules = column_rules(TABLES["beneficiaries"])
    fields = ["first_name", "monthly_income_dirhams", "address"]
    check = ShapeCheck(rules, fields)
    assert check.fine(["محمد", 1000, ""], texts=False)
    assert check.fine([None, None, None])
    assert not check.fine(["م" * 61, 1000, ""], texts=False)
    assert not check.fine(["محمد", 2**31, ""], texts=False)
    assert not check.fine(["محمد", 1, "a\x00b"])
    assert check.fine(["محمد", 1, "a\x00b"], texts=False)  # the scan said: no control here
    assert value_problem(rules["address"], "x" * 301) == "longer than 300 characters"
    assert value_problem(rules["monthly_income_dirhams"], -(2**31) - 1) is not None
