"""The people table models, checked by Qt's model tester, and the search model's lazy paging."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from app.demo.register import add_demo_people
from app.services.dto import ChangeEntry, DuplicateCandidate, FieldChange, SearchHit
from app.services.setup import AppServices
from app.ui.people.beneficiary_table_model import (
    COL_BIRTH_DATE,
    COL_MUNICIPALITY,
    COL_NAME,
    COL_PHONE,
    COL_SEX,
    ID_ROLE,
    PAGE_SIZE,
    BeneficiaryTableModel,
)
from app.ui.people.duplicates_dialog import DuplicateTableModel
from app.ui.people.history_view import HistoryTableModel, ValueFormatter, history_rows

pytestmark = pytest.mark.gui

Hits = list[SearchHit]


def inline(call: Callable[[], Hits], done: Callable[[Hits], None]) -> None:
    done(call())


class Deferred:
    """Holds each page request until the test answers it (a slow worker)."""

    def __init__(self) -> None:
        self.calls: list[tuple[Callable[[], Hits], Callable[[Hits], None]]] = []

    def __call__(self, call: Callable[[], Hits], done: Callable[[Hits], None]) -> None:
        self.calls.append((call, done))

    def answer(self, index: int) -> None:
        call, done = self.calls[index]
        done(call())


def municipality_name(services: AppServices) -> Callable[[str | None], str]:
    def name(code: str | None) -> str:
        found = services.reference.municipality(code)
        return found.name_ar if found else ""

    return name


@pytest.fixture
def crowded(worker: AppServices) -> AppServices:
    add_demo_people(worker, 250, seed=7)
    return worker


def test_search_model_passes_the_model_tester(qtmodeltester, crowded: AppServices) -> None:  # type: ignore[no-untyped-def]
    deferred = Deferred()
    model = BeneficiaryTableModel(
        crowded.beneficiaries.search, deferred, municipality_name(crowded)
    )
    qtmodeltester.check(model)  # watches every signal from here on

    def answer_all() -> None:
        while deferred.calls:
            call, done = deferred.calls.pop(0)
            done(call())

    model.set_query("")
    answer_all()
    assert model.rowCount() == PAGE_SIZE
    model.fetchMore()
    answer_all()
    assert model.rowCount() == 2 * PAGE_SIZE
    model.set_query("محمد")
    answer_all()
    assert 0 < model.rowCount() <= 2 * PAGE_SIZE
    qtmodeltester.check(model)


def test_search_model_loads_pages_lazily(crowded: AppServices) -> None:
    requests: list[tuple[str, int, int]] = []

    def search(query: str, limit: int, offset: int) -> Hits:
        requests.append((query, limit, offset))
        return crowded.beneficiaries.search(query, limit, offset)

    model = BeneficiaryTableModel(search, inline, municipality_name(crowded))
    model.set_query("")
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    while model.canFetchMore():
        model.fetchMore()
    total = model.rowCount()
    assert total >= 250
    assert model.complete
    assert requests[:3] == [
        ("", PAGE_SIZE, 0),
        ("", PAGE_SIZE, PAGE_SIZE),
        ("", PAGE_SIZE, 2 * PAGE_SIZE),
    ]
    assert all(limit == PAGE_SIZE for _, limit, _ in requests)


def test_search_model_shows_translated_local_columns(worker: AppServices) -> None:
    from tests.ui.conftest import person

    worker.beneficiaries.register(person())
    model = BeneficiaryTableModel(worker.beneficiaries.search, inline, municipality_name(worker))
    model.set_query("الورفلي")
    assert model.rowCount() == 1
    row = {c: model.index(0, c).data() for c in range(model.columnCount())}
    assert row[COL_NAME] == "محمد علي سالم الورفلي"
    assert row[COL_SEX] == "ذكر"
    assert row[COL_BIRTH_DATE] == "15/03/1985"
    assert row[COL_PHONE] == "0912345678"
    assert row[COL_MUNICIPALITY] == worker.reference.municipality("LY021104").name_ar  # type: ignore[union-attr]
    assert model.index(0, 0).data(ID_ROLE)


def test_stale_pages_are_dropped(worker: AppServices) -> None:
    from tests.ui.conftest import person

    worker.beneficiaries.register(person())
    worker.beneficiaries.register(
        person(
            first_name="خالد",
            national_number="119900123457",
            birth_date=date(1990, 1, 2),
            mother_name="زينب",
        )
    )
    deferred = Deferred()
    model = BeneficiaryTableModel(worker.beneficiaries.search, deferred, municipality_name(worker))
    model.set_query("محمد")
    model.set_query("خالد")
    deferred.answer(1)  # the newer query answers first
    deferred.answer(0)  # then the older one: must be ignored
    assert model.rowCount() == 1
    assert model.index(0, COL_NAME).data().startswith("خالد")


def test_history_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    at = datetime(2026, 11, 1, 9, 30)
    entries = [
        ChangeEntry(
            at,
            "أخصائية",
            "beneficiaries",
            "insert",
            (FieldChange("first_name", None, "محمد"), FieldChange("family_name", None, "الورفلي")),
        ),
        ChangeEntry(
            at,
            "أخصائية",
            "beneficiaries",
            "update",
            (
                FieldChange("marital_status", "single", "married"),
                FieldChange("name_key", "x", "y"),
                FieldChange("birth_date", "1985-03-15", "1985-03-16"),
            ),
        ),
        ChangeEntry(
            at,
            "أخصائية",
            "beneficiary_phones",
            "insert",
            (FieldChange("e164", None, "+218912345678"),),
        ),
        ChangeEntry(
            at,
            "أخصائية",
            "beneficiary_identifiers",
            "insert",
            (
                FieldChange("id_type", None, "national_number"),
                FieldChange("number", None, "119850123456"),
            ),
        ),
    ]
    rows = history_rows(entries, ValueFormatter(lambda code: code or ""))
    model = HistoryTableModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    shown = [(r.field, r.old, r.new) for r in rows]
    assert ("الرقم الوطني", "—", "119850123456") in shown
    assert ("الهاتف", "—", "0912345678") in shown
    assert ("الحالة الاجتماعية", "أعزب/عزباء", "متزوج/متزوجة") in shown
    assert ("تاريخ الميلاد", "15/03/1985", "16/03/1985") in shown
    assert all("name_key" not in r.field for r in rows)
    assert rows[-1].new == "محمد الورفلي"  # newest first: the registration is last


def test_duplicate_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DuplicateTableModel(
        [
            DuplicateCandidate(
                "a",
                "محمد علي سالم الورفلي",
                "فاطمة",
                date(1985, 3, 15),
                "M",
                "119850123456",
                100.0,
                True,
            ),
            DuplicateCandidate(
                "b", "محمد على سالم الورفلى", "فاطمه", date(1985, 3, 15), "M", None, 91.4, False
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 5).data() == "91%"
    assert model.index(0, 5).data() == "الرقم الوطني نفسه"
