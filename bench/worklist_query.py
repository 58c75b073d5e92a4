"""Work lists asked to sort and filter, the visit agenda and the people figures, at 50,000
cases in a branch of 20,000 people (the data of bench.cases).

uv run python -m bench.worklist_query [--cases 50000] [--rounds 50]

- a page of 100 open cases of the busiest worker, sorted by each column (descending), filtered
  by a name (normalized, part of the name key) and by part of a case number, and one stage;
- the same for the whole branch (the supervisor), sorted by name and filtered by a name;
- the visit agenda of this week, the worker's and the branch's;
- the people figures (sex, age band, municipality, each with "with an open case").
Every call runs off the GUI thread in the app; a filter is asked 250 ms after typing stops.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.services.case_agenda import AgendaSpan
from app.services.case_list_query import ListQuery, SortKey
from app.services.case_worklists import WorkList
from app.services.setup import open_branch
from bench.case_data import case_branch
from bench.cases import busiest_worker, login_as, timed
from bench.report import summary_ms, write_section


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    folder = case_branch(args.cases)
    worker = busiest_worker(folder)
    with sqlite3.connect(folder / "sanad.db") as conn:
        mine = conn.execute("SELECT count(*) FROM cases WHERE assigned_to = ?", (worker,))
        own = mine.fetchone()[0]
        supervisor = conn.execute("SELECT id FROM users WHERE role = 'supervisor'").fetchone()[0]
    services = open_branch(folder)
    lists = services.case_worklists
    rows: list[tuple[str, list[float]]] = []

    def measure(what: str, call: Callable[[], object]) -> None:
        call()  # warm
        rows.append((what, timed(call, args.rounds)))

    def page(query: ListQuery, branch: bool = False) -> Callable[[], object]:
        if branch:
            return lambda: lists.branch_cases(WorkList.OPEN, limit=100, query=query)
        return lambda: lists.my_cases(WorkList.OPEN, limit=100, query=query)

    login_as(services, worker)
    measure("my open cases, the list's own order", page(ListQuery()))
    for key in SortKey:
        measure(f"my open cases sorted by {key.value}", page(ListQuery(sort=key, descending=True)))
    measure("my open cases filtered by a name (احمد)", page(ListQuery(text="احمد")))
    measure("my open cases filtered by part of a number", page(ListQuery(text="0012")))
    measure("my cases in one stage (a chip)", page(ListQuery(stage="follow_up")))
    measure("my visit agenda, this week", lambda: lists.agenda(AgendaSpan.WEEK))
    login_as(services, supervisor)
    measure("branch open cases sorted by name", page(ListQuery(sort=SortKey.PERSON), True))
    measure("branch open cases filtered by a name", page(ListQuery(text="احمد"), True))
    measure("branch visit agenda, this week", lambda: lists.agenda(AgendaSpan.WEEK, branch=True))
    measure("people figures (sex, age band, municipality)", services.case_figures.people)
    services.close()
    table = "\n".join(
        f"| {what} | {summary_ms(t)[0]:.1f} ms | {summary_ms(t)[1]:.1f} ms |" for what, t in rows
    )
    load = os.getloadavg()[0]
    body = f"""
{args.cases:,} cases in a branch of 20,000 people; the busiest worker has {own:,} cases.
{args.rounds} rounds each; load average {load:.1f} at the end (a shared 2-core VM). Sorting and
filtering happen in the page query (the whole list, never only the rows loaded); every call
runs on the background worker.

| what | p50 | p99 |
|---|---|---|
{table}
"""
    write_section("worklist_query", "Work lists: sorting, filtering, agenda, people figures", body)


if __name__ == "__main__":
    main()
