"""`sanad hq …`: the headquarters commands (serve, branches, import, status, audit,
beneficiaries).

Every command takes `--hq-dir` (HQ's folder: keys, held batches, settings; default
SANAD_HQ_DIR or the user's data folder) and `--db` (the central database URL, remembered for
the next commands; default SQLite `hq.db` in the HQ folder).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.hq.conflicts import add_conflict_commands, run_conflicts
from app.cli.hq.decisions import add_decision_commands, run_decisions
from app.cli.hq.duplicates import add_duplicate_commands, run_duplicates
from app.cli.hq.reference import add_reference_commands, run_reference
from app.cli.hq.transfers import add_transfer_commands, run_transfers
from app.cli.hq.users import add_user_commands, run_users
from app.hq.enrollment import HqError
from app.hq.home import HqHome, resolve_hq_dir
from app.sync.poll_name import is_poll_name

EXIT_REFUSED = 2


def add_hq_commands(sub: Any) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--hq-dir", help="HQ's folder (default: SANAD_HQ_DIR or the user's)")
    common.add_argument(
        "--db",
        help="central database URL, e.g. postgresql+psycopg://user@host/sanad "
        "(remembered; default: SQLite hq.db in the HQ folder)",
    )
    hq = sub.add_parser("hq", help="headquarters: the sync service and its administration")
    cmds = hq.add_subparsers(dest="hq_command", required=True)

    serve = cmds.add_parser(
        "serve",
        parents=[common],
        help="run the HTTP sync service",
        description="Run HQ's HTTP sync service. Behind a load balancer, run it with "
        "--workers N, or run several `sanad hq serve` (on this machine or others) over one "
        "PostgreSQL database: every batch is still applied exactly once. Every process must "
        "use the same HQ folder (its keys and held batches: on other machines, a shared "
        "folder). Each start migrates the database and makes HQ's keys first, one process at "
        "a time; workers only serve.",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8480)
    serve.add_argument(
        "--public-url", help="the URL branches reach HQ at (written into enrollment files)"
    )
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="worker processes sharing the port (default 1). Use PostgreSQL for more than "
        "one: on SQLite every write waits for the single writer, so workers add no throughput",
    )

    branches = cmds.add_parser("branches", help="enroll, list and revoke branches")
    bsub = branches.add_subparsers(dest="branches_command", required=True)
    add = bsub.add_parser("add", parents=[common], help="create a branch and its enrollment file")
    add.add_argument("code", help="branch code, e.g. TRP01")
    add.add_argument("name", help="branch name")
    add.add_argument("--out", default=".", help="folder for CODE.sanad-enroll.json")
    add.add_argument("--url", help="HQ's URL for the branch (remembered)")
    bsub.add_parser("list", parents=[common], help="the branches HQ knows")
    revoke = bsub.add_parser("revoke", parents=[common], help="refuse every later batch")
    revoke.add_argument("code")
    keys = bsub.add_parser(
        "keys", parents=[common], help="register a branch's keys file (carried by USB)"
    )
    keys.add_argument("file", type=Path)

    imp = cmds.add_parser(
        "import", parents=[common], help="apply USB batch files; write receipts beside them"
    )
    imp.add_argument("files", nargs="+", type=Path, help=".sanad files or folders holding them")
    imp.add_argument("--json", action="store_true", help="one JSON report per file")

    status = cmds.add_parser("status", parents=[common], help="the per-branch sync ledger")
    status.add_argument("--json", action="store_true")

    add_transfer_commands(cmds, common)
    add_duplicate_commands(cmds, common)
    add_decision_commands(cmds, common)
    add_user_commands(cmds, common)
    add_conflict_commands(cmds, common)
    add_reference_commands(cmds, common)

    audit = cmds.add_parser("audit", help="the audit logs the branches sent")
    asub = audit.add_subparsers(dest="audit_command", required=True)
    verify = asub.add_parser(
        "verify", parents=[common], help="check each branch's chain; name the first broken entry"
    )
    verify.add_argument("--branch", help="only this branch")

    people = cmds.add_parser(
        "beneficiaries", parents=[common], help="central beneficiary records, newest first"
    )
    people.add_argument("--branch", help="only those registered at this branch")
    people.add_argument("--limit", type=int, default=50)
    people.add_argument("--json", action="store_true")


def run_hq(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    if args.hq_command == "transfers":
        return run_transfers(args)
    if args.hq_command == "duplicates":
        return run_duplicates(args)
    if args.hq_command == "decisions":
        return run_decisions(args)
    if args.hq_command == "users":
        return run_users(args)
    if args.hq_command == "conflicts":
        return run_conflicts(args)
    if args.hq_command == "reference":
        return run_reference(args)

    home = HqHome.open(resolve_hq_dir(args.hq_dir))
    serving = args.hq_command == "serve"
    db_url = ""
    try:
        # Several `sanad hq serve` may start at once on one folder: one at a time writes the
        # settings, migrates and makes HQ's keys (app.hq.asgi).
        with _startup_lock(home) if serving else contextlib.nullcontext():
            try:
                db_url = home.db_url(args.db)
            except ValueError as err:
                print(f"sanad: {err}", file=sys.stderr)
                return EXIT_REFUSED
            service = _prepare_serve(home, db_url, args) if serving else None
        if service is not None:
            return _serve(service, db_url, args)
        return _admin(home, db_url, args)
    except HqError as err:
        print(f"sanad: {err.reason}", file=sys.stderr)
        return EXIT_REFUSED
    except SQLAlchemyError as err:
        print(
            f"sanad: the central database {_shown(db_url)} is unavailable "
            f"({type(err).__name__}: {str(err).splitlines()[0]})",
            file=sys.stderr,
        )
        return EXIT_REFUSED


def _shown(db_url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except Exception:  # a malformed URL is shown as given, minus anything after '@'
        return db_url.split("@")[-1]


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _startup_lock(home: HqHome) -> contextlib.AbstractContextManager[None]:
    from app.hq.asgi import startup_lock

    return startup_lock(home)


def _prepare_serve(home: HqHome, db_url: str, args: argparse.Namespace) -> Any:
    """Settings, migration, keys: done here once, before uvicorn starts any worker."""
    from app.hq.asgi import prepare

    if args.public_url:
        home.update_config(url=args.public_url)
    elif not home.url and args.host not in ("0.0.0.0", "::"):
        home.update_config(url=f"http://{args.host}:{args.port}")
    return prepare(home, db_url)


def _serve(service: Any, db_url: str, args: argparse.Namespace) -> int:
    import uvicorn

    from app.hq.api import create_app
    from app.hq.asgi import WORKER_FACTORY, worker_environment

    home: HqHome = service.home
    workers = f"; {args.workers} workers" if args.workers > 1 else ""
    print(
        f"Sanad HQ on http://{args.host}:{args.port} (branches use {home.url or '?'}); "
        f"central DB {_shown(db_url)}; folder {home.root}{workers}",
        flush=True,
    )
    if args.workers == 1:
        try:
            uvicorn.run(create_app(service), host=args.host, port=args.port, log_level="info")
        finally:
            service.close()
        return 0
    # uvicorn spawns each worker afresh: it finds HQ through the environment and opens a
    # service of its own (app.hq.asgi.create_worker_app); this process only supervises.
    service.close()
    os.environ.update(worker_environment(home, db_url))
    uvicorn.run(
        WORKER_FACTORY, factory=True, workers=args.workers, host=args.host, port=args.port,
        log_level="info",
    )  # fmt: skip
    return 0


def _admin(home: HqHome, db_url: str, args: argparse.Namespace) -> int:
    from app.hq.asgi import prepare, startup_lock
    from app.hq.enrollment import Registration

    # Two commands on a brand-new HQ folder must not each make HQ's keys or settings.
    with startup_lock(home):
        service = prepare(home, db_url)
    try:
        command = args.hq_command
        if command == "branches":
            sub = args.branches_command
            if sub == "add":
                path = service.add_branch(args.code, args.name, Path(args.out), args.url)
                print(path)
                print(
                    "give this file to the branch (it holds a one-time secret): sanad enroll FILE",
                    file=sys.stderr,
                )
                return 0
            if sub == "revoke":
                row = service.revoke(args.code)
                print(f"branch {row.code} revoked: its later batches will be refused")
                return 0
            if sub == "keys":
                row = service.register_keys(Registration.from_file(args.file))
                print(f"branch {row.code} ({row.name}) enrolled: its batches are accepted")
                return 0
            for b in service.branches():
                state = "revoked" if b.revoked_at else "enrolled" if b.enrolled_at else "invited"
                print(f"{b.code:12} {state:9} {b.name}")
            return 0
        if command == "import":
            return _import(service, args.files, as_json=args.json)
        if command == "status":
            return _status(service, as_json=args.json)
        if command == "audit":
            return _audit_verify(service, args.branch)
        return _records(service, args.branch, args.limit, as_json=args.json)
    finally:
        service.close()


def _import(service: Any, files: list[Path], *, as_json: bool = False) -> int:
    from app.hq.ingest import Outcome
    from app.hq.results import FORK, FileResult

    results: list[FileResult] = service.import_files(files)
    if not results:
        print("sanad: no .sanad files to import", file=sys.stderr)
        return EXIT_REFUSED
    if as_json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2))
        return 0 if all(r.accepted for r in results) else EXIT_REFUSED
    for r in results:
        receipt = f"; receipt {r.receipt}" if r.receipt else ""
        extra = f" ({r.reason})" if r.reason else ""
        if r.outcome == Outcome.APPLIED:
            notes = [f"{r.conflicts} conflicts"] if r.conflicts else []
            notes += [f"{r.rejected_rows} rejected rows"] if r.rejected_rows else []
            more = f" ({', '.join(notes)}: see sanad hq status)" if notes else ""
            if r.released:
                more += f"; then {r.released} held batch(es), {r.released_changes} changes"
            print(f"{r.file}: applied {r.applied} changes from {r.branch}{more}{receipt}{extra}")
        elif r.outcome == Outcome.ALREADY_APPLIED and is_poll_name(r.file):
            print(f"{r.file}: a request for news from {r.branch or 'the branch'}: "
                  f"answered{receipt}{extra}")  # fmt: skip
        elif r.outcome == Outcome.ALREADY_APPLIED:
            print(f"{r.file}: already applied (nothing changed){receipt}{extra}")
        elif r.outcome == Outcome.HELD:
            print(f"{r.file}: held{extra}{receipt}")
        elif r.outcome == FORK:
            print(
                f"{r.file}: refused as a fork{extra}: the branch was restored from an older "
                f"copy; take the receipt back to it{receipt}", file=sys.stderr,
            )  # fmt: skip
        elif r.accepted:
            print(f"{r.file}: skipped{extra}")
        else:
            print(f"{r.file}: {r.outcome}: {r.reason}", file=sys.stderr)
    return 0 if all(r.accepted for r in results) else EXIT_REFUSED


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


def _status(service: Any, *, as_json: bool) -> int:
    statuses = service.status()
    if as_json:
        print(json.dumps([s.to_json() for s in statuses], ensure_ascii=False, indent=2))
        return 0
    if not statuses:
        print("no branches yet: sanad hq branches add CODE NAME")
        return 0
    header = (
        f"{'branch':8} {'state':8} {'last seq':>8} {'last batch received':19} "
        f"{'last receipt sent':17} {'rejected':>8} {'last contact':16} {'conflicts':>9} "
        f"{'held':>4}  name"
    )
    print(header)
    for s in statuses:
        state = "revoked" if s.revoked else "enrolled" if s.enrolled else "invited"
        print(
            f"{s.code:8} {state:8} {s.last_seq:>8} {_when(s.last_received_at):19} "
            f"{_when(s.last_receipt_at):17} {s.rejected_rows:>8} {_when(s.last_contact_at):16} "
            f"{s.open_conflicts:>9} {s.held_batches:>4}  {s.name}"
        )
    print("times are UTC")
    return 0


def _audit_verify(service: Any, branch: str | None) -> int:
    """`sanad hq audit verify`: 0 if every chain holds, 1 naming each first broken entry."""
    from sqlalchemy.orm import Session

    from app.hq.audit_check import Break, known_branches, verify_chains

    with Session(service.engine) as session:
        code = branch.strip().upper() if branch else None
        if code is not None and code not in known_branches(session):
            print(f"sanad: HQ knows no branch {code}", file=sys.stderr)
            return EXIT_REFUSED
        reports = verify_chains(session, code)
    if not reports:
        print("no branches yet: sanad hq branches add CODE NAME")
        return 0
    for r in reports:
        if not r.entries:
            print(f"{r.branch}: no audit entries received yet")
        elif r.intact:
            start = (
                ""
                if r.from_genesis
                else f" (from its entry {r.first_seq}: earlier ones never came)"
            )
            print(f"{r.branch}: audit chain intact, {r.entries} entries{start}")
        else:
            why = (
                "its hash does not match its content (it was changed)"
                if r.why is Break.HASH
                else "its link to the entry before does not hold (an entry was removed or moved)"
            )
            print(
                f"{r.branch}: audit chain BROKEN at entry {r.broken_id} (branch sequence "
                f"{r.broken_seq}, {r.broken_action}): {why}; {r.entries} entries in all",
                file=sys.stderr,
            )
    return 0 if all(r.intact for r in reports) else 1


def _records(service: Any, branch: str | None, limit: int, *, as_json: bool) -> int:
    records = service.records(branch, max(1, min(limit, 10_000)))
    if as_json:
        print(json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=2))
        return 0
    for r in records:
        deleted = " deleted" if r.deleted else ""
        print(f"{r.id}  {r.branch:8} v{r.row_version:<3} {r.birth_date}  {r.name}{deleted}")
    total = service.count_records(branch)
    print(f"{len(records)} of {total} central records shown", file=sys.stderr)
    return 0
