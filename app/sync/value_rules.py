"""What HQ can store: every value a branch sends is checked before it is written.

A value the central database would refuse (PostgreSQL cannot hold NUL, nor a text longer than
its column, nor an integer outside its column's range) must become a *rejected row* with its
reason, never an error that blocks the branch's whole batch. The rules come from the table
definitions themselves, so a new column is covered without touching this module, and texts
follow the registry-wide rule of app/domain/text_rules.py (no control characters).

Two forms of the same rules: `value_problem` for one Python value (the merge's replay), and
`ShapeCheck` for the JSON values of a whole insert at once (the merge's fast path: one call
per line, the text checked with a single regular-expression search).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, Table

from app.domain.text_rules import CONTROL

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)


@dataclass(frozen=True, slots=True)
class ColumnRule:
    max_length: int | None  # texts: the column's width (None: unbounded)
    int_range: tuple[int, int] | None  # integers: what the column holds


def column_rules(table: Table) -> dict[str, ColumnRule]:
    rules: dict[str, ColumnRule] = {}
    for column in table.columns:
        kind = column.type
        length = getattr(kind, "length", None) if isinstance(kind, String) else None
        span = None
        if isinstance(kind, Integer):
            span = INT64 if kind.__class__.__name__ == "BigInteger" else INT32
        rules[column.key] = ColumnRule(length, span)
    return rules


def value_problem(rule: ColumnRule, value: Any) -> str | None:
    """Why HQ cannot store `value` in a column with `rule` (None: it can)."""
    if isinstance(value, str):
        if CONTROL.search(value) is not None:
            return "it holds a control character"
        if rule.max_length is not None and len(value) > rule.max_length:
            return f"longer than {rule.max_length} characters"
    elif isinstance(value, int) and not isinstance(value, bool) and rule.int_range is not None:
        low, high = rule.int_range
        if not low <= value <= high:
            return f"outside {low}..{high}"
    return None


class ShapeCheck:
    """The rules for the JSON values of inserts with the same fields in the same order."""

    __slots__ = ("_ints", "_lengths")

    def __init__(self, rules: dict[str, ColumnRule], fields: Sequence[str]) -> None:
        self._lengths = tuple(
            (i, rules[f].max_length)
            for i, f in enumerate(fields)
            if f in rules and rules[f].max_length is not None
        )
        self._ints = tuple(
            (i, rules[f].int_range) for i, f in enumerate(fields) if rules[f].int_range
        )

    def fine(self, values: list[Any], extra: str = "") -> bool:
        """True when every value (and the `extra` text) can be stored (types were checked
        before)."""
        for i, limit in self._lengths:
            value = values[i]
            if value is not None and len(value) > limit:  # type: ignore[operator]
                return False
        for i, span in self._ints:
            value = values[i]
            if value is not None and not span[0] <= value <= span[1]:  # type: ignore[index]
                return False
        texts = [v for v in values if type(v) is str]
        texts.append(extra)
        return CONTROL.search("".join(texts)) is None
