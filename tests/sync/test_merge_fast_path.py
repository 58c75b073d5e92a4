"""The merge's fast path for new rows (COPY / driver executemany) leaves exactly what the plain
replay with Core statements leaves: same rows, conflicts, rejections, on SQLite and PostgreSQL.

Each case applies one random batch (inserts, updates of rows inserted earlier in the batch,
updates and tombstones of rows HQ has, by their owner or not, re-sent inserts, children whose
parent is missing or comes later, unknown and read-only tables, malformed lines, bad values)
to two copies of the same central database, one with `fast=True`, one with `fast=False`.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db.base import SYNC_BOOKKEEPING
from app.db.clock import new_id
from app.db.engine import make_engine
from app.db.sync_models import HqAuditRow
from app.sync import merge, merge_fast
from app.sync.merge import _TYPES, _WRITABLE, PARENTS, TABLES, MergeResult, merge_changes
from tests.sync.centrals import Centrals

BRANCH, OTHER = "B1", "B2"
# COPY's text format escapes these; the driver must store them as they are.
TEXTS = ["أحمد", "محمد علي", "tab\there", "new\nline", "back\\slash", "\\N", "", "x", "O'Neil"]
PARENT_OF = {parent for _fk, parent in PARENTS.values()}
BASE = datetime(2026, 3, 1, 8, 0, 0)


class Gen:
    """Random change lines, with what it believes each row holds (to aim old values)."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.seq = 0
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}  # (table, id) -> JSON values
        self.owner: dict[tuple[str, str], str] = {}

    def value(self, table: str, key: str) -> Any:
        column = TABLES[table].c[key]
        kind = _TYPES[table][key]
        if column.nullable and self.rnd.random() < 0.2:
            return None
        if kind is str:
            length = getattr(column.type, "length", None) or 40
            return self.rnd.choice(TEXTS)[:length]
        if kind is bool:
            return self.rnd.random() < 0.5
        if kind is int:
            return self.rnd.randint(0, 5000)
        if kind is date:
            return (date(1950, 1, 1) + timedelta(days=self.rnd.randint(0, 25000))).isoformat()
        moment = BASE + timedelta(seconds=self.rnd.randint(0, 10**7), microseconds=7)
        return moment.isoformat(timespec="microseconds")

    def line(self, table: str, row_id: str, op: str, changes: Any, **extra: Any) -> dict[str, Any]:
        self.seq += 1
        line = {
            "seq": self.seq, "table": table, "row_id": row_id, "op": op, "changes": changes,
            "row_version": self.rnd.randint(1, 4), "base_hq_version": None, "user_id": "u-1",
            "changed_at": (BASE + timedelta(minutes=self.seq)).isoformat(), "origin": BRANCH,
        }  # fmt: skip
        line.update(extra)
        return line

    def insert(self, table: str, row_id: str, parent: str | None, owner: str) -> dict[str, Any]:
        values = {
            k: self.value(table, k)
            for k in _WRITABLE[table]
            if k not in SYNC_BOOKKEEPING and k != "deleted_at"
        }
        values.update(id=row_id, origin_branch=owner, deleted_at=None)
        if table == "beneficiaries":  # one of the owner's person numbers, unique
            values["person_number"] = f"{owner or BRANCH}-P-{len(self.rows) + 1:06d}"
        if table in PARENTS:
            values[PARENTS[table][0]] = parent
        if self.rnd.random() < 0.05:
            values["origin_branch"] = ""  # HQ fills in the sender
        self.rows[(table, row_id)] = dict(values)
        self.owner[(table, row_id)] = owner or BRANCH
        return self.line(table, row_id, "insert", {k: [None, v] for k, v in values.items()})

    def update(self, table: str, row_id: str) -> dict[str, Any]:
        held = self.rows[(table, row_id)]
        names = [k for k in held if k not in ("id", PARENTS.get(table, ("",))[0])]
        changes: dict[str, list[Any]] = {}
        for name in self.rnd.sample(names, self.rnd.randint(1, 3)):
            old = held[name] if self.rnd.random() < 0.7 else self.value(table, name)
            new = held[name] if self.rnd.random() < 0.1 else self.value(table, name)
            changes[name] = [old, new]
            held[name] = new
        return self.line(table, row_id, "update", changes)

    def tombstone(self, table: str, row_id: str) -> dict[str, Any]:
        moment = (BASE + timedelta(days=40)).isoformat()
        return self.line(table, row_id, "delete", {"deleted_at": [None, moment]})


