"""HQ applies a batch chunk by chunk (app/sync/batch_stream.py, app/sync/merge_stream.py), in
ONE transaction: exactly once across chunk boundaries (a row inserted in one chunk and changed
in the next, a re-import a replay), a batch found wrong in its last chunk leaves nothing
applied, and a process SIGKILLed between chunks leaves nothing applied, its re-import applying
everything exactly once. On SQLite and PostgreSQL (the writer thread's path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Connection

from app.db.models import BeneficiaryRow as Beneficiary
from app.db.sync_models import HqBatchRow, HqLedgerRow
from app.hq.service import HqService
from app.sync import batch_stream, merge_stream
from app.sync.batch_file import encode_lines
from app.sync.change_digest import digests
from tests.hq.branch_side import Branch, hand_made, person_line
from tests.hq.test_replays import everything
from tests.sync import killer

pytestmark = [pytest.mark.db, pytest.mark.sync]

CHUNK = 4
LINES = 2 * CHUNK + 1  # three chunks, the last of one line


def renamed(seq: int, person: int, family: str) -> dict[str, Any]:
    """An update of person `person` (inserted by `person_line`) changing its family name."""
    inserted = person_line(0, "TRP01", person)
    old = inserted["changes"]["family_name"][1]
    return {
        **inserted, "seq": seq, "op": "update", "row_version": 2,
        "changes": {"family_name": [old, family]},
    }  # fmt: skip


def crossing_lines() -> list[dict[str, Any]]:
    """9 lines: people 1-7, person 1 renamed in the 2nd chunk, person 5 in the 3rd."""
    lines = [person_line(s, "TRP01", s) for s in range(1, 6)]
    lines.append(renamed(6, 1, "الجديد"))
    lines += [person_line(7, "TRP01", 7), person_line(8, "TRP01", 8)]
    lines.append(renamed(9, 5, "الأخير"))
    assert len(lines) == LINES
    return lines


def _scalar(conn: Connection, stmt: Any) -> Any:
    return conn.execute(stmt).scalar()


def people(hq: HqService) -> dict[str, str]:
    with hq.engine.connect() as conn:
        rows = conn.execute(select(Beneficiary.person_number, Beneficiary.family_name))
        return {str(number): str(family) for number, family in rows}


def ledger_seq(hq: HqService) -> int:
    with hq.engine.connect() as conn:
        seq = _scalar(conn, select(HqLedgerRow.last_seq).where(HqLedgerRow.branch == "TRP01"))
        return int(seq or 0)


def test_a_batch_applies_exactly_once_across_chunk_boundaries(
    hq: HqService, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_stream, "CHUNK_LINES", CHUNK)
    written: list[int] = []
    monkeypatch.setattr(merge_stream, "chunk_written", written.append)
    lines = crossing_lines()
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=LINES, lines=lines)  # fmt: skip

    [result] = hq.import_files([path])

    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", LINES, 0)
    assert written == [1, 2, 3]
    held = people(hq)
    assert len(held) == 7
    assert held["TRP01-P-000001"] == "الجديد" and held["TRP01-P-000005"] == "الأخير"
    assert held["TRP01-P-000008"] == "القماطي8"
    assert ledger_seq(hq) == LINES
    with hq.engine.connect() as conn:
        kept = _scalar(conn, select(HqBatchRow.digests).where(HqBatchRow.seq_to == LINES))
    assert kept == digests(list(encode_lines(lines)))  # every chunk's, in order

    before = everything(hq)
    [again] = hq.import_files([path])
    assert (again.outcome, again.applied) == ("already_applied", 0)
    assert everything(hq) == before


def test_a_batch_wrong_in_its_last_chunk_leaves_nothing_applied(
    hq: HqService, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_stream, "CHUNK_LINES", CHUNK)
    written: list[int] = []
    monkeypatch.setattr(merge_stream, "chunk_written", written.append)
    lines = crossing_lines()
    lines[-1] = {**lines[-1], "seq": LINES + 1}  # the last line's number is not the manifest's
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=LINES, lines=lines)  # fmt: skip

    [result] = hq.import_files([path])

    assert (result.outcome, result.code) == ("rejected", "content")
    assert written[:1] == [1]  # chunks were written before the last one was read
    assert people(hq) == {} and ledger_seq(hq) == 0


def chunked_import(
    conn: Any, point: killer.DieAt | None, chunk: int, hq_dir: str, db_url: str, paths: list[str]
) -> None:
    """`sanad hq import` in a child, applying `chunk` lines at a time."""
    batch_stream.CHUNK_LINES = chunk
    killer.hq_import(conn, point, hq_dir, db_url, paths)


def test_a_kill_between_chunks_leaves_nothing_and_the_reimport_applies_all_once(
    hq: HqService, branch: Branch
) -> None:
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=LINES, lines=crossing_lines())  # fmt: skip
    url = hq.engine.url.render_as_string(hide_password=False)
    before = everything(hq)

    after_first_chunk = killer.DieAt((("chunk", "after"),), 1)
    run = killer.run_step(
        chunked_import, CHUNK, str(hq.home.root), url, [str(path)], die_at=after_first_chunk
    )

    assert run.killed
    engine = create_engine(url)  # a fresh look, as another process sees the database
    with engine.connect() as conn:
        assert _scalar(conn, select(func.count()).select_from(Beneficiary)) == 0
    engine.dispose()
    assert everything(hq) == before

    again = killer.run_step(chunked_import, CHUNK, str(hq.home.root), url, [str(path)])
    assert not again.killed and again.answer[0][1] == "applied", again.answer
    assert len(people(hq)) == 7 and ledger_seq(hq) == LINES
    [replay] = hq.import_files([Path(path)])
    assert (replay.outcome, replay.applied) == ("already_applied", 0)
    assert len(people(hq)) == 7


def test_an_id_holding_a_nul_is_refused_and_the_rest_applies(
    hq: HqService, branch: Branch, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_stream, "CHUNK_LINES", CHUNK)
    lines = crossing_lines()
    lines[2] = {**lines[2], "row_id": "bad\x00id"}  # no database text may hold it
    lines[6] = renamed(7, 7, "x")  # an update of a row HQ does not have (nor the batch)
    lines[6]["row_id"] = "other\x00id"
    path = hand_made(branch.usb, branch.keys, hq.identity, source="TRP01", seq_from=1,
                     seq_to=LINES, lines=lines)  # fmt: skip

    [result] = hq.import_files([path])

    outcome = (result.outcome, result.applied, result.rejected_rows)
    assert outcome == ("applied", LINES - 2, 2), result.reason
    assert len(people(hq)) == 5  # people 3 and 7 refused
