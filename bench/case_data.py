"""Benchmark data for case management: a branch with N cases and their events (bench/out/).

The people come from `demo-data`; workers are real accounts; the cases and events are written
straight into SQLite with the columns the services would have written (derived `next_due_on`
and `last_visit_on` included), because opening 50,000 cases one by one through the service
would take longer than the benchmark itself. The outbox is left out: no list reads it.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from app.db.clock import new_ids
from app.domain.accounts import Role
from app.domain.case_events import EventKind
from app.domain.cases import CaseStatus
from bench.dataset import ensure_branch, open_as_admin
from bench.report import OUT

TODAY = date(2026, 11, 22)
WORKERS = 12
# Roughly how a branch's cases spread over the workflow.
STATUS_WEIGHTS = (
    (CaseStatus.NEW, 6),
    (CaseStatus.ASSESSMENT, 10),
    (CaseStatus.PLAN, 8),
    (CaseStatus.FOLLOW_UP, 36),
    (CaseStatus.PENDING_CLOSURE, 2),
    (CaseStatus.CLOSED, 38),
)
TYPES = (
    ("juvenile", True),
    ("prisoner_family", False),
    ("inmate_rehabilitation", False),
    ("displaced", False),
    ("disability", False),
    ("women_protection", True),
    ("child_protection", True),
    ("elderly", False),
    ("other", False),
)


def case_branch(cases: int, people: int = 20_000) -> Path:
    """A copy of the `people` branch holding `cases` cases (made on first use)."""
    folder = OUT / f"cases-{cases}"
    if (folder / "sanad.db").exists() and _count(folder) >= cases:
        return folder
    import shutil

    source = ensure_branch(people)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.bak", "*-wal", "*-shm"))
    _ensure_workers(folder)
    started = time.perf_counter()
    _fill(folder, cases)
    print(f"built {folder} with {cases} cases in {time.perf_counter() - started:.1f}s")
    return folder


def worker_ids(folder: Path) -> list[str]:
    with sqlite3.connect(folder / "sanad.db") as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT id FROM users WHERE role = ? AND username LIKE 'bench%' ORDER BY username",
                (Role.SOCIAL_WORKER.value,),
            )
        ]


def _count(folder: Path) -> int:
    with sqlite3.connect(folder / "sanad.db") as conn:
        return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])


def _ensure_workers(folder: Path) -> None:
    from argon2 import PasswordHasher

    services = open_as_admin(folder)
    services.accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        have = {u.username for u in services.accounts.list_users()}
        for i in range(WORKERS):
            name = f"bench{i:02d}"
            if name not in have:
                services.accounts.create_user(
                    name, f"أخصائي {i}", Role.SOCIAL_WORKER, "bench-password-2026"
                )
    finally:
        services.close()


def _fill(folder: Path, cases: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    workers = worker_ids(folder)
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    now = datetime.now(UTC).replace(tzinfo=None)
    with sqlite3.connect(folder / "sanad.db") as conn:
        people = [r[0] for r in conn.execute("SELECT id FROM beneficiaries")]
        case_rows: list[tuple[object, ...]] = []
        event_rows: list[tuple[object, ...]] = []
        case_ids = new_ids(cases)
        for n, case_id in enumerate(case_ids, start=1):
            type_code, sensitive = rng.choice(TYPES)
            status = rng.choice(statuses)
            opened = TODAY - timedelta(days=rng.randint(1, 900))
            worker = rng.choice(workers)
            closed = (
                opened + timedelta(days=rng.randint(10, 300))
                if status == CaseStatus.CLOSED
                else None
            )
            if closed and closed > TODAY:
                closed = TODAY
            due = (
                TODAY + timedelta(days=rng.randint(-40, 60))
                if status not in (CaseStatus.CLOSED, CaseStatus.NEW)
                else None
            )
            last_visit = (
                TODAY - timedelta(days=rng.randint(0, 120))
                if status in (CaseStatus.FOLLOW_UP, CaseStatus.PENDING_CLOSURE, CaseStatus.CLOSED)
                else None
            )
            number = f"DEMO-{opened.year}-{n:05d}"
            case_rows.append(
                (case_id, "DEMO", now, worker, now, worker, 1, None, None, number, type_code,
                 rng.choice(people), None, status.value, sensitive, worker, opened,
                 closed or opened, closed, "goals_achieved" if closed else None, "",
                 None, rng.choice(["low", "medium", "high", None]), "ملخص الحالة", "{}",
                 due, last_visit, None)
            )  # fmt: skip
            kinds = [EventKind.ASSESSMENT, EventKind.PLAN_ITEM, EventKind.VISIT, EventKind.NOTE]
            for kind in kinds[: rng.randint(1, 4)]:
                event_rows.append(
                    (new_ids(1)[0], "DEMO", now, worker, now, worker, 1, None, None, case_id,
                     kind.value, None, opened, due if kind != EventKind.NOTE else None,
                     "planned" if kind == EventKind.VISIT else None, False,
                     json.dumps({"summary": "…"}, ensure_ascii=False))
                )  # fmt: skip
        conn.executemany(
            "INSERT INTO cases (id, origin_branch, created_at, created_by, updated_at, updated_by,"
            " row_version, hq_version, deleted_at, number, type_code, beneficiary_id,"
            " household_id, status, sensitive, assigned_to, opened_on, status_changed_on,"
            " closed_on, closure_reason, closure_note, status_before_closure, risk_level,"
            " summary, extra, next_due_on, last_visit_on, transfer_to)"
            " VALUES (" + ",".join("?" * 28) + ")",
            case_rows,
        )
        conn.executemany(
            "INSERT INTO case_events (id, origin_branch, created_at, created_by, updated_at,"
            " updated_by, row_version, hq_version, deleted_at, case_id, kind, amends_id,"
            " occurred_on, due_on, state, confidential, payload)"
            " VALUES (" + ",".join("?" * 17) + ")",
            event_rows,
        )
        conn.execute("ANALYZE")
