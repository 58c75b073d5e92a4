"""The branch's side of sync (app.services.sync) against a real HQ in the same process.

HQ is app.hq's service behind its FastAPI app, served by uvicorn on a loopback port (started,
stopped and restarted by the tests to play "HQ down"); USB runs use the same service's file
import. Network failures that a live server cannot produce on demand (a lost answer, a
timeout) come from httpx transports wrapped around the real one.
"""

from __future__ import annotations

import json
import shutil
import socket
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import migrate
from app.db.audit import AUDIT_TABLE
from app.db.engine import sqlite_url
from app.db.models import AuditRow, BeneficiaryRow, LocalMetaRow, OutboxRow
from app.db.sync_models import ChangeLogRow, HqAuditRow, HqBatchRow, OutgoingBatchRow
from app.domain.accounts import Role
from app.hq.api import create_app
from app.hq.audit_check import verify_chains
from app.hq.enrollment import Registration
from app.hq.home import HqHome
from app.hq.service import HqService
from app.services.setup import AppServices, initialize_branch, open_branch
from app.services.sync import SyncService
from app.services.sync_errors import SyncError, SyncErrorCode
from app.sync.batch_file import (
    ZERO_HASH,
    Header,
    Kind,
    RejectCode,
    SenderStatus,
    encode_lines,
    verify_batch,
    write_batch,
)
from app.sync.http_client import HqClient, RetryPolicy, TransportCode, TransportError
from app.sync.keys import KeyPair
from tests.conftest import FAST_HASHER, TODAY
from tests.outbox import audit_actions, data_rows
from tests.services.people import AHMED, person

pytestmark = [pytest.mark.sync, pytest.mark.db]

CODE = "TRP01"
FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02)


# -- an HQ in the test process ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HqServer:
    """HQ's HTTP API on 127.0.0.1:port, in a thread; stop() and start() again at will."""

    def __init__(self, service: HqService) -> None:
        self.service = service
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(
            create_app(self.service), host="127.0.0.1", port=self.port, log_level="warning",
            lifespan="off", ws="none", http="h11",
        )  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert time.monotonic() < deadline, "HQ did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None


@pytest.fixture(scope="session")
def hq_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated HQ folder, made once and copied per test (migrations take a while)."""
    folder = tmp_path_factory.mktemp("hq-template") / "hq"
    HqService.open(HqHome.open(folder), sqlite_url(folder / "hq.db")).close()
    return folder


@pytest.fixture
def hq(hq_template: Path, tmp_path: Path) -> Iterator[HqService]:
    folder = tmp_path / "hq"
    shutil.copytree(hq_template, folder)
    service = HqService.open(HqHome.open(folder), sqlite_url(folder / "hq.db"))
    yield service
    service.close()


@pytest.fixture
def server(hq: HqService) -> Iterator[HqServer]:
    running = HqServer(hq)
    yield running
    running.stop()


def make_branch(folder: Path, code: str = CODE) -> AppServices:
    """A real branch (as `sanad init` makes it) with its first admin logged in."""
    initialize_branch(folder, code, "فرع طرابلس")
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.create_user("boss", "مدير", Role.BRANCH_ADMIN, "password-123", by_admin=False)
    services.accounts.login("boss", "password-123")
    return services


@pytest.fixture(scope="session")
def branch_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("branch-template") / "branch"
    make_branch(folder).close()
    for extra in folder.glob("sanad.db-*"):
        extra.unlink()
    return folder


@pytest.fixture
def branch(branch_template: Path, tmp_path: Path) -> Iterator[AppServices]:
    """A real branch TRP01 (made by `sanad init`), its first admin logged in."""
    folder = tmp_path / "real-branch"
    shutil.copytree(branch_template, folder)
    services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
    services.accounts.login("boss", "password-123")
    yield services
    services.close()


def fast_factory(transport: httpx.BaseTransport | None = None) -> Callable[[str], HqClient]:
    return lambda url: HqClient(url, policy=FAST, transport=transport, sleep=lambda _s: None)


def enroll(
    branch: AppServices, hq: HqService, url: str, tmp: Path, **kw: Any
) -> tuple[SyncService, Path]:
    enrollment = hq.add_branch(CODE, "فرع طرابلس", tmp, url=url)
    sync = SyncService(branch.ctx, kw.get("factory") or fast_factory())
    sync.enroll(enrollment, kw.get("keys_out"))
    return sync, enrollment


def count(branch: AppServices, model: Any) -> int:
    with branch.ctx.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def data_pending(branch: AppServices) -> int:
    """Data changes still in the outbox (audit entries apart)."""
    with branch.ctx.db.read() as session:
        return len(data_rows(session))


def trail(branch: AppServices) -> list[str]:
    """The audit entries still in the outbox, by action. The sync's own entries (export,
    import, run) are written after the batch they describe and never make a batch alone:
    they wait for the next batch that carries a real change."""
    with branch.ctx.db.read() as session:
        return audit_actions(session)


Line = tuple[str, str | None]  # table, and the action when it is an audit entry


def outbox_lines(branch: AppServices) -> list[Line]:
    """What is waiting in the outbox, in order, as `batch_lines` shows a batch."""
    with branch.ctx.db.read() as session:
        rows = session.execute(
            select(OutboxRow.table_name, OutboxRow.changes).order_by(OutboxRow.seq)
        ).all()
    return [(t, json.loads(c)["action"][1] if t == AUDIT_TABLE else None) for t, c in rows]


AuditEntry = tuple[str, str, str, str]  # id, action, prev_hash, hash


def branch_audit(branch: AppServices) -> list[AuditEntry]:
    """The branch's audit log, in its order."""
    with branch.ctx.db.read() as session:
        rows = session.execute(
            select(AuditRow.id, AuditRow.action, AuditRow.prev_hash, AuditRow.hash)
            .order_by(AuditRow.seq)
        ).all()  # fmt: skip
    return [(i, a, p, h) for i, a, p, h in rows]


