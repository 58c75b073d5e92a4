"""Fixtures for print tests: the print metadata every rendered page carries."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.printing.document import PrintMeta


@pytest.fixture
def meta() -> PrintMeta:
    return PrintMeta("طرابلس المركز", "TRP01", "سعاد الورفلي", datetime(2026, 11, 22, 10, 30))
