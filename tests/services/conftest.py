"""Fixtures of the service tests: a branch with case staff (see tests.services.case_staff), the
work-list tests' desk of cases (tests.services.case_desk), a real HQ served in the test process
with a real branch for the sync tests (tests.services.branch_sync), and the people file of the
import tests (tests.services.import_samples)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.services.setup import AppServices
from tests.services.branch_sync import (  # noqa: F401  (fixtures used by name)
    branch,
    branch_template,
    hq,
    hq_template,
    server,
)
from tests.services.case_desk import desk  # noqa: F401  (a fixture used by name)
from tests.services.case_staff import Office, make_office
from tests.services.import_samples import mixed_csv  # noqa: F401  (a fixture used by name)


@pytest.fixture
def office(services: AppServices) -> Iterator[Office]:
    """The demo branch (accounts only) with more staff and three people registered."""
    yield make_office(services)