def hq_audit(hq: HqService) -> list[AuditEntry]:
    """HQ's copy of the branch's audit log, in the order it came (by the carrying change)."""
    with hq.engine.connect() as conn:
        rows = conn.execute(
            select(HqAuditRow.id, HqAuditRow.action, HqAuditRow.prev_hash, HqAuditRow.hash)
            .where(HqAuditRow.branch == CODE)
            .order_by(HqAuditRow.seq)
        ).all()  # fmt: skip
    return [(i, a, p, h) for i, a, p, h in rows]


def assert_hq_chain_intact(hq: HqService, entries: int) -> None:
    with Session(hq.engine) as session:
        (report,) = verify_chains(session, CODE)
    assert report.intact and report.from_genesis and report.entries == entries, report


def batches(branch: AppServices) -> list[tuple[str, int, int]]:
    """The batches this branch made: id and change range, in order."""
    with branch.ctx.db.read() as session:
        rows = session.execute(
            select(OutgoingBatchRow.batch_id, OutgoingBatchRow.seq_from, OutgoingBatchRow.seq_to)
            .order_by(OutgoingBatchRow.seq_from)
        ).all()  # fmt: skip
    return [(b, f, t) for b, f, t in rows]


def meta(branch: AppServices) -> dict[str, str]:
    with branch.ctx.db.read() as session:
        return {r.key: r.value for r in session.scalars(select(LocalMetaRow))}


def snapshot(branch: AppServices) -> tuple[Any, ...]:
    """Everything a refused answer must leave as it was."""
    with branch.ctx.db.read() as session:
        return (
            session.scalars(select(OutboxRow.seq).order_by(OutboxRow.seq)).all(),
            count(branch, ChangeLogRow),
            session.execute(select(OutgoingBatchRow.batch_id, OutgoingBatchRow.acked_at)).all(),
            meta(branch),
        )


def batch_lines(branch: AppServices, hq: HqService, path: Path) -> list[Line]:
    """What an up-batch carries: (table, audit action or None) per line, in order."""
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    sender = SenderStatus(keys.public, revoked=False)
    verified = verify_batch(
        path, me="HQ", sender_status=lambda s: sender if s == CODE else None,
        schema_known=lambda _s: True,
    )  # fmt: skip
    return [
        (line["table"], line["changes"]["action"][1] if line["table"] == AUDIT_TABLE else None)
        for line in verified.changes(hq.keys)
    ]


def register_people(branch: AppServices, n: int = 2) -> list[str]:
    ids: list[str] = []
    for i in range(n):
        year = 1960 + len(ids) + 7 * (count(branch, OutboxRow) % 5)
        view = branch.beneficiaries.register(
            person(
                AHMED,
                first_name=["أحمد", "سالم", "خالد", "علي", "عمر"][i % 5],
                mother_name=["زينب علي", "مبروكة سالم", "حليمة عمر", "سالمة أحمد", "نورية"][i % 5],
                birth_date=f"{year}-03-15",
                national_number=f"1{year}{count(branch, OutboxRow):07d}",
                phones=[f"0912{count(branch, OutboxRow):06d}"],
            )
        )
        ids.append(view.id)
    return ids


# -- enrollment -------------------------------------------------------------------------------


