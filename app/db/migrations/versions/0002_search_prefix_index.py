"""Search index: prefix indexes of 1 to 8 letters, and the name words tagged by place.

Search as you type ends every query in a prefix ("محمد ع"); without a prefix index FTS5 merges
the doclists of every word with that prefix, which took up to 120 ms at 1,000,000 people. With
indexes for prefixes of 1-8 letters (Arabic name words rarely exceed 8) p99 drops to ~3 ms for
~55 % more index (bench/search.py, docs/benchmarks.md). The `pos` column holds the four name
parts' words tagged with their place ("1محمد 2علي …"), so that "in name order" matches are an
intersection of exact doclists rather than a column filter over every row holding the words.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = "first, father, grandfather, family, mother, ids"


def _tagged(column: str, place: int) -> str:
    """SQL for a column's words each prefixed by its place ("علي سالم" -> "2علي 2سالم")."""
    return (
        f"CASE WHEN {column} = '' THEN '' ELSE '{place}' || replace({column}, ' ', ' {place}') END"
    )


POS = " || ' ' || ".join(
    _tagged(c, i) for i, c in enumerate(("first", "father", "grandfather", "family"), 1)
)


def _rebuild(prefix: str, with_pos: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    columns = COLUMNS + (", pos" if with_pos else "")
    op.execute(
        f"CREATE VIRTUAL TABLE beneficiary_search_new USING fts5({columns}, "
        f"detail=column, prefix='{prefix}', tokenize='unicode61 remove_diacritics 0')"
    )
    op.execute(
        f"INSERT INTO beneficiary_search_new(rowid, {columns}) "
        f"SELECT rowid, {COLUMNS}{', ' + POS if with_pos else ''} FROM beneficiary_search"
    )
    op.execute("DROP TABLE beneficiary_search")
    op.execute("ALTER TABLE beneficiary_search_new RENAME TO beneficiary_search")


def upgrade() -> None:
    _rebuild("1 2 3 4 5 6 7 8", with_pos=True)


def downgrade() -> None:
    _rebuild("2 3", with_pos=False)
