"""A refused case action: refused with its code, and every table it could write as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.domain.errors import DomainError, ErrorCode
from tests.services.case_staff import Office


def unchanged(office: Office, code: ErrorCode, action: Callable[[], Any]) -> DomainError:
    """`action` is refused with `code` and every table it could write is as it was."""
    before = office.counts()
    with pytest.raises(DomainError) as caught:
        action()
    assert caught.value.code is code, caught.value
    assert office.counts() == before
    return caught.value
