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
