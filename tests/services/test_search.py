"""Finding people (BeneficiaryService.search): every spelling variant, ranking, paging."""

from __future__ import annotations

import pytest

from app.services.setup import AppServices
from tests.services.people import numbered, person

pytestmark = pytest.mark.db


@pytest.fixture
def ahmed(worker: AppServices) -> str:
    return worker.beneficiaries.register(person()).id


@pytest.mark.parametrize(
    "query",
    [
        "أحمد عبدالله مصطفى الورفلي",  # as registered
        "احمد عبد الله",  # bare alef, عبد الله spaced
        "أحمد",
        "احمد",
        "احمد عبدالل",  # the last word cut short
        "احمد عبد ال",
        "احمد ع",
        "الورفلي",
        "ورفلي",  # without the article
        "ورف",
        "مصطفي",  # alef maqsura typed as yeh
        "احمد الورفلي",  # first and family name
        "أحمد مصطفى",  # first and grandfather
        "فاطمه ابراهيم",  # mother's name, ta marbuta as heh, bare alef
        "فاطمة إبراهيم",
        "ابراهيم",
        "أَحْمَد عَبْدُ اللّٰه",  # with harakat
        "احـــمد",  # with tatweel
        "11985",  # national number prefix
        "119850123456",
        "١١٩٨٥٠١٢٣٤٥٦",  # Arabic-Indic digits
        "0912345678",  # phone, 09x form
        "091 234 5678",
        "091234",  # phone prefix
        "912345678",
        "+218912345678",  # phone, E.164
        "+218 91 234 5678",
        "00218912345678",
    ],
)
def test_every_spelling_variant_finds_the_seeded_name(
    worker: AppServices, ahmed: str, query: str
) -> None:
    # Someone else with a similar name must not hide or replace him.
    worker.beneficiaries.register(numbered(1))
    assert ahmed in [h.id for h in worker.beneficiaries.search(query)]


@pytest.mark.parametrize(
    "typed", ["أحمد عبد الله مصطفى الورفلي", "احمد الورفلي", "احمد ورفلي", "فاطمة إبراهيم"]
)
def test_typing_letter_by_letter_never_loses_him(
    worker: AppServices, ahmed: str, typed: str
) -> None:
    # Search as you type: every key press shows him, also while "ال" or "عبد ا" is half typed.
    lost = [
        typed[:n]
        for n in range(1, len(typed) + 1)
        if ahmed not in [h.id for h in worker.beneficiaries.search(typed[:n])]
    ]
    assert lost == []


@pytest.mark.parametrize(
    "query",
    ["محمود", "احمد علي", "الورفلي سالم", "119860", "0922345678", "+218922345678", "xyz", "Omar"],
)
def test_others_do_not_match(worker: AppServices, ahmed: str, query: str) -> None:
    assert ahmed not in [h.id for h in worker.beneficiaries.search(query)]


@pytest.mark.parametrize(
    "typed", ["احمد عبدالله مصطفي الورقلي", "احمد الورفلى", "احمدد ورفلي", "فاطمة ابراهمي"]
)
def test_a_one_letter_typo_finds_him(worker: AppServices, ahmed: str, typed: str) -> None:
    worker.beneficiaries.register(numbered(1))
    assert [h.id for h in worker.beneficiaries.search(typed)][:1] == [ahmed]


def test_a_common_name_nobody_here_has_is_tried_one_letter_away(
    worker: AppServices, ahmed: str
) -> None:
    # "محمد" is nobody's name at this branch: أحمد is one letter away, shown as a typo.
    assert [h.id for h in worker.beneficiaries.search("محمد")] == [ahmed]


def test_hit_carries_what_the_table_shows(worker: AppServices, ahmed: str) -> None:
    (hit,) = worker.beneficiaries.search("احمد عبد الله")
    assert hit.id == ahmed
    assert hit.full_name == "أحمد عبدالله مصطفى الورفلي"
    assert hit.mother_name == "فاطمة إبراهيم"
    assert (hit.sex, hit.birth_date.isoformat()) == ("M", "1985-03-15")
    assert hit.national_number == "119850123456"
    assert hit.phones == ("+218912345678",)


def test_name_order_match_ranks_first(worker: AppServices) -> None:
    # Registered first, so with no ranking they would come first: "محمد" is the first name.
    others = [
        worker.beneficiaries.register(
            person(
                first_name="محمد",
                father_name="أحمد",
                national_number="",
                phones=[],
                birth_date=f"19{60 + i}-01-01",
            )
        ).id
        for i in range(3)
    ]
    wanted = worker.beneficiaries.register(
        person(father_name="محمد", national_number="", phones=[])
    ).id
    hits = [h.id for h in worker.beneficiaries.search("احمد محمد")]
    assert hits[0] == wanted
    assert sorted(hits[1:]) == sorted(others)


def test_first_and_family_name_rank_before_words_anywhere(worker: AppServices) -> None:
    anywhere = worker.beneficiaries.register(
        person(
            first_name="سالم",
            father_name="أحمد",
            family_name="الورفلي",
            national_number="",
            phones=[],
        )
    ).id
    named = worker.beneficiaries.register(
        person(grandfather_name="سالم", national_number="", phones=[])
    ).id
    hits = [h.id for h in worker.beneficiaries.search("احمد الورفلي")]
    assert hits == [named, anywhere]


def test_empty_query_lists_the_most_recent_first(worker: AppServices) -> None:
    ids = [worker.beneficiaries.register(numbered(i)).id for i in range(5)]
    assert [h.id for h in worker.beneficiaries.search("")] == ids[::-1]
    assert [h.id for h in worker.beneficiaries.search("   ", limit=2, offset=1)] == ids[3:1:-1]


def test_no_match_is_an_empty_list(worker: AppServices, ahmed: str) -> None:
    assert worker.beneficiaries.search("زززز") == []
    assert worker.beneficiaries.search("؟!") == []


@pytest.mark.parametrize("query", ["القماطي", "صالح", "زينب", "", "1"])
def test_paging_gives_every_match_once(worker: AppServices, query: str) -> None:
    ids = {worker.beneficiaries.register(numbered(i)).id for i in range(23)}
    pages = [
        [h.id for h in worker.beneficiaries.search(query, limit=5, offset=offset)]
        for offset in range(0, 30, 5)
    ]
    flat = [i for page in pages for i in page]
    assert len(flat) == len(set(flat)), "a row repeated across pages"
    assert set(flat) == ids
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3, 0]
    assert flat == [h.id for h in worker.beneficiaries.search(query, limit=100)]


def test_search_finds_the_record_after_an_edit_and_not_before(worker: AppServices) -> None:
    view = worker.beneficiaries.register(person())
    worker.beneficiaries.update(view.id, person(first_name="محمود"), view.row_version)
    assert [h.id for h in worker.beneficiaries.search("محمود عبدالله")] == [view.id]
    assert worker.beneficiaries.search("احمد عبدالله") == []


def test_nothing_to_find_in_an_empty_branch(services: AppServices) -> None:
    assert services.beneficiaries.search("احمد") == []
    assert services.beneficiaries.search("") == []
