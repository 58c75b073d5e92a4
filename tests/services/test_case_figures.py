"""Branch figures (opened/closed per month and type, average days to close, overdue rate) from
cases made through the services, and their CSV and XLSX exports read back and audited."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.db.models import AuditRow
from app.services.case_export import FigureLabels
from app.services.case_figures import BranchFigures
from app.services.setup import AppServices
from tests.conftest import TODAY
from tests.services.case_desk import (
    add_accounts,
    follow_up,
    login,
    on,
    open_case,
    people,
    plan_visit,
    refused,
    request_closure,
)

pytestmark = pytest.mark.db

ARABIC = FigureLabels(
    title="إحصاءات الحالات",
    month="الشهر",
    case_type="نوع الحالة",
    opened="فتحت",
    closed="أغلقت",
    all_types="كل الأنواع",
    by_month="حسب الشهر",
    by_type="حسب النوع",
    right_to_left=True,
)
# The titles left in English (defaults) in ARABIC.
ENGLISH_TAIL = [
    FigureLabels().average_days,
    FigureLabels().open_now,
    FigureLabels().overdue_now,
    FigureLabels().overdue_rate,
]


def close(s: AppServices, case_id: str, day: date) -> None:
    """The supervisor closes the case on `day` (the worker is logged in again afterwards)."""
    login(s, "supervisor")
    with on(s, day):
        s.case_workflow.move(case_id, "closed", closure_reason="goals_achieved")
    login(s, "worker")


@pytest.fixture
def branch(services: AppServices) -> dict[str, str]:
    s = services
    add_accounts(s)
    ids = people(s, 9)
    login(s, "worker")
    made = {
        "e1": open_case(s, ids[0], date(2026, 9, 5)),
        "e2": open_case(s, ids[1], date(2026, 9, 20)),
        "e3": open_case(s, ids[2], date(2026, 10, 10)),
        "d1": open_case(s, ids[3], date(2026, 10, 1), "displaced"),
        "d2": open_case(s, ids[4], date(2026, 11, 2), "displaced"),
        "d_old": open_case(s, ids[5], date(2025, 6, 1), "displaced"),
        "reopened": open_case(s, ids[6], date(2026, 10, 20), "disability"),
        "closing": open_case(s, ids[7], date(2026, 11, 3), "disability"),
        "older": open_case(s, ids[8], date(2025, 11, 30)),  # the day before the period
    }
    close(s, made["e1"].id, date(2026, 10, 5))  # 30 days
    close(s, made["d1"].id, date(2026, 11, 10))  # 40 days
    close(s, made["d_old"].id, date(2026, 11, 1))  # opened before the period, closed in it
    close(s, made["reopened"].id, date(2026, 11, 4))
    with on(s, date(2026, 11, 6)):
        login(s, "supervisor")
        s.case_workflow.move(made["reopened"].id, "assessment", reason="عاد الوضع كما كان")
        login(s, "worker")
    request_closure(s, made["closing"].id, date(2026, 11, 12))  # asked, not closed
    plan_visit(s, made["d2"].id, date(2026, 11, 15), date(2026, 11, 3))  # overdue
    follow_up(s, made["e2"].id, date(2026, 9, 21), plan_due=date(2026, 11, 30))  # not yet
    plan_visit(s, made["e3"].id, date(2026, 11, 21), date(2026, 10, 11))  # overdue
    login(s, "supervisor")
    return {k: v.id for k, v in made.items()}


def twelve_months(s: AppServices) -> BranchFigures:
    first, last = s.case_figures.default_period()
    assert (first, last) == (date(2025, 12, 1), date(2026, 11, 30))
    return s.case_figures.figures(first, last)


def test_opened_and_closed_per_month_and_type(
    services: AppServices, branch: dict[str, str]
) -> None:
    figures = twelve_months(services)
    assert figures.months[0] == "2025-12" and figures.months[-1] == "2026-11"
    assert len(figures.months) == 12
    cells = {(c.month, c.type_code): (c.opened, c.closed) for c in figures.cells}
    assert cells == {
        ("2026-09", "elderly"): (2, 0),
        ("2026-10", "elderly"): (1, 1),
        ("2026-10", "displaced"): (1, 0),
        ("2026-10", "disability"): (1, 0),
        ("2026-11", "displaced"): (1, 2),
        ("2026-11", "disability"): (1, 0),  # "closing" opened; "reopened" is open again
    }
    assert figures.cell("2026-11") == (2, 2)
    assert figures.cell("2026-01") == (0, 0)


def test_average_days_to_close_and_overdue_rate(
    services: AppServices, branch: dict[str, str]
) -> None:
    figures = twelve_months(services)
    by_type = {t.type_code: t for t in figures.by_type}
    assert list(by_type) == ["displaced", "disability", "elderly"]  # the reference order
    elderly, displaced, disability = by_type["elderly"], by_type["displaced"], by_type["disability"]
    assert (elderly.opened, elderly.closed, elderly.average_days_to_close) == (3, 1, 30.0)
    d_old_days = (date(2026, 11, 1) - date(2025, 6, 1)).days
    assert d_old_days == 518
    assert (displaced.opened, displaced.closed) == (2, 2)
    assert displaced.average_days_to_close == (40 + 518) / 2
    assert disability.closed == 0 and disability.average_days_to_close is None
    # Open today: elderly e2, e3 and "older"; displaced d2; disability "reopened"
    # ("closing" waits for approval: not open). Overdue: e3 and d2.
    assert (elderly.open_now, elderly.overdue_now) == (3, 1)
    assert (displaced.open_now, displaced.overdue_now) == (1, 1)
    assert (disability.open_now, disability.overdue_now) == (1, 0)
    assert elderly.overdue_rate == pytest.approx(1 / 3)
    total = figures.total
    assert (total.opened, total.closed, total.open_now, total.overdue_now) == (7, 3, 5, 2)
    assert total.average_days_to_close == pytest.approx((30 + 40 + 518) / 3)
    assert total.overdue_rate == pytest.approx(2 / 5)
    assert figures.today == TODAY


def test_a_shorter_period(services: AppServices, branch: dict[str, str]) -> None:
    figures = services.case_figures.figures(date(2026, 10, 15), date(2026, 10, 2))
    assert figures.months == ("2026-10",)
    assert (figures.since, figures.until) == (date(2026, 10, 1), date(2026, 10, 31))
    assert (figures.total.opened, figures.total.closed) == (3, 1)
    assert figures.total.average_days_to_close == 30.0


def test_who_may_see_the_figures(services: AppServices, branch: dict[str, str]) -> None:
    first, last = services.case_figures.default_period()
    for username in ("worker", "admin"):
        login(services, username)
        refused(lambda: services.case_figures.figures(first, last))
    login(services, "auditor")
    assert services.case_figures.figures(first, last).total.opened == 7


# ---------------------------------------------------------------------------- export


def audit_entries(s: AppServices) -> list[tuple[str | None, dict[str, object]]]:
    """(user id, details) of every "export.case_figures" entry."""
    with s.ctx.db.read() as session:
        rows = session.execute(
            select(AuditRow.user_id, AuditRow.details).where(
                AuditRow.action == "export.case_figures"
            )
        )
        return [(user_id, json.loads(details)) for user_id, details in rows]


def rows_after(rows: list[list[str]], header: list[str]) -> list[list[str]]:
    """The table under `header` in rows read back, up to the next empty line."""
    start = rows.index(header) + 1
    out: list[list[str]] = []
    for row in rows[start:]:
        if not any(row):
            break
        out.append(row)
    return out


def test_csv_export_reads_back_with_the_same_figures(
    services: AppServices, branch: dict[str, str], tmp_path: Path
) -> None:
    first, last = services.case_figures.default_period()
    target = tmp_path / "figures.csv"
    result = services.case_export.export_figures(target, first, last, labels=ARABIC)
    assert result.path == target and not target.with_name("figures.csv.part").exists()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["إحصاءات الحالات", "Branch", "DEMO"]
    assert rows[1] == ["Period", "01/12/2025", "30/11/2026"]
    months = rows_after(rows, ["الشهر", "نوع الحالة", "فتحت", "أغلقت"])
    # Every month x the three types active in the period, zeros included.
    assert len(months) == 12 * 3
    assert ["2026-11", "نازح", "1", "2"] in months
    assert ["2026-09", "مسن", "2", "0"] in months
    assert ["2026-01", "شخص ذو إعاقة", "0", "0"] in months
    types = rows_after(rows, ["نوع الحالة", "فتحت", "أغلقت", *ENGLISH_TAIL])
    assert types == [
        ["نازح", "2", "2", "279.0", "1", "1", "100.0"],
        ["شخص ذو إعاقة", "2", "0", "", "1", "0", "0.0"],
        ["مسن", "3", "1", "30.0", "3", "1", "33.3"],
        ["كل الأنواع", "7", "3", "196.0", "5", "2", "40.0"],
    ]
    assert result.rows == len(months) + len(types)
    ((user_id, details),) = audit_entries(services)
    assert details == {
        "format": "csv",
        "since": "2025-12-01",
        "until": "2026-11-30",
        "file": "figures.csv",
        "rows": result.rows,
    }
    assert user_id == services.ctx.user.id  # type: ignore[union-attr]


def test_xlsx_export_reads_back_with_the_same_figures(
    services: AppServices, branch: dict[str, str], tmp_path: Path
) -> None:
    first, last = services.case_figures.default_period()
    figures = services.case_figures.figures(first, last)
    target = tmp_path / "figures.xlsx"
    services.case_export.export_figures(target, first, last, labels=ARABIC)
    book = load_workbook(target)
    assert book.sheetnames == ["حسب الشهر", "حسب النوع"]
    by_month, by_type = book["حسب الشهر"], book["حسب النوع"]
    assert by_month.sheet_view.rightToLeft
    month_rows = [list(r) for r in by_month.iter_rows(min_row=6, values_only=True)]
    assert [r[0] for r in by_month.iter_rows(min_row=5, max_row=5, values_only=True)] == ["الشهر"]
    for month in figures.months:
        for code, name in (("elderly", "مسن"), ("displaced", "نازح")):
            assert [month, name, *figures.cell(month, code)] in month_rows
    type_rows = {r[0]: list(r[1:]) for r in by_type.iter_rows(min_row=6, values_only=True)}
    assert type_rows["مسن"] == [3, 1, 30.0, 3, 1, 33.3]
    assert type_rows["شخص ذو إعاقة"] == [2, 0, None, 1, 0, 0.0]
    assert type_rows["كل الأنواع"] == [7, 3, 196.0, 5, 2, 40.0]
    assert [d["format"] for _u, d in audit_entries(services)] == ["xlsx"]


def test_export_is_refused_without_leaving_a_file_or_an_entry(
    services: AppServices, branch: dict[str, str], tmp_path: Path
) -> None:
    first, last = services.case_figures.default_period()
    out = tmp_path / "out"
    out.mkdir()
    for username in ("worker", "admin"):
        login(services, username)
        target = out / f"{username}.csv"
        refused(lambda t=target: services.case_export.export_figures(t, first, last))
        assert list(out.iterdir()) == []
    assert audit_entries(services) == []


def test_a_failed_write_leaves_no_file_and_no_entry(
    services: AppServices, branch: dict[str, str], tmp_path: Path
) -> None:
    first, last = services.case_figures.default_period()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OSError):  # a folder that is not there
        services.case_export.export_figures(out / "gone" / "f.xlsx", first, last)
    assert audit_entries(services) == []
    assert list(out.iterdir()) == []


def test_no_file_when_the_audit_entry_cannot_be_written(
    services: AppServices, branch: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import case_export

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(case_export, "append_audit", broken)
    first, last = services.case_figures.default_period()
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        services.case_export.export_figures(out / "f.csv", first, last)
    assert list(out.iterdir()) == []  # neither the file nor its .part
