"""`sanad hq duplicates …`: the same person registered at two branches, as HQ found them.

`list` (open pairs by default), `show ID` (both records side by side, what matched),
`dismiss ID --reason …` (two different people), `confirm ID [--keep a|b] --reason …` (one
person: the records are merged, one redirecting to the other) and `unmerge MERGE --reason …`.
Wired into `sanad hq` by app.cli.hq.commands.
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any

from app.cli.hq.desk import run_desk


def add_duplicate_commands(cmds: Any, common: argparse.ArgumentParser) -> None:
    """Add `duplicates list|show|dismiss|confirm|unmerge` to the `sanad hq` subcommands."""
    duplicates = cmds.add_parser(
        "duplicates",
        help="the same person at two branches: list, show, dismiss, confirm (merge), unmerge",
    )
    dsub = duplicates.add_subparsers(dest="duplicates_command", required=True)
    listing = dsub.add_parser("list", parents=[common], help="duplicate pairs, newest first")
    listing.add_argument(
        "--status",
        choices=("open", "confirmed", "dismissed", "all"),
        default="open",
        help="which pairs (default: open)",
    )
    listing.add_argument("--limit", type=int, default=100)
    listing.add_argument("--json", action="store_true")
    show = dsub.add_parser("show", parents=[common], help="both records of a pair, side by side")
    show.add_argument("pair", type=int, help="the pair's number (from list)")
    show.add_argument("--json", action="store_true")
    dismiss = dsub.add_parser(
        "dismiss", parents=[common], help="two different people: the pair stays dismissed"
    )
    dismiss.add_argument("pair", type=int, help="the pair's number (from list)")
    dismiss.add_argument("--reason", required=True, help="why they are different people")
    dismiss.add_argument("--by", help="who decides (default: the operating-system user)")
    dismiss.add_argument("--json", action="store_true")
    confirm = dsub.add_parser(
        "confirm",
        parents=[common],
        help="one person: merge the two records (one survives, the other redirects to it)",
    )
    confirm.add_argument("pair", type=int, help="the pair's number (from list)")
    confirm.add_argument(
        "--keep",
        choices=("a", "b"),
        help="which record survives (default: the one registered first)",
    )
    confirm.add_argument("--reason", required=True, help="why they are the same person")
    confirm.add_argument("--by", help="who decides (default: the operating-system user)")
    confirm.add_argument("--json", action="store_true")
    undo = dsub.add_parser("unmerge", parents=[common], help="undo a merge: the pair is open again")
    undo.add_argument("merge", type=int, help="the merge's number (from confirm or show)")
    undo.add_argument("--reason", required=True, help="why the merge was wrong")
    undo.add_argument("--by", help="who decides (default: the operating-system user)")
    undo.add_argument("--json", action="store_true")


def run_duplicates(args: argparse.Namespace) -> int:
    return run_desk(args, _run)


def _run(service: Any, args: argparse.Namespace) -> int:
    from app.hq.duplicates import DuplicateDesk

    desk = DuplicateDesk.of(service)
    command = args.duplicates_command
    if command == "dismiss":
        line = desk.dismiss(args.pair, args.by or getpass.getuser(), args.reason)
        if args.json:
            print(json.dumps(line.to_json(), ensure_ascii=False, indent=2))
            return 0
        print(f"pair {line.id} dismissed: {line.person_a} ({line.branch_a}) and "
              f"{line.person_b} ({line.branch_b}) are different people")  # fmt: skip
        return 0
    if command in ("confirm", "unmerge"):
        who = args.by or getpass.getuser()
        outcome = (
            desk.confirm(args.pair, who, args.reason, args.keep)
            if command == "confirm"
            else desk.unmerge(args.merge, who, args.reason)
        )
        if args.json:
            print(json.dumps(outcome.to_json(), ensure_ascii=False, indent=2))
        elif command == "confirm":
            print(f"pair {outcome.pair_id} confirmed: merge {outcome.merge_id}; "
                  f"{outcome.retired} ({outcome.retired_branch}) now redirects to "
                  f"{outcome.survivor} ({outcome.survivor_branch}); {outcome.moved} "
                  f"references moved; both branches hear of it at their next sync")  # fmt: skip
        else:
            print(f"merge {outcome.merge_id} undone: {outcome.moved} references put back"
                  + (f", {outcome.left} changed since and left as they are" if outcome.left
                     else "") + f"; pair {outcome.pair_id} is open again")  # fmt: skip
        return 0
    if command == "show":
        detail = desk.pair(args.pair)
        if args.json:
            print(json.dumps(detail.to_json(), ensure_ascii=False, indent=2))
            return 0
        line = detail.line
        print(f"pair {line.id}: {line.status}, {line.kind} match, score {line.score:.1f}, "
              f"matched: {', '.join(line.matched) or '-'}")  # fmt: skip
        for side, record, person, branch in (
            ("a", detail.a, line.person_a, line.branch_a),
            ("b", detail.b, line.person_b, line.branch_b),
        ):
            if record is None:
                print(f"  {side}: {person} ({branch}): deleted since")
                continue
            ids = ", ".join(f"{t} {n}" for t, n in record.identifiers) or "-"
            print(f"  {side}: {record.person_number or '-'} ({record.branch}) {record.full_name};"
                  f" mother {record.mother_name}; born {record.birth_date.isoformat()}; sex "
                  f"{record.sex}; {ids}; id {record.id}")  # fmt: skip
        if detail.decided_at is not None:
            print(f"  decided {detail.decided_at.isoformat()} by {detail.decided_by}: "
                  f"{detail.reason}")  # fmt: skip
        if detail.merge is not None:
            side = "a" if detail.survivor == line.person_a else "b"
            print(f"  merge {detail.merge} ({detail.merge_status}): record {side} survives"
                  + ("; the other redirects to it" if detail.merge_status == "active"
                     else "; undone"))  # fmt: skip
        return 0
    status = None if args.status == "all" else args.status
    pairs = desk.pairs(status, args.limit)
    if args.json:
        print(json.dumps([p.to_json() for p in pairs], ensure_ascii=False, indent=2))
        return 0
    if not pairs:
        print(f"no {'' if status is None else status + ' '}duplicate pairs")
        return 0
    head = f"{'pair':>6} {'status':9} {'kind':10} {'score':>5}"
    print(f"{head}  {'record a':43} {'record b':43} matched")
    for p in pairs:
        print(f"{p.id:>6} {p.status:9} {p.kind:10} {p.score:5.1f}  {p.person_a:36} "
              f"{p.branch_a:6} {p.person_b:36} {p.branch_b:6} {','.join(p.matched)}")  # fmt: skip
    return 0
