"""Running one `sanad hq` desk command (transfers, duplicates …) over HQ's database: open HQ,
run the command, close; a refusal or an unreachable database is one line on stderr and exit
status 2, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from app.hq.enrollment import HqError
from app.hq.home import HqHome, resolve_hq_dir

EXIT_REFUSED = 2


def run_desk(args: argparse.Namespace, body: Callable[[Any, argparse.Namespace], int]) -> int:
    """`body(service, args)` over an open `HqService`."""
    from sqlalchemy.exc import SQLAlchemyError

    from app.hq.service import HqService

    home = HqHome.open(resolve_hq_dir(args.hq_dir))
    try:
        db_url = home.db_url(args.db)
    except ValueError as err:
        print(f"sanad: {err}", file=sys.stderr)
        return EXIT_REFUSED
    try:
        service = HqService.open(home, db_url)
        try:
            return body(service, args)
        finally:
            service.close()
    except HqError as err:
        print(f"sanad: {err.reason}", file=sys.stderr)
        return EXIT_REFUSED
    except SQLAlchemyError as err:
        first = (str(err).splitlines() or [""])[0]
        print(
            f"sanad: the central database is unavailable ({type(err).__name__}: {first})",
            file=sys.stderr,
        )
        return EXIT_REFUSED
