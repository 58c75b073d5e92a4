"""The `sanad hq` command tests run against the same central databases as the HQ tests."""

from __future__ import annotations

from tests.hq.conftest import central_url, pg_database, sqlite_template

__all__ = ["central_url", "pg_database", "sqlite_template"]
