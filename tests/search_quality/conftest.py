"""The variant set's world, built once per test session (tests.search_quality.world)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.search_quality import world
from tests.search_quality.specificity import People
from tests.search_quality.variant_set import Query, Target, load_queries, load_targets


@dataclass(frozen=True, slots=True)
class Searched:
    targets: dict[str, Target]
    queries: list[Query]
    outcomes: list[world.Outcome]
    build_seconds: float
    people: People  # everyone in the world, for the fairness oracle
    numbers: dict[str, int]  # national number or phone (E.164) -> how many people hold it


@pytest.fixture(scope="session")
def searched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searched]:
    """50,000 demo people and the targets in a new branch; every query of the set run once."""
    targets = load_targets()
    queries = load_queries()
    folder = tmp_path_factory.mktemp("variants")
    started = time.perf_counter()
    built = world.build(folder, targets.values())
    seconds = time.perf_counter() - started
    try:
        outcomes = world.run(built, queries)
    finally:
        built.services.close()
    with sqlite3.connect(folder / "sanad.db") as conn:
        people = People(
            conn.execute(
                "SELECT first_name, father_name, grandfather_name, family_name, mother_name "
                "FROM beneficiaries"
            )
        )
        numbers: dict[str, int] = {}
        for (number,) in conn.execute(
            "SELECT number FROM beneficiary_identifiers UNION ALL "
            "SELECT e164 FROM beneficiary_phones"
        ):
            numbers[number] = numbers.get(number, 0) + 1
    conn.close()
    yield Searched(targets, queries, outcomes, seconds, people, numbers)
