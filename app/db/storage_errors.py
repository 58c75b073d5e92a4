"""Telling a value the central database refuses (permanent: the batch's content) from the
database being unavailable (transient: try again later).

The merge writes new rows through the driver itself (COPY, executemany), so the driver's own
exceptions reach HQ unwrapped by SQLAlchemy; both kinds are recognized here.
"""

from __future__ import annotations

import sqlite3

import psycopg
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, SQLAlchemyError

DRIVER_ERRORS: tuple[type[Exception], ...] = (psycopg.Error, sqlite3.Error)
DATABASE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError, *DRIVER_ERRORS)
_CONTENT = (
    psycopg.errors.DataError,
    psycopg.errors.IntegrityError,
    sqlite3.IntegrityError,
    sqlite3.DataError,
)


def is_content_error(err: BaseException) -> bool:
    """A refusal of the data itself (a value too long, NUL in a text, a number out of range,
    a broken constraint): the same batch would fail the same way again."""
    if isinstance(err, DataError | IntegrityError):
        return True
    if isinstance(err, DBAPIError):
        return isinstance(err.orig, _CONTENT)
    if isinstance(err, psycopg.Error) and (err.sqlstate or "")[:2] in ("22", "23"):
        return True
    return isinstance(err, _CONTENT)
