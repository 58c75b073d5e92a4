"""Two real branches (TRP01 and BEN01) with a social worker logged in at each, syncing with one
HQ over its HTTP app in-process, on SQLite or PostgreSQL (`central_url`): the world of the
registry tests (duplicate pairs, merges). The fixtures are registered in tests/hq/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from app.domain.accounts import Role
from app.hq.duplicates import DuplicateDesk, PairLine
from tests.sync.world import Hq, SyncBranch, make_branch_template, world

WORKER = ("wrk", "worker-pass-123")


@pytest.fixture(scope="module")
def registry_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_branch_template(tmp_path_factory.mktemp("registry-template") / "branch")


@dataclass
class Registry:
    hq: Hq
    a: SyncBranch  # TRP01
    b: SyncBranch  # BEN01
    url: str

    @property
    def desk(self) -> DuplicateDesk:
        return DuplicateDesk.of(self.hq.service)

    def pairs(self, status: str | None = None) -> list[PairLine]:
        return self.desk.pairs(status)

    def cli(self, *argv: str) -> int:
        return main(["hq", *argv, "--hq-dir", str(self.hq.home.root), "--db", self.url])


@pytest.fixture
def registry(central_url: str, tmp_path: Path, registry_template: Path) -> Iterator[Registry]:
    with world(tmp_path, central_url, registry_template, ["TRP01", "BEN01"]) as (hq, branches):
        for branch in branches:
            branch.services.accounts.create_user(
                WORKER[0], "أخصائية", Role.SOCIAL_WORKER, WORKER[1]
            )
            branch.services.accounts.login(*WORKER)
        a, b = branches
        yield Registry(hq, a, b, central_url)
