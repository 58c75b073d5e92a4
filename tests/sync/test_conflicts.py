"""Hard conflicts decided at HQ and heard at both branches (docs/registry.md, "Conflicts").

Each kind is produced by a branch's two places (worker A on a disk that is then lost, worker B
on the restored copy) for a person BEN01 holds too (a case of theirs was moved there): listed
at HQ with both values, the base, who and when; decided each way; applied at HQ and at both
branches, by HTTP and by USB; the worker whose edit lost has a notice. Refusals change nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.registry_models import HqDecisionRow
from app.db.sync_models import HqConflictRow, HqCounterRow, HqDownQueueRow
from app.hq.decisions import verify_chain
from app.hq.enrollment import HqError
from tests.sync.conflict_scene import Scene
from tests.sync.world import make_branch_template, world

pytestmark = [pytest.mark.sync, pytest.mark.db]

LOST = "على القرص المفقود"
COPY = "على النسخة"
WHY = "تحققنا من الملف الورقي"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_branch_template(tmp_path_factory.mktemp("conflict-template") / "branch")


@pytest.fixture(params=["http", "usb"])
def scene(
    request: pytest.FixtureRequest, central_url: str, tmp_path: Path, template: Path
) -> Iterator[Scene]:
    with world(tmp_path, central_url, template, ["TRP01", "BEN01"]) as (hq, branches):
        made = Scene(hq, branches[0], branches[1], request.param, tmp_path)
        made.setup()
        yield made


@pytest.fixture
def http_scene(central_url: str, tmp_path: Path, template: Path) -> Iterator[Scene]:
    with world(tmp_path, central_url, template, ["TRP01", "BEN01"]) as (hq, branches):
        made = Scene(hq, branches[0], branches[1], "http", tmp_path)
        made.setup()
        yield made


def _both_synced(scene: Scene) -> None:
    scene.sync(scene.trp)
    scene.sync(scene.ben)


def test_a_field_conflict_is_listed_with_both_sides(scene: Scene) -> None:
    before = scene.at_hq()["notes"]
    conflict = scene.conflict({"notes": LOST}, {"notes": COPY})
    seen = scene.desk.conflict(conflict)
    assert (seen.kind, seen.status, seen.table, seen.field) == (
        "field", "open", "beneficiaries", "notes",
    )  # fmt: skip
    assert (seen.base, seen.branch_side.value, seen.hq_side.value) == (before, COPY, LOST)
    assert seen.branch_side.user == scene.users["b"] and seen.hq_side.user == scene.users["a"]
    assert seen.branch_side.at is not None and seen.hq_side.at is not None
    assert seen.person_id == scene.person and seen.person_name
    assert seen.holders == ("BEN01", "TRP01") and seen.owner == "TRP01"
    assert seen.current == COPY  # the merge applied the owner's latest meanwhile
    counted = {s.code: s.open_conflicts for s in scene.hq.service.status()}
    assert counted == {"BEN01": 0, "TRP01": 1}  # `sanad hq status`: "conflicts 1"


@pytest.mark.parametrize(
    ("choice", "value", "kept", "told"),
    [
        ("keep_hq", None, LOST, {("branch", "b")}),
        ("take_branch", None, COPY, {("hq", "a")}),
        ("value", "الصحيح بعد المراجعة", "الصحيح بعد المراجعة", {("branch", "b"), ("hq", "a")}),
    ],
)
def test_a_decision_reaches_hq_and_both_branches(
    scene: Scene, choice: str, value: str | None, kept: str, told: set[tuple[str, str]]
) -> None:
    conflict = scene.conflict({"notes": LOST}, {"notes": COPY})
    version = scene.at_hq()["row_version"]
    done = scene.desk.decide(conflict, choice, "officer", WHY, value)
    assert done.sent_to == ("BEN01", "TRP01")
    at_hq = scene.at_hq()
    assert at_hq["notes"] == kept and at_hq["row_version"] == version + 1
    assert at_hq["hq_version"] == done.hq_version
    _both_synced(scene)
    assert scene.at(scene.trp)["notes"] == kept and scene.at(scene.ben)["notes"] == kept
    notices = scene.notices(scene.trp)
    users = {v: k for k, v in scene.users.items()}
    assert {(n.side, users[str(n.user_id)]) for n in notices} == told
    for notice in notices:
        assert (notice.field, notice.kept_value, notice.decided_by, notice.reason) == (
            "notes", kept, "officer", WHY,
        )  # fmt: skip
        assert notice.lost_value == (COPY if notice.side == "branch" else LOST)
    assert scene.notices(scene.ben) == []  # BEN01 lost nothing: the row only
    _both_synced(scene)  # the ordinary sync goes on: nothing new collides
    assert scene.desk.conflicts() == [] and scene.at_hq()["notes"] == kept
    assert all(s.open_conflicts == 0 for s in scene.hq.service.status())
    seen = scene.desk.conflict(conflict)
    assert (seen.status, seen.decided_by, seen.decision) == ("decided", "officer", choice)
    with Session(scene.hq.engine) as session:
        entry = session.scalars(
            select(HqDecisionRow).where(HqDecisionRow.action != "reference_publish")
        ).one()  # the officer's (HQ published its first reference data as it started)
        assert (entry.action, entry.subject, entry.reason) == (
            "conflict.decide", f"conflict {conflict}", WHY,
        )  # fmt: skip
        assert verify_chain(session) is None


@pytest.mark.parametrize("keep", [True, False])
def test_an_edit_against_a_delete(scene: Scene, keep: bool) -> None:
    """A deletes on the lost disk, B edits on the copy: the record lives or goes, as decided."""
    conflict = scene.conflict({"deleted_at": "now"}, {"notes": COPY})
    seen = scene.desk.conflict(conflict)
    assert (seen.kind, seen.field, seen.branch_side.value) == ("delete_vs_edit", "deleted_at", None)
    assert seen.hq_side.value is not None and seen.hq_side.user == scene.users["a"]
    scene.desk.decide(conflict, "keep_record" if keep else "delete_record", "officer", WHY)
    assert scene.at_hq()["deleted"] is not keep and scene.at_hq()["notes"] == COPY
    _both_synced(scene)
    for branch in (scene.trp, scene.ben):
        assert scene.at(branch)["deleted"] is not keep
    [notice] = scene.notices(scene.trp)
    assert notice.side == ("hq" if keep else "branch")
    assert notice.user_id == scene.users["a" if keep else "b"]


def test_a_delete_against_an_edit(scene: Scene) -> None:
    """A edits on the lost disk, B deletes on the copy; HQ keeps the record."""
    conflict = scene.conflict({"notes": LOST}, {"deleted_at": "now"})
    seen = scene.desk.conflict(conflict)
    assert (seen.kind, seen.hq_side.value) == ("delete_vs_edit", None)
    assert seen.branch_side.value is not None and seen.branch_side.user == scene.users["b"]
    assert scene.at_hq()["deleted"]
    scene.desk.decide(conflict, "keep_hq", "officer", WHY)  # keep: HQ held it alive
    assert not scene.at_hq()["deleted"] and scene.at_hq()["notes"] == LOST
    _both_synced(scene)
    assert not scene.at(scene.trp)["deleted"] and not scene.at(scene.ben)["deleted"]
    [notice] = scene.notices(scene.trp)
    assert (notice.side, notice.user_id) == ("branch", scene.users["b"])


def _snapshot(scene: Scene) -> tuple[object, ...]:
    with Session(scene.hq.engine) as session:
        return (
            scene.at_hq(),
            session.scalar(select(func.count()).select_from(HqDecisionRow)),
            session.scalar(select(func.count()).select_from(HqDownQueueRow)),
            session.get(HqCounterRow, "hq_version").value,  # type: ignore[union-attr]
            tuple(session.execute(select(HqConflictRow.id, HqConflictRow.status)).all()),
        )


def test_refusals_change_nothing(scene: Scene) -> None:
    conflict = scene.conflict({"notes": LOST}, {"notes": COPY})
    before = _snapshot(scene)
    for args, code in [
        ((999, "keep_hq", "officer", WHY), "unknown_conflict"),
        ((conflict, "keep_hq", "officer", "?"), "reason"),
        ((conflict, "delete_record", "officer", WHY), "choice"),
        ((conflict, "value", "officer", WHY, "ab\x1bcd"), "value"),
    ]:
        with pytest.raises(HqError) as caught:
            scene.desk.decide(*args)  # type: ignore[arg-type]
        assert caught.value.code == code
        assert _snapshot(scene) == before
    scene.desk.decide(conflict, "take_branch", "officer", WHY)
    decided = _snapshot(scene)
    with pytest.raises(HqError) as caught:
        scene.desk.decide(conflict, "keep_hq", "officer", WHY)
    assert caught.value.code == "decided" and "already decided" in caught.value.reason
    assert _snapshot(scene) == decided


def test_a_record_changed_since_is_refused(scene: Scene) -> None:
    conflict = scene.conflict({"notes": LOST}, {"notes": COPY})
    scene.edit(("wrk_b", "worker-b-pass-123"), address="شارع عمر المختار")
    scene.sync(scene.trp)
    before = _snapshot(scene)
    with pytest.raises(HqError) as caught:
        scene.desk.decide(conflict, "keep_hq", "officer", WHY)
    assert caught.value.code == "changed" and "changed since" in caught.value.reason
    assert _snapshot(scene) == before


def test_a_soft_conflict_is_listed_but_not_decided(scene: Scene) -> None:
    scene.save()
    scene.edit(("wrk_a", "worker-a-pass-123"), notes=COPY)
    scene.sync(scene.trp)
    scene.restore()
    scene.edit(("wrk_b", "worker-b-pass-123"), notes=COPY)
    scene.sync(scene.trp)
    assert scene.desk.conflicts() == []
    [soft] = scene.desk.conflicts(soft=True)
    assert (soft.kind, soft.status, soft.field) == ("soft", "soft", "notes")
    before = _snapshot(scene)
    with pytest.raises(HqError) as caught:
        scene.desk.decide(soft.id, "keep_hq", "officer", WHY)
    assert caught.value.code == "soft" and "cannot be decided" in caught.value.reason
    assert _snapshot(scene) == before


@pytest.mark.parametrize(("edits", "final"), [(["زيارة", COPY], LOST), (["زيارة"], "زيارة")])
def test_edits_made_while_the_answer_travels_do_not_bring_the_lost_value_back(
    central_url: str, tmp_path: Path, template: Path, edits: list[str], final: str
) -> None:
    """By USB, B keeps working while the stick carries the decision back: B's changes of the
    field not yet in a batch never send B's lost value again (a new conflict), and a new value
    of B's reaches HQ as an ordinary edit."""
    with world(tmp_path, central_url, template, ["TRP01", "BEN01"]) as (hq, branches):
        scene = Scene(hq, branches[0], branches[1], "usb", tmp_path)
        scene.setup()
        conflict = scene.conflict({"notes": LOST}, {"notes": COPY})
        scene.desk.decide(conflict, "keep_hq", "officer", WHY)
        [result] = hq.service.import_files([scene._poll(scene.trp)])
        for text in edits:  # after the stick left, before its answer is applied
            scene.edit(("wrk_b", "worker-b-pass-123"), notes=text)
        assert result.receipt is not None
        scene.trp.sync.import_file(result.receipt)
        assert scene.at(scene.trp)["notes"] == final
        assert len(scene.notices(scene.trp)) == 1
        scene.sync(scene.trp)
        scene.sync(scene.ben)
        assert scene.desk.conflicts() == []  # nothing new collided
        assert scene.at_hq()["notes"] == final == scene.at(scene.trp)["notes"]
        # BEN01 has the decision's row (an owner's later edit reaches other holders only
        # with HQ's next rows line for the record: a transfer or a decision).
        assert scene.at(scene.ben)["notes"] == LOST
