"""Who may change what at HQ (docs/sync-protocol.md, "Ownership").

HQ decides from its own records and the batch's verified signer, never from the change line:
- a branch changes only rows whose `origin_branch` (as HQ holds them) is its own code; a row
  owned by another branch or by HQ is `not_owner`;
- a new row's `origin_branch` is the signer; a line claiming another origin is `not_owner`,
  and `origin_branch` never changes afterwards (ownership moves only by a completed transfer);
- inserting an id HQ already holds is `id_exists`, unless it is the same branch sending its
  own row again (after a restore): then it is merged like an update;
- a new case's number carries the signer's code (`TRP01-2026-00042`), and never changes;
- a new person's number is one of the signer's (`TRP01-P-000123`, app.domain.person_numbers)
  that no other person HQ holds has (`person_number`), and never changes (a merge at HQ keeps
  each record's own number);
- a row hangs only from rows the signer owns: an identifier or phone from its own person, an
  event from its own case, a case from its own person or one whose case it holds (a
  transferred case), a person in its own household, a household headed by its own person;
- reference data, HQ's ledgers and other branches' audit entries are `read_only`.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.person_numbers import is_branch_number


class RejectReason(StrEnum):
    NOT_OWNER = "not_owner"
    ID_EXISTS = "id_exists"
    READ_ONLY = "read_only"
    MISSING_PARENT = "missing_parent"
    BAD_VALUE = "bad_value"
    MALFORMED = "malformed"
    CASE_NUMBER = "case_number"
    PERSON_NUMBER = "person_number"


# The parent a child row must hang from (it must exist at HQ or earlier in the batch).
PARENTS: dict[str, tuple[str, str]] = {
    "beneficiary_identifiers": ("beneficiary_id", "beneficiaries"),
    "beneficiary_phones": ("beneficiary_id", "beneficiaries"),
    "duplicate_decisions": ("beneficiary_id", "beneficiaries"),
    "cases": ("beneficiary_id", "beneficiaries"),
    "case_events": ("case_id", "cases"),
}
# Other references: when they name a row HQ holds, the signer must own it (a row HQ does not
# hold yet may come in a later batch: the branch's own, then).
LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "beneficiaries": (("household_id", "households"),),
    "households": (("head_id", "beneficiaries"),),
}
# Columns that never change once a row exists (besides its id).
FIXED: dict[str, frozenset[str]] = {
    "cases": frozenset({"number"}),
    "beneficiaries": frozenset({"person_number"}),
}
# The column of a new row that must be one of the signer's numbers, and the refusal's code.
NUMBERED = {"cases": "number", "beneficiaries": "person_number"}
NUMBER_REFUSAL = {"cases": RejectReason.CASE_NUMBER, "beneficiaries": RejectReason.PERSON_NUMBER}
UNIQUE_NUMBERS = frozenset({"beneficiaries"})  # no two rows may hold the same number
IMMUTABLE = frozenset({"id", "origin_branch", "created_at", "created_by"})


def references(table: str) -> tuple[tuple[str, str], ...]:
    """Every (column, parent table) of `table` that ownership is checked on."""
    parent = PARENTS.get(table)
    return ((parent,) if parent else ()) + LINKS.get(table, ())


def numbered_ok(table: str, value: object, branch: str) -> bool:
    """Is `value` a number the signer may give a new row of `table`?"""
    column = NUMBERED.get(table)
    if column is None:
        return True
    if table == "beneficiaries":
        return is_branch_number(value, branch)
    return isinstance(value, str) and value.startswith(f"{branch}-")
