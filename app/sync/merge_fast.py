"""The merge's fast path (the rows that inserts of rows HQ does not have become) and its writes.

Most of a batch is usually inserts of new rows that no other change of the batch touches. For
those, `prepare` builds the row's values straight from the change line, as the driver gets
them (SQLAlchemy's bind processors applied, as Core would), without the replay's per-line
dicts. What each field must hold and becomes is worked out once per *shape* (a table and the
fields of its inserts, in their order: a branch writes every insert of a table alike), so a
line costs a few C-level calls and the conversion of its times and days. Whatever this path
is not sure of (a value of another type, a time with an offset, a missing field…) is left to
the replay in app/sync/merge.py, which alone decides rejections and conflicts.

New rows are written with COPY on PostgreSQL and the driver's executemany on SQLite; changed
rows (and the rare new row holding a time with an offset) with Core statements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Dialect, Table, bindparam, insert, update
from sqlalchemy.orm import Session

from app.sync.ownership import NUMBERED, numbered_ok, references
from app.sync.value_rules import ColumnRule, ShapeCheck

Converter = Callable[[Any], Any]
Row = Sequence[Any]  # a row's values in the merge's column order, as the driver gets them
_NONE = type(None)
_LISTS = {list}
_BOOKKEEPING = ("id", "origin_branch", "row_version", "updated_at", "updated_by", "hq_version")
_JSON_KIND: dict[type, type] = {str: str, int: int, bool: bool, datetime: str, date: str}
_MAX_SHAPES = 1024  # per table: a branch has a handful; a hostile batch must not grow it forever
_MAX_REMEMBERED = 4096
_ID_WIDTH = 36  # ids and user ids (String(36))


class Unsure(Exception):
    """The fast path does not take this line: the replay decides it."""


def _moment(value: str) -> datetime:
    # Only naive times: an offset would be stored differently by COPY than by a bound value.
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        raise Unsure
    return moment


_PARSERS: dict[type, Converter] = {datetime: _moment, date: date.fromisoformat}


# SQLite's stored text for times and days, made by C methods: used only where it gives exactly
# what SQLAlchemy's own bind processor gives (checked on these samples when a plan is made).
def _sqlite_moment(value: datetime) -> str:
    text = value.isoformat(" ")
    return text if len(text) == 26 else text + ".000000"


_FORMATS: dict[type, tuple[Converter, tuple[Any, ...]]] = {
    datetime: (_sqlite_moment, (datetime(2026, 3, 1, 8, 5, 9, 12), datetime(999, 1, 2, 3, 4, 5),
                                datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999999))),
    date: (date.isoformat, (date(2026, 3, 1), date(999, 1, 2), date(1, 1, 1))),
}  # fmt: skip


def _processor(table: Table, key: str, kind: type, dialect: Dialect) -> Converter | None:
    proc: Converter | None = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
    fast = _FORMATS.get(kind)
    if proc is not None and fast is not None and all(fast[0](s) == proc(s) for s in fast[1]):
        return fast[0]
    return proc


def _then(parse: Converter | None, proc: Converter | None) -> Converter | None:
    if parse is None or proc is None:
        return parse or proc
    return lambda value: proc(parse(value))


def _remembered(convert: Converter) -> Converter:
    """`convert` (a pure function of a string), remembering its recent answers: the rows of one
    transaction at a branch (a bulk import: thousands) share their times."""
    known: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return known[value]
        except KeyError:
            pass
        if len(known) >= _MAX_REMEMBERED:
            known.clear()
        answer = known[value] = convert(value)  # a failure raises, and is not remembered
        return answer

    return remembered


# -- plans --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    """One table's fast path on one dialect."""

    table: str
    keys: tuple[str, ...]  # the merge's column order (never local_id)
    index: dict[str, int]
    kinds: tuple[type, ...]  # each column's Python type
    process: tuple[Converter | None, ...]  # Python value -> driver value (bind processors)
    required: frozenset[str]
    refs: tuple[tuple[str, int, str], ...]  # (column, position, table) of each reference
    numbered: int | None  # position of the number that must begin with the signer's code
    rules: dict[str, ColumnRule]  # what each column can store
    moments: tuple[str, ...]  # datetime columns
    shapes: dict[tuple[str, ...], Shape | None] = field(default_factory=dict)

    def driver_values(self, row: dict[str, Any]) -> list[Any]:
        """A replayed row's values as the driver gets them."""
        out = [row.get(k) for k in self.keys]
        for i, proc in enumerate(self.process):
            if proc is not None and out[i] is not None:
                out[i] = proc(out[i])
        return out

    def core_only(self, row: dict[str, Any]) -> bool:
        """A replayed row with a time that has an offset: only Core stores it as Core does."""
        return any(
            isinstance(v, datetime) and v.tzinfo is not None for v in map(row.get, self.moments)
        )

    def shape(self, fields: tuple[str, ...]) -> Shape | None:
        """How inserts with these fields convert (None: never by the fast path)."""
        try:
            return self.shapes[fields]
        except KeyError:
            pass
        fits = self.required.issubset(fields) and all(
            f in self.index and self.kinds[self.index[f]] in _JSON_KIND for f in fields
        )
        if len(self.shapes) >= _MAX_SHAPES:
            self.shapes.clear()
        shape = self.shapes[fields] = Shape(self, fields) if fits else None
        return shape


