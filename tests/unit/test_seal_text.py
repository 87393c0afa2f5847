"""A final plan opened to record progress on (store/final_plan.py): its seal
checked on the file's text (store/seal.py, `text_holds_seal`), with the verdict
of writing the plan's canonical text again, but without writing it, or making
the plan's model, when the file is as the program wrote it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import FamilyCopy, Plan
from iep_meeting.store import final_plan
from iep_meeting.store.after_final import record_copy_after_final
from iep_meeting.store.errors import StoreError
from iep_meeting.store.final_plan import open_final_plan
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import create_plan_file, load_plan, read_plan
from iep_meeting.store.seal import seal_intact, sealed

COPY = FamilyCopy(date=dt.date(2026, 12, 4), language="Spanish", document="family", sha256="ab" * 32)


@pytest.fixture
def final() -> Plan:
    return sealed(finalize(load_plan(sample_plan_path()), dt.date(2026, 12, 3)))


@pytest.fixture
def final_file(tmp_path: Path, final: Plan) -> Path:
    return create_plan_file(tmp_path / "sam.iep.toml", final)


def _nothing_written_or_made(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> bool:
        raise AssertionError("the plan was read in full")

    monkeypatch.setattr(final_plan, "seal_intact", refused)
    monkeypatch.setattr(final_plan, "read_plan", refused)


def test_a_file_as_written_is_checked_on_its_text(
    final_file: Path, final: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    _nothing_written_or_made(monkeypatch)
    opened = open_final_plan(final_file)
    assert opened.content_hash == final.sign_off.content_sha256
    assert opened.goal_ids == tuple(goal.id for goal in final.goals)
    assert opened.goal(final.goals[1].id) == final.goals[1] and opened.goal("none") is None
    assert opened.period == final.period
    assert opened.plan == final  # made when asked


def test_copies_made_after_finalizing_are_outside_the_seal(
    final_file: Path, final: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    once = record_copy_after_final(final_file, final, COPY)
    record_copy_after_final(final_file, once, FamilyCopy(date=dt.date(2026, 12, 5), language="English"))
    _nothing_written_or_made(monkeypatch)
    opened = open_final_plan(final_file)
    assert len(opened.plan.copies_after_final) == 2


EDITS: list[tuple[str, Callable[[str], str]]] = [
    ("a word of the plan changed", lambda t: t.replace("Jordan", "Jordyn", 1)),
    ("a team member added after the copies", lambda t: t + '\n[[team]]\nname = "Pat Extra"\nrole = "parent"\n'),
    ("the seal's line left out", lambda t: t.replace("\ncontent_sha256 = ", "\n# content_sha256 = ", 1)),
    ("a copy after finalizing changed (the same plan)", lambda t: _last_replaced(t, "Spanish", "English")),
    ("CRLF line ends (the same plan)", lambda t: t.replace("\n", "\r\n")),
    ("a blank line added (the same plan)", lambda t: t.replace("\n[sign_off]", "\n\n[sign_off]")),
]


def _last_replaced(text: str, old: str, new: str) -> str:
    before, found, after = text.rpartition(old)
    return before + new + after if found else text


@pytest.mark.parametrize(("what", "edit"), EDITS, ids=[what for what, _ in EDITS])
def test_an_edited_file_gets_the_verdict_of_the_full_check(
    final_file: Path, final: Plan, what: str, edit: Callable[[str], str]
) -> None:
    record_copy_after_final(final_file, final, COPY)
    final_file.write_text(edit(final_file.read_text(encoding="utf-8")), encoding="utf-8")
    intact = seal_intact(read_plan(final_file.read_text(encoding="utf-8")))
    assert intact == ("(the same plan)" in what), what
    if intact:
        assert open_final_plan(final_file).content_hash == final.sign_off.content_sha256
    else:
        with pytest.raises(StoreError, match="changed after it was finalized"):
            open_final_plan(final_file)
