"""A hostile branch: enrolled, signing with its own valid key, it tries to change what is not
its own. HQ decides ownership from its own rows and the signer, never from the change line:
each move is a rejected row with its code, recorded and counted, and every table of the
registry (the synced tables, HQ's audit copies, conflicts, reference data) is exactly as
before, row for row. The batch itself is accepted (the ledger advances; the rest applies).

BEN01 is the victim (a person with an identifier and a phone, a household, a case and its
events, all synced); TRP01 the attacker, whose batches are forged from its own real change
lines (what its software would send), edited and signed with its real keys.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import MetaData, select, text
from sqlalchemy.orm import Session

from app.db import migrate
from app.db.audit import AUDIT_TABLE
from app.db.case_models import CaseEventRow, CaseRow
from app.db.models import BeneficiaryRow, IdentifierRow, OutboxRow
from app.db.sync_models import HqAuditRow, HqLedgerRow, HqRejectedRow
from app.domain.household import HouseholdDraft
from app.sync.batch_file import ZERO_HASH, Header, Kind, encode_lines, write_batch
from app.sync.keys import KeyPair
from app.sync.outbox_export import change_line
from tests.services.people import AHMED, numbered
from tests.sync.case_changes import case_step, open_case
from tests.sync.world import Hq, SyncBranch

pytestmark = [pytest.mark.sync, pytest.mark.db]

# HQ's books about the batches themselves: they move when any batch is accepted.
BOOKKEEPING = {"hq_ledger", "hq_batches", "hq_down_queue", "hq_counter", "hq_rejected_changes",
               "alembic_version"}  # fmt: skip


@dataclass
class Victim:
    person: str
    identifier: str
    household: str
    case: str
    case_number: str
    event: str
    audit_entry: str


@dataclass
class Attacker:
    branch: SyncBranch
    keys: KeyPair
    own_person: dict[str, Any]  # the insert line of a person of its own (never sent)
    own_case: dict[str, Any]  # the insert line of a case of its own person


@pytest.fixture
def victim(make_branch: Callable[[str], SyncBranch]) -> Victim:
    ben = make_branch("BEN01")
    person = ben.people.register(AHMED)
    home = ben.services.households.create(HouseholdDraft(head_id=person.id, housing_type="owned"))
    case = open_case(ben, person.id, 1)
    case_step(ben, case, 1)
    ben.sync.sync_now()
    with ben.services.ctx.db.read() as session:
        identifier = session.scalar(
            select(IdentifierRow.id).where(IdentifierRow.beneficiary_id == person.id)
        )
        number = session.scalar(select(CaseRow.number).where(CaseRow.id == case))
        event = session.scalar(select(CaseEventRow.id).where(CaseEventRow.case_id == case))
    assert identifier and number and event
    return Victim(person.id, identifier, home.id, case, number, event, "")


@pytest.fixture
def attacker(make_branch: Callable[[str], SyncBranch], hq: Hq, victim: Victim) -> Attacker:
    trp = make_branch("TRP01")
    own = trp.people.register(numbered(5))
    case = open_case(trp, own.id, 1)
    lines = outbox_lines(trp)
    person = next(ln for ln in lines if ln["table"] == "beneficiaries" and ln["op"] == "insert")
    case_line = next(ln for ln in lines if ln["table"] == "cases" and ln["row_id"] == case)
    with Session(hq.engine) as session:
        entry = session.scalar(select(HqAuditRow.id).where(HqAuditRow.branch == "BEN01"))
    assert entry
    victim.audit_entry = entry
    return Attacker(trp, KeyPair.load(trp.sync.keys_dir, "TRP01"), person, case_line)


def outbox_lines(branch: SyncBranch) -> list[dict[str, Any]]:
    with branch.services.ctx.db.read() as session:
        rows = session.scalars(select(OutboxRow).order_by(OutboxRow.seq)).all()
        return [change_line(row, branch.code) for row in rows]


def send(hq: Hq, attacker: Attacker, lines: list[dict[str, Any]], folder: Path) -> Any:
    """Sign `lines` as TRP01's next batch (its chain as HQ holds it) and import it."""
    with Session(hq.engine) as session:
        ledger = session.get(HqLedgerRow, "TRP01")
        last, last_hash = (ledger.last_seq, ledger.last_hash) if ledger else (0, ZERO_HASH)
    numbered_lines = []
    for i, line in enumerate(lines, start=last + 1):
        numbered_lines.append({**copy.deepcopy(line), "seq": i})
    counts: dict[str, int] = {}
    for line in numbered_lines:
        counts[str(line["table"])] = counts.get(str(line["table"]), 0) + 1
    header = Header(
        kind=Kind.UP, schema=migrate.head_revision(), source="TRP01", replica="r",
        destination="HQ", seq_from=last + 1, seq_to=last + len(lines), ack_upto=0,
        prev_hash=last_hash,
    )  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path, _ = write_batch(
        folder, header, encode_lines(numbered_lines), counts, attacker.keys, hq.service.identity
    )
    [result] = hq.service.import_files([path])
    return result


