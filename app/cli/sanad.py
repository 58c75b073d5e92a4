"""The `sanad` command: the desktop app, and commands for IT staff and scripts.

Errors a user can cause print a clear one-line message (exit 2); never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from app.bootstrap import resolve_data_dir
from app.db.clock import utcnow
from app.domain.accounts import Role, parse_role
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

    init = sub.add_parser("init", help="make the data folder a real branch (no demo data)")
    init.add_argument("--branch", required=True, help="branch code, e.g. TRP01")
    init.add_argument("--name", required=True, help="branch name")

    demo = sub.add_parser("demo-data", help="add deterministic demo beneficiaries")
    demo.add_argument("--count", type=int, required=True)
    demo.add_argument("--seed", type=int, default=2026)

    imp = sub.add_parser("import", help="bulk import")
    imp_sub = imp.add_subparsers(dest="what", required=True)
    imp_b = imp_sub.add_parser("beneficiaries", help="CSV or XLSX of beneficiaries")
    imp_b.add_argument("file")
    imp_b.add_argument(
        "--commit",
        action="store_true",
        help="import the valid rows (default: check only, import nothing)",
    )
    imp_b.add_argument("--user", help="account the rows are recorded under (default: first admin)")

    search = sub.add_parser("search", help="find beneficiaries")
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="print one JSON array, best first")
    search.add_argument("--limit", type=int, default=20)

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
    from app.cli_hq import add_hq_commands
    from app.cli_print import add_print_commands
    from app.cli_sync import add_sync_commands

    add_hq_commands(sub)
    add_sync_commands(sub)
    add_print_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir)
    try:
        return _dispatch(args, data_dir)
    except DomainError as err:
        from app.cli_messages import describe

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
        from app.cli_hq import run_hq

        return run_hq(args)
    if args.command in ("enroll", "sync"):
        from app.cli_sync import run_sync

        return run_sync(args, data_dir)
    if args.command == "print":
        from app.cli_print import run_print

        return run_print(args, data_dir)
    if args.command == "init":
        from app.services.setup import initialize_branch

        initialize_branch(data_dir, args.branch, args.name)
        print(f"branch {args.branch.upper()} initialized in {data_dir}")
        print("create the first branch admin: sanad users add NAME --role branch_admin")
        return 0

    from app.services.setup import open_branch

    services = open_branch(data_dir)
    try:
        if args.command == "search":
            return _search(services, args)
        if args.command == "users":
            return _users(services, args)
        if args.command == "audit":
            return _audit(services)
        if args.command == "demo-data":
            from app.services.demo_data import add_demo_people

            _act_as_admin(services, None)
            added = add_demo_people(services, args.count, seed=args.seed, progress=_progress)
            print(f"\n{added} demo beneficiaries added")
            return 0
        if args.command == "import":
            from app.cli_import import run_import

            _act_as_admin(services, args.user)
            return run_import(services, Path(args.file), commit=args.commit)
    finally:
        services.close()
    return 2


def _audit(services: object) -> int:
    """`sanad audit verify`: exit 0 if the chain holds, 1 naming the first broken entry."""
    from app.services.audit_log import AuditLogService
    from app.services.setup import AppServices

    assert isinstance(services, AppServices)
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


def _progress(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)


def _act_as_admin(services: object, username: str | None) -> None:
    """Command-line writes are recorded under a named local account (first admin by default)."""
    from app.services.context import CurrentUser
    from app.services.setup import AppServices

    assert isinstance(services, AppServices)
    users = [u for u in services.accounts.list_users() if u.active]
    if username:
        chosen = next((u for u in users if u.username == username.lower()), None)
    else:
        chosen = next((u for u in users if u.role == Role.BRANCH_ADMIN.value), None)
    if chosen is None:
        raise ValueError(
            "no such active account; create one with: sanad users add NAME --role branch_admin"
        )
    services.ctx.user = CurrentUser(
        chosen.id, chosen.username, chosen.display_name, Role(chosen.role)
    )


def _search(services: object, args: argparse.Namespace) -> int:
    from app.services.setup import AppServices

    assert isinstance(services, AppServices)
    hits = services.beneficiaries.search(args.query, limit=max(1, min(args.limit, 1000)))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": h.id,
                        "first_name": h.first_name,
                        "father_name": h.father_name,
                        "grandfather_name": h.grandfather_name,
                        "family_name": h.family_name,
                        "mother_name": h.mother_name,
                        "sex": h.sex,
                        "birth_date": h.birth_date.isoformat(),
                        "identifiers": [
                            {"type": i.type, "number": i.number} for i in h.identifiers
                        ],
                        "phones": list(h.phones),
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for h in hits:
        print(f"{h.id}  {h.full_name}  {h.birth_date:%d/%m/%Y}  {h.national_number or '-'}")
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def _users(services: object, args: argparse.Namespace) -> int:
    from app.services.setup import AppServices

    assert isinstance(services, AppServices)
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
        _act_as_admin(services, None)
    user = accounts.create_user(args.username, args.name, role, password)
    print(f"user {user.username} ({user.role}) created")
    return 0
