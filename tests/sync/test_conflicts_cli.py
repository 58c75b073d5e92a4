"""`sanad hq conflicts list|show|decide`, through the commands' own parser: what an officer
reads and types, `--json` for scripts, and a refusal as one line on stderr with exit status 2."""

from __future__ import annotations

import argparse
import json

import pytest

from app.cli.hq.conflicts import add_conflict_commands, run_conflicts
from tests.sync.conflict_scene import Scene
from tests.sync.test_conflicts import COPY, LOST, WHY, http_scene, template  # noqa: F401
from tests.sync.world import Hq

pytestmark = [pytest.mark.sync, pytest.mark.db]


def cli(hq: Hq, url: str, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="sanad")
    sub = parser.add_subparsers(dest="command", required=True)
    cmds = sub.add_parser("hq").add_subparsers(dest="hq_command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--hq-dir")
    common.add_argument("--db")
    add_conflict_commands(cmds, common)
    args = parser.parse_args(["hq", "conflicts", *argv, "--hq-dir", str(hq.home.root), "--db", url])
    code = run_conflicts(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_an_officer_lists_shows_and_decides(
    http_scene: Scene,  # noqa: F811
    central_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scene, hq = http_scene, http_scene.hq
    conflict = scene.conflict({"notes": LOST}, {"notes": COPY})
    code, out, _err = cli(hq, central_url, capsys, "list")
    assert "wrk_a" not in out  # the list is short: names are in show
    assert code == 0 and str(conflict) in out and "beneficiaries/" in out and LOST in out
    code, out, _err = cli(hq, central_url, capsys, "list", "--json")
    [listed] = json.loads(out)
    assert (listed["id"], listed["field"], listed["hq"]["value"], listed["branch"]["value"]) == (
        conflict, "notes", LOST, COPY,
    )  # fmt: skip
    assert listed["holders"] == ["BEN01", "TRP01"] and listed["person_name"]
    code, out, _err = cli(hq, central_url, capsys, "show", str(conflict))
    assert code == 0 and "base:" in out and listed["person_name"] in out and COPY in out
    assert f"by wrk_b ({scene.users['b']}) at TRP01" in out  # who, by name
    assert f"by wrk_a ({scene.users['a']}) at TRP01" in out
    code, out, _err = cli(
        hq, central_url, capsys, "decide", str(conflict), "--keep-hq", "--reason", WHY,
        "--by", "officer", "--json",
    )  # fmt: skip
    decided = json.loads(out)
    assert code == 0 and decided["value"] == LOST and decided["sent_to"] == ["BEN01", "TRP01"]
    assert decided["notified"] == ["TRP01:wrk_b"]
    code, out, _err = cli(hq, central_url, capsys, "list")
    assert (code, out.strip()) == (0, "no open conflicts")
    code, out, _err = cli(hq, central_url, capsys, "list", "--all", "--json")
    assert [c["status"] for c in json.loads(out)] == ["decided"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["show", "77"], "HQ has no conflict 77"),
        (["decide", "77", "--keep-hq", "--reason", WHY], "HQ has no conflict 77"),
        (["decide", "{id}", "--take-branch", "--reason", "?"], "give the reason"),
        (["decide", "{id}", "--keep-record", "--reason", WHY], "not a delete"),
    ],
)
def test_refusals_are_one_line_and_status_2(
    http_scene: Scene,  # noqa: F811
    central_url: str,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    says: str,
) -> None:
    conflict = http_scene.conflict({"notes": LOST}, {"notes": COPY})
    before = http_scene.at_hq()
    code, out, err = cli(
        http_scene.hq, central_url, capsys, *[a.replace("{id}", str(conflict)) for a in argv]
    )
    assert code == 2 and out == "" and says in err and err.count("\n") == 1
    assert "Traceback" not in err
    assert http_scene.at_hq() == before and http_scene.desk.conflicts()[0].status == "open"
