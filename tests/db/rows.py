"""Row builders and plain snapshots shared by the db tests.

`Database.read()` rolls back (and so expires) everything it loaded when it ends: tests take
plain snapshots inside the block.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from app.db.models import BeneficiaryRow, OutboxRow


def beneficiary_row(**fields: object) -> BeneficiaryRow:
    values: dict[str, object] = {
        "first_name": "محمد",
        "father_name": "علي",
        "grandfather_name": "سالم",
        "family_name": "الورفلي",
        "mother_name": "فاطمة",
        "sex": "M",
        "birth_date": date(1985, 3, 15),
        "name_key": "محمد علي سالم ورفلي",
        "mother_key": "فاطمه",
    }
    values.update(fields)
    return BeneficiaryRow(**values)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    seq: int
    table_name: str
    row_id: str
    op: str
    changes: dict[str, list[Any]]
    row_version: int
    base_hq_version: int | None
    user_id: str


def outbox(session: Session) -> list[OutboxEntry]:
    return [
        OutboxEntry(
            r.seq,
            r.table_name,
            r.row_id,
            r.op,
            json.loads(r.changes),
            r.row_version,
            r.base_hq_version,
            r.user_id,
        )
        for r in session.scalars(select(OutboxRow).order_by(OutboxRow.seq))
    ]


def stored_beneficiary(session: Session, beneficiary_id: str) -> dict[str, Any] | None:
    """The row's column values, or None if there is no such row (tombstones included)."""
    row = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == beneficiary_id))
    if row is None:
        return None
    return {attr.key: getattr(row, attr.key) for attr in inspect(BeneficiaryRow).column_attrs}


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0
