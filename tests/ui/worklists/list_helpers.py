"""Helpers of the work list model tests: run a page call inline (no worker thread), and the case
numbers a list shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.ui.worklists.case_list_model import COL_NUMBER, CaseListModel


def inline(call: Callable[[], Any], done: Callable[[Any], None]) -> None:
    done(call())


def numbers(model: CaseListModel) -> list[str]:
    return [model.index(r, COL_NUMBER).data() for r in range(model.rowCount())]
