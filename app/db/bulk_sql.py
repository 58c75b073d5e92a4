"""How bulk rows are stored: the ORM's storage formats, the INSERT statements (with what is
the same for every row of a batch written into the SQL once), and the outbox JSON templates
made with `app.db.capture.changes_json`, so bulk inserts and ORM inserts read the same.

The column lists are checked against the models at import: a column added to a model and not
here fails loudly instead of being left out of bulk writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) uses
from typing import Any

from sqlalchemy import Table

from app.db.base import SYNC_BOOKKEEPING
from app.db.capture import Actor, changes_json
from app.db.models import BeneficiaryRow, HouseholdRow, IdentifierRow, PhoneRow
from app.db.serialize import JsonValue, to_json_value
from app.domain.beneficiary import Identifier

NULL = "null"


# -- storage formats (those of SQLAlchemy's SQLite Date and DateTime types) -----------------


def db_datetime(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def json_text(value: str) -> str:
    """`value` as JSON text, as `changes_json` writes it."""
    return encode_basestring(value)


def json_text_or_null(value: str | None) -> str:
    return NULL if value is None else json_text(value)


# -- the column order of each INSERT; checked against the models (a new column must be added) --

_SYNC = (
    "id",
    "origin_branch",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "row_version",
    "hq_version",
    "deleted_at",
)
_BENEFICIARY_DATA = (
    "local_id",
    "person_number",
    "first_name",
    "father_name",
    "grandfather_name",
    "family_name",
    "mother_name",
    "latin_name",
    "sex",
    "birth_date",
    "birth_date_estimated",
    "nationality",
    "municipality_code",
    "address",
    "marital_status",
    "disability_type",
    "disability_degree",
    "displacement_status",
    "monthly_income_dirhams",
    "notes",
    "household_id",
    "household_relationship",
    "name_key",
    "mother_key",
)
_IDENTIFIER_DATA = ("beneficiary_id", "id_type", "number")
_PHONE_DATA = ("beneficiary_id", "e164", "position")
_HOUSEHOLD_DATA = (
    "head_id",
    "municipality_code",
    "address",
    "housing_type",
    "monthly_income_dirhams",
    "notes",
)
FTS_INSERT = (
    "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family, mother,"
    " ids, pos) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_OUTBOX_INSERT = (
    "INSERT INTO outbox (table_name, row_id, op, changes, row_version, base_hq_version, user_id,"
    " changed_at) VALUES ({table}, ?, 'insert', ?, 1, NULL, {user}, {stamp})"
)


def _insert_sql(table: Table, data_columns: Sequence[str]) -> str:
    """INSERT taking the data columns and the id; the batch's constants are filled in later."""
    columns = (*data_columns, *_SYNC)
    known = {c.name for c in table.columns}
    if {*columns, "local_id"} != known:  # local_id: given for beneficiaries, else the rowid
        raise RuntimeError(
            f"the bulk writer is out of date with table {table.name}: "
            f"{sorted(known.symmetric_difference({*columns, 'local_id'}))}"
        )
    # row_version 1, no hq_version, no tombstone: what capture gives every new row.
    constants = ["{branch}", "{stamp}", "{user}", "{stamp}", "{user}", "1", "NULL", "NULL"]
    values = ", ".join(["?"] * (len(data_columns) + 1) + constants)
    return f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({values})"


_BENEFICIARY_INSERT = _insert_sql(BeneficiaryRow.__table__, _BENEFICIARY_DATA)  # type: ignore[arg-type]
_IDENTIFIER_INSERT = _insert_sql(IdentifierRow.__table__, _IDENTIFIER_DATA)  # type: ignore[arg-type]
_PHONE_INSERT = _insert_sql(PhoneRow.__table__, _PHONE_DATA)  # type: ignore[arg-type]
_HOUSEHOLD_INSERT = _insert_sql(HouseholdRow.__table__, _HOUSEHOLD_DATA)  # type: ignore[arg-type]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True, slots=True)
class Statements:
    """The INSERTs of one bulk write, with what is the same for every row (author, branch,
    time) written into the SQL once instead of bound on every row."""

    beneficiary: str
    identifier: str
    phone: str
    household: str
    outbox: dict[str, str]

    @classmethod
    def make(cls, actor: Actor, stamp: str) -> Statements:
        return cls._with(
            branch=_literal(actor.branch_code), stamp=_literal(stamp), user=_literal(actor.user_id)
        )

    @classmethod
    def bound(cls) -> Statements:
        """The same INSERTs with the author, branch and time bound as the last parameters
        (`bound_constants`): the same SQL text every time, prepared once per connection."""
        return _BOUND

    @classmethod
    def _with(cls, **constants: str) -> Statements:
        return cls(
            beneficiary=_BENEFICIARY_INSERT.format(**constants),
            identifier=_IDENTIFIER_INSERT.format(**constants),
            phone=_PHONE_INSERT.format(**constants),
            household=_HOUSEHOLD_INSERT.format(**constants),
            outbox={
                t: _OUTBOX_INSERT.format(table=_literal(t), **constants)
                for t in (
                    "beneficiaries",
                    "beneficiary_identifiers",
                    "beneficiary_phones",
                    "households",
                )
            },
        )


