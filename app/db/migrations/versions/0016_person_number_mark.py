"""The highest person number this branch's rows have held, kept by triggers (`local_meta`).

The next person number is never below a number this branch's rows hold (a copy restored from
an old backup gets its lost people back from HQ, numbers and all). Finding that number by
reading the numbers took a scan of the branch's numbers at every registration (30 ms at
100,000 people, growing with them: "longer is higher" orders by length, which no index on the
text serves). Triggers on `beneficiaries` now keep it as `local_meta` "person_seq_used"
whenever a row takes one of this branch's numbers, however it is written (registration, an
import, HQ's rows, a renumbering); it only grows. Here it is set from the rows once.

SQLite (a branch) only: HQ never numbers people.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

MARK_KEY = "person_seq_used"
_TRIGGERS = ("beneficiaries_number_used_insert", "beneficiaries_number_used_update")
# The sequence of NEW.person_number when it is one of this branch's (`<code>-P-<digits>`).
_BODY = """
BEGIN
  INSERT INTO local_meta (key, value)
  SELECT 'person_seq_used', CAST(CAST(substr(NEW.person_number, length(b.value) + 4)
                                      AS INTEGER) AS TEXT)
  FROM local_meta b
  WHERE b.key = 'branch.code'
    AND substr(NEW.person_number, 1, length(b.value) + 3) = b.value || '-P-'
    AND substr(NEW.person_number, length(b.value) + 4) GLOB '[0-9]*'
    AND NOT substr(NEW.person_number, length(b.value) + 4) GLOB '*[^0-9]*'
    AND length(NEW.person_number) <= length(b.value) + 15
  ON CONFLICT (key) DO UPDATE SET value = excluded.value
    WHERE CAST(excluded.value AS INTEGER) > CAST(local_meta.value AS INTEGER);
END
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    op.execute(
        "CREATE TRIGGER beneficiaries_number_used_insert AFTER INSERT ON beneficiaries"
        " WHEN NEW.person_number IS NOT NULL" + _BODY
    )
    op.execute(
        "CREATE TRIGGER beneficiaries_number_used_update AFTER UPDATE OF person_number"
        " ON beneficiaries WHEN NEW.person_number IS NOT NULL" + _BODY
    )
    _backfill(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DELETE FROM local_meta WHERE key = '{MARK_KEY}'")


def _backfill(bind: sa.Connection) -> None:
    code = bind.execute(sa.text("SELECT value FROM local_meta WHERE key = 'branch.code'")).scalar()
    if not code:
        return  # a new database: no numbers yet (the triggers count from the first)
    prefix = f"{code}-P-"
    # The migration's own copy of the number's shape (app.domain.person_numbers).
    shape = re.compile(rf"^{re.escape(prefix)}(\d{{1,12}})$")
    highest = 0
    rows = bind.execute(
        sa.text("SELECT person_number FROM beneficiaries WHERE substr(person_number, 1, :n) = :p"),
        {"n": len(prefix), "p": prefix},
    )
    for (number,) in rows:
        found = shape.match(number)
        if found:
            highest = max(highest, int(found.group(1)))
    if highest:
        bind.execute(
            sa.text("INSERT OR REPLACE INTO local_meta (key, value) VALUES (:k, :v)"),
            {"k": MARK_KEY, "v": str(highest)},
        )