class Shape:
    """Inserts of one table with the same fields in the same order: the JSON type each value
    must have, which values are parsed (times, days), and where each lands in the row."""

    __slots__ = (
        "check", "expected", "fits", "number", "origin", "parse", "place", "seen", "table",
        "updated_at",
    )  # fmt: skip

    def __init__(self, plan: Plan, fields: tuple[str, ...]) -> None:
        kinds = [plan.kinds[plan.index[f]] for f in fields]
        self.expected = tuple(_JSON_KIND[k] for k in kinds)
        self.parse = tuple(
            (i, _remembered(conv) if k in _PARSERS else conv)
            for i, (f, k) in enumerate(zip(fields, kinds, strict=True))
            if (conv := _then(_PARSERS.get(k), plan.process[plan.index[f]])) is not None
        )  # fmt: skip
        self.origin = fields.index("origin_branch")
        self.check = ShapeCheck(plan.rules, fields)
        self.fits = self.check.fits  # widths and ranges: one generated expression
        numbered = NUMBERED.get(plan.table)
        self.table = plan.table
        self.number = fields.index(numbered) if numbered in fields else None
        self.updated_at = _remembered(
            _then(_moment, plan.process[plan.index["updated_at"]]) or _moment
        )
        # The row is picked from [field values…, None, bookkeeping values…] (see `convert`).
        width = len(fields)
        self.place = itemgetter(*(
            width + 1 + _BOOKKEEPING.index(k) if k in _BOOKKEEPING
            else fields.index(k) if k in fields else width
            for k in plan.keys
        ))  # fmt: skip
        self.seen: dict[tuple[type, ...], bool] = {}  # the value types met: all as expected?

    def convert(
        self, line: dict[str, Any], branch: str, hq_version: int, texts: bool = True
    ) -> Row | None:
        pairs = line["changes"].values()
        if set(map(type, pairs)) != _LISTS:
            return None
        try:
            values = [new for _old, new in pairs]  # every pair a list of two (or it raises)
        except ValueError:
            return None
        types = tuple(map(type, values))
        fine = self.seen.get(types)
        if fine is None:
            fine = all(t is _NONE or t is e for t, e in zip(types, self.expected, strict=True))
            if len(self.seen) < _MAX_SHAPES:
                self.seen[types] = fine
        changed_at, row_version, user_id = (
            line.get("changed_at"), line.get("row_version"), line.get("user_id")
        )  # fmt: skip
        if (
            not fine or type(changed_at) is not str or type(row_version) is not int
            or type(user_id) is not str
        ):  # fmt: skip
            return None
        origin, row_id = values[self.origin], line["row_id"]
        if (
            origin not in (None, branch) or len(row_id) > _ID_WIDTH or len(user_id) > _ID_WIDTH
            or not self.fits(values)
            or (texts and not self.check.fine(values, row_id + user_id))
        ):  # fmt: skip
            return None  # the replay refuses it, with the reason
        if self.number is not None and not numbered_ok(self.table, values[self.number], branch):
            return None
        if not -(2**31) <= row_version < 2**31:
            return None
        try:
            for i, conv in self.parse:
                if values[i] is not None:
                    values[i] = conv(values[i])
            updated_at = self.updated_at(changed_at)
        except (Unsure, ValueError):
            return None
        origin = branch
        values += (None, line["row_id"], origin, row_version, updated_at, user_id, hq_version)
        row: Row = self.place(values)
        return row


