"""`sanad hq decisions …`: HQ's own decision log, every officer's decision with who, why and
when (a pair dismissed or merged, a merge undone, a conflict decided, reference data published,
an account changed): `list [--subject S] [--limit N] [--json]` and `verify` (the hash chain).
Wired into `sanad hq` by app.cli.hq.commands.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.hq.desk import EXIT_REFUSED, run_desk


def add_decision_commands(cmds: Any, common: argparse.ArgumentParser) -> None:
    decisions = cmds.add_parser(
        "decisions", help="HQ's decision log: who decided what, when and why"
    )
    dsub = decisions.add_subparsers(dest="decisions_command", required=True)
    listing = dsub.add_parser("list", parents=[common], help="the newest decisions first")
    listing.add_argument("--subject", help='only decisions on one subject, e.g. "pair 3"')
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true")
    verify = dsub.add_parser(
        "verify", parents=[common], help="check the log's hash chain; name the first bad entry"
    )
    verify.add_argument("--json", action="store_true")


def run_decisions(args: argparse.Namespace) -> int:
    return run_desk(args, _run)


def _run(service: Any, args: argparse.Namespace) -> int:
    from app.hq.decisions import decisions, verify_chain

    with service._read() as session:
        if args.decisions_command == "verify":
            broken = verify_chain(session)
            if args.json:
                print(json.dumps({"intact": broken is None, "first_broken": broken}))
            elif broken is None:
                print("the decision log is intact")
            else:
                print(f"the decision log is broken at entry {broken}")
            return 0 if broken is None else EXIT_REFUSED
        found = decisions(session, args.subject, max(1, min(args.limit, 1000)))
    if args.json:
        print(json.dumps([d.to_json() for d in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("no decisions")
    for d in found:
        print(f"{d.id:>5} {d.at.isoformat(timespec='seconds')} {d.by:12} {d.action:10} "
              f"{d.subject:14} {d.reason}")  # fmt: skip
    return 0
