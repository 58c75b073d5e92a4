"""Username, password and role rules (app.domain.accounts)."""

from __future__ import annotations

import pytest

from app.domain.accounts import (
    MIN_PASSWORD_LENGTH,
    Role,
    check_password,
    clean_username,
    parse_role,
)
from app.domain.errors import DomainError, ErrorCode


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("worker", "worker"), (" Ali.Salem ", "ali.salem"), ("m_ali-2", "m_ali-2"), ("abc", "abc")],
)
def test_username_accepted(raw: str, expected: str) -> None:
    assert clean_username(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "ab", "1ali", "_ali", "ali salem", "علي", "ali@branch", "a" * 41]
)
def test_username_rejected(raw: str) -> None:
    with pytest.raises(DomainError) as caught:
        clean_username(raw)
    assert caught.value.code is ErrorCode.USERNAME_FORMAT
    assert caught.value.field == "username"


def test_password_length() -> None:
    assert check_password("x" * MIN_PASSWORD_LENGTH) == "x" * MIN_PASSWORD_LENGTH
    for short in ("", "x" * (MIN_PASSWORD_LENGTH - 1)):
        with pytest.raises(DomainError) as caught:
            check_password(short)
        assert caught.value.code is ErrorCode.PASSWORD_TOO_SHORT
        assert caught.value.params == {"min": str(MIN_PASSWORD_LENGTH)}


def test_roles() -> None:
    assert parse_role(" Branch_Admin ") is Role.BRANCH_ADMIN
    with pytest.raises(DomainError) as caught:
        parse_role("root")
    assert caught.value.code is ErrorCode.INVALID_CHOICE
