"""The branch's side of sync with headquarters: enroll, status, USB export/import, sync now.

Every step that writes is one transaction; the outbox is pruned only when HQ's answer
acknowledges it (app.sync.branch_apply). Network waits never hold the database: `sync_now`
takes a `run_db` hook so the UI runs each database step on its single worker thread while the
transfer itself runs on another, and the user keeps working meanwhile.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import func, select

from app.db.audit import append_audit
from app.db.clock import utcnow
from app.db.models import LocalMetaRow
from app.db.sync_models import OutgoingBatchRow
from app.domain.accounts import Role
from app.services.context import ServiceContext
from app.services.sync_enroll import (
    hq_client,
    load_or_make_keys,
    read_enrollment,
    register_pending,
    registration,
    write_keys_file,
    write_private_json,
)
from app.services.sync_errors import NETWORK_CODES, SyncError, SyncErrorCode, from_transport
from app.services.sync_meta import (
    HQ_IDENTITY,
    HQ_URL,
    LAST_ERROR,
    LAST_ERROR_AT,
    LAST_ERROR_DETAIL,
    LAST_ERROR_REASON,
    REGISTERED,
    REPLICA,
    known_schema,
    parse_time,
    set_meta,
)
from app.services.sync_outgoing import (
    OUTGOING,
    OutgoingFile,
    Party,
    export_to,
    is_poll,
    prepare_outgoing,
    remove_stale,
    save_answer,
    write_poll,
)
from app.services.sync_results import (
    EnrollResult,
    ImportResult,
    Progress,
    Recovered,
    Stage,
    SyncResult,
    SyncStatus,
)
from app.sync.batch_file import (
    MAX_MANIFEST,
    MAX_PAYLOAD,
    BatchRejected,
    Kind,
    SenderStatus,
    verify_batch,
)
from app.sync.branch_apply import LAST_SUCCESS, REJECTED_BY_HQ, acked_upto, apply_down_batch
from app.sync.keys import KeyPair, PublicIdentity
from app.sync.outbox_export import HQ, pending_changes
from app.sync.safe_files import read_regular
from app.sync.transport_errors import TransportCode, TransportError

if TYPE_CHECKING:
    from app.sync.http_client import HqClient

T = TypeVar("T")
DEMO_BRANCH = "DEMO"
MAX_BATCH_FILE = MAX_PAYLOAD + 2 * MAX_MANIFEST  # the largest file this branch writes
KEYS_DIR = "keys"
PENDING_REGISTRATION = "pending-registration.json"
ClientFactory = Callable[[str], "HqClient"]
DbRunner = Callable[[Callable[[], Any]], Any]


class SyncService:
    def __init__(self, ctx: ServiceContext, client_factory: ClientFactory | None = None) -> None:
        self._ctx = ctx
        self._client_factory: ClientFactory = client_factory or hq_client

    @property
    def keys_dir(self) -> Path:
        return self._ctx.data_dir / KEYS_DIR

    # -- enrollment -------------------------------------------------------------------------

    def enroll(self, file: Path, keys_out: Path | None = None) -> EnrollResult:
        """Pin HQ, make this branch's keys (kept here), register them with HQ or by USB."""
        user = self._ctx.require(Role.BRANCH_ADMIN)
        code = self._ctx.branch_code
        if code == DEMO_BRANCH:
            raise SyncError(SyncErrorCode.DEMO_BRANCH)
        enrollment = read_enrollment(file)
        if enrollment.code != code:
            raise SyncError(
                SyncErrorCode.WRONG_BRANCH,
                f"{file.name} is for branch {enrollment.code}, this branch is {code}",
            )
        keys = load_or_make_keys(self.keys_dir, code)
        body = registration(code, enrollment.token, keys.public)
        keys_file: Path | None = None
        registered = True
        with self._client_factory(enrollment.hq_url) as client:
            try:
                client.enroll(code, enrollment.token, keys.public.to_json())
            except TransportError as err:
                if err.code is TransportCode.REJECTED:
                    raise SyncError(
                        SyncErrorCode.REJECTED, err.reason, reason_code=err.hq_code
                    ) from None
                registered = False
        if not registered:
            keys_file = write_keys_file(keys_out or file.parent, code, body)
            write_private_json(
                self.keys_dir / PENDING_REGISTRATION, {**body, "hq_url": enrollment.hq_url}
            )
        pinned = json.dumps(enrollment.hq.to_json())
        with self._ctx.db.transaction(None) as session:
            previous = session.get(LocalMetaRow, HQ_IDENTITY)
            if previous is not None and previous.value != pinned:
                # Files sealed to another HQ's key: written again, for this one, when needed.
                remove_stale(self._ctx.data_dir / OUTGOING, set())
            set_meta(session, HQ_URL, enrollment.hq_url)
            set_meta(session, HQ_IDENTITY, pinned)
            set_meta(session, REGISTERED, "1" if registered else "0")
            if session.get(LocalMetaRow, REPLICA) is None:
                set_meta(session, REPLICA, str(uuid.uuid4()))
            append_audit(
                session, "sync.enroll", user_id=user.id, entity="branch", entity_id=code,
                details={"hq_url": enrollment.hq_url, "registered": registered},
            )  # fmt: skip
        if registered:
            (self.keys_dir / PENDING_REGISTRATION).unlink(missing_ok=True)
        return EnrollResult(code, enrollment.hq_url, registered, keys_file)

    # -- status -----------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        with self._ctx.db.read() as session:
            meta = {
                r.key: r.value
                for r in session.scalars(
                    select(LocalMetaRow).where(LocalMetaRow.key.like("sync.%"))
                )
            }
            pending = pending_changes(session)
            unsent = OutgoingBatchRow.acked_at.is_(None)
            unacked = session.scalar(select(func.count()).where(unsent)) or 0
        code = self._ctx.branch_code
        return SyncStatus(
            branch_code=code,
            demo=code == DEMO_BRANCH,
            enrolled=HQ_IDENTITY in meta and KeyPair.exists(self.keys_dir, code),
            registered=meta.get(REGISTERED) == "1",
            hq_url=meta.get(HQ_URL, ""),
            pending_changes=pending,
            unacked_batches=unacked,
            last_success_at=parse_time(meta.get(LAST_SUCCESS)),
            last_error=meta.get(LAST_ERROR, ""),
            last_error_reason=meta.get(LAST_ERROR_REASON, ""),
            last_error_detail=meta.get(LAST_ERROR_DETAIL, ""),
            last_error_at=parse_time(meta.get(LAST_ERROR_AT)),
            rejected_by_hq=int(meta.get(REJECTED_BY_HQ, "0") or 0),
        )

    # -- USB --------------------------------------------------------------------------------

    def export(self, to_dir: Path, *, poll: bool = False) -> list[Path]:
        """Every batch HQ has not acknowledged (new changes first made into one), copied;
        `poll`: with none, a request for HQ's news (an empty batch, `is_poll`) instead."""
        user = self._ctx.require()
        party = self._party()
        copied = export_to(self._ctx.db, self._ctx.data_dir, party, to_dir, poll=poll)
        if copied:
            with self._ctx.db.transaction(None) as session:
                append_audit(
                    session, "sync.export", user_id=user.id,
                    details={"files": [p.name for p in copied]},
                )  # fmt: skip
        return copied

    is_poll = staticmethod(is_poll)

    def import_file(self, path: Path) -> ImportResult:
        """Apply an answer from HQ brought by USB: checked first, then applied exactly once."""
        user = self._ctx.require()
        party = self._party()
        return self._apply_answer(party, path, user.id)

    # -- network ----------------------------------------------------------------------------

    def sync_now(
        self,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
        run_db: DbRunner | None = None,
    ) -> SyncResult:
        """Send every un-acknowledged batch to HQ in order, apply each answer. Safe to re-run:
        a batch HQ already has is only acknowledged again. Raises SyncError (recorded)."""
        run: DbRunner = run_db or (lambda fn: fn())
        report = progress or (lambda _p: None)
        user = run(self._ctx.require)
        try:
            return self._sync(run, report, cancel, user.id)
        except SyncError as err:
            if err.code in NETWORK_CODES:
                failure = err
                run(lambda: self._record_error(failure))
            raise

    def _sync(
        self,
        run: DbRunner,
        report: Callable[[Progress], None],
        cancel: threading.Event | None,
        user_id: str,
    ) -> SyncResult:
        party: Party = run(self._party)
        applied = 0
        recovered: Recovered | None = None
        sent: list[OutgoingFile] = []
        with self._client_factory(party.hq_url) as client:
            # A second round only when HQ found this copy restored from an older one: the
            # answer re-based it, and its re-numbered changes go in the next round.
            for _round in range(2):
                files, count, result = self._send_all(run, report, cancel, client, party)
                sent = files if recovered is not None else sent + files
                applied += count
                if result is None:
                    break
                recovered = result
        final: SyncResult = run(lambda: self._finish(sent, applied, user_id, recovered))
        report(Progress(Stage.DONE, 1, 1))
        return final

    def _send_all(
        self,
        run: DbRunner,
        report: Callable[[Progress], None],
        cancel: threading.Event | None,
        client: HqClient,
        party: Party,
    ) -> tuple[list[OutgoingFile], int, Recovered | None]:
        """Send every un-acknowledged batch (or a poll) in order and apply each answer; stop
        early when an answer re-based the branch (the rest were made before it)."""
        report(Progress(Stage.PREPARING, 0, 0))
        files: list[OutgoingFile] = run(
            lambda: prepare_outgoing(self._ctx.db, self._ctx.data_dir, party)
        )
        poll: Path | None = None
        to_send = [f.path for f in files]
        if not files:
            poll = run(lambda: write_poll(self._ctx.db, self._ctx.data_dir, party))
            to_send = [poll]
        applied = 0
        try:
            self._register_if_pending(client, cancel)
            for index, path in enumerate(to_send):
                if cancel is not None and cancel.is_set():
                    raise SyncError(SyncErrorCode.CANCELLED)
                data = read_regular(path, MAX_BATCH_FILE)
                report(Progress(Stage.SENDING, index, len(to_send), 0, len(data)))
                try:
                    answer = client.post_batch(
                        data, cancel=cancel, sent=partial(_sending, report, index, len(to_send))
                    )
                except TransportError as err:
                    raise from_transport(err) from None
                report(Progress(Stage.APPLYING, index, len(to_send)))
                saved = save_answer(self._ctx.data_dir, path.name, answer)
                result: ImportResult = run(partial(self._apply_answer, party, saved, None))
                saved.unlink(missing_ok=True)
                applied += result.applied
                if result.recovered is not None:
                    return files[: index + 1], applied, result.recovered
        finally:
            if poll is not None:
                poll.unlink(missing_ok=True)
        return files, applied, None

    def _register_if_pending(self, client: HqClient, cancel: threading.Event | None) -> None:
        try:
            register_pending(client, self.keys_dir / PENDING_REGISTRATION, cancel)
        except TransportError as err:
            raise from_transport(err) from None

    def _finish(
        self,
        files: list[OutgoingFile],
        applied: int,
        user_id: str,
        recovered: Recovered | None,
    ) -> SyncResult:
        with self._ctx.db.transaction(None) as session:
            details: dict[str, Any] = {"batches": len(files), "applied": applied}
            if recovered is not None:
                details["recovered"] = {"from_hq": recovered.from_hq, "resent": recovered.resent}
            append_audit(session, "sync.run", user_id=user_id, details=details)
            acked = acked_upto(session)
            pending = pending_changes(session)
        return SyncResult(
            len(files), sum(f.changes for f in files), acked, applied, pending, recovered
        )

    def _record_error(self, err: SyncError) -> None:
        with self._ctx.db.transaction(None) as session:
            set_meta(session, LAST_ERROR, err.code.value)
            set_meta(session, LAST_ERROR_REASON, err.reason_code)
            set_meta(session, LAST_ERROR_DETAIL, err.detail[:500])
            set_meta(session, LAST_ERROR_AT, utcnow().isoformat(timespec="seconds"))

    # -- shared steps -----------------------------------------------------------------------

    def _party(self) -> Party:
        code = self._ctx.branch_code
        if code == DEMO_BRANCH:
            raise SyncError(SyncErrorCode.DEMO_BRANCH)
        with self._ctx.db.read() as session:
            meta = {
                r.key: r.value
                for r in session.scalars(
                    select(LocalMetaRow).where(LocalMetaRow.key.like("sync.%"))
                )
            }
        if HQ_IDENTITY not in meta or not KeyPair.exists(self.keys_dir, code):
            raise SyncError(SyncErrorCode.NOT_ENROLLED)
        try:
            keys = KeyPair.load(self.keys_dir, code)
            hq = PublicIdentity.from_json(json.loads(meta[HQ_IDENTITY]))
        except (OSError, ValueError, KeyError) as err:
            raise SyncError(SyncErrorCode.NOT_ENROLLED, f"the keys cannot be read: {err}") from None
        return Party(code, meta.get(REPLICA, code), keys, hq, meta.get(HQ_URL, ""))

    def _apply_answer(self, party: Party, path: Path, user_id: str | None) -> ImportResult:
        """Verify (sender HQ with the pinned key, to this branch, known schema), decrypt, and
        apply in one transaction; any failure applies nothing."""
        hq_status = SenderStatus(party.hq, revoked=False)
        try:
            verified = verify_batch(
                path,
                me=party.code,
                sender_status=lambda source: hq_status if source == HQ else None,
                schema_known=known_schema,
            )
            if verified.manifest.kind is not Kind.DOWN:
                raise SyncError(SyncErrorCode.BAD_ANSWER, f"{path.name}: not an answer from HQ")
            lines = verified.changes(party.keys)
        except BatchRejected as err:
            raise SyncError(SyncErrorCode.BAD_ANSWER, str(err), reason_code=err.code) from None
        with self._ctx.db.transaction(None) as session:
            result = apply_down_batch(session, verified.manifest, lines)
            if result.held:
                raise SyncError(SyncErrorCode.OUT_OF_ORDER, path.name)
            # An answer sealed to our key proves HQ has registered it; the last failure is over.
            set_meta(session, REGISTERED, "1")
            for key in (LAST_ERROR, LAST_ERROR_REASON, LAST_ERROR_DETAIL):
                set_meta(session, key, "")
            if user_id is not None:
                append_audit(
                    session, "sync.import", user_id=user_id, entity="batch",
                    entity_id=verified.manifest.batch_id,
                    details={"file": path.name, "applied": result.applied},
                )  # fmt: skip
            pending = pending_changes(session)
        (self.keys_dir / PENDING_REGISTRATION).unlink(missing_ok=True)
        recovered = None
        if result.recovery is not None:
            # Files of the batches made before the re-basing are void: made again if needed.
            remove_stale(self._ctx.data_dir / OUTGOING, set())
            r = result.recovery
            recovered = Recovered(r.from_hq, r.resent, r.shared)
        return ImportResult(result.applied, result.skipped, result.acked_upto, pending, recovered)


def _sending(
    report: Callable[[Progress], None], batch: int, batches: int, sent: int, size: int
) -> None:
    report(Progress(Stage.SENDING, batch, batches, sent, size))
