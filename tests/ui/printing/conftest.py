"""Every printing test leaves no print preview open behind it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.printing.print_helpers import previews


@pytest.fixture(autouse=True)
def no_preview_left() -> Iterator[None]:
    yield
    for dialog in previews():
        dialog.close()
