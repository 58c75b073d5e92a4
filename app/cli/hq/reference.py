"""`sanad hq reference …`: HQ's reference data (municipalities, case types, agencies).

`export FILE` (the current lists as JSON), `import FILE --reason …` (publish what the edited
file changes), `set TABLE KEY --name-ar … --field k=v --reason …` (change or add one row),
`list [TABLE]` (the versions, or a table's rows) and `show VERSION` (who, when, why, the rows
and which branches have it). Each publication is one new version, sent to every branch in its
next answer. Wired into `sanad hq` by app.cli.hq.commands.
"""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path
from typing import Any

from app.cli.hq.desk import run_desk
from app.sync.reference_tables import BY_NAME, TABLES

# Every column of every table, as an option of `set` (--name-ar, --district-code …).
_OPTIONS = sorted({name for spec in TABLES for name in spec.fields})


def add_reference_commands(cmds: Any, common: argparse.ArgumentParser) -> None:
    """Add `reference export|import|set|list|show` to the `sanad hq` subcommands `cmds`."""
    ref = cmds.add_parser(
        "reference", help="HQ's reference data: export, import, set, list, show (versions)"
    )
    rsub = ref.add_subparsers(dest="reference_command", required=True)
    export = rsub.add_parser("export", parents=[common], help="write the current lists (JSON)")
    export.add_argument("file", type=Path, help="the file to write, e.g. reference.json")
    export.add_argument("--json", action="store_true")
    imp = rsub.add_parser(
        "import", parents=[common], help="publish what an edited export file changes"
    )
    imp.add_argument("file", type=Path)
    _publishing(imp)
    put = rsub.add_parser("set", parents=[common], help="change or add one row")
    put.add_argument("table", choices=sorted(BY_NAME))
    put.add_argument("key", help="the row's code, e.g. LY020399")
    for name in _OPTIONS:
        put.add_argument(f"--{name.replace('_', '-')}", dest=f"col_{name}", metavar="VALUE")
    put.add_argument(
        "--field", action="append", default=[], metavar="NAME=VALUE", help="any field, by name"
    )
    _publishing(put)
    listing = rsub.add_parser(
        "list", parents=[common], help="the published versions, or the rows of one table"
    )
    listing.add_argument("table", nargs="?", choices=sorted(BY_NAME))
    listing.add_argument("--retired", action="store_true", help="rows retired too")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true")
    show = rsub.add_parser("show", parents=[common], help="one version: who, why, what, where")
    show.add_argument("version", type=int)
    show.add_argument("--json", action="store_true")


def _publishing(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reason", required=True, help="why (kept with the version)")
    parser.add_argument("--by", help="who publishes (default: the operating-system user)")
    parser.add_argument("--json", action="store_true")


def run_reference(args: argparse.Namespace) -> int:
    return run_desk(args, _run)


def _run(service: Any, args: argparse.Namespace) -> int:
    from app.hq.enrollment import HqError
    from app.hq.reference_desk import ReferenceDesk, parse_value

    desk = ReferenceDesk.of(service)
    command = args.reference_command
    if command == "export":
        version = desk.export(args.file)
        _say(args, {"version": version, "file": str(args.file)},
             f"version {version} written to {args.file}")  # fmt: skip
        return 0
    if command in ("import", "set"):
        by = args.by or getpass.getuser()
        if command == "import":
            published = desk.import_file(args.file, by=by, reason=args.reason)
        else:
            values: dict[str, Any] = {}
            for name in _OPTIONS:
                given = getattr(args, f"col_{name}")
                if given is not None:
                    values[name] = parse_value(args.table, name, given)
            for item in args.field:
                name, sep, text = item.partition("=")
                if not sep:
                    raise HqError("bad_field", f"--field {item!r}: write NAME=VALUE")
                values[name.strip()] = parse_value(args.table, name.strip(), text)
            published = desk.set_row(args.table, args.key, values, by=by, reason=args.reason)
        if published is None:
            _say(args, {"version": None, "rows": []}, "nothing differs: no new version")
            return 0
        rows = ", ".join(f"{c.table} {c.key}" for c in published.changes[:10])
        more = len(published.changes) - 10
        _say(args, published.to_json(), f"version {published.version} published "
             f"({len(published.changes)} rows: {rows}{' …' if more > 0 else ''}); "
             "every branch gets it at its next sync")  # fmt: skip
        return 0
    if command == "show":
        detail = desk.version(args.version)
        if args.json:
            return _print_json(detail)
        print(f"version {detail['version']}: {detail['published_at']} by {detail['by']}: "
              f"{detail['reason']}")  # fmt: skip
        for row in detail["rows"]:
            print(f"  {row['table']} {row['key']}: {_difference(row['before'], row['after'])}")
        for b in detail["branches"]:
            state = "acknowledged" if b["acknowledged"] else "queued"
            print(f"  branch {b['branch']}: version {b['sent']} {state}")
        return 0
    if args.table:
        table_rows = desk.rows(args.table, retired=args.retired)
        if args.json:
            return _print_json(table_rows)
        key = BY_NAME[args.table].key
        for row in table_rows:
            state = "" if row.get("active", True) else " (retired)"
            print(f"{row[key]:24} {row.get('name_ar', '')} / {row.get('name_en', '')}{state}")
        return 0
    listed = desk.versions(args.limit)
    if args.json:
        return _print_json(listed)
    if not listed:
        print("no reference version yet")
    for v in listed:
        print(f"{v['version']:>5} {v['published_at']} {v['by']:16} {v['rows']:>4} rows  "
              f"{v['reason']}")  # fmt: skip
    return 0


def _difference(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    if before is None:
        return "new: " + json.dumps(after, ensure_ascii=False)
    return "; ".join(
        f"{k} {_shown(before.get(k))} -> {_shown(v)}"
        for k, v in after.items()
        if before.get(k) != v
    )


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _say(args: argparse.Namespace, data: Any, text: str) -> None:
    if args.json:
        _print_json(data)
    else:
        print(text)


def _print_json(data: Any) -> int:
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return 0
