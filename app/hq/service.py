"""The HQ service: enrollment, importing batches (USB files or HTTP uploads), answers, status.

One road for both transports: an upload is written to a file in HQ's folder and imported like
a USB file. Per batch: verify the envelope (nothing read before it checks out), decrypt, then
apply it in ONE transaction (`ingest_batch`: applied, already applied, or held until its gap is
filled); after an apply, held batches of that branch whose gap is now filled are applied in
order; finally the answer (a down-batch) is written. Any failure rolls the batch back whole.

Concurrency: on PostgreSQL the ledger row of the branch is locked (`FOR UPDATE`) by
`ingest_batch`, so batches of different branches apply side by side; SQLite has one writer, so
writes are serialized by a process lock and each write transaction takes SQLite's write lock
at its first statement (another process waits on busy_timeout instead of failing midway).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.db import migrate
from app.db.engine import make_engine
from app.db.gc_pause import paused_gc
from app.db.storage_errors import DATABASE_ERRORS, is_content_error
from app.db.sync_models import HqBatchRow, HqBranchRow, HqCounterRow
from app.hq import enrollment
from app.hq.answers import Answer, is_receipt, receipt_path, save_receipt, write_answer
from app.hq.enrollment import HqError, Registration, branch_identity
from app.hq.forks import queue_fork
from app.hq.held import sweep_held
from app.hq.home import HQ_PARTY, HqHome
from app.hq.ingest import ForkDetected, IngestResult, Outcome, ingest_batch, lock_ledger
from app.hq.reference import queue_reference, seed_reference
from app.hq.results import FAILED, FORK, REJECTED, SKIPPED, FileResult, rejection_text
from app.hq.status import (
    BranchStatus,
    CentralRecord,
    branch_statuses,
    central_records,
    count_records,
)
from app.sync.batch_file import (
    SUFFIX,
    BatchRejected,
    Kind,
    RejectCode,
    SenderStatus,
    VerifiedBatch,
    file_name,
    verify_batch,
)
from app.sync.batch_stream import ChangeStream, open_stream
from app.sync.keys import PublicIdentity
from app.sync.safe_files import copy_file, folder_entries, write_new

ENVIRONMENT_ERRORS: tuple[type[Exception], ...] = (*DATABASE_ERRORS, OSError)


def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


class HqService:
    def __init__(self, home: HqHome, engine: Engine) -> None:
        self.home = home
        self.engine = engine
        self.keys = home.keys()
        self.identity: PublicIdentity = self.keys.public
        self._replica = home.replica()
        self._schemas = known_revisions()
        self.schema = migrate.head_revision()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._sqlite = engine.dialect.name == "sqlite"
        self._lock: contextlib.AbstractContextManager[Any] = (
            threading.RLock() if self._sqlite else contextlib.nullcontext()
        )
        self._ensure_counter()
        seed_reference(self._write)  # the shipped reference data, version 1, at first start
        self.sweep_held()

    def sweep_held(self, *, older_than: float = 3600.0) -> list[str]:
        """Remove held copies no held batch needs any more (app/hq/held.py)."""
        with self._read() as session:
            needed = set(
                session.scalars(select(HqBatchRow.held_file).where(HqBatchRow.status == "held"))
            )
        return sweep_held(self.home.held_dir, needed, older_than=older_than)

    @classmethod
    def open(cls, home: HqHome, db_url: str) -> HqService:
        engine = make_engine(db_url)
        migrate.upgrade(engine)
        return cls(home, engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- sessions ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction: commits on success, rolls back on any exception."""
        with self._lock, self._sessions() as session, session.begin():
            if self._sqlite:  # take the write lock now, not at the first write (see docstring)
                session.execute(text("UPDATE hq_counter SET value = value WHERE name = 'x'"))
            yield session

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        """A read transaction (it writes nothing; rows stay usable after it ends)."""
        with self._sessions() as session, session.begin():
            yield session

    def _ensure_counter(self) -> None:
        with contextlib.suppress(IntegrityError), self._write() as session:
            if session.get(HqCounterRow, "hq_version") is None:
                session.add(HqCounterRow(name="hq_version", value=0))

    # -- enrollment -------------------------------------------------------------------------

    def add_branch(self, code: str, name: str, out_dir: Path, url: str | None = None) -> Path:
        """Create the branch; write `CODE.sanad-enroll.json` into `out_dir`; return its path."""
        url = url or self.home.url
        if not url:
            raise HqError(
                "no_url",
                "HQ's public URL is not set: pass --url http://HOST:PORT (or start "
                "`sanad hq serve --public-url …` once)",
            )
        if url != self.home.url:
            self.home.update_config(url=url)
        with self._write() as session:
            row, token = enrollment.add_branch(session, code, name)
            document = enrollment.enrollment_document(row, token, url, self.identity)
            target = out_dir / f"{row.code}{enrollment.ENROLL_SUFFIX}"
            # Written before the commit: if the commit fails the file's token is simply unknown.
            enrollment.write_private_json(target, document)
        return target

    def register_keys(self, registration: Registration) -> HqBranchRow:
        with self._write() as session:
            row = enrollment.register_keys(session, registration)
            queue_reference(session, lock_ledger(session, row.code))  # its first: the whole set
            return row

    def revoke(self, code: str) -> HqBranchRow:
        with self._write() as session:
            return enrollment.revoke(session, code)

    def branches(self) -> list[HqBranchRow]:
        with self._read() as session:
            return enrollment.all_branches(session)

    # -- batches ----------------------------------------------------------------------------

    def import_files(self, paths: Iterable[Path]) -> list[FileResult]:
        """Import USB batch files; write each answer beside its file as `*.receipt.sanad`.

        A folder's `*.sanad` entries are listed without following links: a link, a pipe or
        any other special file is refused (reported, never opened); every regular batch file
        in the folder is still imported. Files are only ever opened as regular files
        (app.sync.safe_files), so a link or a pipe named on the command line is refused too.
        """
        results: list[FileResult] = []
        for path in paths:
            if path.is_dir():
                try:
                    entries = folder_entries(path, SUFFIX)
                except OSError as err:
                    reason = f"the folder cannot be read: {err}"
                    results.append(FileResult(path.name, FAILED, code="unavailable", reason=reason))
                    continue
                for entry in entries:
                    if is_receipt(entry.path):
                        continue
                    if entry.regular:
                        results.extend(self.import_files([entry.path]))
                    else:
                        results.append(FileResult(
                            entry.path.name, REJECTED, code=RejectCode.NOT_A_BATCH.value,
                            reason=f"{entry.kind}, not a regular file: refused",
                        ))  # fmt: skip
                continue
            if is_receipt(path):
                results.append(FileResult(path.name, SKIPPED, reason="an answer from HQ"))
                continue
            result = self._import_path(path, path.name)
            if result.answer is not None:
                try:
                    receipt = save_receipt(result.answer, receipt_path(path))
                except OSError as err:
                    failed = f"the receipt could not be written: {err}; import it again"
                    reason = f"{result.reason}; {failed}" if result.reason else failed
                    result = replace(result, reason=reason)
                else:
                    result = replace(result, receipt=receipt)
            results.append(result)
        return results

    def receive(self, data: bytes) -> FileResult:
        """An HTTP upload held in memory: the same road as a file."""
        path = self.home.tmp_dir / f"upload-{uuid.uuid4().hex}.sanad"
        try:
            write_new(path, data)
            return self.receive_file(path)
        finally:
            path.unlink(missing_ok=True)

    def receive_file(self, path: Path) -> FileResult:
        """An HTTP upload already streamed to `path` (the caller removes it)."""
        return self._import_path(path, "batch")

    def _import_path(self, path: Path, shown: str) -> FileResult:
        # A batch parses into many long-lived objects (a dict per change line, a row per
        # change): the cyclic collector would walk them all again and again for nothing
        # (parsing 100,000 lines took 1.6 s with it, 0.3 s without: bench/sync_apply.py).
        with paused_gc():
            return self._import(path, shown)

    def _import(self, path: Path, shown: str) -> FileResult:
        try:
            verified = self._verify(path)
            manifest = verified.manifest
            if manifest.kind is not Kind.UP:
                raise BatchRejected(RejectCode.MANIFEST, "not a branch's batch", path.name)
            changes = open_stream(verified, self.keys)
            try:
                outcome = self._apply(verified, changes)
            except ForkDetected as fork:
                return self._fork(shown, fork)
            released: list[IngestResult] = []
            if outcome.outcome is Outcome.APPLIED:
                released = self._retry_held(manifest.source)
            # A replay is answered (its answer may have been lost) but changes nothing here.
            answer = self._answer(manifest.source, after=manifest.ack_upto, touch=outcome.fresh)
        except BatchRejected as err:
            return FileResult(shown, REJECTED, code=err.code.value, reason=rejection_text(err))
        except ENVIRONMENT_ERRORS as err:
            return FileResult(shown, FAILED, code="unavailable", reason=_environment(err))
        return FileResult(
            shown, outcome.outcome.value, outcome.branch, reason=outcome.reason,
            applied=outcome.applied, conflicts=outcome.conflicts,
            rejected_rows=outcome.rejected, ack_upto=answer.manifest.ack_upto,
            released=len(released), released_changes=sum(r.applied for r in released),
            answer=answer,
        )  # fmt: skip

    def _verify(self, path: Path) -> VerifiedBatch:
        return verify_batch(
            path, me=HQ_PARTY, sender_status=self._sender_status,
            schema_known=self._schemas.__contains__,
        )  # fmt: skip

    def _sender_status(self, code: str) -> SenderStatus | None:
        with self._read() as session:
            row = session.get(HqBranchRow, code)
            identity = branch_identity(row) if row is not None else None
            if row is None or identity is None:
                return None
            return SenderStatus(identity, row.revoked_at is not None)

    def _fork(self, shown: str, fork: ForkDetected) -> FileResult:
        """Refuse a fork and answer it with what the branch needs to recover (app/hq/forks)."""
        manifest = fork.manifest
        with self._write() as session:
            queue_fork(session, fork)
            answer = write_answer(
                session, manifest.source, keys=self.keys, schema=self.schema,
                replica=self._replica, work_dir=self.home.tmp_dir, after=manifest.ack_upto,
                touch=False,
            )  # fmt: skip
        reason = f"{fork.detail}; HQ is at {fork.last_seq} ({fork.last_hash[:12]})"
        return FileResult(
            shown, FORK, manifest.source, code=RejectCode.FORK.value, reason=reason,
            ack_upto=fork.last_seq, answer=answer, last_hash=fork.last_hash,
        )  # fmt: skip

    def _apply(self, verified: VerifiedBatch, changes: ChangeStream) -> IngestResult:
        """Apply one batch; a value the database refuses after all (a rule this side lacks)
        makes the batch apply again row by row, that row a rejected row (never a blocked
        branch: docs/sync-protocol.md, "Bounded before trusted")."""
        try:
            return self._apply_once(verified, changes, careful=False)
        except DATABASE_ERRORS as err:
            if not is_content_error(err):
                raise
        return self._apply_once(verified, changes, careful=True)

    def _apply_once(
        self,
        verified: VerifiedBatch,
        changes: ChangeStream,
        *,
        careful: bool,
    ) -> IngestResult:
        manifest = verified.manifest
        held_name = file_name(manifest.source, Kind.UP, manifest.seq_from, manifest.seq_to)
        held_file = f"{self.home.held_dir.name}/{held_name}"
        try:
            with self._write() as session:
                result = ingest_batch(
                    session, manifest, changes, held_file=held_file, careful=careful
                )
                if result.outcome is Outcome.HELD:
                    # Kept before the commit: a stray copy after a failed commit is harmless.
                    target = self.home.held_dir / held_name
                    if verified.path.resolve() != target.resolve():
                        copy_file(verified.path, target)
        except BatchRejected as err:  # a fork: name the file
            raise BatchRejected(err.code, err.detail, verified.path.name) from None
        # The pairs it found reach both branches with each one's own next answer
        # (app.hq.answers queues what a branch is owed first): no per-branch round here.
        if result.outcome in (Outcome.APPLIED, Outcome.ALREADY_APPLIED):
            # A copy held earlier is spent: it came again with its gap filled, or it was
            # applied from the held folder by a run that was killed before removing it.
            (self.home.held_dir / held_name).unlink(missing_ok=True)
        return result

    def _retry_held(self, branch: str) -> list[IngestResult]:
        """Apply held batches of `branch` whose gap is now filled, in sequence order."""
        released: list[IngestResult] = []
        while True:
            with self._read() as session:
                record = session.scalar(
                    select(HqBatchRow)
                    .where(HqBatchRow.branch == branch, HqBatchRow.status == "held")
                    .order_by(HqBatchRow.seq_from)
                    .limit(1)
                )
            if record is None or not record.held_file:
                return released
            path = self.home.root / record.held_file
            try:
                verified = self._verify(path)
                result = self._apply(verified, open_stream(verified, self.keys))
            except BatchRejected as err:
                self._settle_held(record.batch_id, REJECTED, rejection_text(err))
                continue
            except ForkDetected as fork:
                self._settle_held(record.batch_id, REJECTED, f"a fork: {fork.detail}")
                path.unlink(missing_ok=True)
                continue
            if result.outcome is Outcome.HELD:
                return released  # its gap is still open
            if result.outcome is Outcome.APPLIED:
                released.append(result)
            else:
                self._settle_held(
                    record.batch_id, "superseded", "its changes came in another batch"
                )
            path.unlink(missing_ok=True)

    def _settle_held(self, batch_id: str, status: str, reason: str) -> None:
        with self._write() as session:
            record = session.get(HqBatchRow, batch_id)
            if record is not None and record.status == "held":
                record.status, record.reason = status, reason

    def _answer(self, branch: str, *, after: int | None = None, touch: bool = True) -> Answer:
        with self._write() as session:
            return write_answer(
                session, branch, keys=self.keys, schema=self.schema, replica=self._replica,
                work_dir=self.home.tmp_dir, after=after, touch=touch,
            )  # fmt: skip

    # -- what HQ holds ----------------------------------------------------------------------

    def status(self) -> list[BranchStatus]:
        with self._read() as session:
            return branch_statuses(session)

    def records(self, branch: str | None = None, limit: int = 50) -> list[CentralRecord]:
        with self._read() as session:
            return central_records(session, branch, limit)

    def count_records(self, branch: str | None = None) -> int:
        with self._read() as session:
            return count_records(session, branch)


def _environment(err: Exception) -> str:
    if isinstance(err, SQLAlchemyError):
        return f"the central database is unavailable ({type(err).__name__}); try again"
    return f"{err}"
