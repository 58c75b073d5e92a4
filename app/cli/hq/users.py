"""`sanad hq users …`: the staff accounts HQ manages for the branches.

`list [--branch CODE]`, `create BRANCH USERNAME --name-ar … --role ROLE`, `disable|enable
BRANCH USERNAME --reason …`, `role BRANCH USERNAME ROLE --reason …` and `new-code BRANCH
USERNAME --reason …`, each with `--json` and `--by` (the officer). Wired into `sanad hq` by
app.cli.hq.commands.
"""

from __future__ import annotations

import argparse
import getpass
import json
from typing import Any

from app.cli.hq.desk import run_desk
from app.domain.accounts import Role

_ROLES = [r.value for r in Role]


def add_user_commands(cmds: Any, common: argparse.ArgumentParser) -> None:
    """Add `users list|create|disable|enable|role|new-code` to the `sanad hq` subcommands."""
    users = cmds.add_parser(
        "users", help="branch staff accounts managed by HQ: list, create, disable, enable, role"
    )
    usub = users.add_subparsers(dest="users_command", required=True)
    listing = usub.add_parser("list", parents=[common], help="the accounts HQ manages")
    listing.add_argument("--branch", help="only this branch's")
    listing.add_argument("--json", action="store_true")

    def command(name: str, help_text: str, *, reason: bool = True) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = usub.add_parser(name, parents=[common], help=help_text)
        parser.add_argument("branch", help="branch code, e.g. TRP01")
        parser.add_argument("username", help="the account's user name")
        parser.add_argument("--by", help="who decides (default: the operating-system user)")
        parser.add_argument("--json", action="store_true")
        if reason:
            parser.add_argument("--reason", required=True, help="why (recorded with the decision)")
        return parser

    create = command(
        "create", "a new account: it reaches the branch at its next sync", reason=False
    )
    create.add_argument("--name-ar", required=True, help="the worker's full name, in Arabic")
    create.add_argument("--role", required=True, help=f"one of {', '.join(_ROLES)}")
    create.add_argument("--reason", default="", help="why (optional; recorded)")
    command("disable", "the account can no longer log in, from the branch's next sync")
    command("enable", "the account can log in again")
    role = command("role", "give the account another role")
    role.add_argument("role", help=f"one of {', '.join(_ROLES)}")
    command("new-code", "a new one-time setup code (the worker has not chosen a password yet)")


def run_users(args: argparse.Namespace) -> int:
    return run_desk(args, _run)


def _run(service: Any, args: argparse.Namespace) -> int:
    from app.hq.accounts import AccountDesk

    desk = AccountDesk.of(service)
    command = args.users_command
    if command == "list":
        accounts = desk.accounts(args.branch)
        if args.json:
            print(json.dumps([a.to_json() for a in accounts], ensure_ascii=False, indent=2))
            return 0
        if not accounts:
            print("HQ manages no accounts" + (f" at {args.branch.upper()}" if args.branch else ""))
            return 0
        print(f"{'branch':8} {'user':20} {'role':14} {'state':9} {'password':12} name")
        for a in accounts:
            state = "enabled" if a.active else "disabled"
            password = "refused" if a.refused else "set" if a.password_set else "not yet"
            print(f"{a.branch:8} {a.username:20} {a.role:14} {state:9} {password:12} "
                  f"{a.display_name}")  # fmt: skip
        return 0
    by = args.by or getpass.getuser()
    if command in ("create", "new-code"):
        if command == "create":
            made = desk.create(args.branch, args.username, args.name_ar, args.role, by, args.reason)
        else:
            made = desk.new_code(args.branch, args.username, by, args.reason)
        if args.json:
            print(json.dumps({**made.account.to_json(), "setup_code": made.setup_code},
                             ensure_ascii=False, indent=2))  # fmt: skip
            return 0
        a = made.account
        what = "created" if command == "create" else "has a new setup code"
        print(f"account {a.username} ({a.role}) at {a.branch} {what}; it reaches the branch at "
              "its next sync")  # fmt: skip
        print(f"one-time setup code: {made.setup_code}")
        print("give it to the worker in person: at first login they type it as the password, "
              "then choose their own (HQ never sees it); it is not shown again")  # fmt: skip
        return 0
    if command == "role":
        line = desk.set_role(args.branch, args.username, args.role, by, args.reason)
    elif command == "disable":
        line = desk.disable(args.branch, args.username, by, args.reason)
    else:
        line = desk.enable(args.branch, args.username, by, args.reason)
    if args.json:
        print(json.dumps(line.to_json(), ensure_ascii=False, indent=2))
        return 0
    state = "enabled" if line.active else "disabled"
    print(f"account {line.username} at {line.branch}: {state}, {line.role} (version "
          f"{line.version}); the branch applies it at its next sync")  # fmt: skip
    return 0
