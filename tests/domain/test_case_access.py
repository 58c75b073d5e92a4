"""Who may see and change a case (app.domain.case_access): every role × assigned or not ×
sensitive or not × with or without a recent "break the glass" grant; masked names in lists.

ACCESS below is the access policy written out case by case (issue 4 and docs): a worker edits
the cases assigned to them and reads any other only with a reason; a supervisor edits the
branch's cases but must give a reason for a sensitive case not assigned to them; a branch
admin never sees case content; an auditor reads, a sensitive case only with a reason.
"""

from __future__ import annotations

import itertools

import pytest

from app.domain.accounts import Role
from app.domain.case_access import (
    BREAK_GLASS_HOURS,
    BREAK_GLASS_PERIOD,
    MASK,
    MIN_REASON_LENGTH,
    Access,
    CaseSubject,
    case_access,
    names_visible,
    reason_ok,
    sees_all_branch_cases,
)

ME, OTHER = "user-me", "user-other"
E, R, N, X = Access.EDIT, Access.READ, Access.NEEDS_REASON, Access.NONE

# (role, assigned to me, sensitive, glass broken) -> access
ACCESS: dict[tuple[Role, bool, bool, bool], Access] = {
    # A social worker: their own cases fully; any other read-only once the glass is broken.
    (Role.SOCIAL_WORKER, True, False, False): E,
    (Role.SOCIAL_WORKER, True, False, True): E,
    (Role.SOCIAL_WORKER, True, True, False): E,
    (Role.SOCIAL_WORKER, True, True, True): E,
    (Role.SOCIAL_WORKER, False, False, False): N,
    (Role.SOCIAL_WORKER, False, False, True): R,
    (Role.SOCIAL_WORKER, False, True, False): N,
    (Role.SOCIAL_WORKER, False, True, True): R,
    # A supervisor: every case of the branch, a sensitive one of another worker with a reason.
    (Role.SUPERVISOR, True, False, False): E,
    (Role.SUPERVISOR, True, False, True): E,
    (Role.SUPERVISOR, True, True, False): E,
    (Role.SUPERVISOR, True, True, True): E,
    (Role.SUPERVISOR, False, False, False): E,
    (Role.SUPERVISOR, False, False, True): E,
    (Role.SUPERVISOR, False, True, False): N,
    (Role.SUPERVISOR, False, True, True): E,
    # A branch admin: users and settings, never case content, whatever happens.
    **{(Role.BRANCH_ADMIN, a, s, g): X for a, s, g in itertools.product((True, False), repeat=3)},
    # An auditor reads; a sensitive case only with a reason; never changes anything.
    (Role.AUDITOR, True, False, False): R,
    (Role.AUDITOR, True, False, True): R,
    (Role.AUDITOR, True, True, False): N,
    (Role.AUDITOR, True, True, True): R,
    (Role.AUDITOR, False, False, False): R,
    (Role.AUDITOR, False, False, True): R,
    (Role.AUDITOR, False, True, False): N,
    (Role.AUDITOR, False, True, True): R,
}
KEYS = sorted(ACCESS, key=str)


def _id(key: tuple[Role, bool, bool, bool]) -> str:
    role, mine, sensitive, grant = key
    return (
        f"{role}-{'assigned' if mine else 'other'}-{'sensitive' if sensitive else 'plain'}-"
        f"{'grant' if grant else 'no-grant'}"
    )


def test_the_table_covers_every_role_and_situation() -> None:
    assert len(ACCESS) == len(Role) * 8


@pytest.mark.parametrize("key", KEYS, ids=_id)
def test_access_is_what_the_policy_says(key: tuple[Role, bool, bool, bool]) -> None:
    role, mine, sensitive, grant = key
    case = CaseSubject(assigned_to=ME if mine else OTHER, sensitive=sensitive)
    assert case_access(role, ME, case, has_grant=grant) == ACCESS[key]


@pytest.mark.parametrize("key", KEYS, ids=_id)
def test_names_are_shown_in_lists_only_when_the_case_may_be_read(
    key: tuple[Role, bool, bool, bool],
) -> None:
    """A plain case shows its names to anyone who may see cases at all; a sensitive one only
    to whoever may read it now; a branch admin never sees names."""
    role, mine, sensitive, grant = key
    case = CaseSubject(assigned_to=ME if mine else OTHER, sensitive=sensitive)
    access = ACCESS[key]
    expected = access != X and (not sensitive or access in (E, R))
    assert names_visible(role, ME, case, has_grant=grant) is expected


def test_an_unassigned_case_is_nobodys_own() -> None:
    case = CaseSubject(assigned_to=None, sensitive=True)
    assert case_access(Role.SOCIAL_WORKER, ME, case, has_grant=False) == N
    assert case_access(Role.SUPERVISOR, ME, case, has_grant=False) == N
    assert case_access(Role.SUPERVISOR, ME, CaseSubject(None, False), has_grant=False) == E


def test_who_lists_every_case_of_the_branch() -> None:
    assert {r for r in Role if sees_all_branch_cases(r)} == {Role.SUPERVISOR, Role.AUDITOR}


@pytest.mark.parametrize(
    ("reason", "ok"),
    [
        ("", False),
        ("          ", False),
        ("قصير", False),
        ("x" * (MIN_REASON_LENGTH - 1), False),
        ("  " + "x" * (MIN_REASON_LENGTH - 1) + "  ", False),  # spaces do not count
        ("x" * MIN_REASON_LENGTH, True),
        ("مراجعة طلب الإغلاق", True),
    ],
)
def test_a_reason_to_break_the_glass_must_say_something(reason: str, ok: bool) -> None:
    assert reason_ok(reason) is ok


def test_a_grant_lasts_three_hours_and_the_mask_is_not_a_name() -> None:
    assert BREAK_GLASS_HOURS == 3 and BREAK_GLASS_PERIOD.total_seconds() == 3 * 3600
    assert MASK.strip() and not any(c.isalpha() for c in MASK)