def registry_digest(hq: Hq) -> dict[str, tuple[int, str]]:
    """Every table but the batch bookkeeping: its row count and a hash of its rows."""
    meta = MetaData()
    meta.reflect(hq.engine)
    out: dict[str, tuple[int, str]] = {}
    with hq.engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            if name in BOOKKEEPING or name.startswith("beneficiary_search"):
                continue
            rows = sorted(repr(tuple(r)) for r in conn.execute(select(table)))
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


def rejected_codes(hq: Hq) -> list[tuple[str, str]]:
    with Session(hq.engine) as session:
        return [
            (r.code, r.reason)
            for r in session.scalars(select(HqRejectedRow).order_by(HqRejectedRow.id))
        ]


def changed(line: dict[str, Any], **fields: Any) -> dict[str, Any]:
    out = copy.deepcopy(line)
    for name, value in fields.items():
        out["changes"][name] = [out["changes"].get(name, [None, None])[1], value]
    return out


def update_line(table: str, row_id: str, changes: dict[str, list[Any]], op: str = "update"):  # type: ignore[no-untyped-def]
    return {
        "seq": 0, "table": table, "row_id": row_id, "op": op, "changes": changes,
        "row_version": 9, "base_hq_version": 1, "user_id": "u-attacker",
        "changed_at": "2026-12-01T10:00:00.000000", "origin": "TRP01",
    }  # fmt: skip


