"""Shared fixtures: one migrated template branch per run, copied per test (Anki's trick)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import pytest
from argon2 import PasswordHasher

from app.demo import branch as demo_branch
from app.demo.branch import DEMO_ACCOUNTS, ensure_demo_seeded
from app.services.setup import AppServices, open_branch

# Cheap hashes in tests only; production uses argon2-cffi's defaults.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
TODAY = date(2026, 11, 22)


def _accounts_only(services: AppServices, people: int) -> None:
    for username, display, role, password in DEMO_ACCOUNTS:
        services.accounts.create_user(
            username, display, role, password, is_demo=True, by_admin=False
        )


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated demo branch with the demo accounts and no people."""
    folder = tmp_path_factory.mktemp("template")
    original = demo_branch.seed_demo_branch
    demo_branch.seed_demo_branch = _accounts_only
    try:
        services = open_branch(folder, hasher=FAST_HASHER, today=TODAY)
        ensure_demo_seeded(services)
        services.close()
    finally:
        demo_branch.seed_demo_branch = original
    for extra in folder.glob("sanad.db-*"):
        extra.unlink()
    return folder


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "branch"
    shutil.copytree(template_dir, target)
    return target


@pytest.fixture
def services(data_dir: Path) -> Iterator[AppServices]:
    """An empty demo branch (accounts only), nobody logged in."""
    svc = open_branch(data_dir, hasher=FAST_HASHER, today=TODAY)
    yield svc
    svc.close()


@pytest.fixture
def worker(services: AppServices) -> AppServices:
    """The same branch with the demo social worker logged in."""
    services.accounts.login("worker", "worker-demo-2026")
    return services