def seed_lines(gen: Gen) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows HQ has before the batch: some of BRANCH's, some of OTHER's."""
    mine: list[dict[str, Any]] = []
    theirs: list[dict[str, Any]] = []
    for table in TABLES:
        for _ in range(6):
            owner = gen.rnd.choice([BRANCH, OTHER])
            parent = None
            if table in PARENTS:
                parent = gen.rnd.choice(ids_of(gen, PARENTS[table][1]))
            line = gen.insert(table, new_id(), parent, owner)
            (mine if owner == BRANCH else theirs).append(line)
    return mine, theirs


def ids_of(gen: Gen, table: str) -> list[str]:
    return [row_id for (t, row_id) in gen.rows if t == table]


def bad_lines(gen: Gen, table: str) -> list[dict[str, Any]]:
    """One of each kind of line the replay must reject (or apply) with its own reason; most
    have the fields of the good inserts of `table` (the same shape)."""
    good = gen.insert(table, new_id(), None, BRANCH)
    gen.seq -= 1

    def variant(**changes: Any) -> dict[str, Any]:
        line = copy.deepcopy(good)
        gen.seq += 1
        line.update({"seq": gen.seq, "row_id": new_id(), **changes})
        if table == "beneficiaries" and isinstance(line["changes"], dict):  # its own number
            line["changes"]["person_number"] = [None, f"{BRANCH}-P-{900000 + gen.seq:06d}"]
        return line

    def with_field(name: str, value: Any) -> dict[str, Any]:
        line = variant()
        line["changes"][name] = value
        return line

    missing = variant()
    del missing["changes"][merge._REQUIRED[table][0]]
    no_time = variant()
    del no_time["changed_at"]
    event = gen.insert("case_events", new_id(), gen.rnd.choice(ids_of(gen, "cases")), BRANCH)
    event["changes"]["confidential"] = [None, 1]  # an integer for a boolean: the replay takes it
    return [
        variant(table="no_such_table"), variant(table="municipalities"), variant(table=["x"]),
        variant(op="upsert"), variant(row_id=7), variant(changes=[1, 2]),
        with_field("notes", [None]), with_field("colour", [None, "red"]),
        with_field("local_id", [None, 5]), with_field("address", [None, 42]),
        with_field("created_at", [None, "yesterday"]), with_field("created_at", [None, 5]),
        with_field("notes", [None, True]), missing, no_time,
        variant(row_version="3"), variant(row_version="three"), variant(user_id=None),
        variant(changed_at="2026-03-01T10:00:00+02:00"),  # an offset: stored by Core
        variant(changed_at=None), variant(changed_at=20260301),
        with_field("created_at", [None, "2026-03-01T10:00:00+02:00"]),
        with_field("deleted_at", [None, "2026-03-01"]), event,
    ]  # fmt: skip


def batch_lines(gen: Gen, size: int, bad_table: str) -> list[dict[str, Any]]:
    existing = list(gen.rows)
    lines: list[dict[str, Any]] = []
    later: list[tuple[str, str]] = []  # parents referred to before their insert
    inserted: list[tuple[str, str]] = []
    while len(lines) < size:
        roll = gen.rnd.random()
        if roll < 0.55:
            table = gen.rnd.choice(list(TABLES))
            parent = None
            if table in PARENTS:
                kind = PARENTS[table][1]
                pick = gen.rnd.random()
                if pick < 0.1:
                    parent = new_id()  # HQ never has it
                elif pick < 0.2:
                    parent = new_id()
                    later.append((kind, parent))  # inserted later in the batch
                else:
                    choices = ids_of(gen, kind)
                    parent = gen.rnd.choice(choices) if choices else new_id()
            row_id = new_id()
            if later and gen.rnd.random() < 0.3:
                table, row_id = later.pop()
                parent = (
                    gen.rnd.choice(ids_of(gen, PARENTS[table][1])) if table in PARENTS else None
                )
            lines.append(gen.insert(table, row_id, parent, BRANCH))
            inserted.append((table, row_id))
        elif roll < 0.65 and inserted:
            lines.append(gen.update(*gen.rnd.choice(inserted)))
        elif roll < 0.78:
            lines.append(gen.update(*gen.rnd.choice(existing)))
        elif roll < 0.84:
            pool = existing if gen.rnd.random() < 0.7 or not inserted else inserted
            lines.append(gen.tombstone(*gen.rnd.choice(pool)))
        elif roll < 0.88:
            table, row_id = gen.rnd.choice(existing)  # re-sent after a restore
            lines.append(gen.insert(table, row_id, gen.rows[(table, row_id)].get(
                PARENTS.get(table, ("-",))[0]), gen.owner[(table, row_id)]))  # fmt: skip
        elif roll < 0.91 and inserted:
            table, row_id = gen.rnd.choice(inserted)  # the same insert twice
            lines.append(gen.line(table, row_id, "insert", copy.deepcopy(
                {k: [None, v] for k, v in gen.rows[(table, row_id)].items()})))  # fmt: skip
        elif roll < 0.93:
            lines.append(gen.line("beneficiaries", new_id(), "update", {"notes": ["a", "b"]}))
        else:
            lines.append(audit_line(gen))
    lines.extend(bad_lines(gen, bad_table))
    return lines


def audit_line(gen: Gen) -> dict[str, Any]:
    at = (BASE + timedelta(minutes=gen.seq)).isoformat()
    changes = {
        "at": at, "action": "login", "user_id": "u-1", "entity": None, "entity_id": None,
        "details": "{}", "prev_hash": "0" * 64, "hash": "1" * 64,
    }  # fmt: skip
    return gen.line("audit_log", new_id(), "insert", {k: [None, v] for k, v in changes.items()})


# -- running it --------------------------------------------------------------------------------


@pytest.fixture
def two_centrals(centrals: Centrals, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    with centrals.new(tmp_path / "fast") as fast_url, centrals.new(tmp_path / "ref") as ref_url:
        engines = (make_engine(fast_url), make_engine(ref_url))
        try:
            yield engines
        finally:
            for engine in engines:
                engine.dispose()


def apply(engine: Engine, branch: str, lines: list[dict[str, Any]], *, fast: bool) -> MergeResult:
    with Session(engine) as session, session.begin():
        return merge_changes(session, branch, copy.deepcopy(lines), 7, fast=fast)


def contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for name, table in TABLES.items():
            cols = [table.c[k] for k in _WRITABLE[name]]
            out[name] = [tuple(r) for r in conn.execute(select(*cols).order_by(table.c.id))]
        audit = HqAuditRow.__table__
        out["hq_audit_log"] = [tuple(r) for r in conn.execute(select(audit).order_by(audit.c.id))]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_path_leaves_what_the_replay_leaves(
    two_centrals: tuple[Engine, Engine], seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    gen = Gen(seed)
    mine, theirs = seed_lines(gen)
    lines = batch_lines(gen, 400, ["households", "beneficiaries"][seed % 2])
    for engine in two_centrals:  # the same rows at HQ before the batch
        apply(engine, BRANCH, mine, fast=False)
        apply(engine, OTHER, theirs, fast=False)

    taken = 0
    convert = merge_fast.Shape.convert

    def counting(shape: merge_fast.Shape, *args: Any) -> Any:
        nonlocal taken
        row = convert(shape, *args)
        taken += row is not None
        return row

    monkeypatch.setattr(merge_fast.Shape, "convert", counting)
    fast_engine, ref_engine = two_centrals
    fast = apply(fast_engine, BRANCH, lines, fast=True)
    ref = apply(ref_engine, BRANCH, lines, fast=False)

    assert (fast.applied, fast.rejected, fast.conflicts) == (
        ref.applied,
        ref.rejected,
        ref.conflicts,
    )
    assert fast.touched == ref.touched
    assert contents(fast_engine) == contents(ref_engine)
    # The batch exercised both roads and every outcome (else this test proves nothing).
    assert 100 < taken < ref.applied
    reasons = {r.reason.split(" ")[0] for r in ref.rejected}
    assert {"unknown", "malformed", "bad", "its", "insert", "it"} <= reasons
    codes = {r.code for r in ref.rejected}
    assert {"not_owner", "missing_parent", "malformed", "bad_value", "read_only"} <= codes
    # A change by another branch is refused (not_owner), never a conflict HQ keeps: every
    # conflict is about a row of the signer's (an edit HQ did not expect, an edit against a
    # delete, the same change made twice: app/sync/merge_rules.py).
    kinds = {c.kind for c in ref.conflicts}
    assert "field" in kinds and kinds <= {"field", "delete_vs_edit", "soft"}
    assert all(gen.owner[(c.table, c.row_id)] == BRANCH for c in ref.conflicts)


def test_fast_path_stores_times_and_texts_as_core_does(two_centrals: tuple[Engine, Engine]) -> None:
    """Text COPY escapes, microseconds, dates before year 1000, booleans: byte for byte."""
    gen = Gen(9)
    lines = []
    for text in TEXTS:
        line = gen.insert("households", new_id(), None, BRANCH)
        line["changes"]["notes"] = [None, text]
        line["changes"]["created_at"] = [None, "0999-01-02T03:04:05.000006"]
        lines.append(line)
    fast_engine, ref_engine = two_centrals
    assert apply(fast_engine, BRANCH, lines, fast=True).applied == len(TEXTS)
    assert apply(ref_engine, BRANCH, lines, fast=False).applied == len(TEXTS)
    fast, ref = contents(fast_engine), contents(ref_engine)
    assert fast == ref
    assert sorted(r[_WRITABLE["households"].index("notes")] for r in fast["households"]) == sorted(
        TEXTS
    )
    if fast_engine.dialect.name == "sqlite":  # the stored text itself, as Core formats it
        with fast_engine.connect() as conn, ref_engine.connect() as ref_conn:
            sql = "SELECT id, created_at, updated_at FROM households ORDER BY id"
            assert conn.exec_driver_sql(sql).all() == ref_conn.exec_driver_sql(sql).all()


@pytest.mark.parametrize("table", ["households", "beneficiaries"])
def test_each_doubtful_line_among_good_ones(
    two_centrals: tuple[Engine, Engine], table: str
) -> None:
    """Each doubtful line alone among good inserts of the same shape: each of the fast
    path's checks must notice it on its own."""
    gen = Gen(5)
    mine, _theirs = seed_lines(gen)
    for engine in two_centrals:
        apply(engine, BRANCH, mine, fast=False)
    fast_engine, ref_engine = two_centrals
    for doubtful in bad_lines(gen, table):
        batch = [gen.insert(table, new_id(), None, BRANCH) for _ in range(4)] + [doubtful]
        fast = apply(fast_engine, BRANCH, batch, fast=True)
        ref = apply(ref_engine, BRANCH, batch, fast=False)
        assert (fast.applied, fast.rejected, fast.conflicts) == (
            ref.applied, ref.rejected, ref.conflicts
        ), doubtful  # fmt: skip
    assert contents(fast_engine) == contents(ref_engine)
