"""Branch administration on the command line.


    sanad init --branch CODE --name NAME     make the data folder a real branch (no demo data)
    sanad users add|list|unlock …            the branch's local accounts
    sanad audit verify                       check the branch's hash-chained audit log

`audit verify` exits 1 when the chain is broken; a refusal prints one line to stderr and exits 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.bootstrap import build_services
from app.cli.context import act_as_admin
from app.db.clock import utcnow
from app.domain.accounts import Role, parse_role

if TYPE_CHECKING:
    from app.services.setup import AppServices


def add_init_command(sub: Any) -> None:
    init = sub.add_parser("init", help="make the data folder a real branch (no demo data)")
    init.add_argument("--branch", required=True, help="branch code, e.g. TRP01")
    init.add_argument("--name", required=True, help="branch name")


def add_admin_commands(sub: Any) -> None:
    """`users` and `audit`."""
    users = sub.add_parser("users", help="local user accounts")
    users_sub = users.add_subparsers(dest="action", required=True)
    add = users_sub.add_parser("add")
    add.add_argument("username")
    add.add_argument("--name", default="")
    add.add_argument("--role", default=Role.SOCIAL_WORKER.value, choices=[r.value for r in Role])
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )
    users_sub.add_parser("list")
    unlock = users_sub.add_parser("unlock")
    unlock.add_argument("username")
    audit = sub.add_parser("audit", help="the branch's hash-chained audit log")
    audit_sub = audit.add_subparsers(dest="action", required=True)
    audit_sub.add_parser("verify", help="check the chain; name the first broken entry")


def run_branch(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command == "init":
        from app.services.setup import initialize_branch

        initialize_branch(data_dir, args.branch, args.name)
        print(f"branch {args.branch.upper()} initialized in {data_dir}")
        print("create the first branch admin: sanad users add NAME --role branch_admin")
        return 0
    services = build_services(data_dir)
    try:
        if args.command == "users":
            return _users(services, args)
        if args.command == "audit":
            return _audit(services)
    finally:
        services.close()
    return 2


def _audit(services: AppServices) -> int:
    """`sanad audit verify`: exit 0 if the chain holds, 1 naming the first broken entry."""
    from app.services.audit_log import AuditLogService

    check = AuditLogService(services.ctx).verify()
    if check.intact:
        print(f"audit log intact: {check.entries} entries, every hash and link holds")
        return 0
    print(
        f"audit log BROKEN at entry {check.first_broken}: its hash or its link to the entry "
        f"before does not hold (it or an earlier entry was changed or removed); "
        f"{check.entries} entries in all",
        file=sys.stderr,
    )
    return 1


def _users(services: AppServices, args: argparse.Namespace) -> int:
    accounts = services.accounts
    if args.action == "list":
        now = utcnow()
        for u in accounts.list_users():
            flags = [
                f
                for f, on in (
                    ("demo", u.is_demo),
                    ("disabled", not u.active),
                    ("locked", u.locked_until is not None and u.locked_until > now),
                    ("from-hq", u.hq_managed),
                    ("no-password-yet", u.must_set_password),
                )
                if on
            ]
            print(f"{u.username:20} {u.role:14} {u.display_name} {' '.join(flags)}".rstrip())
        return 0
    if args.action == "unlock":
        accounts.unlock(args.username)
        print(f"{args.username} unlocked")
        return 0
    role = parse_role(args.role)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            raise ValueError("the two passwords differ")
    if accounts.has_users():
        act_as_admin(services, None)
    user = accounts.create_user(args.username, args.name, role, password)
    print(f"user {user.username} ({user.role}) created")
    return 0
