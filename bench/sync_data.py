"""Set-up shared by the sync benchmarks: HQ's keys, enrolled branches with N outbox changes,
and fresh central databases (SQLite files, or a scratch PostgreSQL database: `sanad_bench`, or
the one SANAD_BENCH_PG_URL or a bench's --pg-database names; see bench.pg_scratch).

Everything lives under bench/out/sync/. HQ's folder (its key pairs) is made once and reused, so
a batch exported by one run stays importable by the next. Branches are real branches (as
`sanad init` makes them, an admin logged in) filled by `add_demo_people` (the bulk writer:
real rows, one outbox change per inserted row).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL, make_url

from app.db import bulk
from app.db.engine import sqlite_url
from app.demo.register import add_demo_people, generate_people
from app.domain.accounts import Role
from app.domain.beneficiary import BeneficiaryData
from app.hq.enrollment import Registration
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.setup import AppServices, initialize_branch, open_branch
from app.sync.keys import KeyPair
from bench import pg_scratch
from bench.report import OUT

SYNC_OUT = OUT / "sync"
EXPORT_BRANCH = "BENCH1"
ADMIN = ("bench-admin", "bench-password-1")
PG_ENV = "SANAD_BENCH_PG_URL"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/sanad_bench"
KEYS_DIR = "keys"


def hq_home() -> HqHome:
    """HQ's folder for every sync benchmark (keys made on first use, then kept)."""
    return HqHome.open(SYNC_OUT / "hq-home")


# -- branches -----------------------------------------------------------------------------------


def open_logged_in(folder: Path) -> AppServices:
    services = open_branch(folder)
    services.accounts.login(*ADMIN)
    return services


def make_branch(folder: Path, code: str) -> AppServices:
    """A new real branch in `folder` (no demo people), its admin created and logged in."""
    initialize_branch(folder, code, f"فرع {code}")
    services = open_branch(folder)
    services.accounts.create_user(
        ADMIN[0], "مدير الفرع", Role.BRANCH_ADMIN, ADMIN[1], by_admin=False
    )
    services.accounts.login(*ADMIN)
    return services


def branch_keys(folder: Path, code: str) -> KeyPair:
    """The branch's key pairs, kept in its folder as `sanad enroll` keeps them."""
    keys_dir = folder / KEYS_DIR
    if KeyPair.exists(keys_dir, code):
        return KeyPair.load(keys_dir, code)
    keys = KeyPair.generate(code)
    keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    keys.save(keys_dir)
    return keys


def outbox_count(folder: Path) -> int:
    with closing(sqlite3.connect(folder / "sanad.db")) as conn:
        return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


def ensure_export_branch(changes: int) -> Path:
    """The branch `EXPORT_BRANCH` holding at least `changes` outbox changes (made on first use;
    about 2.7 changes per demo person: the person, identifiers, phones)."""
    folder = SYNC_OUT / "export-branch"
    if not (folder / "sanad.db").is_file():
        make_branch(folder, EXPORT_BRANCH).close()
    branch_keys(folder, EXPORT_BRANCH)
    have = outbox_count(folder)
    if have >= changes:
        return folder
    services = open_logged_in(folder)
    try:
        started = time.perf_counter()
        while have < changes:
            people = max(1000, int((changes - have) / 2.6) + 1000)
            add_demo_people(services, people, seed=7)
            have = outbox_count(folder)
            print(f"export branch: {have:,} outbox changes", flush=True)
        print(f"built {folder} in {time.perf_counter() - started:.1f}s")
    finally:
        services.close()
    return folder


def people_for_changes(
    services: AppServices, changes: int, start: int, seed: int = 99
) -> list[BeneficiaryData]:
    """Demo people whose rows make exactly `changes` outbox changes (one per person, one per
    identifier, one per phone); the last person's identifiers and phones are trimmed to fit.
    `start` offsets into the seed's people so successive calls give new national numbers."""
    out: list[BeneficiaryData] = []
    total = 0
    codes = services.reference.municipality_codes()
    pool = generate_people(
        changes, seed=seed, today=date.today(), start=start, municipality_codes=codes
    )
    for person in pool:
        cost = 1 + len(person.identifiers) + len(person.phones)
        room = changes - total
        if cost > room:
            keep = room - 1
            ids = person.identifiers[:keep]
            person = replace(person, identifiers=ids, phones=person.phones[: keep - len(ids)])
            cost = room
        out.append(person)
        total += cost
        if total == changes:
            return out
    raise RuntimeError("not enough generated people")


def add_changes(services: AppServices, people: list[BeneficiaryData]) -> None:
    """Register `people` with the bulk writer in one transaction (as demo-data does)."""
    actor = services.ctx.actor()
    with services.ctx.db.transaction(actor) as session:
        bulk.write_beneficiaries(session, people, actor)


# -- central databases --------------------------------------------------------------------------


_DATABASE: list[str] = []  # a --pg-database option, if given (over PG_ENV's database)


def choose_pg_database(name: str | None) -> None:
    """Use the database `name` (a bench's option) instead of the one PG_ENV names."""
    _DATABASE[:] = [name] if name else []


def pg_url() -> URL:
    url = make_url(os.environ.get(PG_ENV, PG_DEFAULT))
    return url.set(database=_DATABASE[0]) if _DATABASE else url


def fresh_pg() -> str:
    """The scratch database created empty (remade only if a bench made it: bench.pg_scratch);
    its SQLAlchemy URL."""
    return pg_scratch.fresh(pg_url())


def drop_pg() -> None:
    """Drop the scratch database (only one a bench made)."""
    pg_scratch.drop(pg_url())


def psycopg_connect(sqlalchemy_url: str) -> psycopg.Connection:
    url = make_url(sqlalchemy_url)
    return psycopg.connect(
        host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username,
        password=url.password, dbname=url.database,
    )  # fmt: skip


def fresh_sqlite(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite_url(path)


def enrolled_hq(db_url: str, code: str, keys: KeyPair, work: Path) -> HqService:
    """HQ over `db_url` (migrated) with branch `code` enrolled under `keys`, as
    `sanad hq branches add` and the branch's registration do it."""
    service = HqService.open(hq_home(), db_url)
    work.mkdir(parents=True, exist_ok=True)
    enroll_file = service.add_branch(code, f"فرع {code}", work, url="http://127.0.0.1:8480")
    token = json.loads(enroll_file.read_text(encoding="utf-8"))["token"]
    enroll_file.unlink()
    service.register_keys(Registration(code, token, keys.public))
    return service


def chunks(n: int, size: int) -> Iterator[tuple[int, int]]:
    """Inclusive (from, to) ranges of 1..n, `size` at a time."""
    for lo in range(1, n + 1, size):
        yield lo, min(n, lo + size - 1)
