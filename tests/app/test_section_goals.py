"""Annual goals: add, fill in, reorder and remove goals, from the keyboard."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList

from iep_meeting.model.plan import GoalArea
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.sections.goals import GoalList
from iep_meeting.tui.widgets.fields import LongTextArea
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import editor_as, field, make_app, open_section, saved, scrolled_into_view

SIZE = (120, 36)
SAMPLE_IDS = ["goal-1", "goal-2", "goal-3", "goal-4"]


async def open_goals(pilot: Pilot[Any], app: IEPMeetingApp) -> GoalList:
    await open_section(pilot, app, "goals")
    goals = app.screen.query_one(GoalList)
    goals.query_one(OptionList).focus()
    await pilot.pause()
    return goals


def summaries(goals: RecordList) -> list[str]:
    options = goals.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_new_goal_gets_the_next_id_and_its_fields_are_saved(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        goals = await open_goals(pilot, app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.focused, type(field(app, "goals", 4, "area").editor))  # the form has the focus

        field(app, "goals", 4, "area").editor.focus()
        await pilot.press("enter", "down", "enter")  # academic -> functional
        field(app, "goals", 4, "domain").editor.focus()
        await pilot.press(*"self-reg", "right")  # → takes the goal bank's suggestion
        field(app, "goals", 4, "statement").editor.focus()
        await pilot.press(*"Calm plan")
        field(app, "goals", 4, "baseline").editor.focus()
        await pilot.press(*"2/5 [b]")
        field(app, "goals", 4, "target").editor.focus()
        await pilot.press(*"5/5")
        field(app, "goals", 4, "measured_by").editor.focus()
        await pilot.press(*"log")
        field(app, "goals", 4, "reporting").editor.focus()
        await pilot.press(*"qtr")
        field(app, "goals", 4, "minutes_per_week").editor.focus()
        await pilot.press(*"30")

        objectives = next(r for r in goals.query(RecordList) if r.list_path == ("goals", 4, "objectives"))
        objectives.query_one(OptionList).focus()
        await pilot.press("ctrl+n")  # in the nested list: adds an objective, not a goal
        await pilot.pause()
        await pilot.press(*"3/5")
        field(app, "goals", 4, "objectives", 0, "target_date").editor.focus()
        await pilot.press(*"2027-06-01")

        plan = await saved(pilot, app)
        assert [g.id for g in plan.goals] == [*SAMPLE_IDS, "goal-5"]
        goal = plan.goals[4]
        assert goal.area is GoalArea.FUNCTIONAL
        assert goal.domain == "self-regulation"
        assert goal.statement == "Calm plan"
        assert goal.baseline == "2/5 [b]"  # typed text stays text
        assert (goal.target, goal.measured_by, goal.reporting) == ("5/5", "log", "qtr")
        assert goal.minutes_per_week == 30
        assert [(o.statement, str(o.target_date)) for o in goal.objectives] == [("3/5", "2027-06-01")]
        assert summaries(goals)[4] == "5. goal-5 · self-regulation · 30 min/week"


async def test_the_goal_bank_hints_show_in_empty_fields_only(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot, app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        baseline = editor_as(LongTextArea, field(app, "goals", 4, "baseline"))
        assert str(baseline.placeholder).startswith("e.g. ")  # an example, not an answer
        field(app, "goals", 4, "domain").editor.focus()
        await pilot.press(*"written e", "right")
        await pilot.pause()
        assert str(baseline.placeholder).startswith("e.g. Rubric score")  # the bank's hint for that area
        plan = await saved(pilot, app)
        assert plan.goals[4].baseline == ""  # a hint is never written into the plan


async def test_moving_a_goal_keeps_every_id(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        goals = await open_goals(pilot, app)
        await pilot.press("alt+down")  # goal-1 one down
        await pilot.pause()
        await pilot.press("alt+down")  # and once more: it stays selected
        plan = await saved(pilot, app)
        assert [g.id for g in plan.goals] == ["goal-2", "goal-3", "goal-1", "goal-4"]
        assert plan.goals[2].domain == "reading fluency"
        assert summaries(goals)[2] == "3. goal-1 · reading fluency · 150 min/week"
        # the services still point at the same goals
        assert plan.services[0].goals == ("goal-1",)

        await pilot.press("alt+up")
        plan = await saved(pilot, app)
        assert [g.id for g in plan.goals] == ["goal-2", "goal-1", "goal-3", "goal-4"]


async def test_removing_a_goal_asks_first(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot, app)
        await pilot.press("down", "ctrl+r")  # goal-2
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # cancel keeps it
        await pilot.pause()
        assert [g.id for g in app.session.plan.goals] == SAMPLE_IDS

        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.click("#confirm")
        plan = await saved(pilot, app)
        assert [g.id for g in plan.goals] == ["goal-1", "goal-3", "goal-4"]

        await pilot.press("ctrl+n")  # ids are never reused
        plan = await saved(pilot, app)
        assert plan.goals[-1].id == "goal-5"


async def test_minutes_that_are_not_a_number_say_so_and_change_nothing(tmp_path):
    app = make_app(tmp_path)
    before = sample_plan_path().read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await open_goals(pilot, app)
        minutes = field(app, "goals", 0, "minutes_per_week")
        minutes.editor.focus()
        await pilot.press("end", "shift+home", *"ten")  # typed over the 150
        await pilot.pause()
        assert minutes.has_class("-unclear")
        assert "whole number" in str(minutes.query_one(".field-problem").render())
        assert app.session.autosave.version == 0  # nothing reached the plan
        await saved(pilot, app)
        assert app.session.plan_file.path.read_bytes() == before


async def test_goals_section_fits_a_small_terminal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        goals = await open_goals(pilot, app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        editor = app.screen.query_one("#editor-goals")
        minutes = field(app, "goals", 4, "minutes_per_week").editor
        minutes.focus()
        assert await scrolled_into_view(pilot, editor, minutes)
        assert editor.max_scroll_y > 0  # the rest is a scroll away, not cut off
        assert goals.query_one(OptionList).region.width >= 40