class FastPath:
    """The plans of every synced table, made once per dialect."""

    def __init__(
        self,
        tables: dict[str, Table],
        keys: dict[str, list[str]],
        types: dict[str, dict[str, type]],
        required: dict[str, tuple[str, ...]],
        rules: dict[str, dict[str, ColumnRule]],
    ) -> None:
        self._args = (tables, keys, types, required, rules)
        self._plans: dict[str, dict[str, Plan]] = {}

    def plans(self, dialect: Dialect) -> dict[str, Plan]:
        if dialect.name not in self._plans:
            self._plans[dialect.name] = self._make(dialect)
        return self._plans[dialect.name]

    def _make(self, dialect: Dialect) -> dict[str, Plan]:
        tables, all_keys, all_types, required, rules = self._args
        plans: dict[str, Plan] = {}
        for name, table in tables.items():
            keys, types = all_keys[name], all_types[name]
            kinds = tuple(types[k] for k in keys)
            numbered = NUMBERED.get(name)
            plans[name] = Plan(
                table=name, keys=tuple(keys), index={k: i for i, k in enumerate(keys)},
                kinds=kinds, process=tuple(_processor(table, k, types[k], dialect) for k in keys),
                required=frozenset(required[name]),
                refs=tuple((c, keys.index(c), t) for c, t in references(name)),
                numbered=keys.index(numbered) if numbered else None, rules=rules[name],
                moments=tuple(k for k in keys if types[k] is datetime),
            )  # fmt: skip
        return plans


# -- preparing the rows -------------------------------------------------------------------------


def prepare(
    lines: list[dict[str, Any]],
    plans: dict[str, Plan],
    touches: dict[str, dict[str, int]],
    state: dict[str, dict[str, Any]],
    branch: str,
    hq_version: int,
    *,
    texts: bool = True,
) -> list[Row | None]:
    """For each line, the row its insert makes if the fast path takes it (None: replay it).

    Taken: an insert of a row HQ does not have (`state`) that no other line touches
    (`touches`), that claims no other owner, whose every value converts and can be stored.
    Whether the rows it refers to exist and are the signer's depends on the lines before it:
    the caller checks that in order (`Plan.refs`)."""
    out: list[Row | None] = [None] * len(lines)
    for i, line in enumerate(lines):
        table, row_id, changes = line.get("table"), line.get("row_id"), line.get("changes")
        if (
            line.get("op") != "insert" or type(table) is not str or type(row_id) is not str
            or type(changes) is not dict or table not in plans
            or touches[table].get(row_id) != 1 or row_id in state[table]
        ):  # fmt: skip
            continue
        shape = plans[table].shape(tuple(changes))
        if shape is not None:
            out[i] = shape.convert(line, branch, hq_version, texts)
    return out


# -- writing ------------------------------------------------------------------------------------


def write_rows(
    session: Session,
    table: Table,
    keys: Sequence[str],
    new: list[Row],
    old: list[dict[str, Any]],
    core_new: list[dict[str, Any]],
) -> None:
    """New rows (driver values in `keys` order) with COPY on PostgreSQL or the driver's
    executemany on SQLite (as app/db/bulk.py writes); changed rows, and `core_new`, with Core
    statements (`write_core`)."""
    if new:
        session.flush()  # whatever the ORM holds goes first, in the same transaction
        bind = session.get_bind()
        dbapi: Any = session.connection().connection.driver_connection
        quote = bind.dialect.identifier_preparer.quote
        into = f"{quote(table.name)} ({', '.join(quote(k) for k in keys)})"
        if bind.dialect.name == "postgresql":
            with dbapi.cursor() as cursor, cursor.copy(f"COPY {into} FROM STDIN") as copy:
                for row in new:
                    copy.write_row(row)
        else:
            cursor = dbapi.cursor()
            try:
                cursor.executemany(f"INSERT INTO {into} VALUES ({', '.join('?' * len(keys))})", new)
            finally:
                cursor.close()
    write_core(session, table, keys, core_new, old)


def write_core(
    session: Session,
    table: Table,
    keys: Sequence[str],
    new: list[dict[str, Any]],
    old: list[dict[str, Any]],
) -> None:
    """New and changed rows (Python values by column) with Core executemany statements."""
    if new:
        session.execute(insert(table), [{k: r.get(k) for k in keys} for r in new])
    if old:
        stmt = (
            update(table)
            .where(table.c.id == bindparam("_id"))
            .values({k: bindparam(k) for k in keys if k != "id"})
        )
        session.execute(
            stmt, [{"_id": r["id"], **{k: r.get(k) for k in keys if k != "id"}} for r in old]
        )
