"""Benchmark data: a demo branch with N beneficiaries, built once and reused (bench/out/)."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from app.bootstrap import build_services
from app.domain.accounts import Role
from app.services.context import CurrentUser
from app.services.setup import AppServices
from bench.report import OUT


def branch_dir(count: int) -> Path:
    return OUT / f"branch-{count}"


def open_as_admin(folder: Path) -> AppServices:
    services = build_services(folder)  # a new folder: the demo branch, seeded
    admin = next(u for u in services.accounts.list_users() if u.role == Role.BRANCH_ADMIN.value)
    services.ctx.user = CurrentUser(admin.id, admin.username, admin.display_name, Role(admin.role))
    return services


def ensure_branch(count: int) -> Path:
    """A demo branch folder holding `count` beneficiaries (made on first use)."""
    from app.demo.register import add_demo_people

    folder = branch_dir(count)
    services = open_as_admin(folder)
    try:
        have = _count(folder)
        if have < count:
            started = time.perf_counter()
            add_demo_people(services, count - have, seed=7, progress=None)
            print(f"built {folder} in {time.perf_counter() - started:.1f}s")
    finally:
        services.close()
    return folder


def _count(folder: Path) -> int:
    with sqlite3.connect(folder / "sanad.db") as conn:
        return int(conn.execute("SELECT count(*) FROM beneficiaries").fetchone()[0])


# Spelling slips a worker makes while typing a name: each maps a written form to a variant.
_VARIANTS = (
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ة", "ه"),
    ("ى", "ي"),
    ("ا", "أ"),
)


def vary(word: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        for a, b in rng.sample(_VARIANTS, len(_VARIANTS)):
            if a in word:
                return word.replace(a, b, 1)
    if roll < 0.5 and word.startswith("ال"):
        return word[2:]
    if roll < 0.6 and len(word) > 2:
        return word[:1] + "\u064e" + word[1:]  # a fatha typed by habit
    return word


def realistic_queries(folder: Path, n: int, seed: int = 11) -> list[tuple[str, str]]:
    """(query, target id): 2-3 name parts of a real person, spelling varied, last cut short."""
    rng = random.Random(seed)
    with sqlite3.connect(folder / "sanad.db") as conn:
        (top,) = conn.execute("SELECT max(local_id) FROM beneficiaries").fetchone()
        people = []
        while len(people) < n:
            row = conn.execute(
                "SELECT id, first_name, father_name, grandfather_name, family_name "
                "FROM beneficiaries WHERE local_id = ?",
                (rng.randint(1, top),),
            ).fetchone()
            if row:
                people.append(row)
    queries = []
    for pid, first, father, grand, family in people:
        shape = rng.random()
        if shape < 0.45:
            parts = [first, father]
        elif shape < 0.75:
            parts = [first, father, grand]
        else:
            parts = [first, family]
        words = [vary(w, rng) for w in " ".join(parts).split()]
        last = words[-1]
        if rng.random() < 0.6 and len(last) > 2:
            words[-1] = last[: rng.randint(2, len(last) - 1)]
        queries.append((" ".join(words), pid))
    return queries
