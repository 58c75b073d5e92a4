"""Reference data owned by HQ (municipalities): loading the shipped list, reading it."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import LocalMetaRow, MunicipalityRow
from app.domain.arabic import normalize_arabic
from app.services.context import ServiceContext
from app.services.dto import Municipality
from app.services.reference_cache import ReferenceCache
from app.sync.branch_reference import held_version

MUNICIPALITIES_VERSION_KEY = "reference.municipalities.version"


def load_municipalities_file(path: Path, session: Session) -> bool:
    """Replace the municipality list with the file's if its version is newer. True if loaded.

    Once HQ has sent a version of its own, HQ's lists rule: the shipped file is not read."""
    if held_version(session) > 0:
        return False
    data = json.loads(path.read_text(encoding="utf-8"))
    version = str(data["version"])
    meta = session.get(LocalMetaRow, MUNICIPALITIES_VERSION_KEY)
    if meta is not None and meta.value >= version:
        return False
    known = {m.code: m for m in session.scalars(select(MunicipalityRow))}
    incoming = {item["code"] for item in data["municipalities"]}
    for item in data["municipalities"]:
        row = known.get(item["code"]) or MunicipalityRow(code=item["code"])
        row.name_ar = item["name_ar"]
        row.name_en = item["name_en"]
        row.district_code = item["district_code"]
        row.district_ar = item["district_ar"]
        row.district_en = item["district_en"]
        row.version = version
        row.active = True
        session.add(row)
    for code, row in known.items():
        if code not in incoming:
            row.active = False  # referenced by old records: retire, never delete
    session.merge(LocalMetaRow(key=MUNICIPALITIES_VERSION_KEY, value=version))
    return True


def _load_municipalities(session: Session) -> list[Municipality]:
    rows = session.scalars(
        select(MunicipalityRow)
        .where(MunicipalityRow.active.is_(True))
        .order_by(MunicipalityRow.district_ar, MunicipalityRow.name_ar)
    )
    return [Municipality(r.code, r.name_ar, r.name_en, r.district_ar, r.district_en) for r in rows]


class ReferenceService:
    """The active municipalities, as of the reference version this branch holds (a new
    version from HQ is used at the next read, without a restart)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._cache = ReferenceCache(ctx.db, _load_municipalities)

    @property
    def _municipalities(self) -> list[Municipality]:
        return self._cache.get()

    def municipalities(self) -> list[Municipality]:
        return list(self._municipalities)

    def municipality_codes(self) -> frozenset[str]:
        return frozenset(m.code for m in self._municipalities)

    def municipality(self, code: str | None) -> Municipality | None:
        return next((m for m in self._municipalities if m.code == code), None)

    def find_municipality(self, text: str) -> Municipality | None:
        """By code, Arabic name (any spelling variant) or English name."""
        wanted = normalize_arabic(text)
        for m in self._municipalities:
            if text.strip().upper() == m.code or wanted in (
                normalize_arabic(m.name_ar),
                normalize_arabic(m.name_en),
            ):
                return m
        return None
