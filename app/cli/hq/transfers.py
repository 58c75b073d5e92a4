"""`sanad hq transfers …`: list, complete and refuse the case transfers branches asked for.

Wired into `sanad hq` by app.cli.hq.commands (`add_transfer_commands`, `run_transfers`); every
refusal is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.hq.desk import run_desk


def add_transfer_commands(cmds: Any, common: argparse.ArgumentParser) -> None:
    """Add `transfers list|complete|refuse` to the `sanad hq` subcommands `cmds`."""
    transfers = cmds.add_parser(
        "transfers", help="case transfers branches asked for: list, complete, refuse"
    )
    tsub = transfers.add_subparsers(dest="transfers_command", required=True)
    listing = tsub.add_parser("list", parents=[common], help="the pending transfer requests")
    listing.add_argument("--json", action="store_true")
    complete = tsub.add_parser(
        "complete",
        parents=[common],
        help="move the case to the branch it asked for (both branches learn at their next sync)",
    )
    complete.add_argument("number", help="the case number (e.g. TRP01-2026-00001) or its id")
    refuse = tsub.add_parser(
        "refuse", parents=[common], help="refuse the request: the case stays where it is"
    )
    refuse.add_argument("number", help="the case number or its id")
    refuse.add_argument("--reason", required=True, help="why (sent to the branch that asked)")


def run_transfers(args: argparse.Namespace) -> int:
    return run_desk(args, _run)


def _run(service: Any, args: argparse.Namespace) -> int:
    from app.hq.transfers import TransferDesk

    desk = TransferDesk.of(service)
    command = args.transfers_command
    if command == "complete":
        done = desk.complete(args.number)
        print(
            f"case {done.number} moved from {done.source} to {done.target}: {done.target} "
            f"receives the person, the case and its events, {done.source} a read-only copy, "
            f"at their next sync"
        )
        return 0
    if command == "refuse":
        done = desk.refuse(args.number, args.reason)
        print(
            f"transfer of case {done.number} to {done.target} refused: {done.source} "
            f"gets the case back at its next sync"
        )
        return 0
    pending = desk.pending()
    if args.json:
        print(json.dumps([p.to_json() for p in pending], ensure_ascii=False, indent=2))
        return 0
    if not pending:
        print("no pending transfer requests")
        return 0
    print(f"{'case':20} {'from':8} {'to':8} {'requested':10}  reason")
    for p in pending:
        when = p.requested_on.isoformat() if p.requested_on else "-"
        print(f"{p.number:20} {p.source:8} {p.target:8} {when:10}  {p.reason}")
    return 0
