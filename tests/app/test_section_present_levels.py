"""Present levels: areas, the family's concerns, and progress on last year's goals."""

from __future__ import annotations

import attrs
from textual.widgets import OptionList, TextArea

from iep_meeting.model.plan import MeetingKind, PresentLevels, Progress
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import editor_as, field, make_app, open_section, saved

SIZE = (120, 36)


async def test_progress_on_a_previous_goal_is_saved(tmp_path):
    app = make_app(tmp_path)  # the sample: three goals from last year, none reviewed yet
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        goals = app.screen.query_one("#previous-goals", RecordList)
        note = app.screen.query_one("#previous-goals-note")
        assert "0 of 3 reviewed" in str(note.render())

        goals.query_one(OptionList).focus()
        await pilot.press("down")  # the second goal of last year
        progress = field(app, "present_levels", "previous_goals", 1, "progress")
        progress.editor.focus()
        await pilot.press("p")  # "progressing", by its key
        field(app, "present_levels", "previous_goals", 1, "evidence").editor.focus()
        await pilot.press(*"3/4 [b]")

        plan = await saved(pilot, app)
        goal = plan.present_levels.previous_goals[1]
        assert goal.progress is Progress.PROGRESSING
        assert goal.evidence == "3/4 [b]"
        assert plan.present_levels.previous_goals[0].progress is None  # the others untouched
        assert "1 of 3 reviewed" in str(note.render())
        assert "2. ◐ progressing — Jordan will write" in str(goals.query_one(OptionList).get_option_at_index(1).prompt)


async def test_area_added_from_the_keyboard_and_family_words_kept_literally(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        app.screen.query_one("#areas", RecordList).query_one(OptionList).focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"speech")  # the new area's first field has the focus
        concerns = editor_as(TextArea, field(app, "present_levels", "parent_concerns"))
        concerns.focus()
        concerns.move_cursor(concerns.document.end)
        await pilot.press("enter", *"[red]x[/]")

        plan = await saved(pilot, app)
        assert [a.area for a in plan.present_levels.areas][-1] == "speech"
        assert len(plan.present_levels.areas) == 4
        assert plan.present_levels.parent_concerns.endswith("questions.\n[red]x[/]")


async def test_an_initial_iep_says_there_are_no_previous_goals(tmp_path):
    sample = load_plan(sample_plan_path())
    plan = attrs.evolve(
        sample,
        meeting=attrs.evolve(sample.meeting, kind=MeetingKind.INITIAL, previous_iep_date=None),
        present_levels=attrs.evolve(sample.present_levels, previous_goals=()),
    )
    app = make_app(tmp_path, plan)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        first = app.screen.query_one("#first-iep")
        assert first.display and "first IEP" in str(first.render())
        assert not app.screen.query_one("#previous-goals").display  # no empty list


async def test_an_annual_review_without_previous_goals_offers_to_add_them(tmp_path):
    sample = load_plan(sample_plan_path())
    plan = attrs.evolve(sample, present_levels=PresentLevels(areas=sample.present_levels.areas))
    app = make_app(tmp_path, plan)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "present-levels")
        assert not app.screen.query_one("#first-iep").display
        goals = app.screen.query_one("#previous-goals", RecordList)
        assert goals.display
        goals.query_one("#add").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"Read")
        plan = await saved(pilot, app)
        (goal,) = plan.present_levels.previous_goals
        assert goal.statement == "Read" and goal.id == "previous-goal-1"
