"""What the shared screen shows of the family's input: their own words at the top of
present levels, their concerns with what answers each, and the dialog that links a
concern to its answers at 80x24. Fixed clock, theme and no cursor blink, as in
test_snapshots.py; look at each SVG before accepting a change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iep_meeting.model.family_input import take_in
from iep_meeting.model.plan import Plan
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.widgets.family_concerns import FamilyConcerns
from tests.app.harness import make_app, settled
from tests.app.test_snapshots import at_section, settle
from tests.family_answers import write_jordan_answers


def sample_with_input(folder: Path) -> Plan:
    from iep_meeting.store.answers_file import read_answers

    answers = read_answers(write_jordan_answers(folder / "answers.json"))
    return take_in(load_plan(sample_plan_path()), answers).plan


def test_present_levels_with_the_familys_words(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tmp_path, sample_with_input(tmp_path))
    assert snap_compare(app, terminal_size=(120, 36), run_before=at_section("present-levels"))


def test_the_concerns_and_the_dialog_that_links_one_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tmp_path, sample_with_input(tmp_path))

    async def run_before(pilot: Any) -> None:
        await at_section("present-levels")(pilot)
        widget = pilot.app.screen.query_one(FamilyConcerns)
        widget.reveal(("present_levels", "concerns", 0))
        await settled(pilot, pilot.app)
        await settle(pilot)  # the concern in view and painted, as the facilitator sees it before Enter
        await pilot.press("enter")
        await settled(pilot, pilot.app)
        await pilot.press("down", "down", "down", "space")  # goal 4 ticked: ✓ beside it, not colour alone
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