def hostile_moves(v: Victim, a: Attacker) -> dict[str, tuple[dict[str, Any], str]]:
    """name -> (the line, the code HQ must reject it with)."""
    person, case = a.own_person, a.own_case
    insert_over = copy.deepcopy(person)
    insert_over["row_id"] = v.person
    insert_over["changes"]["id"] = [None, v.person]
    audit = {
        "seq": 0, "table": AUDIT_TABLE, "row_id": v.audit_entry, "op": "insert",
        "changes": {"action": [None, "case.view"], "at": [None, "2026-12-01T10:00:00"],
                    "prev_hash": [None, ZERO_HASH], "hash": [None, "f" * 64],
                    "user_id": [None, "u"], "details": [None, "{}"]},
        "row_version": 1, "base_hq_version": None, "user_id": "u", "changed_at":
        "2026-12-01T10:00:00.000000", "origin": "TRP01",
    }  # fmt: skip
    new_id = "01900000-0000-7000-8000-00000000beef"
    claimed = changed(person, origin_branch="BEN01")
    claimed["row_id"], claimed["changes"]["id"] = new_id, [None, new_id]
    foreign_number = changed(case, number="BEN01-2026-99999")
    foreign_number["row_id"] = foreign_number["changes"]["id"][1] = new_id[:-4] + "cafe"
    foreign_person = changed(person, person_number="BEN01-P-000001")
    foreign_person["row_id"] = foreign_person["changes"]["id"][1] = new_id[:-4] + "babe"
    twin = copy.deepcopy(person)  # a new person with the number its own person holds
    twin["row_id"] = twin["changes"]["id"][1] = new_id[:-4] + "7717"
    own_number = person["changes"]["person_number"][1]
    case_on_victim = changed(case, beneficiary_id=v.person)
    case_on_victim["row_id"] = case_on_victim["changes"]["id"][1] = new_id[:-4] + "f00d"
    identifier = {
        **update_line("beneficiary_identifiers", new_id[:-4] + "d00d", {}), "op": "insert",
        "changes": {"id": [None, new_id[:-4] + "d00d"], "beneficiary_id": [None, v.person],
                    "id_type": [None, "passport"], "number": [None, "X1234567"],
                    "origin_branch": [None, "TRP01"], "created_at": [None, "2026-12-01T10:00:00"],
                    "created_by": [None, "u"], "deleted_at": [None, None]},
    }  # fmt: skip
    return {
        "update with the right old value": (
            update_line("beneficiaries", v.person, {"first_name": [AHMED.first_name, "مسروق"]}),
            "not_owner",
        ),
        "insert over an existing id": (insert_over, "id_exists"),
        "tombstone": (
            update_line(
                "beneficiaries",
                v.person,
                {"deleted_at": [None, "2026-12-01T10:00:00.000000"]},
                "delete",
            ),
            "not_owner",
        ),
        "claim origin of a new row": (claimed, "not_owner"),
        "foreign case number": (foreign_number, "case_number"),
        "a case on another branch's person": (case_on_victim, "not_owner"),
        "a new person with another branch's number": (foreign_person, "person_number"),
        "a new person with a number another holds": (twin, "person_number"),
        "renumber its own person": (
            update_line(
                "beneficiaries", person["row_id"], {"person_number": [own_number, "TRP01-P-000777"]}
            ),
            "person_number",
        ),
        "an identifier on another branch's person": (identifier, "not_owner"),
        "an event on another branch's case": (
            {**update_line("case_events", v.event, {"state": [None, "done"]})},
            "not_owner",
        ),
        "write another branch's audit entry": (audit, "id_exists"),
        "rewrite an audit entry": ({**audit, "op": "update"}, "read_only"),
        "move a case to itself": (
            update_line("cases", v.case, {"origin_branch": ["BEN01", "TRP01"]}),
            "not_owner",
        ),
        "ask a transfer of another branch's case": (
            update_line("cases", v.case, {"transfer_to": [None, "TRP01"]}),
            "not_owner",
        ),
        "join another branch's household": (changed(person, household_id=v.household), "not_owner"),
        "touch reference data": (
            update_line("municipalities", "LY010101", {"name_ar": ["x", "y"]}),
            "read_only",
        ),
        "touch the ledger": (update_line("hq_ledger", "BEN01", {"last_seq": [1, 0]}), "read_only"),
        "renumber its own case": (
            update_line(
                "cases",
                case["row_id"],
                {"number": [case["changes"]["number"][1], "TRP01-1999-00001"]},
            ),
            "case_number",
        ),
    }


MOVES = [
    "update with the right old value", "insert over an existing id", "tombstone",
    "claim origin of a new row", "foreign case number", "a case on another branch's person",
    "an identifier on another branch's person", "an event on another branch's case",
    "write another branch's audit entry", "rewrite an audit entry", "move a case to itself",
    "ask a transfer of another branch's case", "join another branch's household",
    "touch reference data", "touch the ledger", "renumber its own case",
    "a new person with another branch's number", "a new person with a number another holds",
    "renumber its own person",
]  # fmt: skip


