"""A branch's request for news: an up-batch of an empty range (`seq_from` = last + 1, `seq_to`
= last), which HQ answers like any batch with what it owes the branch. Its file name says so
(`TRP01-up-000000000008-000000000007.sanad`), which is how the commands tell it apart."""

from __future__ import annotations

import re

from app.sync.batch_file import SUFFIX, Kind

_UP_NAME = re.compile(rf"-{Kind.UP.value}-(\d+)-(\d+){re.escape(SUFFIX)}$")


def is_poll_name(name: str) -> bool:
    """Is this a branch's request for news (an up-batch of an empty range, `…-up-N+1-N`)?"""
    found = _UP_NAME.search(name)
    return found is not None and int(found[1]) > int(found[2])
