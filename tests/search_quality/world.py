"""The world the variant set is searched in: a branch database with 50,000 demo people
(`app.demo` through the bulk writer, as `sanad demo-data` writes them) and then the set's
target people registered one by one at the desk (`BeneficiaryService.register`), so their
index rows are exactly the app's. The targets come last, as new registrations do.

Used by tests/search_quality/test_variant_set.py (once per session) and bench/search_variants.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from argon2 import PasswordHasher

from app.demo.register import add_demo_people
from app.domain.accounts import Role
from app.domain.beneficiary import BeneficiaryDraft
from app.services.duplicate_errors import PossibleDuplicates
from app.services.setup import AppServices, open_branch
from tests.search_quality.variant_set import Query, Target

DEMO_PEOPLE = 50_000
DEMO_SEED = 2026
TODAY = date(2026, 11, 22)
LIMIT = 100  # results asked of the search, as the home screen's first page does
TOP = 5
_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
_ADMIN = ("variants", "Variant set admin", Role.BRANCH_ADMIN, "variants-2026-demo")
# The Latin name goes into the draft once BeneficiaryDraft has the field (issue 13).
_HAS_LATIN = "latin_name" in {f.name for f in fields(BeneficiaryDraft)}


@dataclass(frozen=True, slots=True)
class Built:
    services: AppServices
    ids: dict[str, str]  # target id -> beneficiary id
    demo_seconds: float
    targets_seconds: float


def draft_of(target: Target) -> BeneficiaryDraft:
    draft = BeneficiaryDraft(
        first_name=target.first,
        father_name=target.father,
        grandfather_name=target.grandfather,
        family_name=target.family,
        mother_name=target.mother,
        sex=target.sex,
        birth_date=target.born.isoformat(),
        national_number=target.national_number,
        phones=[target.phone],
    )
    if _HAS_LATIN and target.latin:
        setattr(draft, "latin_name", target.latin)  # noqa: B010  (a field only newer code has)
    return draft


def build(folder: Path, targets: Iterable[Target], people: int = DEMO_PEOPLE) -> Built:
    """A new branch in `folder` (empty) with `people` demo people and then the targets."""
    services = open_branch(folder, hasher=_HASHER, today=TODAY)
    username, display, role, password = _ADMIN
    services.accounts.create_user(username, display, role, password, is_demo=True, by_admin=False)
    services.accounts.login(username, password)
    started = time.perf_counter()
    add_demo_people(services, people, seed=DEMO_SEED)
    demo_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ids = {t.id: register(services, t) for t in targets}
    return Built(services, ids, demo_seconds, time.perf_counter() - started)


def register(services: AppServices, target: Target) -> str:
    """Register at the desk; a likely duplicate is confirmed different, as the worker would."""
    draft = draft_of(target)
    try:
        return services.beneficiaries.register(draft).id
    except PossibleDuplicates as likely:
        confirmed = [c.id for c in likely.candidates]
        return services.beneficiaries.register(draft, confirmed_different=confirmed).id


@dataclass(frozen=True, slots=True)
class Outcome:
    query: Query
    rank: int | None  # 1-based place of the target among the results; None: not found
    seconds: float
    top: tuple[str, ...]  # the first results' names (for the report of a miss)


def run(built: Built, queries: Iterable[Query]) -> list[Outcome]:
    """Every query through the app's own search, the target's rank in its results."""
    search = built.services.beneficiaries.search
    outcomes = []
    for query in queries:
        started = time.perf_counter()
        hits = search(query.text, limit=LIMIT)
        seconds = time.perf_counter() - started
        ids = [h.id for h in hits]
        want = built.ids[query.target]
        rank = ids.index(want) + 1 if want in ids else None
        top = tuple(h.full_name for h in hits[:3])
        outcomes.append(Outcome(query, rank, seconds, top))
    return outcomes


@dataclass(frozen=True, slots=True)
class KindFigures:
    kind: str
    total: int
    top1: int
    top5: int


def figures(outcomes: Iterable[Outcome], kinds: Iterable[str]) -> list[KindFigures]:
    rows = []
    by_kind: dict[str, list[Outcome]] = {k: [] for k in kinds}
    for o in outcomes:
        by_kind.setdefault(o.query.kind, []).append(o)
    for kind, items in by_kind.items():
        top1 = sum(1 for o in items if o.rank == 1)
        top5 = sum(1 for o in items if o.rank is not None and o.rank <= TOP)
        rows.append(KindFigures(kind, len(items), top1, top5))
    return rows


def table(outcomes: list[Outcome], kinds: Iterable[str], misses: bool = True) -> str:
    """Found/total per kind (top 1 and top 5), and the queries that missed the top 5."""
    lines = ["| kind | queries | top 1 | top 5 |", "|---|---:|---:|---:|"]
    rows = figures(outcomes, kinds)
    for r in rows:
        lines.append(f"| {r.kind} | {r.total} | {r.top1} | {r.top5} ({_pct(r.top5, r.total)}) |")
    total = sum(r.total for r in rows)
    top1 = sum(r.top1 for r in rows)
    top5 = sum(r.top5 for r in rows)
    lines.append(f"| **all** | {total} | {top1} | {top5} ({_pct(top5, total)}) |")
    if misses:
        lines.append("")
        lines.append("Misses (not in the top 5):")
        for o in outcomes:
            if o.rank is None or o.rank > TOP:
                place = "not found" if o.rank is None else f"rank {o.rank}"
                lines.append(
                    f"- {o.query.kind} {o.query.target} «{o.query.shown()}»: {place}; "
                    f"first: {' / '.join(o.top) or '-'}"
                )
    return "\n".join(lines)


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.0f} %" if total else "-"
