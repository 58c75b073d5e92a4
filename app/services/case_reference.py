"""Case reference data owned by HQ (case types with their fields, agencies): load and read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.case_models import AgencyRow, CaseTypeRow
from app.db.models import LocalMetaRow
from app.domain.case_types import FieldSpec
from app.domain.errors import DomainError, ErrorCode
from app.services.context import ServiceContext
from app.services.reference_cache import ReferenceCache
from app.sync.branch_reference import held_version

CASE_TYPES_VERSION_KEY = "reference.case_types.version"
AGENCIES_VERSION_KEY = "reference.agencies.version"


@dataclass(frozen=True, slots=True)
class CaseType:
    code: str
    name_ar: str
    name_en: str
    sensitive: bool
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class Agency:
    code: str
    name_ar: str
    name_en: str
    kind: str


def _newer(session: Session, key: str, version: str) -> bool:
    """Is the shipped file's version newer? (Never once HQ has sent a version of its own.)"""
    if held_version(session) > 0:
        return False
    meta = session.get(LocalMetaRow, key)
    return meta is None or meta.value < version


def load_case_types_file(path: Path, session: Session) -> bool:
    """Replace the case types with the file's if its version is newer. True if loaded."""
    data = json.loads(path.read_text(encoding="utf-8"))
    version = str(data["version"])
    if not _newer(session, CASE_TYPES_VERSION_KEY, version):
        return False
    known = {t.code: t for t in session.scalars(select(CaseTypeRow))}
    incoming = set()
    for item in data["case_types"]:
        [FieldSpec.from_json(f) for f in item["fields"]]  # refuse a malformed file early
        incoming.add(item["code"])
        row = known.get(item["code"]) or CaseTypeRow(code=item["code"])
        row.name_ar, row.name_en = item["name_ar"], item["name_en"]
        row.sensitive = bool(item["sensitive"])
        row.fields = json.dumps(item["fields"], ensure_ascii=False)
        row.position = int(item.get("position", 0))
        row.version, row.active = version, True
        session.add(row)
    for code, row in known.items():
        if code not in incoming:
            row.active = False  # old cases keep their type: retire, never delete
    session.merge(LocalMetaRow(key=CASE_TYPES_VERSION_KEY, value=version))
    return True


def load_agencies_file(path: Path, session: Session) -> bool:
    data = json.loads(path.read_text(encoding="utf-8"))
    version = str(data["version"])
    if not _newer(session, AGENCIES_VERSION_KEY, version):
        return False
    known = {a.code: a for a in session.scalars(select(AgencyRow))}
    incoming = set()
    for item in data["agencies"]:
        incoming.add(item["code"])
        row = known.get(item["code"]) or AgencyRow(code=item["code"])
        row.name_ar, row.name_en, row.kind = item["name_ar"], item["name_en"], item["kind"]
        row.version, row.active = version, True
        session.add(row)
    for code, row in known.items():
        if code not in incoming:
            row.active = False
    session.merge(LocalMetaRow(key=AGENCIES_VERSION_KEY, value=version))
    return True


def _load_types(session: Session) -> dict[str, CaseType]:
    rows = session.scalars(select(CaseTypeRow).order_by(CaseTypeRow.position))
    return {
        r.code: CaseType(
            r.code,
            r.name_ar,
            r.name_en,
            r.sensitive,
            tuple(FieldSpec.from_json(f) for f in json.loads(r.fields)),
        )
        for r in rows
        if r.active
    }


def _load_agencies(session: Session) -> dict[str, Agency]:
    rows = session.scalars(
        select(AgencyRow).where(AgencyRow.active.is_(True)).order_by(AgencyRow.name_ar)
    )
    return {r.code: Agency(r.code, r.name_ar, r.name_en, r.kind) for r in rows}


class CaseReferenceService:
    """Case types and agencies, as of the reference version this branch holds (a new version
    from HQ is used at the next read, without a restart)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._type_cache = ReferenceCache(ctx.db, _load_types)
        self._agency_cache = ReferenceCache(ctx.db, _load_agencies)

    @property
    def _types(self) -> dict[str, CaseType]:
        return self._type_cache.get()

    @property
    def _agencies(self) -> dict[str, Agency]:
        return self._agency_cache.get()

    def case_types(self) -> list[CaseType]:
        return list(self._types.values())

    def case_type(self, code: str) -> CaseType:
        found = self._types.get(code)
        if found is None:
            raise DomainError(ErrorCode.INVALID_CHOICE, field="type_code")
        return found

    def agencies(self) -> list[Agency]:
        return list(self._agencies.values())

    def agency(self, code: str) -> Agency | None:
        return self._agencies.get(code)
