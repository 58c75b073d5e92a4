"""The new branch's batch at a generated registry (bench.registry_scale): the branch made and
its people registered, the batch exported, the branch enrolled at the registry's HQ, the batch
applied (`HqService.import_files`, what `sanad hq import` calls) with or without the registry
match, and everything the apply wrote taken out again so the next run starts from the same
registry.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psycopg

from app.db import bulk
from app.db.clock import utcnow
from app.db.migrate import head_revision
from app.db.sync_models import OutgoingBatchRow
from app.domain.beneficiary import BeneficiaryDraft, validate_beneficiary
from app.hq import answers as hq_answers
from app.hq import ingest
from app.hq.enrollment import Registration
from app.hq.home import HqHome
from app.hq.service import HqService
from app.sync.batch_file import Kind, batch_id, file_name
from app.sync.merge import _WRITABLE, TABLES
from app.sync.outbox_export import write_outgoing
from bench.registry_db import psycopg_url
from bench.registry_generator import BATCH_BRANCH
from bench.sync_apply import Phases, timed_phases
from bench.sync_data import branch_keys, make_branch, open_logged_in, outbox_count

Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True, slots=True)
class NewBranch:
    folder: Path
    batch: Path
    ids: list[str]  # the batch people's record ids, in batch.jsonl's order
    entries: list[dict[str, Any]]
    changes: int


def _draft(e: dict[str, Any]) -> BeneficiaryDraft:
    return BeneficiaryDraft(
        first_name=e["first"], father_name=e["father"], grandfather_name=e["grandfather"],
        family_name=e["family"], mother_name=e["mother"], sex=e["sex"], birth_date=e["born"],
        national_number=e["national_number"] or "", passport_number=e["passport"] or "",
        nationality="EG" if e["passport"] else "LY",
    )  # fmt: skip


def new_branch(folder: Path, hq: HqHome) -> NewBranch:
    """The branch NEW01 holding the generated batch's people (made once), and its batch file
    of every change, sealed for `hq`."""
    entries = [json.loads(line) for line in (folder / "batch.jsonl").open(encoding="utf-8")]
    where = folder / "branch"
    ids_file = where / "ids.json"
    if not ids_file.is_file():
        shutil.rmtree(where, ignore_errors=True)
        services = make_branch(where, BATCH_BRANCH)
        try:
            people = [validate_beneficiary(_draft(e), date.today()) for e in entries]
            actor = services.ctx.actor()
            with services.ctx.db.transaction(actor) as session:
                ids = bulk.write_beneficiaries(session, people, actor)
        finally:
            services.close()
        ids_file.write_text(json.dumps(ids), encoding="utf-8")
    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    changes = outbox_count(where)
    out = where / "out"
    batch = out / file_name(BATCH_BRANCH, Kind.UP, 1, changes)
    if not batch.is_file():
        services = open_logged_in(where)
        keys = branch_keys(where, BATCH_BRANCH)
        try:
            with services.ctx.db.read() as session:  # rolled back: the branch stays reusable
                record = OutgoingBatchRow(
                    batch_id=batch_id(BATCH_BRANCH, Kind.UP, 1, changes), seq_from=1,
                    seq_to=changes, content_sha256="",
                    file_name=file_name(BATCH_BRANCH, Kind.UP, 1, changes), created_at=utcnow(),
                )  # fmt: skip
                session.add(record)
                session.flush()
                batch = write_outgoing(
                    session, record, out, branch=BATCH_BRANCH, replica="bench",
                    schema=head_revision(), ack_upto=0, keys=keys, hq=hq.keys().public,
                )  # fmt: skip
        finally:
            services.close()
    return NewBranch(where, batch, ids, entries, changes)


def enroll(service: HqService, branch: NewBranch) -> None:
    """NEW01 enrolled at the registry's HQ with the branch's keys (once per database)."""
    keys = branch_keys(branch.folder, BATCH_BRANCH)
    with psycopg.connect(psycopg_url(str(service.engine.url.render_as_string(False)))) as conn:
        row = conn.execute(
            "SELECT enrolled_at FROM hq_branches WHERE code = %s", (BATCH_BRANCH,)
        ).fetchone()
    if row is not None and row[0] is not None:
        return
    work = branch.folder / "enroll"
    work.mkdir(exist_ok=True)
    enroll_file = service.add_branch(BATCH_BRANCH, "فرع جديد", work, url="http://127.0.0.1:8480")
    token = json.loads(enroll_file.read_text(encoding="utf-8"))["token"]
    enroll_file.unlink()
    service.register_keys(Registration(BATCH_BRANCH, token, keys.public))


@dataclass(slots=True)
class Applied:
    seconds: float
    phases: Phases
    flags: float  # app.hq.flags.queue_flags in the answer: the pairs, to the batch's branch


def _no_match(*_args: object, **_kwargs: object) -> int:
    return 0


def apply(service: HqService, branch: NewBranch, *, detect: bool) -> Applied:
    """`import_files` of the batch; with `detect` False, `ingest.match_batch` does nothing."""
    inbox = branch.folder / "in"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    path = inbox / branch.batch.name
    os.link(branch.batch, path)
    original, dispatch = ingest.match_batch, hq_answers.queue_flags
    flags = 0.0

    def timed_dispatch(*args: Any) -> int:
        nonlocal flags
        started = time.perf_counter()
        try:
            return dispatch(*args)
        finally:
            flags += time.perf_counter() - started

    if not detect:
        ingest.match_batch = _no_match  # type: ignore[assignment]
    hq_answers.queue_flags = timed_dispatch  # type: ignore[assignment]
    try:
        with timed_phases() as phases:
            started = time.perf_counter()
            (result,) = service.import_files([path])
            seconds = time.perf_counter() - started
    finally:
        ingest.match_batch = original  # type: ignore[assignment]
        hq_answers.queue_flags = dispatch  # type: ignore[assignment]
        shutil.rmtree(inbox, ignore_errors=True)
    if result.outcome != "applied" or result.applied != branch.changes or result.rejected_rows:
        raise RuntimeError(f"the batch was not applied whole: {result}")
    return Applied(seconds, phases, flags)


# -- putting the registry back ------------------------------------------------------------------


@contextmanager
def restored(url: str) -> Iterator[None]:
    """Whatever the block applies from NEW01 is taken out afterwards: its rows, its pairs, its
    batch, the answer lines queued to any branch, the ledgers and the version counter."""
    with psycopg.connect(psycopg_url(url)) as conn:
        ledgers = conn.execute("SELECT * FROM hq_ledger").fetchall()
        columns = [d.name for d in conn.execute("SELECT * FROM hq_ledger LIMIT 0").description]
        (counter,) = conn.execute(
            "SELECT value FROM hq_counter WHERE name = 'hq_version'"
        ).fetchone() or (0,)
    try:
        yield
    finally:
        with psycopg.connect(psycopg_url(url)) as conn, conn.cursor() as cur:
            b = BATCH_BRANCH
            for table in reversed(list(TABLES)):
                cur.execute(f"DELETE FROM {table} WHERE origin_branch = %s", (b,))
            cur.execute(
                "DELETE FROM hq_duplicate_pairs WHERE branch_a = %s OR branch_b = %s", (b, b)
            )
            for table in ("hq_batches", "hq_rejected_changes", "hq_conflicts", "hq_audit_log"):
                cur.execute(f"DELETE FROM {table} WHERE branch = %s", (b,))
            down = columns.index("down_seq")
            for ledger in ledgers:
                cur.execute(
                    "DELETE FROM hq_down_queue WHERE branch = %s AND seq > %s",
                    (ledger[0], ledger[down]),
                )
            cur.execute("DELETE FROM hq_ledger")
            with cur.copy(f"COPY hq_ledger ({', '.join(columns)}) FROM STDIN") as copy:
                for ledger in ledgers:
                    copy.write_row(ledger)
            cur.execute("UPDATE hq_counter SET value = %s WHERE name = 'hq_version'", (counter,))
            conn.commit()
            # What autovacuum would do before long: the pages of the rows taken out all-visible
            # again (index-only scans need it). The indexes are left as they are.
            conn.autocommit = True
            for table in TABLES:
                cur.execute(f"VACUUM (INDEX_CLEANUP OFF) {table}")


def branch_rows(url: str) -> Rows:
    """NEW01's rows as the apply stored them (the raw limit loads the same)."""
    out: Rows = {}
    with psycopg.connect(psycopg_url(url)) as conn:
        for table in TABLES:
            cols = ", ".join(_WRITABLE[table])
            out[table] = conn.execute(
                f"SELECT {cols} FROM {table} WHERE origin_branch = %s ORDER BY local_id",
                (BATCH_BRANCH,),
            ).fetchall()
    return out


def copy_rolled_back(url: str, rows: Rows) -> float:
    """Raw limit: COPY … FROM STDIN of the same rows into the same registry tables (same
    indexes, millions of rows), one transaction, rolled back; only the load timed."""
    with psycopg.connect(psycopg_url(url)) as conn, conn.cursor() as cur:
        started = time.perf_counter()
        for table in TABLES:
            if rows.get(table):
                cols = ", ".join(_WRITABLE[table])
                with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in rows[table]:
                        copy.write_row(row)
        cur.execute("SELECT 1")  # the COPY is complete on the server
        seconds = time.perf_counter() - started
        conn.rollback()
    return seconds
