"""Fixtures of the service tests: a branch with case staff (see tests.services.case_staff)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.services.setup import AppServices
from tests.services.case_staff import Office, make_office


@pytest.fixture
def office(services: AppServices) -> Iterator[Office]:
    """The demo branch (accounts only) with more staff and three people registered."""
    yield make_office(services)