def test_enroll_keeps_private_keys_here_pins_hq_and_registers(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _file = enroll(branch, hq, server.url, tmp_path)
    keys_file = branch.ctx.data_dir / "keys" / f"{CODE}.keys.json"
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(keys_file.parent.stat().st_mode) == 0o700
    values = meta(branch)
    assert values["sync.hq_url"] == server.url
    assert json.loads(values["sync.hq_identity"]) == hq.identity.to_json()
    status = sync.status()
    assert status.enrolled and status.registered and status.last_success_at is None
    (row,) = hq.branches()
    keys = KeyPair.load(keys_file.parent, CODE)
    assert row.enrolled_at is not None
    assert row.signing_key == keys.public.to_json()["signing"]
    assert "private" not in json.dumps(values)


def test_enroll_refuses_the_demo_branch(services: AppServices, tmp_path: Path) -> None:
    services.accounts.login("admin", "admin-demo-2026")
    enrollment = tmp_path / "DEMO.sanad-enroll.json"
    enrollment.write_text("{}", encoding="utf-8")
    before = meta(services)
    with pytest.raises(SyncError) as caught:
        SyncService(services.ctx).enroll(enrollment)
    assert caught.value.code is SyncErrorCode.DEMO_BRANCH
    assert "sanad init" in str(caught.value)
    assert meta(services) == before
    assert not (services.ctx.data_dir / "keys").exists()


@pytest.mark.parametrize(
    ("change", "expected", "words"),
    [
        ({"code": "BEN01"}, SyncErrorCode.WRONG_BRANCH, "BEN01"),
        ({"token": None}, SyncErrorCode.ENROLL_FILE, "token"),
        (
            {"hq": {"party": "HQ", "signing": "AAAA", "box": "AAAA"}},
            SyncErrorCode.ENROLL_FILE,
            "hq",
        ),
        ({"hq_url": "ftp://hq"}, SyncErrorCode.ENROLL_FILE, "hq_url"),
    ],
)
def test_enroll_refuses_a_bad_file_naming_it_and_changes_nothing(
    branch: AppServices,
    hq: HqService,
    tmp_path: Path,
    change: dict[str, Any],
    expected: SyncErrorCode,
    words: str,
) -> None:
    path = hq.add_branch(CODE, "فرع طرابلس", tmp_path, url="http://127.0.0.1:1")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    data = {k: v for k, v in data.items() if v is not None}
    path.write_text(json.dumps(data), encoding="utf-8")
    before = meta(branch)
    with pytest.raises(SyncError) as caught:
        SyncService(branch.ctx, fast_factory()).enroll(path)
    assert caught.value.code is expected
    assert words in str(caught.value) and (
        expected is not SyncErrorCode.ENROLL_FILE or path.name in str(caught.value)
    )
    assert meta(branch) == before


def test_enroll_without_network_writes_the_keys_file_for_usb(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    sync, _file = enroll(branch, hq, f"http://127.0.0.1:{free_port()}", tmp_path, keys_out=stick)
    keys_file = stick / f"{CODE}.sanad-keys.json"
    carried = json.loads(keys_file.read_text(encoding="utf-8"))
    assert set(carried) == {"code", "token", "identity"}  # public halves only
    assert sync.status().enrolled and not sync.status().registered
    # At HQ: `sanad hq branches keys FILE`, then the USB road works both ways.
    hq.register_keys(Registration.from_file(keys_file))
    register_people(branch, 1)
    (batch,) = sync.export(stick)
    (result,) = hq.import_files([batch])
    assert result.outcome == "applied" and result.receipt is not None
    sync.import_file(result.receipt)
    status = sync.status()
    assert status.registered and data_pending(branch) == 0
    # Only the round trip's own entries wait, and they are not the user's pending changes.
    assert trail(branch) == ["sync.export", "sync.import"]
    assert (status.pending_changes, status.unacked_batches) == (0, 0)
    assert sync.export(tmp_path / "again") == []  # nothing to carry: no new batch
    assert count(branch, OutgoingBatchRow) == 1
    assert trail(branch) == ["sync.export", "sync.import"]  # and nothing exported to audit


def test_enrolling_again_keeps_the_same_keys(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    sync, enrollment = enroll(branch, hq, server.url, tmp_path)  # offline: keys by file
    keys_file = branch.ctx.data_dir / "keys" / f"{CODE}.keys.json"
    first = keys_file.read_bytes()
    server.start()
    assert sync.enroll(enrollment).registered  # now HQ answers: the same keys registered
    assert keys_file.read_bytes() == first
    (row,) = hq.branches()
    assert row.signing_key == KeyPair.load(keys_file.parent, CODE).public.to_json()["signing"]


# -- USB --------------------------------------------------------------------------------------


def test_export_writes_a_batch_hq_can_verify(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    ids = register_people(branch, 2)
    pending = count(branch, OutboxRow)
    (path,) = sync.export(tmp_path / "usb")
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    sender = SenderStatus(keys.public, revoked=False)
    verified = verify_batch(
        path, me="HQ", sender_status=lambda s: sender if s == CODE else None,
        schema_known=lambda s: s == migrate.head_revision(),
    )  # fmt: skip
    lines = verified.changes(hq.keys)
    assert verified.manifest.kind is Kind.UP and verified.manifest.source == CODE
    assert (verified.manifest.seq_from, verified.manifest.seq_to) == (1, pending)
    assert {line["row_id"] for line in lines} >= set(ids)
    assert len(lines) == pending


def test_exporting_twice_without_changes_makes_no_new_batch(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    before = outbox_lines(branch)
    (first,) = sync.export(tmp_path / "one")
    assert batch_lines(branch, hq, first) == before
    export = (AUDIT_TABLE, "sync.export")
    assert outbox_lines(branch) == [*before, export]  # written once the batch was made
    pending = sync.status().pending_changes
    # The batch's changes count until HQ answers; the sync's own entries (enroll, export) not.
    assert pending == len(before) - 1 and before.count((AUDIT_TABLE, "sync.enroll")) == 1
    (again,) = sync.export(tmp_path / "two")  # the export's entry alone makes no batch
    assert first.name == again.name and first.read_bytes() == again.read_bytes()
    assert count(branch, OutgoingBatchRow) == 1
    assert outbox_lines(branch) == [*before, export, export]
    assert sync.status().pending_changes == pending
    register_people(branch, 2)  # a new change: a second batch, and the first goes again
    waiting = outbox_lines(branch)[len(batch_lines(branch, hq, first)) :]
    files = sync.export(tmp_path / "three")
    assert [f.name for f in files][:1] == [first.name] and len(files) == 2
    assert count(branch, OutgoingBatchRow) == 2
    # It carries both exports' entries first, then the new people.
    carried = batch_lines(branch, hq, files[1])
    assert carried == waiting and carried[:2] == [(AUDIT_TABLE, "sync.export")] * 2
    assert carried.count(("beneficiaries", None)) == 2


def test_a_lost_outgoing_file_is_written_again_with_the_same_content(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    register_people(branch, 1)
    (first,) = sync.export(tmp_path / "one")
    kept = branch.ctx.data_dir / "outgoing" / first.name
    kept.unlink()  # as if the machine died between recording the batch and writing its file
    (again,) = sync.export(tmp_path / "two")  # the first export's entry makes no batch
    assert again.name == first.name and kept.is_file()
    assert batch_lines(branch, hq, again) == batch_lines(branch, hq, first)
    assert count(branch, OutgoingBatchRow) == 1
    (one,) = hq.import_files([first])
    (two,) = hq.import_files([again])
    assert (one.outcome, two.outcome) == ("applied", "already_applied")


def test_the_answer_prunes_the_outbox_and_history_keeps_every_change(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    (pid,) = register_people(branch, 1)
    view = branch.beneficiaries.get(pid)
    branch.beneficiaries.update(
        pid, person(AHMED, address="حي الأندلس", national_number="119850123400",
                    phones=["0912345600"]),
        expected_version=view.row_version,
    )  # fmt: skip
    history = branch.beneficiaries.history(pid)
    changes = count(branch, OutboxRow)
    (batch,) = sync.export(tmp_path / "usb")
    (result,) = hq.import_files([batch])
    assert result.receipt is not None and hq.count_records(CODE) > 0
    imported = sync.import_file(result.receipt)
    assert imported.applied == 1 and imported.acked_upto == changes
    assert data_pending(branch) == 0 and count(branch, ChangeLogRow) == changes
    assert trail(branch) == ["sync.export", "sync.import"]  # the round trip's own entries
    assert branch.beneficiaries.history(pid) == history
    with branch.ctx.db.read() as session:  # the branch knows the version HQ gave the row
        local_version = session.scalar(
            select(BeneficiaryRow.hq_version).where(BeneficiaryRow.id == pid)
        )
    (central,) = hq.records(CODE)
    assert local_version is not None and local_version == central.hq_version
    status = sync.status()
    assert status.pending_changes == 0 and status.last_success_at is not None
    assert imported.pending_changes == 0
    assert sync.export(tmp_path / "usb2") == []  # nothing left to carry
    assert count(branch, OutgoingBatchRow) == 1
    again = sync.import_file(result.receipt)  # the same answer twice: nothing more happens
    assert (again.applied, again.skipped, again.pending_changes) == (0, 1, 0)
    assert trail(branch) == ["sync.export", "sync.import", "sync.import"]
    # After pruning, new changes get new numbers (never reused) and reach HQ as new changes,
    # with the sync's entries that waited for them, first.
    register_people(branch, 1)
    waiting = outbox_lines(branch)
    (second,) = sync.export(tmp_path / "usb3")
    carried = batch_lines(branch, hq, second)
    assert carried == waiting
    assert carried[:3] == [(AUDIT_TABLE, a) for a in ("sync.export", "sync.import", "sync.import")]
    assert ("beneficiaries", None) in carried
    (answer,) = hq.import_files([second])
    assert answer.outcome == "applied" and answer.applied == len(carried)
    # HQ holds the branch's audit log, in order, all but this last export's own entry.
    held, log = hq_audit(hq), branch_audit(branch)
    assert held == log[: len(held)] and [e[1] for e in log[len(held) :]] == ["sync.export"]
    assert_hq_chain_intact(hq, len(held))


def _down_batch(
    folder: Path, sender: KeyPair, branch_keys: KeyPair, destination: str, upto: int
) -> Path:
    """An answer that, if it were applied, would acknowledge (and prune) changes 1..upto."""
    line = {"seq": 1, "kind": "confirm", "seq_from": 1, "seq_to": upto, "hq_version": 7,
            "rejected": []}  # fmt: skip
    header = Header(
        kind=Kind.DOWN, schema=migrate.head_revision(), source="HQ", replica="x",
        destination=destination, seq_from=1, seq_to=1, ack_upto=upto, prev_hash=ZERO_HASH,
    )  # fmt: skip
    path, _ = write_batch(folder, header, encode_lines([line]), {"confirm": 1}, sender,
                          branch_keys.public)  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("flipped byte", None),
        ("truncated", RejectCode.TRUNCATED),
        ("signed by another HQ", RejectCode.BAD_SIGNATURE),
        ("for another branch", RejectCode.WRONG_DESTINATION),
        ("our own up-batch", RejectCode.UNKNOWN_SENDER),
        ("not a batch", RejectCode.NOT_A_BATCH),
    ],
)
def test_a_bad_answer_is_refused_and_changes_nothing(
    branch: AppServices, hq: HqService, tmp_path: Path, case: str, reason: RejectCode | None
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    upto = count(branch, OutboxRow)  # what the batch carries
    (up,) = sync.export(tmp_path / "usb")
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    good = _down_batch(tmp_path / "good", hq.keys, keys, CODE, upto)
    bad = tmp_path / "bad.receipt.sanad"
    data = bytearray(good.read_bytes())
    if case == "flipped byte":
        data[len(data) // 2] ^= 0x01
    elif case == "truncated":
        data = data[: len(data) - 40]
    elif case == "signed by another HQ":
        data = bytearray(
            _down_batch(tmp_path / "f", KeyPair.generate("HQ"), keys, CODE, upto).read_bytes()
        )
    elif case == "for another branch":
        data = bytearray(_down_batch(tmp_path / "w", hq.keys, keys, "BEN01", upto).read_bytes())
    elif case == "our own up-batch":
        data = bytearray(up.read_bytes())
    else:
        data = bytearray(b"not a zip file at all")
    bad.write_bytes(bytes(data))
    before = snapshot(branch)
    with pytest.raises(SyncError) as caught:
        sync.import_file(bad)
    assert caught.value.code is SyncErrorCode.BAD_ANSWER
    assert bad.name in str(caught.value)
    if reason is not None:
        assert caught.value.reason_code == reason
    assert snapshot(branch) == before
    sync.import_file(good)  # the genuine answer still applies: the refusal left no trace
    assert data_pending(branch) == 0
    assert trail(branch) == ["sync.export", "sync.import"]  # the refusal audited nothing


def test_an_answer_that_skips_an_earlier_one_is_refused(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    sync.export(tmp_path / "usb")
    keys = KeyPair.load(branch.ctx.data_dir / "keys", CODE)
    line = {"seq": 3, "kind": "confirm", "seq_from": 1, "seq_to": 1, "hq_version": 7,
            "rejected": []}  # fmt: skip
    header = Header(
        kind=Kind.DOWN, schema=migrate.head_revision(), source="HQ", replica="x",
        destination=CODE, seq_from=3, seq_to=3, ack_upto=1, prev_hash=ZERO_HASH,
    )  # fmt: skip
    late, _ = write_batch(tmp_path / "late", header, encode_lines([line]), {}, hq.keys,
                          keys.public)  # fmt: skip
    before = snapshot(branch)
    with pytest.raises(SyncError) as caught:
        sync.import_file(late)
    assert caught.value.code is SyncErrorCode.OUT_OF_ORDER and late.name in str(caught.value)
    assert snapshot(branch) == before


def test_export_to_an_unusable_folder_says_so(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    register_people(branch, 1)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(SyncError) as caught:
        sync.export(blocker / "usb")
    assert caught.value.code is SyncErrorCode.FOLDER and "not-a-folder" in str(caught.value)


# -- network ----------------------------------------------------------------------------------


def test_sync_now_sends_everything_and_applies_the_answer(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 3)
    changes = count(branch, OutboxRow)
    seen: list[Any] = []
    result = sync.sync_now(progress=seen.append)
    assert (result.sent_batches, result.sent_changes, result.acked_upto) == (1, changes, changes)
    assert data_pending(branch) == 0 and trail(branch) == ["sync.run"]
    assert result.pending_changes == 0  # that audit entry waits, but is not the user's change
    assert {r.id for r in hq.records(CODE)} == {h.id for h in branch.beneficiaries.search("")}
    assert len(hq.records(CODE)) == 3
    assert (seen[0].stage.name, seen[-1].stage.name) == ("PREPARING", "DONE")
    assert any(p.size and p.sent == p.size for p in seen)  # the upload reported its bytes
    assert sync.status().last_success_at is not None
    with branch.ctx.db.transaction(None) as session:
        session.merge(LocalMetaRow(key="sync.last_success_at", value="2026-01-01T00:00:00"))
    held = hq_audit(hq)
    # Nothing new (the last run's entry alone makes no batch): a poll, still a successful contact.
    again = sync.sync_now()
    assert (again.sent_batches, again.sent_changes, again.acked_upto) == (0, 0, changes)
    assert again.pending_changes == 0 and trail(branch) == ["sync.run", "sync.run"]
    assert count(branch, OutgoingBatchRow) == 1 and hq_audit(hq) == held
    assert "sync.run" not in [e[1] for e in held]
    last = sync.status().last_success_at
    assert last is not None and last.year >= 2026 and last.month + last.day > 2
    assert not list((branch.ctx.data_dir / "outgoing").glob("*.sanad"))


def test_a_branch_that_only_syncs_makes_no_batches_until_a_real_change(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    """The sync's own audit entries never make a batch alone: syncing again and again with
    nothing new leaves them waiting (not counted as pending), and the next real change
    carries them all to HQ, in order, the chain intact."""
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    synced = sync.sync_now()
    ((first, seq_from, seq_to),) = batches(branch)
    assert (synced.sent_batches, seq_from, synced.acked_upto) == (1, 1, seq_to)
    runs = [sync.sync_now() for _ in range(3)]  # three in a row, nothing new
    assert [(r.sent_batches, r.acked_upto, r.pending_changes) for r in runs] == [(0, seq_to, 0)] * 3
    assert batches(branch) == [(first, seq_from, seq_to)]  # no new batch after the first
    assert outbox_lines(branch) == [(AUDIT_TABLE, "sync.run")] * 4  # nothing but the sync's own
    status = sync.status()
    assert (status.pending_changes, status.unacked_batches) == (0, 0)
    held, log = hq_audit(hq), branch_audit(branch)
    assert held == log[: len(held)] and [e[1] for e in log[len(held) :]] == ["sync.run"] * 4
    with hq.engine.connect() as conn:
        assert conn.execute(select(HqBatchRow.batch_id)).scalars().all() == [first]

    # One real change: the next batch carries it and every waiting entry.
    branch.beneficiaries.register(
        person(AHMED, first_name="سالم", mother_name="مبروكة سالم", birth_date="1971-05-02",
               national_number="119710000999", phones=["0912000999"])
    )  # fmt: skip
    waiting = outbox_lines(branch)
    assert waiting[:4] == [(AUDIT_TABLE, "sync.run")] * 4 and ("beneficiaries", None) in waiting
    result = sync.sync_now()
    assert (result.sent_batches, result.sent_changes) == (1, len(waiting))
    assert result.pending_changes == 0 and result.acked_upto == seq_to + len(waiting)
    assert batches(branch)[1][1:] == (seq_to + 1, seq_to + len(waiting))
    assert outbox_lines(branch) == [(AUDIT_TABLE, "sync.run")]  # this run's own, waiting
    # HQ's copy of the audit log is the branch's, entry for entry, but for that last one.
    log = branch_audit(branch)
    assert hq_audit(hq) == log[:-1] and log[-1][1] == "sync.run"
    assert [e[1] for e in log[:-1]].count("sync.run") == 4
    assert_hq_chain_intact(hq, len(log) - 1)
    with hq.engine.connect() as conn:
        applied = conn.execute(
            select(HqBatchRow.seq_from, HqBatchRow.seq_to, HqBatchRow.status)
            .where(HqBatchRow.branch == CODE)
            .order_by(HqBatchRow.seq_from)
        ).all()  # fmt: skip
    assert [tuple(r) for r in applied] == [
        (1, seq_to, "applied"), (seq_to + 1, seq_to + len(waiting), "applied")
    ]  # fmt: skip


def test_hq_down_is_recorded_nothing_is_lost_and_a_later_sync_succeeds(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    sync, _ = enroll(branch, hq, server.url, tmp_path)  # HQ not started: keys go by file
    hq.register_keys(Registration.from_file(tmp_path / f"{CODE}.sanad-keys.json"))
    register_people(branch, 2)
    changes = count(branch, OutboxRow)
    with pytest.raises(SyncError) as caught:
        sync.sync_now()
    assert caught.value.code is SyncErrorCode.HQ_DOWN
    status = sync.status()
    assert status.last_error == "hq_down" and status.last_error_at is not None
    # Every change waits; the enrollment's own audit entry is not counted as one.
    assert trail(branch).count("sync.enroll") == 1
    assert status.pending_changes == changes - 1 and status.unacked_batches == 1
    server.start()
    result = sync.sync_now()
    assert result.acked_upto == changes and data_pending(branch) == 0
    assert trail(branch) == ["sync.run"]  # the failed attempt audited nothing
    status = sync.status()
    assert status.last_error == "" and status.last_success_at is not None
    assert (result.pending_changes, status.pending_changes, status.unacked_batches) == (0, 0, 0)
    with hq.engine.connect() as conn:
        applied = conn.execute(
            select(func.count()).select_from(HqBatchRow).where(HqBatchRow.status == "applied")
        ).scalar()
    assert applied == 1


class LoseFirstAnswer(httpx.BaseTransport):
    """Delivers each request to HQ, but the first answer to a batch is lost on the way back."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.bodies: list[bytes] = []

    def close(self) -> None:
        self.inner.close()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        response = self.inner.handle_request(request)
        if request.url.path == "/v1/batches":
            self.bodies.append(body)
            if len(self.bodies) == 1:
                response.read()
                response.close()
                raise httpx.ReadTimeout("the answer was lost", request=request)
        return response


def test_a_lost_answer_is_retried_with_the_same_bytes_and_applied_once(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 2)
    changes = count(branch, OutboxRow)
    transport = LoseFirstAnswer()
    result = SyncService(branch.ctx, fast_factory(transport)).sync_now()
    assert len(transport.bodies) == 2 and transport.bodies[0] == transport.bodies[1]
    assert result.acked_upto == changes and data_pending(branch) == 0
    assert trail(branch) == ["sync.run"]
    (state,) = hq.status()
    assert state.last_seq == changes
    with hq.engine.connect() as conn:
        batches = conn.execute(select(HqBatchRow.status)).scalars().all()
    assert batches == ["applied"]


def test_a_timeout_is_recorded_and_the_same_batch_goes_next_time(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sent: list[bytes] = []

    def stalled(request: httpx.Request) -> httpx.Response:
        sent.append(request.read())
        raise httpx.ReadTimeout("no answer", request=request)

    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    slow = SyncService(branch.ctx, fast_factory(httpx.MockTransport(stalled)))
    with pytest.raises(SyncError) as caught:
        slow.sync_now()
    assert caught.value.code is SyncErrorCode.TIMEOUT and len(sent) == FAST.attempts
    assert sync.status().last_error == "timeout"
    resend: list[bytes] = []

    class Spy(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/v1/batches":
                resend.append(request.read())
            return super().handle_request(request)

    SyncService(branch.ctx, fast_factory(Spy())).sync_now()
    assert resend[0] == sent[0]  # the very same file, byte for byte
    assert data_pending(branch) == 0 and trail(branch) == ["sync.run"]


def test_a_revoked_branch_is_told_why_and_keeps_its_changes(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    hq.revoke(CODE)
    before = count(branch, OutboxRow)
    with pytest.raises(SyncError) as caught:
        sync.sync_now()
    assert (caught.value.code, caught.value.reason_code) == (SyncErrorCode.REJECTED, "revoked")
    status = sync.status()
    assert (status.last_error, status.last_error_reason) == ("rejected", "revoked")
    assert count(branch, OutboxRow) == before


def test_sync_needs_enrollment_and_never_runs_on_the_demo_branch(
    worker: AppServices, branch: AppServices, tmp_path: Path
) -> None:
    with pytest.raises(SyncError) as demo:
        SyncService(worker.ctx).sync_now()
    assert demo.value.code is SyncErrorCode.DEMO_BRANCH
    with pytest.raises(SyncError) as not_enrolled:
        SyncService(branch.ctx).export(tmp_path)
    assert not_enrolled.value.code is SyncErrorCode.NOT_ENROLLED


def test_cancel_stops_before_sending(
    branch: AppServices, hq: HqService, server: HqServer, tmp_path: Path
) -> None:
    server.start()
    sync, _ = enroll(branch, hq, server.url, tmp_path)
    register_people(branch, 1)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(SyncError) as caught:
        sync.sync_now(cancel=cancel)
    assert caught.value.code is SyncErrorCode.CANCELLED
    assert sync.status().last_error == ""  # not a failure to report
    assert trail(branch)[-1] != "sync.run"  # the cancelled run audited nothing
    assert sync.sync_now().pending_changes == 0  # all sent (this run's entry waits)
    assert data_pending(branch) == 0 and trail(branch) == ["sync.run"]


# -- the HTTP client --------------------------------------------------------------------------


def _client(handler: Callable[[httpx.Request], httpx.Response], sleeps: list[float]) -> HqClient:
    return HqClient(
        "http://hq.test", policy=RetryPolicy(attempts=4, base_delay=0.5, max_delay=1.5),
        transport=httpx.MockTransport(handler), sleep=sleeps.append, rand=lambda: 1.0,
    )  # fmt: skip


ANSWER = b"PK\x03\x04 an answer"


def test_the_client_retries_connection_errors_and_5xx_with_backoff() -> None:
    bodies: list[bytes] = []
    sleeps: list[float] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        bodies.append(request.read())
        if len(bodies) == 1:
            raise httpx.ConnectError("connection refused", request=request)
        if len(bodies) == 2:
            return httpx.Response(503, json={"code": "unavailable", "reason": "busy"})
        if len(bodies) == 3:
            raise httpx.ReadTimeout("slow", request=request)
        return httpx.Response(200, content=ANSWER)

    client = _client(flaky, sleeps)
    assert client.post_batch(b"the batch") == ANSWER
    assert bodies == [b"the batch"] * 4 and client.attempts_made == 4
    assert sleeps == [0.5, 1.0, 1.5]  # doubling, capped (rand=1.0: the top of the jitter)


def test_the_client_jitters_its_waits() -> None:
    policy = RetryPolicy(attempts=5, base_delay=1.0, max_delay=30.0)
    assert policy.delay(2, 0.0) == 2.0 and policy.delay(2, 1.0) == 4.0
    assert 2.0 < policy.delay(2, 0.5) < 4.0


def test_the_client_gives_up_after_its_attempts_with_the_last_reason() -> None:
    sleeps: list[float] = []

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    client = _client(down, sleeps)
    with pytest.raises(TransportError) as caught:
        client.post_batch(b"x")
    assert caught.value.code is TransportCode.TIMEOUT and caught.value.attempts == 4
    assert len(sleeps) == 3


def test_the_client_never_retries_a_refusal() -> None:
    calls: list[int] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(403, json={"code": "revoked", "reason": "branch TRP01 was revoked"})

    with pytest.raises(TransportError) as caught:
        _client(refuse, []).post_batch(b"x")
    err = caught.value
    assert (err.code, err.hq_code, err.status, len(calls)) == (
        TransportCode.REJECTED, "revoked", 403, 1,
    )  # fmt: skip
    assert "revoked" in err.reason


def test_the_client_refuses_an_answer_that_is_not_a_batch() -> None:
    with pytest.raises(TransportError) as caught:
        _client(lambda r: httpx.Response(200, text="<html>proxy login</html>"), []).post_batch(b"x")
    assert caught.value.code is TransportCode.BAD_ANSWER


def test_the_client_stops_waiting_when_cancelled() -> None:
    cancel = threading.Event()

    def down(request: httpx.Request) -> httpx.Response:
        cancel.set()  # the user presses Cancel while HQ is down
        raise httpx.ConnectError("refused", request=request)

    client = HqClient("http://hq.test", transport=httpx.MockTransport(down))
    started = time.monotonic()
    with pytest.raises(TransportError) as caught:
        client.post_batch(b"x", cancel=cancel)
    assert caught.value.code is TransportCode.CANCELLED and time.monotonic() - started < 1


def test_connection_refused_reads_as_hq_down_and_no_route_as_offline() -> None:
    closed = HqClient(f"http://127.0.0.1:{free_port()}", policy=RetryPolicy(attempts=1))
    with pytest.raises(TransportError) as refused:
        closed.post_batch(b"x")
    assert refused.value.code is TransportCode.HQ_DOWN

    def no_route(request: httpx.Request) -> httpx.Response:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as err:
            raise httpx.ConnectError(str(err), request=request) from err

    with pytest.raises(TransportError) as offline:
        _client(no_route, []).post_batch(b"x")
    assert offline.value.code is TransportCode.OFFLINE


# -- the command line -------------------------------------------------------------------------


def test_cli_sync_prints_what_happened_and_errors_in_one_line(
    branch: AppServices,
    hq: HqService,
    server: HqServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.cli import main

    monkeypatch.setattr("app.sync.http_client.DEFAULT_POLICY", FAST)

    data_dir = str(branch.ctx.data_dir)
    enrollment = hq.add_branch(CODE, "فرع طرابلس", tmp_path, url=server.url)
    assert (
        main(
            ["--data-dir", data_dir, "enroll", str(enrollment), "--keys-out", str(tmp_path / "usb")]
        )
        == 0
    )
    assert "carry" in capsys.readouterr().out  # HQ not started: the keys go by USB
    hq.register_keys(Registration.from_file(tmp_path / "usb" / f"{CODE}.sanad-keys.json"))
    register_people(branch, 1)
    assert main(["--data-dir", data_dir, "sync"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sanad: ") and "not answering" in err and "Traceback" not in err
    assert main(["--data-dir", data_dir, "sync", "export", "--to", str(tmp_path / "usb")]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and ".sanad" in out
    server.start()
    assert main(["--data-dir", data_dir, "sync"]) == 0
    out = capsys.readouterr().out
    # The exported batch (the export's own audit entry makes none); this run's entry waits.
    assert "sent 1 batch(es)" in out and "0 change(s) pending" in out
    assert data_pending(branch) == 0 and trail(branch) == ["sync.export", "sync.run"]
    assert main(["--data-dir", data_dir, "sync", "status"]) == 0
    assert "pending changes:   0" in capsys.readouterr().out
    assert main(["--data-dir", data_dir, "sync", "import", str(tmp_path / "nothing.sanad")]) == 2
    assert "nothing.sanad" in capsys.readouterr().err


def test_private_key_files_are_not_world_readable(
    branch: AppServices, hq: HqService, tmp_path: Path
) -> None:
    enroll(branch, hq, "http://127.0.0.1:1", tmp_path)
    for path in (branch.ctx.data_dir / "keys").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
