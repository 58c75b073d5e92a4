"""The change lines of an up-batch, built by SQLite (app/sync/outbox_export.py), are byte for
byte the lines the Python encoding built before: random rows with any text in their fields
(quotes, backslashes, control characters, NUL, Arabic, emoji, line separators), rows stored in
ways the app does not store them, fetch boundaries anywhere, the outbox and the change log."""

from __future__ import annotations

import hashlib
import heapq
import random
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
import zstandard
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db.capture import changes_json
from app.db.engine import make_engine, sqlite_url
from app.db.models import Base, OutboxRow
from app.db.sync_models import ChangeLogRow
from app.sync import outbox_export
from app.sync.outbox_export import _encoded_lines, encoded_history, line_text
from app.sync.payload_stream import compress_and_hash

pytestmark = pytest.mark.sync
Model = type[OutboxRow] | type[ChangeLogRow]

_PLAIN = "abcXYZ 019-_.:/"
_HARD = '"\\\x00\x01\x08\t\n\x0b\x0c\r\x1b\x1f\x7f\u0085\u00a0\u2028\u2029\ufeff\ufffd'
_WIDE = "محمدعلىأإآةيءؤ\u064e\u0651ﻷ😀𝔸中"
_TABLES = ("beneficiaries", "beneficiary_identifiers", "beneficiary_phones", "audit_log")


def _text(rng: random.Random, longest: int = 12) -> str:
    pool = rng.choice((_PLAIN, _PLAIN + _HARD, _PLAIN + _WIDE, _HARD + _WIDE))
    return "".join(rng.choice(pool) for _ in range(rng.randint(0, longest)))


def _value(rng: random.Random) -> Any:
    kind = rng.randrange(7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.randint(-(2**53), 2**53)
    if kind == 2:
        return rng.random() < 0.5
    if kind == 3:
        return rng.uniform(-1e6, 1e6)
    if kind == 4:
        return [_text(rng, 4), rng.randint(0, 9)]
    return _text(rng, 40)


def _changes(rng: random.Random) -> str:
    fields = {_text(rng, 6) or "x": [_value(rng), _value(rng)] for _ in range(rng.randint(0, 6))}
    return changes_json(fields)  # what change capture stores


def _row(rng: random.Random, seq: int) -> dict[str, Any]:
    weird = rng.random() < 0.3
    return {
        "seq": seq,
        "table_name": _text(rng) if weird else rng.choice(_TABLES),
        "row_id": _text(rng, 36) if weird else f"0193{rng.getrandbits(112):028x}",
        "op": rng.choice(("insert", "update", "delete")),
        "changes": _changes(rng),
        "row_version": rng.randint(1, 2**40),
        "base_hq_version": None if rng.random() < 0.5 else rng.randint(0, 2**40),
        "user_id": _text(rng, 36) if weird else f"0193{rng.getrandbits(112):028x}",
        "changed_at": datetime(2020, 1, 1)
        + timedelta(
            seconds=rng.randint(0, 10**9), microseconds=rng.choice((0, rng.randint(1, 999_999)))
        ),
    }


# Rows stored as the app never stores them: built in Python (`line_text`), still identical.
_ODD_ROWS = (
    {"changed_at": "2026-12-07 23:51:22"},  # no microseconds
    {"changed_at": "2026-12-07T23:51:22.123456"},  # ISO with a T
    {"changed_at": "2026-12-07 23:51:22.5"},  # fewer digits
    {"row_version": 2.5},
    {"base_hq_version": 7.25},
    {"op": "merge"},
    {"op": 'in"sert'},
    {"op": "ins\x00ert"},  # SQLite's format() would stop at the NUL
)


def _fill(engine: Engine, model: Model, seqs: list[int], rng: random.Random) -> None:
    with Session(engine) as session, session.begin():
        session.add_all(model(**_row(rng, seq)) for seq in seqs)
    # a few rows written past SQLAlchemy, with odd stored values
    odd = rng.sample(seqs, min(len(_ODD_ROWS), len(seqs) // 10))
    with engine.begin() as conn:
        for seq, change in zip(odd, _ODD_ROWS, strict=False):
            row = _row(rng, seq) | change
            conn.execute(model.__table__.delete().where(model.__table__.c.seq == seq))  # type: ignore[attr-defined]
            conn.exec_driver_sql(
                f"INSERT INTO {model.__tablename__} (seq, table_name, row_id, op, changes,"
                " row_version, base_hq_version, user_id, changed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row["seq"], row["table_name"], row["row_id"], row["op"], row["changes"],
                    row["row_version"], row["base_hq_version"], row["user_id"],
                    f"{row['changed_at']:%Y-%m-%d %H:%M:%S.%f}"
                    if isinstance(row["changed_at"], datetime)
                    else row["changed_at"],
                ),
            )  # fmt: skip


def old_encoded(
    session: Session, model: Model, seq_from: int, seq_to: int, origin: str
) -> Iterator[tuple[int, bytes]]:
    """The encoding before SQLite built the lines (commit 2f3e81f), verbatim."""
    rows = session.execute(
        select(
            model.seq, model.table_name, model.row_id, model.op,
            model.changes, model.row_version, model.base_hq_version,
            model.user_id, model.changed_at,
        )
        .where(model.seq >= seq_from, model.seq <= seq_to)
        .order_by(model.seq)
        .execution_options(yield_per=10_000)
    )  # fmt: skip
    origin_json = orjson.dumps(origin).decode()
    for seq, table, row_id, op, changes, version, base, user, at in rows:
        yield (
            seq,
            (
                f'{{"seq":{seq},"table":{orjson.dumps(table).decode()},'
                f'"row_id":{orjson.dumps(row_id).decode()},"op":"{op}","changes":{changes},'
                f'"row_version":{version},"base_hq_version":{"null" if base is None else base},'
                f'"user_id":{orjson.dumps(user).decode()},'
                f'"changed_at":"{at.isoformat(timespec="microseconds")}","origin":{origin_json}}}\n'
            ).encode(),
        )


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "lines.db"))
    Base.metadata.create_all(engine, tables=[OutboxRow.__table__, ChangeLogRow.__table__])  # type: ignore[list-item]
    yield engine
    engine.dispose()