_BOUND = Statements._with(branch="?", stamp="?", user="?")


def bound_constants(actor: Actor, stamp: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The trailing parameters of `Statements.bound()`: of a row's INSERT, of an outbox line's."""
    return (actor.branch_code, stamp, actor.user_id, stamp, actor.user_id), (actor.user_id, stamp)


def with_constants(
    rows: Sequence[tuple[Any, ...]], constants: tuple[str, ...]
) -> Sequence[tuple[Any, ...]]:
    """`rows` with the trailing parameters of `Statements.bound()` (none: as they are)."""
    return [(*r, *constants) for r in rows] if constants else rows


def identifier_order(ident: Identifier) -> tuple[str, str]:
    """The order the ORM path inserts a person's identifier rows in."""
    return (ident.type.value, ident.number)


class _ChangesFormat:
    """The outbox `changes` JSON of an insert as a %-format string, made by `changes_json`.

    Columns whose value is the same for the whole batch are rendered once; each remaining
    column is a `%s` slot taking its JSON text, in sorted column order (`self.slots`).
    """

    def __init__(self, table: Table, constants: Mapping[str, JsonValue]) -> None:
        columns = [c.name for c in table.columns if c.name not in SYNC_BOOKKEEPING]
        self.slots = tuple(sorted(c for c in columns if c not in constants))
        marks = {c: f"@@{i}@@" for i, c in enumerate(self.slots)}
        text = changes_json(
            {c: [None, constants[c] if c in constants else marks[c]] for c in columns}
        ).replace("%", "%%")
        for mark in marks.values():
            assert text.count(f'"{mark}"') == 1
            text = text.replace(f'"{mark}"', "%s")
        self.format = text

    def expect(self, slots: Sequence[str]) -> str:
        if tuple(slots) != self.slots:
            raise RuntimeError(f"outbox slots {self.slots} != {tuple(slots)}")
        return self.format


def changes_formats(actor: Actor, now: datetime) -> dict[str, str]:
    """The outbox JSON formats of rows `actor` inserts at `now` (made once per actor)."""
    stamp = to_json_value(now)
    assert isinstance(stamp, str)
    return {table: text.replace(_STAMP, stamp) for table, text in _formats_of(actor).items()}


_STAMP = "@@created_at@@"  # where the time goes in a format made once per actor


@lru_cache(maxsize=16)
def _formats_of(actor: Actor) -> dict[str, str]:
    constants: dict[str, JsonValue] = {
        "origin_branch": actor.branch_code,
        "created_at": _STAMP,
        "created_by": actor.user_id,
        "deleted_at": None,
    }
    return {
        "beneficiaries": _ChangesFormat(BeneficiaryRow.__table__, constants).expect(  # type: ignore[arg-type]
            (
                "address",
                "birth_date",
                "birth_date_estimated",
                "disability_degree",
                "disability_type",
                "displacement_status",
                "family_name",
                "father_name",
                "first_name",
                "grandfather_name",
                "household_id",
                "household_relationship",
                "id",
                "latin_name",
                "marital_status",
                "monthly_income_dirhams",
                "mother_key",
                "mother_name",
                "municipality_code",
                "name_key",
                "nationality",
                "notes",
                "person_number",
                "sex",
            )
        ),
        "identifiers": _ChangesFormat(IdentifierRow.__table__, constants).expect(  # type: ignore[arg-type]
            ("beneficiary_id", "id", "id_type", "number")
        ),
        "phones": _ChangesFormat(PhoneRow.__table__, constants).expect(  # type: ignore[arg-type]
            ("beneficiary_id", "e164", "id", "position")
        ),
        "households": _ChangesFormat(HouseholdRow.__table__, constants).expect(  # type: ignore[arg-type]
            (
                "address",
                "head_id",
                "housing_type",
                "id",
                "monthly_income_dirhams",
                "municipality_code",
                "notes",
            )
        ),
    }
