"""Reading a list of people line by line (plain or CSV with a header) and scoring a match."""

from __future__ import annotations

from datetime import date

from app.domain.arabic import normalize_arabic
from app.domain.duplicates import PersonKey, match_score, name_key
from app.domain.errors import ErrorCode
from app.domain.list_queries import MAX_COLUMNS, MAX_LINE_CHARS, LineError, ListQuery, ListReader
from app.domain.list_scoring import Candidate, Score, score
from app.domain.people import Sex


def read_all(*lines: str) -> list[ListQuery | LineError]:
    reader = ListReader()
    found = [reader.read(n, text) for n, text in enumerate(lines, 1)]
    return [f for f in found if f is not None]


def test_plain_lines_are_free_queries_and_twelve_digits_a_national_number() -> None:
    first, second, third = read_all("  محمد   علي ", "", "١١٩٨٥٠١٢٣٤٥٦", "TRP01-P-000123")[:3]
    assert isinstance(first, ListQuery) and first.name == "محمد علي" and not first.structured
    assert isinstance(second, ListQuery) and second.national_number == "119850123456"
    assert isinstance(third, ListQuery) and third.name == "TRP01-P-000123"


def test_a_header_of_known_columns_makes_a_csv_list_arabic_or_english() -> None:
    arabic = read_all(
        "الإسم الاول;اسم الاب;اسم الجد;اللقب;اسم الأم;تاريخ الميلاد;الرقم الوطني",
        "محمد;علي;سالم;الورفلي;فاطمة أحمد;15/03/1985;119850123456",
        ";;;;;;",
    )
    assert len(arabic) == 1 and isinstance(arabic[0], ListQuery)
    query = arabic[0]
    assert query.line == 2 and query.parts == ("محمد", "علي", "سالم", "الورفلي")
    assert query.mother_name == "فاطمة أحمد" and query.birth_date == date(1985, 3, 15)
    assert query.national_number == "119850123456" and query.structured
    english = read_all("Name,Mother,DOB", '"محمد علي, الورفلي",فاطمة,1985')
    assert isinstance(english[0], ListQuery)
    assert english[0].name == "محمد علي, الورفلي" and english[0].parts is None
    assert english[0].birth_year == 1985 and english[0].birth_date is None


def test_a_name_column_beside_the_fathers_name_is_the_first_name() -> None:
    (query,) = read_all("الاسم\tاسم الأب\tاسم الجد\tاللقب", "محمد\tعلي\tسالم\tالورفلي")
    assert isinstance(query, ListQuery) and query.parts == ("محمد", "علي", "سالم", "الورفلي")


def test_bad_lines_are_errors_and_the_rest_goes_on() -> None:
    found = read_all(
        "first_name,family_name,birth_date,national_number,case file",
        "محمد,الورفلي,32/13/1985,",
        "محمد,الورفلي,,12345",
        'محمد,"الورفلي',
        ",".join(["x"] * (MAX_COLUMNS + 1)),
        "محمد,\x1b[31m,,",
        ",,,",
        "x" * (MAX_LINE_CHARS + 1),
        ",,1985,",
        "علي,القماطي,,",
    )
    codes = [(f.line, f.code, f.field) for f in found if isinstance(f, LineError)]
    assert codes == [
        (1, ErrorCode.UNKNOWN_COLUMN, "line"),
        (2, ErrorCode.DATE_FORMAT, "birth_date"),
        (3, ErrorCode.NATIONAL_NUMBER_FORMAT, "national_number"),
        (4, ErrorCode.FILE_FORMAT, "line"),
        (5, ErrorCode.TOO_MANY_COLUMNS, "line"),
        (6, ErrorCode.CONTROL_CHARACTER, "family_name"),
        (8, ErrorCode.LINE_TOO_LONG, "line"),
        (9, ErrorCode.REQUIRED, "name"),
    ]
    assert found[0].params["columns"] == "case file"  # type: ignore[union-attr]
    last = found[-1]
    assert isinstance(last, ListQuery) and last.line == 10 and last.name == "علي القماطي"


def test_a_mothers_name_alone_is_a_query() -> None:
    (query,) = read_all("mother_name", "فاطمة المقريف")
    assert isinstance(query, ListQuery) and query.mother_name == "فاطمة المقريف"


PERSON = Candidate(("محمد", "علي", "سالم", "الورفلي"), "فاطمة أحمد", date(1985, 3, 15), None)


def test_a_full_row_scores_as_the_intake_duplicate_check() -> None:
    (query,) = read_all(
        "first_name,father_name,grandfather_name,family_name,mother_name,birth_date",
        "محمد,علي,سالم,الورفلى,فاطمه احمد,15/04/1985",
    )
    assert isinstance(query, ListQuery)
    found = score(query, PERSON)
    parts = query.parts
    assert parts is not None
    expected = match_score(
        PersonKey(name_key(*parts), normalize_arabic("فاطمه احمد"), date(1985, 4, 15), Sex.MALE),
        PersonKey(
            name_key(*PERSON.name_parts),
            normalize_arabic(PERSON.mother_name),
            PERSON.birth_date,
            Sex.MALE,
        ),
    )
    assert found.value == round(expected)
    assert found.reasons == ("name:100", "mother:100", "birth_date:70")


def test_a_national_number_match_is_100_and_a_different_one_never_is() -> None:
    (query,) = read_all("name,national_number", "أحمد,119850123456")
    assert isinstance(query, ListQuery)
    same = Candidate(PERSON.name_parts, "", PERSON.birth_date, "119850123456")
    other = Candidate(("محمد", "", "", ""), "", PERSON.birth_date, "119850999999")
    assert score(query, same).value == 100
    assert score(query, same).reasons[0] == "national_number:equal"
    assert score(query, other).reasons[0] == "national_number:differs"
    (exact_name,) = read_all("name,national_number", "محمد,119850999990")
    assert isinstance(exact_name, ListQuery)
    assert score(exact_name, other).value <= 95


def test_a_plain_name_ranks_name_order_above_words_elsewhere_and_above_the_mother() -> None:
    (query,) = read_all("محمد علي")
    assert isinstance(query, ListQuery)
    in_order = score(query, PERSON).value
    elsewhere = Candidate(("سالم", "محمد", "علي", "الورفلي"), "", PERSON.birth_date, None)
    mother = Candidate(("خالد", "عمر", "سالم", "الزوي"), "محمد علي", PERSON.birth_date, None)
    assert in_order > score(query, elsewhere).value > score(query, mother).value > 0
    assert "mother:70" in score(query, mother).reasons
    (short,) = read_all("محمد علي سا")
    assert isinstance(short, ListQuery)
    assert score(short, PERSON).value > 90  # a last word cut short reads as the whole word


def test_leading_empty_cells_keep_their_columns() -> None:
    found = read_all("\tname\tnational_number", "\t\t119850123456", "x\tمحمد\t")
    assert isinstance(found[0], ListQuery) and found[0].national_number == "119850123456"
    assert not found[0].name
    assert isinstance(found[1], ListQuery) and found[1].name == "محمد"


def test_a_document_number_on_a_plain_line_is_100() -> None:
    (query,) = read_all("p 1234567")
    assert isinstance(query, ListQuery)
    holder = Candidate(PERSON.name_parts, "", PERSON.birth_date, None, ("P1234567",))
    assert score(query, holder) == Score(100, ("document:equal",))
    assert score(query, PERSON).value < 50
