"""`sanad print …`: a record's form, or a blank one, as a PDF file.

    sanad print intake NUMBER --out FILE.pdf              a beneficiary's intake form (their
                                                          person number, TRP01-P-000123, or id)
    sanad print household ID --out FILE.pdf               a household's form
    sanad print case NUMBER --out FILE.pdf [--form F]     summary (default), visit, referral,
                                                          court
    sanad print blank intake|visit --out FILE.pdf         a form to fill in by hand

Every print is recorded in the audit log under a named account (`--user`; by default the first
active supervisor), with that account's access to cases. A refusal prints one line to stderr
and exits 2; no file is written then. `--out` may name a folder: the file is then named as
the desk names it (`intake_TRP01-P-000123.pdf`, `summary_TRP01-2026-00012.pdf`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.bootstrap import build_services
from app.cli.context import act_as_supervisor
from app.domain.case_events import EventKind
from app.domain.errors import DomainError, ErrorCode
from app.domain.person_numbers import normalize_person_number

if TYPE_CHECKING:  # the parser is built on every `sanad` start: the services load on use
    from app.services.printing import PrintResult
    from app.services.setup import AppServices

CASE_FORMS = ("summary", "visit", "referral", "court")


def add_print_commands(sub: Any) -> None:
    p = sub.add_parser("print", help="print a form to a PDF file")
    what = p.add_subparsers(dest="print_what", required=True)
    intake = what.add_parser("intake", help="a beneficiary's intake form")
    intake.add_argument("id", help="the beneficiary's person number (TRP01-P-000123) or id")
    household = what.add_parser("household", help="a household's form")
    household.add_argument("id", help="the household's record id")
    case = what.add_parser("case", help="a case's forms")
    case.add_argument("number", help="the case number, e.g. TRP01-2026-00012")
    case.add_argument(
        "--form",
        choices=CASE_FORMS,
        default="summary",
        help="summary (the whole file), visit (next planned visit), referral (latest "
        "referral letter), court (juvenile court report)",
    )
    blank = what.add_parser("blank", help="a blank form to fill in by hand")
    blank.add_argument("form", choices=("intake", "visit"))
    for parser in (intake, household, case, blank):
        parser.add_argument(
            "--out",
            required=True,
            metavar="FILE.pdf",
            help="the PDF to write, or a folder to write it in under its usual name",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the account that prints (default: the first active supervisor)",
        )


def run_print(args: argparse.Namespace, data_dir: Path) -> int:
    out = Path(args.out)
    if not out.is_dir() and not out.parent.is_dir():
        raise ValueError(f"{out.parent}: no such folder")
    services = build_services(data_dir)
    try:
        act_as_supervisor(services, args.user)
        result = _print(services, args)
    finally:
        services.close()
    if out.is_dir():
        out = out / f"{result.file_name}.pdf"
    part = out.with_name(out.name + ".part")
    part.write_bytes(result.pdf)
    part.replace(out)
    print(f"wrote {out} ({result.pages} page{'s' if result.pages != 1 else ''})")
    return 0


def _print(services: AppServices, args: argparse.Namespace) -> PrintResult:
    printing = services.printing
    if args.print_what == "intake":
        number = normalize_person_number(args.id)
        if number is not None:
            return printing.intake(services.beneficiaries.get_by_number([number]).id)
        return printing.intake(args.id.strip().lower())
    if args.print_what == "household":
        return printing.household(args.id.strip().lower())
    if args.print_what == "blank":
        return printing.blank_intake() if args.form == "intake" else printing.blank_visit()
    case_id = services.cases.find_by_number(args.number)
    if args.form == "summary":
        return printing.case_summary(case_id)
    if args.form == "visit":
        return printing.visit_sheet(case_id)
    if args.form == "court":
        return printing.court_report(case_id)
    view = services.case_workflow.case_view(case_id)  # access checked, as for every form
    referrals = [e for e in view.current_events(EventKind.REFERRAL) if not e.hidden]
    if not referrals:
        raise DomainError(ErrorCode.NOT_FOUND, field="referral", number=view.number)
    return printing.referral_letter(referrals[-1].id)
