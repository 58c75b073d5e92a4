"""`sanad hq conflicts …`: hard conflicts (one field changed at two places, an edit against a
delete) listed, shown and decided; soft ones listed read-only.

`list [--all] [--soft]`, `show ID`, `decide ID (--keep-hq | --take-branch | --value V |
--keep-record | --delete-record) --reason TEXT [--by NAME]`, each with `--json`. Wired into
`sanad hq` by app.cli.hq.commands.
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any

from app.cli.hq.desk import run_desk


def add_conflict_commands(cmds: Any, common: argparse.ArgumentParser) -> None:
    """Add `conflicts list|show|decide` to the `sanad hq` subcommands `cmds`."""
    conflicts = cmds.add_parser("conflicts", help="changes that collided at HQ: list, show, decide")
    csub = conflicts.add_subparsers(dest="conflicts_command", required=True)
    listing = csub.add_parser("list", parents=[common], help="open hard conflicts, oldest first")
    listing.add_argument("--all", action="store_true", help="decided ones too")
    listing.add_argument("--soft", action="store_true", help="soft ones too (read-only)")
    listing.add_argument("--limit", type=int, default=100)
    listing.add_argument("--json", action="store_true")
    show = csub.add_parser("show", parents=[common], help="both values, the base, who and when")
    show.add_argument("conflict", type=int, help="the conflict's number (from list)")
    show.add_argument("--json", action="store_true")
    decide = csub.add_parser(
        "decide", parents=[common], help="keep one value; every branch holding the record hears"
    )
    decide.add_argument("conflict", type=int, help="the conflict's number (from list)")
    how = decide.add_mutually_exclusive_group(required=True)
    for flag, const, text in (
        ("--keep-hq", "keep_hq", "keep the value HQ held before the branch's change"),
        ("--take-branch", "take_branch", "take the branch's value (the one the merge applied)"),
        ("--keep-record", "keep_record", "edit against delete: the record lives, with the edit"),
        ("--delete-record", "delete_record", "edit against delete: the record is deleted"),
    ):
        how.add_argument(flag, dest="choice", action="store_const", const=const, help=text)
    how.add_argument("--value", help="enter another value")
    decide.add_argument("--reason", required=True, help="why (sent to the worker whose edit lost)")
    decide.add_argument("--by", help="who decides (default: the operating-system user)")
    decide.add_argument("--json", action="store_true")


def run_conflicts(args: argparse.Namespace) -> int:
    return run_desk(args, _run)


def _run(service: Any, args: argparse.Namespace) -> int:
    from app.hq.conflict_decide import ConflictDesk

    desk = ConflictDesk.of(service)
    command = args.conflicts_command
    if command == "decide":
        choice = "value" if args.value is not None else args.choice
        done = desk.decide(args.conflict, choice, args.by or getpass.getuser(), args.reason,
                           args.value)  # fmt: skip
        if args.json:
            print(json.dumps(done.to_json(), ensure_ascii=False, indent=2))
            return 0
        told = ", ".join(done.notified) or "nobody (no branch worker's value lost)"
        print(f"conflict {done.conflict} decided ({done.decision}): kept {_shown(done.value)}; "
              f"sent to {', '.join(done.sent_to) or '-'}; told {told}")  # fmt: skip
        return 0
    if command == "show":
        seen = desk.conflict(args.conflict)
        if args.json:
            print(json.dumps(seen.to_json(), ensure_ascii=False, indent=2))
            return 0
        for text in _details(seen):
            print(text)
        return 0
    rows = desk.conflicts(decided=args.all, soft=args.soft, limit=args.limit)
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no open conflicts")
        return 0
    print(f"{'id':>5} {'status':8} {'kind':14} {'record':44} {'field':16} branch   hq")
    for r in rows:
        record = f"{r.table}/{r.row_id}"
        print(f"{r.id:>5} {r.status:8} {r.kind:14} {record:44} {r.field or '-':16} "
              f"{_shown(r.branch_side.value)} ({r.branch_side.branch})   "
              f"{_shown(r.hq_side.value)} ({r.hq_side.branch})")  # fmt: skip
    return 0


def _details(seen: Any) -> list[str]:
    who = f" — {seen.person_name}" if seen.person_name else ""
    lines = [
        f"conflict {seen.id}: {seen.kind}, {seen.status}; found {seen.found_at:%Y-%m-%d %H:%M}",
        f"  record: {seen.table} {seen.row_id}{who}; field {seen.field}",
        f"  owner {seen.owner or '-'}; held by {', '.join(seen.holders) or '-'}",
        f"  base:   {_shown(seen.base)}",
    ]
    for name, side in (("branch", seen.branch_side), ("hq", seen.hq_side)):
        at = f"{side.at:%Y-%m-%d %H:%M}" if side.at else "-"
        who = f"{side.user_name} ({side.user})" if side.user_name else (side.user or "-")
        lines.append(f"  {name + ':':7} {_shown(side.value)} (by {who} at {side.branch}, {at})")
    lines.append(f"  now at HQ: {_shown(seen.current)}")
    if seen.decided_at is not None:
        lines.append(f"  decided {seen.decided_at:%Y-%m-%d %H:%M} by {seen.decided_by} "
                     f"({seen.decision}: {_shown(seen.decided_value)}): {seen.reason}")  # fmt: skip
    return lines


def _shown(value: Any) -> str:
    return "(empty)" if value is None else json.dumps(value, ensure_ascii=False)
