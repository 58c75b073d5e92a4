"""Tampering with the branch's audit log in the SQLite file itself is found: one field of one
entry changed (even with its hash recomputed), an entry deleted, two entries swapped. Both
`AuditLogService.verify()` and `sanad audit verify` name the first broken entry (exit 1); an
intact log passes (exit 0).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

import pytest

from app.cli import main
from app.db.audit import GENESIS, entry_hash
from app.services.setup import DB_FILE, AppServices
from tests.services.people import AHMED, numbered

pytestmark = pytest.mark.db

COLUMNS = "id, at, user_id, action, entity, entity_id, details, prev_hash, hash"
Tamper = Callable[[sqlite3.Connection, list[int]], int]  # -> the seq that must be named


@pytest.fixture
def logged(worker: AppServices) -> AppServices:
    """A branch with a dozen audit entries or so: accounts, logins, people, edits."""
    ids = [worker.beneficiaries.register(numbered(i)).id for i in range(3)]
    view = worker.beneficiaries.register(AHMED)
    worker.beneficiaries.update(view.id, AHMED, view.row_version)
    worker.accounts.logout()
    worker.accounts.login("supervisor", "supervisor-demo-2026")
    worker.beneficiaries.get(ids[0])
    return worker


def connect(services: AppServices) -> sqlite3.Connection:
    return sqlite3.connect(services.ctx.data_dir / DB_FILE)


def seqs(conn: sqlite3.Connection) -> list[int]:
    return [s for (s,) in conn.execute("SELECT seq FROM audit_log ORDER BY seq")]


def change_details(conn: sqlite3.Connection, all_seqs: list[int]) -> int:
    target = all_seqs[len(all_seqs) // 2]
    conn.execute("UPDATE audit_log SET details = '{\"count\":999}' WHERE seq = ?", (target,))
    return target


def change_user(conn: sqlite3.Connection, all_seqs: list[int]) -> int:
    target = all_seqs[3]
    conn.execute("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = ?", (target,))
    return target


def change_time(conn: sqlite3.Connection, all_seqs: list[int]) -> int:
    target = all_seqs[-2]
    conn.execute("UPDATE audit_log SET at = '2020-01-01 00:00:00.000000' WHERE seq = ?", (target,))
    return target


def change_action_and_rehash(conn: sqlite3.Connection, all_seqs: list[int]) -> int:
    """A careful forger recomputes the entry's own hash: the next entry's link breaks."""
    target = all_seqs[4]
    row = conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq = ?", (target,)).fetchone()
    entry_id, at, user_id, _action, entity, entity_id, details, prev_hash, _hash = row
    forged = entry_hash(
        prev_hash, entry_id, datetime.fromisoformat(at), user_id, "logout", entity, entity_id,
        details,
    )  # fmt: skip
    conn.execute("UPDATE audit_log SET action = 'logout', hash = ? WHERE seq = ?", (forged, target))
    return all_seqs[5]


def delete_one(conn: sqlite3.Connection, all_seqs: list[int]) -> int:
    conn.execute("DELETE FROM audit_log WHERE seq = ?", (all_seqs[2],))
    return all_seqs[3]


def delete_the_first(conn: sqlite3.Connection, all_seqs: list[int]) -> int:
    conn.execute("DELETE FROM audit_log WHERE seq = ?", (all_seqs[0],))
    return all_seqs[1]  # the chain must start from the genesis hash


def swap(distance: int) -> Tamper:
    def swap_two(conn: sqlite3.Connection, all_seqs: list[int]) -> int:
        a, b = all_seqs[3], all_seqs[3 + distance]
        rows = {
            s: conn.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq = ?", (s,)).fetchone()
            for s in (a, b)
        }
        conn.execute("UPDATE audit_log SET id = id || '-' WHERE seq IN (?, ?)", (a, b))
        sets = ", ".join(f"{c.strip()} = ?" for c in COLUMNS.split(","))
        conn.execute(f"UPDATE audit_log SET {sets} WHERE seq = ?", (*rows[b], a))
        conn.execute(f"UPDATE audit_log SET {sets} WHERE seq = ?", (*rows[a], b))
        return a

    swap_two.__name__ = f"swap_two_{distance}_apart"
    return swap_two


TAMPERS: list[Tamper] = [
    change_details,
    change_user,
    change_time,
    change_action_and_rehash,
    delete_one,
    delete_the_first,
    swap(1),
    swap(3),
]


def test_an_intact_log_verifies(logged: AppServices, capsys: pytest.CaptureFixture[str]) -> None:
    check = logged.audit_log.verify()
    with connect(logged) as conn:
        count = len(seqs(conn))
        first = conn.execute("SELECT prev_hash FROM audit_log ORDER BY seq LIMIT 1").fetchone()
    conn.close()
    assert check.intact and check.first_broken is None and check.entries == count >= 10
    assert first == (GENESIS,)
    assert main(["--data-dir", str(logged.ctx.data_dir), "audit", "verify"]) == 0
    out, err = capsys.readouterr()
    assert f"intact: {count} entries" in out and err == ""


@pytest.mark.parametrize("tamper", TAMPERS, ids=lambda t: t.__name__)
def test_tampering_names_the_first_broken_entry(
    logged: AppServices, tamper: Tamper, capsys: pytest.CaptureFixture[str]
) -> None:
    with connect(logged) as conn:
        broken = tamper(conn, seqs(conn))
        left = len(seqs(conn))
    conn.close()
    check = logged.audit_log.verify()
    assert (check.intact, check.first_broken, check.entries) == (False, broken, left)
    assert main(["--data-dir", str(logged.ctx.data_dir), "audit", "verify"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and f"BROKEN at entry {broken}:" in err and f"{left} entries" in err


def test_new_entries_after_a_tamper_do_not_hide_it(logged: AppServices) -> None:
    with connect(logged) as conn:
        broken = change_details(conn, seqs(conn))
    conn.close()
    logged.beneficiaries.register(numbered(9))  # the log goes on from the changed entry
    logged.accounts.logout()
    assert logged.audit_log.verify().first_broken == broken
