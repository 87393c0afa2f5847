"""A whole annual-review meeting driven from the keyboard, from `iep-meeting new`
to the close, then every recorded item read back from the saved TOML."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot

from iep_meeting.cli.main import main
from iep_meeting.meeting.autosave import SaveState
from iep_meeting.meeting.session import open_session
from iep_meeting.model.plan import Outcome, ParkingLotState
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.widgets.fields import BoundField
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import FakeClock


def keys(text: str) -> list[str]:
    return ["space" if c == " " else "enter" if c == "\n" else c for c in text]


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()


async def type_into(pilot: Pilot[Any], path: tuple[str | int, ...], text: str) -> None:
    """Put the cursor in the field bound to `path` (as a click would) and type."""
    app = pilot.app
    field = next(f for f in app.screen.query(BoundField) if f.path == path)
    field.editor.focus()
    await pilot.pause()
    await pilot.press(*keys(text))


async def add_to(pilot: Pilot[Any], list_path: tuple[str | int, ...]) -> None:
    """Click into the list at `list_path` (its Add button when it is empty), then ctrl+n."""
    records = next(r for r in pilot.app.screen.query(RecordList) if r.list_path == list_path)
    records.query_one("#add").focus()
    await pilot.press("ctrl+n")
    await settle(pilot)


async def next_section(pilot, expected: str) -> None:
    await pilot.press("f6")
    await settle(pilot)
    assert pilot.app.session.current.id == expected


async def record(pilot, key: str, *fields: tuple[tuple[str | int, ...], str]) -> None:
    """Open a recording dialog with `key`, fill its fields, save with ctrl+s."""
    await pilot.press(key)
    await settle(pilot)
    for path, text in fields:
        await type_into(pilot, path, text)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert pilot.app.screen.__class__.__name__ == "MeetingScreen", "the dialog did not close"


async def test_a_whole_annual_review_is_recorded(tmp_path, capsys):
    path = tmp_path / "maya-ortiz-2026.toml"
    assert main(["new", str(path), "--student", "Maya Ortiz", "--agenda", "annual-review", "--date", "2026-12-03"]) == 0
    clock = FakeClock(dt.datetime(2026, 12, 3, 15, 30))
    app = IEPMeetingApp(open_session(path, now=clock), cursor_blink=False)

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.session.current.id == "start-up"

        # Start-up: the team, roles, outcomes, end time.
        await add_to(pilot, ("team",))
        await type_into(pilot, ("team", 0, "name"), "Rosa Ortiz")
        await type_into(pilot, ("facilitation", "facilitator"), "Carl Whitfield")
        await type_into(pilot, ("facilitation", "note_taker"), "Priya Nandakumar")
        await type_into(pilot, ("meeting", "planned_end"), "17:00")
        await type_into(pilot, ("facilitation", "desired_outcomes"), "Agree on reading goals\nPlan for the bus")
        await record(pilot, "f2", (("what",), "The agenda and the 17:00 end time"))
        clock.advance(minutes=9)

        # Present levels.
        await next_section(pilot, "present-levels")
        await add_to(pilot, ("present_levels", "areas"))
        await type_into(pilot, ("present_levels", "areas", 0, "area"), "reading")
        await type_into(pilot, ("present_levels", "areas", 0, "strengths"), "Loves stories")
        await type_into(pilot, ("present_levels", "parent_concerns"), "Homework takes too long")
        clock.advance(minutes=18)

        # Goals: one measurable goal, and a decision the parent did not agree to.
        await next_section(pilot, "goals")
        await pilot.press("ctrl+n")
        await settle(pilot)
        goal_path = ("goals", 0)
        await type_into(pilot, (*goal_path, "statement"), "Maya will read 120 words per minute")
        await type_into(pilot, (*goal_path, "baseline"), "85 wcpm")
        await type_into(pilot, (*goal_path, "target"), "120 wcpm in 3 of 4 probes")
        await type_into(pilot, (*goal_path, "measured_by"), "weekly probes")
        await type_into(pilot, (*goal_path, "reporting"), "quarterly")
        await type_into(pilot, (*goal_path, "minutes_per_week"), "120")
        await record(
            pilot,
            "f2",
            (("what",), "Reading group three times a week"),
            (("disagreed",), "Rosa Ortiz wants daily [bold]sessions[/]"),
        )
        await record(pilot, "f3", (("topic",), "Bus schedule"))

        # Services, accommodations, placement.
        await next_section(pilot, "services")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_into(pilot, ("services", 0, "description"), "Reading intervention")
        await type_into(pilot, ("services", 0, "minutes"), "120")
        await next_section(pilot, "accommodations")
        app.screen.query_one("#acc-search").focus()
        await pilot.press(*keys("extended time"), "enter")
        await settle(pilot)
        await next_section(pilot, "placement")
        await type_into(pilot, ("lre", "general_education_percent"), "85")
        await type_into(pilot, ("lre", "explanation"), "Reading group in the resource room")

        # Close: an action item; the parking-lot topic is waiting here.
        await next_section(pilot, "close")
        await record(
            pilot,
            "f4",
            (("owner",), "Carl Whitfield"),
            (("what",), "Call the bus office"),
            (("due",), "2026-12-10"),
        )
        for _ in range(100):
            if app.session.autosave.state is SaveState.SAVED:
                break
            await pilot.pause(0.05)
        await pilot.press("ctrl+q")
        await pilot.pause()

    plan = load_plan(path)
    assert plan.team[0].name == "Rosa Ortiz"
    assert (plan.facilitation.facilitator, plan.facilitation.note_taker) == ("Carl Whitfield", "Priya Nandakumar")
    assert plan.meeting.planned_end == dt.time(17, 0)
    assert plan.facilitation.desired_outcomes == ("Agree on reading goals", "Plan for the bus")
    assert plan.present_levels.areas[0].area == "reading"
    assert plan.present_levels.areas[0].strengths == "Loves stories"
    assert plan.present_levels.parent_concerns == "Homework takes too long"
    goal = plan.goals[0]
    assert goal.statement == "Maya will read 120 words per minute"
    assert (goal.baseline, goal.target, goal.measured_by, goal.reporting) == (
        "85 wcpm",
        "120 wcpm in 3 of 4 probes",
        "weekly probes",
        "quarterly",
    )
    assert goal.minutes_per_week == 120
    first, second = plan.decisions
    assert (first.section, first.what, first.outcome) == (
        "start-up",
        "The agenda and the 17:00 end time",
        Outcome.AGREED,
    )
    assert first.time == dt.datetime(2026, 12, 3, 15, 30)
    assert second.section == "goals" and second.time == dt.datetime(2026, 12, 3, 15, 57)
    assert second.disagreed == "Rosa Ortiz wants daily [bold]sessions[/]"
    assert plan.parking_lot[0].topic == "Bus schedule" and plan.parking_lot[0].state is ParkingLotState.OPEN
    assert plan.parking_lot[0].section == "goals"
    service = plan.services[0]
    assert (service.description, service.minutes) == ("Reading intervention", 120)
    assert (service.start, service.end) == (plan.period.start, plan.period.end)
    assert any("extended time" in a.description.lower() for a in plan.accommodations)
    assert (plan.lre.general_education_percent, plan.lre.explanation) == (85, "Reading group in the resource room")
    action = plan.action_items[0]
    assert (action.owner, action.what, action.due) == ("Carl Whitfield", "Call the bus office", dt.date(2026, 12, 10))
    assert not (tmp_path / "maya-ortiz-2026.toml.lock").exists()
