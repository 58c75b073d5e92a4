"""Fixtures for the db layer: the migrated branch database and two authors."""

from __future__ import annotations

import pytest

from app.db.capture import Actor
from app.db.unit_of_work import Database
from app.services.setup import AppServices


@pytest.fixture
def db(services: AppServices) -> Database:
    return services.ctx.db


@pytest.fixture
def actor() -> Actor:
    return Actor(user_id="user-one", branch_code="TRP01")


@pytest.fixture
def other_actor() -> Actor:
    return Actor(user_id="user-two", branch_code="TRP01")
