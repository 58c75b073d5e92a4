"""`sanad enroll` and `sanad sync …`: the branch's side of sync with headquarters.

    sanad enroll FILE [--keys-out DIR]   pin HQ, make this branch's keys, register them
    sanad sync                           send every pending change to HQ over the network
    sanad sync export --to DIR           write the batches HQ has not acknowledged (USB)
    sanad sync import FILE…              apply HQ's answers brought back on the USB stick
    sanad sync status                    pending changes, last sync, last error

A refusal or failure prints one line to stderr and exits 2; nothing is half applied.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.bootstrap import build_services
from app.cli.context import act_as_admin
from app.services.sync import SyncService
from app.services.sync_errors import SyncError
from app.services.sync_results import Progress, Stage, SyncStatus


def add_sync_commands(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help="enroll this branch with headquarters")
    enroll.add_argument("file", help="the CODE.sanad-enroll.json file from headquarters")
    enroll.add_argument(
        "--keys-out",
        metavar="DIR",
        help="where to write CODE.sanad-keys.json if HQ cannot be reached "
        "(default: the enrollment file's folder)",
    )
    sync = sub.add_parser("sync", help="sync with headquarters (network; or export/import for USB)")
    actions = sync.add_subparsers(dest="sync_command")
    export = actions.add_parser("export", help="write un-acknowledged batches to a folder (USB)")
    export.add_argument("--to", required=True, metavar="DIR", help="the target folder")
    imp = actions.add_parser("import", help="apply HQ's answers (*.receipt.sanad) from USB")
    imp.add_argument("files", nargs="+", metavar="FILE")
    actions.add_parser("status", help="pending changes, last successful sync, last error")


def run_sync(args: argparse.Namespace, data_dir: Path) -> int:
    services = build_services(data_dir)
    try:
        act_as_admin(services, None)
        sync = SyncService(services.ctx)
        try:
            return _run(sync, args)
        except SyncError as err:
            print(f"sanad: {err}", file=sys.stderr)
            return 2
    finally:
        services.close()


def _run(sync: SyncService, args: argparse.Namespace) -> int:
    if args.command == "enroll":
        enrolled = sync.enroll(Path(args.file), Path(args.keys_out) if args.keys_out else None)
        print(f"branch {enrolled.code} enrolled with headquarters at {enrolled.hq_url}")
        if enrolled.registered:
            print("headquarters registered this branch's public keys")
        else:
            print(
                f"headquarters could not be reached: carry {enrolled.keys_file} to headquarters "
                f"(sanad hq branches keys FILE); batches can be exported meanwhile"
            )
        return 0
    action = getattr(args, "sync_command", None)
    if action == "status":
        _print_status(sync.status())
        return 0
    if action == "export":
        files = sync.export(Path(args.to), poll=True)
        if len(files) == 1 and sync.is_poll(files[0]):
            print(f"nothing new to send; wrote {files[0]}: it asks headquarters for its news "
                  f"(decisions, reference data): bring back the answer and `sanad sync import` "
                  f"it")  # fmt: skip
            return 0
        for path in files:
            print(f"wrote {path}")
        if files:
            changes = sync.status().pending_changes
            print(f"{len(files)} batch file(s), {changes} change(s) waiting for headquarters")
        return 0
    if action == "import":
        for name in args.files:
            answer = sync.import_file(Path(name))
            print(
                f"{Path(name).name}: applied {answer.applied} answer line(s)"
                + (f", {answer.skipped} already applied" if answer.skipped else "")
                + f"; headquarters acknowledged changes up to {answer.acked_upto}; "
                f"{answer.pending_changes} change(s) still pending"
            )
            if answer.recovered is not None:
                print(
                    "this branch was restored from an older copy: "
                    f"{answer.recovered.from_hq} record(s) recovered from headquarters; "
                    f"{answer.recovered.resent} change(s) made on this copy will go with the "
                    "next export: run `sanad sync export` again"
                )
        return 0
    result = sync.sync_now(progress=_progress)
    print(
        f"sent {result.sent_batches} batch(es) / {result.sent_changes} change(s); "
        f"headquarters acknowledged up to {result.acked_upto}; "
        f"{result.pending_changes} change(s) pending"
    )
    if result.recovered is not None:
        print(
            "this branch was restored from an older copy: "
            f"{result.recovered.from_hq} record(s) recovered from headquarters, "
            f"{result.recovered.resent} change(s) made on this copy sent again; nothing lost"
        )
    return 0


def _progress(p: Progress) -> None:
    if p.stage is Stage.SENDING and p.size:
        print(
            f"\rsending batch {p.batch + 1}/{p.batches}: {p.sent * 100 // p.size}%",
            end="",
            file=sys.stderr,
            flush=True,
        )
    elif p.stage is Stage.APPLYING:
        print(file=sys.stderr)


def _print_status(s: SyncStatus) -> None:
    print(f"branch:            {s.branch_code}{' (demo: never syncs)' if s.demo else ''}")
    if not s.enrolled:
        print("enrolled:          no (sanad enroll FILE)")
    else:
        registered = "" if s.registered else " (keys not yet registered at headquarters)"
        print(f"headquarters:      {s.hq_url}{registered}")
    print(f"pending changes:   {s.pending_changes}")
    print(f"unacknowledged:    {s.unacked_batches} batch file(s)")
    last = f"{s.last_success_at:%Y-%m-%d %H:%M} UTC" if s.last_success_at else "never"
    print(f"last sync:         {last}")
    if s.last_error:
        at = f" at {s.last_error_at:%Y-%m-%d %H:%M} UTC" if s.last_error_at else ""
        print(f"last error:        {s.last_error}{at}: {s.last_error_detail}".rstrip(": "))
    print(f"rejected by HQ:    {s.rejected_by_hq} change(s)")
