"""Collecting every field error of a form instead of stopping at the first."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from app.domain.errors import DomainError, FieldError, ValidationFailed

T = TypeVar("T")


class ErrorCollector:
    """Runs field checks, keeping every failure; `raise_if_any` raises them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def take(self, check: Callable[[], T], fallback: T) -> T:
        try:
            return check()
        except ValidationFailed as many:
            self.errors.extend(many.errors)
        except DomainError as err:
            self.errors.append(FieldError(err.field or "", err.code, dict(err.params)))
        return fallback

    def add(self, error: FieldError) -> None:
        self.errors.append(error)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)