@pytest.mark.parametrize("move", MOVES)
def test_a_hostile_move_is_a_rejected_row_and_changes_nothing(
    hq: Hq, victim: Victim, attacker: Attacker, tmp_path: Path, move: str
) -> None:
    line, code = hostile_moves(victim, attacker)[move]
    # The attacker's own person and case are at HQ first: only the move itself is hostile.
    own = send(hq, attacker, [attacker.own_person, attacker.own_case], tmp_path / "own")
    assert (own.applied, own.rejected_rows) == (2, 0), own
    before = registry_digest(hq)
    result = send(hq, attacker, [line], tmp_path / "batch")
    assert result.outcome == "applied", result
    assert (result.applied, result.rejected_rows) == (0, 1), result
    assert [c for c, _r in rejected_codes(hq)] == [code], rejected_codes(hq)
    assert registry_digest(hq) == before, f"{move}: the registry changed"
    [status] = [s for s in hq.service.status() if s.code == "TRP01"]
    assert status.rejected_rows == 1


def test_the_rest_of_the_batch_applies(
    hq: Hq, victim: Victim, attacker: Attacker, tmp_path: Path
) -> None:
    """Hostile lines among the branch's own: its own rows arrive, the others are refused."""
    moves = hostile_moves(victim, attacker)
    lines = [
        moves["update with the right old value"][0],
        attacker.own_person,
        moves["insert over an existing id"][0],
        attacker.own_case,
        moves["tombstone"][0],
    ]
    result = send(hq, attacker, lines, tmp_path / "batch")
    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", 2, 3), result
    with Session(hq.engine) as session:
        mine = session.scalar(select(BeneficiaryRow).where(
            BeneficiaryRow.id == attacker.own_person["row_id"]))  # fmt: skip
        theirs = session.scalar(select(BeneficiaryRow).where(BeneficiaryRow.id == victim.person))
        assert mine is not None and mine.origin_branch == "TRP01"
        assert theirs is not None and theirs.origin_branch == "BEN01"
        assert theirs.first_name == AHMED.first_name and theirs.deleted_at is None
        case = session.scalar(select(CaseRow).where(CaseRow.id == attacker.own_case["row_id"]))
        assert case is not None and case.number.startswith("TRP01-")
    assert sorted(c for c, _r in rejected_codes(hq)) == ["id_exists", "not_owner", "not_owner"]


def test_the_owner_still_changes_its_own_rows(
    hq: Hq, victim: Victim, attacker: Attacker, tmp_path: Path, make_branch: Any
) -> None:
    """The same moves by the owner apply (the rules refuse the stranger, not the move)."""
    send(hq, attacker, [attacker.own_person], tmp_path / "own")
    mine = attacker.own_person["row_id"]
    old = attacker.own_person["changes"]["first_name"][1]
    result = send(
        hq, attacker,
        [update_line("beneficiaries", mine, {"first_name": [old, "سليم"]})], tmp_path / "edit",
    )  # fmt: skip
    assert (result.applied, result.rejected_rows) == (1, 0), result
    with hq.engine.connect() as conn:
        name = conn.execute(
            text("SELECT first_name FROM beneficiaries WHERE id = :i"), {"i": mine}
        ).scalar()
    assert name == "سليم"
    assert orjson.dumps(rejected_codes(hq)) == b"[]"


def test_two_new_people_with_one_number_in_one_batch(
    hq: Hq, victim: Victim, attacker: Attacker, tmp_path: Path
) -> None:
    """Person numbers are unique at HQ: the second person of a batch with the first one's
    number is refused (on the fast path as on the replay), the first applies."""
    twin = hostile_moves(victim, attacker)["a new person with a number another holds"][0]
    result = send(hq, attacker, [attacker.own_person, twin], tmp_path / "batch")
    assert (result.outcome, result.applied, result.rejected_rows) == ("applied", 1, 1), result
    assert [c for c, _r in rejected_codes(hq)] == ["person_number"]
    with Session(hq.engine) as session:
        holders = session.scalars(
            select(BeneficiaryRow.id).where(
                BeneficiaryRow.person_number == attacker.own_person["changes"]["person_number"][1]
            )
        ).all()
    assert holders == [attacker.own_person["row_id"]]
