"""Search keys of issue 13: every name re-keyed, the search index rebuilt, its vocabulary.

The normalization (`app.domain.arabic`) now folds more variants (hamza on waw and yeh, a
dropped hamza, other keyboards' heh forms, compounds such as بو/بن/الدين), keeps names that
begin with ال, and the index holds transliteration keys. Existing rows are re-keyed so that
old and new registrations meet:

- `beneficiaries.name_key` and `mother_key` are recomputed (branch and HQ; only rows whose key
  changed are written);
- at a branch (SQLite), every row of the search index is rebuilt from its person, and an
  fts5vocab table over the index (`beneficiary_search_vocab`) lets the typo tier look up the
  words people really have.

Rows are read and written in chunks, so memory stays flat however large the registry.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from app.db.name_keys import KeyMaker
from app.db.search_index import positional

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_CHUNK = 5000
_VOCAB = "CREATE VIRTUAL TABLE beneficiary_search_vocab USING fts5vocab(beneficiary_search, row)"


def upgrade() -> None:
    bind = op.get_bind()
    keys = KeyMaker()
    _rekey(bind, keys)
    if bind.dialect.name == "sqlite":
        _reindex(bind, keys)
        op.execute(_VOCAB)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS beneficiary_search_vocab")
    # Keys and index rows stay as they are: the older code reads them as words.


def _columns(bind: sa.Connection) -> set[str]:
    return {c["name"] for c in sa.inspect(bind).get_columns("beneficiaries")}


def _rekey(bind: sa.Connection, keys: KeyMaker) -> None:
    after = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT local_id, first_name, father_name, grandfather_name, family_name,"
                " mother_name, name_key, mother_key FROM beneficiaries WHERE local_id > :after"
                " ORDER BY local_id LIMIT :n"
            ),
            {"after": after, "n": _CHUNK},
        ).all()
        if not rows:
            return
        changed = []
        for local_id, first, father, grandfather, family, mother, name_key, mother_key in rows:
            new_name = keys.name_key(first, father, grandfather, family)
            new_mother = keys.mother_key(mother)
            if new_name != name_key or new_mother != mother_key:
                changed.append({"id": local_id, "name": new_name, "mother": new_mother})
        if changed:
            bind.execute(
                sa.text(
                    "UPDATE beneficiaries SET name_key = :name, mother_key = :mother"
                    " WHERE local_id = :id"
                ),
                changed,
            )
        after = rows[-1][0]


def _reindex(bind: sa.Connection, keys: KeyMaker) -> None:
    latin = "latin_name" if "latin_name" in _columns(bind) else "''"
    after = 0
    while True:
        indexed = [
            r
            for (r,) in bind.execute(
                sa.text(
                    "SELECT rowid FROM beneficiary_search WHERE rowid > :after"
                    " ORDER BY rowid LIMIT :n"
                ),
                {"after": after, "n": _CHUNK},
            )
        ]
        if not indexed:
            return
        marks = ",".join(str(int(r)) for r in indexed)  # integers: safe to inline
        people = bind.execute(
            sa.text(
                "SELECT local_id, id, first_name, father_name, grandfather_name, family_name,"
                f" mother_name, {latin} FROM beneficiaries WHERE local_id IN ({marks})"
            )
        ).all()
        numbers = _numbers(bind, [p[1] for p in people])
        rows = []
        for local_id, pid, first, father, grandfather, family, mother, latin_name in people:
            parts = (keys.norm(first), keys.norm(father), keys.norm(grandfather), keys.norm(family))
            rows.append(
                {
                    "r": local_id,
                    "a": parts[0],
                    "b": parts[1],
                    "c": parts[2],
                    "d": parts[3],
                    "e": keys.norm(mother),
                    "f": " ".join(numbers.get(pid, [])),
                    "g": positional(parts, latin_name or ""),
                }
            )
        op.execute(f"DELETE FROM beneficiary_search WHERE rowid IN ({marks})")
        if rows:
            bind.execute(
                sa.text(
                    "INSERT INTO beneficiary_search(rowid, first, father, grandfather, family,"
                    " mother, ids, pos) VALUES (:r, :a, :b, :c, :d, :e, :f, :g)"
                ),
                rows,
            )
        after = indexed[-1]


def _numbers(bind: sa.Connection, people: list[str]) -> dict[str, list[str]]:
    """Each person's indexed numbers: identifiers (by type, number), then phones both ways."""
    found: dict[str, list[str]] = defaultdict(list)
    if not people:
        return found
    params = {f"p{i}": p for i, p in enumerate(people)}
    marks = ",".join(f":p{i}" for i in range(len(people)))
    for pid, number in bind.execute(
        sa.text(
            "SELECT beneficiary_id, number FROM beneficiary_identifiers WHERE deleted_at IS NULL"
            f" AND beneficiary_id IN ({marks}) ORDER BY beneficiary_id, id_type, number"
        ),
        params,
    ):
        found[pid].append(number)
    for pid, e164 in bind.execute(
        sa.text(
            "SELECT beneficiary_id, e164 FROM beneficiary_phones WHERE deleted_at IS NULL"
            f" AND beneficiary_id IN ({marks}) ORDER BY beneficiary_id, position"
        ),
        params,
    ):
        national = e164.removeprefix("+218")
        found[pid].extend((national, "0" + national))
    return found