@pytest.mark.parametrize("seed", range(6))
def test_sqlite_lines_equal_the_python_encoding(
    engine: Engine, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    seqs = sorted(rng.sample(range(1, 3_000), 600))  # with gaps
    _fill(engine, OutboxRow, seqs, rng)
    monkeypatch.setattr(outbox_export, "_PIECE", rng.choice((1, 7, 64, 2_000)))
    origin = rng.choice(("B01", 'فرع "1"\\\x00', _text(rng)))
    with Session(engine) as session:
        for lo, hi in ((1, 3_000), (seqs[0], seqs[0]), (seqs[100], seqs[400]), (5_000, 6_000)):
            new = b"".join(_encoded_lines(session, lo, hi, origin))
            old = b"".join(line for _seq, line in old_encoded(session, OutboxRow, lo, hi, origin))
            assert new == old
        assert new == b""  # an empty range: no line
        every = b"".join(_encoded_lines(session, 1, 3_000, origin)).split(b"\n")
        assert every.pop() == b""  # each line ends with its newline
        assert [int(x[len(b'{"seq":') : x.index(b",")]) for x in every] == seqs


def test_every_odd_row_falls_back_to_python(engine: Engine) -> None:
    rng = random.Random(99)
    _fill(engine, OutboxRow, list(range(1, 101)), rng)
    with Session(engine) as session:
        cursor = session.connection().connection.cursor()
        cursor.execute(outbox_export._LINE_SQL.replace('"{}"', "outbox"), ('"B"', 1, 100))
        left_out = [seq for seq, line in cursor.fetchall() if line is None]
        assert len(left_out) == len(_ODD_ROWS)  # SQLite builds the rest, Python these
        new = b"".join(_encoded_lines(session, 1, 100, "B"))
        assert new == b"".join(line for _s, line in old_encoded(session, OutboxRow, 1, 100, "B"))


def test_history_merges_log_and_outbox_as_before(engine: Engine) -> None:
    rng = random.Random(5)
    seqs = list(range(1, 401))
    rng.shuffle(seqs)
    _fill(engine, ChangeLogRow, sorted(seqs[:250]), rng)
    _fill(engine, OutboxRow, sorted(seqs[250:]), rng)
    with Session(engine) as session:
        for lo, hi in ((1, 400), (37, 301)):
            new = list(encoded_history(session, lo, hi, "B2"))
            logged = old_encoded(session, ChangeLogRow, lo, hi, "B2")
            pending = old_encoded(session, OutboxRow, lo, hi, "B2")
            assert new == list(heapq.merge(logged, pending, key=lambda pair: pair[0]))
            assert [seq for seq, _line in new] == list(range(lo, hi + 1))


def test_line_text_is_the_python_encoding() -> None:
    at = datetime(2026, 1, 2, 3, 4, 5)
    line = line_text(3, 't"', "r\n", "insert", '{"a":[null,1]}', 2, None, "u", at, '"O"')
    assert orjson.loads(line) == {
        "seq": 3, "table": 't"', "row_id": "r\n", "op": "insert", "changes": {"a": [None, 1]},
        "row_version": 2, "base_hq_version": None, "user_id": "u",
        "changed_at": "2026-01-02T03:04:05.000000", "origin": "O",
    }  # fmt: skip


# -- compressing and hashing on a second thread --------------------------------------------


def test_pieces_compress_and_hash_as_their_concatenation() -> None:
    rng = random.Random(3)
    pieces = [rng.randbytes(rng.randint(0, 50_000)) * rng.randint(1, 3) for _ in range(40)]
    compressed, digest = compress_and_hash(iter(pieces), level=3)
    content = b"".join(pieces)
    assert digest == hashlib.sha256(content).hexdigest()
    assert zstandard.ZstdDecompressor().stream_reader(compressed).read() == content
    assert compress_and_hash([], level=3)[1] == hashlib.sha256(b"").hexdigest()


def test_a_failing_producer_stops_the_worker() -> None:
    def pieces() -> Iterator[bytes]:
        for i in range(20):
            if i == 13:
                raise OSError("disk gone")
            yield bytes(100_000)

    before = threading.active_count()
    with pytest.raises(OSError, match="disk gone"):
        compress_and_hash(pieces(), level=3)
    assert threading.active_count() == before
