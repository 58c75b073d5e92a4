"""Fixtures of the command-line tests: the central databases of the HQ tests (tests.hq), the
served HQ with a real branch of the sync tests (tests.services.branch_sync), and the people file
of the import tests (tests.services.import_samples)."""

from __future__ import annotations

from tests.hq.conftest import central_url, pg_database, sqlite_template
from tests.services.branch_sync import branch, branch_template, hq, hq_template, server
from tests.services.import_samples import mixed_csv

__all__ = [
    "branch",
    "branch_template",
    "central_url",
    "hq",
    "hq_template",
    "mixed_csv",
    "pg_database",
    "server",
    "sqlite_template",
]
