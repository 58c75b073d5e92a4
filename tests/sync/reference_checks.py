"""HQ-owned reference data in the sync tests: a publication at HQ, and every branch's copy
compared with HQ's (the same rows, field for field, and the same version held)."""

from __future__ import annotations

from app.hq.reference import current_version
from app.hq.reference_desk import ReferenceDesk
from app.sync.branch_reference import held_version
from app.sync.reference_tables import TABLES, read_documents
from tests.sync.world import Hq, SyncBranch


def publish_town(hq: Hq, n: int) -> int:
    """An officer adds municipality n and renames an agency: one new version."""
    desk = ReferenceDesk.of(hq.service)
    desk.set_row(
        "municipalities", f"LY98{n:04d}",
        {"name_ar": f"بلدية {n}", "name_en": f"Town {n}", "district_code": "LY0299",
         "district_ar": "الزاوية", "district_en": "Az Zawiya"},
        by="officer", reason="بلدية جديدة",
    )  # fmt: skip
    published = desk.set_row(
        "agencies", "public_prosecution", {"name_en": f"Public Prosecution ({n})"},
        by="officer", reason="تصحيح الاسم",
    )  # fmt: skip
    assert published is not None
    return published.version


def assert_reference_like_hq(hq: Hq, branches: list[SyncBranch]) -> None:
    with hq.service._read() as session:
        version = current_version(session)
        central = {spec.name: read_documents(session, spec) for spec in TABLES}
    for branch in branches:
        with branch.services.ctx.db.read() as session:
            assert held_version(session) == version, branch.code
            local = {spec.name: read_documents(session, spec) for spec in TABLES}
        for name, rows in central.items():
            assert local[name] == rows, f"{branch.code}: {name} differs from HQ's"
