"""Column values to and from JSON-safe form, for the outbox and the wire."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

JsonValue = str | int | float | bool | None


def to_json_value(value: Any) -> JsonValue:
    if isinstance(value, Enum):
        return to_json_value(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot serialize {type(value).__name__}")


def from_json_value(python_type: type, value: JsonValue) -> Any:
    """The inverse of `to_json_value` for a column of `python_type` (raises ValueError)."""
    if value is None:
        return None
    if python_type is datetime:
        return datetime.fromisoformat(str(value))
    if python_type is date:
        return date.fromisoformat(str(value))
    if python_type is bool:
        if not isinstance(value, bool | int):
            raise ValueError("not a boolean")
        return bool(value)
    if python_type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("not an integer")
        return value
    if python_type is str:
        if not isinstance(value, str):
            raise ValueError("not text")
        return value
    return value
