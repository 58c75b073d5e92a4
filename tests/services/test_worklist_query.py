"""Sorting and filtering the work lists in SQL (app.services.case_list_query): each kind of
column, the Arabic variant spellings of names, masked names never matched nor sorted by, and a
stage standing instead of the list's condition."""

from __future__ import annotations

import pytest

from app.domain.cases import STATUS_ORDER
from app.services.case_dto import CaseView
from app.services.case_list_query import ListQuery, SortKey
from app.services.case_worklists import WorkList
from app.services.setup import AppServices
from tests.services.case_desk import login, numbers

pytestmark = pytest.mark.db

OPEN = WorkList.OPEN


def mine(s: AppServices, **query: object) -> list[str]:
    return numbers(s.case_worklists.my_cases(OPEN, query=ListQuery(**query)))  # type: ignore[arg-type]


def keys(desk: dict[str, CaseView], *names: str) -> list[str]:
    return [desk[n].number for n in names]


def test_sort_by_case_number_both_ways(services: AppServices, desk: dict[str, CaseView]) -> None:
    up = mine(services, sort=SortKey.NUMBER)
    assert up == sorted(up) and len(up) == 10
    assert mine(services, sort=SortKey.NUMBER, descending=True) == list(reversed(up))


def test_sort_by_date_empty_last_both_ways(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    down = mine(services, sort=SortKey.NEXT_DUE, descending=True)
    # 15/1/2027 before 10/12/2026 (dates, not text); nothing due goes last either way.
    assert down == keys(
        desk,
        "visited",
        "new_planned",
        "in7",
        "in6",
        "today",
        "late1",
        "late10",
        "new_idle",
        "assessed_idle",
        "sensitive",
    )
    up = mine(services, sort=SortKey.NEXT_DUE)
    assert up[:7] == list(reversed(down[:7])) and up[7:] == down[7:]
    items = services.case_worklists.my_cases(OPEN, query=ListQuery(sort=SortKey.LAST_VISIT))
    assert items[0].case.number == desk["visited"].number  # the only case visited


def test_sort_by_arabic_name_folds_hamza(services: AppServices, desk: dict[str, CaseView]) -> None:
    # أنور sorts with the alefs (first), not after ي as its raw code point would not.
    assert mine(services, sort=SortKey.PERSON) == keys(
        desk,
        "visited",  # أنور
        "late1",  # خالد
        "sensitive",  # سالم علي
        "late10",  # سالم محمد
        "assessed_idle",  # طارق
        "today",  # عمر
        "in7",  # مراد
        "new_idle",  # نوري
        "new_planned",  # هشام
        "in6",  # يوسف
    )


def test_masked_names_sort_last_and_never_match(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    login(services, "supervisor")
    lists = services.case_worklists
    by_name = lists.branch_cases(OPEN, query=ListQuery(sort=SortKey.PERSON))
    assert by_name[-1].case.number == desk["sensitive"].number and by_name[-1].case.masked
    found = lists.branch_cases(OPEN, query=ListQuery(text="سالم"))
    assert numbers(found) == [desk["late10"].number]  # the sensitive سالم is not revealed


def test_sort_by_status_in_workflow_order(services: AppServices, desk: dict[str, CaseView]) -> None:
    items = services.case_worklists.my_cases(OPEN, query=ListQuery(sort=SortKey.STATUS))
    rank = {s.value: i for i, s in enumerate(STATUS_ORDER)}
    statuses = [rank[i.case.status] for i in items]
    assert statuses == sorted(statuses) and items[0].case.status == "new"
    # Types in the order the screen gives.
    order = ("child_protection", "elderly")
    typed = services.case_worklists.my_cases(
        OPEN, query=ListQuery(sort=SortKey.TYPE, type_order=order)
    )
    assert typed[0].case.number == desk["sensitive"].number


def test_filter_by_name_variant_number_type_and_stage(
    services: AppServices, desk: dict[str, CaseView]
) -> None:
    assert mine(services, text="انور") == keys(desk, "visited")  # registered as أنور
    assert mine(services, text="أنور") == keys(desk, "visited")
    assert mine(services, text="سالم") == keys(desk, "late10", "sensitive")  # the worker's own
    assert mine(services, text=desk["today"].number[-5:]) == keys(desk, "today")
    assert mine(services, text=desk["today"].number.lower()) == keys(desk, "today")
    assert mine(services, text="حماية", type_codes=("child_protection",)) == keys(desk, "sensitive")
    assert mine(services, text="50%_") == []  # LIKE wildcards are plain characters
    # A stage stands instead of the list's condition: the overdue list asked for "assessment"
    # gives every case of the worker in assessment, due or not.
    staged = numbers(
        services.case_worklists.my_cases(WorkList.OVERDUE, query=ListQuery(stage="assessment"))
    )
    assert staged == keys(desk, "late10", "in6", "assessed_idle")
    assert desk["closing"].number in mine(services, stage="pending_closure")


def test_sorted_pages_do_not_overlap(services: AppServices, desk: dict[str, CaseView]) -> None:
    query = ListQuery(sort=SortKey.NEXT_DUE, descending=True)
    pages = [
        numbers(services.case_worklists.my_cases(OPEN, limit=3, offset=o, query=query))
        for o in (0, 3, 6, 9)
    ]
    joined = [number for page in pages for number in page]
    assert joined == mine(services, sort=SortKey.NEXT_DUE, descending=True)
