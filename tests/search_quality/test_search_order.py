"""The search answers in exactly the recorded order (tests.search_quality.search_order).

`search_order.tsv` was written by the search before its one-statement rewrite (issue 14): the
same world and queries must give the same people in the same order, each hit carrying the
same fields, page by page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.setup import AppServices
from tests.search_quality import search_order

pytestmark = pytest.mark.db


@pytest.fixture(scope="module")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServices]:
    folder: Path = tmp_path_factory.mktemp("order")
    services = search_order.build(folder)
    yield services
    services.close()


def test_the_recorded_set_is_large_and_covers_both_paths() -> None:
    recorded = search_order.load()
    assert len(recorded) >= 2000
    full = [r for r in recorded if len(r.numbers) == r.limit]
    assert len([r for r in full if r.limit == 100]) >= 50  # more matches than the page
    assert len([r for r in recorded if 0 < len(r.numbers) < r.limit]) >= 500
    assert len([r for r in recorded if r.offset]) >= 200


def test_every_answer_is_in_the_recorded_order(small_world: AppServices) -> None:
    moved = []
    for want in search_order.load():
        got = search_order.record(small_world, want.query, want.limit, want.offset)
        if got != want:
            moved.append((want.query, want.limit, want.offset, want.numbers, got.numbers))
    assert moved == [], f"{len(moved)} answers changed, the first: {moved[:3]}"
