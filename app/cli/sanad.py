"""The `sanad` command: the desktop app, and commands for IT staff and scripts.

The parser is assembled here from the command groups (in the order `sanad --help` lists
them) and each command is handed to its group. Errors a user can cause print a clear one-line
message (exit 2); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.bootstrap import resolve_data_dir
from app.cli import branch, people, printing, sync
from app.cli.hq import commands as hq
from app.domain.errors import DomainError


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sanad", description="Sanad (سند) branch desk application")
    p.add_argument(
        "--data-dir",
        help="the branch data folder (default: SANAD_DATA_DIR or the user's data folder)",
    )
    p.add_argument(
        "--selftest",
        action="store_true",
        help="open the main window offscreen, check it, exit 0 on success",
    )
    sub = p.add_subparsers(dest="command")
    branch.add_init_command(sub)
    people.add_people_commands(sub)
    branch.add_admin_commands(sub)
    hq.add_hq_commands(sub)
    sync.add_sync_commands(sub)
    printing.add_print_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    try:
        return _dispatch(args, data_dir)
    except DomainError as err:
        from app.cli.messages import describe

        print(f"sanad: {describe(err)}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as err:
        print(f"sanad: {err}", file=sys.stderr)
        return 2


def _dispatch(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command is None:
        from app.ui.shell.application import run_app

        return run_app(data_dir, selftest=args.selftest)
    if args.command == "hq":
        return hq.run_hq(args)
    if args.command in ("enroll", "sync"):
        return sync.run_sync(args, data_dir)
    if args.command == "print":
        return printing.run_print(args, data_dir)
    if args.command in people.COMMANDS:
        return people.run_people(args, data_dir)
    return branch.run_branch(args, data_dir)
